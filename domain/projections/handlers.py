"""How each event changes the read models. One function per event class; each also
writes the event's line in the audit log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from functools import cache
from typing import Any, NamedTuple

from domain.committees import Committee
from domain.councils import Council
from domain.details import event_json
from domain.meetings import Meeting
from domain.projections.statuses import in_list, literal
from domain.projections.summaries import summarise
from domain.projections.tables import TABLE_OF
from domain.resolutions import ACTION_STEPS, Resolution
from domain.values import WAITING, ActionStatus, ClauseDraft, ResolutionStatus

Handler = Callable[[Any, Any, int], None]


class Route(NamedTuple):
    """Where an event class goes: its handler, and what its audit line says of it."""

    handler: Handler
    aggregate: type
    aggregate_type: str  # the audit log's stored names: "Resolution", "Resolved"
    event_name: str


ROUTES: dict[type, Route] = {}


def on(*event_classes: type) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for event_class in event_classes:
            aggregate = next(a for a in TABLE_OF if issubclass(event_class, a.Event))
            ROUTES[event_class] = Route(
                handler, aggregate, aggregate.__name__, event_class.__name__
            )
        return handler

    return register


def iso(value: date | time | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def apply_event(tx: Any, e: Any, position: int) -> None:
    route = ROUTES.get(type(e))
    if route is None:
        raise LookupError(f"no read-model handler for {type(e).__qualname__}")
    route.handler(tx, e, position)
    _audit(tx, e, position, route)


def _audit(tx: Any, e: Any, position: int, route: Route) -> None:
    aggregate_id = str(e.originator_id)
    column = "slug" if route.aggregate is Council else "council"  # a council is its own
    council = _fact(
        tx,
        ("council", aggregate_id),
        f"SELECT {column} FROM {{p}}{TABLE_OF[route.aggregate]} WHERE id = ?",
        (aggregate_id,),
    )
    tx.audit(
        (
            position,
            aggregate_id,
            route.aggregate_type,
            e.originator_version,
            route.event_name,
            iso(e.timestamp),
            iso(e.effective_date),
            e.recorded_by,
            council,
            int(_is_exempt(tx, e, route.aggregate, aggregate_id)),
            summarise(e),
            event_json(e),
        )
    )


def _is_exempt(tx: Any, e: Any, aggregate: type, aggregate_id: str) -> bool:
    """Whether the event tells of exempt business: a resolution taken in private, an
    exempt agenda item, a declaration made on one, or a minutes approval citing an
    exempt resolution (whose id would otherwise be public). Each is fixed once recorded."""
    if aggregate is Resolution and _resolution_is_exempt(tx, aggregate_id):
        return True
    # A resolution the event names: the one approving some minutes, or superseding this.
    cited = getattr(e, "resolution_id", None) or getattr(e, "superseded_by", None)
    if cited is not None:
        return _resolution_is_exempt(tx, str(cited))
    if aggregate is Resolution:
        return False
    item_key = getattr(e, "item_key", None)
    if item_key is not None:
        return bool(
            _fact(
                tx,
                ("exempt", aggregate_id, item_key),
                "SELECT exempt FROM {p}read_agenda_items WHERE meeting_id = ? AND key = ?",
                (aggregate_id, item_key),
            )
        )
    return bool(getattr(e, "exempt", False))


def _resolution_is_exempt(tx: Any, resolution_id: str) -> bool:
    return bool(
        _fact(
            tx,
            ("exempt", resolution_id),
            "SELECT exempt FROM {p}read_resolutions WHERE id = ?",
            (resolution_id,),
        )
    )


def _fact(tx: Any, key: tuple, query: str, params: tuple) -> Any:
    """Something fixed once recorded (a record's council, an exempt flag): what the
    handlers remembered, or else the first column `query` finds, remembered from now
    on. None while its row is not there (asked for again next time)."""
    if key not in tx.facts:
        row = tx.one(query, params)
        if row is None:
            return None
        tx.facts.remember(key, next(iter(row.values())))
    return tx.facts.get(key)


def _version(tx: Any, table: str, e: Any, sets: str = "", params: tuple = ()) -> None:
    """Update one aggregate's row: the given columns now, its version at the end of
    the batch."""
    record_id = str(e.originator_id)
    if sets:
        tx.write(f"UPDATE {{p}}{table} SET {sets} WHERE id = ?", (*params, record_id))
    tx.set_version(table, record_id, e.originator_version)


# Councils --------------------------------------------------------------------


@on(Council.Registered)
def _council_registered(tx: Any, e: Any, position: int) -> None:
    # A store made before councils were records has the row from a committee already.
    tx.write(
        "INSERT INTO {p}read_councils (slug, name, id) VALUES (?, ?, ?) "
        "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, id = excluded.id",
        (e.slug, e.name, str(e.originator_id)),
    )
    tx.facts.remember(("council", str(e.originator_id)), e.slug)


@on(Council.Renamed)
def _council_renamed(tx: Any, e: Any, position: int) -> None:
    tx.write("UPDATE {p}read_councils SET name = ? WHERE id = ?", (e.name, str(e.originator_id)))


# Committees ------------------------------------------------------------------


@on(Committee.Established)
def _established(tx: Any, e: Any, position: int) -> None:
    # The council's name is its own record's (Council.Registered): a committee only
    # names it for a store made before councils were records.
    tx.write(
        "INSERT INTO {p}read_councils (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING",
        (e.council, e.council_name),
    )
    tx.write(
        "INSERT INTO {p}read_committees (id, council, slug, name, kind, established_on, "
        "version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            str(e.originator_id),
            e.council,
            e.slug,
            e.name,
            e.kind.value,
            iso(e.effective_date),
            e.originator_version,
        ),
    )
    tx.facts.remember(("council", str(e.originator_id)), e.council)


@on(Committee.MemberAppointed)
def _member_appointed(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_members (committee_id, name, role, representing, appointed_on)"
        " VALUES (?, ?, ?, ?, ?)",
        (str(e.originator_id), e.name, e.role.value, e.representing, iso(e.effective_date)),
    )
    _version(tx, "read_committees", e)


@on(Committee.MemberStoodDown)
def _member_stood_down(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "DELETE FROM {p}read_members WHERE committee_id = ? AND name = ?",
        (str(e.originator_id), e.name),
    )
    _version(
        tx, "read_committees", e, "chair = CASE WHEN chair = ? THEN NULL ELSE chair END", (e.name,)
    )


@on(Committee.ChairAppointed)
def _chair_appointed(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "UPDATE {p}read_members SET role = 'member' WHERE committee_id = ? AND role = 'chair'",
        (str(e.originator_id),),
    )
    tx.write(
        "UPDATE {p}read_members SET role = 'chair' WHERE committee_id = ? AND name = ?",
        (str(e.originator_id), e.name),
    )
    _version(tx, "read_committees", e, "chair = ?", (e.name,))


@on(Committee.Renamed)
def _renamed(tx: Any, e: Any, position: int) -> None:
    _version(tx, "read_committees", e, "name = ?", (e.name,))


@on(Committee.WorkProgrammeItemAdded)
def _wp_added(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_work_programme (committee_id, key, title, source, added_on, "
        "seq) VALUES (?, ?, ?, ?, ?, ?)",
        (str(e.originator_id), e.key, e.title, e.source, iso(e.effective_date), position),
    )
    _version(tx, "read_committees", e)


@on(Committee.WorkProgrammeItemRemoved)
def _wp_removed(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "DELETE FROM {p}read_work_programme WHERE committee_id = ? AND key = ?",
        (str(e.originator_id), e.key),
    )
    _version(tx, "read_committees", e)


@on(Committee.Dissolved)
def _dissolved(tx: Any, e: Any, position: int) -> None:
    _version(tx, "read_committees", e, "dissolved_on = ?", (iso(e.effective_date),))


# Meetings --------------------------------------------------------------------


@on(Meeting.Scheduled)
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


@on(Meeting.AgendaItemAdded)
def _item_added(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_agenda_items (meeting_id, key, title, minute, agenda_number, "
        "exempt, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (str(e.originator_id), e.key, e.title, e.minute, e.agenda_number, int(e.exempt), position),
    )
    tx.facts.remember(("exempt", str(e.originator_id), e.key), bool(e.exempt))
    _version(tx, "read_meetings", e)


@on(Meeting.AttendanceRecorded)
def _attendance(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_attendance (meeting_id, name, status, capacity, seq) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting_id, name) DO UPDATE SET "
        "status = excluded.status, capacity = excluded.capacity",
        (str(e.originator_id), e.name, e.status.value, e.capacity, position),
    )
    _version(tx, "read_meetings", e)


@on(Meeting.InterestDeclared)
def _declared(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_declarations (meeting_id, seq, member, item_key, interest) "
        "VALUES (?, ?, ?, ?, ?)",
        (str(e.originator_id), position, e.member, e.item_key, e.interest),
    )
    _version(tx, "read_meetings", e)


@on(Meeting.Held)
def _held(tx: Any, e: Any, position: int) -> None:
    _version(
        tx,
        "read_meetings",
        e,
        "status = 'held', ended_at = ?, adjourned_until = NULL",
        (iso(e.ended_at),),
    )


@on(Meeting.Adjourned)
def _adjourned(tx: Any, e: Any, position: int) -> None:
    _version(tx, "read_meetings", e, "status = 'adjourned', adjourned_until = ?", (iso(e.until),))


@on(Meeting.Cancelled)
def _cancelled(tx: Any, e: Any, position: int) -> None:
    _version(tx, "read_meetings", e, "status = 'cancelled'")


@on(Meeting.MinutesApproved)
def _minutes_approved(tx: Any, e: Any, position: int) -> None:
    _version(
        tx,
        "read_meetings",
        e,
        "minutes_approved_by = ?, minutes_approved_on = ?",
        (str(e.approved_at_meeting_id), iso(e.effective_date)),
    )


# Resolutions -----------------------------------------------------------------


def _write_clauses(
    tx: Any, resolution_id: str, seq: int, clauses: list[ClauseDraft], *, replacing: bool
) -> None:
    if replacing:
        tx.write("DELETE FROM {p}read_clauses WHERE resolution_id = ?", (resolution_id,))
    for c in clauses:
        a = c.action
        tx.write(
            "INSERT INTO {p}read_clauses (resolution_id, number, text, kind, "
            "action_status, owner, due_date, due_meeting, seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                resolution_id,
                c.number,
                c.text,
                c.kind.value,
                None if a is None else ActionStatus.PENDING.value,
                a and a.owner,
                a and iso(a.due_date),
                a and a.due_meeting,
                seq,
            ),
        )


def _search_text(title: str, minute: str | None, clauses: list[ClauseDraft]) -> str:
    return "\n".join([title, minute or "", *(c.text for c in clauses)])


def _index_for_search(tx: Any, resolution_id: str, seq: int, text: str, *, replacing: bool) -> None:
    """SQLite's FTS5 index, keyed by the resolution's `seq` as its rowid (an FTS5
    column cannot be indexed, so a delete by resolution id would scan the table)."""
    if not tx.postgres:  # PostgreSQL derives its tsvector from search_text itself
        if replacing:
            tx.write("DELETE FROM read_resolution_search WHERE rowid = ?", (seq,))
        tx.write(
            "INSERT INTO read_resolution_search (rowid, resolution_id, body) VALUES (?, ?, ?)",
            (seq, resolution_id, text),
        )


@on(Resolution.Proposed)
def _proposed(tx: Any, e: Any, position: int) -> None:
    rid, text = str(e.originator_id), _search_text(e.title, e.minute, e.clauses)
    tx.write(
        "INSERT INTO {p}read_resolutions (id, council, committee_id, meeting_id, "
        "meeting_date, item, minute, title, exempt, status, status_from, proposed_on, "
        "search_text, seq, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?, ?, ?, ?)",
        (
            rid,
            e.council,
            str(e.committee_id),
            str(e.meeting_id),
            iso(e.meeting_date),
            e.item,
            e.minute,
            e.title,
            int(e.exempt),
            iso(e.effective_date),
            iso(e.effective_date),
            text,
            position,
            e.originator_version,
        ),
    )
    tx.facts.remember(("council", rid), e.council)
    tx.facts.remember(("exempt", rid), bool(e.exempt))
    _write_clauses(tx, rid, position, e.clauses, replacing=False)
    _index_for_search(tx, rid, position, text, replacing=False)


@on(Resolution.Amended)
def _amended(tx: Any, e: Any, position: int) -> None:
    rid = str(e.originator_id)
    row = tx.one("SELECT title, minute, seq FROM {p}read_resolutions WHERE id = ?", (rid,))
    text = _search_text(row["title"], row["minute"], e.clauses)
    _version(tx, "read_resolutions", e, "search_text = ?", (text,))
    _write_clauses(tx, rid, row["seq"], e.clauses, replacing=True)
    _index_for_search(tx, rid, row["seq"], text, replacing=True)


# The past: a resolution's status, or an action's state, that held until an event
# changed it is written into its history (once, as it ends) before the change.
PAST_ACTION = (
    "action_status, owner, due_date, due_meeting, referred_to, "
    "report_back_requested_on, closed_on, outcome"
)


def _status(
    tx: Any, e: Any, position: int, status: str, sets: str = "", params: tuple = ()
) -> None:
    """The resolution's status from the event's effective date on; the one it had is
    kept in read_resolution_states (unless it began that same day)."""
    rid, day = str(e.originator_id), iso(e.effective_date)
    tx.write(
        "INSERT INTO {p}read_resolution_states (id, position, valid_from, valid_to, "
        "status) SELECT id, ?, status_from, ?, status FROM {p}read_resolutions "
        "WHERE id = ? AND status_from < ?",
        (position, day, rid, day),
    )
    _version(
        tx, "read_resolutions", e, f"status = ?, status_from = ?{sets}", (status, day, *params)
    )


def _actions(
    tx: Any, e: Any, position: int, sets: str, params: tuple, where: str, where_params: tuple = ()
) -> None:
    """Change the state of the actions `where` picks, from the event's effective date;
    the state each had since its last change is kept in read_action_states (unless it
    began that same day). An action still pending has no state of the tracker's yet, so
    an event that moves only pending ones has no past to keep."""
    rid, day = str(e.originator_id), iso(e.effective_date)
    if not ACTION_STEPS[type(e)].moves_from <= WAITING:
        tx.write(
            f"INSERT INTO {{p}}read_action_states (resolution_id, number, position, "
            f"valid_from, valid_to, {PAST_ACTION}) SELECT resolution_id, number, ?, "
            f"state_from, ?, {PAST_ACTION} FROM {{p}}read_clauses WHERE resolution_id = ? "
            f"AND state_from < ? AND {where}",
            (position, day, rid, day, *where_params),
        )
    tx.write(
        f"UPDATE {{p}}read_clauses SET {sets}, state_from = ? WHERE resolution_id = ? AND {where}",
        (*params, day, rid, *where_params),
    )


@cache  # a handful of event classes, each with its one SET
def _step(event_class: type, sets: str) -> tuple[str, str]:
    """The SET and WHERE that move an action's row as the domain's ACTION_STEPS says
    the event moves the action (statuses written out, so the planner sees them)."""
    step = ACTION_STEPS[event_class]
    if step.to is not None:
        sets = f"action_status = {literal(step.to)}, {sets}"
    return sets, f"action_status IN ({in_list(step.moves_from)})"


def _decided(event_class: type, status: ResolutionStatus, action_sets: str) -> None:
    """Register the handler of a decision: the resolution's status, and its actions'."""
    sets, which = _step(event_class, action_sets)

    def handler(tx: Any, e: Any, position: int) -> None:
        day = iso(e.effective_date)
        _status(tx, e, position, status.value, ", decided_on = ?", (day,))
        _actions(tx, e, position, sets, (day,), which)

    on(event_class)(handler)


_decided(Resolution.Resolved, ResolutionStatus.RESOLVED, "requested_on = ?")
_decided(Resolution.Rejected, ResolutionStatus.REJECTED, "closed_on = ?")
_decided(Resolution.Withdrawn, ResolutionStatus.WITHDRAWN, "closed_on = ?")


@on(Resolution.Deferred)
def _deferred(tx: Any, e: Any, position: int) -> None:
    _status(tx, e, position, ResolutionStatus.DEFERRED.value)


@on(Resolution.Rescinded)
def _rescinded(tx: Any, e: Any, position: int) -> None:
    _status(tx, e, position, ResolutionStatus.RESCINDED.value)
    sets, which = _step(Resolution.Rescinded, "closed_on = ?")
    _actions(tx, e, position, sets, (iso(e.effective_date),), which)


def _clause(tx: Any, e: Any, position: int, sets: str, params: tuple) -> None:
    """Follow up one clause's action, as the event's step in ACTION_STEPS says."""
    sets, which = _step(type(e), sets)
    _actions(tx, e, position, sets, params, f"number = ? AND {which}", (e.clause,))
    _version(tx, "read_resolutions", e)


@on(Resolution.Referred)
def _referred(tx: Any, e: Any, position: int) -> None:
    _clause(tx, e, position, "referred_to = ?", (e.to,))


@on(Resolution.ReportBackRequested)
def _report_back_requested(tx: Any, e: Any, position: int) -> None:
    _clause(
        tx,
        e,
        position,
        "report_back_requested_on = ?, due_date = COALESCE(?, due_date), "
        "due_meeting = COALESCE(?, due_meeting)",
        (iso(e.effective_date), iso(e.due_date), e.due_meeting),
    )


@on(Resolution.ReportedBack)
def _reported_back(tx: Any, e: Any, position: int) -> None:
    _clause(
        tx,
        e,
        position,
        "closed_on = ?, outcome = ?",
        (iso(e.effective_date), e.summary),
    )


@on(Resolution.ActionAssigned)
def _assigned(tx: Any, e: Any, position: int) -> None:
    _clause(tx, e, position, "owner = ?", (e.owner,))


@on(Resolution.ActionProgressNoted)
def _progress(tx: Any, e: Any, position: int) -> None:
    """A note changes none of the tracker's columns, so the action keeps its state."""
    tx.write(
        "INSERT INTO {p}read_action_progress (resolution_id, clause, seq, noted_on, note, "
        "noted_by) VALUES (?, ?, ?, ?, ?, ?)",
        (str(e.originator_id), e.clause, position, iso(e.effective_date), e.note, e.recorded_by),
    )
    _version(tx, "read_resolutions", e)


@on(Resolution.ActionCompleted)
def _completed(tx: Any, e: Any, position: int) -> None:
    _clause(
        tx,
        e,
        position,
        "closed_on = ?, outcome = ?",
        (iso(e.effective_date), e.outcome),
    )
