"""The four councils' minutes replayed: figures read from the documents by hand.

Each expected figure below was counted from the minutes in the seed sources,
not computed from the seed files, so a transcription slip shows up here.
"""

from datetime import date

import pytest

from domain.committees import Committee
from domain.meetings import Meeting
from domain.resolutions import Resolution
from seeds.replay import replay

# (council, committee slug, date): items, resolutions, clauses, open actions, status
EXPECTED = {
    ("st-helens", "cyps-scrutiny", date(2022, 3, 21)): (9, 6, 12, 5, "held"),
    ("st-helens", "cyps-scrutiny", date(2022, 7, 25)): (8, 5, 10, 4, "held"),
    ("halton", "executive-board", date(2022, 11, 17)): (1, 1, 2, 0, "scheduled"),
    ("staffordshire", "safeguarding-osc", date(2023, 9, 14)): (5, 4, 4, 0, "held"),
    ("croydon", "cyp-scrutiny-sub-committee", date(2017, 9, 19)): (7, 3, 5, 4, "held"),
}

# (present, apologies, absent, in attendance)
ATTENDANCE = {
    date(2022, 3, 21): (6, 6, 1, 0),
    date(2022, 7, 25): (8, 2, 3, 0),
    date(2022, 11, 17): (0, 0, 0, 0),
    date(2023, 9, 14): (7, 3, 0, 1),
    date(2017, 9, 19): (8, 0, 0, 3),
}


def meeting_id(council, committee, on):
    return Meeting.create_id(Committee.create_id(council, committee), on)


@pytest.fixture
def seeded(service):
    summary = replay(service)
    return service, summary


def test_the_summary_counts_each_meeting_as_the_minutes_do(seeded):
    _, summary = seeded
    got = {
        (m.council, m.date): (m.items, m.resolutions, m.clauses, m.open_actions, m.status)
        for m in summary.meetings
    }
    assert got == {(k[0], k[2].isoformat()): v for k, v in EXPECTED.items()}


@pytest.mark.parametrize("key", EXPECTED, ids=lambda k: f"{k[0]}-{k[2]}")
def test_each_meeting_is_stored_with_its_items_and_attendance(seeded, key):
    service, _ = seeded
    meeting = service.meeting(meeting_id(*key))
    items, _, _, _, status = EXPECTED[key]
    assert (len(meeting["items"]), meeting["status"]) == (items, status)
    a = meeting["attendance"]
    counts = (len(a["present"]), len(a["apologies"]), len(a["absent"]), len(a["in_attendance"]))
    assert counts == ATTENDANCE[key[2]]


def test_st_helens_july_attendance_names_who_came_who_sent_apologies_and_who_did_not(seeded):
    service, _ = seeded
    a = service.meeting(meeting_id("st-helens", "cyps-scrutiny", date(2022, 7, 25)))["attendance"]
    assert {"name": "Councillor T Long", "capacity": "Chair"} in a["present"]
    assert {p["name"] for p in a["apologies"]} == {"Councillor McCormack", "Miss A Kirman"}
    assert {p["name"] for p in a["absent"]} == {"Councillor Begum", "Mr C Williams", "Mr D Thorpe"}


def test_march_2022_minutes_are_approved_by_the_july_meeting(seeded):
    service, _ = seeded
    march = service.meeting(meeting_id("st-helens", "cyps-scrutiny", date(2022, 3, 21)))
    july = meeting_id("st-helens", "cyps-scrutiny", date(2022, 7, 25))
    assert march["minutes_approved_by"] == july
    assert march["minutes_approved_on"] == date(2022, 7, 25)


@pytest.mark.parametrize(
    "council, committee, approved, approving",
    [
        ("st-helens", "cyps-scrutiny", date(2022, 1, 31), date(2022, 3, 21)),
        ("staffordshire", "safeguarding-osc", date(2023, 7, 27), date(2023, 9, 14)),
        ("croydon", "cyp-scrutiny-sub-committee", date(2017, 6, 20), date(2017, 9, 19)),
    ],
)
def test_meetings_known_only_by_reference_carry_their_approval(
    seeded, council, committee, approved, approving
):
    service, _ = seeded
    meeting = service.meeting(meeting_id(council, committee, approved))
    assert meeting["status"] == "held" and meeting["items"] == []
    assert meeting["minutes_approved_by"] == meeting_id(council, committee, approving)


