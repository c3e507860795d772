"""`govtech-validate`: every kind of mistake gets one line naming file, line and fix."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import copy_project
from govtech.reading.validation import schema_problems, text_problems
from govtech.reading.yaml_reader import read_yaml
from govtech_mkdocs.project_config import project_settings
from govtech_mkdocs.validate import main

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_OF = {"_owners.yml": "owners", "_events.yml": "events", "_rounds.yml": "rounds", "_themes.yml": "themes"}
# A valid challenge file whose line numbers the cases below rely on:
# 2 id, 3 theme, 4 owner, 5 status, 7 da:, 8 da.title, 9 da.summary, 10 da.question, 11 da.background.
BASE = (Path(__file__).parent / "fixtures" / "valid" / "invoicing.yml").read_text()


def replaced(old: str, new: str) -> str:
    """The base file with its first `old` replaced by `new`."""
    assert old in BASE
    return BASE.replace(old, new, 1)


CASES = {
    "tab indentation": (replaced("  title: Flere", "\ttitle: Flere"), 8, "a tab is used for indentation; YAML needs spaces"),
    "duplicate key": (replaced("theme: invoicing\n", "theme: invoicing\ntheme: data-ethics\n"), 4, "`theme` is written twice (first on line 3); keep one"),
    "`on` read as yes/no": (replaced("  title: Flere virksomheder på e-faktura", "  title: on"), 8, "YAML reads `on` as yes/no, not as text; put it in quotes"),
    "`yes` read as yes/no": (
        replaced("  question: Hvordan kan digital teknologi øge", "  question: yes\n  x_question: øge"),
        10,
        "`da.question`: YAML reads `yes` as yes/no",
    ),
    "number for text": (
        replaced("  title: Flere virksomheder på e-faktura", "  title: 2020"),
        8,
        "YAML reads `2020` as a number, not as text; put it in quotes",
    ),
    "empty value": (replaced("  title: Flere virksomheder på e-faktura", "  title:"), 8, "`da.title` is empty; write the text after `title:`"),
    "impossible date": (
        replaced("status: closed\n", "status: closed\ndates:\n  published: 2019-02-30\n"),
        7,
        "`dates.published`: 2019-02-30 does not exist: February 2019 has 28 days.",
    ),
    "date in another order": (
        replaced("status: closed\n", "status: closed\ndates:\n  published: 30-01-2019\n"),
        7,
        "`dates.published`: `30-01-2019` is not written as the file writes dates: year, month, day (YYYY-MM-DD). Did you mean 2019-01-30?",
    ),
    "deadline before publication": (
        replaced("status: closed\n", "status: closed\ndates:\n  published: 2019-03-01\n  deadline: 2019-02-01\n"),
        8,
        "the deadline 2019-02-01 is before the publication date 2019-03-01; correct one of them",
    ),
    "id not the file name": (
        replaced("id: invoicing", "id: invoice"),
        2,
        "the id `invoice` must equal the file name; write `id: invoicing` or rename the file to invoice.yml",
    ),
    "unknown owner": (replaced("owner: erst", "owner: ersst"), 4, "unknown owner `ersst` (did you mean `erst`?); use a key from challenges/_owners.yml"),
    "unknown theme": (replaced("theme: invoicing", "theme: invoice"), 3, "`invoice` is not a known theme (did you mean `invoicing`?); use one of: data-ethics"),
    "unknown status": (replaced("status: closed", "status: closd"), 5, "`closd` is not a known status (did you mean `closed`?); use one of:"),
    "javascript: contact": (
        replaced("status: closed\n", "status: closed\ncontact: javascript:alert(1)\n"),
        6,
        "`contact`: `javascript:alert(1)` must be a web address starting with https://",
    ),
    "javascript: in a Markdown link": (
        replaced("  background: |\n", "  background: |\n    Read [this](javascript:alert(1)).\n"),
        12,
        "`da.background` links to `javascript:`; only https://, http:// and mailto: links are allowed",
    ),
    "raw HTML": (
        replaced("  background: |\n", "  background: |\n    <script>alert(1)</script>\n"),
        12,
        "`da.background` contains HTML (`<script…`); write plain text or Markdown instead",
    ),
    "mailto: without an address": (
        replaced("status: closed\n", "status: closed\ncontact: mailto:office\n"),
        6,
        "`contact`: `mailto:office` must be a web address starting with https:// or http://, or an e-mail address written as mailto:name@example.org",
    ),
    "summary too long": (replaced("  summary: Hvordan", "  summary: " + "lang " * 40 + "Hvordan"), 9, "`da.summary` is 3"),
    "unknown key": (replaced("  title:", "  titel:"), 8, "unknown field `titel` (did you mean `title`?)"),
    "missing Danish block": (
        BASE.split("\nda:")[0] + "\nde:" + BASE.split("\nde:")[1],
        2,
        "the file is missing the field `da`; add it",
    ),
    "reserved id": (replaced("id: invoicing", "id: index"), 2, "`id`: `index` is reserved for the site's own pages; choose another"),
    "alias": (replaced("owner: erst\n", "owner: &o erst\n") + "extra: *o\n", 47, "aliases (`*name`) are not allowed"),
    "empty file": ("# only a comment\n\n", 1, "the file is empty; copy challenges/_template.yml"),
    "top level not a mapping": ("- id: invoicing\n- theme: invoicing\n", 1, "the file must consist of fields written as `name: value`"),
}


def validate(folder: Path, capsys: pytest.CaptureFixture, *files: Path) -> tuple[int, list[str]]:
    """Run the validator's entry point; its exit code and the problem lines it printed."""
    code = main([*(str(f) for f in files), "--dir", str(folder)])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line.startswith(str(folder))]


