"""Load `challenges/`: read each file, check it, and build the model from what passes.

What is checked comes from the project the files belong to (the folder with
mkdocs.yml): its schemas, its pages and the Markdown extensions its
mkdocs.yml names, as MkDocs reads it (`ProjectSettings`, handed over by the
adapter), so that `govtech-validate` and the build give one answer.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

from govtech import DEFAULT_LANGUAGE, LANGUAGES
from govtech.model import PHASES, Application, Catalogue, Challenge, Event, Firm, Link, Outcome, Owner, Phase, Question, Texts, Theme
from govtech.paths import challenge_files
from govtech.problems import InvalidInput, Problem
from govtech.reading.rounds import ROUNDS_FILE, challenge_round_problems, read_rounds, rounds_model, with_round
from govtech.reading.validation import challenge_problems, duplicate_id_problems, inline_entries, inline_entry_problems, schema_problems, text_problems
from govtech.reading.yaml_reader import read_yaml
from govtech.settings import ProjectSettings

OWNERS_FILE = "_owners.yml"
# The themes, beside the owners file.
THEMES_FILE = "_themes.yml"
EVENTS_FILE = "_events.yml"
MAX_CHALLENGES = 5000
# Files an editor did not mean as challenges: hidden files, editor backups and lock files.
_NOT_MEANT = re.compile(r"^[._#~]|~$|\.(?:swp|swo|bak|orig|tmp)$", re.IGNORECASE)


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


def load_catalogue(directory: Path, project: ProjectSettings, display_root: Path | None = None) -> Catalogue:
    """Read and validate every file in `directory` against `project`'s schemas and Markdown; raise InvalidInput listing all problems."""
    display_root = display_root or directory.parent
    return collect(
        lambda: load_files(challenge_files(directory), directory / OWNERS_FILE, display_root, project),
        lambda: load_events(directory / EVENTS_FILE, display_root, project) if (directory / EVENTS_FILE).exists() else (),
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


def _shown(file: Path, display_root: Path) -> str:
    """`file` as problems name it: relative to `display_root` where it lies below it."""
    return file.relative_to(display_root).as_posix() if file.is_relative_to(display_root) else str(file)


def load_events(file: Path, display_root: Path, project: ProjectSettings) -> tuple[Event, ...]:
    """The programme's events in `file`; raise InvalidInput listing all problems."""
    root, docs_dir, schema_dir = project.root, project.docs_dir, project.schema_dir
    doc = read_yaml(file, _shown(file, display_root))
    problems = doc.problems or schema_problems(doc, "events", schema_dir) + text_problems(doc, "events", project.markdown(), schema_dir)
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


def load_files(files: list[Path], owners_file: Path, display_root: Path, project: ProjectSettings) -> Catalogue:
    """Read and validate `files` against the owners in `owners_file`; raise InvalidInput listing all problems.

    Paths in problems are shown relative to `display_root` where they lie below it. `project` is the
    project the files belong to: its schemas and Markdown check them.
    """
    schema_dir, markdown = project.schema_dir, project.markdown()

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
    rounds_file = owners_file.parent / ROUNDS_FILE
    found_in_rounds, rounds_data = read_rounds(
        rounds_file, _shown(rounds_file, display_root), schema_dir, markdown, entries["owner"] if known["owner"] else None
    )
    problems += found_in_rounds

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
        found += challenge_problems(doc, stem, entries["owner"] | defined["owner"], entries["theme"] | defined["theme"]) + challenge_round_problems(
            doc, rounds_data
        )
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
    rounds = rounds_model(rounds_data or {}, owners)
    challenges = tuple(sorted((with_round(_challenge(doc.data, owners, themes), doc.data, rounds) for doc in docs), key=lambda c: c.id))
    return Catalogue(challenges, owners, rounds=rounds, themes=themes)


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
        deadline_time=time.fromisoformat(dates["deadline_time"]) if "deadline_time" in dates else None,
        application=_application(data["application"]) if "application" in data else None,
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


def _application(data: dict[str, Any]) -> Application:
    """How to apply, as the file says it; a language still to follow shows the Danish text."""
    return Application(
        data["url"],
        tuple(lang for lang in LANGUAGES if data["languages"].get(lang)),
        {lang: data.get(lang, data[DEFAULT_LANGUAGE]) for lang in LANGUAGES},
        data.get("questions"),
        _day(data.get("questions_until")),
    )
