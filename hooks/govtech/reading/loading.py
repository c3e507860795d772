"""Load `challenges/`: read each file, check it, and build the model from what passes.

What is checked comes from the project the files belong to (the folder with
mkdocs.yml): its schemas, its pages and the Markdown extensions its
mkdocs.yml names, so that `govtech-validate` and the build give one answer.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from govtech import DEFAULT_LANGUAGE, LANGUAGES
from govtech.model import PHASES, Catalogue, Challenge, Event, Firm, Link, Outcome, Owner, Phase, Question, Texts, Theme
from govtech.paths import CONFIG_FILE
from govtech.problems import InvalidInput, Problem
from govtech.reading.html_safety import MarkdownTexts, frozen, site_markdown
from govtech.reading.validation import challenge_problems, duplicate_id_problems, inline_entries, inline_entry_problems, schema_problems, text_problems
from govtech.reading.yaml_reader import read_yaml

OWNERS_FILE = "_owners.yml"
# The themes, beside the owners file.
THEMES_FILE = "_themes.yml"
EVENTS_FILE = "_events.yml"
MAX_CHALLENGES = 5000
# Files an editor did not mean as challenges: hidden files, editor backups and lock files.
_NOT_MEANT = re.compile(r"^[._#~]|~$|\.(?:swp|swo|bak|orig|tmp)$", re.IGNORECASE)


def challenge_files(directory: Path) -> list[Path]:
    """The challenge files in `directory`; names starting with `_` are not challenges."""
    files = [*directory.glob("*.yml"), *directory.glob("*.yaml")]
    return sorted(f for f in files if not f.name.startswith("_"))


def misnamed_files(directory: Path, display_root: Path) -> list[Problem]:
    """A problem for each file in `directory` that is not read as a challenge only because of its name's ending."""
    problems = []
    for file in sorted(directory.iterdir()) if directory.is_dir() else ():
        if file.suffix in (".yml", ".yaml") or _NOT_MEANT.search(file.name) or not file.is_file():
            continue
        stem = file.name
        while (suffix := Path(stem).suffix.lower()) in (".yml", ".yaml", ".txt", ".text"):
            stem = stem[: -len(suffix)]
        problems.append(
            Problem(
                _shown(file, display_root),
                1,
                1,
                f"this file is not read, because only files whose names end in .yml are challenges; rename it to {stem}.yml.",
            )
        )
    return problems


def load_catalogue(directory: Path, display_root: Path | None = None, root: Path | None = None) -> Catalogue:
    """Read and validate every file in `directory`; raise InvalidInput listing all problems.

    `root` is the project the files belong to (default: the folder above `directory`).
    """
    display_root = display_root or directory.parent
    root = root or directory.parent
    return collect(
        lambda: load_files(challenge_files(directory), directory / OWNERS_FILE, display_root, root),
        lambda: load_events(directory / EVENTS_FILE, display_root, root) if (directory / EVENTS_FILE).exists() else (),
        lambda: misnamed_files(directory, display_root),
    )


def collect(load_challenges, load_events, *checks) -> Catalogue:
    """The catalogue with its events, or InvalidInput with the problems of both and those `checks` return."""
    problems, catalogue, events = [], None, ()
    try:
        catalogue = load_challenges()
    except InvalidInput as err:
        problems += err.problems
    try:
        events = load_events()
    except InvalidInput as err:
        problems += err.problems
    for check in checks:
        problems += check()
    if problems or catalogue is None:
        raise InvalidInput(problems)
    return replace(catalogue, events=events)


def site_settings(root: Path) -> tuple[Path, MarkdownTexts]:
    """The pages folder of the project in `root` and the Markdown its texts are rendered with, as its mkdocs.yml says."""
    file = root / CONFIG_FILE
    try:
        docs_dir, extensions, settings = _settings_at(file, file.stat().st_mtime_ns)
    except FileNotFoundError:
        docs_dir, extensions, settings = "docs", (), ()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise InvalidInput([Problem("mkdocs.yml", line, column, f"mkdocs.yml cannot be read ({getattr(err, 'problem', None) or err}); correct it.")]) from None
    try:
        return root / docs_dir, site_markdown(extensions, settings)
    except Exception as err:  # noqa: BLE001 (an extension mkdocs.yml names that does not load: said, not a traceback)
        lines = file.read_text(encoding="utf-8").splitlines()
        named = next((name for name in extensions if name in str(err)), extensions[0] if extensions else "")
        line = next((n for n, text in enumerate(lines, 1) if named and named in text), 1)
        raise InvalidInput(
            [
                Problem(
                    "mkdocs.yml",
                    line,
                    1,
                    f"the Markdown extension `{named}` that mkdocs.yml names cannot be loaded ({err}); correct its name or its settings.",
                )
            ]
        ) from None


