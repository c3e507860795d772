"""`govtech-preview [FILE ...]`: how the named challenges' pages will read, as Markdown for a pull request's job summary.

For each challenge file named (in CI: the files the pull request adds or
changes), the page in Danish, German and English as GitHub can show it:
title, summary, the facts (owner, theme, status, dates, contact) as they
read on the day of the preview, and the texts. It is made from the core's
model and interface texts, not by MkDocs, so GitHub-flavoured Markdown
without the site's styles. When any file has problems it writes only a
pointer to them (`govtech-validate` lists them). Text still as in
challenges/_template.yml is pointed out, and annotated in GitHub Actions.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment

from govtech import LANGUAGES
from govtech.commands.github_annotations import annotation_lines, in_github_actions
from govtech.dates import date_range, long_date
from govtech.making.markdown import link_target, template_environment
from govtech.model import PHASES, Catalogue, Challenge, Phase
from govtech.paths import command_project
from govtech.problems import InvalidInput, Problem
from govtech.reading.loading import load_catalogue
from govtech.reading.yaml_reader import read_yaml
from govtech.settings import ProjectSettings
from govtech.strings import ui_strings

TEMPLATE_FILE = "_template.yml"
# Fields whose value is a choice, not a text: the same value as the template's is no forgotten placeholder.
_CHOICES = ("id", "theme", "owner", "status", "owner_confirmed")
# `name: value` on a line of the template.
_FIELD = re.compile(r"^[A-Za-z_-]+:\s+(.+)$")


@dataclass(frozen=True)
class Section:
    """One file named: its challenge (None when it has no page), and the fields still holding the template's text."""

    file: str
    challenge: Challenge | None
    leftovers: tuple[str, ...] = ()


def main(argv: list[str] | None, settings_for: Callable[[Path], ProjectSettings]) -> int:
    """Print the preview of each challenge file named; exit 0 (the validation step is the one that fails), 2 outside a project.

    `settings_for` reads the configuration of the project in a folder (the adapter's `govtech_mkdocs.preview` hands it over).
    """
    parser = argparse.ArgumentParser(prog="govtech-preview", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="the challenge files to preview (in CI: those the pull request adds or changes)")
    parser.add_argument(
        "--today", type=date.fromisoformat, default=date.today(), help="the day the statuses and dates are shown for, YYYY-MM-DD (default: today)"
    )
    args = parser.parse_args(argv)
    root = command_project("govtech-preview")
    if root is None:
        return 2
    try:
        project = settings_for(root)
    except InvalidInput as err:
        print(err.report(), file=sys.stderr)
        return 1
    markdown, leftovers = preview(args.files, project, Path.cwd(), args.today)
    print(no_commands(markdown))
    if leftovers and in_github_actions():
        print(annotation_lines(leftovers, "warning"), file=sys.stderr)
    return 0


def preview(files: list[Path], project: ProjectSettings, cwd: Path, today: date) -> tuple[str, list[Problem]]:
    """The job summary's Markdown for `files`, and a problem for each text that is still the template's placeholder."""
    directory = project.challenges_dir
    try:
        catalogue = load_catalogue(directory, project, cwd)
    except InvalidInput:
        return _summary([], today, invalid=True), []
    sections: list[Section] = []
    leftovers: list[Problem] = []
    for file in files:
        challenge = _challenge_of(file, directory, cwd, catalogue)
        found = template_leftovers(file, directory / TEMPLATE_FILE) if challenge else {}
        leftovers += found.values()
        sections.append(Section(_shown(file), challenge, tuple(found)))
    return _summary(sections, today), leftovers


def _summary(sections: list[Section], today: date, invalid: bool = False) -> str:
    """The Markdown of the job summary: the frame in every language, then each section."""
    template = _environment().get_template("preview.md.j2")
    strings = {lang: ui_strings(lang) for lang in LANGUAGES}
    markdown = template.render(languages=LANGUAGES, strings=strings, invalid=invalid, sections=sections, today=today, phases=PHASES)
    return markdown.strip() + "\n"


def no_commands(markdown: str) -> str:
    """`markdown` with no line GitHub Actions could read as a workflow command, should the output reach a step's log.

    A line's leading `:` and the `#` of `##[` are written as character references: GitHub's Markdown shows them as before.
    """
    lines = []
    for line in markdown.split("\n"):
        start = len(line) - len(line.lstrip())
        if line.startswith("::", start):
            line = line[:start] + "&#58;" + line[start + 1 :]
        lines.append(line.replace("##[", "#&#35;["))
    return "\n".join(lines)


def template_leftovers(file: Path, template: Path) -> dict[str, Problem]:
    """Each text of `file` still word for word a placeholder of the template: its field's name, and a problem at its line.

    The placeholders are the template's lines, those of its commented-out optional fields included; a
    text is left over when each of its lines is one of them.
    """
    if not template.is_file():
        return {}
    placeholders = _template_lines(template.read_text(encoding="utf-8"))
    doc = read_yaml(file, _shown(file))
    found = {}
    for path, value in _leaves(doc.data).items():
        lines = [line.strip() for line in value.splitlines() if line.strip()] if isinstance(value, str) else []
        if path and path[0] not in _CHOICES and lines and all(line in placeholders for line in lines):
            name = ".".join(map(str, path))
            found[name] = doc.problem(path, f"`{name}` is still the placeholder text of challenges/{TEMPLATE_FILE}; write the real text in its place.")
    return found


def _template_lines(text: str) -> set[str]:
    """Every line of the template and every value written on one, without comment signs, list dashes or field names."""
    found = set()
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip().removeprefix("- ").strip()
        found.add(line)
        match = _FIELD.match(line)
        if match:
            found.add(match.group(1).strip())
    return found - {""}


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    """Every value that holds no other, by its path."""
    if isinstance(data, dict):
        return {leaf: value for key, item in data.items() for leaf, value in _leaves(item, (*path, key)).items()}
    if isinstance(data, list):
        return {leaf: value for index, item in enumerate(data) for leaf, value in _leaves(item, (*path, index)).items()}
    return {path: data}


def _challenge_of(file: Path, directory: Path, cwd: Path, catalogue: Catalogue) -> Challenge | None:
    """The challenge written in `file`, or None when it is not a challenge file of the catalogue (the owners file, the template)."""
    path = (cwd / file).resolve()
    if path.parent != directory.resolve() or path.name.startswith("_") or path.suffix not in (".yml", ".yaml"):
        return None
    return next((c for c in catalogue.challenges if c.id == path.stem), None)


def _shown(file: Path) -> str:
    return file.as_posix()


def phase_days(phase: Phase, lang: str) -> str:
    """A phase's days in words, as the page's timeline says them, in plain text for GitHub."""
    return date_range(phase.start, phase.end, lang, long_date)


def cell_url(url: str) -> str:
    """`url` made safe as a link inside a table cell, where `|` would end the cell."""
    return link_target(url).replace("|", "%7C")


@cache
def _environment() -> Environment:
    """The site's template environment, with the preview's own filters on top."""
    env = template_environment().overlay()
    env.filters.update(phase_days=phase_days, cell_url=cell_url)
    return env
