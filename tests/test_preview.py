"""`govtech-preview`: the pull request's job summary shows each changed challenge as its page will read, in every language."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "preview" / "preview-sample.yml"
SAMPLE = "challenges/preview-sample.yml"
NBSP = "\u00a0"
# What a reader of each language sees of the fixture (tests/fixtures/preview/preview-sample.yml).
EXPECTED = {
    "da": {
        "title": "Prøveudfordring til forhåndsvisningen",
        "owner": "[Sikkerhedsstyrelsen](https://sik.dk)",
        "published": f"2.{NBSP}marts 2030",
        "deadline": f"15.{NBSP}april 2030",
        "open": "Åben for ansøgninger",
        "defined": "Under udarbejdelse",
        "closed": "Afsluttet",
    },
    "de": {
        "title": "Probeherausforderung für die Vorschau",
        "owner": "[Dänische Behörde für Sicherheitstechnik \\(Sikkerhedsstyrelsen\\)](https://sik.dk)",
        "published": f"2.{NBSP}März 2030",
        "deadline": f"15.{NBSP}April 2030",
        "open": "Bewerbung offen",
        "defined": "In Vorbereitung",
        "closed": "Abgeschlossen",
    },
    "en": {
        "title": "Sample challenge for the preview",
        "owner": "[Danish Safety Technology Authority](https://sik.dk)",
        "published": f"2{NBSP}March 2030",
        "deadline": f"15{NBSP}April 2030",
        "open": "Open for applications",
        "defined": "Being defined",
        "closed": "Closed",
    },
}
LANGUAGE_NAMES = {"da": "Dansk", "de": "Deutsch", "en": "English"}


def run_preview(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`govtech-preview ARGS` run in `project`, as the CI step runs it."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | env
    return subprocess.run([sys.executable, "-m", "govtech_mkdocs.preview", *args], cwd=project, capture_output=True, text=True, env=environment, timeout=120)


def languages(markdown: str) -> dict[str, str]:
    """Each language's part of the summary: a `<details>` block whose `<summary>` names the language."""
    blocks = re.findall(r"<details[^>]*>\n<summary>(.*?)</summary>\n(.*?)</details>", markdown, re.DOTALL)
    found = {lang: summary + "\n" + body for lang, name in LANGUAGE_NAMES.items() for summary, body in blocks if summary.startswith(f"{name}:")}
    assert len(found) == len(blocks) == 3, markdown
    return found


def fact(block: str, label: str) -> str:
    """The value of a row of the facts table."""
    [value] = re.findall(rf"^\| {re.escape(label)} \| (.*) \|$", block, re.MULTILINE)
    return value


def labels(lang: str) -> dict[str, str]:
    return yaml.safe_load((ROOT / "hooks" / "govtech" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))["challenge"]


@pytest.fixture
def sample(project: Path) -> Path:
    """A copy of the project with the fixture challenge added."""
    shutil.copy(FIXTURE, project / SAMPLE)
    return project


def test_the_preview_shows_title_status_owner_dates_and_contact_in_each_language(sample: Path) -> None:
    result = run_preview(sample, SAMPLE, "--today", "2030-03-10")
    assert result.returncode == 0, result.stderr
    assert f"### `{SAMPLE}`" in result.stdout
    for lang, block in languages(result.stdout).items():
        expected, label = EXPECTED[lang], labels(lang)
        assert f"#### {expected['title']}" in block, lang
        assert fact(block, label["status"]) == expected["open"], lang
        assert fact(block, label["owner"]) == expected["owner"], lang
        assert fact(block, label["published"]) == expected["published"], lang
        assert fact(block, label["deadline"]) == expected["deadline"], lang
        assert fact(block, label["contact"]) == "<mailto:challenges@example.org>", lang
        # The texts follow under the page's headings; a multi-paragraph text keeps its paragraphs.
        assert f"##### {label['background']}" in block and "\n\n" in block.split(f"##### {label['background']}")[1].split("#####")[0].strip()


def test_the_preview_shows_how_to_apply_and_the_deadlines_time(sample: Path) -> None:
    text = FIXTURE.read_text().replace("  deadline: 2030-04-15\n", '  deadline: 2030-04-15\n  deadline_time: "09:30"\n')
    text = text.replace(
        "contact: mailto:challenges@example.org\n",
        "contact: mailto:challenges@example.org\napplication:\n  url: https://apply.example.org/sample\n  languages:\n    de: true\n    en: true\n"
        + "".join(f"  {lang}: |\n    {lang.upper()} sample: what an application holds.\n" for lang in EXPECTED),
    )
    (sample / SAMPLE).write_text(text)
    result = run_preview(sample, SAMPLE, "--today", "2030-03-10")
    assert result.returncode == 0, result.stderr
    at = {
        "da": f"15.{NBSP}april 2030 kl. 09.30 dansk tid",
        "de": f"15.{NBSP}April 2030, 09:30 Uhr dänischer Zeit",
        "en": f"15{NBSP}April 2030, 09:30 Danish time",
    }
    accepted = {"da": "tysk eller engelsk", "de": "Deutsch oder Englisch", "en": "German or English"}
    for lang, block in languages(result.stdout).items():
        apply = yaml.safe_load((ROOT / "hooks" / "govtech" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))["apply"]
        assert fact(block, labels(lang)["deadline"]) == at[lang], lang
        assert f"##### {apply['title']}" in block
        assert apply["languages"].format(languages=accepted[lang]) in block
        assert apply["questions"].format(address="<mailto:challenges@example.org>") in block
        assert f"**[{apply['button_web']}](https://apply.example.org/sample)**" in block
        assert f"{lang.upper()} sample: what an application holds." in block


