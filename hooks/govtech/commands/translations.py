"""`govtech-translations`: which texts changed in one language but not in the others.

A page (`docs/x.md`, `x.de.md`, `x.en.md`) or a field of a challenge's
language blocks (`da.background`, `de.background`, `en.background` in
`challenges/x.yml`) is in step when its languages were last changed
together. Every change since then, in some languages but not all, is
reported from the git history (and the uncommitted working tree), as a
warning: the report never fails a check. A challenge published in Danish
first is reported as such until its German and English texts are there.

The history is read in one pass: one `git log` for which files each commit
changed, one `git cat-file --batch` for the challenge files' texts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from govtech import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from govtech.commands.github_annotations import file_annotation, in_github_actions
from govtech.paths import challenge_files, command_project
from govtech.problems import one_line
from govtech.reading.history import git

WORKING_TREE = "working tree"
# Separates the commits in `git log -z` output; neither a file name nor a subject line holds it.
_COMMIT = "\x1e"
_FIELD = "\x1f"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Commit:
    """One commit (or the uncommitted working tree) and the files it changed."""

    commit: str
    date: str
    subject: str
    files: frozenset[str]

    def __str__(self) -> str:
        return f"{self.commit} ({self.date}: {self.subject})"


@dataclass(frozen=True)
class Lag:
    """A text whose languages are out of step: what changed since they last changed together."""

    path: str
    # What each language's text is called: `da.background`, or a page's file.
    names: dict[str, str]
    # (commit, languages it changed), oldest first.
    changes: tuple[tuple[Commit, frozenset[str]], ...]

    @property
    def behind(self) -> list[str]:
        """The languages that none of the changes since touched."""
        changed = set().union(*(languages for _, languages in self.changes))
        return [lang for lang in LANGUAGES if lang not in changed]

    def __str__(self) -> str:
        done = "; ".join(f"{', '.join(self.names[lang] for lang in LANGUAGES if lang in languages)} changed in {commit}" for commit, languages in self.changes)
        return f"{self.path}: {done}; {', '.join(self.names[lang] for lang in self.behind)} not since."


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


def lags(root: Path, only: frozenset[str] | None = None) -> list[Lag | Pending]:
    """Every page and challenge text whose languages are out of step in the repository at `root` (only in the files `only` names, if given)."""
    history = _history(root)
    found: list[Lag | Pending] = []
    for page in sorted((root / "docs").rglob("*.md")):
        if not any(page.name.endswith(f".{lang}.md") for lang in LANGUAGES):
            files = {lang: _page_file(page, lang).relative_to(root).as_posix() for lang in LANGUAGES}
            if only is None or only & set(files.values()):
                changes = [(commit, frozenset(lang for lang, file in files.items() if file in commit.files)) for commit in history]
                found += _lag(files[DEFAULT_LANGUAGE], files, changes)
    paths = [file.relative_to(root).as_posix() for file in challenge_files(root / "challenges")]
    paths = [path for path in paths if only is None or path in only]
    texts = _texts(root, [(commit.commit, path) for commit in history for path in paths if path in commit.files])
    for path in paths:
        now = _blocks((root / path).read_text(encoding="utf-8", errors="replace"))
        if pending := tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE and DEFAULT_LANGUAGE in now and lang not in now):
            found.append(Pending(path, pending))
        else:
            found += _field_lags(path, [(commit, texts.get((commit.commit, path))) for commit in history if path in commit.files])
    return found


def main(argv: list[str] | None = None) -> int:
    """Print each text whose languages are out of step; exit 0 whatever is found."""
    parser = argparse.ArgumentParser(prog="govtech-translations", description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="report only the files changed since this commit (a pull request's base), uncommitted changes included")
    args = parser.parse_args(argv)
    root = command_project("govtech-translations")
    if root is None:
        return 2
    found = lags(root, _changed_since(root, args.base) if args.base else None)
    for lag in found:
        # GitHub shows `::warning` lines as annotations on the file in a pull request.
        print(file_annotation(lag.path, str(lag)) if in_github_actions() else one_line(f"warning: {lag}"))
    print(f"{len(found)} text{'s' if len(found) != 1 else ''} with languages out of step." if found else "All languages are in step.")
    return 0


def _lag(path: str, names: dict[str, str], changes: Iterable[tuple[Commit, frozenset[str]]]) -> list[Lag]:
    """The changes (newest first) to the text at `path` since all its languages last changed together; none when in step."""
    since = []
    for commit, languages in changes:
        if languages == frozenset(LANGUAGES):
            break
        if languages:
            since.append((commit, languages))
    if since and set().union(*(languages for _, languages in since)) != set(LANGUAGES):
        return [Lag(path, names, tuple(reversed(since)))]
    return []


def _field_lags(path: str, versions: list[tuple[Commit, str | None]]) -> list[Lag]:
    """The fields of the challenge at `path` whose languages are out of step, from its versions (newest first)."""
    blocks = [_blocks(text) for _, text in versions] + [{}]  # before the first version: nothing
    fields = sorted({field for block in blocks for texts in block.values() for field in texts})
    found = []
    for field in fields:
        changes = [
            (commit, frozenset(lang for lang in LANGUAGES if after.get(lang, {}).get(field) != before.get(lang, {}).get(field)))
            for (commit, _), after, before in zip(versions, blocks, blocks[1:], strict=False)
        ]
        found += _lag(path, {lang: f"{lang}.{field}" for lang in LANGUAGES}, changes)
    return found


def _history(root: Path) -> list[Commit]:
    """Every commit touching docs/ or challenges/ with the files it changed, newest first, after the uncommitted working tree."""
    try:
        dirty = _uncommitted(root)
        log = git(
            root,
            "log",
            f"--format={_COMMIT}%h{_FIELD}%ad{_FIELD}%s",
            "--date=short",
            "-z",
            "--name-only",
            "--no-renames",
            "--relative",
            "--",
            "docs",
            "challenges",
        )
    except (OSError, subprocess.SubprocessError):
        # Not a repository: every file is as uncommitted, so only a text missing in some language shows.
        files = (path.relative_to(root).as_posix() for folder in ("docs", "challenges") for path in (root / folder).rglob("*") if path.is_file())
        return [Commit(WORKING_TREE, "uncommitted", "not committed yet", frozenset(files))]
    history = [Commit(WORKING_TREE, "uncommitted", "not committed yet", dirty)]
    for record in log.split(_COMMIT)[1:]:
        header, _, names = record.partition("\0")
        commit, day, subject = header.split(_FIELD, 2)
        history.append(Commit(commit, day, subject, frozenset(name for name in names.strip("\n").split("\0") if name)))
    return history


def _texts(root: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """The text of each (commit, path) in `wanted` (the working tree's from disk), by one `git cat-file --batch`."""
    texts: dict[tuple[str, str], str | None] = {}
    committed = [(commit, path) for commit, path in wanted if commit != WORKING_TREE]
    for commit, path in wanted:
        if commit == WORKING_TREE:
            file = root / path
            texts[commit, path] = file.read_text(encoding="utf-8", errors="replace") if file.is_file() else None
    if committed:
        request = "".join(f"{commit}:./{path}\n" for commit, path in committed).encode()
        output = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"], input=request, capture_output=True, check=True).stdout
        at = 0
        for key in committed:
            end = output.index(b"\n", at)
            header = output[at:end].split()
            if header[-1] == b"missing":  # the commit deleted the file
                texts[key], at = None, end + 1
            else:
                size = int(header[2])
                texts[key], at = output[end + 1 : end + 1 + size].decode("utf-8", errors="replace"), end + 2 + size
    return texts


def _blocks(text: str | None) -> dict[str, dict]:
    """The language blocks of a challenge file's text; empty where it is missing or not YAML."""
    try:
        data = yaml.load(text, Loader=_LOADER) if text else None
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {lang: data[lang] for lang in LANGUAGES if isinstance(data.get(lang), dict)}


def _changed_since(root: Path, base: str) -> frozenset[str]:
    """The files changed since `base`: in the commits after it and in the working tree."""
    committed = git(root, "diff", "--name-only", "-z", "--no-renames", "--relative", f"{base}...HEAD")
    return frozenset(name for name in committed.split("\0") if name) | _uncommitted(root)


def _uncommitted(root: Path) -> frozenset[str]:
    """The files (relative to `root`) changed but not committed, new ones included."""
    changed = git(root, "diff", "HEAD", "--name-only", "-z", "--no-renames", "--relative")
    new = git(root, "ls-files", "--others", "--exclude-standard", "-z")
    return frozenset(name for name in (changed + "\0" + new).split("\0") if name)


def _page_file(page: Path, lang: str) -> Path:
    """The file of the page `page` (the default language's) in `lang`."""
    return page if lang == DEFAULT_LANGUAGE else page.with_name(f"{page.stem}.{lang}.md")


if __name__ == "__main__":
    sys.exit(main())
