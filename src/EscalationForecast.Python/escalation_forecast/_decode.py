"""Turns the service's camelCase JSON into the dataclasses of `models`, following their type hints."""
from __future__ import annotations

import dataclasses
import math
import typing
from datetime import date, datetime, timezone
from typing import Any, Union

_HINTS: dict[type, dict[str, Any]] = {}


def camel(name: str) -> str:
    """`probability_at_least_one` -> `probabilityAtLeastOne`; a trailing `_` (as in `from_`) is dropped."""
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def parse_time(text: str) -> datetime:
    """An ISO 8601 date-time (with `Z` or an offset, up to 7 fractional digits) or a bare date, as an aware UTC datetime."""
    if len(text) == 10:
        return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
    text = text.replace("Z", "+00:00")
    if "." in text:  # Python reads at most 6 fractional digits; .NET writes 7
        main, rest = text.split(".", 1)
        digits = "".join(c for c in rest if c.isdigit())
        text = f"{main}.{digits[:6].ljust(6, '0')}{rest[len(digits):]}"
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def decode(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin is Union:
        inner = [a for a in typing.get_args(kind) if a is not type(None)]
        return decode(inner[0], value)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [decode(item, v) for v in value]
    if origin is dict:
        key, item = typing.get_args(kind)
        return {decode(key, k): decode(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(kind):
        return from_json(kind, value)
    if kind is float:
        return float(value) if not isinstance(value, str) else float(value.replace("Infinity", "inf"))
    if kind is int:
        return int(value)
    if kind is datetime:
        return parse_time(value)
    if kind is date:
        return date.fromisoformat(value[:10])
    return value


def from_json(cls: type, obj: dict[str, Any]) -> Any:
    """Builds `cls` from a JSON object; members the dataclass does not name go to its `extra` field when it has one."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    used = set()
    names = {f.name for f in dataclasses.fields(cls)}
    for f in dataclasses.fields(cls):
        if f.name == "extra":
            continue
        key = camel(f.name)
        if key in obj:
            used.add(key)
            values[f.name] = decode(hints[f.name], obj[key])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            values[f.name] = None
    if "extra" in names:
        values["extra"] = {k: v for k, v in obj.items() if k not in used}
    return cls(**values)


def is_nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)
