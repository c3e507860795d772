"""Markers that hand-written pages hold as HTML comments, so that their source reads well on GitHub."""

from __future__ import annotations

import re
from difflib import get_close_matches

from govtech.dates import date_element
from govtech.model import Event
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
