"""Open data, feeds, calendars and page metadata, read with real parsers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from jsonschema import Draft202012Validator

from built_pages import CHALLENGE_IDS, LANGUAGES, page, prefix, text
from conftest import build, copy_project

ROOT = Path(__file__).resolve().parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE_URL = "https://govtech.test/"


def child(element: ET.Element, path: str) -> ET.Element:
    """The first element at `path` in `element`; the test fails when there is none."""
    found = element.find(path)
    assert found is not None, f"no {path} in {element.tag}"
    return found


def epoch(day: str) -> str:
    """SOURCE_DATE_EPOCH for noon UTC on `day`."""
    return str(int(datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC).timestamp()))


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site with an open call (published 2030-01-15, deadline 2030-02-28), built before and after its deadline."""
    project = copy_project(tmp_path_factory.mktemp("dated"))
    file = project / "challenges" / "invoicing.yml"
    file.write_text(file.read_text().replace("status: closed\n", "status: open-call\ndates:\n  published: 2030-01-15\n  deadline: 2030-02-28\n"))
    events = project / "challenges" / "_events.yml"
    events.write_text(events.read_text().replace("  page: seminar\n", "  page: seminar\n  date: 2030-02-27\n"))
    sites = {}
    for moment, day in (("before", "2030-02-01"), ("after", "2030-03-01")):
        result = build(project, tmp_path_factory.mktemp(moment), SOURCE_DATE_EPOCH=epoch(day), SITE_URL=SITE_URL)
        assert result.returncode == 0, result.output
        sites[moment] = result.site
    return sites


def test_challenges_json_matches_its_schema(dated: dict[str, Path]) -> None:
    data = json.loads((dated["before"] / "challenges.json").read_text())
    schema = json.loads((ROOT / "schema" / "challenges.schema.json").read_text())
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(data)
    assert [c["id"] for c in data["challenges"]] == sorted(CHALLENGE_IDS)
    invoicing = next(c for c in data["challenges"] if c["id"] == "invoicing")
    assert invoicing["url"] == {lang: f"{SITE_URL}{prefix(lang)}challenges/invoicing/" for lang in LANGUAGES}
    assert invoicing["dates"] == {"published": "2030-01-15", "deadline": "2030-02-28", "deadline_time": None}
    assert invoicing["application"] is None
    assert set(invoicing["texts"]) == set(LANGUAGES)


def test_without_git_no_page_claims_when_it_last_changed(dated: dict[str, Path]) -> None:
    """The copy has no history (no .git): pages leave the line out, and feed entries fall back to the status dates, else the build date."""
    claims = [
        p.relative_to(dated["before"]).as_posix()
        for p in dated["before"].rglob("index.html")
        if page(dated["before"], p.relative_to(dated["before"]).as_posix()).cssselect(".page-changed")
    ]
    assert claims == []
    for moment, day in (("before", "2030-02-01"), ("after", "2030-03-01")):
        updated = {
            e.findtext(f"{ATOM}id"): e.findtext(f"{ATOM}updated", "")[:10] for e in ET.parse(dated[moment] / "feed" / "atom.xml").getroot().iter(f"{ATOM}entry")
        }
        assert updated.pop(f"{SITE_URL}challenges/invoicing/") == {"before": "2030-01-15", "after": "2030-03-01"}[moment]
        assert set(updated.values()) == {day}, "no day is known for the undated challenges"


