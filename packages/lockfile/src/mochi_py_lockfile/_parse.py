"""TOML text -> Manifest, rejecting every malformed entry with its position (reference §12.5)."""

from __future__ import annotations

from typing import Any

import mochi_py_toml
from mochi_py_lockfile._errors import (
    DuplicateEntryError,
    LockfileError,
    LockfileFormatError,
    SchemaVersionError,
)
from mochi_py_lockfile._positions import Positions
from mochi_py_lockfile._schema import Entry, Manifest, Source, check_schema_version, encode_extra
from mochi_py_lockfile._vocab import KEYS, KNOWN_KEYS, OPTIONAL_STRING_KEYS, REQUIRED_KEYS, TABLE

__all__ = ["parse_toml"]


def parse_toml(text: str, *, path: str | None = None) -> Manifest:
    """The Manifest in lock document `text`; `path` only names the file in errors.

    Raises LockfileFormatError (a ValueError; SchemaVersionError, UnknownSourceError,
    UnknownCapabilityError and DuplicateEntryError are subclasses) carrying `path`, `line`
    and `column` when known, the 0-based `entry` index and the `key` at fault. Keys other
    than `schema-version` and `python-package` are ignored (mochi.lock holds other tables);
    unknown keys inside an entry are kept in `Entry.extra`.
    """
    try:
        document = mochi_py_toml.loads(text, path=path)
    except mochi_py_toml.TomlError as exc:
        raise LockfileFormatError(
            f"not valid TOML: {exc.message}; fix the syntax or regenerate the lock",
            path=path,
            line=exc.line,
            column=exc.column,
        ) from exc
    positions = Positions(text)
    try:
        if "schema-version" not in document:
            raise SchemaVersionError(
                'missing required key "schema-version"; add `schema-version = 1` before the '
                "first table"
            )
        check_schema_version(document["schema-version"])
    except LockfileError as exc:
        exc.add_context(path=path, **_where(positions.top_key("schema-version")))
        raise
    tables = document.get(TABLE, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise LockfileFormatError(
            f"{TABLE} must be an array of tables: write each entry under [[{TABLE}]]",
            path=path,
            key=TABLE,
            **_where(positions.table()),
        )
    entries: list[Entry] = []
    first_index: dict[tuple[str, str], int] = {}
    for index, table in enumerate(tables):
        try:
            entry = decode_entry(table)
            pair = (entry.name, entry.alias)
            if pair in first_index:
                raise DuplicateEntryError(
                    entry.name, entry.alias, entry=index, first_entry=first_index[pair]
                )
            first_index[pair] = index
        except LockfileError as exc:
            found = positions.entry(index, len(tables), exc.key)
            exc.add_context(path=path, entry=index, **_where(found))
            raise
        entries.append(entry)
    return Manifest(entries=tuple(entries))


def decode_entry(table: dict[str, Any]) -> Entry:
    """One `[[python-package]]` table as an Entry (errors carry the key, not the position)."""
    for key in REQUIRED_KEYS:
        if key not in table:
            raise LockfileFormatError(
                f'missing required key "{key}"; every [{TABLE}] entry needs name, alias and source',
                key=key,
            )
    for key in _STRING_KEYS:
        if key in table and not isinstance(table[key], str):
            raise LockfileFormatError(f"must be a string, not {_type_name(table[key])}", key=key)
    capabilities = table.get("capabilities", [])
    if not isinstance(capabilities, list):
        raise LockfileFormatError(
            f"must be an array of strings, not {_type_name(capabilities)}", key="capabilities"
        )
    for position, token in enumerate(capabilities):
        if not isinstance(token, str):
            raise LockfileFormatError(
                f"capabilities[{position}] must be a string, not {_type_name(token)}",
                key="capabilities",
            )
    fields = {attr: table[key] for key, attr in _STRING_FIELDS if key in table}
    extra: tuple[tuple[str, str], ...] = ()
    if len(table) > len(fields) + 1 + ("capabilities" in table):
        extra = tuple(
            (key, encode_extra(value)) for key, value in table.items() if key not in KNOWN_KEYS
        )
    return Entry(
        source=Source.parse(table["source"]),
        capabilities=tuple(capabilities),
        extra=extra,
        **fields,
    )


_STRING_KEYS = (*REQUIRED_KEYS, *OPTIONAL_STRING_KEYS)
# (TOML key, Entry attribute) of every string field.
_STRING_FIELDS = tuple((key, attr) for key, attr in KEYS if key in _STRING_KEYS and key != "source")


_TYPE_NAMES: dict[type, str] = {
    bool: "a boolean",
    int: "an integer",
    float: "a float",
    str: "a string",
    list: "an array",
    dict: "a table",
}


def _type_name(value: object) -> str:
    # In TOML's words (a date or time value falls back to its Python class name).
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _where(found: tuple[int, int] | None) -> dict[str, int | None]:
    return {"line": found[0], "column": found[1]} if found else {"line": None, "column": None}
