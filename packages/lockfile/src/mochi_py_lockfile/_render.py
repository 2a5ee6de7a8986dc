"""Manifest -> TOML text in the upstream-compatible layout (reference §12.4)."""

from __future__ import annotations

from typing import Any

from mochi_py_lockfile._schema import Entry, Manifest, decode_extra
from mochi_py_lockfile._vocab import KEYS, TABLE
from mochi_py_toml import format_key, format_value

__all__ = ["BANNER", "entry_table", "render_toml"]

BANNER: tuple[str, ...] = (
    "# Auto-generated MEP-71 python lockfile. Do not edit by hand.",
    "# Regenerate via `mochi pkg lock`.",
)


def render_toml(manifest: Manifest) -> str:
    """The lock document for `manifest`: same manifest, same bytes.

    Layout (compat): the banner, `schema-version = 1`, a blank line, then per entry a
    `[[python-package]]` header, its keys in the fixed order (empty optional keys omitted),
    unknown extra keys after them in their stored order, and a blank line. Every key and
    string goes through mochi-py-toml's encoders, so any text stays valid TOML; for printable
    ASCII the bytes equal upstream's Go `%q` output.
    """
    lines = [*BANNER, f"schema-version = {manifest.schema_version}", ""]
    for entry in manifest.entries:
        lines.append(f"[[{TABLE}]]")
        for key, literal in _entry_lines(entry):
            lines.append(f"{format_key(key)} = {literal}")
        lines.append("")
    return "\n".join(lines) + "\n"


def _entry_lines(entry: Entry) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, attr in KEYS:
        value = getattr(entry, attr)
        if key == "source":
            out.append((key, format_value(value.value)))
        elif key == "capabilities":
            if value:
                # Element by element so the list is always `["a", "b"]` on one line, as
                # upstream writes it, whatever style the TOML encoder prefers for arrays.
                out.append((key, "[" + ", ".join(format_value(token) for token in value) + "]"))
        elif value or key in ("name", "alias"):
            out.append((key, format_value(value)))
    out.extend(entry.extra)
    return out


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
