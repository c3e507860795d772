"""An agency's first contribution: the guide covers each step in every language, the field reference
covers the owners and events files, and the template explains itself and publishes nothing plausible if forgotten."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from built_pages import LANGUAGES, article, page, prefix, text
from conftest import ROOT, build

TEMPLATE = ROOT / "challenges" / "_template.yml"
THEMES = yaml.safe_load((ROOT / "challenges" / "_themes.yml").read_text(encoding="utf-8"))
GUIDE_SECTIONS = (
    "form",
    "edit-link",
    "template",
    "multi-line-texts",
    "status-and-dates",
    "pull-request",
    "checks",
    "annotations",
    "preview",
    "translation-report",
    "missing-language",
    "add-authority",
    "review",
)
# The word each language's guide uses for the site's editors, whose practice the missing-language section states.
# A missing language is the maintainers' checklist before merging, not a promise (issue 18: no translator was promised).
CHECKLIST = {"da": "Vedligeholdernes tjekliste", "de": "Die Checkliste des Betreuungsteams", "en": "The maintainers' checklist"}
MACHINE = {"da": "maskinoversat", "de": "maschinelle Übersetzung", "en": "machine translation"}


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "hooks" / "govtech" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))


def schema(name: str) -> dict:
    return json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))


def guide(site: Path, lang: str):
    return article(page(site, f"{prefix(lang)}agencies/contributing/"))


def section(content, section_id: str) -> tuple[str, list]:
    """The text under the heading with `section_id`, up to the next heading of its level or above, and its elements."""
    [heading] = content.xpath(f".//*[@id='{section_id}']")
    level, elements = int(heading.tag[1]), []
    for sibling in heading.itersiblings():
        if re.fullmatch(r"h[1-6]", str(sibling.tag)) and int(sibling.tag[1]) <= level:
            break
        elements.append(sibling)
    return " ".join(text(e) for e in elements), elements


def resolve(site: Path, source: Path, href: str) -> Path:
    target = (source.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


def links(elements: list) -> list[str]:
    return [a.get("href") for e in elements for a in e.iter("a") if a.get("href")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_has_every_step_in_each_language(site: Path, lang: str) -> None:
    content = guide(site, lang)
    for section_id in GUIDE_SECTIONS:
        said, _ = section(content, section_id)
        assert len(said) >= 150 or section_id == "checks", (lang, section_id, said)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_leads_through_the_form_with_its_own_labels(site: Path, lang: str) -> None:
    said, elements = section(guide(site, lang), "form")
    form = strings(lang)["form"]
    for key in ("start_legend", "start_button", "make", "github_new", "copy", "download"):
        assert form[key] in said, (lang, key)
    source = site / prefix(lang) / "agencies" / "contributing" / "index.html"
    targets = [resolve(site, source, href) for href in links(elements) if not href.startswith("#")]
    assert site / prefix(lang) / "agencies" / "form" / "index.html" in targets
    assert any(text(a) == form["title"] for e in elements for a in e.iter("a"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_names_the_edit_link_as_challenge_pages_label_it(site: Path, lang: str) -> None:
    said, _ = section(guide(site, lang), "edit-link")
    assert strings(lang)["edit"]["challenge"] in said
    assert "challenges/invoicing.yml" in said


@pytest.mark.parametrize("lang", LANGUAGES)
def test_multi_line_texts_have_an_example_that_reads_as_two_paragraphs(site: Path, lang: str) -> None:
    said, elements = section(guide(site, lang), "multi-line-texts")
    assert "|" in said
    [example] = [e.xpath("string(.//pre)") for e in elements if "background: |" in e.xpath("string(.//pre)")]
    data = yaml.safe_load(example)
    background = data[lang]["background"]
    assert background.count("\n\n") == 1 and background.endswith("\n") and "looking_for" in data[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_and_dates_say_what_the_page_shows_when(site: Path, lang: str) -> None:
    said, _ = section(guide(site, lang), "status-and-dates")
    status = strings(lang)["status"]
    for key in ("definition", "open-call", "closed"):
        assert status[key] in said, (lang, key)
    for field in ("dates.published", "dates.deadline", "open-call", "selection", "proof-of-concept"):
        assert field in said, (lang, field)
    assert strings(lang)["challenge"]["not_published"].rstrip(".") in said


def test_the_status_the_guide_describes_is_the_models() -> None:
    """An open call shows as being defined until publication day and as closed from the day after its deadline."""
    from govtech.model import Challenge, Owner

    call = Challenge("x", "invoicing", Owner("o", "https://example.org", {}), "open-call", date(2030, 3, 2), date(2030, 4, 15), None, (), {})
    shown = {day: call.status_on(date(2030, *day)) for day in ((3, 1), (3, 2), (4, 15), (4, 16))}
    assert shown == {(3, 1): "definition", (3, 2): "open-call", (4, 15): "open-call", (4, 16): "closed"}
    assert {
        s: Challenge("x", "invoicing", call.owner, s, None, date(2030, 4, 15), None, (), {}).status_on(date(2031, 1, 1))
        for s in ("definition", "selection", "proof-of-concept")
    } == {"definition": "closed", "selection": "selection", "proof-of-concept": "proof-of-concept"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_checks_section_shows_what_the_validator_really_prints(site: Path, lang: str, project: Path) -> None:
    said, elements = section(guide(site, lang), "annotations")
    assert "Files changed" in said and "Details" in said
    examples = [line for e in elements for line in e.xpath("string(.//code)").splitlines() if line.startswith("challenges/invoicing.yml:")]
    assert len(examples) == 2
    file = project / "challenges" / "invoicing.yml"
    file.write_text(file.read_text().replace("status: closed", "status: open call", 1).replace("  title:", "  titel:", 1))
    result = validate(project, "challenges/invoicing.yml")
    assert result.returncode == 1
    for example in examples:
        assert example in result.stderr.splitlines(), example
    preview, _ = section(guide(site, lang), "preview")
    assert "Summary" in preview and "Validate challenge files" in preview


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_translation_report_is_explained_with_what_it_prints(site: Path, lang: str) -> None:
    from govtech.commands.translations import Commit, Lag

    said, elements = section(guide(site, lang), "translation-report")
    [example] = [line for e in elements for line in e.xpath("string(.//code)").splitlines() if line.strip()]
    names = {lang: f"{lang}.background" for lang in ("da", "de", "en")}
    printed = str(Lag("challenges/invoicing.yml", names, ((Commit("1a2b3c4", "2030-01-01", "subject", frozenset()), frozenset({"da"})),)))
    assert example == printed.replace("(2030-01-01: subject)", "(…)")
    assert "make translations" not in said or (ROOT / "Makefile").read_text().count("\ntranslations:") == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_missing_language_is_on_the_maintainers_checklist(site: Path, lang: str) -> None:
    said, _ = section(guide(site, lang), "missing-language")
    assert CHECKLIST[lang] in said and MACHINE[lang] in said


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_authority_not_listed_is_added_in_one_file_with_the_forms_own_words(site: Path, lang: str) -> None:
    said, elements = section(guide(site, lang), "add-authority")
    owner = schema("challenge")["properties"]["owner"]
    # The form's own labels: the field, its choice "not listed", and the same for a new theme.
    for title in (owner, schema("challenge")["properties"]["theme"]):
        assert (title["title"] if lang == "en" else title["x-title"][lang]) in said, lang
    new_entry = strings(lang)["authoring"]["new_entry"]
    assert new_entry["owner"]["choice"] in said and new_entry["theme"]["choice"] in said
    for field in owner["properties"]:
        assert f"{field}" in said, (lang, field)
    assert str(owner["properties"]["key"]["maxLength"]) in said
    # The key's rule in plain words agrees with the schema's pattern: every key it allows, and none it forbids.
    pattern = re.compile(owner["properties"]["key"]["pattern"])
    assert all(pattern.match(key) for key in ("erst", "forbruger-europa", "kfst2"))
    assert not any(pattern.match(key) for key in ("Erst", "forbruger--europa", "-erst", "miljø", "erst dk"))
    # One file, one pull request: no second file, no second branch step.
    assert "Commit directly to the ... branch" not in said and "_owners.yml" in said
    [example] = [e for e in elements if e.xpath(".//pre")]
    written = yaml.safe_load(example.xpath("string(.//code)"))
    assert list(written) == ["owner"] and list(written["owner"]) == list(owner["properties"])
    assert "#form" in links(elements)
    source = site / prefix(lang) / "agencies" / "contributing" / "index.html"
    [reference] = [href for href in links(elements) if "reference/" in href]
    assert reference.endswith("#owners")
    assert article(page(site, f"{prefix(lang)}agencies/reference/")).xpath(".//*[@id='owners']")
    assert resolve(site, source, reference) == site / prefix(lang) / "agencies" / "reference" / "index.html"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_and_the_form_agree_that_german_and_english_may_follow(site: Path, lang: str) -> None:
    _, elements = section(guide(site, lang), "missing-language")
    assert {"de", "en"} <= {code.text for e in elements for code in e.iter("code")}
    # The form asks for the Danish texts only; a later language's fields are required once it is begun.
    form = page(site, f"{prefix(lang)}agencies/form/")
    assert form.cssselect("#field-da--title[required]") and not form.cssselect("#field-de--title[required]")
    assert form.cssselect("#field-de--title")[0].get("data-required-with") == "de"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reviewers_are_the_maintainers_in_codeowners(site: Path, lang: str) -> None:
    said, _ = section(guide(site, lang), "review")
    assert ".github/CODEOWNERS" in said and (ROOT / ".github" / "CODEOWNERS").is_file()


def test_the_guide_links_the_repository_once_it_is_configured(project: Path, tmp_path: Path) -> None:
    repository = "https://github.com/example/govtech-site"
    result = build(project, tmp_path / "site", GOVTECH_PUBLISHER_REPOSITORY=repository)
    assert result.returncode == 0, result.output
    for lang in LANGUAGES:
        content = guide(result.site, lang)
        assert repository in [a.get("href") for a in content.iter("a")], lang
        # The edit link the guide describes is there on a challenge page, to the challenge's file.
        challenge = page(result.site, f"{prefix(lang)}challenges/invoicing/")
        [edit] = challenge.xpath("//a[@rel='edit']")
        assert edit.get("href") == f"{repository}/edit/main/challenges/invoicing.yml" and text(edit) == strings(lang)["edit"]["challenge"]


def test_the_guide_names_the_repository_by_the_publishers_marker() -> None:
    """Where a guide says "the site's repository", the build fills in its address from extra.publisher (MAINTAINING.md, "The publisher")."""
    from govtech.reading.publisher import FIELDS

    markers = {field.marker for field in FIELDS}
    for lang in LANGUAGES:
        file = ROOT / "docs" / "agencies" / ("contributing.md" if lang == "da" else f"contributing.{lang}.md")
        found = re.findall(r"<!--\s*publisher:(\S+?)\s*-->", file.read_text(encoding="utf-8"))
        assert found == ["repository"] and "repository" in markers, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_field_reference_lists_every_field_of_the_owners_events_and_themes_files(site: Path, lang: str) -> None:
    content = article(page(site, f"{prefix(lang)}agencies/reference/"))
    for name in ("owners", "events", "themes"):
        fields = schema(name)["additionalProperties"]["properties"]
        [heading] = content.xpath(f".//*[@id='{name}']")
        assert f"challenges/_{name}.yml" in text(heading)
        [table] = heading.xpath("following-sibling::table[1]")
        rows = table.xpath(".//tbody/tr")
        assert [text(row.xpath("td[1]")[0]) for row in rows] == list(fields), (lang, name)
        for row, spec in zip(rows, fields.values(), strict=True):
            meaning = spec["description"] if lang == "en" else spec["x-description"][lang]
            assert text(row.xpath("td[4]")[0]) == meaning, (lang, name)
        # The example is an entry of the real file, and it is valid YAML.
        [example] = heading.xpath("following-sibling::*[.//pre][1]")
        entry = yaml.safe_load(example.xpath("string(.//code)"))
        real = yaml.safe_load((ROOT / "challenges" / f"_{name}.yml").read_text(encoding="utf-8"))
        [(key, value)] = entry.items()
        assert real[key] == value


# The template.


def comment_block(lines: list[str], index: int) -> list[str]:
    """The comment lines directly above line `index`, at any indentation."""
    block = []
    for line in reversed(lines[:index]):
        stripped = line.strip()
        if not stripped.startswith("#") or re.match(r"#\s*[a-z_-]+:", stripped):
            break
        block.append(stripped)
    return list(reversed(block))


def field_line(lines: list[str], name: str, indent: str) -> int:
    """The first line that writes the field `name` at `indent`, whether or not it is commented out."""
    pattern = re.compile(rf"^{indent}(# )?{re.escape(name)}:")
    return next(i for i, line in enumerate(lines) if pattern.match(line))


def test_the_template_explains_every_field_in_danish_and_english() -> None:
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    challenge = schema("challenge")
    fields = [(name, "") for name in challenge["properties"]] + [(name, "  ") for name in challenge["$defs"]["texts"]["properties"]]
    for name, indent in fields:
        block = comment_block(lines, field_line(lines, name, indent))
        danish = [line for line in block if line.startswith("# DA:")]
        english = [line for line in block if line.startswith("# EN:")]
        assert len(danish) == 1 and len(english) == 1 and block.index(danish[0]) < block.index(english[0]), name
    # The theme and status keys are each explained in both languages, in the site's own words.
    for name in ("theme", "status"):
        explained = dict(zip(("da", "en"), "\n".join(comment_block(lines, field_line(lines, name, ""))).split("# EN:"), strict=True))
        for key in THEMES if name == "theme" else challenge["properties"][name]["enum"]:
            for lang, said in explained.items():
                meaning = re.escape(THEMES[key][lang]) if name == "theme" else r"\S"
                assert re.search(rf"^#\s+{key}\s+{meaning}", said, re.MULTILINE), (name, key, lang)


def uncommented(text: str, field: str) -> str:
    """The template with the commented-out `field` (and the lines that belong to it) made active, its placeholders as they are."""
    lines, inside = [], False
    for line in text.splitlines():
        starts = line.startswith(f"# {field}:")
        inside = starts or (inside and line.startswith("#   "))
        lines.append(line[2:] if inside else line)
    assert any(line.startswith(f"{field}:") for line in lines), field
    return "\n".join(lines) + "\n"


@pytest.fixture
def copied(project: Path) -> Path:
    """The template copied to a challenge of its own id, as an agency starts one."""
    file = project / "challenges" / "new-idea.yml"
    file.write_text(TEMPLATE.read_text(encoding="utf-8").replace("id: new-challenge", "id: new-idea"), encoding="utf-8")
    return file


def validate(project: Path, *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govtech_mkdocs.validate", *files], cwd=project, capture_output=True, text=True)


def test_the_copied_template_publishes_nothing_plausible(project: Path, copied: Path) -> None:
    """It passes the check, but its page says the owner is not confirmed, gives no date, contact or link, and every text is a placeholder the preview names."""
    from govtech.making.pages import render_pages
    from govtech.reading.loading import load_catalogue
    from govtech_mkdocs.project_config import project_settings

    assert validate(project, "challenges/new-idea.yml").returncode == 0
    catalogue = load_catalogue(project / "challenges", project_settings(project))
    pages = render_pages(catalogue, date(2030, 1, 1), project / "schema")
    [challenge] = [c for c in catalogue.challenges if c.id == "new-idea"]
    assert (challenge.published, challenge.deadline, challenge.contact, challenge.links, challenge.owner_confirmed) == (None, None, None, (), False)
    assert challenge.status_on(date(2030, 1, 1)) == "definition"
    for lang in LANGUAGES:
        markdown = pages["challenges/new-idea.md" if lang == "da" else f"challenges/new-idea.{lang}.md"]
        front = yaml.safe_load(markdown.split("---\n")[1])
        assert "owner" not in front  # the structured data claims no owner
        assert strings(lang)["challenge"]["owner_not_confirmed"] in markdown
        assert "<time" not in markdown and "mailto:" not in markdown
        texts = challenge.texts[lang]
        assert all(value == value.upper() for value in (texts.title, texts.summary, texts.question, texts.background, texts.looking_for))
    preview = subprocess.run([sys.executable, "-m", "govtech_mkdocs.preview", "challenges/new-idea.yml"], cwd=project, capture_output=True, text=True)
    for lang in LANGUAGES:
        for field in ("title", "summary", "question", "background", "looking_for"):
            assert f"`{lang}.{field}`" in preview.stdout, (lang, field)


@pytest.mark.parametrize("field", ["dates", "contact", "application", "links", "timeline", "questions"])
def test_an_optional_field_uncommented_with_its_placeholders_is_refused(project: Path, copied: Path, field: str) -> None:
    text = uncommented(copied.read_text(encoding="utf-8"), field)
    copied.write_text(text, encoding="utf-8")
    line = next(number for number, written in enumerate(text.splitlines(), 1) if written.startswith(f"{field}:"))
    result = validate(project, "challenges/new-idea.yml")
    assert result.returncode == 1
    places = [int(m) for m in re.findall(r"^challenges/new-idea\.yml:(\d+):", result.stderr, re.MULTILINE)]
    assert places and all(place >= line for place in places), result.stderr


def test_the_pull_request_template_asks_in_three_languages() -> None:
    lines = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8").splitlines()
    items = [i for i, line in enumerate(lines) if line.startswith("- [ ] ")]
    assert len(items) >= 8
    for i in items:
        follow = lines[i + 1].strip()
        assert follow.startswith("*") and follow.endswith("*") and " · " in follow, lines[i]
    for heading in (line for line in lines if line.startswith("## ")):
        assert heading.count(" · ") == 2, heading
