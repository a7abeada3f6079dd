"""Recording a minutes document: the meeting's own steps (its details, items and
their minute text, attendance, declarations, whether it was held, its sources) and
the meetings the minutes mention."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.committees import Committee
from domain.meetings import Meeting
from domain.minutes.build import Build, where
from domain.provenance import fact_key
from domain.values import (
    AttendanceStatus,
    DeclarationKind,
    MeetingStatus,
    Source,
    item_key,
)


class MeetingSteps(Build):
    def meeting(self, committee: Committee) -> Meeting | None:
        doc = self.doc
        found = self.get(Meeting, self.meeting_id)
        if found is None:
            return self.attempt(
                "date",
                lambda: self.add(
                    Meeting.schedule(
                        committee,
                        meeting_date=self.on,
                        start_time=doc.get("start_time"),
                        venue=doc.get("venue"),
                        sitting=self.sitting,
                        effective_date=self.on,
                        recorded_by=self.by,
                    )
                ),
            )
        for field in ("start_time", "venue"):
            if field in doc and doc[field] != getattr(found, field):
                value = doc[field]
                text = value.strftime("%H:%M") if field == "start_time" else value
                self.correct(found, field, "meeting", field, text)
        return found

    def items(self, meeting: Meeting) -> list[str | None]:
        keys: list[str | None] = []
        for i, item in enumerate(self.doc["items"]):
            path = f"items[{i}]"
            key = item_key(item.get("minute"), item.get("agenda_number"), item["title"])
            if key not in meeting.items or key in keys:  # a key twice: refused as such
                key = self.attempt(
                    path,
                    lambda item=item: meeting.add_agenda_item(
                        title=item["title"],
                        minute=item.get("minute"),
                        agenda_number=item.get("agenda_number"),
                        effective_date=self.on,
                        recorded_by=self.by,
                    ),
                )
            elif meeting.items[key].title != item["title"]:
                self.retitled[key] = meeting.items[key].title
                self.correct(meeting, f"{path}.title", "item", "title", item["title"], item=key)
            keys.append(key)
        for i, (item, key) in enumerate(zip(self.doc["items"], keys, strict=True)):
            text = item.get("minute_text")
            if key is not None and text and meeting.items[key].minute_text != text:
                self.attempt(
                    f"items[{i}].minute_text",
                    lambda key=key, text=text: meeting.record_minute_text(
                        key, paragraphs=text, effective_date=self.on, recorded_by=self.by
                    ),
                )
        for key in meeting.items:
            if key not in keys:
                self.conflict(
                    "items",
                    f"item {key!r} is recorded but not in the document: an item is not "
                    "removed from a meeting (correct its title or minute number instead)",
                )
        return keys

    def attendance(self, committee: Committee, meeting: Meeting) -> None:
        members = self.members_on(committee, self.on)
        named = set()
        for status in AttendanceStatus:
            for j, person in enumerate(self.doc.get("attendance", {}).get(status.value, [])):
                path = f"attendance.{status.value}[{j}]"
                named.add(person["name"])
                was = meeting.attendance.get(person["name"])
                if (
                    was is not None
                    and was.status is status
                    and was.capacity == person.get("capacity")
                    and was.substitute_for == person.get("substitute_for")
                ):
                    continue
                self.attempt(
                    path,
                    lambda person=person, status=status: meeting.record_attendance(
                        person["name"],
                        status=status,
                        capacity=person.get("capacity"),
                        substitute_for=person.get("substitute_for"),
                        members=members,
                        effective_date=self.on,
                        recorded_by=self.by,
                    ),
                )
        for name in meeting.attendance:
            if name not in named:
                self.conflict(
                    "attendance",
                    f"{name}'s attendance is recorded but not in the document: attendance is "
                    "recorded again with another status, not removed",
                )

    def declarations(self, meeting: Meeting, keys: list[str | None]) -> None:
        doc = self.doc
        if doc.get("declarations_recorded") == "none":
            if not meeting.no_declarations:
                self.attempt(
                    "declarations_recorded",
                    lambda: meeting.record_no_declarations(
                        effective_date=self.on, recorded_by=self.by
                    ),
                )
            return
        by_number = {
            n: key
            for item, key in zip(doc["items"], keys, strict=True)
            for n in (item.get("minute"), item.get("agenda_number"))
            if n and key
        }
        declared = doc.get("declarations", [])
        for j, d in enumerate(declared):
            path = f"declarations[{j}]"
            key = by_number.get(d.get("item"), d.get("item"))
            was = [x for x in meeting.declarations if x.member == d["member"] and x.item_key == key]
            kind = None if d.get("kind") is None else DeclarationKind(d["kind"])
            if not was:
                self.attempt(
                    path,
                    lambda d=d, key=key, kind=kind: meeting.declare_interest(
                        d["member"],
                        item=key,
                        interest=d["interest"],
                        kind=kind,
                        effective_date=self.on,
                        recorded_by=self.by,
                    ),
                )
                continue
            at = {"item": key, "member": d["member"]}
            if was[0].interest != d["interest"]:
                self.correct(
                    meeting, f"{path}.interest", "declaration", "interest", d["interest"], **at
                )
            if was[0].kind != kind:
                value = None if kind is None else kind.value
                self.correct(meeting, f"{path}.kind", "declaration", "kind", value, **at)
        named = {(d["member"], by_number.get(d.get("item"), d.get("item"))) for d in declared}
        for d in meeting.declarations:
            if (d.member, d.item_key) not in named:
                self.conflict(
                    "declarations",
                    f"{d.member}'s declaration on {d.item_key or 'no item'} is recorded but not "
                    "in the document: a declaration is corrected, not removed",
                )

    def held(self, meeting: Meeting) -> None:
        held = self.doc.get("held", True)
        if held and meeting.status is not MeetingStatus.HELD:
            self.attempt(
                "held",
                lambda: meeting.hold(
                    ended_at=self.doc.get("ended_at"), effective_date=self.on, recorded_by=self.by
                ),
            )
        elif not held and meeting.status is MeetingStatus.HELD:
            self.conflict("held", "the meeting is recorded as held: that is not undone")
        elif meeting.ended_at is not None and self.doc.get("ended_at") not in (
            None,
            meeting.ended_at,
        ):
            self.conflict(
                "ended_at",
                "the meeting is recorded as held, and when it ended is not corrected "
                "(adjourn or cancel are the verbs a sitting has)",
            )

    def cite_meeting(self, meeting: Meeting, keys: list[str | None]) -> None:
        if not self.doc.get("document"):
            return
        self.cite(meeting, "document", "meeting", self.source())
        for i, (item, key) in enumerate(zip(self.doc["items"], keys, strict=True)):
            if key is not None:
                self.cite(meeting, f"items[{i}]", "item", self.source(where(item)), item=key)

    def mentioned(
        self, committee: Committee, ref: dict[str, Any], path: str, known_on: date | None
    ) -> None:
        """A meeting the minutes mention: recorded from its own date, or from the
        meeting that arranged it (`known_on`), and marked as known only so."""
        on = known_on or ref["date"]
        meeting = self.get(Meeting, Meeting.create_id(committee.id, ref["date"]))
        if meeting is None:
            meeting = self.attempt(
                path,
                lambda: self.add(
                    Meeting.schedule(
                        committee,
                        meeting_date=ref["date"],
                        start_time=ref.get("start_time"),
                        effective_date=on,
                        recorded_by=self.by,
                    )
                ),
            )
            if meeting is None:
                return
        if ref["held"] and meeting.status is not MeetingStatus.HELD:
            self.attempt(
                f"{path}.held",
                lambda: meeting.hold(effective_date=ref["date"], recorded_by=self.by),
            )
        if not self.doc.get("document"):
            return
        how = "held, because its minutes were approved" if ref["held"] else "arranged, not yet held"
        source = Source(
            self.doc["document"],
            self.doc.get("source") or None,
            ref["known_from"],
            self.mentioned_reason.format(how=how),
        )
        if fact_key("meeting") not in meeting.sources:
            self.attempt(
                path,
                lambda: meeting.cite("meeting", source, effective_date=on, recorded_by=self.by),
            )
