// Filters and sorting for the challenge catalogue. The full list is in the
// HTML; this script makes the form work (CSS lays it out wherever scripts
// run, so nothing moves when this starts), hides cards that do not match and
// announces the count through the role="status" element.
(function () {
  "use strict";

  function setUp(form) {
    var list = document.querySelector(".challenge-cards");
    var count = document.querySelector(".challenge-filters__count");
    if (!list || !count) return;
    var cards = Array.prototype.slice.call(list.querySelectorAll(".challenge-card"));
    var filters = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var sort = form.querySelector("select[data-sort]");
    var byTitle = cards.slice();

    function byDeadline(a, b) {
      var x = a.getAttribute("data-deadline") || "9999-12-31";
      var y = b.getAttribute("data-deadline") || "9999-12-31";
      return x < y ? -1 : x > y ? 1 : byTitle.indexOf(a) - byTitle.indexOf(b);
    }

    function update() {
      var shown = 0;
      cards.forEach(function (card) {
        var match = filters.every(function (select) {
          return !select.value || card.getAttribute("data-" + select.getAttribute("data-filter")) === select.value;
        });
        card.hidden = !match;
        if (match) shown += 1;
      });
      var order = sort.value === "deadline" ? byTitle.slice().sort(byDeadline) : byTitle;
      order.forEach(function (card) { list.appendChild(card); });
      count.textContent = form.getAttribute("data-shown")
        .replace("{shown}", String(shown))
        .replace("{total}", String(cards.length));
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.classList.add("is-ready");
    update();
  }

  var form = document.querySelector("form.challenge-filters");
  if (form) setUp(form);
})();
