"""The validated model of the programme's challenges, loaded from `challenges/`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import LANGUAGES
from .problems import InvalidInput, Problem
from .validation import challenge_problems, duplicate_id_problems, schema_problems, text_problems
from .yaml_reader import read_yaml

OWNERS_FILE = "_owners.yml"
MAX_CHALLENGES = 5000


@dataclass(frozen=True)
class Owner:
    """A public authority that owns challenges."""

    key: str
    url: str
    names: dict[str, str]


@dataclass(frozen=True)
class Link:
    """A link for further reading, with its text in each language."""

    url: str
    texts: dict[str, str]


@dataclass(frozen=True)
class Texts:
    """The texts of a challenge in one language."""

    title: str
    summary: str
    question: str
    background: str
    looking_for: str
    constraints: str | None = None
    proof_of_concept: str | None = None


@dataclass(frozen=True)
class Challenge:
    """One challenge, with its texts in every language."""

    id: str
    theme: str
    owner: Owner
    status: str
    published: date | None
    deadline: date | None
    contact: str | None
    links: tuple[Link, ...]
    texts: dict[str, Texts]

    def status_on(self, today: date) -> str:
        """The status to show on `today`: a call whose deadline has passed is closed."""
        if self.status in ("definition", "open-call") and self.deadline and today > self.deadline:
            return "closed"
        if self.status == "open-call" and self.published and today < self.published:
            return "definition"
        return self.status

    def next_date(self, today: date) -> tuple[str, date] | None:
        """The next date that matters on `today`, as ("published" or "deadline", day)."""
        for kind, day in (("published", self.published), ("deadline", self.deadline)):
            if day and day >= today:
                return kind, day
        return None


@dataclass(frozen=True)
class Catalogue:
    """Every challenge, sorted by id, and the owners they refer to."""

    challenges: tuple[Challenge, ...]
    owners: dict[str, Owner]


def challenge_files(directory: Path) -> list[Path]:
    """The challenge files in `directory`; names starting with `_` are not challenges."""
    files = [*directory.glob("*.yml"), *directory.glob("*.yaml")]
    return sorted(f for f in files if not f.name.startswith("_"))


def load_catalogue(directory: Path, display_root: Path | None = None) -> Catalogue:
    """Read and validate every challenge file in `directory`; raise InvalidInput listing all problems."""
    return load_files(challenge_files(directory), directory / OWNERS_FILE, display_root or directory.parent)


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
    )

