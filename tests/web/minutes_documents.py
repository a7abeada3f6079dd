"""A minutes document to record, in the JSON form the API takes: St Helens' Children
and Young People Services Scrutiny Committee, 25 July 2022 (abridged from the seed
document seeds/minutes/st-helens/2022-07-25-cyps-scrutiny.toml), with the committee
and its members, so that an admin's document establishes them."""

from __future__ import annotations

import copy
from typing import Any

DOCUMENT: dict[str, Any] = {
    "council": "st-helens",
    "council_name": "St Helens Borough Council",
    "committee": "cyps-scrutiny",
    "committee_name": "Children and Young People Services Scrutiny Committee",
    "established_on": "2022-03-21",
    "members": [
        {"name": "Councillor T Long", "role": "chair", "appointed_on": "2022-03-21"},
        {"name": "Councillor Greaves", "appointed_on": "2022-03-21"},
        {"name": "Councillor McCormack", "appointed_on": "2022-03-21"},
        {"name": "Councillor Begum", "appointed_on": "2022-03-21"},
    ],
    "date": "2022-07-25",
    "start_time": "10:00",
    "venue": "Room 10",
    "document": "Minutes of the Children and Young People Services Scrutiny Committee, "
    "25 July 2022",
    "source": "st-helens-cyps-2022-07-25-minutes.txt",
    "declarations": [],
    "declarations_recorded": "none",
    "attendance": {
        "present": [
            {"name": "Councillor T Long", "capacity": "Chair"},
            {"name": "Councillor Greaves"},
        ],
        "apologies": [{"name": "Councillor McCormack"}],
        "absent": [{"name": "Councillor Begum"}],
        "in_attendance": [{"name": "Ms L Ellis", "capacity": "Director"}],
    },
    "referenced_meetings": [
        {
            "date": "2022-03-21",
            "held": True,
            "known_from": "minute 2: the minutes of the meeting held on 21 March 2022",
        }
    ],
    "items": [
        {
            "minute": "1",
            "title": "APOLOGIES FOR ABSENCE",
            "minute_text": ["Apologies for absence were received from Councillor McCormack."],
        },
        {
            "minute": "2",
            "title": "MINUTES",
            "resolution": {
                "approves_minutes_of": "2022-03-21",
                "clauses": [
                    {
                        "kind": "approved",
                        "text": "the minutes of the meeting held on 21 March 2022, be "
                        "approved and signed.",
                    }
                ],
            },
        },
        {
            "minute": "5",
            "title": "DIRECTORS REPORT",
            "resolution": {
                "clauses": [
                    {"label": "(1)", "kind": "noted", "text": "the report be noted; and"},
                    {
                        "label": "(2)",
                        "kind": "report back",
                        "text": "an update on the plans for SEND once completed be brought "
                        "back to a future meeting of the Committee; and",
                        "action": {"due_meeting": "a future meeting of the Committee"},
                    },
                ]
            },
        },
        {
            "minute": "8",
            "title": "SCRUTINY WORK PROGRAMME",
            "resolution": {
                "clauses": [{"label": "(1)", "kind": "noted", "text": "the report be noted."}],
                "work_programme": ["Children's mental health services"],
            },
        },
    ],
}


def document(**changes: Any) -> dict[str, Any]:
    """A fresh copy of the document, with top-level fields changed."""
    return {**copy.deepcopy(DOCUMENT), **changes}
