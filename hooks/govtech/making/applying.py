"""Applying to an open call: the deadline with its time of day, the calls open on a day, and the calendar's address to subscribe to.

A deadline with a time of day is Danish time (Europe/Copenhagen): CET, and
CEST from the last Sunday of March to that of October, the rules the
calendars' VTIMEZONE gives (making/calendars.py).
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta

from babel.lists import format_list

from govtech.dates import BABEL_LOCALES, date_element, long_date
from govtech.model import Catalogue, Challenge
from govtech.strings import ui_strings
from govtech.urls import page_url

TIME_ZONE = "Europe/Copenhagen"
_SCHEME = re.compile(r"^https?://")


def _last_sunday(year: int, month: int) -> date:
    """The last Sunday of `month` (March or October) in `year`."""
    last = date(year, month, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def copenhagen_offset(day: date, at: time) -> str:
    """The UTC offset of Danish time at `at` on `day`: +02:00 in summer time, else +01:00."""
    summer_from = datetime.combine(_last_sunday(day.year, 3), time(2))
    summer_until = datetime.combine(_last_sunday(day.year, 10), time(3))
    return "+02:00" if summer_from <= datetime.combine(day, at) < summer_until else "+01:00"


def clock(at: time, lang: str) -> str:
    """A time of day as the language writes it: 12.00 in Danish, 12:00 in German and English."""
    return ui_strings(lang)["apply"]["clock"].format(hour=f"{at.hour:02d}", minute=f"{at.minute:02d}")


def deadline_text(challenge: Challenge, lang: str) -> str:
    """The deadline in words, with its time of day and time zone when it has one: "28. februar 2030 kl. 12.00 dansk tid"."""
    if challenge.deadline is None:
        return ""
    written = long_date(challenge.deadline, lang)
    if challenge.deadline_time is None:
        return written
    return ui_strings(lang)["apply"]["at_time"].format(date=written, time=clock(challenge.deadline_time, lang))


def deadline_element(challenge: Challenge, lang: str) -> str:
    """The deadline in a `<time>` element (a moment with its offset when it has a time of day); safe in Markdown and HTML."""
    if challenge.deadline is None:
        return ""
    if challenge.deadline_time is None:
        return date_element(challenge.deadline, lang)
    at = challenge.deadline_time
    moment = f"{challenge.deadline.isoformat()}T{at.strftime('%H:%M')}{copenhagen_offset(challenge.deadline, at)}"
    return f'<time datetime="{moment}">{html.escape(deadline_text(challenge, lang), quote=False)}</time>'


def languages_text(languages: tuple[str, ...], lang: str) -> str:
    """The languages an application may be written in, named in `lang` and joined by "or": "dansk eller engelsk"."""
    names = ui_strings(lang)["apply"]["language_names"]
    return format_list([names[code] for code in languages], style="or", locale=BABEL_LOCALES[lang])


def open_calls(catalogue: Catalogue, today: date) -> list[Challenge]:
    """The challenges firms can apply to on `today`, the soonest deadline first (those without one last), then by id."""
    calls = [c for c in catalogue.challenges if c.is_open(today)]
    return sorted(calls, key=lambda c: (c.deadline or date.max, c.id))


def calendar_is_empty(catalogue: Catalogue) -> bool:
    """Whether the site's calendar holds no event: no challenge has a day, no programme event a date."""
    return not any(c.has_calendar for c in catalogue.challenges) and not any(e.date for e in catalogue.events)


def webcal_url(site_url: str, lang: str, path: str = "calendar.ics") -> str:
    """The calendar's address for subscribing, `webcal://…`: the same address as the file's, with the scheme calendar apps open."""
    return _SCHEME.sub("webcal://", page_url(site_url, lang, path))
