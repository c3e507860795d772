"""Dates as each language writes them: "27. februar 2018", "27. Februar 2018", "27 February 2018"."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date

from babel.dates import format_date

from govtech.strings import ui_strings

# Babel locale per site language: English dates are written the British way.
BABEL_LOCALES = {"da": "da_DK", "de": "de_DE", "en": "en_GB"}
# The space after the day that opens a long date ("27. februar", "27 February").
_DAY_SPACE = re.compile(r"^(\d+\.?) ")


def long_date(day: date, lang: str) -> str:
    """`day` as the language writes it in full: 27. februar 2018, 27 February 2018.

    The day and the month are joined by a no-break space: the line never
    breaks between them, and Markdown never reads "27. februar" at the start
    of a line as item 27 of a numbered list.
    """
    return _DAY_SPACE.sub("\\1\u00a0", format_date(day, format="long", locale=BABEL_LOCALES[lang]), count=1)


def date_element(day: date, lang: str) -> str:
    """`day` written in full inside a `<time>` element that gives it to machines too; safe in Markdown and HTML."""
    return f'<time datetime="{day.isoformat()}">{html.escape(long_date(day, lang), quote=False)}</time>'


def date_range(start: date | None, end: date | None, lang: str, written: Callable[[date, str], str] = date_element) -> str:
    """A phase's days in words: from, until, or from and to; each day `written` (as a `<time>` element unless told)."""
    s = ui_strings(lang)["challenge"]
    if start and end:
        return s["timeline_range"].format(start=written(start, lang), end=written(end, lang))
    if start:
        return s["timeline_from"].format(start=written(start, lang))
    return s["timeline_until"].format(end=written(end, lang)) if end else ""
