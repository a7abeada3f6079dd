"""How the schemas read in the OpenAPI document: what apispec writes, said exactly.

apispec writes a nullable nested schema as `anyOf: [<ref>, {type: object, nullable:
true}]`, whose second branch allows any object at all: here it allows null and nothing
else, so a client generated from the document has the nested schema's class or None. And
it writes an enum of a Python Enum with no `type`, which OpenAPI 3.0 needs beside
`nullable` (and generators need to name the enum's type): here, `string`.
"""

from __future__ import annotations

from typing import Any


def tidy(node: Any) -> None:
    """Make every schema within `node` (a schema, or any part of the document) exact."""
    if isinstance(node, list):
        for item in node:
            tidy(item)
        return
    if not isinstance(node, dict):
        return
    if "enum" in node and "type" not in node:
        named = [value for value in node["enum"] if value is not None]
        if named and all(isinstance(value, str) for value in named):
            node["type"] = "string"
    if any("$ref" in branch for branch in node.get("anyOf", [])):
        for branch in node["anyOf"]:
            if branch == {"type": "object", "nullable": True}:
                branch["enum"] = [None]
    for value in node.values():
        tidy(value)
