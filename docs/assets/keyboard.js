// Material opens the menu and search on small screens with <label>s for
// hidden checkboxes, which a keyboard cannot reach. Give each a real button
// that toggles the same checkbox and says whether it is open.
(function () {
  "use strict";
  ["__drawer", "__search"].forEach(function (id) {
    var label = document.querySelector('label.md-header__button[for="' + id + '"]');
    var toggle = document.getElementById(id);
    if (!label || !toggle) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("data-for", id);
    button.setAttribute("aria-label", label.title);
    button.setAttribute("aria-expanded", String(toggle.checked));
    button.innerHTML = label.innerHTML;
    button.addEventListener("click", function () {
      toggle.click();
    });
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
      if (id === "__search" && toggle.checked) {
        var input = document.querySelector(".md-search__input");
        if (input) input.focus();
      }
    });
    label.replaceWith(button);
  });
})();
