// Filters and sorting for the challenge catalogue. The cards are in the
// HTML (a large catalogue's split over pages, see below), sorted by title in the page language's alphabet; this script makes
// the form work (CSS lays it out wherever scripts run, so nothing moves when
// this starts), hides cards that do not match and announces the count
// through the role="status" element.
//
// A filter works on the words readers see: its label is the term (<dt>) of
// the fact it filters on, and its chosen option's text is compared with that
// fact (<dd>) on each card. Titles are compared with the page language's
// collation, as the build sorted them.
//
// A large catalogue is built as several pages, each holding a slice of the
// cards in title order and a page navigation (nav.challenge-pages) that
// links to all of them, so that readers without scripts reach every
// challenge. Here, the first change of a filter or of the sort fetches the
// other pages (their relative links in that navigation), adds their cards to
// this page's list and hides the navigation: filters and sorting then work
// over all the challenges, as the count (data-total, from the build) says.
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function card(element) {
    var facts = {};
    Array.prototype.forEach.call(element.querySelectorAll("dt"), function (term) {
      // A fact with a note beside it (an owner not confirmed) names its plain value.
      var fact = term.nextElementSibling;
      facts[text(term)] = fact && fact.getAttribute("data-value") || text(fact);
    });
    return {element: element, title: text(element.querySelector("h2")), facts: facts,
            deadline: element.getAttribute("data-deadline") || "9999-12-31"};
  }

  // The cards of the page at `url`, with their links made absolute (they are relative to that page).
  function fetchCards(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      return Array.prototype.map.call(page.querySelectorAll(".challenge-cards > .challenge-card"), function (element) {
        Array.prototype.forEach.call(element.querySelectorAll("a[href]"), function (link) {
          link.setAttribute("href", new URL(link.getAttribute("href"), url).href);
        });
        return document.importNode(element, true);
      });
    });
  }

  // The form's choices in the page's address (?status=…&theme=…&owner=…&sort=…), so that a filtered view can be
  // bookmarked or shared: `fromAddress` sets the controls from the address (choices the form does not offer
  // are ignored) and says whether it set any; `toAddress` writes the choices made into the address, without
  // adding to the history. Without JavaScript the address changes nothing and the full list shows.
  function fromAddress(form) {
    var params = new URLSearchParams(window.location.search);
    var changed = false;
    Array.prototype.forEach.call(form.querySelectorAll("select[data-filter], select[data-sort]"), function (select) {
      var value = params.get(select.getAttribute("data-filter") || "sort");
      if (value && value !== select.value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
        changed = true;
      }
    });
    return changed;
  }

  function toAddress(form) {
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.querySelectorAll("select[data-filter], select[data-sort]"), function (select) {
      var name = select.getAttribute("data-filter") || "sort";
      if (select.value && select.value !== select.options[0].value) params.set(name, select.value);
      else params.delete(name);
    });
    var query = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function setUp(form) {
    var list = document.querySelector(".challenge-cards");
    var count = document.querySelector(".challenge-filters__count");
    if (!list || !count) return;
    var collator = new Intl.Collator(document.documentElement.lang || undefined);
    var nav = document.querySelector("nav.challenge-pages");
    var total = Number(count.getAttribute("data-total")) || 0;
    var cards = [];
    var byTitle = [];
    var loading = null;

    function use(elements) {
      cards = elements.map(card);
      byTitle = cards.slice().sort(function (a, b) { return collator.compare(a.title, b.title); });
      byTitle.forEach(function (c, index) { c.rank = index; });
    }
    use(Array.prototype.slice.call(list.querySelectorAll(".challenge-card")));

    // Every page's cards, in page order (this page's from this document); once, on the first change.
    function loadAll() {
      if (!nav) return Promise.resolve();
      if (loading) return loading;
      var links = Array.prototype.slice.call(nav.querySelectorAll("a[href]"));
      list.setAttribute("aria-busy", "true");
      loading = Promise.all(links.map(function (link) {
        if (link.getAttribute("aria-current") === "page") return cards.map(function (c) { return c.element; });
        return fetchCards(link.href);
      })).then(function (pages) {
        var elements = [].concat.apply([], pages);
        elements.forEach(function (element) { if (element.parentNode !== list) list.appendChild(element); });
        use(elements);
        nav.hidden = true;
      }, function () {
        loading = null; // Filter what this page holds; the next change tries again.
      }).then(function () {
        list.removeAttribute("aria-busy");
      });
      return loading;
    }

    var filters = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]")).map(function (select) {
      return {select: select, fact: text(select.labels && select.labels[0])};
    });
    var sort = form.querySelector("select[data-sort]");

    function byDeadline(a, b) {
      return a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.rank - b.rank;
    }

    function update() {
      var wanted = filters.map(function (filter) {
        var option = filter.select.selectedOptions[0];
        return {fact: filter.fact, value: filter.select.value ? text(option) : null};
      });
      var shown = 0;
      cards.forEach(function (c) {
        var match = wanted.every(function (w) { return w.value === null || c.facts[w.fact] === w.value; });
        c.element.hidden = !match;
        if (match) shown += 1;
      });
      var order = sort && sort.value === "deadline" ? byTitle.slice().sort(byDeadline) : byTitle;
      order.forEach(function (c) { list.appendChild(c.element); });
      count.textContent = form.getAttribute("data-shown")
        .replace("{shown}", String(shown))
        .replace("{total}", String(Math.max(total, cards.length)));
    }

    form.addEventListener("change", function () {
      toAddress(form);
      update();
      loadAll().then(update);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.classList.add("is-ready");
    var restored = fromAddress(form);
    update();
    if (restored) loadAll().then(update);
  }

  var form = document.querySelector("form.challenge-filters");
  if (form) setUp(form);
})();
