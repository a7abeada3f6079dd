"""A synthetic but realistic history, through the service's commands: councils,
committees with members, meetings with attendance and agenda items (a few taken in
private), resolutions with clauses, and actions assigned, referred, progressed, given
new due dates, reported back or completed, and now and then rescinded.

Deterministic for a given seed, so two runs write the same history.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from domain.service import Minutebook
from domain.values import (
    ActionRequest,
    AttendanceStatus,
    ClauseDraft,
    ClauseKind,
    CommitteeKind,
    MemberRole,
    Source,
)

ACTOR = "synthetic"
TOPICS = [
    "SEND provision",
    "children's mental health",
    "foster placements",
    "social work recruitment",
    "school improvement",
    "early help",
    "care leavers",
    "youth justice",
    "adult social care charging",
    "dental access",
    "housing repairs",
    "air quality",
    "library opening hours",
    "budget monitoring",
]
ASKS = [
    (ClauseKind.REPORT_BACK, "an update on {t} be brought back to a future meeting"),
    (ClauseKind.INSTRUCTION, "the Director write to the Cabinet Member about {t}"),
    (ClauseKind.WORK_PROGRAMME, "{t} be added to the work programme"),
    (ClauseKind.REFERRAL, "the matter of {t} be referred to the Health Scrutiny Committee"),
]
OWNERS = [
    "Director of Children's Services",
    "Director of Public Health",
    "Head of Democratic Services",
    "Scrutiny Officer",
]


@dataclass(frozen=True)
class Size:
    councils: int = 2
    committees: int = 2  # per council
    members: int = 9  # per committee
    meetings: int = 3  # per committee
    resolutions: int = 3  # per meeting


def generate(
    service: Minutebook,
    size: Size | None = None,
    *,
    seed: int = 1,
    start: date = date(2021, 5, 10),
    after_each: Callable[[], object] | None = None,
) -> int:
    """Write the history; returns how many commands it ran. `after_each` is called
    after every command (to interleave projection catch-ups, say)."""
    size = size or Size()
    rng = random.Random(seed)
    # Corrections and sources draw from a stream of their own, so that the rest of a
    # history is the same as before they existed.
    extra = random.Random(seed + 1)
    commands = 0

    def run(receipt: object) -> object:
        nonlocal commands
        commands += 1
        if after_each is not None:
            after_each()
        return receipt

    for c in range(size.councils):
        council = f"council-{c:03d}"
        for k in range(size.committees):
            committee = run(
                service.establish_committee(
                    council=council,
                    council_name=f"Borough Council {c:03d}",
                    slug=f"committee-{k:02d}",
                    name=f"Scrutiny Committee {k:02d}",
                    kind=CommitteeKind.COMMITTEE,
                    effective_date=start,
                    recorded_by=ACTOR,
                )
            ).id
            members = [
                f"Councillor {rng.choice('ABCDEFGHJKLMNPRSTW')} Member{m:02d}"
                for m in range(size.members)
            ]
            for m, name in enumerate(members):
                run(
                    service.appoint_member(
                        committee,
                        name,
                        effective_date=start,
                        recorded_by=ACTOR,
                        role=MemberRole.CHAIR if m == 0 else MemberRole.MEMBER,
                    )
                )
            open_actions: list[tuple[object, int, date]] = []
            for n in range(size.meetings):
                day = start + timedelta(days=30 + 42 * n)
                meeting = run(
                    service.schedule_meeting(
                        committee,
                        meeting_date=day,
                        effective_date=day - timedelta(days=14),
                        recorded_by=ACTOR,
                    )
                ).id
                for name in members:
                    status = rng.choices(list(AttendanceStatus)[:3], weights=[8, 2, 1])[0]
                    run(
                        service.record_attendance(
                            meeting, name, status=status, effective_date=day, recorded_by=ACTOR
                        )
                    )
                run(service.hold_meeting(meeting, effective_date=day, recorded_by=ACTOR))
                for r in range(size.resolutions):
                    topic = rng.choice(TOPICS)
                    item = run(
                        service.add_agenda_item(
                            meeting,
                            title=topic.title(),
                            minute=f"{n * 10 + r + 1}",
                            effective_date=day,
                            exempt=rng.random() < 0.05,
                            recorded_by=ACTOR,
                        )
                    ).item
                    kind, words = rng.choice(ASKS)
                    clauses = [
                        ClauseDraft(1, "the report be noted", ClauseKind.NOTED),
                        ClauseDraft(
                            2,
                            words.format(t=topic),
                            kind,
                            ActionRequest(
                                due_date=day + timedelta(days=rng.choice([30, 60, 120])),
                                due_meeting=None,
                            ),
                        ),
                    ]
                    resolution = run(
                        service.propose(
                            meeting,
                            item=item,
                            clauses=clauses,
                            effective_date=day,
                            recorded_by=ACTOR,
                        )
                    ).id
                    if rng.random() < 0.1:
                        run(
                            service.withdraw(
                                resolution,
                                reason="report not ready",
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                        continue
                    run(service.resolve(resolution, effective_date=day, recorded_by=ACTOR))
                    if extra.random() < 0.05:
                        run(
                            service.cite_resolution_source(
                                resolution,
                                subject="clause",
                                clause=2,
                                source=Source(f"Minutes of {day.isoformat()}", None, "item"),
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                    if extra.random() < 0.05:
                        run(
                            service.correct_resolution(
                                resolution,
                                subject="action",
                                clause=2,
                                field="due_date",
                                value=(day + timedelta(days=150)).isoformat(),
                                reason="the minutes were amended when approved",
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                    if rng.random() < 0.3:
                        run(
                            service.assign_action(
                                resolution,
                                2,
                                owner=rng.choice(OWNERS),
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                    open_actions.append((resolution, 2, day))
                # Follow up some earlier actions at this meeting.
                for resolution, clause, asked in list(open_actions):
                    if asked >= day:
                        continue
                    # Every step on an action is dated on or after the one before it.
                    roll = rng.random()
                    if roll < 0.35:
                        run(
                            service.report_back(
                                resolution,
                                clause,
                                summary="update received",
                                at_meeting_id=meeting,
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                        open_actions.remove((resolution, clause, asked))
                    elif roll < 0.4:
                        run(
                            service.complete_action(
                                resolution,
                                clause,
                                outcome="done",
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                        open_actions.remove((resolution, clause, asked))
                    elif roll < 0.6:
                        run(
                            service.note_progress(
                                resolution,
                                clause,
                                note="in hand",
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                    elif roll < 0.7:
                        run(
                            service.refer(
                                resolution,
                                clause,
                                to="Cabinet",
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                    elif roll < 0.78:
                        due = day + timedelta(days=rng.choice([7, 28, 84]))
                        run(
                            service.request_report_back(
                                resolution,
                                clause,
                                due_date=due,
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                    elif roll < 0.82:
                        run(
                            service.assign_action(
                                resolution,
                                clause,
                                owner=rng.choice(OWNERS),
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                    elif roll < 0.84:
                        run(
                            service.rescind(
                                resolution,
                                reason="overtaken by events",
                                effective_date=day,
                                recorded_by=ACTOR,
                            )
                        )
                        open_actions.remove((resolution, clause, asked))
    return commands
