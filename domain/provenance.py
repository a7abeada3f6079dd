"""Where each fact came from: the document, its address, where in it, or why the fact
was inferred when no document states it.

A source is cited for a fact already recorded (a meeting, one of its items or
attendees; a resolution or one of its clauses; a committee or one of its
memberships), in the same save as the fact or later. Citing again replaces the
source shown; every citation stays in the record's history. A fact whose words are
replaced (a clause amended, a member standing down) loses its source with them.
"""

from __future__ import annotations

import json
from types import MappingProxyType
from typing import Any

from domain import limits
from domain.errors import InvalidValue
from domain.recording import RecordedAggregate, check_text, optional_text
from domain.values import Source

NONE_CITED: MappingProxyType[str, Source] = MappingProxyType({})


class Citation(RecordedAggregate.Event):
    """The shape every record's `SourceCited` event shares: which fact (subject, and
    the agenda item, member or clause it belongs to) and its source."""

    subject: str
    item_key: str | None
    member: str | None
    clause: int | None
    source: Source


def check_source(source: Any) -> Source:
    if not isinstance(source, Source):
        raise InvalidValue(f"a source is a Source, not {source!r}")
    return Source(
        document=check_text(source.document, "source document", limit=limits.SOURCE),
        address=optional_text(source.address, "source address", limit=limits.ADDRESS),
        locator=optional_text(source.locator, "source locator", limit=limits.LOCATOR),
        inferred=optional_text(source.inferred, "reason it was inferred", limit=limits.REASON),
    )


def fact_key(subject: str, key: object = None) -> str:
    """How a record keeps a fact's source: `item:5`, `clause:2`, `meeting`."""
    return subject if key is None else f"{subject}:{key}"


def cited(record: Any, subject: str, key: object = None) -> dict[str, Any] | None:
    """The fact's source as a read shows it, if one was cited."""
    source = getattr(record, "sources", NONE_CITED).get(fact_key(subject, key))
    return None if source is None else shown(source)


def shown(source: Source) -> dict[str, Any]:
    return {
        "document": source.document,
        "address": source.address,
        "locator": source.locator,
        "inferred": source.inferred,
    }


def says(e: Any) -> str:
    """The audit trail's line for a citation."""
    fact = {
        "item": f"item {e.item_key}",
        "attendance": f"{e.member}'s attendance",
        "clause": f"clause {e.clause}",
        "membership": f"{e.member}'s membership",
    }.get(e.subject, f"the {e.subject}")
    how = f"inferred ({e.source.inferred})" if e.source.inferred else "read from"
    where = f", {e.source.locator}" if e.source.locator else ""
    return f"source of {fact}: {how} {e.source.document}{where}"


def as_json(source: Source) -> str:
    """A source as the read models keep it."""
    return json.dumps(shown(source), sort_keys=True)