@pytest.mark.parametrize("case", CASES)
def test_each_mistake_is_named_with_its_line_and_fix(folder: Path, capsys: pytest.CaptureFixture, case: str) -> None:
    text, line, message = CASES[case]
    file = folder / "invoicing.yml"
    file.write_text(text)
    code, lines = validate(folder, capsys, file)
    assert code == 1
    assert any(reported.startswith(f"{file}:{line}:") and message in reported for reported in lines), lines


PASTED = (
    "this line is not indented like the text of `background: |` on line 11, so YAML does not read it as part of that text; "
    "if it belongs there, indent it with 4 spaces, like the lines above it."
)
TYPOGRAPHIC = (
    "the text starts with the typographic quotation mark {}, which YAML does not read as a quote; "
    'put the text in straight quotes instead: "…" (typographic marks inside them stay part of the text).'
)
END_OF_BACKGROUND = "    e-fakturaen bliver det naturlige valg.\n"
# The mistakes civil servants make, each with the one line the validator prints: line, column, message.
MISTAKES = {
    "paragraph pasted without indentation": (replaced(END_OF_BACKGROUND, END_OF_BACKGROUND + "\nDet gælder også kommunerne.\n"), f"17:1: {PASTED}"),
    "paragraph pasted at the fields' indentation": (replaced(END_OF_BACKGROUND, END_OF_BACKGROUND + "\n  Det gælder også kommunerne.\n"), f"17:1: {PASTED}"),
    "pasted paragraph that starts like a field": (
        replaced(END_OF_BACKGROUND, END_OF_BACKGROUND + "\n  Bemærk: det gælder også kommunerne.\n"),
        f"17:3: {PASTED}",
    ),
    "pasted paragraph that starts like a field, not indented": (
        replaced(END_OF_BACKGROUND, END_OF_BACKGROUND + "\nBemærk: det gælder også kommunerne.\n"),
        f"17:1: {PASTED}",
    ),
    "first line of a text not indented": (
        replaced("  background: |\n    Mange", "  background: |\nMange"),
        "12:1: this line is not indented under `background: |` on line 11, so YAML does not read it as that text; "
        "if it belongs there, indent it with 4 spaces, more than `background:`.",
    ),
    "text pasted from Word without indentation, paragraph after paragraph": (
        replaced(END_OF_BACKGROUND, END_OF_BACKGROUND + "\nDet gælder også kommunerne.\nOgså de små.\n\nOg regionerne.\n"),
        "17:1: this line and lines 18 and 20 are not indented like the text of `background: |` on line 11, so YAML does not read them as part of that text; "
        "if they belong there, indent each with 4 spaces, like the lines above them.",
    ),
    "a line indented with no-break spaces": (
        replaced(END_OF_BACKGROUND, END_OF_BACKGROUND + "\n\u00a0\u00a0\u00a0\u00a0Det gælder også kommunerne.\n"),
        "17:1: line 17 is indented with no-break spaces (as text pasted from a word processor often is), which YAML does not count as indentation; "
        "retype the spaces at the start of line 17.",
    ),
    "a colon in a title without quotes": (
        replaced("  title: Flere virksomheder på e-faktura", "  title: E-faktura: flere virksomheder med"),
        "8:10: this text holds a colon followed by a space, which YAML reads as the start of another field; put the whole text in quotes. "
        'Copy this line in its place: `  title: "E-faktura: flere virksomheder med"`',
    ),
    "a date written day first": (
        replaced("status: closed\n", "status: closed\ndates:\n  deadline: 31-03-2030\n"),
        "7:3: `dates.deadline`: `31-03-2030` is not written as the file writes dates: year, month, day (YYYY-MM-DD). Did you mean 2030-03-31?",
    ),
    "a date written with dots": (
        replaced("status: closed\n", "status: closed\ndates:\n  published: 1.2.2030\n"),
        "7:3: `dates.published`: `1.2.2030` is not written as the file writes dates: year, month, day (YYYY-MM-DD). Did you mean 2030-02-01?",
    ),
    "typographic quotes around a text with a colon": (
        replaced("  title: Flere virksomheder på e-faktura", "  title: “Flere virksomheder: på e-faktura”"),
        "8:10: " + TYPOGRAPHIC.format("“"),
    ),
    "guillemets used as quotes": (
        replaced("  title: Flere virksomheder på e-faktura", "  title: »Flere virksomheder på e-faktura«"),
        "8:10: " + TYPOGRAPHIC.format("»"),
    ),
    "German quotes around a text with #": (
        replaced("  title: Flere virksomheder på e-faktura", "  title: „Flere virksomheder #1 på e-faktura“"),
        "8:10: " + TYPOGRAPHIC.format("„"),
    ),
    "impossible day": (
        replaced("status: closed\n", "status: closed\ndates:\n  published: 2030-02-30\n"),
        "7:3: `dates.published`: 2030-02-30 does not exist: February 2030 has 28 days. Write a day that exists.",
    ),
    "impossible month": (
        replaced("status: closed\n", "status: closed\ndates:\n  deadline: 2030-13-01\n"),
        "7:3: `dates.deadline`: 2030-13-01 does not exist: there is no month 13. Write the month as 01 to 12.",
    ),
    "control character in quotes": (
        replaced("  title: Flere virksomheder på e-faktura", '  title: "Flere\\a virksomheder på e-faktura"'),
        "8:10: the text holds the invisible control character U+0007, written as an escape with `\\` in quotes; delete the escape.",
    ),
    "image as a reference link": (
        replaced("  background: |\n", "  background: |\n    ![Logo][logo]\n\n    [logo]: https://example.org/logo.png\n\n"),
        "12:5: `da.background` shows an image (`![…]`); images are not allowed in challenge texts, link to the page instead: [text](https://…).",
    ),
    "image with brackets in its text": (
        replaced("  background: |\n", "  background: |\n    ![a [b] c](https://example.org/p.png)\n\n"),
        "12:5: `da.background` shows an image (`![…]`); images are not allowed in challenge texts, link to the page instead: [text](https://…).",
    ),
    "code fence left open": (
        replaced("  background: |\n", "  background: |\n    ```\n"),
        "12:5: `da.background` opens something it does not close: a code block (a line of ``` or ~~~), an HTML comment (`<!--`) or HTML; "
        "on the page it would swallow the headings and texts after it. Delete it, or write plain text.",
    ),
}


