"""RFC 5545 calendars of the challenges' dates and the programme's events, per language."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from govtech.making import ical
from govtech.making.applying import TIME_ZONE
from govtech.model import Challenge, Event, Phase
from govtech.strings import ui_strings
from govtech.urls import page_url


def calendar(challenges: tuple[Challenge, ...], today: date, site_url: str, lang: str, events: tuple[Event, ...] = ()) -> bytes:
    """An RFC 5545 calendar of the publication dates, deadlines and dated phases of `challenges`, and the dated `events`, in `lang`.

    A deadline with a time of day is an event at that moment in Danish time, with a reminder the day before;
    the calendar's description says what it holds, or, while nothing has a date, that it is empty until dates are published.
    """
    s = ui_strings(lang)
    host = urlsplit(site_url).hostname or "localhost"
    stamp = ical.line("DTSTAMP", ical.utc(datetime.combine(today, time(), UTC)))
    # (uid, day, last day, summary, description, page, time of day in Danish time, reminder)
    entries: list[tuple[str, date | None, date | None, str, str | None, str, time | None, str | None]] = (
        [
            (
                f"{c.id}-{kind}",
                day,
                None,
                s["challenge"][f"calendar_{kind}"].format(title=c.texts[lang].title),
                c.texts[lang].summary,
                f"challenges/{c.id}/",
                c.deadline_time if kind == "deadline" else None,
                s["apply"]["reminder"].format(title=c.texts[lang].title) if kind == "deadline" and c.deadline_time else None,
            )
            for c in challenges
            for kind, day in (("published", c.published), ("deadline", c.deadline))
            if day
        ]
        + [
            (
                f"{c.id}-timeline-{p.key}",
                p.start or p.end,
                p.end if p.start and p.end else None,
                _phase_summary(p, c, s, lang),
                c.texts[lang].summary,
                f"challenges/{c.id}/",
                None,
                None,
            )
            for c in challenges
            for p in c.timeline
        ]
        + [(e.key, e.date, None, e.names[lang], None, f"{e.page}/", None, None) for e in events if e.date]
    )
    # Properties in the order icalendar writes them, so that its output and this one are the same bytes.
    body = "".join(
        ical.component(
            "VEVENT",
            ical.line("SUMMARY", ical.text(summary))
            + (ical.line(f"DTSTART;TZID={TIME_ZONE}", ical.local(datetime.combine(day, at))) if at else ical.line("DTSTART;VALUE=DATE", ical.day(day)))
            # All-day events end the day after their last day.
            + (ical.line("DTEND;VALUE=DATE", ical.day(last_day + timedelta(days=1))) if last_day else "")
            + stamp
            + ical.line("UID", ical.text(f"{uid}@{host}"))
            + (ical.line("DESCRIPTION", ical.text(description)) if description else "")
            + ical.line("TRANSP", "TRANSPARENT")
            + ical.line("URL", page_url(site_url, lang, path))
            + (_reminder(reminder) if reminder else ""),
        )
        for uid, day, last_day, summary, description, path, at, reminder in entries
        if day
    )
    head = ical.line("VERSION", "2.0") + ical.line("PRODID", ical.text(f"-//{s['site_name']}//{lang}")) + ical.line("CALSCALE", "GREGORIAN")
    # A calendar needs one component even before any date is published: Danish time.
    about = s["apply"]["calendar_description"] if body else s["apply"]["calendar_empty"]
    # DESCRIPTION is RFC 7986's; X-WR-CALDESC the older name many calendar apps read.
    head += ical.line("DESCRIPTION", ical.text(about)) + ical.line("X-WR-CALNAME", ical.text(s["site_name"])) + ical.line("X-WR-CALDESC", ical.text(about))
    return ical.component("VCALENDAR", head + _COPENHAGEN + body).encode("utf-8")


def _reminder(text: str) -> str:
    """A reminder the day before an event (RFC 5545 VALARM), shown with `text`."""
    return ical.component("VALARM", ical.line("ACTION", "DISPLAY") + ical.line("DESCRIPTION", ical.text(text)) + ical.line("TRIGGER", "-P1D"))


def _phase_summary(phase: Phase, challenge: Challenge, s: dict[str, Any], lang: str) -> str:
    """The name of a phase's calendar event: the phase and the challenge, and which end of the phase it marks when only one is dated."""
    kind = "calendar_phase" if phase.start and phase.end else ("calendar_phase_start" if phase.start else "calendar_phase_end")
    return s["challenge"][kind].format(phase=s["challenge"]["phases"][phase.key], title=challenge.texts[lang].title)


# Danish time as rules: CET, and CEST from the last Sunday of March to that of October.
_COPENHAGEN = ical.component(
    "VTIMEZONE",
    ical.line("TZID", "Europe/Copenhagen")
    + "".join(
        ical.component(
            kind,
            ical.line("DTSTART", start)
            + ical.line("RRULE", f"FREQ=YEARLY;BYDAY=-1SU;BYMONTH={month}")
            + ical.line("TZNAME", name)
            + ical.line("TZOFFSETFROM", offset_from)
            + ical.line("TZOFFSETTO", offset_to),
        )
        for kind, name, start, offset_from, offset_to, month in (
            ("STANDARD", "CET", "19961027T030000", "+0200", "+0100", 10),
            ("DAYLIGHT", "CEST", "19810329T020000", "+0100", "+0200", 3),
        )
    ),
)
