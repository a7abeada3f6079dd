"""Where each seeded fact comes from: the seed document it is read from, or, for a fact
no document states, why it was inferred.

A meeting, each of its items and each resolution cite the minutes (their files are in
`seeds/sources/`), as any recorded minutes document does (domain/minutes/build.py);
attendance and clauses are read from the same minutes as their meeting and resolution.
What the seeds infer says so: Halton's meeting, known only from the date of a report
to it (its document's `inferred`), a meeting known only from a mention (MENTIONED), and,
cited here, a committee's date of establishment (the earliest date a document shows it
meeting) and each membership (from the first document that lists the member; a
standing down from the first membership list that no longer does).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from domain.service import Minutebook
from domain.values import Source
from seeds.documents import CommitteeDoc, Member

# Why a meeting the seed minutes only mention is recorded at all.
MENTIONED = "not minuted in the seed documents: known from this mention, and recorded as {how}"
MEMBERSHIP = (
    "the documents give no date of appointment: appointed as of the first document that "
    "lists them ({shown_on})"
)
STOOD_DOWN = "; stood down as of the first membership list without them ({stood_down_on})"


def cited(service: Minutebook, record_id: UUID) -> set[tuple[str, Any]]:
    """The facts of one record a source was cited for: (subject, item, member or clause)."""
    return {
        (e.subject, e.item_key or e.member or e.clause)
        for e in service.events.get(record_id)
        if type(e).__name__ == "SourceCited"
    }


def cite_once(
    cite: Callable[..., Any],
    record_id: UUID,
    done: set[tuple[str, Any]],
    subject: str,
    source: Source,
    effective_date: date,
    recorded_by: str,
    **where: Any,
) -> None:
    """Cite a source for a fact unless one was cited already (a replay adds nothing)."""
    key = next(iter(where.values()), None)
    if (subject, key) not in done:
        cite(
            record_id,
            subject=subject,
            source=source,
            effective_date=effective_date,
            recorded_by=recorded_by,
            **where,
        )


def of_committee(doc: CommitteeDoc) -> Source:
    return Source(
        doc.established_from,
        None,
        None,
        f"the documents give no date of establishment: {doc.established_on.isoformat()} is "
        "the earliest date on which any of them shows the committee meeting",
    )


def of_membership(doc: CommitteeDoc, member: Member) -> Source:
    reason = MEMBERSHIP.format(shown_on=member.shown_on.isoformat())
    if member.stood_down_on is not None:
        reason += STOOD_DOWN.format(stood_down_on=member.stood_down_on.isoformat())
    return Source(f"the membership of {doc.name} in the seed documents", None, None, reason)
