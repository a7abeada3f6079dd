"""The OParl 1.1 objects and lists under /oparl/v1.1/, as named schemas: what
web/exports/oparl/objects.py builds, field for field, so that a client has a class for
each and every answer can be checked against its schema.

Every object has its `id` (the address it is read at) and `type` (OParl's type URI); a
field with no value is left out, never null. Links to other objects are their
addresses. The extension fields (`minutebook:...`) are named by `data_key`.
"""

from __future__ import annotations

from marshmallow import Schema, fields

from domain.values import AttendanceStatus

ADDRESS = {"description": "The address the object is read at."}


def _link(description: str) -> fields.String:
    return fields.String(metadata={"description": description})


def _links(description: str) -> fields.List:
    return fields.List(fields.String(), metadata={"description": description})


class OParlObject(Schema):
    id = fields.String(required=True, metadata=ADDRESS)
    type = fields.String(
        required=True,
        metadata={"description": "OParl's type, e.g. https://schema.oparl.org/1.1/Body."},
    )


class Recorded(OParlObject):
    created = fields.DateTime(metadata={"description": "When the record was first recorded."})
    modified = fields.DateTime(metadata={"description": "When the record last changed."})


class OParlSystem(OParlObject):
    oparlVersion = fields.String()
    body = _link("The list of bodies.")
    name = fields.String()
    website = fields.String()
    web = fields.String()


class OParlBody(Recorded):
    system = _link("The system.")
    shortName = fields.String(metadata={"description": "The council's slug."})
    name = fields.String()
    organization = _link("The list of the council's committees.")
    person = _link("The list of the members of its committees.")
    meeting = _link("The list of its meetings.")
    paper = _link("The list of papers: always empty (Minutebook keeps no documents).")
    legislativeTerm = _links("None: Minutebook records no legislative terms.")
    web = fields.String()


class OParlOrganization(Recorded):
    body = _link("The council.")
    name = fields.String()
    shortName = fields.String(metadata={"description": "The committee's slug."})
    membership = _links("Each member's place on the committee.")
    meeting = _link("The list of the committee's meetings.")
    organizationType = fields.String(metadata={"description": "Gremium: a council's committee."})
    classification = fields.String(metadata={"description": "The committee's kind."})
    startDate = fields.Date()
    endDate = fields.Date()
    memberCount = fields.Integer()
    votingMemberCount = fields.Integer()
    web = fields.String()
    chair = fields.String(data_key="minutebook:chair", metadata={"description": "The chair."})
    work_programme = fields.List(
        fields.String(),
        data_key="minutebook:workProgramme",
        metadata={"description": "The titles of the work programme's topics."},
    )


class OParlMembership(Recorded):
    person = _link("The member.")
    organization = _link("The committee.")
    role = fields.String()
    votingRight = fields.Boolean(
        metadata={"description": "Absent for a co-opted member whose rights are not stated."}
    )
    startDate = fields.Date()
    representing = fields.String(
        data_key="minutebook:representing",
        metadata={"description": "Whom a co-opted member represents, in the minutes' words."},
    )


class OParlPerson(OParlObject):
    body = _link("The council.")
    name = fields.String()
    membership = fields.List(fields.Nested(OParlMembership))


class OParlLocation(OParlObject):
    description = fields.String(metadata={"description": "The venue, as the minutes name it."})


class OParlAgendaItem(Recorded):
    meeting = _link("The meeting.")
    number = fields.String(metadata={"description": "The minute's number, or the agenda's."})
    order = fields.Integer()
    name = fields.String()
    public = fields.Boolean(metadata={"description": "False for exempt business."})
    result = fields.String(metadata={"description": "Its resolutions' statuses."})
    resolutionText = fields.String(metadata={"description": "Its resolutions' clauses."})
    web = fields.String()
    minute_text = fields.List(
        fields.String(),
        data_key="minutebook:minuteText",
        metadata={"description": "The item's minute, a paragraph each."},
    )
    resolutions = fields.List(
        fields.String(),
        data_key="minutebook:resolutions",
        metadata={"description": "Its resolutions, where the API reads them."},
    )


# The names of the people the minutes list under each attendance status.
OParlAttendance = Schema.from_dict(
    {status.value: fields.List(fields.String()) for status in AttendanceStatus},
    name="OParlAttendance",
)


class OParlMeeting(Recorded):
    name = fields.String()
    meetingState = fields.String(metadata={"description": "The meeting's status."})
    cancelled = fields.Boolean()
    start = fields.DateTime(metadata={"description": "Absent if no time is recorded."})
    end = fields.DateTime()
    location = fields.Nested(OParlLocation)
    organization = _links("The committee.")
    participant = _links("Members of the council's committees who were present.")
    agendaItem = fields.List(fields.Nested(OParlAgendaItem))
    web = fields.String()
    date = fields.Date(data_key="minutebook:date")
    attendance = fields.Nested(OParlAttendance, data_key="minutebook:attendance")
    minutes_approved_by = fields.String(
        data_key="minutebook:minutesApprovedBy",
        metadata={"description": "The meeting that approved these minutes."},
    )


class OParlPagination(Schema):
    elementsPerPage = fields.Integer()


class OParlListLinks(Schema):
    first = fields.String(required=True)
    next = fields.String(metadata={"description": "Absent on the last page."})


class OParlList(Schema):
    pagination = fields.Nested(OParlPagination, required=True)
    links = fields.Nested(OParlListLinks, required=True)


def _list(name: str, item: type[Schema] | None) -> type[Schema]:
    data = fields.Nested(item) if item else fields.Dict()
    return OParlList.from_dict({"data": fields.List(data, required=True)}, name=name)


OParlBodyList = _list("OParlBodyList", OParlBody)
OParlOrganizationList = _list("OParlOrganizationList", OParlOrganization)
OParlPersonList = _list("OParlPersonList", OParlPerson)
OParlMeetingList = _list("OParlMeetingList", OParlMeeting)
# Minutebook keeps no documents: the papers' list OParl requires a body to name is empty.
OParlPaperList = _list("OParlPaperList", None)
