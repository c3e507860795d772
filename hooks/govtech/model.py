"""The validated model of the programme's challenges: plain, frozen data (loading.py builds it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta


@dataclass(frozen=True)
class Owner:
    """A public authority that owns challenges."""

    key: str
    url: str
    names: dict[str, str]
    # The id of the challenge whose file writes the authority out (`owner: {key: …}`); None when challenges/_owners.yml lists it.
    written_in: str | None = None


@dataclass(frozen=True)
class Theme:
    """A theme challenges belong to (challenges/_themes.yml, or defined in the challenge that first needs it)."""

    key: str
    names: dict[str, str]
    # The id of the challenge whose file writes the theme out (`theme: {key: …}`); None when challenges/_themes.yml lists it.
    written_in: str | None = None


@dataclass(frozen=True)
class Link:
    """A link for further reading, with its text in each language."""

    url: str
    texts: dict[str, str]


# A challenge's phases in the order they run; each key is also the status during that phase.
PHASES = ("definition", "open-call", "selection", "proof-of-concept")


@dataclass(frozen=True)
class Phase:
    """One of the four phases of a challenge (its key is the status code of that phase), with the days it runs."""

    key: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        """Whether the owner has published any day of this phase."""
        return bool(self.start or self.end)


@dataclass(frozen=True)
class Question:
    """A clarification question from a firm, with the owner's answer, in every language."""

    day: date
    anchor: str
    questions: dict[str, str]
    answers: dict[str, str]


@dataclass(frozen=True)
class Firm:
    """A firm selected for a challenge."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What came of a challenge after the selection: a few sentences per language and the firms selected."""

    texts: dict[str, str]
    firms: tuple[Firm, ...] = ()


@dataclass(frozen=True)
class Application:
    """Where and how firms apply to an open call: the address, the languages accepted, where and until when to ask, and what to send per language."""

    url: str
    languages: tuple[str, ...]
    texts: dict[str, str]
    questions: str | None = None
    questions_until: date | None = None


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
    theme: str  # the theme's key
    owner: Owner
    status: str
    published: date | None
    deadline: date | None
    contact: str | None
    links: tuple[Link, ...]
    texts: dict[str, Texts]
    # False while the programme has not confirmed which authority owns the challenge.
    owner_confirmed: bool = True
    # The phases the owner has dated, in the order they run.
    timeline: tuple[Phase, ...] = ()
    questions: tuple[Question, ...] = ()
    outcome: Outcome | None = None
    # The day the challenge's file last changed (history.py); None when it is not known.
    changed: date | None = None
    # The programme round the challenge belonged to (`round:` in its file); None when the file names none.
    round: Round | None = None
    # The time of day (Danish time) on the deadline when applications close; None: the end of the day.
    deadline_time: time | None = None
    application: Application | None = None
    # The languages its texts are written in: Danish, and German and English once translated. The texts of
    # a language still to follow are the Danish ones (in `texts`, links, questions and outcome alike).
    languages: tuple[str, ...] = ("da", "de", "en")
    # The theme's name in each language (challenges/_themes.yml, or the group the file writes out).
    theme_names: dict[str, str] = field(default_factory=dict)

    def written_in(self, lang: str) -> str:
        """The language of the texts shown on the page in `lang`: `lang`, or Danish while its translation is on its way."""
        return lang if lang in self.languages else "da"

    @property
    def pending(self) -> tuple[str, ...]:
        """The languages whose texts are still to follow."""
        return tuple(lang for lang in ("da", "de", "en") if lang not in self.languages)

    def status_on(self, today: date) -> str:
        """The status to show on `today`: a call whose deadline has passed is closed."""
        if self.status in ("definition", "open-call") and self.deadline and today > self.deadline:
            return "closed"
        if self.status == "open-call" and self.published and today < self.published:
            return "definition"
        return self.status

    def status_changed(self, today: date) -> date | None:
        """The last day on or before `today` on which the calendar changed the status shown (publication, the day after the deadline)."""
        days = [self.published] if self.published and self.published <= today else []
        if self.deadline and self.deadline < today:
            days.append(self.deadline + timedelta(days=1))
        return max(days, default=None)

    def is_open(self, today: date) -> bool:
        """Whether firms can apply on `today`: the call is open by its status and its dates."""
        return self.status_on(today) == "open-call"

    def phase(self, key: str) -> Phase | None:
        """The dated phase `key` (a status code), or None when the owner has dated none of its days."""
        return next((phase for phase in self.timeline if phase.key == key), None)

    @property
    def has_calendar(self) -> bool:
        """Whether the challenge has any day for a calendar: publication, deadline or a dated phase."""
        return bool(self.published or self.deadline or self.timeline)

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
class RoundOwner:
    """A challenge owner of a round: an authority of `_owners.yml` (`key` set), or one named only in the rounds file."""

    names: dict[str, str]
    url: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class RoundFirm:
    """A firm selected in a round: its name, its country (ISO 3166 code), and, where a source says so, its web site and challenge."""

    name: str
    country: str
    url: str | None = None
    challenge: dict[str, str] | None = None


@dataclass(frozen=True)
class Source:
    """Where facts come from: the source's name in each language, and its address where it is known for certain."""

    names: dict[str, str]
    url: str | None = None


@dataclass(frozen=True)
class Month:
    """A month of a year: when a round started or ended."""

    year: int
    month: int

    def isoformat(self) -> str:
        """YYYY-MM."""
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Round:
    """One round of the programme (`challenges/_rounds.yml`), in file order."""

    key: str
    names: dict[str, str]
    summaries: dict[str, str]
    start: Month | None
    end: Month
    owners: tuple[RoundOwner, ...]
    challenges: int
    firms: tuple[RoundFirm, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Catalogue:
    """Every challenge, sorted by id, the owners they refer to, and the programme's events."""

    challenges: tuple[Challenge, ...]
    owners: dict[str, Owner]
    events: tuple[Event, ...] = ()
    # The programme's rounds, in the order of challenges/_rounds.yml.
    rounds: tuple[Round, ...] = ()
    # The themes, by key: challenges/_themes.yml's, then those a challenge defines itself.
    themes: dict[str, Theme] = field(default_factory=dict)
