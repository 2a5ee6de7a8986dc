"""Checking values before they are written, and the one-line rendering of keys and values.

Every writer in this package first turns its input into plain values (dict, list, str, int,
float, bool, date, time, datetime) here, so that anything TOML cannot hold is reported as a
TomlError naming its key path instead of surfacing as a TypeError from tomli-w, and so that
subclasses (enums, datetime subclasses) cannot change the rendered text through their own
`__str__`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import tomli_w

from mochi_py_toml._errors import TomlError
from mochi_py_toml._scan import first_surrogate

# Beyond this many nested arrays / tables the text would come close to the parser's recursion
# limit, so a document we write could fail to load again.
MAX_DEPTH = 100
# TOML integers are 64-bit; Python's are not, and other readers of the file would lose digits.
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_NO_OFFSET = "a UTC offset of whole minutes"

KeyPath = tuple[str | int, ...]


def format_key(key: str) -> str:
    """`key` as it is written in TOML: bare if it matches [A-Za-z0-9_-]+, else quoted."""
    if not isinstance(key, str):
        raise TomlError(f"a TOML key is a string, not {type(key).__name__}")
    _check_text(key, (), "key")
    # tomli-w has no public key formatter: render a one-key document and cut the fixed
    # " = 0\n" suffix, so its quoting is reused rather than written a second time here.
    return tomli_w.dumps({str.__str__(key): 0})[: -len(" = 0\n")]


def format_value(value: Any) -> str:
    """`value` as a one-line TOML literal that parses back to an equal value."""
    return _inline(plain_value(value))


def plain_value(value: Any) -> Any:
    """`value` as plain Python TOML values; TomlError for anything TOML cannot hold."""
    return _plain(value, (), set())


def plain_document(document: Any) -> dict[str, Any]:
    """Like `plain_value`, for a whole document (which must be a mapping)."""
    if not isinstance(document, Mapping):
        raise TomlError(
            f"a TOML document is a mapping of keys to values, not {type(document).__name__}",
            key_path="",
        )
    return _plain_table(document, (), set())


def render_key_path(where: KeyPath) -> str:
    """`where` as text: keys joined by dots (quoted when not bare), indices as [i]."""
    out = ""
    for part in where:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + _display_key(part)
    return out


def _inline(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        pairs = (f"{format_key(key)} = {_inline(item)}" for key, item in value.items())
        return "{ " + ", ".join(pairs) + " }"
    # A scalar: tomli-w's literal for it, cut out of a one-key document (see format_key).
    # Its strings escape every control character, so the literal is always one line.
    return tomli_w.dumps({"v": value})[len("v = ") : -1]


def _plain(value: Any, where: KeyPath, active: set[int]) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not _INT64_MIN <= value <= _INT64_MAX:
            raise _error(where, f"integer {value} is outside TOML's 64-bit range")
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        _check_text(value, where, "string")
        return str.__str__(value)
    if isinstance(value, datetime):
        return _plain_datetime(value, where)
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise _error(where, "a time of day with a tzinfo: TOML has no offset times")
        return time(value.hour, value.minute, value.second, value.microsecond)
    if isinstance(value, (list, tuple)):
        _enter(value, where, active)
        try:
            return [_plain(item, (*where, index), active) for index, item in enumerate(value)]
        finally:
            active.discard(id(value))
    if isinstance(value, Mapping):
        return _plain_table(value, where, active)
    if value is None:
        raise _error(where, "None cannot be written: TOML has no null (leave the key out instead)")
    raise _error(where, f"a value of type {type(value).__qualname__} cannot be written as TOML")


def _plain_table(table: Mapping[Any, Any], where: KeyPath, active: set[int]) -> dict[str, Any]:
    _enter(table, where, active)
    try:
        out: dict[str, Any] = {}
        for key, item in table.items():
            if not isinstance(key, str):
                kind = type(key).__qualname__
                raise _error(where, f"key {key!r} ({kind}) is not a string; TOML keys are strings")
            _check_text(key, where, "key")
            plain_key = str.__str__(key)
            out[plain_key] = _plain(item, (*where, plain_key), active)
        return out
    finally:
        active.discard(id(table))


def _plain_datetime(value: datetime, where: KeyPath) -> datetime:
    offset = None
    if value.tzinfo is not None:
        delta = value.utcoffset()
        if delta is None:
            raise _error(where, f"datetime has a tzinfo but no UTC offset; TOML needs {_NO_OFFSET}")
        if delta % timedelta(minutes=1):
            raise _error(where, f"datetime offset {delta} is not {_NO_OFFSET}")
        offset = timezone(delta)
    return datetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=offset,
    )


def _enter(container: object, where: KeyPath, active: set[int]) -> None:
    if id(container) in active:
        raise _error(where, "the value contains itself")
    if len(where) >= MAX_DEPTH:
        raise _error(where, f"values are nested more than {MAX_DEPTH} levels deep")
    active.add(id(container))


def _check_text(text: str, where: KeyPath, what: str) -> None:
    found = first_surrogate(text)
    if found >= 0:
        shown = f"key {_display_key(text)}" if what == "key" else f"string (index {found})"
        raise _error(
            where,
            f"{shown} holds a lone surrogate U+{ord(text[found]):04X}, "
            "which UTF-8 (and so TOML) cannot encode",
        )


def _display_key(key: str) -> str:
    if _BARE_KEY.match(key):
        return key
    if first_surrogate(key) < 0:
        return format_key(key)
    # Only for error messages: JSON's ASCII escapes can show a lone surrogate.
    return json.dumps(key)


def _error(where: KeyPath, why: str) -> TomlError:
    key_path = render_key_path(where)
    message = f"{key_path}: {why}" if key_path else why
    return TomlError(message, key_path=key_path)
