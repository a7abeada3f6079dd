"""The Minutebook application: one command per clerk's verb, and plain queries.

Each command is get, call, save, and returns a Receipt (id, new version, global
position) so a client can ask for exactly what it just wrote. Queries return
plain details, never aggregates.
"""

from domain.service.base import Receipt
from domain.service.committees import CommitteeCommands
from domain.service.meetings import MeetingCommands
from domain.service.queries import Queries
from domain.service.resolutions import ResolutionCommands


class Minutebook(CommitteeCommands, MeetingCommands, ResolutionCommands, Queries):
    name = "minutebook"  # names the PostgreSQL tables: keep it


__all__ = ["Minutebook", "Receipt"]
