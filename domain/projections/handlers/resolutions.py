"""How a resolution's events change the read models: the register, its clauses and
their actions (the tracker), and the histories of their states (time travel)."""

from __future__ import annotations

from functools import cache
from typing import Any

from domain import corrections, provenance
from domain.projections.handlers.routing import Says, bump_version, iso, on
from domain.projections.statuses import in_list, literal
from domain.resolutions import ACTION_STEPS, Resolution
from domain.values import WAITING, ActionStatus, ClauseDraft, ResolutionStatus


def _write_clauses(
    tx: Any, resolution_id: str, seq: int, clauses: list[ClauseDraft], *, replacing: bool
) -> None:
    if replacing:
        tx.write("DELETE FROM {p}read_clauses WHERE resolution_id = ?", (resolution_id,))
    for c in clauses:
        a = c.action
        tx.write(
            "INSERT INTO {p}read_clauses (resolution_id, number, label, text, kind, "
            "action_status, owner, due_date, due_meeting, seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                resolution_id,
                c.number,
                c.label,
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


@on(
    Resolution.Proposed,
    says=lambda e: f"proposed on {e.minute or e.item} {e.title}: "
    f"{len(e.clauses)} clause{'s' if len(e.clauses) != 1 else ''}",
)
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


@on(Resolution.Amended, says=lambda e: f"amended: {len(e.clauses)} clauses")
def _amended(tx: Any, e: Any, position: int) -> None:
    rid = str(e.originator_id)
    row = tx.one("SELECT title, minute, seq FROM {p}read_resolutions WHERE id = ?", (rid,))
    text = _search_text(row["title"], row["minute"], e.clauses)
    bump_version(tx, "read_resolutions", e, "search_text = ?", (text,))
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
    bump_version(
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


def _decided(event_class: type, status: ResolutionStatus, action_sets: str, *, says: Says) -> None:
    """Register the handler of a decision: the resolution's status, and its actions'."""
    sets, which = _step(event_class, action_sets)

    def handler(tx: Any, e: Any, position: int) -> None:
        day = iso(e.effective_date)
        _status(tx, e, position, status.value, ", decided_on = ?", (day,))
        _actions(tx, e, position, sets, (day,), which)

    on(event_class, says=says)(handler)


_decided(
    Resolution.Resolved, ResolutionStatus.RESOLVED, "requested_on = ?", says=lambda e: "resolved"
)
_decided(
    Resolution.Rejected,
    ResolutionStatus.REJECTED,
    "closed_on = ?",
    says=lambda e: "rejected" + (f": {e.reason}" if e.reason else ""),
)
_decided(
    Resolution.Withdrawn,
    ResolutionStatus.WITHDRAWN,
    "closed_on = ?",
    says=lambda e: "withdrawn" + (f": {e.reason}" if e.reason else ""),
)


@on(
    Resolution.Deferred,
    says=lambda e: "deferred" + (f" until {e.until.isoformat()}" if e.until else ""),
)
def _deferred(tx: Any, e: Any, position: int) -> None:
    _status(tx, e, position, ResolutionStatus.DEFERRED.value)


@on(Resolution.Rescinded, says=lambda e: "rescinded" + (f": {e.reason}" if e.reason else ""))
def _rescinded(tx: Any, e: Any, position: int) -> None:
    _status(tx, e, position, ResolutionStatus.RESCINDED.value)
    sets, which = _step(Resolution.Rescinded, "closed_on = ?")
    _actions(tx, e, position, sets, (iso(e.effective_date),), which)


def _clause(tx: Any, e: Any, position: int, sets: str, params: tuple) -> None:
    """Follow up one clause's action, as the event's step in ACTION_STEPS says."""
    sets, which = _step(type(e), sets)
    _actions(tx, e, position, sets, params, f"number = ? AND {which}", (e.clause,))
    bump_version(tx, "read_resolutions", e)


@on(Resolution.Referred, says=lambda e: f"clause {e.clause} referred to {e.to}")
def _referred(tx: Any, e: Any, position: int) -> None:
    _clause(tx, e, position, "referred_to = ?", (e.to,))


@on(
    Resolution.ReportBackRequested,
    says=lambda e: f"clause {e.clause}: report back requested"
    + (f" by {e.due_date.isoformat()}" if e.due_date else ""),
)
def _report_back_requested(tx: Any, e: Any, position: int) -> None:
    _clause(
        tx,
        e,
        position,
        "report_back_requested_on = ?, due_date = COALESCE(?, due_date), "
        "due_meeting = COALESCE(?, due_meeting)",
        (iso(e.effective_date), iso(e.due_date), e.due_meeting),
    )


@on(Resolution.ReportedBack, says=lambda e: f"clause {e.clause} reported back")
def _reported_back(tx: Any, e: Any, position: int) -> None:
    _clause(
        tx,
        e,
        position,
        "closed_on = ?, outcome = ?",
        (iso(e.effective_date), e.summary),
    )


@on(Resolution.ActionAssigned, says=lambda e: f"clause {e.clause} assigned to {e.owner}")
def _assigned(tx: Any, e: Any, position: int) -> None:
    _clause(tx, e, position, "owner = ?", (e.owner,))


@on(Resolution.ActionProgressNoted, says=lambda e: f"clause {e.clause}: progress noted")
def _progress(tx: Any, e: Any, position: int) -> None:
    """A note changes none of the tracker's columns, so the action keeps its state."""
    tx.write(
        "INSERT INTO {p}read_action_progress (resolution_id, clause, seq, noted_on, note, "
        "noted_by) VALUES (?, ?, ?, ?, ?, ?)",
        (str(e.originator_id), e.clause, position, iso(e.effective_date), e.note, e.recorded_by),
    )
    bump_version(tx, "read_resolutions", e)


@on(Resolution.ActionCompleted, says=lambda e: f"clause {e.clause} completed")
def _completed(tx: Any, e: Any, position: int) -> None:
    _clause(
        tx,
        e,
        position,
        "closed_on = ?, outcome = ?",
        (iso(e.effective_date), e.outcome),
    )


def _reindex(tx: Any, e: Any) -> None:
    """The register's search text after a correction of the words it is made of."""
    rid = str(e.originator_id)
    row = tx.one("SELECT title, minute, seq FROM {p}read_resolutions WHERE id = ?", (rid,))
    clauses = tx.rows(
        "SELECT text FROM {p}read_clauses WHERE resolution_id = ? ORDER BY number", (rid,)
    )
    text = "\n".join([row["title"], row["minute"] or "", *(c["text"] for c in clauses)])
    tx.write("UPDATE {p}read_resolutions SET search_text = ? WHERE id = ?", (text, rid))
    _index_for_search(tx, rid, row["seq"], text, replacing=True)


@on(Resolution.Corrected, says=corrections.says)
def _corrected(tx: Any, e: Any, position: int) -> None:
    rid = str(e.originator_id)
    value = corrections.stored(corrections.decoded(e.subject, e.field, e.now))
    if e.subject == "resolution":
        tx.write(f"UPDATE {{p}}read_resolutions SET {e.field} = ? WHERE id = ?", (value, rid))
    elif e.subject == "clause":
        tx.write(
            f"UPDATE {{p}}read_clauses SET {e.field} = ? WHERE resolution_id = ? AND number = ?",
            (value, rid, e.clause),
        )
    else:  # the action's: its state until now is kept, as for any step
        _actions(tx, e, position, f"{e.field} = ?", (value,), "number = ?", (e.clause,))
    if e.subject == "resolution" or e.field == "text":
        _reindex(tx, e)
    bump_version(tx, "read_resolutions", e)


@on(Resolution.SourceCited, says=provenance.says)
def _source_cited(tx: Any, e: Any, position: int) -> None:
    cited = provenance.as_json(e.source)
    if e.subject == "clause":
        tx.write(
            "UPDATE {p}read_clauses SET cited_source = ? WHERE resolution_id = ? AND number = ?",
            (cited, str(e.originator_id), e.clause),
        )
        bump_version(tx, "read_resolutions", e)
    else:
        bump_version(tx, "read_resolutions", e, "cited_source = ?", (cited,))
