"""A guide printed from Chromium on A4: the guide, its checkboxes and link targets, no site chrome."""

from __future__ import annotations

import pytest

from built_pages import LANGUAGES, prefix


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_printed_guide_shows_the_guide_and_nothing_else(served_site, browser, lang: str) -> None:
    base, _ = served_site
    page = browser.new_page()
    page.goto(f"{base}{prefix(lang)}guides/data-ethics-checklist/")
    page.emulate_media(media="print")
    visible = page.evaluate("""() => {
        const shown = e => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
        const boxes = [...document.querySelectorAll("article .task-list-item")];
        return {
            chrome: [".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".md-sidebar--secondary"]
                .filter(s => shown(document.querySelector(s))),
            items: boxes.length,
            shownItems: boxes.filter(shown).length,
            boxBorders: boxes.map(b => getComputedStyle(b.querySelector(".task-list-indicator"), "::before").borderTopStyle),
        };
    }""")
    assert visible["chrome"] == []
    assert visible["items"] >= 10 and visible["shownItems"] == visible["items"]
    assert set(visible["boxBorders"]) == {"solid"}
    assert page.pdf(format="A4")[:4] == b"%PDF"
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_paper_says_where_it_comes_from_and_where_its_links_lead(served_site, browser, lang: str) -> None:
    base, _ = served_site
    page = browser.new_page()
    url = f"{base}{prefix(lang)}guides/application/"
    page.goto(url)
    assert page.locator(".print-source").is_hidden()
    page.emulate_media(media="print")
    source = page.locator(".print-source")
    assert source.is_visible() and url in source.inner_text()
    written = page.evaluate("""() => [...document.querySelectorAll("article a[href*='glossary']")]
        .map(a => getComputedStyle(a, "::after").content)""")
    assert f'" ({base}{prefix(lang)}glossary/' in written[0]
    page.close()
