"""Whether a call is open is decided from the challenge files on the build day, and every page follows: how to apply
on the challenge's page and its card, the open calls on the home page, the FAQ, "taking part" and the guides, or,
while nothing is open, a next step for every firm; the calendar says what it holds. Real builds of copies of the
project with the dated fixtures (tests/fixtures/dated/: an open call with `application`, a closed challenge),
built for a day inside the call and for one after it, and the real files built today."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml
from jsonschema import Draft202012Validator

from built_pages import LANGUAGES, article, page, parse, prefix, text
from conftest import build, copy_project
from test_open_data import SITE_URL, epoch
from test_validator import validate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "dated"
EMAIL = "interesse@example.org"
# The pages that say whether a call is open (their source, and their address below a language's root).
HAND_WRITTEN = {"index": "", "faq": "faq/", "take-part": "take-part/", "guides/index": "guides/", "guides/application": "guides/application/"}
DEADLINE = {"da": "28. februar 2030 kl. 12.00 dansk tid", "de": "28. Februar 2030, 12:00 Uhr dänischer Zeit", "en": "28 February 2030, 12:00 Danish time"}
ACCEPTED = {"da": "dansk eller engelsk", "de": "Dänisch oder Englisch", "en": "Danish or English"}


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "hooks/govtech/strings" / f"{lang}.yml").read_text(encoding="utf-8"))


def dated_project(target: Path) -> Path:
    """A copy of the project with the dated fixtures, the open call's deadline at noon Danish time."""
    project = copy_project(target)
    for fixture in FIXTURES.glob("*.yml"):
        (project / "challenges" / fixture.name).write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    invoicing = project / "challenges" / "invoicing.yml"
    invoicing.write_text(invoicing.read_text(encoding="utf-8").replace("  deadline: 2030-02-28\n", '  deadline: 2030-02-28\n  deadline_time: "12:00"\n'))
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The dated project with the publisher's e-mail set, built inside the open call (10 February 2030) and after it (5 March 2030)."""
    project = dated_project(tmp_path_factory.mktemp("dated"))
    built = {}
    for name, day in (("open", "2030-02-10"), ("closed", "2030-03-05")):
        result = build(project, tmp_path_factory.mktemp(name), SOURCE_DATE_EPOCH=epoch(day), SITE_URL=SITE_URL, GOVTECH_PUBLISHER_EMAIL=EMAIL)
        assert result.returncode == 0, result.output
        built[name] = result.site
    return built


def card(site: Path, lang: str, challenge: str):
    return next(c for c in page(site, f"{prefix(lang)}challenges/").cssselect(".challenge-card") if c.cssselect(f"a[href='{challenge}/']"))


def nothing_open(lang: str) -> list[str]:
    """What the site says, in `lang`, while no call is open."""
    s = strings(lang)
    return [s["apply"]["none_open"], s["apply"]["none_title"], s["catalogue"]["none_open"]]


