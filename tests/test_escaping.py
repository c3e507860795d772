"""A plain-text field shows exactly as typed wherever it lands, and no element is ever made from it.

Titles, summaries, questions, link texts, owner and event names holding markup, character references
and an unclosed comment pass validation: in the browser (header, tab title, heading, cards, filters,
form, search results, metadata, JSON-LD) and in the feed and calendar they read as typed, escaped once.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import icalendar
import lxml.html
import markdown
import pytest
import yaml

from conftest import build, copy_project, free_port, serve
from govtech import LANGUAGES
from govtech.strings import ui_strings
from govtech.urls import lang_prefix

ATOM = "{http://www.w3.org/2005/Atom}"


def hostile(field: str, lang: str) -> str:
    """A text the schema accepts, with an element, a reference, an ampersand and an unclosed comment; different per field and language."""
    return f"{field} {lang} <img src=x id=inj-{field} onerror=alert(1)> & <b id=inj-b>fed</b> &lt; <!--"


# A section name of the navigation as mkdocs.yml may write it (one no interface text translates).
NAV_SECTION = "Guides <b id=inj-nav>&amp;</b> & <!-- tools"


def with_hostile_texts(project: Path) -> Path:
    """`project` with a hostile text in every plain-text field of the invoicing challenge, its owner and the seminar."""
    challenges = project / "challenges"
    data = yaml.safe_load((challenges / "invoicing.yml").read_text())
    for lang in LANGUAGES:
        data[lang].update(title=hostile("title", lang), summary=hostile("summary", lang), question=hostile("question", lang))
    data["questions"] = [{"date": "2019-03-01", **{lang: {"question": hostile("asked", lang), "answer": "An answer."} for lang in LANGUAGES}}]
    data["links"] = [{"url": "https://example.org/", **{lang: hostile("link", lang) for lang in LANGUAGES}}]
    (challenges / "invoicing.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    owners = yaml.safe_load((challenges / "_owners.yml").read_text())
    owners[data["owner"]].update({lang: hostile("owner", lang) for lang in LANGUAGES})
    (challenges / "_owners.yml").write_text(yaml.safe_dump(owners, allow_unicode=True, sort_keys=False))
    events = yaml.safe_load((challenges / "_events.yml").read_text())
    events["seminar"].update(date="2030-02-27", **{lang: hostile("event", lang) for lang in LANGUAGES})
    (challenges / "_events.yml").write_text(yaml.safe_dump(events, allow_unicode=True, sort_keys=False))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - guides:\n", f"  - {json.dumps(NAV_SECTION)}:\n", 1))
    return project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The site with a hostile text in every plain-text field (`with_hostile_texts`); built and served."""
    project = with_hostile_texts(copy_project(tmp_path_factory.mktemp("hostile-project")))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    result = build(project, tmp_path_factory.mktemp("hostile-site"), SITE_URL=base)
    assert result.returncode == 0, result.output
    with serve(result.site, port):
        yield base, result.site


# Every element and comment made from a text would carry one of these; none may exist.
INJECTED = """() => {
    const made = [...document.querySelectorAll("[id^=inj], img[src=x], [onerror]")].map(e => e.outerHTML.slice(0, 80));
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
    while (walker.nextNode()) if (walker.currentNode.data.includes("fed")) made.push("<!--" + walker.currentNode.data.slice(0, 60));
    return made;
}"""

