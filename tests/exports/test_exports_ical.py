"""Calendars of meetings (RFC 5545), written by hand and read back by the `icalendar`
library: every VEVENT has what a calendar needs, times are Europe/London's, a cancelled
meeting is CANCELLED, a change raises SEQUENCE, and exempt items stay out."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.exports.conftest import INSIDERS, JULY, OUTSIDERS, SECRET
from tests.web.helpers import ok, post, problem

LONDON = ZoneInfo("Europe/London")
REQUIRED = ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL", "STATUS", "SEQUENCE")


def calendar_at(client, url: str, headers: dict | None = None) -> Calendar:
    answer = client.get(url, headers=headers or {})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert answer.mimetype == "text/calendar"
    raw = answer.data
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded (3.1)
    return Calendar.from_ical(raw)


def calendars(client) -> dict[str, Calendar]:
    councils = client.get("/api/councils?limit=200").json["items"]
    committees = client.get("/api/committees?limit=200").json["items"]
    urls = [f"/api/councils/{c['slug']}/meetings.ics" for c in councils]
    urls += [f"/api/committees/{c['id']}/meetings.ics" for c in committees]
    return {url: calendar_at(client, url) for url in urls}


def events(cal: Calendar) -> dict[str, dict]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_every_calendar_parses_and_every_event_has_what_a_calendar_needs(history):
    client = history.test_client()
    meetings = client.get("/api/meetings?limit=200").json["items"]
    found = calendars(client)
    everything: dict[str, dict] = {}
    for url, cal in found.items():
        assert cal["VERSION"] == "2.0" and cal["PRODID"], url
        assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
        for uid, event in events(cal).items():
            assert all(name in event for name in REQUIRED), (url, uid)
            assert str(event["URL"]).endswith(f"/meetings/{uid.removesuffix('@minutebook')}")
            everything[uid] = event
    # Each meeting once in its council's calendar and once in its committee's.
    assert sorted(everything) == sorted(f"{m['id']}@minutebook" for m in meetings)
    assert sum(len(events(cal)) for cal in found.values()) == 2 * len(meetings)
    # Stable: asked again, the same UIDs and the same text.
    again = calendars(client)
    assert {u: sorted(events(c)) for u, c in again.items()} == {
        u: sorted(events(c)) for u, c in found.items()
    }


def test_times_are_europe_london_with_its_vtimezone(seeded):
    client = seeded.test_client()
    cal = calendar_at(client, "/api/councils/st-helens/meetings.ics")
    july = next(e for e in cal.walk("VEVENT") if str(e.get("LOCATION")) == "Room 10")
    start = july["DTSTART"].dt
    assert start.replace(tzinfo=None) == datetime(2022, 7, 25, 10, 0)
    assert start.astimezone(LONDON).utcoffset() == timedelta(hours=1)  # BST
    # The calendar's own VTIMEZONE agrees with the tz database, summer and winter, either
    # side of each change.
    written = cal.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)  # its own rules
    for moment in (
        datetime(2022, 1, 15, 12),
        datetime(2022, 3, 27, 0, 30),
        datetime(2022, 3, 27, 2, 30),
        datetime(2022, 7, 25, 10),
        datetime(2023, 10, 29, 0, 30),
        datetime(2023, 10, 29, 2, 30),
        datetime(2017, 9, 19, 18, 30),
    ):
        assert (
            moment.replace(tzinfo=written).utcoffset() == moment.replace(tzinfo=LONDON).utcoffset()
        ), moment
    # A meeting with no time recorded is the day's: DTEND the day after.
    undated = next(e for e in cal.walk("VEVENT") if "LOCATION" not in e)
    assert undated["DTEND"].dt - undated["DTSTART"].dt == timedelta(days=1)


def test_a_cancelled_meeting_is_cancelled_and_a_change_raises_its_sequence(client, private):
    url = f"/api/committees/{private['committee']}/meetings.ics"
    later = ok(
        post(
            client,
            "/api/meetings",
            {"committee_id": private["committee"], "date": "2022-09-12", "effective_date": JULY},
        ),
        201,
    )["id"]
    before = events(calendar_at(client, url))
    assert str(before[f"{later}@minutebook"]["STATUS"]) == "CONFIRMED"
    held = f"{private['meeting']}@minutebook"
    ok(post(client, f"/api/meetings/{later}/cancellation", {"effective_date": JULY}))
    ok(
        post(
            client,
            f"/api/meetings/{private['meeting']}/attendance",
            {"name": "Councillor Pye", "status": "in_attendance", "effective_date": JULY},
        )
    )
    after = events(calendar_at(client, url))
    assert str(after[f"{later}@minutebook"]["STATUS"]) == "CANCELLED"
    for uid in (held, f"{later}@minutebook"):
        assert after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"], uid
        assert after[uid]["DTSTAMP"].dt >= before[uid]["DTSTAMP"].dt
    assert str(after[held]["LOCATION"]) == "Room 10, Town Hall"  # the comma, escaped and back


@pytest.mark.every_store  # hiding is done in each store's SQL
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_exempt_item_is_in_no_calendar_for_an_outsider(client, private, outsider):
    for url in (
        "/api/councils/st-helens/meetings.ics",
        f"/api/committees/{private['committee']}/meetings.ics",
    ):
        text = client.get(url, headers=OUTSIDERS[outsider](client)).get_data(as_text=True)
        assert "Directors report" in text
        assert "Redundancy" not in text, url


@pytest.mark.every_store  # hiding is done in each store's SQL
@pytest.mark.parametrize("insider", INSIDERS)
def test_the_councils_own_see_the_exempt_item_in_the_calendar(client, private, insider):
    cal = calendar_at(client, "/api/councils/st-helens/meetings.ics", INSIDERS[insider](client))
    assert SECRET in str(events(cal)[f"{private['meeting']}@minutebook"]["DESCRIPTION"])


def test_an_unknown_council_or_committee_is_a_404_and_bad_dates_a_422(client, private):
    problem(client.get("/api/councils/nowhere/meetings.ics"), 404, "council-not-found")
    problem(
        client.get("/api/committees/00000000-0000-0000-0000-000000000000/meetings.ics"),
        404,
        "committee-not-found",
    )
    problem(
        client.get("/api/councils/st-helens/meetings.ics?from=2022-02-30"), 422, "invalid-input"
    )
    cal = calendar_at(client, "/api/councils/st-helens/meetings.ics?from=2022-08-01")
    assert events(cal) == {}
