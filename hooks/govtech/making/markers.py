"""Markers that hand-written pages hold as HTML comments, so that their source reads well on GitHub."""

from __future__ import annotations

import re

from govtech.dates import date_element
from govtech.model import Event
from govtech.strings import ui_strings

_EVENT_MARKER = re.compile(r"<!--\s*event:([a-z0-9-]+)\s*-->")


def event_markers(markdown: str, events: tuple[Event, ...], lang: str) -> str:
    """Hand-written Markdown with each `<!-- event:KEY -->` marker replaced by the event's date, or by nothing while it has none."""
    by_key = {event.key: event for event in events}

    def replaced(match: re.Match[str]) -> str:
        event = by_key.get(match.group(1))
        if event is None or event.date is None:
            return ""
        return ui_strings(lang)["event"]["date"].format(date=date_element(event.date, lang))

    return _EVENT_MARKER.sub(replaced, markdown)
