"""The calendars' RFC 5545 writer (hooks/govtech/ical.py), read back with icalendar and compared with icalendar's own output."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from govtech.making import ical

# Characters that escaping or folding treat specially, and letters of one to four UTF-8 bytes.
TEXTS = st.text(alphabet=st.sampled_from(list('ab Z09;,:\\^"\n\r\tæøåÆØÅäöüß€–“”🙂𝄞')), max_size=400)
_ESCAPE = re.compile(r"\\([\\;,nN])")


def unfolded(lines: str) -> list[str]:
    """The logical lines of folded content lines, after checking the folding (RFC 5545 3.1)."""
    assert lines.endswith("\r\n")
    physical = lines.removesuffix("\r\n").split("\r\n")
    assert all(len(p.encode()) <= 75 for p in physical), [p for p in physical if len(p.encode()) > 75]
    assert all(p.startswith(" ") for p in physical[1:])
    return "".join(p if i == 0 else p[1:] for i, p in enumerate(physical)).split("\r\n")


def unescaped(value: str) -> str:
    """A TEXT value as RFC 5545 3.3.11 reads it."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


@given(TEXTS)
def test_a_text_line_folds_at_75_octets_and_reads_back_as_written(value: str) -> None:
    [logical] = unfolded(ical.line("DESCRIPTION", ical.text(value)))
    name, _, written = logical.partition(":")
    assert name == "DESCRIPTION"
    assert unescaped(written) == value.replace("\r\n", "\n").replace("\r", "\n")


@given(TEXTS.filter(lambda v: "\\N" not in v))  # icalendar reads a written `\N` as a line break before escaping it
def test_a_text_property_is_written_as_icalendar_writes_it(value: str) -> None:
    event = icalendar.Event()
    event.add("summary", value)
    assert ical.component("VEVENT", ical.line("SUMMARY", ical.text(value))).encode() == event.to_ical()


def test_dates_times_and_components_are_written_as_icalendar_writes_them() -> None:
    event = icalendar.Event()
    event.add("dtstart", date(2030, 2, 27))
    event.add("dtstamp", datetime(2026, 1, 15, tzinfo=UTC))
    event.add("url", "https://example.org/de/challenges/invoicing/?a=1,2;b")
    ours = ical.component(
        "VEVENT",
        ical.line("DTSTART;VALUE=DATE", ical.day(date(2030, 2, 27)))
        + ical.line("DTSTAMP", ical.utc(datetime(2026, 1, 15, tzinfo=UTC)))
        + ical.line("URL", "https://example.org/de/challenges/invoicing/?a=1,2;b"),
    )
    assert ours.encode() == event.to_ical()
    parsed = icalendar.Event.from_ical(ours)
    assert parsed.decoded("DTSTART") == date(2030, 2, 27)
    assert parsed.decoded("DTSTAMP") == datetime(2026, 1, 15, tzinfo=UTC)


def test_a_time_in_danish_time_and_a_reminder_are_written_as_icalendar_writes_them() -> None:
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from govtech.making.calendars import _reminder

    event = icalendar.Event()
    event.add("dtstart", datetime(2030, 2, 28, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen")))
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Fristen er i morgen: Flere virksomheder på e-faktura")
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    ours = ical.component(
        "VEVENT",
        ical.line("DTSTART;TZID=Europe/Copenhagen", ical.local(datetime(2030, 2, 28, 12, 0)))
        + _reminder("Fristen er i morgen: Flere virksomheder på e-faktura"),
    )
    assert ours.encode() == event.to_ical()
