"""The read side as the web edge uses it: fresh read models, and time travel.

In `inline` mode (the embedded default) this process applies new events itself,
after each write and before each read, so a client always reads its own writes.
In `worker` mode a separate `flask --app wsgi project` process applies them, and
a read that names `min_position` waits until the read models have caught up.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.meetings import MeetingNotFound
from domain.projections.pages import Page
from domain.projections.queries import ReadQueries, rate
from domain.projections.runner import Projector
from domain.projections.store import ReadModel
from domain.resolutions import ResolutionNotFound
from domain.service import Minutebook


class ReadModelBehind(Exception):
    """Raised when the read models have not reached a position within the wait."""


class Reader:
    def __init__(self, service: Minutebook, read_model: ReadModel, *, inline: bool,
                 wait_seconds: float) -> None:
        self.service = service
        self.projector = Projector(service, read_model)
        self.queries = ReadQueries(read_model)
        self.inline = inline
        self.wait_seconds = wait_seconds

    def after_write(self, position: int | None) -> None:
        if self.inline:
            self.projector.catch_up()

    def before_read(self, min_position: int | None) -> int:
        if self.inline:
            self.projector.catch_up()
        if min_position is not None and not self.projector.wait_for(
                min_position, timeout=self.wait_seconds):
            raise ReadModelBehind(
                f"the read models have not reached position {min_position} yet; retry shortly")
        return self.projector.read_model.position()

    # Records, now or as they stood --------------------------------------------------

    def meeting(self, meeting_id: UUID, as_of: date | None = None) -> dict[str, Any]:
        if as_of is None:
            found = self.queries.meeting(meeting_id)
            if found is None:
                raise MeetingNotFound(f"no meeting has id {meeting_id}")
        else:
            found = self.service.meeting(meeting_id, as_of=as_of)
        resolutions = []
        for r in self.queries.resolutions_of_meeting(meeting_id):
            if as_of is not None:
                if r["proposed_on"] > as_of:
                    continue
                r["status"] = self.service.resolution(r["id"], as_of=as_of)["status"]
            resolutions.append(r)
        return {**found, "resolutions": resolutions}

    def resolution(self, resolution_id: UUID, as_of: date | None = None,
                   recorded_as_of: Any = None) -> dict[str, Any]:
        if as_of is None and recorded_as_of is None:
            found = self.queries.resolution(resolution_id)
            if found is None:
                raise ResolutionNotFound(f"no resolution has id {resolution_id}")
            return found
        return self.service.resolution(resolution_id, as_of=as_of,
                                       recorded_as_of=recorded_as_of)

    def actions(self, *, as_of: date | None = None, today: date, limit: int,
                cursor: str | None, **filters: Any) -> Page:
        if as_of is None:
            return self.queries.actions(today=today, limit=limit, cursor=cursor, **filters)
        return self._actions_as_of(as_of, limit=limit, cursor=cursor, **filters)

    def _actions_as_of(self, as_of: date, *, limit: int, cursor: str | None,
                       council: str | None = None, committee: UUID | None = None,
                       status: str | None = None, rag: str | None = None,
                       owner: str | None = None) -> Page:
        """The tracker as it stood on a date: each candidate resolution rebuilt from the
        events that had taken effect by then (slower than the live tracker)."""
        rows = []
        for candidate in self.queries.resolutions_with_actions(
                council=council, committee=committee, proposed_by=as_of):
            past = self.service.resolution(candidate["id"], as_of=as_of)
            for clause in past["clauses"]:
                row = rate(candidate, past, clause, as_of)
                if row is not None:
                    rows.append(row)
        rows = [r for r in rows
                if (status is None or r["state"] == status)
                and (rag is None or r["rag"] == rag)
                and (owner is None or r["owner"] == owner)]
        return self.queries.page_of_actions(rows, limit=limit, cursor=cursor)
