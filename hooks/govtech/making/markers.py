"""Markers that hand-written pages hold as HTML comments, so that their source reads well on GitHub."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches

from govtech.dates import date_element
from govtech.making.applying import open_calls
from govtech.making.markdown import template_environment
from govtech.model import Catalogue, Event
from govtech.problems import InvalidInput, Problem
from govtech.strings import ui_strings

# Every comment that looks meant as an event marker, however it is spelt: each one is either a known event's
# marker, written as `<!-- event:KEY -->`, or a problem; never a comment left silently on the page.
_EVENT_MARKER = re.compile(r"<!--\s*event\s*:(?P<key>.*?)-->", re.IGNORECASE | re.DOTALL)
_EXACT = re.compile(r"<!--\s*event:(?P<key>[a-z0-9-]+)\s*-->")


def event_markers(markdown: str, events: tuple[Event, ...], lang: str, source: str = "", first_line: int = 1) -> str:
    """Hand-written Markdown with each `<!-- event:KEY -->` marker replaced by the event's date, or by nothing while it has none.

    Raises InvalidInput naming every marker that is not a known event's, at its line in `source`
    (the page's first line being `first_line`), with the known markers.
    """
    by_key = {event.key: event for event in events}
    problems = []
    for match in _EVENT_MARKER.finditer(markdown):
        exact = _EXACT.fullmatch(match.group(0))
        if exact and exact.group("key") in by_key:
            continue
        line = first_line + markdown.count("\n", 0, match.start())
        column = match.start() - (markdown.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(Problem(source, line, column, _unknown(match.group(0), match.group("key").strip(), sorted(by_key))))
    if problems:
        raise InvalidInput(problems)

    def replaced(match: re.Match[str]) -> str:
        event = by_key[match.group("key").strip()]
        if event.date is None:
            return ""
        return ui_strings(lang)["event"]["date"].format(date=date_element(event.date, lang))

    return _EVENT_MARKER.sub(replaced, markdown)


def _unknown(marker: str, key: str, known: list[str]) -> str:
    """What is wrong with an event marker, the marker it may have meant, and the markers there are."""
    shown = " ".join(marker.split())[:80]
    guess = get_close_matches(key.lower(), known, n=1, cutoff=0.6)
    hint = f" (did you mean <!-- event:{guess[0]} -->?)" if guess else ""
    markers = ", ".join(f"<!-- event:{k} -->" for k in known) or "none (challenges/_events.yml defines no event)"
    return (
        f"`{shown}` is not an event marker{hint}; write one as <!-- event:KEY -->, KEY being an event's key in challenges/_events.yml, "
        f"in lower case. The markers are: {markers}."
    )


# `<!-- open-calls -->` and its variants (`<!-- open-calls:box -->`, …): see templates/open_calls.md.j2.
OPEN_CALLS_VARIANTS = ("", "answer", "box", "next-step")
_OPEN_CALLS_NAME = "open-calls"
# Any comment that reads like a marker (`<!-- name -->` or `<!-- name:variant -->`), to catch misspelt ones.
_MARKER_LIKE = re.compile(r"<!--\s*([A-Za-z][\w-]*)(?::([^\s>]*))?\s*-->")


def open_calls_markers(markdown: str, calls: OpenCallsPage, where: Callable[[], tuple[str, int]]) -> str:
    """Hand-written Markdown with each `<!-- open-calls[:VARIANT] -->` marker replaced by the open calls of the build day, or by what is said while none is.

    Raises InvalidInput naming each unknown or misspelt marker at its line (`where()`: the page's
    source file and the line its Markdown starts on, asked only when there is a problem).
    """
    found = [m for m in _MARKER_LIKE.finditer(markdown) if m.group(1).lower() == _OPEN_CALLS_NAME or _looks_like_open_calls(m.group(1))]
    unknown = [m for m in found if m.group(1) != _OPEN_CALLS_NAME or (m.group(2) or "") not in OPEN_CALLS_VARIANTS]
    if unknown:
        source, first_line = where()
        known = ", ".join(f"<!-- {_OPEN_CALLS_NAME}{':' + v if v else ''} -->" for v in OPEN_CALLS_VARIANTS)
        raise InvalidInput(
            [
                Problem(
                    source, first_line + markdown.count("\n", 0, m.start()), 1, f"unknown marker {m.group(0)}; write one of the open-calls markers: {known}."
                )
                for m in unknown
            ]
        )
    if not found:
        return markdown
    template = template_environment().get_template("open_calls.md.j2")
    return _MARKER_LIKE.sub(
        lambda m: template.render(calls.context(), variant=m.group(2) or "").strip("\n") if m.group(1) == _OPEN_CALLS_NAME else m.group(0), markdown
    )


def _looks_like_open_calls(name: str) -> bool:
    """Whether a marker's name is a slip for `open-calls` (open-call, opencalls, open_calls, Open-Calls …)."""
    plain = name.lower().replace("_", "-")
    return plain != _OPEN_CALLS_NAME and (plain.replace("-", "") in ("opencall", "opencalls") or bool(get_close_matches(plain, [_OPEN_CALLS_NAME], cutoff=0.8)))


@dataclass(frozen=True)
class OpenCallsPage:
    """What the open-calls markers of one page need: the build's challenges and day, the page's language and place, the publisher's e-mail."""

    catalogue: Catalogue
    today: date
    lang: str
    src_uri: str  # the page's source below docs/: take-part.md, guides/index.de.md, challenges/index.md
    url: str  # its address below the language's root: take-part/, guides/, "" for the home page
    email: str | None = None

    def context(self) -> dict[str, object]:
        """The template's context."""
        return {
            "lang": self.lang,
            "s": ui_strings(self.lang),
            "calls": open_calls(self.catalogue, self.today),
            "to_docs": "../" * self.src_uri.count("/"),
            "to_root": "../" * self.url.count("/"),
            "email": self.email,
        }
