"""Reflow (WCAG 2.1, 1.4.10): every page fits a screen 320 CSS px wide without scrolling sideways.

Every built page in every language is opened in Chromium at 320 × 640, with
and without JavaScript; a wide table (on a page of a project copy, wide
whatever the fonts) scrolls inside its own box, not the page. On a desktop the catalogue's filters sit side by side in one row.
"""

from __future__ import annotations

import pytest

from browser_checks import site_pages
from built_pages import LANGUAGES, prefix
from built_pages import page as built_page
from conftest import build, copy_project, serve

PHONE = {"width": 320, "height": 640}
# The page's width, and what sticks out to the right of the screen (for the failure message).
OVERFLOW = """() => ({
    width: document.documentElement.scrollWidth,
    sticking_out: [...document.body.querySelectorAll("*")].filter(e => {
        if (e.getBoundingClientRect().right <= innerWidth + 0.5) return false;
        for (let box = e.parentElement; box && box !== document.body; box = box.parentElement)
            if (getComputedStyle(box).overflowX !== "visible") return false;  // scrolls or clips inside its box
        return true;
    }).slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} (right edge at ${Math.round(e.getBoundingClientRect().right)} px)`),
})"""


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_no_page_scrolls_sideways_on_a_320_px_screen(served_site, browser, javascript: bool) -> None:
    base, site = served_site
    # A page that only forwards to another (/was/) is checked as the page it forwards to.
    pages = [p for p in site_pages(site) if not built_page(site, p).xpath("//meta[@http-equiv='refresh']")]
    assert len(pages) >= 3 * 15
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    too_wide = {}
    for path in pages:
        page.goto(base + path)
        found = page.evaluate(OVERFLOW)
        if found["width"] > PHONE["width"]:
            too_wide[path] = found
    context.close()
    assert too_wide == {}


# A table wider than any phone whatever the fonts: each cell holds 200 digits, which no browser breaks.
UNBREAKABLE = "0123456789" * 20
WIDE_TABLE_PAGES = {"da": "Bred tabel", "de": "Breite Tabelle", "en": "Wide table"}


@pytest.fixture(scope="module")
def wide_table_site(tmp_path_factory: pytest.TempPathFactory):
    """A copy of the project with a page holding a wide table in each language (wide-table/), built and served; yields the base URL."""
    project = copy_project(tmp_path_factory.mktemp("wide-table-project"))
    for lang, title in WIDE_TABLE_PAGES.items():
        page = f"---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title}\n\n| A | B |\n| --- | --- |\n| {UNBREAKABLE} | {UNBREAKABLE} |\n"
        (project / "docs" / f"wide-table{'' if lang == 'da' else '.' + lang}.md").write_text(page, encoding="utf-8")
    config = project / "mkdocs.yml"
    assert config.read_text().count("\nnot_in_nav: |\n") == 1
    config.write_text(config.read_text().replace("\nnot_in_nav: |\n", "\nnot_in_nav: |\n  /wide-table*.md\n"))
    result = build(project, tmp_path_factory.mktemp("wide-table-site"))
    assert result.returncode == 0, result.output
    with serve(result.site) as base:
        yield base


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_wide_table_scrolls_inside_its_own_box(wide_table_site: str, browser, lang: str, javascript: bool) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{wide_table_site}{prefix(lang)}wide-table/")
    box = page.evaluate("""() => {
        const table = document.querySelector("article table");
        const scrolls = e => ["auto", "scroll"].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth;
        let box = table;
        while (box && !scrolls(box)) box = box.parentElement;
        return {table: Math.max(table.scrollWidth, table.getBoundingClientRect().width),
                right: box && box.getBoundingClientRect().right, page: document.documentElement.scrollWidth};
    }""")
    context.close()
    assert box["table"] > PHONE["width"], "the table is wider than the screen, so this checks something"
    assert box["right"], "the table scrolls inside a box of its own"
    assert box["right"] <= PHONE["width"] and box["page"] <= PHONE["width"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_filters_sit_in_one_row_on_a_desktop(served_site, browser, lang: str) -> None:
    base, _ = served_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}challenges/")
    fields = page.locator(".challenge-filters__field").evaluate_all(
        "fields => fields.map(f => { const r = f.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, width: r.width}; })"
    )
    context.close()
    # Status, theme and owner; the sort is offered only when a challenge has a deadline (none on the real site).
    assert len(fields) == 3, "status, theme and owner"
    assert len({round(f["top"]) for f in fields}) == 1, fields
    assert all(f["width"] > 100 for f in fields), fields


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_filters_stack_on_a_phone_and_fit_it(served_site, browser, lang: str) -> None:
    base, _ = served_site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}challenges/")
    boxes = page.locator(".challenge-filters select, .challenge-card").evaluate_all(
        "elements => elements.map(e => { const r = e.getBoundingClientRect(); return {tag: e.tagName, left: r.left, right: r.right, top: r.top}; })"
    )
    context.close()
    selects = [b for b in boxes if b["tag"] == "SELECT"]
    assert len({round(s["top"]) for s in selects}) == len(selects) == 3, "one filter below the other"
    assert all(b["left"] >= 0 and b["right"] <= PHONE["width"] for b in boxes), boxes
