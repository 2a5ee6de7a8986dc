"""Manifest -> TOML text in the upstream-compatible layout (reference §12.4)."""

from __future__ import annotations

import re
from typing import Any

from mochi_py_lockfile._schema import Entry, Manifest, Source, decode_extra
from mochi_py_lockfile._vocab import CAPABILITIES, KEYS, OPTIONAL_STRING_KEYS, TABLE
from mochi_py_toml import format_key, format_value

__all__ = ["BANNER", "entry_table", "render_toml"]

BANNER: tuple[str, ...] = (
    "# Auto-generated MEP-71 python lockfile. Do not edit by hand.",
    "# Regenerate via `mochi pkg lock`.",
)


# A lock has thousands of entries with the same keys, so every constant part of a line is
# encoded once, here, by mochi-py-toml's own encoders (never spelled by hand).
_HEADER = f"[[{format_key(TABLE)}]]"
_PREFIX = {key: f"{format_key(key)} = " for key, _ in KEYS}
_SOURCE_LINES = {source: _PREFIX["source"] + format_value(source.value) for source in Source}
# (attribute, "key = ") of the optional string keys, in the fixed key order.
_OPTIONAL_STRINGS: tuple[tuple[str, str], ...] = tuple(
    (attr, _PREFIX[key]) for key, attr in KEYS if key in OPTIONAL_STRING_KEYS
)
_TOKENS = {token: format_value(token) for token in CAPABILITIES}
# Printable ASCII except `"` and `\`: TOML needs no escape for it, so its basic string is the
# text in double quotes, exactly what format_value writes (a test holds the two equal).
# Anything else (escapes, non-ASCII, text TOML cannot hold) goes through format_value itself.
_NEEDS_NO_ESCAPE = re.compile(r"[ !#-\[\]-~]*\Z")


def render_toml(manifest: Manifest) -> str:
    """The lock document for `manifest`: same manifest, same bytes.

    Layout (compat): the banner, `schema-version = 1`, a blank line, then per entry a
    `[[python-package]]` header, its keys in the fixed order (empty optional keys omitted),
    unknown extra keys after them in their stored order, and a blank line. Every key and
    string goes through mochi-py-toml's encoders, so any text stays valid TOML; for printable
    ASCII the bytes equal upstream's Go `%q` output.
    """
    lines = [*BANNER, f"schema-version = {manifest.schema_version}", ""]
    append = lines.append
    name_prefix, alias_prefix = _PREFIX["name"], _PREFIX["alias"]
    for entry in manifest.entries:
        append(_HEADER)
        append(name_prefix + _string(entry.name))
        append(alias_prefix + _string(entry.alias))
        append(_SOURCE_LINES[entry.source])
        for attr, prefix in _OPTIONAL_STRINGS:
            value = getattr(entry, attr)
            if value:
                append(prefix + _string(value))
        if entry.capabilities:
            append(_capabilities_line(entry.capabilities))
        for key, literal in entry.extra:
            append(f"{format_key(key)} = {literal}")
        append("")
    return "\n".join(lines) + "\n"


def _string(value: str) -> str:
    if _NEEDS_NO_ESCAPE.match(value):
        return f'"{value}"'
    return format_value(value)


def _capabilities_line(tokens: tuple[str, ...]) -> str:
    # Element by element so the list is always `["a", "b"]` on one line, as upstream writes
    # it, whatever style the TOML encoder prefers for arrays.
    literals = (_TOKENS.get(token) or format_value(token) for token in tokens)
    return _PREFIX["capabilities"] + "[" + ", ".join(literals) + "]"


def entry_table(entry: Entry) -> dict[str, Any]:
    """The entry as a TOML table (Python values), keys in on-disk order, empties omitted."""
    table: dict[str, Any] = {}
    for key, attr in KEYS:
        value = getattr(entry, attr)
        if key == "source":
            table[key] = value.value
        elif key == "capabilities":
            if value:
                table[key] = list(value)
        elif value or key in ("name", "alias"):
            table[key] = value
    for key, text in entry.extra:
        table[key] = decode_extra(text, key)
    return table
