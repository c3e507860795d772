"""RFC 5545 content lines, written as text: the little of iCalendar the site's calendars need.

icalendar builds an object per property and per value; with a calendar per
challenge and language that was a quarter of a build of 1,000 challenges.
The calendars hold only text, URIs, all-day dates, times in Danish time, a UTC time stamp and reminders, so
they are written here directly, escaped (RFC 5545 3.3.11) and folded
(3.1) as icalendar writes them. tests/test_ical.py reads the output back
with icalendar and compares it with icalendar's own.
"""

from __future__ import annotations

from datetime import date, datetime

CRLF = "\r\n"
# RFC 5545 3.1: lines of at most 75 octets; a folded line goes on after CRLF and a space, which counts.
_CHUNK = 74


def text(value: str) -> str:
    """`value` as an iCalendar TEXT value: backslash, semicolon and comma escaped, line breaks as `\\n`."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def day(value: date) -> str:
    """An all-day DATE value: 20260115."""
    return value.strftime("%Y%m%d")


def utc(value: datetime) -> str:
    """A DATE-TIME value in UTC: 20260115T000000Z."""
    return value.strftime("%Y%m%dT%H%M%SZ")


def local(value: datetime) -> str:
    """A DATE-TIME value in the time zone its TZID parameter names: 20300228T120000."""
    return value.strftime("%Y%m%dT%H%M%S")


def line(name: str, value: str) -> str:
    """The content line `name:value` (name with any parameters, value already escaped), folded, with its CRLF."""
    data = f"{name}:{value}".encode()
    if len(data) <= _CHUNK:
        return data.decode() + CRLF
    chunks = []
    start = 0
    while len(data) - start > _CHUNK:
        end = start + _CHUNK
        while data[end] & 0xC0 == 0x80:  # never inside a UTF-8 character
            end -= 1
        if end - start > 1 and data[end - 1] in b"\\^":  # nor right after the backslash of an escape (as icalendar does)
            end -= 1
        chunks.append(data[start:end])
        start = end
    chunks.append(data[start:])
    return (CRLF + " ").join(chunk.decode() for chunk in chunks) + CRLF


def component(name: str, body: str) -> str:
    """`body` (content lines) as the component `name`: BEGIN and END lines around it."""
    return f"BEGIN:{name}{CRLF}{body}END:{name}{CRLF}"
