"""The CSV files by their own addresses, each meeting's attendance, and the Frictionless
Data Package that describes the files (/api/datapackage.json).

The package's resources name their files relative to it (`data/resolutions.csv`), so a
client that fetches the package fetches the files beside it: /api/data/<name>.csv, the
same CSV that `Accept: text/csv` gives on the JSON collections (/api/resolutions,
/api/actions, /api/audit, /api/meetings/<id>/attendance).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask_smorest import Api
from marshmallow import Schema, fields

from web.access import visibility
from web.blueprint import Blueprint
from web.exports import csv_files
from web.exports.tables import TABLES, Table, attendance_rows
from web.requests import fresh
from web.schemas.audit import ActionQuery, AuditQuery
from web.schemas.common import AsOf
from web.schemas.datapackage import DataPackage
from web.schemas.meetings import MeetingQuery
from web.schemas.resolutions import ResolutionQuery

blp = Blueprint(
    "data",
    __name__,
    url_prefix="/api",
    description="Open data: the register, tracker, audit trail and attendance as CSV, "
    "described by a Frictionless Data Package.",
)
WHOLE = ("limit", "cursor")  # a file holds every row: no paging
CSV_ANSWER = {
    "description": "CSV (RFC 4180, UTF-8, a header row, ISO dates): every row the "
    "filters pick, streamed.",
    "content": {"text/csv": {"schema": {"type": "string"}}},
}
# The JSON collections that answer CSV to `Accept: text/csv`, by operation.
NEGOTIATED = {
    ("/api/resolutions", "get"),
    ("/api/actions", "get"),
    ("/api/audit", "get"),
    ("/api/meetings/{meeting_id}/attendance", "get"),
}


def document(api: Api) -> None:
    """Say in the OpenAPI document that the JSON collections also answer CSV."""
    paths = api.spec._paths  # as web/contract.py does: apispec keeps operations here
    for path, method in NEGOTIATED:
        ok = paths[path][method]["responses"]["200"]
        ok.setdefault("content", {})["text/csv"] = CSV_ANSWER["content"]["text/csv"]
        ok["description"] = "JSON; with `Accept: text/csv`, CSV (every row: no limit or cursor)."


def _csv_only(view: Any) -> Any:
    return blp.doc(responses={"200": CSV_ANSWER})(blp.response(200, description="CSV")(view))


@blp.route("/data/resolutions.csv", methods=["GET"])
@blp.arguments(ResolutionQuery(exclude=WHOLE), location="query")
@_csv_only
def resolutions_csv(args: dict[str, Any]) -> Any:
    """The register as CSV, filtered as /api/resolutions is."""
    return csv_files.answer("resolutions", fresh(args), args)


@blp.route("/data/actions.csv", methods=["GET"])
@blp.arguments(ActionQuery(exclude=WHOLE), location="query")
@_csv_only
def actions_csv(args: dict[str, Any]) -> Any:
    """The action tracker as CSV, filtered as /api/actions is."""
    return csv_files.answer("actions", fresh(args), args)


@blp.route("/data/audit.csv", methods=["GET"])
@blp.arguments(AuditQuery(exclude=WHOLE), location="query")
@_csv_only
def audit_csv(args: dict[str, Any]) -> Any:
    """The audit trail as CSV, filtered as /api/audit is."""
    return csv_files.answer("audit", fresh(args), args)


@blp.route("/data/attendance.csv", methods=["GET"])
@blp.arguments(MeetingQuery(exclude=WHOLE), location="query")
@_csv_only
def attendance_csv(args: dict[str, Any]) -> Any:
    """Every meeting's attendance as CSV, the meetings filtered as /api/meetings are."""
    return csv_files.answer("attendance", fresh(args), args)


class AttendanceRow(Schema):
    meeting_id = fields.UUID()
    council = fields.String()
    committee_id = fields.UUID()
    date = fields.Date()
    name = fields.String()
    status = fields.String()
    capacity = fields.String(allow_none=True)
    substitute_for = fields.String()


class AttendanceList(Schema):
    items = fields.List(fields.Nested(AttendanceRow))


@blp.route("/meetings/<uuid:meeting_id>/attendance", methods=["GET"])
@blp.arguments(AsOf, location="query")
@blp.response(200, AttendanceList)
def meeting_attendance(args: dict[str, Any], meeting_id: UUID) -> Any:
    """One meeting's attendance, a person a row, now or `as_of` a date; as CSV to
    `Accept: text/csv`."""
    meeting = fresh(args).meeting(meeting_id, visibility(), as_of=args.get("as_of"))
    if csv_files.wanted():
        return csv_files.one_meeting(meeting)
    return {"items": attendance_rows(meeting)}


@blp.route("/datapackage.json", methods=["GET"])
@blp.doc(
    responses={
        "200": {
            "description": "A Frictionless Data Package (v1) descriptor.",
            "content": {"application/json": {"schema": DataPackage}},
        }
    }
)
@blp.response(200, description="A Frictionless Data Package (v1) descriptor.")
def datapackage() -> Any:
    """The Frictionless Data Package describing the CSV files: one Table Schema each, with
    its fields' types, primary key and foreign keys."""
    return package()


def package() -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "minutebook",
        "title": "Minutebook: what council committees decided, and what came of it",
        "description": "The resolution register, the action tracker, meetings' attendance "
        "and the audit trail, as the reader asking may see them (exempt business only "
        "with a token for its council).",
        "resources": [resource(table) for table in TABLES],
    }


def resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [
            {
                "name": c.name,
                "type": c.type,
                "description": c.description,
                **({"constraints": {"required": True}} if c.required else {}),
            }
            for c in table.columns
        ],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = list(table.foreign_keys)
    return {
        "profile": "tabular-data-resource",
        "name": table.name,
        "path": f"data/{table.name}.csv",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": schema,
    }
