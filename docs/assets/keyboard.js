// Material opens the menu and search on small screens with <label>s for
// hidden checkboxes, which a keyboard cannot reach. Give each a real button
// that toggles the same checkbox and says whether it is open.
(function () {
  "use strict";

  for (const id of ["__drawer", "__search"]) {
    const label = document.querySelector(`label.md-header__button[for="${id}"]`);
    const toggle = document.getElementById(id);
    if (!label || !toggle) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.dataset.for = id;
    button.setAttribute("aria-label", label.title);
    button.setAttribute("aria-expanded", String(toggle.checked));
    button.innerHTML = label.innerHTML;
    button.addEventListener("click", () => toggle.click());
    toggle.addEventListener("change", () => {
      button.setAttribute("aria-expanded", String(toggle.checked));
      if (id === "__search" && toggle.checked) {
        const input = document.querySelector(".md-search__input");
        if (input) input.focus();
      }
    });
    label.replaceWith(button);
  }
})();
