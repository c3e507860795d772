"""Challenge pages a firm can act on: dates that read as dates, facts instead of promises, the timeline,
answered questions, the outcome, and when each page last changed, in real builds of a project with its
own git history (fixtures in tests/fixtures/dated/)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import icalendar
import lxml.html
import pytest
import yaml

from built_pages import LANGUAGES, article, page, prefix, text
from conftest import build, copy_project
from govtech.making.feeds import atom_feed
from govtech.reading.loading import load_catalogue
from govtech_mkdocs.project_config import project_settings
from test_open_data import ATOM, SITE_URL, child, epoch
from test_validator import validate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "dated"
# The days of the project's two commits, and the days the site is built on.
FIRST_COMMIT, SECOND_COMMIT = "2030-01-10T12:00:00+00:00", "2030-02-03T09:00:00+00:00"
BUILDS = {"open": "2030-02-10", "open-later": "2030-02-20", "closed": "2030-03-05"}
LAST_QUESTION = re.compile(r"  - date: 2030-02-03\n.*?(?=\n\nda:)", re.DOTALL)


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "hooks/govtech/strings" / f"{lang}.yml").read_text())


def git(project: Path, *args: str, when: str | None = None) -> None:
    """Run git in `project` as a test user, committing at `when`; no user or system configuration."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(project), *args], check=True, env=env, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site from a project with a history: everything committed on 10 January 2030, the invoicing
    challenge's third answered question (and a comment in the rounds file) on 3 February 2030, and an edit to the about page not committed;
    built while the call is open, ten days later, and after its deadline."""
    project = copy_project(tmp_path_factory.mktemp("history"))
    for fixture in FIXTURES.glob("*.yml"):
        (project / "challenges" / fixture.name).write_text(fixture.read_text())
    invoicing = project / "challenges" / "invoicing.yml"
    full = invoicing.read_text()
    invoicing.write_text(LAST_QUESTION.sub("", full))
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "First state", when=FIRST_COMMIT)
    invoicing.write_text(full)
    rounds = project / "challenges" / "_rounds.yml"
    rounds.write_text(rounds.read_text() + "# A note for editors.\n")
    git(project, "commit", "-q", "-am", "Third answered question", when=SECOND_COMMIT)
    about = project / "docs" / "about.md"
    about.write_text(about.read_text() + "\n")
    built = {}
    for name, day in BUILDS.items():
        result = build(project, tmp_path_factory.mktemp(name), SOURCE_DATE_EPOCH=epoch(day), SITE_URL=SITE_URL)
        assert result.returncode == 0, result.output
        built[name] = result.site
    return built


def facts(site: Path, lang: str, challenge: str) -> dict[str, lxml.html.HtmlElement]:
    """The key facts of a challenge's page: {term: its <dd> element}."""
    [listing] = article(page(site, f"{prefix(lang)}challenges/{challenge}/")).cssselect("dl")
    return {text(dt): dd for dt, dd in zip(listing.cssselect("dt"), listing.cssselect("dd"), strict=False)}


def feed_entries(site: Path, lang: str) -> dict[str, ET.Element]:
    """The entries of a language's Atom feed, by id."""
    feed = ET.parse(site / prefix(lang) / "feed" / "atom.xml").getroot()
    return {e.findtext(f"{ATOM}id", ""): e for e in feed.iter(f"{ATOM}entry")}


def calendar_events(site: Path, path: str) -> dict[str, icalendar.Component]:
    """The events of a calendar file, by UID without the host."""
    calendar = icalendar.Calendar.from_ical((site / path).read_bytes())
    return {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}


