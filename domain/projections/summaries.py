"""One readable line per event, for people reviewing the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.committees import Committee
from domain.councils import Council
from domain.meetings import Meeting
from domain.resolutions import Resolution


def _clause(e: Any) -> str:
    return f"clause {e.clause}"


SUMMARIES: dict[type, Callable[[Any], str]] = {
    Council.Registered: lambda e: f"council {e.slug} registered as {e.name}",
    Council.Renamed: lambda e: f"council renamed {e.name}",
    Committee.Established: lambda e: f"{e.name} established ({e.council}, {e.kind.value})",
    Committee.MemberAppointed: lambda e: f"{e.name} appointed as {e.role.value}",
    Committee.MemberStoodDown: lambda e: f"{e.name} stood down",
    Committee.ChairAppointed: lambda e: f"{e.name} appointed to the chair",
    Committee.Renamed: lambda e: f"renamed {e.name}",
    Committee.WorkProgrammeItemAdded: lambda e: f"work programme: {e.title} added",
    Committee.WorkProgrammeItemRemoved: lambda e: f"work programme: {e.key} removed",
    Committee.Dissolved: lambda e: "committee dissolved",
    Meeting.Scheduled: lambda e: f"meeting scheduled for {e.meeting_date.isoformat()}"
    + (f" at {e.start_time.strftime('%H:%M')}" if e.start_time else "")
    + (f", {e.venue}" if e.venue else ""),
    Meeting.AgendaItemAdded: lambda e: f"agenda item {e.minute or e.key}: {e.title}"
    + (" (exempt)" if e.exempt else ""),
    Meeting.AttendanceRecorded: lambda e: f"{e.name}: {e.status.value.replace('_', ' ')}",
    Meeting.InterestDeclared: lambda e: f"{e.member} declared an interest"
    + (f" in item {e.item_key}" if e.item_key else ""),
    Meeting.Held: lambda e: "meeting held",
    Meeting.Adjourned: lambda e: "meeting adjourned"
    + (f" until {e.until.isoformat()}" if e.until else ""),
    Meeting.Cancelled: lambda e: "meeting cancelled" + (f": {e.reason}" if e.reason else ""),
    Meeting.MinutesApproved: lambda e: "minutes approved as a correct record",
    Resolution.Proposed: lambda e: f"proposed on {e.minute or e.item} {e.title}: "
    f"{len(e.clauses)} clause{'s' if len(e.clauses) != 1 else ''}",
    Resolution.Amended: lambda e: f"amended: {len(e.clauses)} clauses",
    Resolution.Resolved: lambda e: "resolved",
    Resolution.Rejected: lambda e: "rejected" + (f": {e.reason}" if e.reason else ""),
    Resolution.Withdrawn: lambda e: "withdrawn" + (f": {e.reason}" if e.reason else ""),
    Resolution.Deferred: lambda e: "deferred"
    + (f" until {e.until.isoformat()}" if e.until else ""),
    Resolution.Rescinded: lambda e: "rescinded" + (f": {e.reason}" if e.reason else ""),
    Resolution.Referred: lambda e: f"{_clause(e)} referred to {e.to}",
    Resolution.ReportBackRequested: lambda e: f"{_clause(e)}: report back requested"
    + (f" by {e.due_date.isoformat()}" if e.due_date else ""),
    Resolution.ReportedBack: lambda e: f"{_clause(e)} reported back",
    Resolution.ActionAssigned: lambda e: f"{_clause(e)} assigned to {e.owner}",
    Resolution.ActionProgressNoted: lambda e: f"{_clause(e)}: progress noted",
    Resolution.ActionCompleted: lambda e: f"{_clause(e)} completed",
}


def summarise(e: Any) -> str:
    return SUMMARIES[type(e)](e)
