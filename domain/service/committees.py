"""The clerk's verbs for committees."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.committees import Committee
from domain.councils import Council
from domain.recording import check_slug
from domain.service.base import Receipt, ServiceBase
from domain.values import CommitteeKind, MemberRole


class CommitteeCommands(ServiceBase):
    def establish_committee(
        self,
        *,
        council: str,
        council_name: str,
        slug: str,
        name: str,
        kind: CommitteeKind = CommitteeKind.COMMITTEE,
        effective_date: date,
        recorded_by: str,
    ) -> Receipt:
        """Establish a committee; its council is registered with it, under
        `council_name`, if this is the council's first (the name must match otherwise)."""
        committee = Committee.establish(
            council=council,
            council_name=council_name,
            slug=slug,
            name=name,
            kind=kind,
            effective_date=effective_date,
            recorded_by=recorded_by,
        )
        council_id = Council.create_id(council)
        if not self.exists(council_id):
            registered = Council.register(
                slug=council,
                name=council_name,
                effective_date=effective_date,
                recorded_by=recorded_by,
            )
            return self._save(committee, registered)
        self._get(Council, council_id).check_named(council_name)
        return self._save(committee)

    def rename_council(
        self,
        council: str,
        name: str,
        *,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        found = self._get(
            Council, Council.create_id(check_slug(council, "council")), expected_version
        )
        found.rename(name, effective_date=effective_date, recorded_by=recorded_by)
        return self._save(found)

    def appoint_member(
        self,
        committee_id: UUID,
        name: str,
        *,
        role: MemberRole = MemberRole.MEMBER,
        representing: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Committee,
            committee_id,
            expected_version,
            lambda committee: committee.appoint_member(
                name,
                role=role,
                representing=representing,
                effective_date=effective_date,
                recorded_by=recorded_by,
            ),
        )

    def stand_down_member(
        self,
        committee_id: UUID,
        name: str,
        *,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Committee,
            committee_id,
            expected_version,
            lambda committee: committee.stand_down_member(
                name, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def appoint_chair(
        self,
        committee_id: UUID,
        name: str,
        *,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Committee,
            committee_id,
            expected_version,
            lambda committee: committee.appoint_chair(
                name, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def rename_committee(
        self,
        committee_id: UUID,
        name: str,
        *,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Committee,
            committee_id,
            expected_version,
            lambda committee: committee.rename(
                name, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def add_work_programme_item(
        self,
        committee_id: UUID,
        title: str,
        *,
        source: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Committee,
            committee_id,
            expected_version,
            lambda committee: committee.add_work_programme_item(
                title, source=source, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def remove_work_programme_item(
        self,
        committee_id: UUID,
        title: str,
        *,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Committee,
            committee_id,
            expected_version,
            lambda committee: committee.remove_work_programme_item(
                title, reason=reason, effective_date=effective_date, recorded_by=recorded_by
            ),
        )

    def dissolve_committee(
        self,
        committee_id: UUID,
        *,
        reason: str | None = None,
        effective_date: date,
        recorded_by: str,
        expected_version: int | None = None,
    ) -> Receipt:
        return self._update(
            Committee,
            committee_id,
            expected_version,
            lambda committee: committee.dissolve(
                reason=reason, effective_date=effective_date, recorded_by=recorded_by
            ),
        )
