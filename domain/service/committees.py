"""The clerk's verbs for committees."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.committees import Committee
from domain.service.base import Receipt, ServiceBase
from domain.values import CommitteeKind, MemberRole


class CommitteeCommands(ServiceBase):

    def establish_committee(
        self, *, council: str, council_name: str, slug: str, name: str,
        kind: CommitteeKind = CommitteeKind.COMMITTEE, on: date, by: str,
    ) -> Receipt:
        committee = Committee.establish(
            council=council, council_name=council_name, slug=slug, name=name, kind=kind,
            effective_date=on, recorded_by=by,
        )
        return self._save(committee)

    def appoint_member(
        self, committee_id: UUID, name: str, *, role: MemberRole = MemberRole.MEMBER,
        representing: str | None = None, on: date, by: str, expected_version: int | None = None,
    ) -> Receipt:
        return self._update(Committee, committee_id, expected_version, "appoint_member", name,
                            role=role, representing=representing, effective_date=on,
                            recorded_by=by)

    def stand_down_member(self, committee_id: UUID, name: str, *, on: date, by: str,
                          expected_version: int | None = None) -> Receipt:
        return self._update(Committee, committee_id, expected_version, "stand_down_member",
                            name, effective_date=on, recorded_by=by)

    def appoint_chair(self, committee_id: UUID, name: str, *, on: date, by: str,
                      expected_version: int | None = None) -> Receipt:
        return self._update(Committee, committee_id, expected_version, "appoint_chair", name,
                            effective_date=on, recorded_by=by)

    def rename_committee(self, committee_id: UUID, name: str, *, on: date, by: str,
                         expected_version: int | None = None) -> Receipt:
        return self._update(Committee, committee_id, expected_version, "rename", name,
                            effective_date=on, recorded_by=by)

    def add_work_programme_item(self, committee_id: UUID, title: str, *,
                                source: str | None = None, on: date, by: str,
                                expected_version: int | None = None) -> Receipt:
        return self._update(Committee, committee_id, expected_version,
                            "add_work_programme_item", title, source=source,
                            effective_date=on, recorded_by=by)

    def remove_work_programme_item(self, committee_id: UUID, title: str, *,
                                   reason: str | None = None, on: date, by: str,
                                   expected_version: int | None = None) -> Receipt:
        return self._update(Committee, committee_id, expected_version,
                            "remove_work_programme_item", title, reason=reason,
                            effective_date=on, recorded_by=by)

    def dissolve_committee(self, committee_id: UUID, *, reason: str | None = None, on: date,
                           by: str, expected_version: int | None = None) -> Receipt:
        return self._update(Committee, committee_id, expected_version, "dissolve",
                            reason=reason, effective_date=on, recorded_by=by)

