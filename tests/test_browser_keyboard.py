"""Keyboard alone: skip link, visible focus, menu, search, language selector, catalogue filters."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(served_site, browser):
    """A fresh desktop-sized page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def focused(page) -> dict:
    """What has the keyboard focus."""
    return page.evaluate("""() => {
        const e = document.activeElement;
        const style = getComputedStyle(e);
        return {tag: e.tagName, cls: e.className || "", href: e.getAttribute("href"), text: e.textContent.trim(),
                inArticle: !!e.closest("article"), inSelect: !!e.closest(".md-select"),
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
                shadow: style.boxShadow !== "none"};
    }""")


def tab_until(page, condition, limit: int = 60) -> dict:
    """Press Tab until `condition(focused element)` holds; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if condition(now):
            return now
    raise AssertionError("never reached by Tab")


def test_skip_link_moves_focus_to_the_content(page, served_site) -> None:
    base, _ = served_site
    page.goto(base + "de/challenges/invoicing/")
    page.keyboard.press("Tab")
    assert "md-skip" in focused(page)["cls"]
    assert page.evaluate("getComputedStyle(document.activeElement).visibility") == "visible"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["inArticle"]


def test_every_focused_element_shows_its_focus(page, served_site) -> None:
    base, _ = served_site
    page.goto(base + "en/")
    invisible = []
    for _ in range(40):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] != "BODY" and not (now["outline"] or now["shadow"]):
            invisible.append(now)
    assert invisible == []


def test_language_selector_by_keyboard_leads_to_the_same_page(page, served_site) -> None:
    base, _ = served_site
    page.goto(base + "de/challenges/invoicing/")
    tab_until(page, lambda f: f["inSelect"] and f["tag"] == "BUTTON")
    link = tab_until(page, lambda f: f["inSelect"] and f["tag"] == "A" and "English" in f["text"])
    assert link["href"]
    page.keyboard.press("Enter")
    page.wait_for_url(base + "en/challenges/invoicing/")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_search_by_keyboard_finds_pages_in_the_page_language_only(page, served_site) -> None:
    base, _ = served_site
    page.goto(base + "de/")
    tab_until(page, lambda f: "md-search__input" in f["cls"])
    page.keyboard.type("Rechnungen")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(h.startswith(base + "de/") for h in hrefs), hrefs


def test_danish_search_stays_danish(page, served_site) -> None:
    base, _ = served_site
    page.goto(base)
    tab_until(page, lambda f: "md-search__input" in f["cls"])
    page.keyboard.type("fakturaer")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs and not any(h.startswith((base + "de/", base + "en/")) for h in hrefs), hrefs


def test_menu_opens_by_keyboard_on_a_phone(served_site, browser) -> None:
    base, _ = served_site
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(base + "en/challenges/")
    tab_until(page, lambda f: f["tag"] == "BUTTON" and "md-header__button" in f["cls"])
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    link = tab_until(page, lambda f: f["tag"] == "A" and f["href"] and "about" in f["href"])
    assert link
    context.close()


def test_phone_header_buttons_do_not_show_on_a_desktop(page, served_site) -> None:
    base, _ = served_site
    page.goto(base + "en/")
    shown = page.evaluate("""() => [...document.querySelectorAll("button.md-header__button[data-for]")]
        .filter(b => b.getClientRects().length > 0).map(b => b.getAttribute("aria-label"))""")
    assert shown == []


def test_catalogue_filters_narrow_the_list_by_keyboard(page, served_site) -> None:
    base, _ = served_site
    page.goto(base + "en/challenges/")
    cards = page.locator(".challenge-card")
    total = cards.count()
    assert total == 5
    tab_until(page, lambda f: f["tag"] == "SELECT")
    assert page.evaluate("document.activeElement.id") == "filter-status"
    page.keyboard.press("Tab")  # theme
    page.keyboard.press("ArrowDown")  # the first theme in the list
    page.keyboard.press("Tab")  # the change takes effect, as for a screen-reader user
    visible = page.locator(".challenge-card:not([hidden])")
    assert 0 < visible.count() < total
    status = page.locator(".challenge-filters__count").text_content()
    assert status == f"Showing {visible.count()} of {total} challenges."
    assert page.locator(".challenge-filters__count").get_attribute("role") == "status"


def test_catalogue_lists_everything_without_javascript(served_site, browser) -> None:
    base, _ = served_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "de/challenges/")
    assert page.locator(".challenge-card").count() == 5
    assert not page.locator("form.challenge-filters").is_visible()
    context.close()


def test_the_short_path_was_leads_to_the_accessibility_statement(page, served_site) -> None:
    base, _ = served_site
    page.goto(base + "was/")
    page.wait_for_url(base + "accessibility/")
    assert page.locator("article h1").text_content().startswith("Tilgængelighedserklæring")


@pytest.mark.parametrize("lang, text", [("da", "Tilgængelighedserklæring"), ("de", "Erklärung zur Barrierefreiheit"), ("en", "Accessibility statement")])
def test_every_footer_links_the_accessibility_statement(page, served_site, lang: str, text: str) -> None:
    base, _ = served_site
    page.goto(base + ("" if lang == "da" else f"{lang}/") + "challenges/invoicing/")
    link = page.locator(".md-footer a", has_text=text)
    link.click()
    page.wait_for_url(base + ("" if lang == "da" else f"{lang}/") + "accessibility/")
