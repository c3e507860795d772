"""RFC 5545 calendars of the challenges' dates and the programme's events, per language."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import icalendar

from .model import Challenge, Event, Phase
from .strings import ui_strings
from .urls import page_url


def calendar(challenges: tuple[Challenge, ...], today: date, site_url: str, lang: str, events: tuple[Event, ...] = ()) -> bytes:
    """An RFC 5545 calendar of the publication dates, deadlines and dated phases of `challenges`, and the dated `events`, in `lang`."""
    s = ui_strings(lang)
    host = urlsplit(site_url).hostname or "localhost"
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{s['site_name']}//{lang}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", s["site_name"])
    # A calendar needs one component even before any date is published.
    cal.add_component(_copenhagen())
    entries = [
        (f"{c.id}-{kind}", day, None, s["challenge"][f"calendar_{kind}"].format(title=c.texts[lang].title), c.texts[lang].summary, f"challenges/{c.id}/")
        for c in challenges for kind, day in (("published", c.published), ("deadline", c.deadline)) if day
    ] + [
        (f"{c.id}-timeline-{p.key}", p.start or p.end, p.end if p.start and p.end else None, _phase_summary(p, c, s, lang), c.texts[lang].summary, f"challenges/{c.id}/")
        for c in challenges for p in c.timeline
    ] + [(e.key, e.date, None, e.names[lang], None, f"{e.page}/") for e in events if e.date]
    for uid, day, last_day, summary, description, path in entries:
        event = icalendar.Event()
        event.add("uid", f"{uid}@{host}")
        event.add("dtstamp", datetime.combine(today, time(), timezone.utc))
        event.add("dtstart", day)
        if last_day:
            event.add("dtend", last_day + timedelta(days=1))  # all-day events end the day after their last day
        event.add("summary", summary)
        if description:
            event.add("description", description)
        event.add("url", page_url(site_url, lang, path))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _phase_summary(phase: Phase, challenge: Challenge, s: dict[str, Any], lang: str) -> str:
    """The name of a phase's calendar event: the phase and the challenge, and which end of the phase it marks when only one is dated."""
    kind = "calendar_phase" if phase.start and phase.end else ("calendar_phase_start" if phase.start else "calendar_phase_end")
    return s["challenge"][kind].format(phase=s["challenge"]["phases"][phase.key], title=challenge.texts[lang].title)


def _copenhagen() -> icalendar.Timezone:
    """Danish time as rules (CET, and CEST from the last Sunday of March to that of October)."""
    zone = icalendar.Timezone()
    zone.add("tzid", "Europe/Copenhagen")
    for kind, name, start, offsets, month in (
        (icalendar.TimezoneStandard, "CET", datetime(1996, 10, 27, 3), ("+0200", "+0100"), 10),
        (icalendar.TimezoneDaylight, "CEST", datetime(1981, 3, 29, 2), ("+0100", "+0200"), 3),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", icalendar.vUTCOffset.from_ical(offsets[0]))
        part.add("tzoffsetto", icalendar.vUTCOffset.from_ical(offsets[1]))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone
