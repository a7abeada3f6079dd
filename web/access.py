"""Who is asking, and what they may do and see.

- Reads of public business need no token; a token lets its holder also see their
  council's exempt business (an admin's, every council's).
- Every write needs a token (401 without one). A clerk changes only their own
  council's records (403 otherwise, with the reason); establishing committees is
  for admins. A record the writer may not even see answers 404, as unknown would.
"""

from __future__ import annotations

from flask import current_app, request
from flask_smorest import abort

from domain.projections.visibility import EVERYTHING, PUBLIC, Visibility
from web.tokens import Principal, TokenStore

CACHE_KEY = "minutebook.principal"
REFUSED_KEY = "minutebook.refused_token"


def tokens() -> TokenStore:
    return current_app.extensions["minutebook.tokens"]


def principal() -> Principal | None:
    """The token's holder, or None for an anonymous reader. A token that is sent but
    unknown or revoked is refused, never treated as anonymous."""
    cache = request.environ  # per request (flask.g can outlive one in tests)
    if CACHE_KEY not in cache:
        header = request.headers.get("Authorization")
        found = None
        if header is not None:
            scheme, _, token = header.partition(" ")
            found = tokens().authenticate(token.strip()) if scheme.lower() == "bearer" else None
            if found is None:
                cache[REFUSED_KEY] = True  # counted by web/metrics.py
                abort(
                    401,
                    rule="invalid-token",
                    message="the bearer token is unknown, malformed or revoked",
                    headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
                )
        cache[CACHE_KEY] = found
    return cache[CACHE_KEY]


def writer() -> Principal:
    """The holder of the token a write must carry."""
    found = principal()
    if found is None:
        abort(
            401,
            rule="token-required",
            message="recording a change needs an API token: send Authorization: Bearer …",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return found


def visibility() -> Visibility:
    found = principal()
    if found is None:
        return PUBLIC
    if found.role == "admin":
        return EVERYTHING
    return Visibility(frozenset({found.council}))


def may_change(council: str) -> None:
    """Refuse a write to another council's record (403, with the reason). A record the
    writer may not even see is answered as unknown before this is asked."""
    who = writer()
    if who.covers(council):
        return
    abort(
        403,
        rule="other-council",
        message=f"{who.holder}'s token records for {who.council}, not {council}",
    )


def admins_only(what: str) -> None:
    who = writer()
    if who.role != "admin":
        abort(403, rule="admin-only", message=f"only an admin may {what}")
