"""Dates and times as minutes write them: "Tuesday 19 September 2017", "28th November,
2018", "6.30pm", "10.00 am", "4pm"."""

from __future__ import annotations

import re
from datetime import date, time

MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_DAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?"
DATE = re.compile(
    _DAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>" + "|".join(MONTHS) + r")"
    r",?\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
TIME = re.compile(
    r"(?<![\d.:])(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*(?P<half>[ap])\.?\s?m\b\.?",
    re.IGNORECASE,
)


def find_date(text: str) -> date | None:
    found = DATE.search(text)
    return None if found is None else _date(found)


def all_dates(text: str) -> list[date]:
    return [d for d in (_date(m) for m in DATE.finditer(text)) if d is not None]


def _date(found: re.Match[str]) -> date | None:
    try:
        month = MONTHS.index(found["month"].lower()) + 1
        return date(int(found["year"]), month, int(found["day"]))
    except ValueError:  # 31 February: not a date, so not one to keep
        return None


def find_time(text: str) -> time | None:
    found = TIME.search(text)
    if found is None:
        return None
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    if not (1 <= hour <= 12 and minute < 60):
        return None
    if found["half"].lower() == "p" and hour != 12:
        hour += 12
    elif found["half"].lower() == "a" and hour == 12:
        hour = 0
    return time(hour, minute)
