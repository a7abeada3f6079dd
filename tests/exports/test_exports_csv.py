"""CSV of the register, tracker, audit trail and attendance, and the Frictionless Data
Package describing them: checked by the `frictionless` library, on the seeded minutes and
on a generated history; exempt business never in a file without a token for it."""

from __future__ import annotations

import csv
import io
import json

import pytest
from frictionless import Package

from tests.exports.conftest import INSIDERS, OUTSIDERS, SECRET
from tests.web.helpers import problem

CSV = {"Accept": "text/csv"}
FILES = ("resolutions", "actions", "audit", "attendance")


def rows_of(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True), newline="")))


def every_json(client, url: str) -> list[dict]:
    """Every item of a JSON collection, page by page."""
    items, cursor = [], None
    while True:
        query = f"&cursor={cursor}" if cursor else ""
        page = client.get(f"{url}?limit=200{query}").json
        items += page["items"]
        if page["next"] is None:
            return items
        cursor = page["next"]


def test_the_data_package_and_every_file_it_names_are_valid(history, tmp_path):
    client = history.test_client()
    descriptor = client.get("/api/datapackage.json").json
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    (tmp_path / "data").mkdir()
    for resource in descriptor["resources"]:
        answer = client.get(f"/api/{resource['path']}")
        assert answer.status_code == 200
        (tmp_path / resource["path"]).write_bytes(answer.data)
    # The descriptor unchanged: its paths are relative to it, as they are on the server.
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert report.stats["errors"] == 0
    assert [task.name for task in report.tasks] == list(FILES)
    assert all(task.stats["rows"] > 0 for task in report.tasks)


def test_each_file_holds_what_the_json_holds_row_for_row(history):
    client = history.test_client()
    resolutions = every_json(client, "/api/resolutions")
    csv_rows = rows_of(client.get("/api/resolutions", headers=CSV))
    assert [r["id"] for r in csv_rows] == [r["id"] for r in resolutions]
    for row, record in zip(csv_rows, resolutions, strict=True):
        assert row["title"] == record["title"]
        assert row["meeting_date"] == record["meeting_date"]  # ISO dates, as in the JSON
        assert row["decided_on"] == (record["decided_on"] or "")
        assert int(row["clause_count"]) == len(record["clauses"])
        assert all(c["text"] in row["clauses"] for c in record["clauses"])
    actions = every_json(client, "/api/actions")
    assert [
        (r["resolution_id"], int(r["clause"]))
        for r in rows_of(client.get("/api/actions", headers=CSV))
    ] == [(a["resolution_id"], a["clause"]) for a in actions]
    audit = every_json(client, "/api/audit")
    audit_rows = rows_of(client.get("/api/audit", headers=CSV))
    assert [int(r["position"]) for r in audit_rows] == [e["position"] for e in audit]
    assert [json.loads(r["data"]) for r in audit_rows] == [e["data"] for e in audit]


def test_the_accepted_csv_is_the_file_the_package_names(seeded):
    client = seeded.test_client()
    for name, url in (
        ("resolutions", "/api/resolutions"),
        ("actions", "/api/actions"),
        ("audit", "/api/audit"),
    ):
        assert client.get(url, headers=CSV).data == client.get(f"/api/data/{name}.csv").data
    # Without asking for CSV, or asking for anything, the answer stays JSON.
    for accept in ({}, {"Accept": "*/*"}, {"Accept": "application/json, text/csv"}):
        assert client.get("/api/resolutions", headers=accept).mimetype == "application/json"


def test_a_file_is_rfc_4180_with_a_header_crlf_and_quoted_fields(seeded):
    answer = seeded.test_client().get("/api/resolutions", headers=CSV)
    assert answer.content_type == "text/csv; charset=utf-8; header=present"
    assert answer.headers["Content-Disposition"] == 'attachment; filename="resolutions.csv"'
    text = answer.get_data(as_text=True)
    assert text.startswith("id,council,committee_id,meeting_id,meeting_date,")
    records = text.split("\r\n")
    assert records[-1] == ""  # every record ends with CRLF, the last too
    # CRLF ends a record and nothing else: a resolution's clauses, one a line, are
    # line feeds inside one quoted field.
    rows = rows_of(answer)
    assert len(rows) == len(records) - 2
    assert any("\n" in row["clauses"] for row in rows)


