// Filters and sorting for the challenge catalogue. The cards are in the
// HTML, sorted by title in the page language's alphabet; this script makes
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
// If the other pages cannot be fetched, the filters work on this page's
// cards, the count says so (the form's data-shown-here) and the navigation
// stays; the next change tries again.
//
// The form's choices are kept in the page's address (?status=…&theme=…&sort=…),
// so that a filtered view can be bookmarked or shared; opening such an
// address restores them (choices the form does not offer are ignored).
// Without scripts the address changes nothing and the full list shows.
(function () {
  "use strict";

  const form = document.querySelector("form.challenge-filters");
  const list = document.querySelector(".challenge-cards");
  const count = document.querySelector(".challenge-filters__count");
  if (!form || !list || !count) return;

  const nav = document.querySelector("nav.challenge-pages");
  const total = Number(count.dataset.total) || 0;
  const collator = new Intl.Collator(document.documentElement.lang || undefined);
  const filters = Array.from(form.querySelectorAll("select[data-filter]"), (select) => ({select, fact: text(select.labels[0])}));
  // The sort is offered only when some challenge has a deadline.
  const sort = form.querySelector("select[data-sort]");
  const controls = Array.from(form.querySelectorAll("select[data-filter], select[data-sort]"));

  // The cards in the list, read once: {element, title, facts, deadline, rank}; `byTitle` in title order.
  let cards = [];
  let byTitle = [];
  // Whether the list holds every challenge (true once the other pages are in), and whether fetching them failed.
  let complete = !nav;
  let failed = false;
  // The fetch of the other pages while it runs.
  let loading = null;

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
  }

  function readCard(element) {
    const facts = {};
    for (const term of element.querySelectorAll("dt")) {
      // A fact with a note beside it (an owner not confirmed) names its plain value.
      const fact = term.nextElementSibling;
      facts[text(term)] = (fact && fact.dataset.value) || text(fact);
    }
    return {element, title: text(element.querySelector("h2")), facts, deadline: element.dataset.deadline || "9999-12-31", rank: 0};
  }

  function useCards(elements) {
    cards = elements.map(readCard);
    byTitle = cards.slice().sort((a, b) => collator.compare(a.title, b.title));
    byTitle.forEach((card, index) => { card.rank = index; });
  }

  // The cards of the page at `url`, with their links made absolute (they are relative to that page).
  async function fetchCards(url) {
    const response = await fetch(url, {credentials: "same-origin"});
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    return Array.from(page.querySelectorAll(".challenge-cards > .challenge-card"), (element) => {
      for (const link of element.querySelectorAll("a[href]")) {
        link.setAttribute("href", new URL(link.getAttribute("href"), url).href);
      }
      return document.importNode(element, true);
    });
  }

  // Every page's cards, in page order (this page's from this document), into the list.
  function loadOtherPages() {
    if (loading) return loading;
    list.setAttribute("aria-busy", "true");
    const links = Array.from(nav.querySelectorAll("a[href]"));
    const pages = links.map((link) => (link.getAttribute("aria-current") === "page" ? cards.map((card) => card.element) : fetchCards(link.href)));
    loading = Promise.all(pages)
      .then((found) => {
        const elements = found.flat();
        for (const element of elements) {
          if (element.parentNode !== list) list.appendChild(element);
        }
        useCards(elements);
        nav.hidden = true;
        complete = true;
        failed = false;
      })
      .catch(() => {
        failed = true;
      })
      .finally(() => {
        loading = null;
        list.removeAttribute("aria-busy");
      });
    return loading;
  }

  function byDeadline(a, b) {
    return a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.rank - b.rank;
  }

  // What the count says: how many of all the challenges are shown, or, while only this page's cards are here
  // because the others could not be fetched, how many of this page's.
  function countText(shown) {
    if (!complete && failed) return fill(form.dataset.shownHere, {shown, count: cards.length});
    return fill(form.dataset.shown, {shown, total: Math.max(total, cards.length)});
  }

  function update() {
    const wanted = filters.filter((filter) => filter.select.value).map((filter) => ({fact: filter.fact, value: text(filter.select.selectedOptions[0])}));
    let shown = 0;
    for (const card of cards) {
      const match = wanted.every((w) => card.facts[w.fact] === w.value);
      card.element.hidden = !match;
      if (match) shown += 1;
    }
    const order = sort?.value === "deadline" ? byTitle.slice().sort(byDeadline) : byTitle;
    for (const card of order) list.appendChild(card.element);
    count.textContent = countText(shown);
  }

  // The address's name of a control's choice: the filter's name, or `sort`.
  function parameter(select) {
    return select.dataset.filter || "sort";
  }

  // Sets the controls from the page's address; whether it set any.
  function fromAddress() {
    const params = new URLSearchParams(window.location.search);
    let changed = false;
    for (const select of controls) {
      const value = params.get(parameter(select));
      if (value && value !== select.value && Array.from(select.options).some((option) => option.value === value)) {
        select.value = value;
        changed = true;
      }
    }
    return changed;
  }

  // Writes the choices made into the page's address, without adding to the history.
  function toAddress() {
    const params = new URLSearchParams(window.location.search);
    for (const select of controls) {
      if (select.value && select.value !== select.options[0].value) params.set(parameter(select), select.value);
      else params.delete(parameter(select));
    }
    const query = params.toString();
    window.history.replaceState(window.history.state, "", window.location.pathname + (query ? `?${query}` : "") + window.location.hash);
  }

  form.addEventListener("change", async () => {
    toAddress();
    if (!complete) await loadOtherPages();
    update();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  useCards(Array.from(list.querySelectorAll(".challenge-card")));
  form.classList.add("is-ready");
  const restored = fromAddress();
  update();
  if (restored && !complete) loadOtherPages().then(update);
})();
