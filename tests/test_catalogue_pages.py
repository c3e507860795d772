"""A large catalogue as static pages: each a slice of the cards in title order, linked by a page navigation.

Checked on a copy of the project with PAGE_SIZE * 2 + 3 synthetic challenges
(benchmarks/synthetic.py) beside the real five: three pages in every
language. Without JavaScript every challenge is reached through the page
links; with it, the first filter change fetches the other pages and filters
over all the challenges.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from types import ModuleType
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
import yaml
from jsonschema import Draft202012Validator

from browser_checks import axe_violations, visit
from built_pages import LANGUAGES, article, page, prefix, text
from conftest import ROOT, build, copy_project, free_port, serve
from govtech.making.collation import sort_key
from govtech.making.pages import PAGE_SIZE, catalogue_pages
from govtech.schemas import schema
from govtech.urls import catalogue_stem, is_catalogue_stem
from test_reflow import OVERFLOW, PHONE

SYNTHETIC = PAGE_SIZE * 2 + 3
REAL = 5
TOTAL = SYNTHETIC + REAL
PAGES = 3


def _synthetic() -> ModuleType:
    """benchmarks/synthetic.py, the benchmarks' generator of realistic challenge files."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "hooks/govtech/strings" / f"{lang}.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory):
    """The project with enough synthetic challenges for three catalogue pages, built and served; yields (base URL, site folder)."""
    project = copy_project(tmp_path_factory.mktemp("paged-project"))
    _synthetic().write_challenges(ROOT, project / "challenges", SYNTHETIC, date(2026, 3, 1))
    port = free_port()
    result = build(project, tmp_path_factory.mktemp("paged-site"), SITE_URL=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.output
    with serve(result.site, port) as base:
        yield base, result.site


def catalogue_path(lang: str, number: int) -> str:
    return f"{prefix(lang)}challenges/" + ("" if number == 1 else f"{catalogue_stem(number)}/")


def cards(doc: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return article(doc).cssselect("ul.challenge-cards > li.challenge-card")


def card_target(url_path: str, card: lxml.html.HtmlElement) -> str:
    """The path (below the site root) the card's title links to, from the page at `url_path`."""
    [link] = card.xpath("./h2/a")
    return urlsplit(urljoin(f"http://site/{url_path}", link.get("href"))).path.lstrip("/")


def card_themes(site: Path, lang: str, numbers: Iterable[int]) -> dict[str, str]:
    """What the catalogue pages `numbers` hold, read without JavaScript: each card's challenge path and its theme."""
    theme_term = strings(lang)["challenge"]["theme"]
    themes: dict[str, str] = {}
    for number in numbers:
        url_path = catalogue_path(lang, number)
        for card in cards(page(site, url_path)):
            facts = dict(zip((text(t) for t in card.xpath("./dl/dt")), (text(d) for d in card.xpath("./dl/dd")), strict=True))
            themes[card_target(url_path, card)] = facts[theme_term]
    return themes


# --------------------------------------------------------------------------- names and links


def test_page_names_and_their_links() -> None:
    assert [catalogue_stem(n) for n in (1, 2, 10)] == ["index", "page-2", "page-10"]
    assert all(is_catalogue_stem(s) for s in ("index", "page-2", "page-10"))
    assert not any(is_catalogue_stem(s) for s in ("invoicing", "page", "pages-2", "page-2x", "my-page-2"))
    assert catalogue_pages(1, 1) == []
    assert catalogue_pages(1, 3) == [(1, "./"), (2, "page-2/"), (3, "page-3/")]
    assert catalogue_pages(2, 3) == [(1, "../"), (2, "../page-2/"), (3, "../page-3/")]


@pytest.mark.parametrize("ident", ["index", "page-2", "page-17"])
def test_the_catalogue_page_names_are_no_challenge_id(ident: str) -> None:
    id_schema = schema("challenge", ROOT / "schema")["properties"]["id"]
    assert not Draft202012Validator(id_schema).is_valid(ident)
    assert Draft202012Validator(id_schema).is_valid(f"{ident}-review")


# --------------------------------------------------------------------------- without JavaScript


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_real_catalogue_is_one_page_without_page_navigation(site: Path, lang: str) -> None:
    doc = page(site, f"{prefix(lang)}challenges/")
    assert len(cards(doc)) == REAL
    assert not doc.cssselect("nav.challenge-pages")
    assert not (site / prefix(lang) / "challenges" / "page-2").exists()
    [count] = article(doc).cssselect(".challenge-filters__count")
    assert count.get("data-total") == str(REAL)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_holds_its_slice_in_title_order_and_links_to_all_pages(paged_site, lang: str) -> None:
    base, site = paged_site
    s = strings(lang)["catalogue"]
    assert not (site / prefix(lang) / "challenges" / f"page-{PAGES + 1}").exists()
    titles: list[str] = []
    for number in range(1, PAGES + 1):
        url_path = catalogue_path(lang, number)
        doc = page(site, url_path)
        on_page = cards(doc)
        assert len(on_page) == (PAGE_SIZE if number < PAGES else TOTAL - PAGE_SIZE * (PAGES - 1)), url_path
        titles += [text(card.xpath("./h2")[0]) for card in on_page]
        # Same intro, filters and follow block on every page; the count says how many of all.
        assert text(article(doc).xpath(".//h1")[0]) == s["title"]
        assert article(doc).cssselect("form.challenge-filters select[data-filter]")
        assert article(doc).xpath(".//h2[@id='follow']")
        for link in article(doc).xpath(".//ul[@class='follow']//a"):
            if link.get("href").startswith("webcal://"):  # the calendar to subscribe to, at the address the site is built for
                assert link.get("href") == base.replace("http://", "webcal://") + f"{prefix(lang)}calendar.ics", url_path
                continue
            assert (site / url_path / link.get("href")).resolve().is_file(), f"{url_path}: {link.get('href')}"
        [count] = article(doc).cssselect(".challenge-filters__count")
        assert count.get("data-total") == str(TOTAL)
        assert text(count) == s["shown"].format(shown=len(on_page), total=TOTAL)
        # The page navigation: labelled, numbered, the current page marked.
        [nav] = doc.cssselect("nav.challenge-pages")
        assert nav.get("aria-label") == s["pages"]
        links = nav.xpath(".//li/a")
        assert [text(a) for a in links] == [str(n) for n in range(1, PAGES + 1)]
        assert [a.get("aria-label") for a in links] == [s["page"].format(number=n) for n in range(1, PAGES + 1)]
        assert [a.get("aria-current") for a in links] == ["page" if n == number else None for n in range(1, PAGES + 1)]
        for n, a in enumerate(links, 1):
            assert not urlsplit(a.get("href")).scheme and not a.get("href").startswith("/")
            target = urlsplit(urljoin(f"http://site/{url_path}", a.get("href"))).path.lstrip("/")
            assert target == catalogue_path(lang, n)
            assert (site / target / "index.html").is_file()
        title = doc.xpath("//head/title")[0].text
        assert title.startswith(s["title"] if number == 1 else s["page_title"].format(title=s["title"], number=number, pages=PAGES))
    assert titles == sorted(titles, key=lambda t: sort_key(t, lang)), "pages follow one another in title order"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_challenge_is_linked_from_exactly_one_catalogue_page(paged_site, lang: str) -> None:
    _, site = paged_site
    ids = [c["id"] for c in json.loads((site / "challenges.json").read_text(encoding="utf-8"))["challenges"]]
    assert len(ids) == TOTAL
    linked: list[str] = []
    for number in range(1, PAGES + 1):
        url_path = catalogue_path(lang, number)
        for card in cards(page(site, url_path)):
            target = card_target(url_path, card)
            assert (site / target / "index.html").is_file(), target
            linked.append(target)
    assert sorted(linked) == sorted(f"{prefix(lang)}challenges/{i}/" for i in ids)


# --------------------------------------------------------------------------- with JavaScript


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_filter_shows_the_matching_cards_of_all_pages(paged_site, browser, lang: str) -> None:
    base, site = paged_site
    s = strings(lang)
    themes = card_themes(site, lang, range(1, PAGES + 1))
    chosen = sorted(set(themes.values()))[0]
    expected = sorted(path for path, theme in themes.items() if theme == chosen)
    assert PAGE_SIZE < TOTAL and 0 < len(expected) < TOTAL

    context = browser.new_context()
    reader = context.new_page()
    errors: list[str] = []
    reader.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    reader.on("pageerror", lambda error: errors.append(str(error)))
    url = base + catalogue_path(lang, 2)  # a page whose neighbours lie on either side
    reader.goto(url)
    [count_text] = reader.locator(".challenge-filters__count").all_text_contents()
    assert count_text == s["catalogue"]["shown"].format(shown=PAGE_SIZE, total=TOTAL)
    reader.select_option("#filter-theme", label=chosen)
    wanted = s["catalogue"]["shown"].format(shown=len(expected), total=TOTAL)
    reader.wait_for_function("text => document.querySelector('.challenge-filters__count').textContent === text", arg=wanted)
    hrefs = reader.eval_on_selector_all(".challenge-card:not([hidden]) h2 a", "links => links.map(a => a.href)")
    assert sorted(urlsplit(h).path.lstrip("/") for h in hrefs) == expected, "the cards of every page, linking to their challenges"
    assert reader.locator(".challenge-card").count() == TOTAL
    assert reader.locator("nav.challenge-pages").is_hidden(), "the page links go once the list holds every page"
    # Back to all: every challenge once, in title order.
    reader.select_option("#filter-theme", "")
    reader.wait_for_function(
        "text => document.querySelector('.challenge-filters__count').textContent === text",
        arg=s["catalogue"]["shown"].format(shown=TOTAL, total=TOTAL),
    )
    titles = reader.locator(".challenge-card:not([hidden]) h2").all_text_contents()
    assert len(titles) == TOTAL == len(set(reader.eval_on_selector_all(".challenge-card h2 a", "links => links.map(a => a.href)")))
    assert titles == sorted(titles, key=lambda t: sort_key(t, lang))
    assert not errors
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_when_the_other_pages_cannot_be_fetched_the_count_says_so_and_the_page_links_stay(paged_site, browser, lang: str) -> None:
    base, site = paged_site
    s = strings(lang)["catalogue"]
    here = card_themes(site, lang, [1])
    everywhere = card_themes(site, lang, range(1, PAGES + 1))
    # A theme some of this page's cards have, and more cards on the other pages.
    chosen = next(t for t in sorted(set(here.values())) if 0 < list(here.values()).count(t) < list(everywhere.values()).count(t))
    expected = sorted(path for path, theme in here.items() if theme == chosen)

    context = browser.new_context()
    reader = context.new_page()
    page_errors: list[str] = []
    reader.on("pageerror", lambda error: page_errors.append(str(error)))
    fetched: list[str] = []

    def unavailable(route) -> None:
        fetched.append(route.request.url)
        route.fulfill(status=503, body="Service unavailable")

    reader.route("**/challenges/page-*/", unavailable)
    reader.goto(base + catalogue_path(lang, 1))
    reader.select_option("#filter-theme", label=chosen)
    wanted = s["shown_here"].format(shown=len(expected), count=PAGE_SIZE)
    reader.wait_for_function("text => document.querySelector('.challenge-filters__count').textContent === text", arg=wanted)
    assert len(fetched) == PAGES - 1, "the page tried to fetch the other pages"
    hrefs = reader.eval_on_selector_all(".challenge-card:not([hidden]) h2 a", "links => links.map(a => a.href)")
    assert sorted(urlsplit(h).path.lstrip("/") for h in hrefs) == expected, "this page's matching cards"
    assert reader.locator(".challenge-card").count() == PAGE_SIZE
    assert reader.locator("nav.challenge-pages").is_visible(), "the page links stay, to reach the other challenges"
    assert reader.locator(".challenge-cards").get_attribute("aria-busy") is None

    # Once the other pages answer again, the next change fetches them and filters over every challenge.
    reader.unroute("**/challenges/page-*/")
    reader.select_option("#filter-theme", "")
    reader.wait_for_function(
        "text => document.querySelector('.challenge-filters__count').textContent === text", arg=s["shown"].format(shown=TOTAL, total=TOTAL)
    )
    assert reader.locator(".challenge-card").count() == TOTAL
    assert reader.locator("nav.challenge-pages").is_hidden()
    assert page_errors == []
    context.close()


# --------------------------------------------------------------------------- quality


def test_the_catalogue_pages_are_valid_html(paged_site, html_checker: Callable[[list[Path]], list[str]]) -> None:
    _, site = paged_site
    assert html_checker([site / catalogue_path(lang, n) / "index.html" for lang in LANGUAGES for n in range(1, PAGES + 1)]) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_pages_pass_axe_and_fit_a_phone(paged_site, browser, lang: str) -> None:
    base, _ = paged_site
    for javascript in (True, False):
        context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
        reader = context.new_page()
        for number in range(1, PAGES + 1):
            url = base + catalogue_path(lang, number)
            seen = visit(reader, url, run_axe=javascript)
            assert (seen.violations, seen.failures, seen.console_errors, seen.off_origin(base)) == ([], [], [], []), url
            assert reader.evaluate(OVERFLOW)["width"] <= PHONE["width"], url
        if javascript:
            # After the first change, with every page's cards in the list.
            reader.select_option("#challenge-sort", "deadline")
            reader.wait_for_function("n => document.querySelectorAll('.challenge-card').length === n", arg=TOTAL)
            assert axe_violations(reader) == []
            assert reader.evaluate(OVERFLOW)["width"] <= PHONE["width"]
        context.close()