@pytest.mark.parametrize("case", MISTAKES)
def test_each_common_mistake_gets_one_message_at_the_line_where_it_was_made(folder: Path, capsys: pytest.CaptureFixture, case: str) -> None:
    text, expected = MISTAKES[case]
    file = folder / "invoicing.yml"
    file.write_text(text)
    code, lines = validate(folder, capsys, file)
    assert code == 1
    assert lines == [f"{file}:{expected}"]


HARMLESS = {
    "autolink": "Læs mere på <https://example.org/e-faktura>.",
    "e-mail autolink": "Skriv til <office@example.org>.",
    "less-than in prose": "Det gælder, når 5 < 10 og 3 > 2.",
    "braces in prose": "Feltet {WORD} erstattes af navnet, og {: dette} er også tekst.",
    "table": "| Kvartal | Andel |\n|:--|--:|\n| 1 | 40 % |",
    "definition list": "E-faktura\n:   En faktura i et fast format.",
    "abbreviation": "GDPR gælder.\n\n*[GDPR]: Databeskyttelsesforordningen",
    "reference link": "Se [vejledningen][v].\n\n[v]: https://example.org/vejledning",
    "quote, list and rule": "> Et citat.\n\n- et punkt\n- et andet\n\n---\n\nTil sidst.",
}


