"""Minutes drafts: the text of published minutes in, a draft document out.

Drafting records nothing, but it still needs a token (any clerk's or admin's), so
that the parser is not free computing for anonymous callers; the token is checked
before the body is read (web/guards.py), as for every POST.
"""

from __future__ import annotations

from typing import Any

from flask_smorest import abort

from domain.minutes import DraftError, draft_from_html, draft_from_text
from domain.minutes.drafting import one_type_each
from web.access import writer
from web.blueprint import Blueprint
from web.schemas.common import ProblemSchema
from web.schemas.minutes import DraftRequest, DraftSchema

blp = Blueprint(
    "minutes",
    __name__,
    url_prefix="/api/minutes",
    description="Minutes: drafting a minutes document from published minutes.",
)


@blp.route("/drafts", methods=["POST"])
@blp.arguments(DraftRequest)
@blp.response(200, DraftSchema)
@blp.alt_response(401, schema=ProblemSchema, description="No valid API token was sent.")
@blp.alt_response(413, schema=ProblemSchema, description="The body is too large.")
@blp.alt_response(415, schema=ProblemSchema, description="The body is not JSON.")
@blp.alt_response(
    422, schema=ProblemSchema, description="Not minutes, or invalid: `rule` says which."
)
def draft_minutes(body: dict[str, Any]) -> Any:
    """Draft a minutes document from the text (or a ModernGov page's HTML) of published
    minutes: a draft to review (its `review` list says what to check), nothing recorded.

    Two rules a schema cannot say: send `text` or `html`, one of the two (422
    `text-or-html`); and the text must be minutes, in which the drafter finds a meeting's
    date or a numbered item (422 `not-minutes`)."""
    writer()
    if ("text" in body) == ("html" in body):
        abort(
            422,
            rule="text-or-html",
            message="send the minutes as `text` or as `html`: one of the two",
            fields={"body": ["Send text or html, not both or neither."]},
        )
    try:
        if "html" in body:
            return one_type_each(draft_from_html(body["html"]))
        return one_type_each(draft_from_text(body["text"]))
    except DraftError as e:
        abort(422, rule=e.rule, message=str(e))
