"""The programme's rounds: challenges/_rounds.yml checked at file:line, published as open data, shown on "Results of the rounds", on a challenge that names its round, and as a catalogue filter."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from browser_checks import visit
from built_pages import LANGUAGES, article, page, prefix, text
from conftest import ROOT, build, copy_project, free_port, serve
from govtech_mkdocs.validate import main

ROUNDS = yaml.safe_load((ROOT / "challenges" / "_rounds.yml").read_text(encoding="utf-8"))
FIRST_ROUND_FIRMS = ["CanopyLAB", "HowNow", "Bare Conductive", "Thürmer Tools", "Smartviewing", "Rendra", "Locometric"]
COUNTRY = {
    "da": ("Danmark", "Storbritannien", "Norge"),
    "de": ("Dänemark", "Vereinigtes Königreich", "Norwegen"),
    "en": ("Denmark", "United Kingdom", "Norway"),
}
SOURCES = ("PUBLIC", "co-pi.dk", "Digital Hub Denmark")


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "hooks/govtech/strings" / f"{lang}.yml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the validator


def broken(project: Path, old: str, new: str, file: str = "_rounds.yml") -> int:
    """Replace the first `old` in the project's challenges/`file` by `new`; the line (1-based) the change starts on."""
    path = project / "challenges" / file
    source = path.read_text(encoding="utf-8")
    assert old in source, old
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return source[: source.index(old)].count("\n") + 1


def validate(project: Path, capsys: pytest.CaptureFixture) -> tuple[int, list[str]]:
    """`make validate` in `project`: govtech-validate run from the project's folder; its exit code and the lines it printed."""
    cwd = Path.cwd()
    os.chdir(project)
    try:
        code = main([])
    finally:
        os.chdir(cwd)
    return code, capsys.readouterr().err.splitlines()


def test_the_real_rounds_file_is_valid(project: Path, capsys: pytest.CaptureFixture) -> None:
    code, lines = validate(project, capsys)
    assert code == 0, lines


def test_a_wrong_type_is_named_at_its_line(project: Path, capsys: pytest.CaptureFixture) -> None:
    line = broken(project, "  challenges: 4\n", "  challenges: four\n")
    code, lines = validate(project, capsys)
    assert code == 1
    assert f"challenges/_rounds.yml:{line}:3: `first-round.challenges` must be a whole number, written in digits, such as 4." in lines, lines


def test_an_unknown_owner_key_is_named_with_the_likely_one(project: Path, capsys: pytest.CaptureFixture) -> None:
    line = broken(project, "    - sik\n    - kfst\n  challenges: 4", "    - sikk\n    - kfst\n  challenges: 4")
    code, lines = validate(project, capsys)
    assert code == 1
    assert (
        f"challenges/_rounds.yml:{line}:7: `first-round.owners[2]`: unknown owner `sikk` (did you mean `sik`?); "
        "use a key from challenges/_owners.yml, or write the authority's name under da, de and en instead of a key."
    ) in lines, lines


def test_a_duplicate_key_is_named_with_the_first_line(project: Path, capsys: pytest.CaptureFixture) -> None:
    line = broken(project, "second-round:\n", "first-round:\n")
    code, lines = validate(project, capsys)
    assert code == 1
    assert f"challenges/_rounds.yml:{line}:1: `first-round` is written twice (first on line 9); keep one and delete the other." in lines, lines


def test_a_bad_month_is_named_at_its_line(project: Path, capsys: pytest.CaptureFixture) -> None:
    line = broken(project, "  end: 2019-08\n", "  end: 2019-13\n")
    code, lines = validate(project, capsys)
    assert code == 1
    assert f"challenges/_rounds.yml:{line}:3: `first-round.end`: `2019-13` must be a month written as YYYY-MM, such as 2019-08." in lines, lines


def test_a_round_that_ends_before_it_starts_and_a_country_that_is_no_code(project: Path, capsys: pytest.CaptureFixture) -> None:
    end = broken(project, "  end: 2019-08\n", "  start: 2019-09\n  end: 2019-08\n") + 1
    country = broken(project, "      country: GB\n", "      country: UK\n")
    code, lines = validate(project, capsys)
    assert code == 1
    assert f"challenges/_rounds.yml:{end}:3: `first-round.end`: the round ends in 2019-08, before it starts in 2019-09; correct one of them." in lines, lines
    assert (
        f"challenges/_rounds.yml:{country}:7: `first-round.firms[2].country`: `UK` is not a country's ISO 3166 code (did you mean `GB`?); "
        "write the two-letter code, such as DK, GB or NO."
    ) in lines, lines


