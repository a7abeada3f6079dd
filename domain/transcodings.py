"""How the domain's own types are written into stored events and snapshots.

The library encodes JSON; a date, an enum member or a value object needs a
named transcoding to survive the round trip. The names are part of the stored
format: never rename one without registering the old name too.
"""

from __future__ import annotations

import dataclasses
from datetime import date, time
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain import values


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class TimeAsISO(Transcoding):
    type = time
    name = "time_iso"

    def encode(self, obj: time) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> time:
        return time.fromisoformat(data)


class EnumAsValue(Transcoding):
    def __init__(self, enum_type: type[Enum]) -> None:
        self.type = enum_type
        self.name = f"enum:{enum_type.__name__}"

    def encode(self, obj: Enum) -> Any:
        return obj.value

    def decode(self, data: Any) -> Enum:
        return self.type(data)


class ValueObjectAsDict(Transcoding):
    """A frozen dataclass as a dict of its fields (nested values are encoded in turn)."""

    def __init__(self, value_type: type) -> None:
        self.type = value_type
        self.name = f"value:{value_type.__name__}"
        self.fields = [f.name for f in dataclasses.fields(value_type)]

    def encode(self, obj: Any) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in self.fields}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


ENUMS = [
    values.MemberRole,
    values.CommitteeKind,
    values.AttendanceStatus,
    values.MeetingStatus,
    values.ResolutionStatus,
    values.ClauseKind,
    values.ActionStatus,
    values.DeclarationKind,
]

VALUE_OBJECTS = [
    values.ActionRequest,
    values.ClauseDraft,
    values.Action,
    values.ProgressNote,
    values.Clause,
    values.Membership,
    values.Attendee,
    values.AgendaItem,
    values.Declaration,
    values.WorkProgrammeItem,
    values.Source,
]


def register_domain_transcodings(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    transcoder.register(TimeAsISO())
    for enum_type in ENUMS:
        transcoder.register(EnumAsValue(enum_type))
    for value_type in VALUE_OBJECTS:
        transcoder.register(ValueObjectAsDict(value_type))
