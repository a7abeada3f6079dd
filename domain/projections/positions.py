"""How far the read models have got through the event log.

The position is the library's tracking record: one row per upstream application in
the read store's tracking table, written in the same transaction as the batch of
events it ends (ReadModel.apply), so the rows and the position never disagree. The
tracking insert refuses a position already recorded, so a batch two processes race
to apply is applied once.
"""

from __future__ import annotations

from eventsourcing.persistence import Tracking

from domain.projections.sql import Tx

UPSTREAM = "minutebook"  # the application whose events the read models follow


def tracking(notification_id: int) -> Tracking:
    """The position an event's batch records, once applied."""
    return Tracking(UPSTREAM, notification_id)


def forget_position(tx: Tx, tracking_table: str) -> None:
    """Start the read models again from the first event."""
    tx.run(f"DELETE FROM {tracking_table} WHERE application_name = ?", (UPSTREAM,))
