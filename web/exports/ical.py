"""iCalendar (RFC 5545) text, written by hand: content lines escaped and folded, one
VTIMEZONE for Europe/London, one VEVENT per meeting.

Written here rather than with a library so that the tests' check, by the `icalendar`
library, is independent of how the calendar was made.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

TZID = "Europe/London"
# Europe/London's rules since 1996 (the EU's): BST from 01:00 UTC on the last Sunday of
# March, GMT from 01:00 UTC (02:00 BST) on the last Sunday of October.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19810329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def text(value: str) -> str:
    """A TEXT value (3.3.11): backslash, semicolon, comma and line breaks escaped."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (3.1), never inside a UTF-8 sequence."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local(day: date, at: time) -> str:
    return datetime.combine(day, at).strftime("%Y%m%dT%H%M%S")


def event(meeting: dict[str, Any], *, summary: str, url: str, stamp: datetime) -> list[str]:
    """One meeting as a VEVENT. A meeting with no time is a day's event; one with no
    recorded end has no DTEND (RFC 5545: it ends as it starts), rather than an invented
    one. SEQUENCE is the meeting's version, which rises with every change recorded."""
    day: date = meeting["date"]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting['id']}@minutebook",
        f"DTSTAMP:{utc(stamp)}",
        f"LAST-MODIFIED:{utc(stamp)}",
        f"SEQUENCE:{meeting['version']}",
    ]
    if meeting.get("start_time") is None:
        lines += [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        ]
    else:
        lines.append(f"DTSTART;TZID={TZID}:{local(day, meeting['start_time'])}")
        if meeting.get("ended_at") is not None:
            lines.append(f"DTEND;TZID={TZID}:{local(day, meeting['ended_at'])}")
    lines.append(f"SUMMARY:{text(summary)}")
    if meeting.get("venue"):
        lines.append(f"LOCATION:{text(meeting['venue'])}")
    items = [f"{i.get('minute') or i['key']}: {i['title']}" for i in meeting["items"]]
    if items:
        lines.append(f"DESCRIPTION:{text(chr(10).join(items))}")
    lines += [
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if meeting['status'] == 'cancelled' else 'CONFIRMED'}",
        "END:VEVENT",
    ]
    return lines


def calendar(name: str, events: Iterable[list[str]]) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Minutebook//Meetings//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for lines_of_event in events:
        lines += lines_of_event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
