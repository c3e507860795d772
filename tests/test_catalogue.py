"""The catalogue as a reader uses it: the follow block, titles in the reader's alphabet, filters.

Sorting is checked on a copy of the project with the challenges in
tests/fixtures/collation/ added: the same titles (Åben, Æsker, Ärger, Øko,
Ölspuren, Straßenschäden, …) in every language, so that the order shows each
alphabet's rules, with JavaScript (Intl.Collator) and without (the order the
build writes).
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from built_pages import CHALLENGE_IDS, LANGUAGES, article, page, prefix, text
from conftest import build, copy_project, free_port, serve

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).with_name("fixtures") / "collation"

# The fixture titles in the order each language's readers expect.
DANISH_ORDER = [
    "Straßenschäden melden",
    "Strategi for data",
    "Vandløb og natur",
    "Über die Grenze",
    "Ärger mit Formularen",
    "Æsker og emballage",
    "Øko-tilsyn med planter",
    "Ölspuren auf Straßen",
    "Åben adgang til data",
]
ROOT_ORDER = [
    "Åben adgang til data",
    "Æsker og emballage",
    "Ärger mit Formularen",
    "Øko-tilsyn med planter",
    "Ölspuren auf Straßen",
    "Straßenschäden melden",
    "Strategi for data",
    "Über die Grenze",
    "Vandløb og natur",
]
EXPECTED_ORDER = {"da": DANISH_ORDER, "de": ROOT_ORDER, "en": ROOT_ORDER}
FIXTURE_TITLES = set(ROOT_ORDER)


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "hooks/govtech/strings" / f"{lang}.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sorting_site(tmp_path_factory: pytest.TempPathFactory):
    """The project with the sorting fixtures added, built and served; yields (base URL, site folder)."""
    project = copy_project(tmp_path_factory.mktemp("sorting-project"))
    for file in FIXTURES.glob("*.yml"):
        shutil.copy(file, project / "challenges" / file.name)
    port = free_port()
    result = build(project, tmp_path_factory.mktemp("sorting-site"), SITE_URL=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.output
    with serve(result.site, port) as base:
        yield base, result.site


def card_titles(browser_page) -> list[str]:
    """The titles of the cards a reader sees, top to bottom."""
    return browser_page.locator(".challenge-card:not([hidden]) h2").all_text_contents()


# --------------------------------------------------------------------------- follow block


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_and_every_challenge_page_say_how_to_follow_the_programme(site: Path, lang: str) -> None:
    s = strings(lang)["follow"]
    pages = [f"{prefix(lang)}challenges/"] + [f"{prefix(lang)}challenges/{c}/" for c in CHALLENGE_IDS]
    for url_path in pages:
        doc = page(site, url_path)
        [heading] = article(doc).xpath(".//h2[@id='follow']")
        assert text(heading) == s["title"]
        [block] = heading.xpath("following-sibling::ul[1]")
        links = {}
        for item in block.xpath("./li"):
            [link] = item.xpath("./a[1]")
            assert len(text(item)) > len(text(link)) + 40, f"{url_path}: '{text(link)}' is explained in a sentence"
            href = link.get("href")
            if text(link) == s["subscribe"]:
                # Calendar apps subscribe to a webcal:// address: the calendar's, at the address the site is built for.
                assert href == f"webcal://127.0.0.1:8000/{prefix(lang)}calendar.ics", f"{url_path}: {href}"
                href = "../" * (url_path.count("/") - prefix(lang).count("/")) + "calendar.ics"  # the same file, from this page
            assert not urlsplit(href).scheme and not href.startswith("/"), f"{url_path}: {href} works from any address"
            target = (site / url_path / href).resolve()
            assert target.is_file(), f"{url_path}: {href}"
            links[text(link)] = (target, link.get("download") is not None)
        language_root = (site / prefix(lang)).resolve()
        assert links[s["feed"]] == (language_root / "feed" / "atom.xml", False)
        assert links[s["subscribe"]] == (language_root / "calendar.ics", False)
        assert links[s["download"]] == (language_root / "calendar.ics", True)
        assert links[s["open_data"]] == (site.resolve() / "challenges.json", False)
        [schema] = [a for a in block.iter("a") if text(a) == s["schema"]]
        assert (site / url_path / schema.get("href")).resolve() == site.resolve() / "schema" / "challenges.schema.json"
    # What the links lead to is what the block promises.
    assert ET.parse(site / prefix(lang) / "feed" / "atom.xml").getroot().tag == "{http://www.w3.org/2005/Atom}feed"
    assert (site / prefix(lang) / "calendar.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert json.loads((site / "challenges.json").read_text(encoding="utf-8"))["challenges"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_introduction_points_to_the_follow_block(site: Path, lang: str) -> None:
    doc = page(site, f"{prefix(lang)}challenges/")
    [link] = article(doc).xpath(".//p/a[@href='#follow']")
    assert text(link) == strings(lang)["follow"]["link"]


# --------------------------------------------------------------------------- sorting


@pytest.mark.parametrize("lang", LANGUAGES)
def test_titles_follow_the_alphabet_of_the_page_language(sorting_site, browser, lang: str) -> None:
    base, _ = sorting_site
    url = f"{base}{prefix(lang)}challenges/"
    orders: dict[bool | str, list[str]] = {}  # with JavaScript or not, and "resorted"
    for javascript in (False, True):
        context = browser.new_context(java_script_enabled=javascript)
        reader = context.new_page()
        reader.goto(url)
        orders[javascript] = card_titles(reader)
        if javascript:
            assert reader.evaluate("document.documentElement.lang") == lang
            reader.select_option("#challenge-sort", "deadline")
            reader.select_option("#challenge-sort", "title")
            orders["resorted"] = card_titles(reader)
        context.close()
    assert [t for t in orders[False] if t in FIXTURE_TITLES] == EXPECTED_ORDER[lang]
    assert orders[True] == orders[False], "the script keeps the order the build wrote"
    assert orders["resorted"] == orders[False]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sorting_by_deadline_puts_the_soonest_first(sorting_site, browser, lang: str) -> None:
    base, _ = sorting_site
    context = browser.new_context()
    reader = context.new_page()
    reader.goto(f"{base}{prefix(lang)}challenges/")
    by_title = card_titles(reader)
    reader.select_option("#challenge-sort", "deadline")
    cards = reader.locator(".challenge-card").evaluate_all("cards => cards.map(c => [c.getAttribute('data-deadline'), c.querySelector('h2').textContent])")
    context.close()
    dated = [d for d, _ in cards if d]
    assert dated == sorted(dated) and {"2030-02-01", "2030-03-01"} <= set(dated)
    assert [d for d, _ in cards[: len(dated)]] == dated, "challenges with a deadline come first"
    undated = [t for d, t in cards if not d]
    assert undated == [t for t in by_title if t in undated], "the others keep their alphabetical order"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filter_choices_are_in_a_readers_order(sorting_site, browser, lang: str) -> None:
    base, _ = sorting_site
    context = browser.new_context()
    reader = context.new_page()
    reader.goto(f"{base}{prefix(lang)}challenges/")
    choices = {name: reader.locator(f"#filter-{name} option").all_text_contents()[1:] for name in ("status", "theme", "owner")}
    collated = {
        name: reader.evaluate("([labels, lang]) => labels.slice().sort(new Intl.Collator(lang).compare)", [choices[name], lang]) for name in ("theme", "owner")
    }
    context.close()
    assert len(choices["owner"]) >= 3 and len(choices["theme"]) >= 3
    assert choices["theme"] == collated["theme"] and choices["owner"] == collated["owner"]
    lifecycle = list(strings(lang)["status"].values())
    assert choices["status"] == sorted(choices["status"], key=lifecycle.index), "statuses in the order a challenge goes through them"


# --------------------------------------------------------------------------- filters


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_filter_shows_exactly_the_cards_with_that_fact(sorting_site, browser, lang: str) -> None:
    base, site = sorting_site
    s = strings(lang)
    cards = page(site, f"{prefix(lang)}challenges/").cssselect(".challenge-card")
    # A fact with a note (an owner not confirmed) is filtered by its plain value, as the reader picks it.
    facts = [{text(dt): dt.getnext().get("data-value") or text(dt.getnext()) for dt in card.cssselect("dt")} for card in cards]
    context = browser.new_context()
    reader = context.new_page()
    reader.goto(f"{base}{prefix(lang)}challenges/")
    count = reader.locator(".challenge-filters__count")
    checked = 0
    for name in ("status", "theme", "owner"):
        label = s["challenge"][name]
        for option in reader.locator(f"#filter-{name} option").all_text_contents()[1:]:
            reader.select_option(f"#filter-{name}", label=option)
            expected = sum(f[label] == option for f in facts)
            assert expected > 0 and reader.locator(".challenge-card:not([hidden])").count() == expected, (label, option)
            assert count.text_content() == s["catalogue"]["shown"].format(shown=expected, total=len(cards))
            checked += 1
        reader.select_option(f"#filter-{name}", "")
    assert reader.locator(".challenge-card:not([hidden])").count() == len(cards)
    # Two filters at once: the cards that match both.
    status, owner = facts[0][s["challenge"]["status"]], facts[0][s["challenge"]["owner"]]
    reader.select_option("#filter-status", label=status)
    reader.select_option("#filter-owner", label=owner)
    both = sum(f[s["challenge"]["status"]] == status and f[s["challenge"]["owner"]] == owner for f in facts)
    assert reader.locator(".challenge-card:not([hidden])").count() == both
    context.close()
    assert checked >= 6


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_card_says_when_its_owner_is_not_confirmed(site: Path, lang: str) -> None:
    s = strings(lang)
    [card] = [c for c in page(site, f"{prefix(lang)}challenges/").cssselect(".challenge-card") if c.cssselect("a[href='data-ethics/']")]
    owner = {text(dt): text(dt.getnext()) for dt in card.cssselect("dt")}[s["challenge"]["owner"]]
    assert owner.endswith(s["challenge"]["owner_not_confirmed"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_says_when_nothing_is_open_and_where_to_read_about_a_new_round(site: Path, lang: str) -> None:
    s = strings(lang)["catalogue"]
    intro = article(page(site, f"{prefix(lang)}challenges/"))
    assert s["none_open"] in text(intro)
    [link] = [a for a in intro.cssselect("a") if text(a) == s["new_round"]]
    assert link.get("href") == "../faq/#new-round"


# --------------------------------------------------------------------------- the view in the address


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filters_and_sort_are_kept_in_the_address_and_restored_from_it(sorting_site, browser, lang: str) -> None:
    base, site = sorting_site
    s = strings(lang)
    cards = page(site, f"{prefix(lang)}challenges/").cssselect(".challenge-card")
    facts = [{text(dt): dt.getnext().get("data-value") or text(dt.getnext()) for dt in card.cssselect("dt")} for card in cards]
    owner_label = s["challenge"]["owner"]
    context = browser.new_context()
    reader = context.new_page()
    reader.goto(f"{base}{prefix(lang)}challenges/")
    [key, owner] = reader.locator("#filter-owner option").evaluate_all("options => [options[1].value, options[1].textContent.trim()]")
    reader.select_option("#filter-owner", key)
    reader.select_option("#challenge-sort", "deadline")
    address = reader.url
    assert address.endswith(f"challenges/?owner={key}&sort=deadline"), address
    wanted = sum(f[owner_label] == owner for f in facts)
    shown = card_titles(reader)
    assert 0 < len(shown) == wanted < len(cards)

    reader.reload()  # a reload keeps the view
    assert reader.locator("#filter-owner").input_value() == key and reader.locator("#challenge-sort").input_value() == "deadline"
    assert card_titles(reader) == shown

    shared = context.new_page()  # so does the address bookmarked or sent to someone
    shared.goto(address)
    assert card_titles(shared) == shown
    assert shared.locator(".challenge-filters__count").text_content() == s["catalogue"]["shown"].format(shown=wanted, total=len(cards))
    shared.select_option("#filter-owner", "")
    shared.select_option("#challenge-sort", "title")
    assert shared.url == f"{base}{prefix(lang)}challenges/", "back to the plain address once nothing is chosen"
    # A choice the form does not offer is ignored.
    shared.goto(f"{base}{prefix(lang)}challenges/?owner=no-such-owner&theme={key}")
    assert len(card_titles(shared)) == len(cards)
    context.close()

    # Without JavaScript the address changes nothing: the whole list.
    plain = browser.new_context(java_script_enabled=False)
    reader = plain.new_page()
    reader.goto(address)
    assert len(card_titles(reader)) == len(cards)
    plain.close()
