"""`govtech-translations`: which texts changed in one language but not in the others.

A page (`docs/x.md`, `x.de.md`, `x.en.md`) or a challenge's language blocks
(`da:`, `de:`, `en:` in `challenges/x.yml`) are in step when they were last
changed together. Every change since then, in some languages but not all,
is reported from the git history (and the uncommitted working tree), as a
warning: the report never fails a check.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from govtech import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from govtech.commands.github_annotations import file_annotation, in_github_actions
from govtech.paths import GENERATED_DIRS, command_project
from govtech.reading.history import git
from govtech.reading.loading import challenge_files

WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Change:
    """One commit (or the uncommitted working tree) that changed some languages of a text."""

    commit: str
    date: str
    subject: str
    languages: frozenset[str]


@dataclass(frozen=True)
class Lag:
    """A text whose languages are out of step: what changed since they last changed together."""

    path: str
    changes: tuple[Change, ...]

    @property
    def behind(self) -> list[str]:
        """The languages that none of the changes since touched."""
        changed = set().union(*(c.languages for c in self.changes))
        return [lang for lang in LANGUAGES if lang not in changed]

    def __str__(self) -> str:
        done = ", ".join(f"{'/'.join(sorted(c.languages, key=LANGUAGES.index))} in {c.commit} ({c.date}: {c.subject})" for c in self.changes)
        behind = ", ".join(LANGUAGE_NAMES[lang] for lang in self.behind)
        return f"{self.path}: changed since the languages were last changed together ({done}); check the {behind} text."


@dataclass(frozen=True)
class Pending:
    """A challenge published in Danish first: the languages whose texts are still to follow."""

    path: str
    languages: tuple[str, ...]

    def __str__(self) -> str:
        names = " and ".join(LANGUAGE_NAMES[lang] for lang in self.languages)
        blocks = " and ".join(f"`{lang}:`" for lang in self.languages)
        return (
            f"{self.path}: the {names} texts are still to follow (published in Danish first); add the {blocks} block{'s' if len(self.languages) > 1 else ''}."
        )


def lags(root: Path) -> list[Lag | Pending]:
    """Every page and challenge whose languages are out of step, in the repository at `root`; a challenge still waiting for a language, as that."""
    history = _history(root)
    found: list[Lag | Pending | None] = []
    for page in sorted((root / "docs").rglob("*.md")):
        if _is_default_page(page, root):
            files = {lang: _page_file(page, lang).relative_to(root).as_posix() for lang in LANGUAGES}
            found.append(_lag(files[DEFAULT_LANGUAGE], history, partial(_changed_files, root, files=files)))
    for challenge in challenge_files(root / "challenges"):
        path = challenge.relative_to(root).as_posix()
        blocks = _blocks(schema_version(root, WORKING_TREE, path))
        pending = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE and blocks.get(DEFAULT_LANGUAGE) and not blocks.get(lang))
        found.append(Pending(path, pending) if pending else _lag(path, history, partial(_changed_blocks, root, path=path)))
    return [lag for lag in found if lag is not None]


def main(argv: list[str] | None = None) -> int:
    """Print each text whose languages are out of step; exit 0 whatever is found."""
    parser = argparse.ArgumentParser(prog="govtech-translations", description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    root = command_project("govtech-translations")
    if root is None:
        return 2
    found = lags(root)
    for lag in found:
        # GitHub shows `::warning` lines as annotations on the file in a pull request.
        print(file_annotation(lag.path, str(lag)) if in_github_actions() else f"warning: {lag}")
    print(f"{len(found)} text{'s' if len(found) != 1 else ''} with languages out of step." if found else "All languages are in step.")
    return 0


def _lag(path: str, history: list[tuple[str, str, str]], changed: Callable[[str], frozenset[str]]) -> Lag | None:
    """The changes to the text at `path` since all its languages last changed together, if any."""
    since: list[Change] = []
    for commit, date, subject in history:  # newest first, the working tree before the commits
        languages = changed(commit)
        if languages == frozenset(LANGUAGES):
            break
        if languages:
            since.append(Change(commit, date, subject, languages))
    return Lag(path, tuple(reversed(since))) if since and set().union(*(c.languages for c in since)) != set(LANGUAGES) else None


def _history(root: Path) -> list[tuple[str, str, str]]:
    """(commit, date, subject) of every commit touching docs/ or challenges/, newest first, after the working tree."""
    try:
        log = git(root, "log", "--format=%h%x00%ad%x00%s", "--date=short", "--", "docs", "challenges")
    except (OSError, subprocess.SubprocessError):
        log = ""  # not a repository: only the working tree is known
    fields = (line.split("\0", 2) for line in log.splitlines() if line)
    return [(WORKING_TREE, "uncommitted", "not committed yet")] + [(commit, day, subject) for commit, day, subject in fields]


def _changed_files(root: Path, commit: str, files: dict[str, str]) -> frozenset[str]:
    """The languages whose file `commit` changed."""
    return frozenset(lang for lang, path in files.items() if schema_version(root, commit, path) != schema_version(root, _parent(commit), path))


def _changed_blocks(root: Path, commit: str, path: str) -> frozenset[str]:
    """The languages whose block in the challenge file at `path` `commit` changed."""
    before, after = _blocks(schema_version(root, _parent(commit), path)), _blocks(schema_version(root, commit, path))
    return frozenset(lang for lang in LANGUAGES if before.get(lang) != after.get(lang))


def _blocks(text: str | None) -> dict:
    """The language blocks of a challenge file's text; empty where it is missing or not YAML."""
    try:
        data = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return {}
    return {lang: data.get(lang) for lang in LANGUAGES} if isinstance(data, dict) else {}


def schema_version(root: Path, commit: str | None, path: str) -> str | None:
    """The text of `path` at `commit` (the working tree, a commit, or None for before the first)."""
    if commit is None:
        return None
    if commit == WORKING_TREE:
        file = root / path
        return file.read_text(encoding="utf-8") if file.exists() else None
    try:
        return git(root, "show", f"{commit}:{path}")
    except (OSError, subprocess.SubprocessError):
        return None  # the file did not exist at that commit


def _parent(commit: str) -> str | None:
    """What `commit` changed from: HEAD for the working tree, else its first parent (None for a root commit)."""
    return "HEAD" if commit == WORKING_TREE else f"{commit}^"


def _is_default_page(page: Path, root: Path) -> bool:
    """Whether `page` is a hand-written page in the default language (generated folders are left out)."""
    rel = page.relative_to(root / "docs").as_posix()
    return not any(page.name.endswith(f".{lang}.md") for lang in LANGUAGES) and not rel.startswith(tuple(f"{folder}/" for folder in GENERATED_DIRS))


def _page_file(page: Path, lang: str) -> Path:
    """The file of the page `page` (the default language's) in `lang`."""
    return page if lang == DEFAULT_LANGUAGE else page.with_name(f"{page.stem}.{lang}.md")


if __name__ == "__main__":
    sys.exit(main())