@pytest.mark.parametrize("text", HARMLESS.values(), ids=HARMLESS.keys())
def test_harmless_prose_passes(folder: Path, capsys: pytest.CaptureFixture, text: str) -> None:
    data = yaml.safe_load(BASE)
    data["da"]["background"] = text + "\n\nResten af baggrunden."
    file = folder / "invoicing.yml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert validate(folder, capsys, file) == (0, [])


def test_a_broken_owner_key_is_named_once_at_its_own_line(folder: Path, capsys: pytest.CaptureFixture) -> None:
    owners = (ROOT / "challenges" / "_owners.yml").read_text().replace("\nerst:\n", "\nErst_2:\n")
    (folder / "_owners.yml").write_text(owners)
    (folder / "invoicing.yml").write_text(BASE)  # owner: erst, now missing
    (folder / "user-data.yml").write_text(replaced("id: invoicing", "id: user-data").replace("owner: erst", "owner: Erst_2"))
    line = owners.splitlines().index("Erst_2:") + 1
    code, lines = validate(folder, capsys)
    assert code == 1
    assert lines == [
        f"{folder / '_owners.yml'}:{line}:1: the key `Erst_2` may only hold lowercase letters a to z, digits and single hyphens between them, "
        "such as `erst` or `data-agency`; rename it, and the `owner:` lines that name it."
    ]


def test_a_tab_in_the_owners_file_is_reported_there_once_and_not_in_the_challenges(folder: Path, capsys: pytest.CaptureFixture) -> None:
    owners = (ROOT / "challenges" / "_owners.yml").read_text()
    owners = owners.replace("\n  url: https://sik.dk\n", "\n\turl: https://sik.dk\n").replace("\n  da: Sikkerhedsstyrelsen\n", "\n\tda: Sikkerhedsstyrelsen\n")
    (folder / "_owners.yml").write_text(owners)
    (folder / "invoicing.yml").write_text(BASE)
    (folder / "user-data.yml").write_text(replaced("id: invoicing", "id: user-data").replace("owner: erst", "owner: sik"))
    line = owners.splitlines().index("\turl: https://sik.dk") + 1
    code, lines = validate(folder, capsys)
    assert code == 1
    assert lines == [
        f"{folder / '_owners.yml'}:{line}:1: a tab is used for indentation (also on line {line + 1}); YAML needs spaces. Replace the tab with spaces."
    ]


def test_a_challenge_saved_without_yml_is_named_with_its_new_name(folder: Path, capsys: pytest.CaptureFixture) -> None:
    (folder / "invoicing.yml").write_text(BASE)
    renames = {"new-challenge": "new-challenge.yml", "other.txt": "other.yml", "third.YML": "third.yml", "fourth.yml.txt": "fourth.yml"}
    for name in renames:
        (folder / name).write_text(BASE)
    for name in (".DS_Store", "invoicing.yml~", ".invoicing.yml.swp"):  # not meant as challenges
        (folder / name).write_bytes(b"x")
    code, lines = validate(folder, capsys)
    assert code == 1
    assert lines == sorted(
        f"{folder / name}:1:1: this file is not read, because only files whose names end in .yml are challenges; rename it to {new}."
        for name, new in renames.items()
    )


VALIDATE = Path(sys.executable).with_name("govtech-validate")


