"""The drafter's rules one at a time, on small made-up minutes, and its robustness."""

from __future__ import annotations

import string
from datetime import date, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.minutes import DraftError, draft_from_html, draft_from_text
from domain.minutes.names import split_people
from domain.minutes.toml_text import dumps

MINUTES = """\
PLANNING COMMITTEE

Minutes of the meeting held on Wednesday 6th March 2024 at 7.00 pm

Present: Councillor A Shah (Chair), Councillors B Jones, C O'Neill and D Ward
Substitutes: Councillor E Fox (substituting for Councillor G Hale)
Also in attendance: Jane Smith, Head of Planning

12. Apologies for Absence
Apologies for absence were received from Councillor G Hale.

13. Declarations of Interest
Councillor B Jones declared a disclosable pecuniary interest in item 15 as the applicant's landlord.

14. Minutes
RESOLVED: That the minutes of the meeting held on 7 February 2024 be approved as a correct record.

15. Land at Mill Lane
The officer presented the report.
RESOLVED that:
(a) the application be approved;
(b) the Head of Planning be asked to report back to the next meeting on the conditions; and
(c) the matter be referred to the Highways Committee.

The meeting ended at 8.40 pm.
"""


def test_a_small_minutes_text_is_drafted_whole():
    draft = draft_from_text(MINUTES)
    assert draft["committee_name"] == "PLANNING COMMITTEE"
    assert (draft["date"], draft["start_time"], draft["ended_at"]) == (
        date(2024, 3, 6),
        time(19, 0),
        time(20, 40),
    )
    assert draft["attendance"]["present"] == [
        {"name": "Councillor A Shah", "capacity": "Chair"},
        "Councillor B Jones",
        "Councillor C O'Neill",
        "Councillor D Ward",
        {"name": "Councillor E Fox", "substitute_for": "Councillor G Hale"},
    ]
    assert draft["attendance"]["apologies"] == ["Councillor G Hale"]
    assert draft["attendance"]["in_attendance"] == [
        {"name": "Jane Smith", "capacity": "Head of Planning"}
    ]
    assert draft["declarations"] == [
        {
            "member": "Councillor B Jones",
            "interest": "Councillor B Jones declared a disclosable pecuniary interest in item "
            "15 as the applicant's landlord.",
            "item": "15",
            "kind": "disclosable pecuniary",
        }
    ]
    minutes, land = draft["items"][2], draft["items"][3]
    assert minutes["resolution"]["approves_minutes_of"] == date(2024, 2, 7)
    assert [(c["label"], c["kind"]) for c in land["resolution"]["clauses"]] == [
        ("(a)", "approved"),
        ("(b)", "report back"),
        ("(c)", "referral"),
    ]
    assert land["resolution"]["clauses"][1]["action"] == {
        "owner": "the Head of Planning",
        "due_meeting": "the next meeting",
    }
    assert land["minute_text"] == [
        "The officer presented the report.",
        "The meeting ended at 8.40 pm.",
    ]


def test_not_present_members_not_among_the_apologies_are_absent_and_flagged():
    text = (
        "At a meeting of this Committee held on 1 May 2023\n\n(Present) Councillor A\n"
        "(Not Present) Councillors B and C\n\n1 APOLOGIES\n\n"
        "Apologies for absence were received from Councillor B.\n"
    )
    draft = draft_from_text(text)
    assert draft["attendance"]["apologies"] == ["Councillor B"]
    assert draft["attendance"]["absent"] == ["Councillor C"]
    assert {
        "path": "attendance.absent[0]",
        "reason": ("Councillor C was not present and is not named among the apologies"),
    } in draft["review"]


def test_a_clause_no_rule_knows_is_other_and_on_the_review_list():
    draft = draft_from_text("1. Mayor\nRESOLVED: That Councillor X be elected Mayor.\n")
    clause = draft["items"][0]["resolution"]["clauses"][0]
    assert clause["kind"] == "other"
    assert any(r["path"] == "items[0].resolution.clauses[0].kind" for r in draft["review"])


