"""An item's own minute: the narrative paragraphs clerks write before any resolution.

Sent and shown as a list of paragraphs, each plain text (a single line break inside
one is kept, as in a quotation; a blank line would make it two paragraphs). The read
models keep them as one text with a blank line between paragraphs, which is why a
paragraph may not hold a blank line of its own: splitting gives the list back.
"""

from __future__ import annotations

import re

from domain import limits
from domain.errors import InvalidValue
from domain.recording import check_text

BETWEEN = "\n\n"
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


class MinuteTextTooLong(InvalidValue):
    """Raised when an item's minute text is longer in all than the record keeps."""


def check_paragraphs(paragraphs: list[str]) -> list[str]:
    """One paragraph at least, each non-blank text without a blank line inside, and
    within the limits; returned stripped."""
    if not isinstance(paragraphs, list | tuple) or not paragraphs:
        raise InvalidValue("a minute's text has at least one paragraph")
    if len(paragraphs) > limits.PARAGRAPHS:
        raise InvalidValue(f"a minute's text has at most {limits.PARAGRAPHS} paragraphs")
    checked = []
    for n, paragraph in enumerate(paragraphs, start=1):
        paragraph = check_text(paragraph, f"paragraph {n}", limit=limits.MINUTE_TEXT)
        if _BLANK_LINE.search(paragraph):
            raise InvalidValue(
                f"paragraph {n} holds a blank line: send each paragraph as its own string"
            )
        checked.append(paragraph)
    if len(joined(checked)) > limits.MINUTE_TEXT:
        raise MinuteTextTooLong(
            f"a minute's text is at most {limits.MINUTE_TEXT} characters in all"
        )
    return checked


def joined(paragraphs: list[str]) -> str | None:
    """The paragraphs as the read models keep them (None: no text recorded)."""
    return BETWEEN.join(paragraphs) if paragraphs else None


def paragraphs_of(text: str | None) -> list[str]:
    return [] if text is None else text.split(BETWEEN)
