"""No line the govtech-* commands print can be read by GitHub Actions as a workflow command, whatever a file holds.

GitHub Actions reads every line of a step's output: one that starts with `::` (after spaces) is a
workflow command, and `##[name]` is read anywhere in a line (the older form). Text from a challenge
file, a page or a commit is written so that it stays on its line and shows its control characters.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import markdown
import yaml

from govtech.commands.github_annotations import annotation
from govtech.problems import Problem, one_line
from test_translation_status import _commit, repo  # noqa: F401 (a fixture)

# A quoted YAML key and value may hold anything, line breaks included.
HOSTILE_KEY = '"x\\n::warning file=challenges/invoicing.yml,line=1::forged\\r\\n  ::error::also forged\\u2028##[error]legacy"'
HOSTILE_VALUE = '"invoicing\\n::add-mask::secret\\t##[warning]legacy"'


def commands_in(output: str) -> list[str]:
    """The lines GitHub Actions would read as workflow commands, in either form."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::") or re.search(r"##\[", line)]


def run(program: str, project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    package = "govtech.commands" if program == "translations" else "govtech_mkdocs"  # the adapter hands the core the configuration
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | env
    return subprocess.run([sys.executable, "-m", f"{package}.{program}", *args], cwd=project, capture_output=True, text=True, env=environment)


def test_control_characters_show_and_no_command_can_start_a_line() -> None:
    assert one_line("a\nb\r\tc\x1b[0m\u2028d\u202ee") == "a\\nb\\r\\tc\\x1b[0m\\u2028d\\u202ee"
    assert one_line("  ::warning::x") == "  \\x3a:warning::x"
    assert one_line("text ##[error]x") == "text #\\x23[error]x"
    assert one_line("challenges/invoicing.yml:3:1: plain text: stays as it is.") == "challenges/invoicing.yml:3:1: plain text: stays as it is."
    problem = Problem("::x.yml", 1, 1, "`a\n::error::b`")
    assert "\n" not in str(problem) and commands_in(str(problem)) == []
    assert annotation(problem) == "::error file=\\x3a%3Ax.yml,line=1,col=1::`a\\n::error::b`"


def test_a_key_and_a_value_holding_commands_print_as_one_visible_line_each(project: Path) -> None:
    file = project / "challenges" / "invoicing.yml"
    text = file.read_text()
    file.write_text(text.replace("theme: invoicing", f"theme: {HOSTILE_VALUE}\n{HOSTILE_KEY}: 1", 1))

    plain = run("validate", project, "challenges/invoicing.yml")
    in_ci = run("validate", project, "challenges/invoicing.yml", GITHUB_ACTIONS="true")

    assert plain.returncode == in_ci.returncode == 1
    assert commands_in(plain.stdout + plain.stderr) == []
    assert "forged\\r\\n  ::error::also forged\\u2028#\\x23[error]legacy" in plain.stderr
    assert "invoicing\\n::add-mask::secret\\t#\\x23[warning]legacy" in plain.stderr
    # In CI the only commands are the annotations, one a problem, each on its file and line.
    annotations = commands_in(in_ci.stdout + in_ci.stderr)
    problems = [line for line in plain.stderr.splitlines() if line.startswith("challenges/")]
    assert len(annotations) == len(problems) >= 2
    assert all(re.fullmatch(r"::error file=challenges/invoicing\.yml,line=\d+,col=\d+::[^\n]*", line) for line in annotations), annotations


def test_the_build_prints_the_same_lines(project: Path, tmp_path: Path) -> None:
    from conftest import build

    file = project / "challenges" / "invoicing.yml"
    file.write_text(file.read_text().replace("theme: invoicing", f"{HOSTILE_KEY}: 1\ntheme: invoicing", 1))
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert commands_in(result.output) == [] and "forged\\r\\n  ::error::also forged" in result.output


def test_a_commit_subject_holding_a_command_is_shown_as_text(repo: Path) -> None:  # noqa: F811
    (repo / "docs" / "faq.md").write_text("# Dansk, ændret\n")
    _commit(repo, "::warning file=docs/faq.md::forged ##[error]legacy")
    for env in ({"GITHUB_ACTIONS": "false"}, {"GITHUB_ACTIONS": "true"}):
        result = run("translations", repo / "docs", **env)
        assert result.returncode == 0, result.stderr
        lines = commands_in(result.stdout)
        if env["GITHUB_ACTIONS"] == "true":
            assert len(lines) == 1 and lines[0].startswith("::warning file=docs/faq.md::") and "##[" not in lines[0]
        else:
            assert lines == [] and "::warning file=docs/faq.md::forged #\\x23[error]legacy" in result.stdout


def test_the_preview_prints_no_command_whatever_a_text_says(project: Path) -> None:
    """govtech-preview's Markdown goes to the job summary, not the log; still, no line of it reads as a command."""
    file = project / "challenges" / "invoicing.yml"
    data = yaml.safe_load(file.read_text())
    data["en"]["summary"] = "::warning file=challenges/invoicing.yml::forged ##[error]legacy"
    data["en"]["background"] = "First paragraph.\n\n::error::forged\n\n  ::notice::indented ##[warning]x\n"
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    result = run("preview", project, "challenges/invoicing.yml")
    assert result.returncode == 0, result.stderr
    assert commands_in(result.stdout) == []
    shown = lxml.html.fromstring(f"<div>{markdown.markdown(re.sub(r'</?details[^>]*>|<summary>.*?</summary>', '', result.stdout))}</div>").text_content()
    assert "::warning file=challenges/invoicing.yml::forged ##[error]legacy" in shown and "::error::forged" in shown
