"""Atom (RFC 4287) documents, built with the standard library's ElementTree, paged as
RFC 5005 (section 3) says: `first`, and `next` to the following page of older (or later
due) entries.

Ids are URNs that never change: a record's own UUID, or a UUID derived from what the
entry is about (an event's record and version, an action's resolution and clause).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID, uuid5
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
# The namespace the entries' derived ids are made in (a uuid5 of "minutebook feeds").
IDS = uuid5(UUID(int=0), "minutebook feeds")
ET.register_namespace("", ATOM)


def urn(*parts: object) -> str:
    """A stable id: the record's UUID itself, or one derived from several parts."""
    if len(parts) == 1 and isinstance(parts[0], UUID):
        return parts[0].urn
    return uuid5(IDS, "/".join(str(p) for p in parts)).urn


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    link: str  # the record, as a page
    summary: str
    related: str | None = None  # the record, as JSON
    categories: tuple[str, ...] = field(default=())


def feed(
    *,
    id: str,
    title: str,
    author: str,
    self_url: str,
    first_url: str,
    next_url: str | None,
    alternate: str,
    entries: list[Entry],
) -> bytes:
    """The feed; `updated` is its latest entry's (an empty feed's is now)."""
    root = _el(None, "feed")
    _el(root, "id", id)
    _el(root, "title", title)
    _el(root, "updated", timestamp(max((e.updated for e in entries), default=datetime.now(UTC))))
    _el(_el(root, "author"), "name", author)
    _el(root, "generator", "Minutebook")
    _link(root, "self", self_url, "application/atom+xml")
    _link(root, "first", first_url, "application/atom+xml")
    if next_url is not None:
        _link(root, "next", next_url, "application/atom+xml")
    _link(root, "alternate", alternate, "text/html")
    for entry in entries:
        node = _el(root, "entry")
        _el(node, "id", entry.id)
        _el(node, "title", entry.title)
        _el(node, "updated", timestamp(entry.updated))
        _link(node, "alternate", entry.link, "text/html")
        if entry.related:
            _link(node, "related", entry.related, "application/json")
        for term in entry.categories:
            _el(node, "category").set("term", term)
        _el(node, "summary", entry.summary).set("type", "text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _el(parent: ET.Element | None, name: str, text: str | None = None) -> ET.Element:
    tag = f"{{{ATOM}}}{name}"
    node = ET.Element(tag) if parent is None else ET.SubElement(parent, tag)
    if text is not None:
        node.text = text
    return node


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    _el(parent, "link").attrib.update({"rel": rel, "href": href, "type": media_type})
