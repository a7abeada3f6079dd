"""Minutebook's records as OParl 1.1 objects.

| OParl | Minutebook |
| --- | --- |
| System | this service |
| Body | a council |
| Organization | a committee (organizationType "Gremium", classification its kind) |
| Person | a committee member, by name within the council |
| Membership | a member's place on a committee, with its role |
| Meeting | a meeting; `location` its venue |
| AgendaItem | an item of business; `resolutionText` the clauses of its resolutions |

What OParl has no field for is in extension fields named `minutebook:...`, documented
where each is made. Minutebook keeps no documents, so it offers no Paper, Consultation
or File (the Body's paper list is empty) and no legislative terms.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import UUID, uuid5
from zoneinfo import ZoneInfo

from flask import request

SCHEMA = "https://schema.oparl.org/1.1/"
LONDON = ZoneInfo("Europe/London")
PEOPLE = uuid5(UUID(int=0), "minutebook people")  # the namespace of Person ids
VOTING = {"chair", "vice-chair", "member", "co-opted voting"}
Span = tuple[datetime, datetime] | None


def url(path: str) -> str:
    return f"{request.host_url}oparl/v1.1/{path}"


def web(path: str) -> str:
    return f"{request.host_url}{path}"


def typed(kind: str, path: str, **fields: Any) -> dict[str, Any]:
    """An OParl object: its id (where it is read), its type, and the fields given (none
    that is None)."""
    return {
        "id": url(path),
        "type": f"{SCHEMA}{kind}",
        **{k: v for k, v in fields.items() if v is not None},
    }


def stamps(span: Span) -> dict[str, str]:
    """`created` and `modified`: when the record was first recorded, and last changed."""
    if span is None:
        return {}
    return {"created": span[0].isoformat(), "modified": span[1].isoformat()}


def person_id(council: str, name: str) -> UUID:
    return uuid5(PEOPLE, f"{council}/{name}")


def system() -> dict[str, Any]:
    return typed(
        "System",
        "system",
        oparlVersion=SCHEMA,
        body=url("bodies"),
        name="Minutebook",
        website=web(""),
        web=web(""),
    )


def body(council: dict[str, Any], span: Span) -> dict[str, Any]:
    slug = council["slug"]
    return typed(
        "Body",
        f"bodies/{slug}",
        system=url("system"),
        shortName=slug,
        name=council["name"],
        organization=url(f"bodies/{slug}/organizations"),
        person=url(f"bodies/{slug}/people"),
        meeting=url(f"bodies/{slug}/meetings"),
        paper=url(f"bodies/{slug}/papers"),
        legislativeTerm=[],
        web=web(f"councils/{slug}"),
        **stamps(span),
    )


def organization(committee: dict[str, Any], span: Span) -> dict[str, Any]:
    cid = committee["id"]
    return typed(
        "Organization",
        f"organizations/{cid}",
        body=url(f"bodies/{committee['council']}"),
        name=committee["name"],
        shortName=committee["slug"],
        membership=[
            url(f"organizations/{cid}/memberships/{person_id(committee['council'], m['name'])}")
            for m in committee["members"]
        ],
        meeting=url(f"organizations/{cid}/meetings"),
        organizationType="Gremium",  # OParl's word for a council's committee
        classification=committee["kind"],
        startDate=_day(committee["established_on"]),
        endDate=_day(committee.get("dissolved_on")),
        memberCount=len(committee["members"]),
        votingMemberCount=sum(m["role"] in VOTING for m in committee["members"]),
        web=web(f"committees/{cid}"),
        **stamps(span),
        # Extension: the chair's name, and the work programme's topics.
        **{
            "minutebook:chair": committee.get("chair"),
            "minutebook:workProgramme": [w["title"] for w in committee["work_programme"]],
        },
    )


def membership(committee: dict[str, Any], member: dict[str, Any], span: Span) -> dict[str, Any]:
    cid, pid = committee["id"], person_id(committee["council"], member["name"])
    return typed(
        "Membership",
        f"organizations/{cid}/memberships/{pid}",
        person=url(f"bodies/{committee['council']}/people/{pid}"),
        organization=url(f"organizations/{cid}"),
        role=member["role"],
        # Co-opted members whose voting rights the minutes do not state: not said.
        votingRight=None if member["role"] == "co-opted" else member["role"] in VOTING,
        startDate=_day(member["appointed_on"]),
        **stamps(span),
        # Extension: whom a co-opted member represents, in the minutes' words.
        **{"minutebook:representing": member.get("representing")},
    )


def person(
    council: str, name: str, places: list[tuple[dict[str, Any], dict[str, Any]]], spans: dict
) -> dict[str, Any]:
    """A person, with each place on a committee (committee, member) embedded."""
    return typed(
        "Person",
        f"bodies/{council}/people/{person_id(council, name)}",
        body=url(f"bodies/{council}"),
        name=name,
        membership=[membership(c, m, spans.get(str(c["id"]))) for c, m in places],
    )


def meeting(
    found: dict[str, Any],
    committee_name: str,
    resolutions: list[dict[str, Any]],
    span: Span,
    members: set[str],
) -> dict[str, Any]:
    mid, council = found["id"], found["council"]
    attendance = found["attendance"]
    present = [p["name"] for p in attendance["present"]]
    return typed(
        "Meeting",
        f"meetings/{mid}",
        name=f"{committee_name}, {found['date'].day} {found['date']:%B %Y}",
        meetingState=found["status"],
        cancelled=found["status"] == "cancelled",
        start=_moment(found["date"], found.get("start_time")),
        end=_moment(found["date"], found.get("ended_at")),
        location=found.get("venue")
        and typed("Location", f"meetings/{mid}/location", description=found["venue"]),
        organization=[url(f"organizations/{found['committee_id']}")],
        # Members of the council's committees who were present (others are not Persons).
        participant=[
            url(f"bodies/{council}/people/{person_id(council, n)}") for n in present if n in members
        ],
        agendaItem=[
            agenda_item(found, item, order, resolutions, span)
            for order, item in enumerate(found["items"], start=1)
        ],
        web=web(f"meetings/{mid}"),
        **stamps(span),
        # Extensions: the date (a meeting whose time is not recorded has no `start`), the
        # attendance by status as the minutes name people, and the meeting that approved
        # these minutes.
        **{
            "minutebook:date": found["date"].isoformat(),
            "minutebook:attendance": {
                status: [p["name"] for p in people] for status, people in attendance.items()
            },
            "minutebook:minutesApprovedBy": found.get("minutes_approved_by")
            and url(f"meetings/{found['minutes_approved_by']}"),
        },
    )


def agenda_item(
    meeting: dict[str, Any],
    item: dict[str, Any],
    order: int,
    resolutions: list[dict[str, Any]],
    span: Span,
) -> dict[str, Any]:
    mid = meeting["id"]
    on_item = [r for r in resolutions if r["item"] == item["key"]]
    text = "\n\n".join(
        "\n".join(
            f"{c.get('label') or '(' + str(c['number']) + ')'} {c['text']}" for c in r["clauses"]
        )
        for r in on_item
    )
    return typed(
        "AgendaItem",
        f"meetings/{mid}/agenda-items/{item['key']}",
        meeting=url(f"meetings/{mid}"),
        number=item.get("minute") or item.get("agenda_number") or item["key"],
        order=order,
        name=item["title"],
        public=not item["exempt"],
        result=", ".join(r["status"] for r in on_item) or None,
        resolutionText=text or None,
        web=web(f"meetings/{mid}"),
        **stamps(span),
        # Extensions: the item's minute (its paragraphs), and its resolutions as records.
        **{
            "minutebook:minuteText": item.get("minute_text") or None,
            "minutebook:resolutions": [web(f"api/resolutions/{r['id']}") for r in on_item],
        },
    )


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment(day: date, at: time | None) -> str | None:
    """A time on the meeting's day, in Europe/London, with its offset."""
    return None if at is None else datetime.combine(day, at, tzinfo=LONDON).isoformat()
