"""How a meeting's events change the read models."""

from __future__ import annotations

from typing import Any

from domain import corrections, provenance
from domain.meetings import Meeting
from domain.minute_text import joined
from domain.projections.handlers.routing import bump_version, iso, on


@on(
    Meeting.Scheduled,
    says=lambda e: f"meeting scheduled for {e.meeting_date.isoformat()}"
    + (f" at {e.start_time.strftime('%H:%M')}" if e.start_time else "")
    + (f", {e.venue}" if e.venue else ""),
)
def _scheduled(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_meetings (id, council, committee_id, date, start_time, venue, "
        "status, scheduled_on, version) VALUES (?, ?, ?, ?, ?, ?, 'scheduled', ?, ?)",
        (
            str(e.originator_id),
            e.council,
            str(e.committee_id),
            iso(e.meeting_date),
            iso(e.start_time),
            e.venue,
            iso(e.effective_date),
            e.originator_version,
        ),
    )
    tx.facts.remember(("council", str(e.originator_id)), e.council)


@on(
    Meeting.AgendaItemAdded,
    says=lambda e: f"agenda item {e.minute or e.key}: {e.title}"
    + (" (exempt)" if e.exempt else ""),
)
def _item_added(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_agenda_items (meeting_id, key, title, minute, agenda_number, "
        "exempt, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (str(e.originator_id), e.key, e.title, e.minute, e.agenda_number, int(e.exempt), position),
    )
    tx.facts.remember(("exempt", str(e.originator_id), e.key), bool(e.exempt))
    bump_version(tx, "read_meetings", e)


@on(
    Meeting.AttendanceRecorded,
    says=lambda e: f"{e.name}: {e.status.value.replace('_', ' ')}"
    + (f", in place of {e.substitute_for}" if e.substitute_for else ""),
)
def _attendance(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_attendance (meeting_id, name, status, capacity, seq, "
        "substitute_for) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (meeting_id, name) DO UPDATE "
        "SET status = excluded.status, capacity = excluded.capacity, "
        "substitute_for = excluded.substitute_for",
        (str(e.originator_id), e.name, e.status.value, e.capacity, position, e.substitute_for),
    )
    bump_version(tx, "read_meetings", e)


@on(
    Meeting.InterestDeclared,
    says=lambda e: f"{e.member} declared "
    + (f"a {e.kind.value} interest" if e.kind else "an interest")
    + (f" in item {e.item_key}" if e.item_key else ""),
)
def _declared(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_declarations (meeting_id, seq, member, item_key, interest, kind) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            str(e.originator_id),
            position,
            e.member,
            e.item_key,
            e.interest,
            e.kind and e.kind.value,
        ),
    )
    bump_version(tx, "read_meetings", e)


@on(Meeting.NoDeclarationsRecorded, says=lambda e: "no declarations of interest were made")
def _no_declarations(tx: Any, e: Any, position: int) -> None:
    bump_version(tx, "read_meetings", e, "no_declarations = 1")


@on(
    Meeting.MinuteTextRecorded,
    says=lambda e: f"minute text of item {e.item_key}: {len(e.paragraphs)} paragraph"
    + ("s" if len(e.paragraphs) != 1 else ""),
)
def _minute_text(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "UPDATE {p}read_agenda_items SET minute_text = ? WHERE meeting_id = ? AND key = ?",
        (joined(e.paragraphs), str(e.originator_id), e.item_key),
    )
    bump_version(tx, "read_meetings", e)


@on(Meeting.Held, says=lambda e: "meeting held")
def _held(tx: Any, e: Any, position: int) -> None:
    bump_version(
        tx,
        "read_meetings",
        e,
        "status = 'held', ended_at = ?, adjourned_until = NULL",
        (iso(e.ended_at),),
    )


@on(
    Meeting.Adjourned,
    says=lambda e: "meeting adjourned" + (f" until {e.until.isoformat()}" if e.until else ""),
)
def _adjourned(tx: Any, e: Any, position: int) -> None:
    bump_version(
        tx, "read_meetings", e, "status = 'adjourned', adjourned_until = ?", (iso(e.until),)
    )


@on(Meeting.Cancelled, says=lambda e: "meeting cancelled" + (f": {e.reason}" if e.reason else ""))
def _cancelled(tx: Any, e: Any, position: int) -> None:
    bump_version(tx, "read_meetings", e, "status = 'cancelled'")


@on(Meeting.MinutesApproved, says=lambda e: "minutes approved as a correct record")
def _minutes_approved(tx: Any, e: Any, position: int) -> None:
    bump_version(
        tx,
        "read_meetings",
        e,
        "minutes_approved_by = ?, minutes_approved_on = ?",
        (str(e.approved_at_meeting_id), iso(e.effective_date)),
    )


# Where each corrected fact of a meeting lives in the read models.
CORRECTED_COLUMNS = {
    ("meeting", "start_time"): "start_time",
    ("meeting", "venue"): "venue",
    ("approval", "approved_by"): "minutes_approved_by",
    ("approval", "approved_on"): "minutes_approved_on",
}


@on(Meeting.Corrected, says=corrections.says)
def _corrected(tx: Any, e: Any, position: int) -> None:
    value, mid = (
        corrections.stored(corrections.decoded(e.subject, e.field, e.now)),
        str(e.originator_id),
    )
    if e.subject == "item":
        tx.write(
            f"UPDATE {{p}}read_agenda_items SET {e.field} = ? WHERE meeting_id = ? AND key = ?",
            (value, mid, e.item_key),
        )
    elif e.subject == "declaration":
        on_item = "item_key IS NULL" if e.item_key is None else "item_key = ?"
        tx.write(
            f"UPDATE {{p}}read_declarations SET {e.field} = ? WHERE meeting_id = ? "
            f"AND member = ? AND {on_item}",
            (value, mid, e.member, *(() if e.item_key is None else (e.item_key,))),
        )
    if (e.subject, e.field) in CORRECTED_COLUMNS:
        bump_version(
            tx, "read_meetings", e, f"{CORRECTED_COLUMNS[e.subject, e.field]} = ?", (value,)
        )
    else:
        bump_version(tx, "read_meetings", e)


@on(Meeting.SourceCited, says=provenance.says)
def _source_cited(tx: Any, e: Any, position: int) -> None:
    cited, mid = provenance.as_json(e.source), str(e.originator_id)
    if e.subject == "item":
        tx.write(
            "UPDATE {p}read_agenda_items SET cited_source = ? WHERE meeting_id = ? AND key = ?",
            (cited, mid, e.item_key),
        )
    elif e.subject == "attendance":
        tx.write(
            "UPDATE {p}read_attendance SET cited_source = ? WHERE meeting_id = ? AND name = ?",
            (cited, mid, e.member),
        )
    if e.subject == "meeting":
        bump_version(tx, "read_meetings", e, "cited_source = ?", (cited,))
    else:
        bump_version(tx, "read_meetings", e)