def test_the_meeting_arranged_for_26_july_2022_is_scheduled_at_4pm(seeded):
    service, _ = seeded
    meeting = service.meeting(meeting_id("st-helens", "cyps-scrutiny", date(2022, 7, 26)))
    assert meeting["status"] == "scheduled"
    assert meeting["start_time"].isoformat() == "16:00:00"


def test_halton_recommendations_stay_proposed_with_their_action_pending(seeded):
    service, _ = seeded
    halton = meeting_id("halton", "executive-board", date(2022, 11, 17))
    resolution = service.resolution(
        Resolution.create_id(halton, "children services improvement update")
    )
    assert resolution["status"] == "proposed"
    assert resolution["minute"] is None
    assert [c["kind"] for c in resolution["clauses"]] == ["noted", "report back"]
    assert resolution["clauses"][1]["action"]["status"] == "pending"
    assert resolution["clauses"][1]["action"]["due_meeting"] == "the next Executive Board"


def test_the_send_update_is_an_open_action_with_the_minutes_own_words(seeded):
    service, _ = seeded
    july = meeting_id("st-helens", "cyps-scrutiny", date(2022, 7, 25))
    resolution = service.resolution(Resolution.create_id(july, "5"))
    clause = resolution["clauses"][1]
    assert clause["text"] == (
        "an update on the plans for SEND once completed be brought back "
        "to a future meeting of the Committee; and"
    )
    assert clause["kind"] == "report back"
    assert clause["action"]["status"] == "open"
    assert clause["action"]["requested_on"] == date(2022, 7, 25)


def test_croydon_keeps_its_minute_numbers_and_the_unnumbered_workforce_item(seeded):
    service, _ = seeded
    croydon = service.meeting(
        meeting_id("croydon", "cyp-scrutiny-sub-committee", date(2017, 9, 19))
    )
    assert [i["minute"] for i in croydon["items"]] == [
        "A26/17",
        "A27/17",
        "A28/17",
        "A29/17",
        "A30/17",
        "A31/17",
        None,
    ]
    assert croydon["items"][-1]["agenda_number"] == "7"
    assert croydon["ended_at"].isoformat() == "21:15:00"


def test_membership_follows_the_documents(seeded):
    service, _ = seeded
    committee = service.committee(Committee.create_id("st-helens", "cyps-scrutiny"))
    names = {m["name"] for m in committee["members"]}
    assert committee["chair"] == "Councillor T Long"
    assert len(names) == 13  # ten councillors and three co-optees after May 2022
    assert "Councillor Preston" not in names and "Councillor Begum" in names
    assert {w["title"] for w in committee["work_programme"]} == {
        "Children's mental health services"
    }


def test_every_seeded_event_says_seed_recorded_it_with_the_meeting_date(seeded):
    service, _ = seeded
    july = meeting_id("st-helens", "cyps-scrutiny", date(2022, 7, 25))
    history = service.history(Resolution.create_id(july, "8"))
    assert [(h["event"], h["recorded_by"], h["effective_date"]) for h in history] == [
        ("Proposed", "seed", date(2022, 7, 25)),
        ("SourceCited", "seed", date(2022, 7, 25)),
        ("Resolved", "seed", date(2022, 7, 25)),
    ]


def test_replaying_twice_records_nothing_new(seeded):
    service, first = seeded
    assert first.new_events > 0
    before = list(service.recorder.select_notifications(start=1, limit=10_000))
    second = replay(service)
    after = list(service.recorder.select_notifications(start=1, limit=10_000))
    assert second.new_events == 0
    assert [(n.originator_id, n.originator_version) for n in after] == [
        (n.originator_id, n.originator_version) for n in before
    ]
    assert second.meetings == first.meetings
