"""Reading the seed files: councils.toml and one TOML file per minuted meeting.

The files are meant to be read beside the minutes by a clerk; this module turns
them into plain dataclasses and says which file and field is wrong when one is.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from domain.values import (
    ActionRequest,
    AttendanceStatus,
    ClauseDraft,
    ClauseKind,
    CommitteeKind,
    MemberRole,
)

SEEDS = Path(__file__).parent


class SeedError(ValueError):
    """Raised when a seed file does not say what the replay needs."""


@dataclass(frozen=True)
class Member:
    name: str
    role: MemberRole
    shown_on: date
    representing: str | None = None
    stood_down_on: date | None = None


@dataclass(frozen=True)
class CommitteeDoc:
    council: str
    council_name: str
    slug: str
    name: str
    kind: CommitteeKind
    established_on: date
    members: list[Member]
    established_from: str = ""  # the document that shows the committee meeting first


@dataclass(frozen=True)
class Attending:
    name: str
    status: AttendanceStatus
    capacity: str | None


@dataclass(frozen=True)
class ReferencedMeeting:
    date: date
    held: bool
    known_from: str
    start_time: time | None = None


@dataclass(frozen=True)
class ResolutionDoc:
    clauses: list[ClauseDraft]
    status: str  # "resolved" or "proposed"
    approves_minutes_of: date | None
    work_programme: list[str]


@dataclass(frozen=True)
class ItemDoc:
    title: str
    minute: str | None
    agenda_number: str | None
    resolution: ResolutionDoc | None
    minute_text: list[str] = field(default_factory=list)  # the item's own paragraphs


@dataclass(frozen=True)
class MeetingDoc:
    path: Path
    council: str
    committee: str
    date: date
    held: bool
    start_time: time | None
    ended_at: time | None
    venue: str | None
    attendance: list[Attending]
    referenced_meetings: list[ReferencedMeeting]
    items: list[ItemDoc] = field(default_factory=list)
    no_declarations: bool = False  # the minutes say no interests were declared
    # The document the facts are read from: its title and its files (the seeds' are in
    # seeds/sources/), and why the meeting itself is inferred, where no document says it
    # took place. A document without a title cites no source.
    document: str = ""
    source_files: str = ""
    inferred: str | None = None


def load_committees(path: Path = SEEDS / "councils.toml") -> list[CommitteeDoc]:
    data = _load(path)
    committees = []
    for council in _get(data, "councils", list, path):
        for c in _get(council, "committees", list, path):
            members = [
                Member(
                    name=_get(m, "name", str, path),
                    role=_enum(MemberRole, _get(m, "role", str, path), path),
                    shown_on=_get(m, "shown_on", date, path),
                    representing=m.get("representing"),
                    stood_down_on=m.get("stood_down_on"),
                )
                for m in _get(c, "members", list, path)
            ]
            committees.append(
                CommitteeDoc(
                    council=_get(council, "slug", str, path),
                    council_name=_get(council, "name", str, path),
                    slug=_get(c, "slug", str, path),
                    name=_get(c, "name", str, path),
                    kind=_enum(CommitteeKind, _get(c, "kind", str, path), path),
                    established_on=_get(c, "established_on", date, path),
                    members=members,
                    established_from=_get(c, "established_from", str, path),
                )
            )
    return committees


def load_meetings(folder: Path = SEEDS / "minutes") -> list[MeetingDoc]:
    """Every minuted meeting, oldest first, so approvals follow what they approve."""
    meetings = [load_meeting(path) for path in sorted(folder.glob("*/*.toml"))]
    return sorted(meetings, key=lambda m: (m.date, m.council, m.committee))


def load_meeting(path: Path) -> MeetingDoc:
    data = _load(path)
    attendance = []
    for status in AttendanceStatus:
        for entry in data.get("attendance", {}).get(status.value, []):
            if isinstance(entry, str):
                attendance.append(Attending(entry, status, None))
            else:
                attendance.append(
                    Attending(_get(entry, "name", str, path), status, entry.get("capacity"))
                )
    return MeetingDoc(
        path=path,
        council=_get(data, "council", str, path),
        committee=_get(data, "committee", str, path),
        date=_get(data, "date", date, path),
        held=data.get("held", True),
        start_time=data.get("start_time"),
        ended_at=data.get("ended_at"),
        venue=data.get("venue"),
        attendance=attendance,
        referenced_meetings=[
            ReferencedMeeting(
                date=_get(r, "date", date, path),
                held=_get(r, "held", bool, path),
                known_from=_get(r, "known_from", str, path),
                start_time=r.get("start_time"),
            )
            for r in data.get("referenced_meetings", [])
        ],
        items=[_item(i, path) for i in _get(data, "items", list, path)],
        no_declarations=_declarations(data, path),
        document=data.get("document", ""),
        source_files=data.get("source", ""),
        inferred=data.get("inferred"),
    )


def _declarations(data: dict[str, Any], path: Path) -> bool:
    """`declarations = "none"` where the minutes say none were made; left out where they
    say nothing."""
    said = data.get("declarations")
    if said not in (None, "none"):
        raise SeedError(f'{path.name}: declarations is "none" or left out, not {said!r}')
    return said == "none"


def _item(data: dict[str, Any], path: Path) -> ItemDoc:
    resolution = None
    if "resolution" in data:
        r = data["resolution"]
        clauses = []
        for number, c in enumerate(_get(r, "clauses", list, path), start=1):
            action = c.get("action")
            clauses.append(
                ClauseDraft(
                    number=number,
                    text=_get(c, "text", str, path),
                    kind=_enum(ClauseKind, _get(c, "kind", str, path), path),
                    action=None if action is None else ActionRequest(**action),
                    label=c.get("label"),
                )
            )
        status = r.get("status", "resolved")
        if status not in ("resolved", "proposed"):
            raise SeedError(
                f"{path.name}: a seeded resolution is resolved or proposed, not {status!r}"
            )
        resolution = ResolutionDoc(
            clauses, status, r.get("approves_minutes_of"), r.get("work_programme", [])
        )
    return ItemDoc(
        _get(data, "title", str, path),
        data.get("minute"),
        data.get("agenda_number"),
        resolution,
        data.get("minute_text", []),
    )


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise SeedError(f"{path.name}: {e}") from None


def _get(data: dict[str, Any], key: str, kind: type, path: Path) -> Any:
    if key not in data:
        raise SeedError(f"{path.name}: missing {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        raise SeedError(f"{path.name}: {key!r} should be a {kind.__name__}, not {value!r}")
    return value


def _enum(kind: type, value: str, path: Path) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(k.value) for k in kind)
        raise SeedError(f"{path.name}: {value!r} is not one of {allowed}") from None
