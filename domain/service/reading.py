"""The read side as a reader meets it: read models fresh enough, visibility, and
records now or as they stood.

Read your writes: in `inline` mode (the embedded default) this process applies new
events itself, after each write and before each read, so a client always reads its
own writes. In `worker` mode a separate process (the `project` command) applies
them, and a read that names `min_position` waits until the read models have caught up.

Time travel: a meeting or resolution as it stood on a date (`as_of`), or as this system
recorded it at an instant (`recorded_as_of`), and the tracker as it stood on a date.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.committees import CommitteeNotFound
from domain.errors import InvalidValue
from domain.meetings import MeetingNotFound
from domain.projections.as_of import resolutions_of_meeting
from domain.projections.pages import Page
from domain.projections.queries import ReadQueries, without_hidden_items
from domain.projections.rows import with_latest_progress
from domain.projections.runner import Projector
from domain.projections.store import ReadModel
from domain.projections.tracker import Tracker
from domain.projections.visibility import Visibility
from domain.resolutions import ResolutionNotFound
from domain.service import Minutebook

LOG = logging.getLogger(__name__)


class ReadModelBehind(Exception):
    """Raised when the read models have not reached a position within the wait."""


class Reader:
    def __init__(
        self, service: Minutebook, read_model: ReadModel, *, inline: bool, wait_seconds: float
    ) -> None:
        self.service = service
        self.projector = Projector(service, read_model)
        self.queries = ReadQueries(read_model)
        self.tracker = Tracker(read_model)
        self.inline = inline
        self.wait_seconds = wait_seconds

    def after_write(self, position: int | None) -> bool:
        """Bring the read models up to a write just stored (inline mode); True if they
        include it. The event is stored whatever happens here: a read model that fails
        to apply it is logged and left behind (the next catch-up, or a rebuild, tries
        again), and the write still answers with its receipt, which says so, rather than
        a 500 that a client would retry, recording the change twice."""
        if self.inline:
            try:
                self.projector.catch_up()
            except Exception:
                LOG.exception("the read models could not apply position %s", position)
        return position is None or self.projector.read_model.position() >= position

    def before_read(self, min_position: int | None) -> int:
        if self.inline:
            try:
                self.projector.catch_up()
            except Exception:  # a 503, not a 500: the events are safe, the view is behind
                LOG.exception("the read models could not catch up")
                raise ReadModelBehind(
                    "the read models could not apply the latest events; retry shortly"
                ) from None
        if min_position is not None and min_position > self.projector.read_model.position():
            written = self.service.recorder.max_notification_id() or 0
            if min_position > written:  # no receipt ever gave out this position
                raise InvalidValue(
                    f"min_position {min_position} is beyond the last event recorded ({written})"
                )
            if not self.projector.wait_for(min_position, timeout=self.wait_seconds):
                raise ReadModelBehind(
                    f"the read models have not reached position {min_position}; retry shortly"
                )
        return self.projector.read_model.position()

    # Records, now or as they stood ----------------------------------------------------

    def meeting(
        self, meeting_id: UUID, seen: Visibility, as_of: date | None = None
    ) -> dict[str, Any]:
        if as_of is None:
            found = self.queries.meeting(meeting_id, seen)
            if found is None:
                raise MeetingNotFound(f"no meeting has id {meeting_id}")
            return found
        past = without_hidden_items(self.service.meeting(meeting_id, as_of=as_of), seen)
        return {
            **past,
            "resolutions": resolutions_of_meeting(
                self.projector.read_model, meeting_id, as_of, seen
            ),
        }

    def committee(self, committee_id: UUID, as_of: date | None = None) -> dict[str, Any]:
        if as_of is None:
            found = self.queries.committee(committee_id)
            if found is None:
                raise CommitteeNotFound(f"no committee has id {committee_id}")
            return found
        return self.service.committee(committee_id, as_of=as_of)

    def resolution(
        self,
        resolution_id: UUID,
        seen: Visibility,
        as_of: date | None = None,
        recorded_as_of: datetime | None = None,
    ) -> dict[str, Any]:
        found = self.queries.resolution(resolution_id, seen)
        if found is None:
            raise ResolutionNotFound(f"no resolution has id {resolution_id}")
        if as_of is None and recorded_as_of is None:
            return found
        return with_latest_progress(
            self.service.resolution(resolution_id, as_of=as_of, recorded_as_of=recorded_as_of)
        )

    def actions(
        self,
        *,
        seen: Visibility,
        as_of: date | None = None,
        today: date,
        limit: int,
        cursor: str | None,
        **filters: Any,
    ) -> Page:
        """The tracker now, or as it stood on `as_of` (from the index of the actions'
        states, rated for that day)."""
        if as_of is None:
            return self.tracker.actions(
                today=today, seen=seen, limit=limit, cursor=cursor, **filters
            )
        return self.tracker.actions_as_of(as_of, seen=seen, limit=limit, cursor=cursor, **filters)
