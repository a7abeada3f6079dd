"""A request the OpenAPI document allows is never refused for its shape.

Schemathesis sends only data the document's schemas allow (its positive mode), with
`positive_data_acceptance` among its checks: such a request may be refused for what the
record holds (401, 403, 404, 409: no such record, no right to it, a rule of its state) but
never for its shape (400, 422). Half the ids in paths and bodies name records the seed
made, half the effective dates are recent and half the writes send no If-Match, so that
writes reach the records' own rules, not only "no such record" or "stale version".

A few rules cannot be said in JSON Schema. The document says each in words; here each
is tolerated only when the request really broke it (see TOLERATED), and for no other
request.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any
from uuid import UUID

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from domain import limits
from domain.corrections import FIELDS
from domain.recording import EARLIEST, LATEST
from domain.values import ClauseKind, DeclarationKind, MemberRole
from tests.conftest import fresh_store
from tests.web.helpers import auth
from web import create_app, service_of
from web.schemas.common import CLOCK_PATTERN
from web.schemas.corrections import LENGTHS

EXAMPLES = 25  # per operation and token: about a minute for both tokens on SQLite

# Ids of the seed's records, by the name a path or body gives them.
SEEDED = {
    "committee_id": "/api/committees",
    "meeting_id": "/api/meetings",
    "resolution_id": "/api/resolutions",
    "at_meeting_id": "/api/meetings",
    "superseded_by": "/api/resolutions",
}


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory):
    with fresh_store("sqlite", tmp_path_factory.mktemp("positive")) as url:
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        assert app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
        yield app
        service_of(app).close()


@pytest.fixture(scope="module")
def api_schema(seeded_app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", seeded_app)
    schema.config.generation.update(modes=[GenerationMode.POSITIVE])
    ids = _seeded_ids(seeded_app)

    def now_and_then_nearer_the_record(name: str, value: Any) -> st.SearchStrategy:
        if name == "clause":
            return st.just(value) | st.integers(1, 5)
        if name in SEEDED and isinstance(value, str):
            return st.just(value) | st.sampled_from(ids[SEEDED[name]])
        if name == "effective_date" and isinstance(value, str):
            # Most dates in 1800-2199 fall before the record began or after today.
            recent = st.dates(date(2023, 10, 1), date.today()).map(date.isoformat)
            return st.just(value) | recent
        return st.just(value)

    def nearer_the_record(values: dict[str, Any] | None) -> st.SearchStrategy:
        if not isinstance(values, dict):
            return st.just(values)
        return st.fixed_dictionaries(
            {name: now_and_then_nearer_the_record(name, v) for name, v in values.items()}
        )

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        return nearer_the_record(path_parameters)

    @schema.hook
    def flatmap_body(context, body):
        return nearer_the_record(body)

    @schema.hook
    def flatmap_headers(context, headers):
        # A random If-Match is almost always stale (412), which would hide the rules
        # behind it: half the time, none is sent.
        if not headers or "If-Match" not in headers:
            return st.just(headers)
        without = {k: v for k, v in headers.items() if k != "If-Match"}
        return st.just(headers) | st.just(without)

    return schema


def _seeded_ids(app) -> dict[str, list[str]]:
    client = app.test_client()
    return {
        url: [item["id"] for item in client.get(f"{url}?limit=200").json["items"]]
        for url in set(SEEDED.values())
    }


schema = schemathesis.pytest.from_fixture("api_schema")

KINDS = {
    ("declaration", "kind"): DeclarationKind,
    ("clause", "kind"): ClauseKind,
    ("membership", "role"): MemberRole,
}
CANNOT_BE_EMPTY = {
    ("item", "title"),
    ("declaration", "interest"),
    ("resolution", "title"),
    ("clause", "text"),
}


def _number(query: dict[str, Any], name: str) -> int | None:
    """A whole number from the query (the run sends some as text, as a URL carries them)."""
    value = query.get(name)
    return None if value is None else int(value)


# Each rule the document states in words, because JSON Schema cannot say it: the answer
# it is refused with, and whether this request broke it. A refusal is tolerated only
# when the request did.
def _effective_date_to_come(case, app) -> bool:
    """An effective date is not after today: the schema cannot say "today"."""
    when = (case.body or {}).get("effective_date") if isinstance(case.body, dict) else None
    return when is not None and date.fromisoformat(when) > date.today()


def _position_to_come(case, app) -> bool:
    """min_position names a position a receipt gave out: the log's length is state."""
    asked = _number(case.query, "min_position")
    last = service_of(app).recorder.max_notification_id() or 0
    return asked is not None and asked > last


def _a_cursor_sent(case, app) -> bool:
    """A cursor is opaque: the schema says its alphabet, but only one the service gave
    out decodes to a place in a list."""
    return "cursor" in case.query


def _both_pasts(case, app) -> bool:
    """as_of and recorded_as_of ask two different questions: not both in one request
    (query parameters are separate schemas, and cannot exclude each other)."""
    return {"as_of", "recorded_as_of"} <= set(case.query)


