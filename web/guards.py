"""Checks every request passes before a view runs: a token that is sent is a good one
(401 otherwise, for a read as for a write), a write carries a token and a JSON body
within the stated limits, and every id in the path is a UUID (422 naming it, rather
than a bare 404).

A body's limits: at most 256 KiB (413, Flask's MAX_CONTENT_LENGTH), arrays and
objects nested at most 32 deep, and numbers at most 2**63-1 in magnitude (422). The
depth and the numbers are found by a scan of the raw bytes, before any JSON parser
or schema sees the body, so a hostile body never reaches their recursion or
Python's limit on converting long digit strings.
"""

from __future__ import annotations

import re
from itertools import accumulate
from uuid import UUID

from flask import Flask, request
from flask_smorest import abort
from werkzeug.routing import UUIDConverter

from web.access import principal, writer

MAX_DEPTH = 32
MAX_NUMBER = 2**63 - 1
# A JSON string, even one the body's end cuts off (so the scan stays linear: every
# quote outside a string starts exactly one match). Its brackets and digits are text.
STRING = re.compile(rb'"(?:[^"\\]++|\\[\s\S])*+(?:"|\\?\Z)')
NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
# Only a number of 19 digits or more, one with an exponent, or NaN and Infinity (which
# Python's parser accepts though JSON has neither) can be out of range.
MAYBE_LARGE = re.compile(rb"\d{19}|\d[eE]|NaN|Infinity")
NUMBER = re.compile(rb"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|NaN|Infinity")


class BadId(str):
    """A path segment where a UUID belongs that is not one."""


class LenientUUIDConverter(UUIDConverter):
    """Matches any segment, so a malformed id reaches `check_ids` and gets a 422."""

    regex = r"[^/]+"

    def to_python(self, value: str) -> UUID | BadId:
        try:
            return UUID(value)
        except ValueError:
            return BadId(value)


def check_request() -> None:
    if not request.path.startswith("/api/"):
        return
    if "Authorization" in request.headers:
        principal()  # 401 for a token unknown or revoked, whatever the route
    for name, value in (request.view_args or {}).items():
        if isinstance(value, BadId):
            abort(
                422,
                rule="invalid-input",
                message=f"{name} must be a UUID",
                fields={name: ["Not a valid UUID."]},
            )
    if request.method == "POST":
        writer()  # 401 before anything else is looked at
        if request.mimetype != "application/json":
            abort(
                415,
                rule="unsupported-media-type",
                message="send the body as JSON, with Content-Type: application/json",
            )
        check_body(request.get_data(cache=True))  # 413 over MAX_CONTENT_LENGTH


def check_body(raw: bytes) -> None:
    """Refuse a body nested too deep or holding a number out of range (422)."""
    outside = STRING.sub(b'""', raw)  # what is not inside a string
    brackets = outside.translate(None, NOT_BRACKETS)
    if len(brackets) > MAX_DEPTH and _deepest(brackets) > MAX_DEPTH:
        abort(
            422,
            rule="body-too-deep",
            message=f"the body nests arrays and objects more than {MAX_DEPTH} deep",
            fields={"body": [f"Nested more than {MAX_DEPTH} deep."]},
        )
    if MAYBE_LARGE.search(outside) and any(_out_of_range(n) for n in NUMBER.findall(outside)):
        abort(
            422,
            rule="number-out-of-range",
            message=f"numbers in the body are at most 2**63-1 ({MAX_NUMBER}) in "
            "magnitude, and finite",
            fields={"body": [f"A number is beyond {MAX_NUMBER} in magnitude."]},
        )


def _deepest(brackets: bytes) -> int:
    return max(accumulate(map(STEP.__getitem__, brackets)))


def _out_of_range(number: bytes) -> bool:
    digits = number.removeprefix(b"-").lstrip(b"0")
    if digits.isdigit():  # a whole number: compare it exactly, when it is short enough
        return len(digits) > 19 or int(digits) > MAX_NUMBER
    if digits in (b"NaN", b"Infinity"):
        return True
    return not abs(float(number)) <= MAX_NUMBER  # float() is fine with long digit strings


def install(app: Flask) -> None:
    app.url_map.converters["uuid"] = LenientUUIDConverter
    app.before_request(check_request)