DEADLINE = {"da": "28. februar 2030", "de": "28. Februar 2030", "en": "28 February 2030"}
SEMINAR = {"da": "Dato: 27. februar 2030", "de": "Datum: 27. Februar 2030", "en": "Date: 27 February 2030"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_read_as_dates_on_pages_catalogue_feed_and_calendar(sites: dict[str, Path], lang: str) -> None:
    site = sites["open"]
    deadline = facts(site, lang, "invoicing")[strings(lang)["challenge"]["deadline"]]
    assert text(deadline) == DEADLINE[lang], "the whole date, not a numbered list item"
    assert not deadline.cssselect("ol, li")
    assert deadline.cssselect("time")[0].get("datetime") == "2030-02-28"
    card = next(c for c in page(site, f"{prefix(lang)}challenges/").cssselect(".challenge-card") if c.cssselect("a[href='invoicing/']"))
    assert text(card.cssselect("dd")[-1]).endswith(DEADLINE[lang])
    seminar = article(page(site, f"{prefix(lang)}seminar/"))
    assert SEMINAR[lang] in text(seminar)
    assert seminar.cssselect("time[datetime='2030-02-27']")
    entry = feed_entries(site, lang)[f"{SITE_URL}{prefix(lang)}challenges/invoicing/"]
    assert entry.findtext(f"{ATOM}published") == "2030-01-15T00:00:00Z"
    for path in (f"{prefix(lang)}calendar.ics", f"{prefix(lang)}challenges/invoicing/calendar.ics"):
        events = calendar_events(site, path)
        assert events["invoicing-deadline"].decoded("DTSTART") == date(2030, 2, 28)
    assert calendar_events(site, f"{prefix(lang)}calendar.ics")["seminar"].decoded("DTSTART") == date(2030, 2, 27)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_closed_challenge_shows_what_is_known_and_promises_nothing(sites: dict[str, Path], lang: str) -> None:
    s = strings(lang)["challenge"]
    open_facts = facts(sites["open"], lang, "invoicing")
    assert text(open_facts[s["contact"]]) == s["no_contact"], "an open call says plainly what is not published yet"
    for site, challenge in ((sites["open"], "scan-technology"), (sites["closed"], "invoicing"), (sites["open"], "data-ethics")):
        shown = facts(site, lang, challenge)
        assert s["contact"] not in shown, f"{challenge}: no contact line once closed"
        body = text(article(page(site, f"{prefix(lang)}challenges/{challenge}/")))
        assert s["not_published"] not in body and s["no_contact"] not in body
    closed = facts(sites["closed"], lang, "invoicing")
    assert text(closed[s["deadline"]]) == DEADLINE[lang], "the known dates stay"
    assert text(closed[s["status"]]) == strings(lang)["status"]["closed"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unconfirmed_owner_is_shown_as_such(sites: dict[str, Path], lang: str) -> None:
    s = strings(lang)
    owner = text(facts(sites["open"], lang, "data-ethics")[s["challenge"]["owner"]])
    names = yaml.safe_load((ROOT / "challenges/_owners.yml").read_text())["em"]
    assert owner == f"{names[lang]} {s['challenge']['owner_not_confirmed']}"
    assert s["challenge"]["owner_not_confirmed"] not in text(facts(sites["open"], lang, "invoicing")[s["challenge"]["owner"]])
    [ld] = [json.loads(x.text) for x in page(sites["open"], f"{prefix(lang)}challenges/data-ethics/").xpath("//script[@type='application/ld+json']")]
    assert "about" not in ld, "structured data claims no owner that is not confirmed"
    data = {c["id"]: c for c in json.loads((sites["open"] / "challenges.json").read_text())["challenges"]}
    assert data["data-ethics"]["owner"]["confirmed"] is False and data["invoicing"]["owner"]["confirmed"] is True


PHASE_DAYS = {
    "definition": (date(2029, 11, 1), date(2030, 1, 14)),
    "open-call": (date(2030, 1, 15), date(2030, 2, 28)),
    "selection": (date(2030, 3, 1), date(2030, 3, 31)),
    "proof-of-concept": (date(2030, 4, 1), None),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_timeline_is_an_ordered_list_and_in_the_calendars(sites: dict[str, Path], lang: str) -> None:
    s = strings(lang)["challenge"]
    content = article(page(sites["open"], f"{prefix(lang)}challenges/invoicing/"))
    [heading] = [h for h in content.cssselect("h2") if text(h) == s["timeline"]]
    [timeline] = content.cssselect("ol.timeline")
    items = timeline.cssselect("li")
    assert [text(li.cssselect("strong")[0]) for li in items] == [s["phases"][key] for key in PHASE_DAYS]
    for li, (start, end) in zip(items, PHASE_DAYS.values(), strict=False):
        assert [t.get("datetime") for t in li.cssselect("time")] == [d.isoformat() for d in (start, end) if d]
    assert [li.get("aria-current") for li in items] == [None, "step", None, None]
    assert text(items[1]).endswith(s["timeline_current"])
    closed = article(page(sites["closed"], f"{prefix(lang)}challenges/invoicing/")).cssselect("ol.timeline li[aria-current]")
    assert closed == [], "no phase is current once the challenge is closed"
    for path in (f"{prefix(lang)}calendar.ics", f"{prefix(lang)}challenges/invoicing/calendar.ics"):
        events = calendar_events(sites["open"], path)
        for key, (start, end) in PHASE_DAYS.items():
            event = events[f"invoicing-timeline-{key}"]
            assert event.decoded("DTSTART") == start
            assert s["phases"][key] in str(event["SUMMARY"])
            if end:
                assert event.decoded("DTEND") == end + timedelta(days=1), "all-day events end the day after"
            else:
                assert "DTEND" not in event


QUESTIONS = [("question-2030-01-20", date(2030, 1, 20)), ("question-2030-01-20-2", date(2030, 1, 20)), ("question-2030-02-03", date(2030, 2, 3))]
ANSWERED = {"da": "Besvaret 3. februar 2030", "de": "Beantwortet am 3. Februar 2030", "en": "Answered 3 February 2030"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_answered_questions_are_on_the_page_and_in_the_feed(sites: dict[str, Path], lang: str) -> None:
    fixture = yaml.safe_load((FIXTURES / "invoicing.yml").read_text())["questions"]
    content = article(page(sites["open"], f"{prefix(lang)}challenges/invoicing/"))
    [section] = [h for h in content.cssselect("h2") if text(h) == strings(lang)["challenge"]["questions"]]
    headings = content.cssselect("h3[id^='question-']")
    assert [(h.get("id"), text(h)) for h in headings] == [(anchor, q[lang]["question"]) for (anchor, _), q in zip(QUESTIONS, fixture, strict=False)]
    assert ANSWERED[lang] in text(content)
    assert fixture[2][lang]["answer"] in text(content)
    entries = feed_entries(sites["open"], lang)
    for anchor, day in QUESTIONS:
        entry = entries[f"{SITE_URL}{prefix(lang)}challenges/invoicing/#{anchor}"]
        assert entry.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}published") == f"{day}T00:00:00Z"
        assert child(entry, f"{ATOM}link").get("href", "").endswith(f"#{anchor}")
    data = next(c for c in json.loads((sites["open"] / "challenges.json").read_text())["challenges"] if c["id"] == "invoicing")
    assert [(q["date"], q["anchor"]) for q in data["questions"]] == [(d.isoformat(), a) for a, d in QUESTIONS]
    assert data["questions"][0]["question"] == {lang: fixture[0][lang]["question"] for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_outcome_names_the_selected_firms(sites: dict[str, Path], lang: str) -> None:
    s = strings(lang)["challenge"]
    fixture = yaml.safe_load((FIXTURES / "scan-technology.yml").read_text())["outcome"]
    content = article(page(sites["open"], f"{prefix(lang)}challenges/scan-technology/"))
    assert s["outcome"] in [text(h) for h in content.cssselect("h2")]
    assert fixture[lang].strip() in text(content)
    [firms] = [h.getnext() for h in content.cssselect("h3") if text(h) == s["selected_firms"]]
    assert [text(li) for li in firms.cssselect("li")] == ["Eksempel ApS", "Prøve & Co."]
    assert [a.get("href") for a in firms.cssselect("a")] == ["https://example.com/"]
    assert not article(page(sites["open"], f"{prefix(lang)}challenges/invoicing/")).xpath(f"//h2[normalize-space()='{s['outcome']}']")
    data = next(c for c in json.loads((sites["open"] / "challenges.json").read_text())["challenges"] if c["id"] == "scan-technology")
    assert data["outcome"]["firms"] == [{"name": "Eksempel ApS", "url": "https://example.com/"}, {"name": "Prøve & Co."}]


def test_the_feed_changes_only_with_content_or_status(sites: dict[str, Path]) -> None:
    for lang in LANGUAGES:
        assert (sites["open"] / prefix(lang) / "feed/atom.xml").read_bytes() == (sites["open-later"] / prefix(lang) / "feed/atom.xml").read_bytes()
        url = f"{SITE_URL}{prefix(lang)}challenges/"
        updated = {
            name: {i.removeprefix(url): e.findtext(f"{ATOM}updated", "")[:10] for i, e in feed_entries(site, lang).items()} for name, site in sites.items()
        }
        assert updated["open"]["invoicing/"] == "2030-02-03", "the day its file last changed"
        assert updated["open"]["scan-technology/"] == updated["open"]["data-ethics/"] == "2030-01-10"
        assert updated["closed"]["invoicing/"] == "2030-03-01", "the day after the deadline closed the call"
        assert updated["closed"]["scan-technology/"] == "2030-01-10"
    data = {c["id"]: c["changed"] for c in json.loads((sites["open"] / "challenges.json").read_text())["challenges"]}
    assert data["invoicing"] == "2030-02-03" and data["user-data"] == "2030-01-10"


CHANGED = {
    "da": {"2030-01-10": "Sidst ændret 10. januar 2030", "2030-02-03": "Sidst ændret 3. februar 2030", "2030-02-10": "Sidst ændret 10. februar 2030"},
    "de": {
        "2030-01-10": "Zuletzt geändert am 10. Januar 2030",
        "2030-02-03": "Zuletzt geändert am 3. Februar 2030",
        "2030-02-10": "Zuletzt geändert am 10. Februar 2030",
    },
    "en": {"2030-01-10": "Last changed 10 January 2030", "2030-02-03": "Last changed 3 February 2030", "2030-02-10": "Last changed 10 February 2030"},
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_says_when_its_content_last_changed(sites: dict[str, Path], lang: str) -> None:
    site = sites["open"]
    # Only docs/about.md has an edit not committed: it changed on the build's day, its translations did not.
    # The results page changes with its rounds file too.
    expected = {"challenges/invoicing/": "2030-02-03", "challenges/": "2030-02-03", "rounds/": "2030-02-03"} | (
        {"about/": "2030-02-10"} if lang == "da" else {}
    )
    others = [prefix(o) for o in LANGUAGES if o != lang and prefix(o)]
    pages = [
        f.parent.relative_to(site / prefix(lang)).as_posix() + "/"
        for f in (site / prefix(lang)).rglob("index.html")
        if not any(f.relative_to(site).as_posix().startswith(o) for o in others) and f.parent.name != "was"
    ]
    assert len(pages) >= 15
    for path in pages:
        path = "" if path == "./" else path
        doc = page(site, prefix(lang) + path)
        day = expected.get(path, "2030-01-10")
        [line] = article(doc).cssselect("p.page-changed")
        assert text(line) == CHANGED[lang][day], path
        assert line.cssselect("time")[0].get("datetime") == day
        [ld] = [json.loads(x.text) for x in doc.xpath("//script[@type='application/ld+json']")]
        assert ld["dateModified"] == day, path


def test_field_reference_lists_the_new_fields(sites: dict[str, Path]) -> None:
    for lang in LANGUAGES:
        fields = " ".join(text(td) for td in article(page(sites["open"], f"{prefix(lang)}agencies/reference/")).xpath("//tbody/tr/td[1]"))
        for name in (
            "owner_confirmed",
            "timeline.definition",
            "timeline.*.start",
            "questions[].date",
            "questions[].*.answer",
            "outcome.firms[].url",
            "outcome.da",
        ):
            assert name in fields, (lang, name)


def test_a_phase_that_ends_before_it_starts_is_one_precise_problem(folder: Path, capsys: pytest.CaptureFixture) -> None:
    wrong = (FIXTURES / "invoicing.yml").read_text().replace("    start: 2030-03-01\n", "    start: 2030-04-02\n")
    (folder / "invoicing.yml").write_text(wrong)
    line = wrong.splitlines().index("    end: 2030-03-31") + 1
    code, problems = validate(folder, capsys)
    assert code == 1
    assert problems == [f"{folder / 'invoicing.yml'}:{line}:5: `timeline.selection` ends on 2030-03-31, before it starts on 2030-04-02; correct one of them."]


def test_the_templates_optional_fields_are_valid_once_filled_in(folder: Path, capsys: pytest.CaptureFixture) -> None:
    """Every commented-out optional field of challenges/_template.yml, uncommented and filled in, passes the check."""
    optional = ("owner_confirmed:", "timeline:", "questions:", "outcome:")
    lines, inside = [], False
    for line in (ROOT / "challenges/_template.yml").read_text().splitlines():
        starts = line.startswith("# ") and line[2:].startswith(optional)
        inside = starts or (inside and line.startswith("#   "))
        lines.append(line[2:] if inside else line)
    filled = "\n".join(lines).replace("YYYY-MM-DD", "2030-01-01") + "\n"
    for field in optional:
        assert f"\n{field}" in filled, field
    (folder / "new-challenge.yml").write_text(filled)
    assert validate(folder, capsys) == (0, [])


def test_a_publication_day_still_to_come_is_not_yet_the_feeds_published() -> None:
    """Before its publication day an entry has no `published`; from that day on it has."""
    catalogue = load_catalogue(ROOT / "challenges", project_settings(ROOT))
    upcoming = replace(catalogue, challenges=(replace(catalogue.challenges[0], published=date(2030, 2, 28)),))
    for today, published in ((date(2030, 2, 1), None), (date(2030, 3, 1), "2030-02-28T00:00:00Z")):
        entry = ET.fromstring(atom_feed(upcoming, today, SITE_URL, "da")).find(f"{ATOM}entry")
        assert entry is not None and entry.findtext(f"{ATOM}published") == published


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_catalogue_with_an_open_call_does_not_say_nothing_is_open(sites: dict[str, Path], lang: str) -> None:
    none_open = strings(lang)["catalogue"]["none_open"]
    assert none_open not in text(article(page(sites["open"], f"{prefix(lang)}challenges/")))
    assert none_open in text(article(page(sites["closed"], f"{prefix(lang)}challenges/")))