class _ConfigLoader(yaml.UnsafeLoader):
    """mkdocs.yml read as MkDocs reads it: Python tags (such as toc's `slugify`) made, `!ENV` looked up.

    mkdocs.yml is the project's own code, run by every build; reading it with the same power adds nothing.
    """


def _environment_value(loader: yaml.Loader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, …, default]`: the first variable set, else the default."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    for name in names[:-1] if len(names) > 1 else names:
        if name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else None


_ConfigLoader.add_constructor("!ENV", _environment_value)
_ConfigLoader.add_constructor("!relative", lambda loader, node: None)


@lru_cache(maxsize=4)
def _settings_at(file: Path, mtime_ns: int) -> tuple[str, tuple[str, ...], tuple[tuple[str, Any], ...]]:
    """mkdocs.yml's `docs_dir`, and its `markdown_extensions` and their settings (hashable), as it was at `mtime_ns`."""
    config = yaml.load(file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    names, settings = [], []
    for entry in config.get("markdown_extensions") or []:
        for name, options in entry.items() if isinstance(entry, dict) else [(entry, None)]:
            names.append(str(name))
            if options:
                settings.append((str(name), frozen(options)))
    return str(config.get("docs_dir") or "docs"), tuple(names), tuple(settings)


def _shown(file: Path, display_root: Path) -> str:
    """`file` as problems name it: relative to `display_root` where it lies below it."""
    return file.relative_to(display_root).as_posix() if file.is_relative_to(display_root) else str(file)


def load_events(file: Path, display_root: Path, root: Path | None = None) -> tuple[Event, ...]:
    """The programme's events in `file`; raise InvalidInput listing all problems."""
    root = root or file.parent.parent
    docs_dir, markdown = site_settings(root)
    doc = read_yaml(file, _shown(file, display_root))
    problems = doc.problems or schema_problems(doc, "events", root / "schema") + text_problems(doc, "events", markdown, root / "schema")
    if not problems:
        problems = [
            doc.problem(
                (key, "page"),
                f"`{key}.page`: there is no page {_shown(docs_dir, root)}/{value['page']}.md; write the path of the page that describes the event.",
            )
            for key, value in doc.data.items()
            if not (docs_dir / f"{value['page']}.md").exists()
        ]
    if problems:
        raise InvalidInput(problems)
    return tuple(
        Event(key, date.fromisoformat(value["date"]) if "date" in value else None, value["page"], {lang: value[lang] for lang in LANGUAGES})
        for key, value in doc.data.items()
    )


def load_files(files: list[Path], owners_file: Path, display_root: Path, root: Path | None = None) -> Catalogue:
    """Read and validate `files` against the owners in `owners_file`; raise InvalidInput listing all problems.

    Paths in problems are shown relative to `display_root` where they lie below it. `root` is the
    project the files belong to (default: the folder above the owners file).
    """
    root = root or owners_file.parent.parent
    schema_dir, (_, markdown) = root / "schema", site_settings(root)

    if len(files) > MAX_CHALLENGES:
        raise InvalidInput(
            [Problem(_shown(owners_file.parent, display_root), 1, 1, f"there are {len(files):,} challenge files; the limit is {MAX_CHALLENGES:,}.")]
        )
    problems: list[Problem] = []
    # Each file of entries (owners, themes) is reported there, once, when broken: not as an unknown key in every challenge that names one.
    entries, known = {}, {}
    for field, file, name in (("owner", owners_file, "owners"), ("theme", owners_file.with_name(THEMES_FILE), "themes")):
        entries_doc = read_yaml(file, _shown(file, display_root))
        found = list(entries_doc.problems) or schema_problems(entries_doc, name, schema_dir)
        problems += found
        entries[field] = entries_doc.data if isinstance(entries_doc.data, dict) else {}
        known[field] = not found

    docs, stems = [], []
    for file in files:
        doc = read_yaml(file, _shown(file, display_root))
        problems += doc.problems
        if doc.data is None:
            continue
        docs.append(doc)
        stems.append(file.stem)
    # An authority or theme a challenge writes out itself (`owner: {key: …}`) can be named by its key in the others.
    defined = inline_entries(docs)
    problems += inline_entry_problems(docs, defined, entries)
    named = {field: {doc.data.get(field) for doc in docs if isinstance(doc.data, dict) and isinstance(doc.data.get(field), str)} for field in defined}
    if any(keys - set(entries[field]) - set(defined[field]) for field, keys in named.items()):
        # Only some files checked (`govtech-validate FILE`): a key may be written out in a challenge not named.
        checked = {file.resolve() for file in files}
        others = [read_yaml(file, _shown(file, display_root)) for file in challenge_files(owners_file.parent) if file.resolve() not in checked]
        for field, elsewhere in inline_entries([doc for doc in others if doc.data is not None]).items():
            defined[field] = elsewhere | defined[field]
    for doc, stem in zip(docs, stems, strict=True):
        found = schema_problems(doc, "challenge", schema_dir) + text_problems(doc, "challenge", markdown, schema_dir)
        if not isinstance(doc.data, dict):
            problems += found
            continue
        found += challenge_problems(doc, stem, entries["owner"] | defined["owner"], entries["theme"] | defined["theme"])
        for field in ("owner", "theme"):
            if not known[field]:
                at = doc.position((field,)) if (field,) in doc.positions else None
                found = [p for p in found if (p.line, p.column) != at]
        problems += found
    problems += duplicate_id_problems(docs)
    if problems:
        raise InvalidInput(problems)

    owners = {
        key: Owner(key, value["url"], {lang: value[lang] for lang in LANGUAGES}, _written_in(value))
        for key, value in (entries["owner"] | defined["owner"]).items()
    }
    themes = {key: Theme(key, {lang: value[lang] for lang in LANGUAGES}, _written_in(value)) for key, value in (entries["theme"] | defined["theme"]).items()}
    challenges = tuple(sorted((_challenge(doc.data, owners, themes) for doc in docs), key=lambda c: c.id))
    return Catalogue(challenges, owners, themes=themes)


def _written_in(entry: dict[str, Any]) -> str | None:
    """The id of the challenge that writes out an entry (validation.inline_entries), or None for an entry of its file."""
    return entry["_doc"].data["id"] if "_doc" in entry else None


def _key(value: Any) -> str:
    """The key a challenge names its owner or theme by: the key itself, or the `key` of the group that writes it out."""
    return value["key"] if isinstance(value, dict) else value


def _challenge(data: dict[str, Any], owners: dict[str, Owner], themes: dict[str, Theme]) -> Challenge:
    """The model of one valid challenge file's data; a language still to follow shows the Danish texts."""
    dates = data.get("dates") or {}
    return Challenge(
        id=data["id"],
        theme=_key(data["theme"]),
        owner=owners[_key(data["owner"])],
        status=data["status"],
        published=date.fromisoformat(dates["published"]) if "published" in dates else None,
        deadline=date.fromisoformat(dates["deadline"]) if "deadline" in dates else None,
        contact=data.get("contact"),
        links=tuple(Link(link["url"], {lang: link.get(lang, link[DEFAULT_LANGUAGE]) for lang in LANGUAGES}) for link in data.get("links", ())),
        texts={lang: Texts(**data.get(lang, data[DEFAULT_LANGUAGE])) for lang in LANGUAGES},
        languages=tuple(lang for lang in LANGUAGES if lang in data),
        theme_names=themes[_key(data["theme"])].names,
        owner_confirmed=data.get("owner_confirmed", True),
        timeline=_timeline(data.get("timeline") or {}),
        questions=_questions(data.get("questions", ())),
        outcome=_outcome(data["outcome"]) if "outcome" in data else None,
    )


def _day(value: str | None) -> date | None:
    """The day a valid YYYY-MM-DD field names, or None when it is left out."""
    return date.fromisoformat(value) if value else None


def _timeline(data: dict[str, Any]) -> tuple[Phase, ...]:
    """The phases the file dates, in the order they run."""
    phases = (Phase(key, _day(data.get(key, {}).get("start")), _day(data.get(key, {}).get("end"))) for key in PHASES)
    return tuple(phase for phase in phases if phase.dated)


def _questions(data: list[dict[str, Any]]) -> tuple[Question, ...]:
    """The answered questions in file order; each anchored by its day (and its number on that day)."""
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for item in data:
        seen[item["date"]] = seen.get(item["date"], 0) + 1
        anchor = f"question-{item['date']}" + (f"-{seen[item['date']]}" if seen[item["date"]] > 1 else "")
        questions.append(
            Question(
                date.fromisoformat(item["date"]),
                anchor,
                {lang: item.get(lang, item[DEFAULT_LANGUAGE])["question"] for lang in LANGUAGES},
                {lang: item.get(lang, item[DEFAULT_LANGUAGE])["answer"] for lang in LANGUAGES},
            )
        )
    return tuple(questions)


def _outcome(data: dict[str, Any]) -> Outcome:
    """The result of the selection."""
    return Outcome({lang: data.get(lang, data[DEFAULT_LANGUAGE]) for lang in LANGUAGES}, tuple(Firm(f["name"], f.get("url")) for f in data.get("firms", ())))