def test_the_status_shown_follows_the_dates(sample: Path) -> None:
    """An open call reads as being defined until its publication, and as closed after its deadline; the preview says why."""
    before = languages(run_preview(sample, SAMPLE, "--today", "2030-03-01").stdout)
    after = languages(run_preview(sample, SAMPLE, "--today", "2030-04-16").stdout)
    for lang in EXPECTED:
        status = labels(lang)["status"]
        assert fact(before[lang], status) == EXPECTED[lang]["defined"], lang
        assert fact(after[lang], status) == EXPECTED[lang]["closed"], lang
        [note] = [line for line in before[lang].splitlines() if "`open-call`" in line]
        assert EXPECTED[lang]["defined"] in note and not note.startswith("|"), lang
    # On the day of the deadline the call is still open, with no note.
    last_day = languages(run_preview(sample, SAMPLE, "--today", "2030-04-15").stdout)
    assert all(fact(last_day[lang], labels(lang)["status"]) == EXPECTED[lang]["open"] and "`open-call`" not in last_day[lang] for lang in EXPECTED)


def test_files_with_problems_get_only_a_pointer_to_them(sample: Path) -> None:
    (sample / SAMPLE).write_text(FIXTURE.read_text().replace("status: open-call", "status: open call"))
    result = run_preview(sample, SAMPLE)
    assert result.returncode == 0
    assert "Check every challenge file" in result.stdout
    assert "<details" not in result.stdout and EXPECTED["da"]["title"] not in result.stdout
    for lang in EXPECTED:
        pointer = yaml.safe_load((ROOT / "hooks" / "govtech" / "strings" / f"{lang}.yml").read_text())["preview"]["invalid"]
        assert pointer in result.stdout, lang


def test_a_file_that_is_no_challenge_and_no_file_at_all_are_said_so(sample: Path) -> None:
    owners = run_preview(sample, "challenges/_owners.yml").stdout
    assert "### `challenges/_owners.yml`" in owners and "<details" not in owners
    nothing = run_preview(sample).stdout
    assert "<details" not in nothing and "###" not in nothing
    assert yaml.safe_load((ROOT / "hooks/govtech/strings/en.yml").read_text())["preview"]["none"] in nothing


def test_text_left_as_in_the_template_is_pointed_out_and_annotated_in_github_actions(sample: Path) -> None:
    text = FIXTURE.read_text().replace("  title: Sample challenge for the preview", "  title: THE TITLE IN ENGLISH")
    (sample / SAMPLE).write_text(text)
    line = text.splitlines().index("  title: THE TITLE IN ENGLISH") + 1
    local = run_preview(sample, SAMPLE)
    assert local.returncode == 0
    assert "`en.title`" in local.stdout and "`da.title`" not in local.stdout
    assert "::warning" not in local.stdout + local.stderr
    in_ci = run_preview(sample, SAMPLE, GITHUB_ACTIONS="true")
    assert in_ci.stderr.strip() == (
        f"::warning file={SAMPLE},line={line},col=3::`en.title` is still the placeholder text of challenges/_template.yml; write the real text in its place."
    )
    assert "::" not in in_ci.stdout.replace("`::`", "")  # the summary itself holds no workflow command


def test_the_command_is_installed_and_the_pull_request_check_writes_it_to_the_job_summary() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["govtech-preview"] == "govtech_mkdocs.preview:main"
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    [job] = [job for job in ci["jobs"].values() if job.get("name") == "Validate challenge files"]
    [checkout] = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    [preview] = [step for step in job["steps"] if "govtech-preview" in step.get("run", "")]
    assert "$GITHUB_STEP_SUMMARY" in preview["run"] and "git diff --name-only" in preview["run"] and "...HEAD -- challenges/" in preview["run"]
    assert "pull_request.base.sha" in str(preview.get("env"))
    # It shows the pages even when the check before it failed (it then points to the problems).
    assert "!cancelled()" in preview.get("if", "")


def test_a_challenge_in_danish_first_previews_its_danish_texts_with_the_notice(project: Path) -> None:
    source = project / "challenges" / "invoicing.yml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for lang in ("de", "en"):
        del data[lang]
        for link in data.get("links", ()):
            link.pop(lang, None)
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shown = subprocess.run([sys.executable, "-m", "govtech_mkdocs.preview", "challenges/invoicing.yml"], cwd=project, capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    for lang in ("de", "en"):
        notice = yaml.safe_load((ROOT / "hooks" / "govtech" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))["authoring"]["pending"]["notice"]
        assert f"> {notice}" in shown.stdout
    assert shown.stdout.count(f": {data['da']['title']}</summary>") == 3  # the Danish title in each language's section
