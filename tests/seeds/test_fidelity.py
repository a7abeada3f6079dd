"""The seeds are true to their minutes: every person, item, clause and date they record
is found in the seed documents themselves (seeds/sources/), or is cited as inferred,
with its reason, in the store."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import pytest

from domain.service import Minutebook
from seeds.documents import SEEDS, MeetingDoc, load_committees, load_meetings
from seeds.replay import replay

SOURCES = SEEDS / "sources"
MEETINGS = load_meetings()
COMMITTEES = load_committees()


def normal(text: str) -> str:
    """Text compared as printed words: one space for any run of white space, and the
    typewriter's quotes and dashes for the printer's."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


@cache
def corpus(files: str) -> str:
    """The text of the seed files a document names ("a.txt; b.txt (minutes of …)")."""
    names = [re.sub(r"\s*\(.*\)$", "", part.strip()) for part in files.split(";")]
    return normal(" ".join((SOURCES / name).read_text(encoding="utf-8") for name in names))


def in_print(day: date, text: str, *, year_implied: bool = False) -> bool:
    """Whether the date is printed, as minutes print dates: 25 July 2022, 25th July 2022,
    or "24 October" in minutes of the same year."""
    month, year = day.strftime("%B").lower(), day.year
    year_part = f"(,? {year})?" if year_implied else f",? {year}"
    return bool(re.search(rf"\b{day.day}(st|nd|rd|th)? {month}{year_part}\b", text))


def surname(name: str) -> str:
    return normal(name.split(",")[0].split()[-1])


@pytest.fixture(scope="module")
def store():
    service = Minutebook.from_url("memory:")
    replay(service)
    yield service
    service.close()


@pytest.mark.parametrize("doc", MEETINGS, ids=lambda d: d.path.stem)
def test_every_clause_of_a_seeded_meeting_is_printed_word_for_word(doc: MeetingDoc):
    text = corpus(doc.source_files)
    for item in doc.items:
        assert normal(item.title) in text, item.title
        for clause in item.resolution.clauses if item.resolution else []:
            assert normal(clause.text) in text, clause.text


@pytest.mark.parametrize("doc", MEETINGS, ids=lambda d: d.path.stem)
def test_every_seeded_attendee_and_date_is_in_the_documents(doc: MeetingDoc):
    text = corpus(doc.source_files)
    assert in_print(doc.date, text), doc.date
    for person in doc.attendance:
        assert surname(person.name) in text, person.name
    for ref in doc.referenced_meetings:
        assert in_print(ref.date, text, year_implied=ref.date.year == doc.date.year), ref.date


@pytest.mark.parametrize("committee", COMMITTEES, ids=lambda c: c.slug)
def test_every_seeded_member_is_named_in_the_councils_documents(committee):
    text = " ".join(corpus(d.source_files) for d in MEETINGS if d.council == committee.council)
    for member in committee.members:
        assert surname(member.name) in text, member.name


def test_what_no_document_states_is_cited_as_inferred_with_its_reason(store):
    """Each committee's date of establishment and each membership's dates; Halton's
    meeting (known from a report's date); each meeting known only from a mention."""
    for committee in COMMITTEES:
        details = store.committee(_committee_id(store, committee))
        assert "earliest date" in details["source"]["inferred"]
        sitting = {m["name"]: m for m in details["members"]}
        for member in committee.members:
            if member.stood_down_on is None:
                assert (
                    "first document that lists them" in sitting[member.name]["source"]["inferred"]
                )
    for doc in MEETINGS:
        meeting = _meeting(store, doc, doc.date)
        assert (meeting["source"]["inferred"] is not None) == (doc.council == "halton")
        assert meeting["source"]["document"] == doc.document
        for ref in doc.referenced_meetings:
            mentioned = _meeting(store, doc, ref.date)
            assert mentioned["source"]["locator"] == ref.known_from
            assert mentioned["source"]["inferred"].startswith("not minuted")


def test_every_seeded_item_and_resolution_names_its_minute(store):
    for doc in MEETINGS:
        meeting = _meeting(store, doc, doc.date)
        for item in meeting["items"]:
            assert item["source"]["document"] == doc.document
            assert item["source"]["locator"]
        for line in meeting.get("resolutions", []):
            assert store.resolution(line["id"])["source"]["locator"]


def _committee_id(store, committee):
    from domain.committees import Committee

    return Committee.create_id(committee.council, committee.slug)


def _meeting(store, doc, day):
    from domain.committees import Committee
    from domain.meetings import Meeting

    committee_id = Committee.create_id(doc.council, doc.committee)
    return store.meeting(Meeting.create_id(committee_id, day))