def test_two_resolved_blocks_in_one_item_are_one_resolution_with_a_note():
    draft = draft_from_text(
        "5. Budget\nRESOLVED: That the report be noted.\nThen more was said.\n"
        "RESOLVED: That the budget be approved.\n"
    )
    clauses = draft["items"][0]["resolution"]["clauses"]
    assert [c["text"] for c in clauses] == [
        "That the report be noted.",
        "That the budget be approved.",
    ]
    assert any("2 'Resolved' blocks" in r["reason"] for r in draft["review"])


def test_a_report_s_recommendations_stay_proposed():
    draft = draft_from_text(
        "REPORT TO: Cabinet\nDATE: 3 June 2024\nSUBJECT: Parks Strategy\n\n"
        "RECOMMENDATION: That Cabinet\n1) approve the strategy; and\n2) note the costs.\n"
    )
    assert draft["held"] is False
    resolution = draft["items"][0]["resolution"]
    assert resolution["status"] == "proposed"
    assert [c["label"] for c in resolution["clauses"]] == ["1)", "2)"]


def test_one_item_s_minute_without_a_heading_is_still_drafted():
    draft = draft_from_text("RESOLVED: That the report be noted.")
    assert draft["items"][0]["resolution"]["clauses"][0]["kind"] == "noted"
    assert {"path": "items[0].title", "reason": "no item heading was found: give the title"} in (
        draft["review"]
    )


@pytest.mark.parametrize(
    "text,names",
    [
        (
            "Councillors Greaves, Maguire and Sweeney",
            ["Councillor Greaves", "Councillor Maguire", "Councillor Sweeney"],
        ),
        ("Kath Perry, MBE", ["Kath Perry, MBE"]),
        (
            "Gillian Pardesi, Paul Snape and Conor Wileman",
            ["Gillian Pardesi", "Paul Snape", "Conor Wileman"],
        ),
    ],
)
def test_lists_of_people_split_into_names(text, names):
    assert [p.name for p in split_people(text)] == names


def test_html_is_read_as_its_text():
    html = (
        "<h3>4. Minutes</h3><p>RESOLVED: That the minutes of the meeting held on 2 May 2024 "
        "be approved.</p><script>x()</script>"
    )
    draft = draft_from_html(html)
    assert draft["items"][0]["title"] == "Minutes"
    assert "x()" not in dumps(draft)


@pytest.mark.parametrize(
    "text,rule",
    [
        ("", "empty-minutes"),
        ("hello world", "not-minutes"),
        ("a\ud800b", "not-text"),
        ("x" * 200_001, "minutes-too-long"),
    ],
)
def test_what_cannot_be_drafted_says_why(text, rule):
    with pytest.raises(DraftError) as refused:
        draft_from_text(text)
    assert refused.value.rule == rule


LINES = st.sampled_from(
    [
        "RESOLVED that:",
        "Resolved: That",
        "(1) the report be noted; and",
        "1. The",
        "- ",
        "12 APOLOGIES",
        "A1/23 Title (agenda item 3)",
        "Present: Councillors A, B and C",
        "(Not Present) Mr X",
        "Agenda item",
        "Minutes:",
        "held on 1 May 2020 at 6pm",
        "",
        "Apologies for absence were received from Councillor A.",
        "REPORT TO: Board",
    ]
)


@given(st.lists(st.one_of(LINES, st.text(string.printable + "–’•(", max_size=80)), max_size=40))
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_text_gives_a_draft_or_a_named_refusal(lines):
    try:
        draft = draft_from_text("\n".join(lines))
    except DraftError as refused:
        assert refused.rule in {"empty-minutes", "not-minutes", "not-text"}
        return
    assert isinstance(draft["review"], list)
    dumps(draft)  # and it can be written out


TAGS = st.sampled_from(["<p>", "</p>", "<li>", "<td>", "<br>", "<script>", "</script>", "<"])


@given(st.lists(st.one_of(TAGS, LINES, st.text(max_size=40)), max_size=60))
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
def test_any_html_gives_a_draft_or_a_named_refusal(parts):
    try:
        draft_from_html("".join(parts))
    except DraftError as refused:
        assert refused.rule in {"empty-minutes", "not-minutes", "not-text"}
