"""How a committee's events change the read models."""

from __future__ import annotations

from typing import Any

from domain import corrections, provenance
from domain.committees import Committee
from domain.projections.handlers.routing import bump_version, iso, on


@on(Committee.Established, says=lambda e: f"{e.name} established ({e.council}, {e.kind.value})")
def _established(tx: Any, e: Any, position: int) -> None:
    # The council's name is its own record's (Council.Registered): a committee only
    # names it for a store made before councils were records.
    tx.write(
        "INSERT INTO {p}read_councils (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING",
        (e.council, e.council_name),
    )
    tx.write(
        "INSERT INTO {p}read_committees (id, council, slug, name, kind, established_on, "
        "version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            str(e.originator_id),
            e.council,
            e.slug,
            e.name,
            e.kind.value,
            iso(e.effective_date),
            e.originator_version,
        ),
    )
    tx.facts.remember(("council", str(e.originator_id)), e.council)


@on(Committee.MemberAppointed, says=lambda e: f"{e.name} appointed as {e.role.value}")
def _member_appointed(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_members (committee_id, name, role, representing, appointed_on)"
        " VALUES (?, ?, ?, ?, ?)",
        (str(e.originator_id), e.name, e.role.value, e.representing, iso(e.effective_date)),
    )
    bump_version(tx, "read_committees", e)


@on(Committee.MemberStoodDown, says=lambda e: f"{e.name} stood down")
def _member_stood_down(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "DELETE FROM {p}read_members WHERE committee_id = ? AND name = ?",
        (str(e.originator_id), e.name),
    )
    bump_version(
        tx, "read_committees", e, "chair = CASE WHEN chair = ? THEN NULL ELSE chair END", (e.name,)
    )


@on(Committee.ChairAppointed, says=lambda e: f"{e.name} appointed to the chair")
def _chair_appointed(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "UPDATE {p}read_members SET role = 'member' WHERE committee_id = ? AND role = 'chair'",
        (str(e.originator_id),),
    )
    tx.write(
        "UPDATE {p}read_members SET role = 'chair' WHERE committee_id = ? AND name = ?",
        (str(e.originator_id), e.name),
    )
    bump_version(tx, "read_committees", e, "chair = ?", (e.name,))


@on(Committee.Renamed, says=lambda e: f"renamed {e.name}")
def _renamed(tx: Any, e: Any, position: int) -> None:
    bump_version(tx, "read_committees", e, "name = ?", (e.name,))


@on(Committee.WorkProgrammeItemAdded, says=lambda e: f"work programme: {e.title} added")
def _wp_added(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "INSERT INTO {p}read_work_programme (committee_id, key, title, source, added_on, "
        "seq) VALUES (?, ?, ?, ?, ?, ?)",
        (str(e.originator_id), e.key, e.title, e.source, iso(e.effective_date), position),
    )
    bump_version(tx, "read_committees", e)


@on(Committee.WorkProgrammeItemRemoved, says=lambda e: f"work programme: {e.key} removed")
def _wp_removed(tx: Any, e: Any, position: int) -> None:
    tx.write(
        "DELETE FROM {p}read_work_programme WHERE committee_id = ? AND key = ?",
        (str(e.originator_id), e.key),
    )
    bump_version(tx, "read_committees", e)


@on(Committee.Dissolved, says=lambda e: "committee dissolved")
def _dissolved(tx: Any, e: Any, position: int) -> None:
    bump_version(tx, "read_committees", e, "dissolved_on = ?", (iso(e.effective_date),))


@on(Committee.Corrected, says=corrections.says)
def _corrected(tx: Any, e: Any, position: int) -> None:
    value = corrections.stored(corrections.decoded(e.subject, e.field, e.now))
    tx.write(
        f"UPDATE {{p}}read_members SET {e.field} = ? WHERE committee_id = ? AND name = ?",
        (value, str(e.originator_id), e.member),
    )
    bump_version(tx, "read_committees", e)


@on(Committee.SourceCited, says=provenance.says)
def _source_cited(tx: Any, e: Any, position: int) -> None:
    cited = provenance.as_json(e.source)
    if e.subject == "membership":
        tx.write(
            "UPDATE {p}read_members SET cited_source = ? WHERE committee_id = ? AND name = ?",
            (cited, str(e.originator_id), e.member),
        )
        bump_version(tx, "read_committees", e)
    else:
        bump_version(tx, "read_committees", e, "cited_source = ?", (cited,))
