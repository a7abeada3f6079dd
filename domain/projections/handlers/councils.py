"""How a council's events change the read models."""

from __future__ import annotations

from typing import Any

from domain.councils import Council
from domain.projections.handlers.routing import on


@on(Council.Registered, says=lambda e: f"council {e.slug} registered as {e.name}")
def _council_registered(tx: Any, e: Any, position: int) -> None:
    # A store made before councils were records has the row from a committee already.
    tx.write(
        "INSERT INTO {p}read_councils (slug, name, id) VALUES (?, ?, ?) "
        "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, id = excluded.id",
        (e.slug, e.name, str(e.originator_id)),
    )
    tx.facts.remember(("council", str(e.originator_id)), e.slug)


@on(Council.Renamed, says=lambda e: f"council renamed {e.name}")
def _council_renamed(tx: Any, e: Any, position: int) -> None:
    tx.write("UPDATE {p}read_councils SET name = ? WHERE id = ?", (e.name, str(e.originator_id)))