def test_a_challenge_must_name_a_round_of_the_rounds_file(project: Path, capsys: pytest.CaptureFixture) -> None:
    line = broken(project, "status: closed\n", "status: closed\nround: frist-round\n", "invoicing.yml") + 1
    code, lines = validate(project, capsys)
    assert code == 1
    assert (
        f"challenges/invoicing.yml:{line}:1: unknown round `frist-round` (did you mean `first-round`?); use a key from challenges/_rounds.yml, or leave the field out."
    ) in lines, lines


# --------------------------------------------------------------------------- the site, with one challenge in a round


@pytest.fixture(scope="module")
def in_a_round(tmp_path_factory: pytest.TempPathFactory):
    """The project with a fixture edit, invoicing in the first round (the real challenges name none), built and served."""
    project = copy_project(tmp_path_factory.mktemp("rounds-project"))
    broken(project, "status: closed\n", "status: closed\nround: first-round\n", "invoicing.yml")
    port = free_port()
    result = build(project, tmp_path_factory.mktemp("rounds-site"), SITE_URL=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.output
    with serve(result.site, port) as base:
        yield base, result.site


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_results_page_shows_both_rounds_with_their_facts(site: Path, lang: str) -> None:
    s = strings(lang)["rounds"]
    doc = page(site, f"{prefix(lang)}rounds/")
    content = article(doc)
    assert text(content.cssselect("h1")[0]) == s["title"] == strings(lang)["nav"]["rounds"]
    for key, entry in ROUNDS.items():
        [heading] = content.xpath(f".//h2[@id='{key}']")
        assert text(heading) == entry[lang]["name"]
        assert " ".join(entry[lang]["summary"].split()) in text(content)
    first = text(content)[text(content).index(ROUNDS["first-round"][lang]["name"]) : text(content).index(ROUNDS["second-round"][lang]["name"] + " ")]
    firms = [text(li) for li in content.xpath(".//h3[@id='first-round-firms']/following-sibling::ul[1]/li")]
    assert [f.split(" (")[0] for f in firms] == FIRST_ROUND_FIRMS
    assert {f.split(" (")[1].rstrip(")") for f in firms} == set(COUNTRY[lang])
    assert "4" in first and ROUNDS["first-round"][lang]["name"] in first
    owners = [text(li) for li in content.xpath(".//h3[@id='second-round-owners']/following-sibling::ul[1]/li")]
    assert len(owners) == 7 and "Aarhus" in owners[-1]
    # The second round's firms are not in the sources: the page says so, and that the owners may add them.
    assert text(content.xpath(".//h3[@id='second-round-firms']/following-sibling::*[1]")[0]) == s["no_firms"]
    for key in ROUNDS:
        sources = [text(li) for li in content.xpath(f".//h3[@id='{key}-sources']/following-sibling::ul[1]/li")]
        assert [next(name for name in SOURCES if name in source) for source in sources] == list(SOURCES)
        assert content.xpath(f".//h3[@id='{key}-sources']/following-sibling::ul[1]/li/a/@href") == ["https://public.io"]
    assert content.xpath(".//time[@datetime='2019-08']") and content.xpath(".//time[@datetime='2020-02']")
    # Where the rounds and the site's five challenges meet: they are not the same list.
    assert content.xpath(".//a[@href='../challenges/']") and content.xpath(".//a[@href='../seminar/']")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_results_page_is_linked_from_the_pages_firms_read(site: Path, lang: str) -> None:
    for path in ("", "about/", "challenges/", "take-part/", "faq/"):
        content = article(page(site, f"{prefix(lang)}{path}"))
        links = [a for a in content.iter("a") if (a.get("href") or "").rstrip("/").endswith("rounds")]
        assert links and text(links[0]) == strings(lang)["rounds"]["title"], path
    faq = article(page(site, f"{prefix(lang)}faq/"))
    [after] = faq.xpath(".//h2[@id='after-the-final-presentation']")
    assert after.getnext().getnext().xpath(".//a[contains(@href, 'rounds')]"), "the FAQ's answer on what came of it links the results"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_a_challenge_in_a_round_there_is_no_round_filter_or_fact(site: Path, lang: str) -> None:
    doc = page(site, f"{prefix(lang)}challenges/")
    assert not doc.cssselect("#filter-round")
    assert strings(lang)["rounds"]["round"] not in [text(dt) for dt in doc.cssselect(".challenge-card dt")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_challenge_in_a_round_shows_it_on_its_page_and_card(in_a_round, lang: str) -> None:
    _, site = in_a_round
    s, name = strings(lang)["rounds"], ROUNDS["first-round"][lang]["name"]
    content = article(page(site, f"{prefix(lang)}challenges/invoicing/"))
    [term] = [dt for dt in content.iter("dt") if text(dt) == s["round"]]
    [link] = term.getnext().iter("a")
    assert text(link) == name and link.get("href") == "../../rounds/#first-round"
    cards = {text(card.cssselect("h2")[0]): card for card in page(site, f"{prefix(lang)}challenges/").cssselect(".challenge-card")}
    facts = {title: {text(dt): text(dt.getnext()) for dt in card.cssselect("dt")} for title, card in cards.items()}
    assert [title for title, fact in facts.items() if fact.get(s["round"]) == name] == [
        yaml.safe_load((ROOT / "challenges" / "invoicing.yml").read_text())[lang]["title"]
    ]
    assert sum(s["round"] in fact for fact in facts.values()) == 1


def test_the_round_filter_shows_the_challenges_of_that_round_in_chromium(in_a_round, browser) -> None:
    base, _ = in_a_round
    context = browser.new_context()
    for lang in LANGUAGES:
        tab = context.new_page()
        found = visit(tab, f"{base}{prefix(lang)}challenges/")
        assert found.violations == [] and found.console_errors == []
        assert tab.locator("label[for='filter-round']").text_content() == strings(lang)["rounds"]["round"]
        assert tab.locator("#filter-round option").all_text_contents() == [strings(lang)["catalogue"]["all"], ROUNDS["first-round"][lang]["name"]]
        tab.select_option("#filter-round", label=ROUNDS["first-round"][lang]["name"])
        shown = tab.locator(".challenge-card:not([hidden]) h2").all_text_contents()
        assert shown == [yaml.safe_load((ROOT / "challenges" / "invoicing.yml").read_text())[lang]["title"]]
        assert tab.locator(".challenge-filters__count").text_content() == strings(lang)["catalogue"]["shown"].format(shown=1, total=5)
        tab.select_option("#filter-round", "")
        assert tab.locator(".challenge-card:not([hidden])").count() == 5
        tab.close()
    context.close()


def test_challenges_json_carries_the_rounds_and_each_challenges_round(in_a_round) -> None:
    _, site = in_a_round
    data = json.loads((site / "challenges.json").read_text())
    schema = json.loads((ROOT / "schema" / "challenges.schema.json").read_text())
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(data)
    assert [r["key"] for r in data["rounds"]] == list(ROUNDS)
    first, second = data["rounds"]
    assert [f["name"] for f in first["firms"]] == FIRST_ROUND_FIRMS and {f["country"] for f in first["firms"]} == {"DK", "GB", "NO"}
    assert (first["start"], first["end"], first["challenges"]) == (None, "2019-08", 4)
    assert [o["key"] for o in first["owners"]] == ["erst", "sik", "kfst"]
    assert (second["end"], second["challenges"], second["firms"]) == ("2020-02", 6, [])
    assert [o["key"] for o in second["owners"]].count(None) == 3 and second["owners"][-1]["name"]["da"] == "Aarhus Kommune"
    assert [src.get("url") for src in first["sources"]] == ["https://public.io", None, None]
    assert {c["id"]: c["round"] for c in data["challenges"]} == {
        "data-ethics": None,
        "invoicing": "first-round",
        "safety-inspections": None,
        "scan-technology": None,
        "user-data": None,
    }
    assert (site / "schema" / "rounds.schema.json").read_bytes() == (ROOT / "schema" / "rounds.schema.json").read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_field_reference_describes_the_rounds_file(site: Path, lang: str) -> None:
    content = article(page(site, f"{prefix(lang)}agencies/reference/"))
    [heading] = content.xpath(".//h2[@id='rounds']")
    assert text(heading) == strings(lang)["rounds"]["reference"]
    fields = [text(row[0]) for row in heading.xpath("following-sibling::table[1]//tbody/tr")]
    assert {"start", "end", "owners", "challenges", "firms", "firms[].country", "sources", "sources[].url", "da.summary"} <= set(fields)
