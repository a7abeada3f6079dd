"""The Minutebook application: one command per clerk's verb, and plain queries.

Each command is get, call, save, and returns a Receipt (id, new version, global
position) so a client can ask for exactly what it just wrote. Queries return
plain details, never aggregates.
"""

from typing import ClassVar

from domain.committees import Committee
from domain.meetings import Meeting
from domain.resolutions import Resolution
from domain.service.base import Receipt, replay
from domain.service.committees import CommitteeCommands
from domain.service.corrections import CorrectionCommands
from domain.service.meetings import MeetingCommands
from domain.service.provenance import ProvenanceCommands
from domain.service.queries import Queries
from domain.service.resolutions import ResolutionCommands

SNAPSHOT_EVERY = 100


class Minutebook(
    CommitteeCommands,
    MeetingCommands,
    ResolutionCommands,
    CorrectionCommands,
    ProvenanceCommands,
    Queries,
):
    name = "minutebook"  # names the PostgreSQL tables: keep it
    # Committees and meetings gather events for years: a snapshot every 100 events
    # keeps loading one to a snapshot and fewer than 100 events, however long its life.
    snapshotting_intervals: ClassVar = {
        Committee: SNAPSHOT_EVERY,
        Meeting: SNAPSHOT_EVERY,
        Resolution: SNAPSHOT_EVERY,
    }
    # Recently used aggregates stay in memory; each load then asks the store only for
    # events recorded since (by this or any other process), and a command works on a
    # copy. Set AGGREGATE_CACHE_MAXSIZE in the environment to change the size.
    env: ClassVar = {"AGGREGATE_CACHE_MAXSIZE": "1000"}
    snapshotting_projectors: ClassVar = {Committee: replay, Meeting: replay, Resolution: replay}


__all__ = ["Minutebook", "Receipt"]
