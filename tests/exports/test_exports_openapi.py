"""Every export is in the OpenAPI document, with the content type it answers in."""

from __future__ import annotations

EXPORTS = {
    "/api/resolutions": {"application/json", "text/csv"},
    "/api/actions": {"application/json", "text/csv"},
    "/api/audit": {"application/json", "text/csv"},
    "/api/meetings/{meeting_id}/attendance": {"application/json", "text/csv"},
    "/api/data/resolutions.csv": {"text/csv"},
    "/api/data/actions.csv": {"text/csv"},
    "/api/data/audit.csv": {"text/csv"},
    "/api/data/attendance.csv": {"text/csv"},
    "/api/datapackage.json": {"application/json"},
    "/api/councils/{slug}/meetings.ics": {"text/calendar"},
    "/api/committees/{committee_id}/meetings.ics": {"text/calendar"},
    "/api/councils/{slug}/decisions.atom": {"application/atom+xml"},
    "/api/councils/{slug}/audit.atom": {"application/atom+xml"},
    "/api/councils/{slug}/actions.atom": {"application/atom+xml"},
    "/oparl/v1.1/system": {"application/json"},
    "/oparl/v1.1/bodies/{slug}/meetings": {"application/json"},
    "/oparl/v1.1/meetings/{meeting_id}/agenda-items/{key}": {"application/json"},
}


def test_every_export_is_documented_with_its_content_types(client):
    paths = client.get("/api/openapi.json").json["paths"]
    for path, types in EXPORTS.items():
        ok = paths[path]["get"]["responses"]["200"]
        assert set(ok["content"]) == types, path
    oparl = [p for p in paths if p.startswith("/oparl/v1.1/")]
    assert len(oparl) == 14
    assert all(paths[p]["get"]["security"] == [{}, {"token": []}] for p in oparl)


def test_each_export_answers_in_the_content_type_it_documents(client):
    for path, accept, expected in (
        ("/api/datapackage.json", None, "application/json"),
        ("/api/data/audit.csv", None, "text/csv"),
        ("/api/audit", "text/csv", "text/csv"),
        ("/oparl/v1.1/system", None, "application/json"),
    ):
        answer = client.get(path, headers={"Accept": accept} if accept else {})
        assert answer.status_code == 200 and answer.mimetype == expected, path
        assert answer.get_data()  # read whole: a streamed answer holds its request till then
