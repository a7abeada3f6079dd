"""Outlines: the few columns a list or a link shows, for pages that show a record's
neighbours rather than the records themselves (a committee's meetings one line each,
the committees a filter offers, the meetings either side of a minutes approval).
Each is one statement, however many meetings or committees there are."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.projections.rows import typed
from domain.projections.store import ReadModel
from domain.projections.visibility import PUBLIC, Visibility


class Outlines:
    def __init__(self, read_model: ReadModel) -> None:
        self.read_model = read_model

    def councils(self) -> list[dict[str, Any]]:
        """Every council's slug and name, by slug."""
        with self.read_model.reading() as tx:
            return tx.rows("SELECT slug, name FROM {p}read_councils ORDER BY slug")

    def committees(self) -> list[dict[str, Any]]:
        """Every committee's id, name and council, by council then name."""
        with self.read_model.reading() as tx:
            rows = tx.rows(
                "SELECT id, name, council FROM {p}read_committees ORDER BY council, name"
            )
        return [typed(row) for row in rows]

    def committee(self, committee_id: UUID) -> dict[str, Any] | None:
        """A committee's name and its council's slug and name (for breadcrumbs)."""
        with self.read_model.reading() as tx:
            row = tx.one(
                "SELECT m.id, m.name, m.council, c.name AS council_name "
                "FROM {p}read_committees m JOIN {p}read_councils c ON c.slug = m.council "
                "WHERE m.id = ?",
                (str(committee_id),),
            )
        return None if row is None else typed(row)

    def meetings(self, committee_id: UUID, seen: Visibility = PUBLIC) -> list[dict[str, Any]]:
        """A committee's meetings, latest first: date, status, venue and how many
        resolutions this reader may see."""
        visible, params = seen.sql("r.council", "r.exempt")
        with self.read_model.reading() as tx:
            rows = tx.rows(
                "SELECT m.id, m.date, m.status, m.venue, (SELECT COUNT(*) FROM "
                f"{{p}}read_resolutions r WHERE r.meeting_id = m.id AND {visible}) AS resolutions "
                "FROM {p}read_meetings m WHERE m.committee_id = ? ORDER BY m.date DESC, m.id",
                (*params, str(committee_id)),
            )
        return [typed(row) for row in rows]

    def minutes_approvals(
        self, committee_id: UUID, meeting_id: UUID, approved_by: UUID | None
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """The meeting that approved this one's minutes (`approved_by`: its id and date),
        and those whose minutes this one approved, earliest first: minutes are approved
        within one committee, so its index of meetings finds them."""
        with self.read_model.reading() as tx:
            approver = approved_by and tx.one(
                "SELECT id, date FROM {p}read_meetings WHERE id = ?", (str(approved_by),)
            )
            approved = tx.rows(
                "SELECT id, date FROM {p}read_meetings WHERE committee_id = ? "
                "AND minutes_approved_by = ? ORDER BY date, id",
                (str(committee_id), str(meeting_id)),
            )
        return (approver and typed(approver)) or None, [typed(row) for row in approved]
