"""Load `challenges/`: read each file, check it, and build the model from what passes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from . import LANGUAGES
from .model import PHASES, Catalogue, Challenge, Event, Firm, Link, Outcome, Owner, Phase, Question, Texts
from .problems import InvalidInput, Problem
from .validation import challenge_problems, duplicate_id_problems, schema_problems, text_problems
from .yaml_reader import read_yaml

OWNERS_FILE = "_owners.yml"
EVENTS_FILE = "_events.yml"
MAX_CHALLENGES = 5000


def challenge_files(directory: Path) -> list[Path]:
    """The challenge files in `directory`; names starting with `_` are not challenges."""
    files = [*directory.glob("*.yml"), *directory.glob("*.yaml")]
    return sorted(f for f in files if not f.name.startswith("_"))


def load_catalogue(directory: Path, display_root: Path | None = None) -> Catalogue:
    """Read and validate every file in `directory`; raise InvalidInput listing all problems."""
    display_root = display_root or directory.parent
    return collect(
        lambda: load_files(challenge_files(directory), directory / OWNERS_FILE, display_root),
        lambda: load_events(directory / EVENTS_FILE, display_root) if (directory / EVENTS_FILE).exists() else (),
    )


def collect(load_challenges, load_events) -> Catalogue:
    """The catalogue with its events, or InvalidInput with the problems of both."""
    problems, catalogue, events = [], None, ()
    try:
        catalogue = load_challenges()
    except InvalidInput as err:
        problems += err.problems
    try:
        events = load_events()
    except InvalidInput as err:
        problems += err.problems
    if problems:
        raise InvalidInput(problems)
    return replace(catalogue, events=events)


def load_events(file: Path, display_root: Path) -> tuple[Event, ...]:
    """The programme's events in `file`; raise InvalidInput listing all problems."""
    doc = read_yaml(file, file.relative_to(display_root).as_posix() if file.is_relative_to(display_root) else str(file))
    problems = doc.problems or schema_problems(doc, "events") + text_problems(doc)
    if not problems:
        docs_dir = file.parent.parent / "docs"
        problems = [
            doc.problem((key, "page"), f"`{key}.page`: there is no page docs/{value['page']}.md; write the path of the page that describes the event.")
            for key, value in doc.data.items() if not (docs_dir / f"{value['page']}.md").exists()
        ]
    if problems:
        raise InvalidInput(problems)
    return tuple(
        Event(key, date.fromisoformat(value["date"]) if "date" in value else None, value["page"], {lang: value[lang] for lang in LANGUAGES})
        for key, value in doc.data.items()
    )


def load_files(files: list[Path], owners_file: Path, display_root: Path) -> Catalogue:
    """Read and validate `files` against the owners in `owners_file`; raise InvalidInput listing all problems.

    Paths in problems are shown relative to `display_root` where they lie below it.
    """
    def shown(file: Path) -> str:
        return file.relative_to(display_root).as_posix() if file.is_relative_to(display_root) else str(file)

    if len(files) > MAX_CHALLENGES:
        raise InvalidInput([Problem(shown(owners_file.parent), 1, 1, f"there are {len(files):,} challenge files; the limit is {MAX_CHALLENGES:,}.")])
    owners_doc = read_yaml(owners_file, shown(owners_file))
    problems = list(owners_doc.problems)
    if owners_doc.data is not None:
        problems += schema_problems(owners_doc, "owners")
    owners_data = owners_doc.data if isinstance(owners_doc.data, dict) else {}

    docs = []
    for file in files:
        doc = read_yaml(file, shown(file))
        problems += doc.problems
        if doc.data is None:
            continue
        problems += schema_problems(doc, "challenge") + text_problems(doc)
        if isinstance(doc.data, dict):
            problems += challenge_problems(doc, file.stem, owners_data)
        docs.append(doc)
    problems += duplicate_id_problems(docs)
    if problems:
        raise InvalidInput(problems)

    owners = {key: Owner(key, value["url"], {lang: value[lang] for lang in LANGUAGES}) for key, value in owners_data.items()}
    challenges = tuple(sorted((_challenge(doc.data, owners) for doc in docs), key=lambda c: c.id))
    return Catalogue(challenges, owners)


def _challenge(data: dict[str, Any], owners: dict[str, Owner]) -> Challenge:
    """The model of one valid challenge file's data."""
    dates = data.get("dates") or {}
    return Challenge(
        id=data["id"],
        theme=data["theme"],
        owner=owners[data["owner"]],
        status=data["status"],
        published=date.fromisoformat(dates["published"]) if "published" in dates else None,
        deadline=date.fromisoformat(dates["deadline"]) if "deadline" in dates else None,
        contact=data.get("contact"),
        links=tuple(Link(link["url"], {lang: link[lang] for lang in LANGUAGES}) for link in data.get("links", ())),
        texts={lang: Texts(**data[lang]) for lang in LANGUAGES},
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
    questions, seen = [], {}
    for item in data:
        seen[item["date"]] = seen.get(item["date"], 0) + 1
        anchor = f"question-{item['date']}" + (f"-{seen[item['date']]}" if seen[item["date"]] > 1 else "")
        questions.append(Question(
            _day(item["date"]), anchor,
            {lang: item[lang]["question"] for lang in LANGUAGES}, {lang: item[lang]["answer"] for lang in LANGUAGES},
        ))
    return tuple(questions)


def _outcome(data: dict[str, Any]) -> Outcome:
    """The result of the selection."""
    return Outcome({lang: data[lang] for lang in LANGUAGES}, tuple(Firm(f["name"], f.get("url")) for f in data.get("firms", ())))