def run_validate(cwd: Path) -> subprocess.CompletedProcess:
    """The installed `govtech-validate`, run as an editor runs it, in `cwd`."""
    return subprocess.run([str(VALIDATE)], cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_the_command_checks_the_project_it_runs_in_not_the_one_it_was_installed_from(tmp_path: Path) -> None:
    other = copy_project(tmp_path / "other-checkout")
    (other / "challenges" / "invoicing.yml").write_text((other / "challenges" / "invoicing.yml").read_text().replace("owner: erst", "owner: ersst"))
    schema_file = other / "schema" / "challenge.schema.json"
    stricter = json.loads(schema_file.read_text())
    stricter["$defs"]["texts"]["properties"]["title"]["maxLength"] = 10
    schema_file.write_text(json.dumps(stricter))
    (other / "docs" / "seminar.md").unlink()

    result = run_validate(other / "challenges")  # from a folder inside the project, as from an editor's terminal
    assert result.returncode == 1, result.stderr
    problems = result.stderr.splitlines()[:-1]
    assert any(line.startswith("invoicing.yml:4:1: unknown owner `ersst`") for line in problems), problems
    assert any(line.startswith("data-ethics.yml:") and "`da.title` is" in line and "the limit is 10" in line for line in problems), problems
    assert any(line.startswith("_events.yml:") and "there is no page docs/seminar.md" in line for line in problems), problems
    assert run_validate(ROOT).returncode == 0


def test_a_markdown_extension_that_does_not_load_is_named_at_its_line_in_mkdocs_yml(tmp_path: Path) -> None:
    other = copy_project(tmp_path / "other-checkout")
    config = (other / "mkdocs.yml").read_text().replace("  - pymdownx.details\n", "  - pymdownx.detailz\n")
    (other / "mkdocs.yml").write_text(config)
    line = config.splitlines().index("  - pymdownx.detailz") + 1
    result = run_validate(other)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"mkdocs.yml:{line}:1: the Markdown extension `pymdownx.detailz` that mkdocs.yml names cannot be loaded "
        "(No module named 'pymdownx.detailz'); correct its name or its settings."
    )


def test_outside_a_project_the_command_says_so_and_exits_2(tmp_path: Path) -> None:
    assert not any((folder / "mkdocs.yml").exists() for folder in (tmp_path, *tmp_path.parents))
    result = run_validate(tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"govtech-validate: there is no mkdocs.yml in {tmp_path.resolve()} or in any folder above it, so there is no site here. "
        "Run the command inside the site's folder (the one that holds mkdocs.yml and challenges/).\n"
    )


def test_a_file_that_is_not_utf8_is_named_with_its_line(folder: Path, capsys: pytest.CaptureFixture) -> None:
    file = folder / "invoicing.yml"
    file.write_bytes(BASE.encode("utf-8").replace("på e-faktura".encode(), "på e-faktura".encode("latin-1")))
    code, lines = validate(folder, capsys, file)
    assert code == 1
    assert lines == [f"{file}:8:30: the file is not UTF-8 text; save it with the encoding UTF-8."]


def test_two_files_with_one_id(folder: Path, capsys: pytest.CaptureFixture) -> None:
    (folder / "invoicing.yml").write_text(BASE)
    (folder / "invoicing.yaml").write_text(BASE)
    code, lines = validate(folder, capsys)
    assert code == 1
    assert len(lines) == 1 and ":2:1: the id `invoicing` is already used by" in lines[0], lines


def test_every_problem_in_every_file_in_one_run(folder: Path, capsys: pytest.CaptureFixture) -> None:
    (folder / "invoicing.yml").write_text(CASES["unknown owner"][0])
    (folder / "data-ethics.yml").write_text(CASES["tab indentation"][0].replace("id: invoicing", "id: data-ethics"))
    (folder / "user-data.yml").write_text(replaced("id: invoicing", "id: user-data").replace("theme: invoicing", "theme: x").replace("  title:", "  titel:"))
    code, lines = validate(folder, capsys)
    assert code == 1
    assert {Path(line.split(":")[0]).name for line in lines} == {"invoicing.yml", "data-ethics.yml", "user-data.yml"}
    assert len([line for line in lines if "user-data.yml" in line]) >= 3  # theme, unknown key, missing title


