"""Drift between two manifests: added / removed / changed entries (reference §12.6)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

from mochi_py_lockfile._errors import LockDriftError
from mochi_py_lockfile._schema import Entry, Manifest, Source
from mochi_py_lockfile._text import show
from mochi_py_lockfile._vocab import COMPARED_FIELDS, KEYS, RESOLUTION_FIELDS

__all__ = ["Diff", "DiffEntry", "DiffKind", "FieldChange", "check", "compare_manifests"]

_ATTR = dict(KEYS)
# Names and aliases that read unambiguously without quotes in a report line.
_PLAIN = re.compile(r"[A-Za-z0-9._+-]+")


class DiffKind(enum.Enum):
    """How an entry differs between the old and the new manifest."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class FieldChange:
    """One field of one entry that differs.

    `field` is the TOML key; `drift` is "resolution" (source, version, specifier, index-url,
    git-url, git-rev, local-path: what gets installed) or "surface" (wrapper-sha256,
    capabilities: what Mochi code sees). `old` / `new` are the values ("" or () when absent).
    """

    field: str
    drift: str
    old: str | tuple[str, ...]
    new: str | tuple[str, ...]


@dataclass(frozen=True)
class DiffEntry:
    """One entry that was added, removed or changed; `fields` lists changed keys in order."""

    kind: DiffKind
    name: str
    alias: str
    old: Entry | None = None
    new: Entry | None = None
    fields: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """`<name>:<alias>`: one distribution under two aliases is two independent entries."""
        return f"{self.name}:{self.alias}"

    def changes(self) -> tuple[FieldChange, ...]:
        """The changed fields with their old and new values (empty unless CHANGED)."""
        if self.old is None or self.new is None:
            return ()
        return tuple(
            FieldChange(
                field=name,
                drift=drift_kind(name),
                old=_value(self.old, name),
                new=_value(self.new, name),
            )
            for name in self.fields
        )

    def __str__(self) -> str:
        # Upstream's form, kept for messages and tests: `changed x:y (a,b)`, `added x:y`.
        if self.fields:
            return f"{self.kind} {self.key} ({','.join(self.fields)})"
        return f"{self.kind} {self.key}"


@dataclass(frozen=True)
class Diff:
    """Every difference between two manifests, sorted by (name, alias)."""

    entries: tuple[DiffEntry, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the manifests agree on every compared field."""
        return not self.entries

    def __bool__(self) -> bool:
        return bool(self.entries)

    def __str__(self) -> str:
        return "\n".join(str(entry) for entry in self.entries)

    def report(self) -> str:
        """One line per problem (each changed field is its own line); "" when empty.

        Lines read `changed httpx:httpx: wrapper-sha256 (surface drift): "ab.." -> "cd.."`,
        `added ghost:gh: new entry (source "registry") not in the old lock`, and
        `removed x:y: entry no longer planned (it is only in the old lock)`. Untrusted text is
        quoted and escaped, so a line never breaks.
        """
        lines: list[str] = []
        for entry in self.entries:
            key = _display_key(entry)
            if entry.kind is DiffKind.ADDED:
                source = entry.new.source.value if entry.new else ""
                lines.append(
                    f"added {key}: new entry (source {show(source)}) not in the old lock; "
                    "regenerate the lock to record it"
                )
            elif entry.kind is DiffKind.REMOVED:
                lines.append(
                    f"removed {key}: entry is only in the old lock; regenerate the lock to drop it"
                )
            else:
                for change in entry.changes():
                    lines.append(
                        f"changed {key}: {change.field} ({change.drift} drift): "
                        f"{_display(change.old)} -> {_display(change.new)}"
                    )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with stable keys: `clean` and the `entries` in diff order."""
        return {
            "clean": self.empty,
            "entries": [
                {
                    "kind": entry.kind.value,
                    "key": entry.key,
                    "name": entry.name,
                    "alias": entry.alias,
                    "fields": [
                        {
                            "field": change.field,
                            "drift": change.drift,
                            "old": _json_value(change.old),
                            "new": _json_value(change.new),
                        }
                        for change in entry.changes()
                    ],
                }
                for entry in self.entries
            ],
        }


def drift_kind(field: str) -> str:
    """ "resolution" or "surface" for a compared field name."""
    return "resolution" if field in RESOLUTION_FIELDS else "surface"


def compare_manifests(old: Manifest, new: Manifest) -> Diff:
    """What changed from `old` to `new`, keyed by (name, alias).

    Compared fields, in this order: source, version, specifier, index-url, git-url, git-rev,
    local-path, wrapper-sha256, capabilities. `extra` keys are not compared: they belong to
    tools this version does not know.
    """
    before = old.by_key()
    after = new.by_key()
    out: list[DiffEntry] = []
    for name, alias in sorted(before.keys() | after.keys()):
        was = before.get((name, alias))
        now = after.get((name, alias))
        if was is None:
            out.append(DiffEntry(DiffKind.ADDED, name, alias, new=now))
        elif now is None:
            out.append(DiffEntry(DiffKind.REMOVED, name, alias, old=was))
        elif was != now:
            # Equal entries (the usual case of a check) need no field-by-field comparison.
            fields = tuple(f for f in COMPARED_FIELDS if _value(was, f) != _value(now, f))
            if fields:
                out.append(DiffEntry(DiffKind.CHANGED, name, alias, was, now, fields))
    return Diff(tuple(out))


def check(old: Manifest, new: Manifest) -> None:
    """Nothing when `old` (the lock on disk) matches `new` (what a build would write now);
    otherwise LockDriftError carrying the Diff."""
    diff = compare_manifests(old, new)
    if diff:
        raise LockDriftError(diff)


def _value(entry: Entry, field: str) -> str | tuple[str, ...]:
    value: str | tuple[str, ...] | Source = getattr(entry, _ATTR[field])
    return value.value if isinstance(value, Source) else value


def _display_key(entry: DiffEntry) -> str:
    if _PLAIN.fullmatch(entry.name) and _PLAIN.fullmatch(entry.alias):
        return entry.key
    return f"{show(entry.name)}:{show(entry.alias)}"


def _display(value: str | tuple[str, ...]) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(show(token) for token in value) + "]"
    return show(value) if value else "(absent)"


def _json_value(value: str | tuple[str, ...]) -> str | list[str]:
    return list(value) if isinstance(value, tuple) else value
