"""Problems as GitHub annotations: in a pull request's checks, each one shows beside the line it is about.

GitHub Actions reads a line such as `::error file=challenges/x.yml,line=12,col=3::message`
in a step's output as an annotation of that file and line, and shows it in the
pull request's "Files changed" next to the line. GitHub sets `GITHUB_ACTIONS=true`
in every step it runs; elsewhere the commands print nothing extra.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from govtech.problems import Problem, one_line


def in_github_actions(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether the command runs as a step of GitHub Actions, which reads annotations from its output."""
    return environ.get("GITHUB_ACTIONS") == "true"


def annotation(problem: Problem, level: str = "error") -> str:
    """One problem as the workflow command that annotates its file at its line and column."""
    return file_annotation(problem.path, problem.message, level, f",line={problem.line},col={problem.column}")


def file_annotation(path: str, message: str, level: str = "warning", where: str = "") -> str:
    """`message` as the workflow command that annotates the file at `path` (at `where`, or as a whole)."""
    return f"::{level} file={_property(one_line(path))}{where}::{_data(one_line(message))}"


def annotation_lines(problems: Iterable[Problem], level: str = "error") -> str:
    """Every problem as an annotation, one a line."""
    return "\n".join(annotation(problem, level) for problem in problems)


def _data(text: str) -> str:
    """A message escaped as GitHub's workflow commands require: a line break would end the command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A property value (the file's path) escaped: `:` and `,` separate the properties."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