HEAD = """() => ({
    title: document.title,
    topic: document.querySelector(".md-header__topic[data-md-component=header-topic] .md-ellipsis").textContent.trim(),
    h1: document.querySelector("article h1") && document.querySelector("article h1").textContent.replace(/¶$/, "").trim(),
    meta: Object.fromEntries([...document.head.querySelectorAll("meta[name], meta[property]")]
        .map(m => [m.getAttribute("name") || m.getAttribute("property"), m.getAttribute("content")])),
    ld: [...document.querySelectorAll("script[type='application/ld+json']")].map(s => JSON.parse(s.textContent)),
})"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_reads_as_typed_on_the_challenge_page_and_makes_no_element(hostile_site: tuple[str, Path], browser, lang: str) -> None:
    base, _ = hostile_site
    page = browser.new_page()
    dialogs: list[str] = []

    def dismissed(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    page.goto(f"{base}{lang_prefix(lang)}challenges/invoicing/")
    head = page.evaluate(HEAD)
    title = hostile("title", lang)
    assert head["title"] == f"{title} - {ui_strings(lang)['site_name']}"
    assert head["topic"] == head["h1"] == head["meta"]["og:title"] == title
    assert head["meta"]["description"] == head["meta"]["og:description"] == hostile("summary", lang)
    (ld,) = head["ld"]
    assert ld["name"] == title and ld["description"] == hostile("summary", lang) and ld["about"]["name"] == hostile("owner", lang)
    assert NAV_SECTION in page.locator(".md-nav--primary").text_content()
    shown = page.locator("article").inner_text()
    for field in ("summary", "question", "asked", "link", "owner"):
        assert hostile(field, lang) in shown, field
    assert page.evaluate(INJECTED) == [] and dialogs == []
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_the_form_and_the_event_page_show_the_texts_as_typed(hostile_site: tuple[str, Path], browser, lang: str) -> None:
    base, _ = hostile_site
    page = browser.new_page()
    page.goto(f"{base}{lang_prefix(lang)}challenges/")
    card = page.locator(".challenge-card", has=page.locator("a[href='invoicing/']"))
    assert card.locator("h2").text_content() == hostile("title", lang) and card.locator("p").first.text_content() == hostile("summary", lang)
    assert hostile("owner", lang) in page.locator("#filter-owner option").all_text_contents()
    assert page.evaluate(INJECTED) == []
    page.goto(f"{base}{lang_prefix(lang)}agencies/form/")
    assert f"{hostile('owner', lang)} – erst" in page.locator("select option").all_text_contents()  # the owner's name and key
    assert hostile("title", lang) in page.locator("#challenge-start option").all_text_contents()
    page.select_option("#challenge-start", "invoicing")
    page.click("[data-action=start]")
    # The form fetches challenges.json, then fills itself in.
    page.wait_for_function("() => [...document.querySelectorAll('#challenge-form input')].some(e => e.value.startsWith('title '))")
    fields = page.evaluate("() => [...document.querySelectorAll('#challenge-form input, #challenge-form textarea')].map(e => e.value)")
    assert all(hostile(field, lang) in fields for field in ("title", "summary", "question")), fields
    assert page.evaluate(INJECTED) == []
    page.goto(f"{base}{lang_prefix(lang)}seminar/")
    (ld,) = page.evaluate(HEAD)["ld"]
    assert ld["mainEntity"]["name"] == hostile("event", lang)
    assert page.evaluate(INJECTED) == []
    page.close()


def test_search_shows_the_title_as_typed(hostile_site: tuple[str, Path], browser) -> None:
    base, site = hostile_site
    index = json.loads((site / "en" / "search" / "search_index.json").read_text())
    assert any(doc["location"].startswith("challenges/invoicing/") for doc in index["docs"])
    page = browser.new_page()
    page.goto(base + "en/")
    page.locator(".md-search__input").focus()
    page.keyboard.type("onerror")
    result = page.locator(".md-search-result__item", has=page.locator("a[href*='challenges/invoicing/']")).first
    result.wait_for(timeout=30_000)
    assert result.locator("h1").first.text_content().strip() == hostile("title", "en")
    assert page.evaluate(INJECTED) == []
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_and_the_calendar_hold_the_texts_as_typed(hostile_site: tuple[str, Path], lang: str) -> None:
    _, site = hostile_site
    feed = ET.parse(site / lang_prefix(lang) / "feed" / "atom.xml").getroot()
    entries = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")}
    assert entries[hostile("title", lang)] == hostile("summary", lang)
    assert hostile("asked", lang) in entries.values()
    calendar = icalendar.Calendar.from_ical((site / lang_prefix(lang) / "calendar.ics").read_bytes())
    assert hostile("event", lang) in [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_the_pull_request_preview_shows_the_texts_as_typed(tmp_path: Path) -> None:
    """govtech-preview's Markdown (a pull request's job summary), rendered: every text as typed, no element made from one."""
    project = with_hostile_texts(copy_project(tmp_path / "project"))
    result = subprocess.run([sys.executable, "-m", "govtech_mkdocs.preview", "challenges/invoicing.yml"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # No markup of a text is left raw, so no Markdown renderer can make an element of it.
    assert not re.search(r"<(img|b[ >]|!--)", result.stdout)
    # Rendered (the blocks GitHub folds rendered as the rest), every text reads as typed.
    summaries = " ".join(html.unescape(s) for s in re.findall(r"<summary>(.*?)</summary>", result.stdout))
    body = re.sub(r"</?details[^>]*>|<summary>.*?</summary>", "", result.stdout)
    tree = lxml.html.fromstring(f"<div>{markdown.markdown(body, extensions=['tables'])}</div>")
    assert tree.xpath("//*[starts-with(@id, 'inj')] | //img | //b | //comment()") == []
    shown = tree.text_content()
    for lang in LANGUAGES:
        assert hostile("title", lang) in summaries
        for field in ("title", "summary", "question", "asked", "link", "owner"):
            assert hostile(field, lang) in shown, (field, lang)