def test_published_schemas_equal_the_committed_ones(dated: dict[str, Path]) -> None:
    for committed in (ROOT / "schema").glob("*.schema.json"):
        assert (dated["before"] / "schema" / committed.name).read_bytes() == committed.read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_atom_feed_is_valid_and_newest_first(dated: dict[str, Path], lang: str) -> None:
    feed = ET.parse(dated["before"] / prefix(lang) / "feed" / "atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert child(feed, ATOM + required).text
    assert child(feed, f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}{prefix(lang)}feed/atom.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(CHALLENGE_IDS)
    for entry in entries:
        for required in ("id", "title", "updated", "summary"):
            assert child(entry, ATOM + required).text, required
        assert child(entry, f"{ATOM}link[@rel='alternate']").get("href", "").startswith(SITE_URL)
    published = [e.find(f"{ATOM}published") for e in entries]
    days = [p.text or "" for p in published if p is not None]
    assert all(days), "every <published> holds a date"
    assert days == sorted(days, reverse=True) and published[: len(days)] == [p for p in published if p is not None], "dated entries first, newest first"
    assert child(entries[0], f"{ATOM}id").text == f"{SITE_URL}{prefix(lang)}challenges/invoicing/"


def test_every_page_links_its_feed(dated: dict[str, Path]) -> None:
    doc = page(dated["before"], "de/challenges/invoicing/")
    [link] = doc.xpath("//head/link[@type='application/atom+xml']")
    assert (dated["before"] / "de/challenges/invoicing" / link.get("href")).resolve() == (dated["before"] / "de/feed/atom.xml").resolve()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calendars_hold_every_date(dated: dict[str, Path], lang: str) -> None:
    for path in (f"{prefix(lang)}calendar.ics", f"{prefix(lang)}challenges/invoicing/calendar.ics"):
        calendar = icalendar.Calendar.from_ical((dated["before"] / path).read_bytes())
        assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
        events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
        programme_wide = path == f"{prefix(lang)}calendar.ics"
        assert set(events) == {"invoicing-published", "invoicing-deadline"} | ({"seminar"} if programme_wide else set())
        assert events["invoicing-deadline"].decoded("DTSTART") == date(2030, 2, 28)
        assert events["invoicing-deadline"]["URL"] == f"{SITE_URL}{prefix(lang)}challenges/invoicing/"
    link = page(dated["before"], f"{prefix(lang)}challenges/invoicing/").cssselect("a.calendar-link")[0]
    assert link.get("href") == "calendar.ics"


EXPECTED: dict[str, dict[str, tuple[str, str | None]]] = {
    "before": {
        # While the call is open, the card says until when.
        "da": ("Åben for ansøgninger", "Åben indtil 28. februar 2030"),
        "de": ("Bewerbung offen", "Offen bis 28. Februar 2030"),
        "en": ("Open for applications", "Open until 28 February 2030"),
    },
    "after": {"da": ("Afsluttet", None), "de": ("Abgeschlossen", None), "en": ("Closed", None)},
}


@pytest.mark.parametrize("moment", ["before", "after"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_and_dates_follow_the_build_date(dated: dict[str, Path], moment: str, lang: str) -> None:
    status, next_date = EXPECTED[moment][lang]
    card = next(c for c in page(dated[moment], f"{prefix(lang)}challenges/").cssselect(".challenge-card") if c.cssselect("a[href='invoicing/']"))
    assert text(card.cssselect(".status")[0]) == status
    facts = [text(dd) for dd in card.cssselect("dd")]
    if next_date:
        assert facts[-1] == next_date
    else:
        assert "2030" not in facts[-1]
    assert text(page(dated[moment], f"{prefix(lang)}challenges/invoicing/").cssselect("article .status")[0]) == status
    data = json.loads((dated[moment] / "challenges.json").read_text())
    assert next(c for c in data["challenges"] if c["id"] == "invoicing")["status"] == ("open-call" if moment == "before" else "closed")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_metadata_in_its_language(dated: dict[str, Path], lang: str) -> None:
    doc = page(dated["before"], f"{prefix(lang)}challenges/invoicing/")
    texts = __import__("yaml").safe_load((ROOT / "challenges/invoicing.yml").read_text())[lang]
    meta = {m.get("name") or m.get("property"): m.get("content") for m in doc.xpath("//head/meta")}
    assert meta["description"] == texts["summary"] == meta["og:description"]
    assert meta["og:title"] == texts["title"]
    assert meta["og:url"] == f"{SITE_URL}{prefix(lang)}challenges/invoicing/"
    # The page's other languages are named in the root sitemap, not in the head (tests/test_static_hosting.py says why).
    assert doc.xpath("//head/link[@hreflang]") == []
    sitemap = ET.parse(dated["before"] / "sitemap.xml").getroot()
    [entry] = [u for u in sitemap.iter(f"{SITEMAP}url") if u.findtext(f"{SITEMAP}loc") == meta["og:url"]]
    hreflang = {link.get("hreflang"): link.get("href") for link in entry.iter("{http://www.w3.org/1999/xhtml}link")}
    assert hreflang == {o: f"{SITE_URL}{prefix(o)}challenges/invoicing/" for o in LANGUAGES}
    [ld] = [json.loads(s.text) for s in doc.xpath("//script[@type='application/ld+json']")]
    assert ld["inLanguage"] == lang and ld["about"]["@type"] == "GovernmentOrganization"
    assert ld["about"]["url"] == "https://erst.dk"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_dated_seminar_is_an_event_in_the_calendar_and_on_its_page(dated: dict[str, Path], lang: str) -> None:
    calendar = icalendar.Calendar.from_ical((dated["before"] / prefix(lang) / "calendar.ics").read_bytes())
    [seminar] = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("seminar@")]
    assert seminar.decoded("DTSTART") == date(2030, 2, 27)
    assert seminar["URL"] == f"{SITE_URL}{prefix(lang)}seminar/"
    doc = page(dated["before"], f"{prefix(lang)}seminar/")
    [ld] = [json.loads(s.text) for s in doc.xpath("//script[@type='application/ld+json']")]
    assert ld["mainEntity"]["@type"] == "Event" and ld["mainEntity"]["startDate"] == "2030-02-27"
    assert ld["mainEntity"]["inLanguage"] == lang


def test_the_real_seminar_has_no_invented_date(site: Path) -> None:
    for lang in LANGUAGES:
        calendar = icalendar.Calendar.from_ical((site / prefix(lang) / "calendar.ics").read_bytes())
        assert not [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("seminar@")]
        [ld] = [json.loads(s.text) for s in page(site, f"{prefix(lang)}seminar/").xpath("//script[@type='application/ld+json']")]
        assert "mainEntity" not in ld


def test_each_language_has_its_own_404_and_the_root_one_is_danish(dated: dict[str, Path]) -> None:
    for lang in LANGUAGES:
        doc = page(dated["before"], f"{prefix(lang)}404.html")
        assert doc.get("lang") == lang
        selector = {a.get("hreflang"): a.get("href") for a in doc.cssselect("a.md-select__link")}
        assert selector == {"da": "/", "de": "/de/", "en": "/en/"}


def test_every_published_file_is_readable_by_a_web_server(dated: dict[str, Path]) -> None:
    private = [p.relative_to(dated["before"]).as_posix() for p in dated["before"].rglob("*") if p.is_file() and not p.stat().st_mode & 0o004]
    assert private == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sitemap_lists_each_page_of_each_language_once(dated: dict[str, Path], lang: str) -> None:
    locs = [e.text or "" for e in ET.parse(dated["before"] / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert all(locs), "every <loc> names a page"
    assert len(locs) == len(set(locs))
    others = tuple(f"{SITE_URL}{o}/" for o in LANGUAGES if o != lang and prefix(o))
    assert len([loc for loc in locs if loc.startswith(f"{SITE_URL}{prefix(lang)}") and not loc.startswith(others)]) >= 15


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_search_index(dated: dict[str, Path], lang: str) -> None:
    index = json.loads((dated["before"] / prefix(lang) / "search" / "search_index.json").read_text())
    assert index["config"]["lang"] == [lang]
    locations = [d["location"] for d in index["docs"]]
    assert "challenges/invoicing/" in locations
    assert not any(loc.startswith(("de/", "en/")) for loc in locations)