def _first_after_second(case, app) -> bool:
    """A consistency proof runs from a smaller tree to a larger: an order between two
    parameters."""
    first = _number(case.query, "first")
    second = _number(case.query, "second") or _latest_checkpoint(app)
    return first is not None and first > second


def _beyond_the_ledger(case, app) -> bool:
    """A tree size the ledger has not reached: its size is state."""
    size = app.extensions["minutebook.ledger"].head().tree_size
    asked = [_number(case.query, n) for n in ("tree_size", "first", "second", "position")]
    return any(n is not None and n > size for n in asked)


def _latest_checkpoint(app) -> int:
    latest = app.extensions["minutebook.ledger"].latest_checkpoint()
    return 0 if latest is None else latest.tree_size


def _lone_surrogate(case, app) -> bool:
    """JSON can carry half of a UTF-16 pair (a lone surrogate), which is no character:
    a pattern in JSON Schema cannot exclude it."""
    sent = [case.body, case.query, case.path_parameters]
    return any(0xD800 <= ord(c) <= 0xDFFF for text in _strings(sent) for c in text)


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _minute_text_too_long(case, app) -> bool:
    """An item's paragraphs together hold at most MINUTE_TEXT characters: a sum over an
    array."""
    paragraphs = case.body.get("paragraphs") if isinstance(case.body, dict) else None
    kept = "\n\n".join(p.strip() for p in paragraphs or [])
    return len(kept) > limits.MINUTE_TEXT


def _two_names_differ(case, app) -> bool:
    """`actor` is `recorded_by`'s older name: sent both, they must agree."""
    both = [case.query.get("recorded_by"), case.query.get("actor")]
    return None not in both and both[0] != both[1]


# A correction names its fact by `subject` and `field`, a source by `subject`; which
# fields a subject has, which part of the record (item, member) it needs, and the form
# of the new value all depend on another field of the body. JSON Schema could say the
# pairings only as a oneOf per subject, which generated clients make little of: the
# document says them in words (web/schemas/corrections.py, provenance.py).
def _body(case) -> dict[str, Any]:
    return case.body if isinstance(case.body, dict) else {}


def _fact(case) -> tuple[Any, Any]:
    return _body(case).get("subject"), _body(case).get("field")


def _field_not_of_its_subject(case, app) -> bool:
    """A subject has only its own fields: a pairing of two fields."""
    return "/corrections" in case.path and _fact(case) not in FIELDS


def _no_item_named(case, app) -> bool:
    """A fact of an agenda item names the item: needed only for the subject item."""
    return _body(case).get("subject") == "item" and _body(case).get("item") is None


def _no_member_named(case, app) -> bool:
    """Somebody's attendance, a declaration, or a membership, names the member: needed
    only for those subjects."""
    body = _body(case)
    named = ("attendance", "declaration", "membership")
    return body.get("subject") in named and body.get("member") is None


def _no_clause_named(case, app) -> bool:
    """A clause, or its action, names the clause: needed only for those subjects."""
    body = _body(case)
    return body.get("subject") in ("clause", "action") and body.get("clause") is None


def _value(case) -> Any:
    return _body(case).get("value")


def _not_a_time(case, app) -> bool:
    """A start time is a time, HH:MM: the value's form depends on `field`."""
    value = _value(case)
    return _fact(case) == ("meeting", "start_time") and not (
        value is None or re.fullmatch(CLOCK_PATTERN, value)
    )


def _not_a_date(case, app) -> bool:
    """A due date is a date, YYYY-MM-DD, within the record's range."""
    value = _value(case)
    if _fact(case) != ("action", "due_date") or value is None:
        return False
    try:
        return not EARLIEST <= date.fromisoformat(value) <= LATEST or len(value) != 10
    except ValueError:
        return True


def _not_a_kind(case, app) -> bool:
    """A kind or role is one of its names (a declaration's kind may be cleared)."""
    kinds = KINDS.get(_fact(case))
    value = _value(case)
    if kinds is None or (value is None and _fact(case) == ("declaration", "kind")):
        return False
    return value not in {k.value for k in kinds}


def _not_a_meeting_id(case, app) -> bool:
    """The meeting that approved the minutes is named by its id."""
    if _fact(case) != ("approval", "approved_by"):
        return False
    try:
        UUID(str(_value(case)))
    except ValueError:
        return True
    return False


def _text_too_long_for_its_field(case, app) -> bool:
    """Each text field has its own length; the value's schema has the longest."""
    value, (_, field) = _value(case), _fact(case)
    return isinstance(value, str) and field in LENGTHS and len(value) > LENGTHS[field]


def _required_text_cleared(case, app) -> bool:
    """A title, an interest or a clause's text may be corrected but not cleared."""
    return _value(case) is None and _fact(case) in CANNOT_BE_EMPTY


def _key_used_before(case, app) -> bool:
    """An Idempotency-Key names one request: sent again with another, it is refused.
    Which keys a token has used is state."""
    return case.headers is not None and "Idempotency-Key" in case.headers