def test_valid_files_pass_and_the_command_exits_zero() -> None:
    result = subprocess.run([sys.executable, "-m", "govtech_mkdocs.validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "challenge files checked: no problems" in result.stdout


def test_the_real_files_and_the_template_match_the_schema() -> None:
    markdown = project_settings(ROOT).markdown()
    for file in sorted((ROOT / "challenges").glob("*.yml")):
        doc = read_yaml(file, file.name)
        assert not doc.problems
        name = SCHEMA_OF.get(file.name, "challenge")
        assert schema_problems(doc, name, ROOT / "schema") == [] and text_problems(doc, name, markdown, ROOT / "schema") == [], file.name


def test_every_challenge_file_names_the_schema_for_editors() -> None:
    for file in sorted((ROOT / "challenges").glob("*.yml")):
        first = file.read_text().splitlines()[0]
        expected = SCHEMA_OF.get(file.name, "challenge")
        assert first == f"# yaml-language-server: $schema=../schema/{expected}.schema.json", file.name


def test_an_event_must_name_an_existing_page(folder: Path, capsys: pytest.CaptureFixture) -> None:
    shutil.copytree(ROOT / "docs", folder.parent / "docs", dirs_exist_ok=True)
    events = (ROOT / "challenges" / "_events.yml").read_text().replace("page: seminar", "page: seminr")
    (folder / "_events.yml").write_text(events)
    (folder / "invoicing.yml").write_text(BASE)
    code, lines = validate(folder, capsys)
    assert code == 1
    assert any("_events.yml:7:3: `seminar.page`: there is no page docs/seminr.md" in line for line in lines), lines


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    from jsonschema import Draft202012Validator

    for file in (ROOT / "schema").glob("*.json"):
        Draft202012Validator.check_schema(json.loads(file.read_text()))


def test_the_fast_and_the_full_validator_agree_on_every_case(tmp_path: Path) -> None:
    """The compiled schema decides; jsonschema explains. They must never disagree."""
    from govtech.reading.validation import _compiled_at, _validator_at, schema_version

    for case, (text, _, _) in CASES.items():
        (tmp_path / "invoicing.yml").write_text(text)
        data = read_yaml(tmp_path / "invoicing.yml", "invoicing.yml").data
        if data is None:
            continue
        try:
            _compiled_at(*schema_version("challenge", ROOT / "schema"))(data)
            fast_valid = True
        except Exception:
            fast_valid = False
        assert fast_valid == _validator_at(*schema_version("challenge", ROOT / "schema")).is_valid(data), case


def schema_field_names(schema: dict) -> set[str]:
    """Every field name the challenge schema defines, nested ones included."""
    names = set()

    def walk(properties: dict) -> None:
        for name, spec in properties.items():
            names.add(name)
            walk(spec.get("properties", {}))
            walk(spec.get("items", {}).get("properties", {}))

    walk(schema["properties"])
    walk(schema["$defs"]["texts"]["properties"])
    return names


@pytest.mark.parametrize("lang", ["da", "de", "en"])
def test_the_reference_page_lists_every_schema_field(site: Path, lang: str) -> None:
    from built_pages import article, page, prefix, text

    schema = json.loads((ROOT / "schema" / "challenge.schema.json").read_text())
    content = article(page(site, f"{prefix(lang)}agencies/reference/"))
    listed = {text(code).split(".")[-1].removeprefix("links[]") for code in content.cssselect("td:first-child code")}
    listed |= {text(code) for code in content.cssselect("p code")}
    assert schema_field_names(schema) <= listed
    descriptions = [text(td) for td in content.cssselect("td:last-child")]
    expected = schema["properties"]["id"]["x-description"].get(lang, schema["properties"]["id"]["description"])
    assert expected in descriptions


# A new authority and a new theme written out in the challenge itself, its texts in Danish only (German and English to follow).
DANISH_ONLY = """id: green-procurement
theme:
  key: green-transition
  da: Grøn omstilling
  de: Grüner Wandel
  en: Green transition
owner:
  key: mst
  url: https://mst.dk
  da: Miljøstyrelsen
  de: Dänische Umweltschutzbehörde (Miljøstyrelsen)
  en: Danish Environmental Protection Agency
status: definition
links:
  - url: https://example.org/rapport
    da: Rapporten
da:
  title: Grønnere indkøb
  summary: Hvordan kan små virksomheder gøre offentlige indkøb grønnere?
  question: Hvordan kan teknologi gøre det let at vælge det grønne produkt?
  background: |
    Offentlige indkøbere vil gerne vælge grønt, men mangler overblikket.
  looking_for: |
    En løsning, der viser miljøaftrykket ved hvert indkøb.
"""


def test_a_new_authority_and_theme_in_danish_only_is_one_valid_file(folder: Path, capsys: pytest.CaptureFixture) -> None:
    (folder / "green-procurement.yml").write_text(DANISH_ONLY)
    # Another challenge of the same authority and theme names them by their keys.
    (folder / "invoicing.yml").write_text(replaced("owner: erst", "owner: mst").replace("theme: invoicing", "theme: green-transition"))
    assert validate(folder, capsys) == (0, [])
    # Checked on its own (as a pull request checks the files it changes), it still finds the authority written out in the other.
    assert validate(folder, capsys, folder / "invoicing.yml") == (0, [])


ENTRY_MISTAKES = {
    "an authority written out although _owners.yml lists it": (
        DANISH_ONLY.replace("  key: mst", "  key: erst"),
        "green-procurement.yml:8:3: the authority `erst` is already in challenges/_owners.yml; write `owner: erst` instead of the group.",
    ),
    "a theme written out although _themes.yml lists it": (
        DANISH_ONLY.replace("  key: green-transition", "  key: invoicing"),
        "green-procurement.yml:3:3: the theme `invoicing` is already in challenges/_themes.yml; write `theme: invoicing` instead of the group.",
    ),
    "a German text in a file that has no German texts": (
        DANISH_ONLY.replace("    da: Rapporten\n", "    da: Rapporten\n    de: Der Bericht\n"),
        "green-procurement.yml:17:5: `links[1].de`: the file has no German texts (no `de:` block), so its German texts follow all together; "
        "delete this one for now, or add the `de:` block with the other German texts.",
    ),
    "German texts without the link's German text": (
        DANISH_ONLY
        + "de:\n  title: Grünere Beschaffung\n  summary: Wie machen kleine Firmen die Beschaffung grüner?\n"
        + "  question: Wie macht Technik die grüne Wahl leicht?\n  background: Öffentliche Einkäufer wollen grün kaufen.\n"
        + "  looking_for: Eine Lösung, die den Fußabdruck zeigt.\n",
        "green-procurement.yml:15:5: `links[1]` has no German text (`de:`), though the file has its German texts (`de:` on line 25); "
        "add `de:` here, or leave all the German texts out to publish in Danish first.",
    ),
    "an unknown owner": (
        DANISH_ONLY.replace(DANISH_ONLY[DANISH_ONLY.index("owner:") : DANISH_ONLY.index("status:")], "owner: msst\n"),
        "green-procurement.yml:7:1: unknown owner `msst`; use a key from challenges/_owners.yml, or, for an authority not listed there, "
        "write it out under `owner:` with its key, url and names (da, de, en), as the challenge form does.",
    ),
}


@pytest.mark.parametrize("case", ENTRY_MISTAKES)
def test_new_authorities_themes_and_languages_to_follow_get_one_message_each(folder: Path, capsys: pytest.CaptureFixture, case: str) -> None:
    text, expected = ENTRY_MISTAKES[case]
    (folder / "green-procurement.yml").write_text(text)
    code, lines = validate(folder, capsys)
    assert code == 1
    assert lines == [f"{folder}/{expected}"]


def test_one_authority_written_out_twice_with_other_details_is_named_at_the_second(folder: Path, capsys: pytest.CaptureFixture) -> None:
    (folder / "green-procurement.yml").write_text(DANISH_ONLY)
    (folder / "green-transport.yml").write_text(
        DANISH_ONLY.replace("green-procurement", "green-transport").replace("url: https://mst.dk", "url: https://www.mst.dk")
    )
    code, lines = validate(folder, capsys)
    assert code == 1
    assert lines == [
        f"{folder}/green-transport.yml:8:3: the authority `mst` is also written out in {folder}/green-procurement.yml (line 7), with other details; "
        "write `owner: mst` here instead of the group, or the same details as there."
    ]


def test_a_broken_theme_key_is_named_once_at_its_own_line(folder: Path, capsys: pytest.CaptureFixture) -> None:
    themes = (ROOT / "challenges" / "_themes.yml").read_text().replace("\ninvoicing:\n", "\nInvoicing:\n")
    (folder / "_themes.yml").write_text(themes)
    (folder / "invoicing.yml").write_text(BASE)  # theme: invoicing, now missing
    line = themes.splitlines().index("Invoicing:") + 1
    code, lines = validate(folder, capsys)
    assert code == 1
    assert lines == [
        f"{folder / '_themes.yml'}:{line}:1: the key `Invoicing` may only hold lowercase letters a to z, digits and single hyphens between them, "
        "such as `invoicing` or `user-data`; rename it, and the `theme:` lines that name it."
    ]