def test_filters_apply_as_they_do_to_the_json(seeded):
    client = seeded.test_client()
    rows = rows_of(client.get("/api/resolutions?council=croydon&status=resolved", headers=CSV))
    expected = client.get("/api/resolutions?council=croydon&status=resolved&limit=200").json
    assert [r["id"] for r in rows] == [r["id"] for r in expected["items"]] != []
    assert {
        r["council"] for r in rows_of(client.get("/api/actions?council=halton", headers=CSV))
    } <= {"halton"}
    meetings = client.get("/api/meetings?council=st-helens&limit=200").json["items"]
    attendance = rows_of(client.get("/api/data/attendance.csv?council=st-helens"))
    assert {r["meeting_id"] for r in attendance} <= {m["id"] for m in meetings}
    assert len(attendance) == sum(len(p) for m in meetings for p in m["attendance"].values())


def test_a_meetings_attendance_as_json_and_as_csv(seeded):
    client = seeded.test_client()
    meeting = next(
        m for m in client.get("/api/meetings?limit=200").json["items"] if m["attendance"]["present"]
    )
    url = f"/api/meetings/{meeting['id']}/attendance"
    items = client.get(url).json["items"]
    rows = rows_of(client.get(url, headers=CSV))
    assert [(r["name"], r["status"]) for r in rows] == [(i["name"], i["status"]) for i in items]
    present = [r["name"] for r in rows if r["status"] == "present"]
    assert present == [p["name"] for p in meeting["attendance"]["present"]]
    problem(
        client.get("/api/meetings/00000000-0000-0000-0000-000000000000/attendance"),
        404,
        "meeting-not-found",
    )


def test_a_file_is_streamed_a_page_of_the_query_at_a_time(generated):
    client = generated.test_client()
    answer = client.get("/api/audit", headers=CSV)
    assert answer.is_streamed
    chunks = [chunk.decode() for chunk in answer.response]
    rows = len(list(csv.DictReader(io.StringIO("".join(chunks), newline=""))))
    assert rows > 200
    # A chunk per page of the query (200 rows), never the whole file at once.
    assert len(chunks) >= rows // 200 + 1
    assert max(chunk.count("\r\n") for chunk in chunks) <= 1 + 200


def test_a_file_is_whole_so_paging_is_refused_not_ignored(seeded):
    client = seeded.test_client()
    problem(client.get("/api/resolutions?limit=5", headers=CSV), 422, "csv-is-not-paged")
    problem(client.get("/api/audit?cursor=abc", headers=CSV), 422, "csv-is-not-paged")
    body = problem(client.get("/api/data/audit.csv?limit=5"), 422, "invalid-input")
    assert "limit" in body["fields"]
    problem(client.get("/api/resolutions?status=nonsense", headers=CSV), 422, "invalid-input")


@pytest.mark.every_store
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_exempt_business_is_in_no_file_for_an_outsider(client, private, outsider):
    headers = {**CSV, **OUTSIDERS[outsider](client)}
    for url in ("/api/resolutions", "/api/actions", "/api/audit"):
        text = client.get(url, headers=headers).get_data(as_text=True)
        assert private["secret"] not in text and SECRET not in text, url
        assert private["public"] in text, url
    for name in FILES:
        text = client.get(f"/api/data/{name}.csv", headers=OUTSIDERS[outsider](client)).data
        assert private["secret"].encode() not in text and SECRET.encode() not in text


@pytest.mark.every_store
@pytest.mark.parametrize("insider", INSIDERS)
def test_the_councils_own_see_their_exempt_business_in_the_files(client, private, insider):
    headers = {**CSV, **INSIDERS[insider](client)}
    for url in ("/api/resolutions", "/api/actions", "/api/audit"):
        assert private["secret"] in client.get(url, headers=headers).get_data(as_text=True), url
