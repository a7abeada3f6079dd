"""What every view needs from a request: the service and read side, which version
the client saw (If-Match), and how fresh the read models must be."""

from __future__ import annotations

import re
from typing import Any

from flask import current_app, request
from flask_smorest import abort

from domain.service import Minutebook, Receipt
from domain.service.reading import Reader
from web.idempotency import IdempotencyStore


def service() -> Minutebook:
    return current_app.extensions["minutebook"]


def reader() -> Reader:
    return current_app.extensions["minutebook.reader"]


def idempotency() -> IdempotencyStore:
    return current_app.extensions["minutebook.idempotency"]


def fresh(args: dict[str, Any]) -> Reader:
    """The read side, with read models at least as fresh as `min_position` asks."""
    read = reader()
    read.before_read(args.get("min_position"))
    return read


def expected_version() -> int | None:
    """The version named by If-Match (`"3"` or `3`), if the client sent one; `*` asks
    for none. A weak tag (`W/"3"`) is refused: If-Match compares tags strongly (RFC
    9110, 13.1.1), so a weak one can never match. A version is at most 18 digits."""
    raw = request.headers.get("If-Match")
    if raw is None or raw.strip() == "*":
        return None
    text = raw.strip()
    if text.startswith("W/"):
        abort(
            422,
            rule="invalid-if-match",
            message='If-Match cannot match a weak tag (W/...): send the ETag as given, such as "3"',
        )
    found = re.fullmatch(r'"(?P<quoted>[0-9]{1,18})"|(?P<bare>[0-9]{1,18})', text)
    if found is None:
        abort(
            422,
            rule="invalid-if-match",
            message='If-Match must be the version number from an ETag, such as "3"',
        )
    return int(found["quoted"] or found["bare"])


def recorded(receipt: Receipt, status: int = 200) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The response to a command: its receipt, saying whether the read models include it
    yet (inline mode catches up first)."""
    caught_up = reader().after_write(receipt.position)
    body = {
        "id": receipt.id,
        "version": receipt.version,
        "position": receipt.position,
        "caught_up": caught_up,
    }
    if receipt.item is not None:
        body["item"] = receipt.item
    return body, status, {"ETag": f'"{receipt.version}"'}


def etag(details: dict[str, Any]) -> dict[str, str]:
    return {"ETag": f'"{details["version"]}"'}


def etag_if_current(details: dict[str, Any], args: dict[str, Any]) -> dict[str, str]:
    """The ETag of a record read as it is now; none for one read as it stood (`as_of`,
    `recorded_as_of`). A past state is not one a write can follow from: sent back as
    If-Match, its version would be refused (412) once the record had moved on."""
    if args.get("as_of") is not None or args.get("recorded_as_of") is not None:
        return {}
    return etag(details)
