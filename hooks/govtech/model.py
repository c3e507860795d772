"""The validated model of the programme's challenges: plain, frozen data (loading.py builds it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
class Event:
    """A programme event that belongs to no single challenge, such as the seminar."""

    key: str
    date: date | None
    page: str
    names: dict[str, str]


@dataclass(frozen=True)
class Catalogue:
    """Every challenge, sorted by id, the owners they refer to, and the programme's events."""

    challenges: tuple[Challenge, ...]
    owners: dict[str, Owner]
    events: tuple[Event, ...] = ()
