from __future__ import annotations

from marshmallow import Schema, fields

from domain import limits
from domain.values import CommitteeKind, MemberRole
from web.schemas.common import SLUG, Paging, Recording, WithReason, text
from web.schemas.provenance import source_field


class EstablishCommittee(Recording):
    council = fields.String(required=True, validate=SLUG)
    council_name = text(limits.COUNCIL_NAME, required=True)
    slug = fields.String(required=True, validate=SLUG)
    name = text(limits.COMMITTEE_NAME, required=True)
    kind = fields.Enum(CommitteeKind, by_value=True, load_default=CommitteeKind.COMMITTEE)


class AppointMember(Recording):
    name = text(limits.PERSON, required=True)
    role = fields.Enum(MemberRole, by_value=True, load_default=MemberRole.MEMBER)
    representing = text(limits.PERSON, load_default=None, allow_none=True)


class NamedMember(Recording):
    name = text(limits.PERSON, required=True)


class Rename(Recording):
    name = text(limits.COMMITTEE_NAME, required=True)


class AddTopic(Recording):
    title = text(limits.TITLE, required=True)
    source = text(limits.SOURCE, load_default=None, allow_none=True)


class RemoveTopic(WithReason):
    title = text(limits.TITLE, required=True)


class CommitteeQuery(Paging):
    council = fields.String(validate=SLUG)


class CouncilSchema(Schema):
    slug = fields.String()
    name = fields.String()
    committees = fields.Integer()


class MemberSchema(Schema):
    name = fields.String()
    role = fields.String()
    representing = fields.String(allow_none=True)
    appointed_on = fields.Date()
    source = source_field()


class TopicSchema(Schema):
    key = fields.String()
    title = fields.String()
    added_on = fields.Date()
    source = fields.String(allow_none=True)


class CommitteeSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    council = fields.String()
    council_name = fields.String()
    slug = fields.String()
    name = fields.String()
    kind = fields.String()
    established_on = fields.Date()
    dissolved_on = fields.Date(allow_none=True)
    chair = fields.String(allow_none=True)
    source = source_field()
    members = fields.List(fields.Nested(MemberSchema))
    work_programme = fields.List(fields.Nested(TopicSchema))