# --------------------------------------------------------------------------- a call open, with how to apply


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_open_call_shows_how_to_apply_with_its_deadline_and_a_button(sites: dict[str, Path], lang: str) -> None:
    s = strings(lang)["apply"]
    content = article(page(sites["open"], f"{prefix(lang)}challenges/invoicing/"))
    [box] = content.cssselect("section.apply-box")
    [heading] = box.cssselect("h2")
    assert text(heading) == s["title"] and box.get("aria-labelledby") == heading.get("id")
    assert box.getprevious().get("class") == "admonition question", "right after the challenge's question"
    [deadline] = box.cssselect(".apply-box__deadline time")
    assert text(deadline) == DEADLINE[lang]
    assert deadline.get("datetime") == "2030-02-28T12:00+01:00"
    assert s["languages"].format(languages=ACCEPTED[lang]) in text(box)
    [ask] = [a for a in box.cssselect("a") if a.get("href") == "mailto:spoergsmaal@example.org"]
    assert box.cssselect("time[datetime='2030-02-21']")
    [button] = box.cssselect("a.md-button")
    assert button.get("href") == "https://ansoeg.example.org/e-faktura" and text(button) == s["button_web"]
    assert {"da": "Testtekst", "de": "Testtext", "en": "Test text"}[lang] in text(box)
    # The key facts and the card give the deadline with its time too.
    facts = dict(zip(map(text, content.cssselect("dl dt")), content.cssselect("dl dd"), strict=False))
    assert text(facts[strings(lang)["challenge"]["deadline"]]) == DEADLINE[lang]
    assert text(card(sites["open"], lang, "invoicing").cssselect("dd")[-1]) == s["open_until"].format(deadline=DEADLINE[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_closed_call_shows_neither_the_box_nor_open_until(sites: dict[str, Path], lang: str) -> None:
    s = strings(lang)["apply"]
    for site, challenge in ((sites["closed"], "invoicing"), (sites["open"], "scan-technology")):
        assert not page(site, f"{prefix(lang)}challenges/{challenge}/").cssselect(".apply-box")
        assert s["open_until"].split("{")[0].strip() not in text(card(site, lang, challenge))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_shows_the_open_call_first(sites: dict[str, Path], lang: str) -> None:
    s = strings(lang)["apply"]
    content = article(page(sites["open"], prefix(lang)))
    first = next(e for e in content if e.tag not in ("h1", "p", "a"))
    assert "admonition" in first.get("class", "") and text(first.cssselect(".admonition-title")[0]) == s["open_title"]
    [item] = first.cssselect("li")
    [link] = item.cssselect("a")
    assert link.get("href") == "challenges/invoicing/"
    assert text(link) == yaml.safe_load((FIXTURES / "invoicing.yml").read_text(encoding="utf-8"))[lang]["title"]
    owner = yaml.safe_load((ROOT / "challenges" / "_owners.yml").read_text(encoding="utf-8"))["erst"][lang]
    assert text(item) == s["open_call"].format(title=text(link), owner=owner, deadline=DEADLINE[lang])
    assert not content.xpath(".//h2[following::*[contains(@class, 'admonition-title')][. = $t]]", t=s["open_title"])


def test_no_page_says_nothing_is_open_while_a_call_is(sites: dict[str, Path]) -> None:
    site = sites["open"]
    said = []
    files = sorted(site.rglob("*.html"))
    assert len(files) > 40
    for file in files:
        first = file.relative_to(site).parts[0]
        lang = first if first in ("de", "en") else "da"
        body = text(parse(file).find("body"))
        said += [f"{file.relative_to(site)}: {phrase}" for phrase in nothing_open(lang) if phrase in body]
    assert said == []
    for lang in LANGUAGES:
        for url in HAND_WRITTEN.values():  # and each says what is open, with a link to it
            hrefs = [a.get("href") for a in article(page(site, prefix(lang) + url)).iter("a")]
            assert any(h and h.endswith("challenges/invoicing/") for h in hrefs), (lang, url)
        faq = article(page(site, f"{prefix(lang)}faq/"))
        [heading] = faq.xpath(".//*[@id='can-i-apply-now']")
        assert text(heading.getnext()).startswith(strings(lang)["apply"]["yes"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_real_files_today_say_nothing_is_open(site: Path, lang: str) -> None:
    s = strings(lang)["apply"]
    for source, url in HAND_WRITTEN.items():
        content = article(page(site, prefix(lang) + url))
        assert s["none_open"] in text(content), source
        assert s["open_title"] not in text(content), source
    faq = article(page(site, f"{prefix(lang)}faq/"))
    [heading] = faq.xpath(".//*[@id='can-i-apply-now']")
    assert text(heading.getnext()) == f"{s['no']} {s['none_open']}"
    assert not any(page(site, f"{prefix(lang)}challenges/{c.stem}/").cssselect(".apply-box") for c in (ROOT / "challenges").glob("[!_]*.yml"))
    assert s["open_until"].split("{")[0].strip() not in text(article(page(site, f"{prefix(lang)}challenges/")))


# --------------------------------------------------------------------------- a next step while nothing is open


@pytest.mark.parametrize("lang", LANGUAGES)
def test_while_nothing_is_open_the_catalogue_and_taking_part_offer_a_next_step(sites: dict[str, Path], site: Path, lang: str) -> None:
    s = strings(lang)
    for url in ("challenges/", "take-part/"):
        source = sites["closed"] / prefix(lang) / url / "index.html"
        [block] = article(parse(source)).cssselect(".next-step")
        assert text(block).startswith(s["apply"]["next_title"])
        targets = {(source.parent / a.get("href")).resolve() for a in block.cssselect("a") if not a.get("href").startswith("mailto:")}
        language_root = (sites["closed"] / prefix(lang)).resolve()
        assert {
            language_root / "feed" / "atom.xml",
            language_root / "calendar.ics",
            language_root / "guides",
            language_root / "guides" / "application",
        } <= targets
        [mail] = [a for a in block.cssselect("a") if a.get("href").startswith("mailto:")]
        address, _, query = mail.get("href").partition("?")
        assert address == f"mailto:{EMAIL}" and text(mail) == EMAIL
        assert query == "subject=" + quote(s["apply"]["interest_subject"]) and unquote(query.removeprefix("subject=")) == s["apply"]["interest_subject"]
        # Without the publisher's e-mail there is no address to write to, and no link.
        [plain] = article(page(site, prefix(lang) + url)).cssselect(".next-step")
        assert not [a for a in plain.cssselect("a") if a.get("href").startswith("mailto:")]
        # While a call is open, the next step is to apply: no block.
        assert not article(page(sites["open"], prefix(lang) + url)).cssselect(".next-step")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_faq_names_the_publishers_contact(sites: dict[str, Path], lang: str) -> None:
    faq = article(page(sites["closed"], f"{prefix(lang)}faq/"))
    [heading] = faq.xpath(".//*[@id='contact']")
    hrefs = [a.get("href") for e in heading.itersiblings() for a in e.iter("a")][:20]
    assert f"mailto:{EMAIL}" in hrefs


def test_the_open_data_carries_how_to_apply_and_the_deadlines_time(sites: dict[str, Path]) -> None:
    data = json.loads((sites["open"] / "challenges.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schema" / "challenges.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(data)
    challenges = {c["id"]: c for c in data["challenges"]}
    assert challenges["invoicing"]["dates"] == {"published": "2030-01-15", "deadline": "2030-02-28", "deadline_time": "12:00"}
    application = challenges["invoicing"]["application"]
    assert application["url"] == "https://ansoeg.example.org/e-faktura" and application["languages"] == ["da", "en"]
    assert application["questions"] == "mailto:spoergsmaal@example.org" and application["questions_until"] == "2030-02-21"
    assert set(application["what_to_send"]) == set(LANGUAGES)
    assert challenges["scan-technology"]["application"] is None


# --------------------------------------------------------------------------- the calendar


def test_a_deadline_with_a_time_is_a_timed_event_with_a_reminder(sites: dict[str, Path]) -> None:
    for lang in LANGUAGES:
        for path in (f"{prefix(lang)}calendar.ics", f"{prefix(lang)}challenges/invoicing/calendar.ics"):
            calendar = icalendar.Calendar.from_ical((sites["open"] / path).read_bytes())
            assert str(calendar.decoded("DESCRIPTION")) == strings(lang)["apply"]["calendar_description"]
            assert str(calendar["X-WR-CALDESC"]).replace("\\,", ",") == strings(lang)["apply"]["calendar_description"]
            [deadline] = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("invoicing-deadline@")]
            start = deadline.decoded("DTSTART")
            assert start == datetime(2030, 2, 28, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
            assert start.utcoffset() == timedelta(hours=1)
            [alarm] = deadline.walk("VALARM")
            assert alarm.decoded("TRIGGER") == timedelta(days=-1) and str(alarm["ACTION"]) == "DISPLAY"
            # The other dates stay whole days.
            [published] = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("invoicing-published@")]
            assert not isinstance(published.decoded("DTSTART"), datetime) and not published.walk("VALARM")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_empty_calendar_says_so_instead_of_promising_deadlines(site: Path, lang: str) -> None:
    s = strings(lang)
    calendar = icalendar.Calendar.from_ical((site / prefix(lang) / "calendar.ics").read_bytes())
    assert not calendar.walk("VEVENT")
    assert str(calendar.decoded("DESCRIPTION")) == s["apply"]["calendar_empty"]
    assert str(calendar["X-WR-CALDESC"]).replace("\\,", ",") == s["apply"]["calendar_empty"]
    [item] = [
        li for li in article(page(site, f"{prefix(lang)}challenges/")).cssselect("ul.follow li") if text(li.cssselect("a")[0]) == s["follow"]["subscribe"]
    ]
    assert text(item).endswith(s["apply"]["calendar_empty"]) and s["follow"]["subscribe_text"] not in text(item)
    # The real files have no deadline: the catalogue offers no sort by one.
    assert not article(page(site, f"{prefix(lang)}challenges/")).cssselect("#challenge-sort")


def test_with_dates_the_catalogue_sorts_by_deadline_and_the_block_promises_them(sites: dict[str, Path]) -> None:
    for lang in LANGUAGES:
        catalogue = article(page(sites["open"], f"{prefix(lang)}challenges/"))
        assert [o.get("value") for o in catalogue.cssselect("#challenge-sort option")] == ["title", "deadline"]
        assert strings(lang)["follow"]["subscribe_text"] in text(catalogue)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_subscribe_link_is_webcal_and_the_empty_calendar_is_said_in_the_browser(served_site, browser, lang: str) -> None:
    base, _ = served_site
    s = strings(lang)
    context = browser.new_context()
    reader = context.new_page()
    reader.goto(f"{base}{prefix(lang)}challenges/")
    link = reader.get_by_role("link", name=s["follow"]["subscribe"], exact=True)
    href = link.get_attribute("href")
    assert href == "webcal://" + urlsplit(base).netloc + f"/{prefix(lang)}calendar.ics"
    item = reader.locator("ul.follow li", has=link)
    assert item.is_visible() and s["apply"]["calendar_empty"] in item.inner_text()
    download = reader.get_by_role("link", name=s["follow"]["download"], exact=True)
    assert reader.evaluate("a => a.href", download.element_handle()) == f"{base}{prefix(lang)}calendar.ics"
    context.close()


# --------------------------------------------------------------------------- markers


@pytest.mark.parametrize("marker", ["<!-- open-call -->", "<!-- open-calls:list -->", "<!-- opencalls -->"])
def test_an_unknown_open_calls_marker_stops_the_build_at_its_line(project: Path, tmp_path: Path, marker: str) -> None:
    faq = project / "docs" / "faq.en.md"
    lines = faq.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("## Who can I contact?")) + 2
    lines.insert(at, marker)
    faq.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(
        rf"docs/faq\.en\.md:{at + 1}:1: unknown marker {re.escape(marker)}; write one of the open-calls markers: <!-- open-calls -->", result.output
    )
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- what the check says


APPLICATION_MISTAKES = {
    "a time without a day": (
        ("  deadline: 2030-02-28\n", '  deadline_time: "12:00"\n'),
        '  deadline_time: "12:00"',
        3,
        "`dates.deadline_time` gives a time but there is no `dates.deadline`; add the day, or delete the time.",
    ),
    "a time YAML reads as a number": (
        ("  deadline: 2030-02-28\n", "  deadline: 2030-02-28\n  deadline_time: 12:00\n"),
        "  deadline_time: 12:00",
        3,
        '`dates.deadline_time`: YAML reads `12:00` as a number, not as text; put it in quotes: "12:00".',
    ),
    "no language accepted": (
        ("    da: true\n    en: true\n", "    da: false\n"),
        "  languages:",
        3,
        "`application.languages` accepts no language; write `true` after each language an application may be written in.",
    ),
    "questions after the deadline": (
        ("  questions_until: 2030-02-21\n", "  questions_until: 2030-03-02\n"),
        "  questions_until: 2030-03-02",
        3,
        "questions are taken until 2030-03-02, after the deadline 2030-02-28; correct one of them.",
    ),
    "an address that is no address": (
        ("  url: https://ansoeg.example.org/e-faktura\n", "  url: ansoeg.example.org\n"),
        "  url: ansoeg.example.org",
        3,
        "`application.url`: `ansoeg.example.org` must be a web address starting with https://, or an e-mail address written as mailto:name@example.org.",
    ),
}


@pytest.mark.parametrize("case", APPLICATION_MISTAKES)
def test_a_mistake_in_how_to_apply_is_named_with_its_line_and_fix(folder: Path, capsys: pytest.CaptureFixture, case: str) -> None:
    (old, new), written, column, message = APPLICATION_MISTAKES[case]
    fixture = (FIXTURES / "invoicing.yml").read_text(encoding="utf-8")
    assert old in fixture
    wrong = fixture.replace(old, new, 1)
    (folder / "invoicing.yml").write_text(wrong, encoding="utf-8")
    line = wrong.splitlines().index(written) + 1
    code, problems = validate(folder, capsys)
    assert code == 1
    assert problems == [f"{folder / 'invoicing.yml'}:{line}:{column}: {message}"]


def test_danish_time_has_its_offset_from_utc_summer_and_winter() -> None:
    """The offset a deadline's `<time>` carries is the one Python's time zone data gives for Europe/Copenhagen."""
    from datetime import date, time

    from govtech.making.applying import copenhagen_offset

    zone = ZoneInfo("Europe/Copenhagen")
    day = date(2029, 1, 1)
    while day < date(2031, 1, 1):
        for at in (time(0, 0), time(2, 30), time(3, 0), time(12, 0), time(23, 59)):
            offset = datetime.combine(day, at, zone).utcoffset()
            assert offset is not None
            expected = f"+{int(offset.total_seconds()) // 3600:02d}:00"
            # 02:00-03:00 on the spring day does not exist; Python and the rule may differ there only.
            if not (day.month == 3 and at == time(2, 30) and datetime.combine(day, at, zone).dst() != datetime.combine(day, time(4), zone).dst()):
                assert copenhagen_offset(day, at) == expected, (day, at)
        day += timedelta(days=1)


def test_without_any_deadline_the_filters_work_and_are_kept_in_the_address(served_site, browser) -> None:
    base, site = served_site
    context = browser.new_context()
    reader = context.new_page()
    errors: list[str] = []
    reader.on("pageerror", lambda error: errors.append(str(error)))
    reader.goto(f"{base}en/challenges/")
    assert reader.locator("#challenge-sort").count() == 0
    theme = reader.locator("#filter-theme option").nth(1).get_attribute("value")
    reader.select_option("#filter-theme", theme)
    assert reader.url == f"{base}en/challenges/?theme={theme}"
    shown = reader.locator(".challenge-card:not([hidden])").count()
    reader.reload()
    assert reader.locator("#filter-theme").input_value() == theme
    assert reader.locator(".challenge-card:not([hidden])").count() == shown < len(page(site, "en/challenges/").cssselect(".challenge-card"))
    context.close()
    assert errors == []


def test_the_new_blocks_pass_axe_in_chromium(sites: dict[str, Path], browser) -> None:
    """The apply box, the open calls on the home page and the next step: accessible, error-free, nothing from another origin."""
    from browser_checks import visit
    from conftest import serve

    found = []
    for name, paths in (("open", ["challenges/invoicing/", "", "faq/"]), ("closed", ["take-part/", "challenges/"])):
        with serve(sites[name]) as base:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            for lang in LANGUAGES:
                for path in paths:
                    tab = context.new_page()
                    seen = visit(tab, base + prefix(lang) + path)
                    found += [
                        f"{name} {prefix(lang)}{path}: {problem}" for problem in seen.violations + seen.console_errors + seen.failures + seen.off_origin(base)
                    ]
                    tab.close()
            context.close()
    assert found == []
