"""Clause labels: kept verbatim beside the number, checked, and absent from clauses
recorded before labels existed."""

import json
from dataclasses import replace

import pytest

from domain.details import resolution_details
from domain.errors import InvalidValue
from domain.resolutions import Resolution
from domain.service import Minutebook
from domain.values import ClauseDraft, ClauseKind
from tests.domain.builders import CLERK, DAY, a_meeting, a_resolution, the_clauses


def labelled(*labels):
    return [replace(c, label=label) for c, label in zip(the_clauses(), labels, strict=True)]


def propose(clauses):
    return Resolution.propose(
        a_meeting(), item="5", clauses=clauses, effective_date=DAY, recorded_by=CLERK
    )


def test_a_clause_keeps_the_label_the_minutes_print_beside_it():
    resolution = propose(labelled("(i)", "(ii)"))
    details = resolution_details(resolution)
    assert [(c["number"], c["label"]) for c in details["clauses"]] == [(1, "(i)"), (2, "(ii)")]


def test_a_clause_without_a_label_has_none():
    assert ["label" in c for c in resolution_details(a_resolution())["clauses"]] == [False] * 2


def test_an_amendment_may_change_the_labels():
    resolution = propose(labelled("(a)", "(b)"))
    resolution.amend(labelled("A", None), effective_date=DAY, recorded_by=CLERK)
    assert [c.label for c in resolution.clauses] == ["A", None]


@pytest.mark.parametrize(
    "label, why",
    [("x" * 21, "at most 20"), ("  ", "blank"), ("(i)\n(ii)", "one line"), ("a\x07", "control")],
)
def test_a_label_is_short_printable_text_on_one_line(label, why):
    with pytest.raises(InvalidValue, match=why):
        propose(labelled(label, None))


def _stored_before_labels(app, event):
    """The event as version 1 stored it: no class_version, no label in any draft."""
    stored = app.mapper.to_stored_event(event)
    state = json.loads(stored.state)
    state.pop("class_version")
    for draft in state["clauses"]:
        del draft["_data_"]["label"]
    return replace(stored, state=json.dumps(state).encode())


def test_proposals_and_amendments_stored_before_labels_still_load_without_them():
    app = Minutebook.from_url("memory:")
    try:
        resolution = propose(labelled("(1)", "(2)"))
        resolution.amend(
            [ClauseDraft(1, "the report be noted", ClauseKind.NOTED, label="(1)")],
            effective_date=DAY,
            recorded_by=CLERK,
        )
        for event in resolution.collect_events():
            old = app.mapper.to_domain_event(_stored_before_labels(app, event))
            assert type(old) is type(event)
            assert [d.label for d in old.clauses] == [None] * len(event.clauses)
            assert [d.text for d in old.clauses] == [d.text for d in event.clauses]
    finally:
        app.close()
