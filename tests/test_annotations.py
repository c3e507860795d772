"""In a pull request's checks, every problem `govtech-validate` finds is also a GitHub annotation on its file and line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from govtech.commands.github_annotations import annotation, annotation_lines, in_github_actions
from govtech.problems import Problem

# `path:line:column: message`, the line the validator prints for each problem.
PROBLEM_LINE = re.compile(r"^(challenges/[^:]+):(\d+):(\d+): (.+)$")


def validate(project: Path, *files: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`govtech-validate FILES` in `project`, with GITHUB_ACTIONS only as given."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | env
    return subprocess.run([sys.executable, "-m", "govtech_mkdocs.validate", *files], cwd=project, capture_output=True, text=True, env=environment, timeout=120)


def broken(project: Path) -> str:
    """A challenge file with two problems on two lines, as an agency might write it."""
    file = project / "challenges" / "invoicing.yml"
    file.write_text(file.read_text().replace("status: closed", "status: open call", 1).replace("theme: invoicing", "theme: fakturering", 1))
    return "challenges/invoicing.yml"


def test_an_annotation_names_the_file_line_and_column() -> None:
    problem = Problem("challenges/invoicing.yml", 12, 3, "unknown field `titel` (did you mean `title`?)")
    assert annotation(problem) == "::error file=challenges/invoicing.yml,line=12,col=3::unknown field `titel` (did you mean `title`?)"
    assert annotation(problem, "warning").startswith("::warning file=")


def test_what_would_end_or_split_a_command_is_escaped_as_github_reads_it() -> None:
    """A line break would end the command (it shows as `\\r\\n`, as on the plain line); `,` and `:` separate its properties; `%` starts an escape."""
    problem = Problem("challenges/a,b:c.yml", 1, 1, "100% wrong\r\nsecond line: here")
    assert annotation(problem) == "::error file=challenges/a%2Cb%3Ac.yml,line=1,col=1::100%25 wrong\\r\\nsecond line: here"
    assert "\n" not in annotation_lines([problem, problem]).replace("\n::error", "")


def test_only_github_actions_reads_annotations() -> None:
    assert in_github_actions({"GITHUB_ACTIONS": "true"})
    assert not in_github_actions({}) and not in_github_actions({"GITHUB_ACTIONS": "false"})


def test_in_github_actions_each_problem_is_also_an_annotation_and_the_normal_lines_stay(project: Path) -> None:
    file = broken(project)
    plain = validate(project, file)
    in_ci = validate(project, file, GITHUB_ACTIONS="true")
    assert plain.returncode == in_ci.returncode == 1
    problems = [m for m in map(PROBLEM_LINE.match, plain.stderr.splitlines()) if m]
    assert len(problems) == 2 and len({m.group(2) for m in problems}) == 2
    # The normal report is unchanged, every line of it.
    assert in_ci.stderr.startswith(plain.stderr.rstrip("\n"))
    expected = {f"::error file={m.group(1)},line={m.group(2)},col={m.group(3)}::{m.group(4)}" for m in problems}
    found = {line for line in (in_ci.stdout + in_ci.stderr).splitlines() if line.startswith("::")}
    assert found == expected


def test_outside_github_actions_and_for_valid_files_there_are_no_annotations(project: Path) -> None:
    valid = validate(project, GITHUB_ACTIONS="true")
    assert valid.returncode == 0 and "::" not in valid.stdout + valid.stderr
    file = broken(project)
    assert "::error" not in validate(project, file).stderr
    assert "::error" not in validate(project, file, GITHUB_ACTIONS="false").stderr
