"""How an event reaches its handler, and the audit log's line that every event writes.

Handlers register with `@on(Resolution.Resolved, says=...)`: the event class they
handle and how the audit log says it in words. The modules beside this one hold them,
one per kind of record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, NamedTuple

from domain.councils import Council
from domain.details import event_json
from domain.projections.tables import TABLE_OF
from domain.resolutions import Resolution

Handler = Callable[[Any, Any, int], None]


Says = Callable[[Any], str]


class Route(NamedTuple):
    """Where an event class goes: its handler, and what its audit line says of it."""

    handler: Handler
    says: Says  # one readable line, for people reviewing the audit trail
    aggregate: type
    aggregate_type: str  # the audit log's stored names: "Resolution", "Resolved"
    event_name: str


ROUTES: dict[type, Route] = {}


def on(event_class: type, *, says: Says) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        aggregate = next(a for a in TABLE_OF if issubclass(event_class, a.Event))
        ROUTES[event_class] = Route(
            handler, says, aggregate, aggregate.__name__, event_class.__name__
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
    council = fact(
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
            route.says(e),
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
            fact(
                tx,
                ("exempt", aggregate_id, item_key),
                "SELECT exempt FROM {p}read_agenda_items WHERE meeting_id = ? AND key = ?",
                (aggregate_id, item_key),
            )
        )
    return bool(getattr(e, "exempt", False))


def _resolution_is_exempt(tx: Any, resolution_id: str) -> bool:
    return bool(
        fact(
            tx,
            ("exempt", resolution_id),
            "SELECT exempt FROM {p}read_resolutions WHERE id = ?",
            (resolution_id,),
        )
    )


def fact(tx: Any, key: tuple, query: str, params: tuple) -> Any:
    """Something fixed once recorded (a record's council, an exempt flag): what the
    handlers remembered, or else the first column `query` finds, remembered from now
    on. None while its row is not there (asked for again next time)."""
    if key not in tx.facts:
        row = tx.one(query, params)
        if row is None:
            return None
        tx.facts.remember(key, next(iter(row.values())))
    return tx.facts.get(key)


def bump_version(tx: Any, table: str, e: Any, sets: str = "", params: tuple = ()) -> None:
    """Update one aggregate's row: the given columns now, its version at the end of
    the batch."""
    record_id = str(e.originator_id)
    if sets:
        tx.write(f"UPDATE {{p}}{table} SET {sets} WHERE id = ?", (*params, record_id))
    tx.set_version(table, record_id, e.originator_version)
