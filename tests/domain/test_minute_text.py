"""An item's own minute: its paragraphs, recorded after the item, corrected whole."""

from datetime import timedelta

import pytest

from domain.details import meeting_details
from domain.errors import InvalidValue
from domain.meetings import MeetingCancelled, MinuteTextAlreadyRecorded, UnknownAgendaItem
from domain.minute_text import MinuteTextTooLong, joined, paragraphs_of
from tests.domain.builders import CLERK, DAY, a_meeting, event_names

PRESENTED = [
    "A presentation was given which gave an update on Children's Social Care.",
    "A query was raised regarding caseloads.\nIt was confirmed that they were kept down.",
]


def record(meeting, paragraphs=PRESENTED, item="5"):
    meeting.record_minute_text(item, paragraphs=paragraphs, effective_date=DAY, recorded_by=CLERK)


def test_an_item_takes_its_minute_text_after_it_was_added():
    meeting = a_meeting()
    record(meeting)
    assert event_names(meeting)[-1] == "MinuteTextRecorded"
    [item] = meeting_details(meeting)["items"]
    assert item["minute_text"] == PRESENTED


def test_recording_it_again_replaces_it_but_the_same_words_twice_are_refused():
    meeting = a_meeting()
    record(meeting)
    record(meeting, PRESENTED[:1])
    assert meeting.items["5"].minute_text == PRESENTED[:1]
    with pytest.raises(MinuteTextAlreadyRecorded):
        record(meeting, PRESENTED[:1])


def test_an_item_the_meeting_does_not_have_takes_no_text():
    with pytest.raises(UnknownAgendaItem):
        record(a_meeting(), item="99")


def test_a_cancelled_meeting_takes_no_text():
    meeting = a_meeting()
    meeting.cancel(effective_date=DAY - timedelta(days=1), recorded_by=CLERK)
    with pytest.raises(MeetingCancelled):
        record(meeting)


@pytest.mark.parametrize(
    "paragraphs, why",
    [
        ([], "at least one paragraph"),
        (["  "], "blank"),
        (["one\n\ntwo"], "blank line"),
        (["one\n \r\ntwo"], "blank line"),
        (["x"] * 201, "at most 200 paragraphs"),
        (["bell\x07"], "control"),
    ],
)
def test_each_paragraph_is_plain_text_without_a_blank_line_inside(paragraphs, why):
    with pytest.raises(InvalidValue, match=why):
        record(a_meeting(), paragraphs)


def test_all_the_paragraphs_of_an_item_together_are_at_most_twenty_thousand_characters():
    with pytest.raises(MinuteTextTooLong) as refused:
        record(a_meeting(), ["x" * 10_000, "y" * 10_000])
    assert refused.value.rule == "minute-text-too-long"
    record(a_meeting(), ["x" * 10_000, "y" * 9_998])


def test_the_read_models_text_gives_the_paragraphs_back():
    assert paragraphs_of(joined(PRESENTED)) == PRESENTED
    assert joined([]) is None and paragraphs_of(None) == []
