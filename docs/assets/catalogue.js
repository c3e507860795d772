// Filters and sorting for the challenge catalogue. The full list is in the
// HTML, sorted by title in the page language's alphabet; this script makes
// the form work (CSS lays it out wherever scripts run, so nothing moves when
// this starts), hides cards that do not match and announces the count
// through the role="status" element.
//
// A filter works on the words readers see: its label is the term (<dt>) of
// the fact it filters on, and its chosen option's text is compared with that
// fact (<dd>) on each card. Titles are compared with the page language's
// collation, as the build sorted them.
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function setUp(form) {
    var list = document.querySelector(".challenge-cards");
    var count = document.querySelector(".challenge-filters__count");
    if (!list || !count) return;
    var collator = new Intl.Collator(document.documentElement.lang || undefined);
    var cards = Array.prototype.slice.call(list.querySelectorAll(".challenge-card")).map(function (element) {
      var facts = {};
      Array.prototype.forEach.call(element.querySelectorAll("dt"), function (term) {
        // A fact with a note beside it (an owner not confirmed) names its plain value.
        var fact = term.nextElementSibling;
        facts[text(term)] = fact && fact.getAttribute("data-value") || text(fact);
      });
      return {element: element, title: text(element.querySelector("h2")), facts: facts,
              deadline: element.getAttribute("data-deadline") || "9999-12-31"};
    });
    var filters = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]")).map(function (select) {
      return {select: select, fact: text(select.labels && select.labels[0])};
    });
    var sort = form.querySelector("select[data-sort]");
    var byTitle = cards.slice().sort(function (a, b) { return collator.compare(a.title, b.title); });
    byTitle.forEach(function (card, index) { card.rank = index; });

    function byDeadline(a, b) {
      return a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.rank - b.rank;
    }

    function update() {
      var wanted = filters.map(function (filter) {
        var option = filter.select.selectedOptions[0];
        return {fact: filter.fact, value: filter.select.value ? text(option) : null};
      });
      var shown = 0;
      cards.forEach(function (card) {
        var match = wanted.every(function (w) { return w.value === null || card.facts[w.fact] === w.value; });
        card.element.hidden = !match;
        if (match) shown += 1;
      });
      var order = sort.value === "deadline" ? byTitle.slice().sort(byDeadline) : byTitle;
      order.forEach(function (card) { list.appendChild(card.element); });
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