def _stale_if_match(case, app) -> bool:
    """If-Match names a version the record is not at: the record's version is state."""
    return case.headers is not None and "If-Match" in case.headers


def _text_and_html_or_neither(case, app) -> bool:
    """Minutes to draft are sent as `text` or as `html`: one of two properties."""
    body = case.body if isinstance(case.body, dict) else {}
    return ("text" in body) == ("html" in body)


def _not_minutes(case, app) -> bool:
    """Text to draft is minutes: the drafter finds a meeting's date or a numbered item in
    it (what the text says, not its shape)."""
    from domain.minutes import DraftError, draft_from_html, draft_from_text

    body = case.body if isinstance(case.body, dict) else {}
    try:
        draft_from_html(body["html"]) if "html" in body else draft_from_text(body["text"])
    except DraftError as refused:
        return refused.rule == "not-minutes"
    return False


def _minutes_break_a_rule(case, app) -> bool:
    """A minutes document is refused whole, with a 422, for every rule of the record it
    breaks (a member who did not sit that day, minutes approved out of order): what the
    record holds, not the document's shape. Nothing was recorded, so checking it again
    finds the same."""
    from domain.minutes.recording import MinutesBuild
    from web.schemas.minutes import MinutesDocument

    build = MinutesBuild(
        service_of(app), MinutesDocument().load(case.body), "positive", may_establish=True
    )
    build.run()
    return bool(build.problems)


def _both_resolution_forms(case, app) -> bool:
    """An item sends its one `resolution` or its several `resolutions`, not both: a rule
    between two fields, said in the description (as `not: {required: [both]}` it would
    be lost on generated clients)."""
    items = _body(case).get("items")
    return isinstance(items, list) and any(
        isinstance(i, dict) and i.get("resolution") is not None and i.get("resolutions")
        for i in items
    )


TOLERATED = {
    (422, "effective-date-in-the-future"): _effective_date_to_come,
    (422, "invalid-value", "min_position"): _position_to_come,
    (422, "invalid-value", "cursor"): _a_cursor_sent,
    (422, "invalid-input", "recorded_as_of"): _both_pasts,
    (422, "first-after-second"): _first_after_second,
    (422, "tree-size-beyond-ledger"): _beyond_the_ledger,
    (422, "invalid-input", "valid Unicode"): _lone_surrogate,
    (422, "minute-text-too-long"): _minute_text_too_long,
    (422, "invalid-input", "recorded_by and actor"): _two_names_differ,
    (422, "idempotency-key-reused"): _key_used_before,
    (412, "stale-version"): _stale_if_match,
    (422, "text-or-html"): _text_and_html_or_neither,
    (422, "not-minutes"): _not_minutes,
    (422, "not-correctable"): _field_not_of_its_subject,
    (422, "invalid-value", "agenda item must not be blank"): _no_item_named,
    (422, "invalid-value", "attendee name must not be blank"): _no_member_named,
    (422, "invalid-value", "member name must not be blank"): _no_member_named,
    (422, "invalid-value", "name the member whose declaration"): _no_member_named,
    (422, "invalid-value", "name the clause whose"): _no_clause_named,
    (422, "invalid-value", "must be a time, HH:MM"): _not_a_time,
    (422, "invalid-value", "due date must be"): _not_a_date,
    (422, "invalid-value", "must be one of"): _not_a_kind,
    (422, "invalid-value", "must be a meeting's id"): _not_a_meeting_id,
    (422, "invalid-value", "characters", "must be at most"): _text_too_long_for_its_field,
    (422, "invalid-value", "must not be blank"): _required_text_cleared,
    (422, "minutes-invalid"): _minutes_break_a_rule,
    (422, "invalid-input", "send resolution or resolutions, not both"): _both_resolution_forms,
}


def tolerated(case, response, app) -> str | None:
    """The rule a refusal names, if the request broke a rule the schema cannot say."""
    try:
        problem = response.json()
    except ValueError:
        return None
    said = json.dumps(problem)
    for key, broke in TOLERATED.items():
        status, rule, *words = key
        if (response.status_code, problem.get("rule")) == (status, rule) and all(
            w in said for w in words
        ):
            return broke.__doc__ if broke(case, app) else None
    return None


def accepted_unless_a_rule_in_words(app):
    def valid_data_is_accepted(ctx, response, case):
        if tolerated(case, response, app) is None:
            return positive_data_acceptance(ctx, response, case)
        return None

    return valid_data_is_accepted


def run(case, app, headers):
    checks = [
        not_a_server_error,
        status_code_conformance,
        response_schema_conformance,
        accepted_unless_a_rule_in_words(app),
    ]
    case.call_and_validate(headers=headers, checks=checks)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_a_request_the_schema_allows_is_never_refused_for_its_shape(case, seeded_app):
    with seeded_app.test_client() as client:
        headers = auth(client, "positive@minutebook")
    run(case, seeded_app, headers)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_nor_with_a_clerks_token(case, seeded_app):
    with seeded_app.test_client() as client:
        headers = auth(client, "positive clerk", role="clerk", council="st-helens")
    run(case, seeded_app, headers)
