"""The draft written as TOML, laid out as the seed files are (`tomllib` reads it back).

The standard library reads TOML but does not write it; a draft holds only strings,
booleans, dates, times, lists and tables, so this small writer is enough: top-level
values first, then `[attendance]`, `[[referenced_meetings]]`, `[[declarations]]`,
`[[items]]` with their `[items.resolution]`, and `[[review]]` last.
"""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

TABLE_LISTS = ("referenced_meetings", "declarations", "items", "review")


def dumps(draft: dict[str, Any]) -> str:
    out: list[str] = []
    for key, value in draft.items():
        if not isinstance(value, dict) and not (key in TABLE_LISTS and isinstance(value, list)):
            out.append(f"{key} = {_value(value)}")
    for key, value in draft.items():
        if isinstance(value, dict):
            out += ["", f"[{key}]", *_table_body(value)]
    for key in TABLE_LISTS:
        value = draft.get(key)
        if isinstance(value, list):
            for entry in value:
                out += ["", f"[[{key}]]", *_table_body(entry, key)]
    return "\n".join(out) + "\n"


def _table_body(table: dict[str, Any], prefix: str = "") -> list[str]:
    lines = [f"{k} = {_value(v)}" for k, v in table.items() if not isinstance(v, dict)]
    for key, value in table.items():
        if isinstance(value, dict) and key != "action":
            lines += [f"  [{prefix}.{key}]" if prefix else f"[{key}]"]
            lines += ["  " + line.replace("\n", "\n  ") for line in _table_body(value)]
        elif isinstance(value, dict):
            lines.append(f"{key} = {_value(value)}")
    return lines


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        if all(isinstance(v, dict) for v in value) and value:
            return "[\n" + "".join(f"  {_value(v)},\n" for v in value) + "]"
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"a draft holds no {type(value).__name__}")
