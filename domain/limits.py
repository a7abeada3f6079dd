"""How long each kind of text may be, and the shape of a slug: the record's rules.

The domain checks them on every command; the web edge's schemas import them, so
that an API client learns the same limit from the OpenAPI document as the domain
enforces, and a limit changed here changes both.
"""

from __future__ import annotations

import re

# Slugs name councils and committees in URLs and natural ids.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RULE = "lower-case words joined by hyphens"
SLUG = 80

PERSON = 200  # a member, an attendee, an owner, the person who recorded a change
COUNCIL_NAME = 200
COMMITTEE_NAME = 300
TITLE = 500  # an agenda item's or a resolution's title, a work programme topic
SOURCE = 500  # where a work programme topic came from; a cited document's title
ADDRESS = 2000  # a cited document's web address or file name
LOCATOR = 200  # where in a document: a page, a minute, a paragraph
VENUE = 300
BODY = 300  # a body an action is referred to, a meeting it is due at
ITEM_KEY = 100  # an agenda item's key
NUMBER = 40  # a minute number, an agenda number
CAPACITY = 200  # in what capacity somebody attended
REASON = 2000  # why a change was made, an interest declared
REPORT = 5000  # a report back, a progress note, an outcome
CLAUSE_TEXT = 10_000
CLAUSE_LABEL = 20  # a clause's own label as printed: (iv), A, (a), 1.

MAX_CLAUSES = 50
SITTINGS_PER_DAY = 9  # a committee's meetings on one day: ordinary, special, reconvened
RESOLUTIONS_PER_ITEM = 20  # an amendment, another, the substantive motion...
# An item's own minute: the paragraphs of what was presented, asked and answered.
MINUTE_TEXT = 20_000  # all the paragraphs of one item together
PARAGRAPHS = 200

# Text the record keeps (no control characters, not blank) is said as a JSON Schema
# pattern at the web edge (web/schemas/common.py), where clients read it.
# The years records are kept for, as a pattern on ISO dates (1800-01-01 to 2199-12-31).
DATE_PATTERN = r"^(18|19|20|21)\d{2}-\d{2}-\d{2}$"

_SLUG = re.compile(SLUG_PATTERN)


def is_slug(value: str) -> bool:
    return bool(_SLUG.match(value))
