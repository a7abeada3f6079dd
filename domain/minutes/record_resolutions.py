"""Recording a minutes document: each item's resolution (proposed, decided, its
clauses corrected or amended when the document changes, what was done with its
actions), the work programme, and the approval of earlier minutes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from domain.committees import Committee
from domain.errors import InvalidValue
from domain.meetings import Meeting
from domain.minutes.build import Build, Problem, where
from domain.recording import RecordedAggregate
from domain.resolutions import Resolution
from domain.values import (
    ActionRequest,
    ClauseDraft,
    ClauseKind,
    ResolutionStatus,
)


class ResolutionSteps(Build):
    def resolution(
        self,
        committee: Committee,
        meeting: Meeting,
        key: str,
        item: dict[str, Any],
        r: dict[str, Any],
        sequence: int,
        path: str,
    ) -> None:
        """Resolution number `sequence` on the item (`r`, at `path` in the document)."""
        if any(p.path.startswith(f"{path}.clauses[") for p in self.problems):
            return  # its clauses are named already: the whole would be refused for them
        clauses = [draft(j, c) for j, c in enumerate(r["clauses"])]
        resolution = self.get(Resolution, Resolution.create_id(meeting.id, key, sequence))
        if resolution is None:
            resolution = self.attempt(
                path,
                lambda: self.add(
                    Resolution.propose(
                        meeting,
                        item=key,
                        clauses=clauses,
                        sequence=sequence,
                        effective_date=self.on,
                        recorded_by=self.by,
                    )
                ),
            )
            if resolution is None:
                return
        else:
            followed = [as_followed(d, c) for d, c in zip(clauses, r["clauses"], strict=True)]
            self.changed_clauses(resolution, followed, path)
            if key in self.retitled and resolution.title == self.retitled[key]:
                # A resolution shows its item's title: corrected with it, as the
                # service's correction of an item does.
                self.correct(resolution, f"{path}.title", "resolution", "title", item["title"])
        if self.doc.get("document"):
            self.cite(resolution, path, "resolution", self.source(where(item)))
        status = r.get("status", "resolved")
        if status == "resolved" and resolution.status is ResolutionStatus.PROPOSED:
            self.attempt(
                f"{path}.status",
                lambda: resolution.resolve(effective_date=self.on, recorded_by=self.by),
            )
        elif status != resolution.status.value and status == "proposed":
            self.conflict(
                f"{path}.status",
                f"the resolution is recorded as {resolution.status.value}: a decision is "
                "rescinded, not undone",
            )
        self.follow_ups(resolution, r["clauses"], path)
        self.work_programme(committee, item, r, path)
        if r.get("approves_minutes_of") is not None:
            self.approval(committee, meeting, resolution, r["approves_minutes_of"], path)

    def changed_clauses(
        self, resolution: Resolution, clauses: list[ClauseDraft], path: str
    ) -> None:
        was = resolution.clauses
        if [c.text for c in was] == [c.text for c in clauses] and len(was) == len(clauses):
            same = all(
                (c.label, c.kind, c.action is None) == (d.label, d.kind, d.action is None)
                for c, d in zip(was, clauses, strict=True)
            )
            if same and all(
                d.action is None or same_action(c.action, d.action)
                for c, d in zip(was, clauses, strict=True)
            ):
                return
        if len(was) != len(clauses) or any(
            (c.action is None) != (d.action is None) for c, d in zip(was, clauses, strict=True)
        ):
            if resolution.status is ResolutionStatus.PROPOSED:
                self.attempt(
                    f"{path}.clauses",
                    lambda: resolution.amend(
                        clauses,
                        reason=self.doc.get("reason"),
                        effective_date=self.on,
                        recorded_by=self.by,
                    ),
                )
            else:
                self.conflict(
                    f"{path}.clauses",
                    f"the resolution is {resolution.status.value}: its clauses and their "
                    "actions are corrected word by word, not added or removed (rescind it "
                    "and record a new one)",
                )
            return
        for j, (c, d) in enumerate(zip(was, clauses, strict=True)):
            at = {"clause": c.number}
            for field in ("text", "label", "kind"):
                old, new = getattr(c, field), getattr(d, field)
                if old != new:
                    value = new.value if isinstance(new, ClauseKind) else new
                    self.correct(
                        resolution, f"{path}.clauses[{j}].{field}", "clause", field, value, **at
                    )
            if d.action is not None and c.action is not None:
                for field in ("owner", "due_date", "due_meeting"):
                    old, new = getattr(c.action, field), getattr(d.action, field)
                    if old != new:
                        value = new.isoformat() if isinstance(new, date) else new
                        self.correct(
                            resolution,
                            f"{path}.clauses[{j}].action.{field}",
                            "action",
                            field,
                            value,
                            **at,
                        )

    def follow_ups(self, resolution: Resolution, clauses: list[dict[str, Any]], path: str) -> None:
        """What the minutes say was done with a clause's action at the meeting: referred
        to another body, or a report back requested."""
        for j, c in enumerate(clauses):
            number, where = j + 1, f"{path}.clauses[{j}]"
            action = resolution.clauses[j].action if j < len(resolution.clauses) else None
            to = c.get("referred_to")
            if to is not None and (action is None or action.referred_to != to):
                self.attempt(
                    f"{where}.referred_to",
                    lambda n=number, to=to: resolution.refer(
                        n, to=to, effective_date=self.on, recorded_by=self.by
                    ),
                )
            asked = c.get("report_back")
            if asked is not None and (action is None or action.report_back_requested_on is None):
                self.attempt(
                    f"{where}.report_back",
                    lambda n=number, asked=asked: resolution.request_report_back(
                        n,
                        due_date=asked.get("due_date"),
                        due_meeting=asked.get("due_meeting"),
                        effective_date=self.on,
                        recorded_by=self.by,
                    ),
                )

    def work_programme(
        self, committee: Committee, item: dict[str, Any], r: dict[str, Any], path: str
    ) -> None:
        ever = self.ever(committee, Committee.WorkProgrammeItemAdded, "title")
        for j, title in enumerate(r.get("work_programme", [])):
            if title in ever:
                continue
            source = f"minute {item.get('minute') or item['title']}, {self.on.isoformat()}"
            self.attempt(
                f"{path}.work_programme[{j}]",
                lambda title=title, source=source: committee.add_work_programme_item(
                    title, source=source, effective_date=self.on, recorded_by=self.by
                ),
            )

    def ever(self, record: RecordedAggregate, event: type, field: str) -> set[Any]:
        """What one kind of event ever named on a record, stored or pending."""
        return {getattr(e, field, None) for e in self.history(record) if isinstance(e, event)}

    def approval(
        self,
        committee: Committee,
        meeting: Meeting,
        resolution: Resolution,
        approved_on: date,
        path: str,
    ) -> None:
        approved = self.get(Meeting, Meeting.create_id(committee.id, approved_on))
        path = f"{path}.approves_minutes_of"
        if approved is None:
            self.problems.append(
                Problem(
                    path,
                    "unknown-meeting",
                    f"no meeting of {approved_on.isoformat()} is recorded: record its "
                    "minutes first, or name it in referenced_meetings",
                )
            )
        elif approved.minutes_approved_by is None:
            self.attempt(
                path,
                lambda: approved.approve_minutes(
                    at=meeting, resolution=resolution, recorded_by=self.by
                ),
            )
        elif approved.minutes_approved_by != meeting.id:
            self.conflict(
                path,
                f"the minutes of {approved_on.isoformat()} were approved by another meeting: "
                "correct the approval instead",
            )


def draft(index: int, clause: dict[str, Any]) -> ClauseDraft:
    action = clause.get("action")
    try:
        kind = ClauseKind(clause["kind"])
    except ValueError:
        raise InvalidValue(f"{clause['kind']!r} is not a kind of clause") from None
    return ClauseDraft(
        number=index + 1,
        text=clause["text"],
        kind=kind,
        action=None if action is None else ActionRequest(**action),
        label=clause.get("label"),
    )


def as_followed(clause: ClauseDraft, given: dict[str, Any]) -> ClauseDraft:
    """The clause as its record shows it once a report back requested at the meeting has
    set its action's due date or meeting."""
    asked = given.get("report_back")
    if clause.action is None or not asked:
        return clause
    due_date = asked.get("due_date") or clause.action.due_date
    due_meeting = asked.get("due_meeting") or clause.action.due_meeting
    return replace(
        clause, action=replace(clause.action, due_date=due_date, due_meeting=due_meeting)
    )


def same_action(action: Any, asked: ActionRequest) -> bool:
    return (action.owner, action.due_date, action.due_meeting) == (
        asked.owner,
        asked.due_date,
        asked.due_meeting,
    )
