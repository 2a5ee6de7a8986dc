"""The lock schema as values: Source, Entry, Manifest (reference §12.1)."""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass, field
from typing import Any

import mochi_py_toml
from mochi_py_lockfile._errors import (
    DuplicateEntryError,
    LockfileFormatError,
    SchemaVersionError,
    UnknownCapabilityError,
    UnknownSourceError,
)
from mochi_py_lockfile._text import show
from mochi_py_lockfile._vocab import CAPABILITIES, KEYS, KNOWN_KEYS, SCHEMA_VERSION

__all__ = ["Entry", "Manifest", "Source"]

_CAPABILITY_SET = frozenset(CAPABILITIES)
# (TOML key, attribute) of every string field, in key order.
_STRING_FIELDS = tuple((key, attr) for key, attr in KEYS if key not in ("source", "capabilities"))


class Source(enum.Enum):
    """Where a distribution comes from (MEP-71 §5): exactly these four tokens."""

    REGISTRY = "registry"
    INDEX = "index"
    GIT = "git"
    PATH = "path"

    @classmethod
    def parse(cls, token: object) -> Source:
        """The Source spelled `token`; anything else raises UnknownSourceError."""
        if isinstance(token, str):
            try:
                return cls(token)  # the enum's own value lookup: one dict access
            except ValueError:
                pass
        raise UnknownSourceError(token)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Entry:
    """One `[[python-package]]` table: one `import python` target, keyed by (name, alias).

    String fields use "" for "absent" (such keys are omitted when rendered). `capabilities`
    is sorted and free of duplicates. `extra` keeps keys this version does not know, in file
    order, each with its value as canonical one-line TOML text (what
    `mochi_py_toml.format_value` writes), so a newer tool's keys survive a parse / render
    round trip without this package having to understand or re-type them. `extra` is not
    compared by drift checks. Construction validates everything and raises
    LockfileFormatError (a ValueError) naming the offending key.
    """

    name: str
    alias: str
    source: Source
    version: str = ""
    specifier: str = ""
    index_url: str = ""
    git_url: str = ""
    git_rev: str = ""
    local_path: str = ""
    wrapper_sha256: str = ""
    capabilities: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        for key, attr in _STRING_FIELDS:
            value = getattr(self, attr)
            if not isinstance(value, str):
                raise LockfileFormatError(f"must be a string, not {type(value).__name__}", key=key)
        for key in ("name", "alias"):
            if not getattr(self, key):
                raise LockfileFormatError("must not be empty", key=key)
        source: object = self.source  # typed Source, but callers may pass anything at runtime
        if not isinstance(source, Source):
            # A bare token is accepted for convenience; it is still checked.
            object.__setattr__(self, "source", Source.parse(source))
        # Most entries have no unknown keys, and a lock has thousands of entries: skip the
        # work for the empty tuple (a list, even empty, is still converted).
        if self.capabilities != ():
            object.__setattr__(self, "capabilities", _checked_capabilities(self.capabilities))
        if self.extra != ():
            object.__setattr__(self, "extra", _checked_extra(self.extra))

    @property
    def key(self) -> str:
        """`<name>:<alias>`, the entry's key in diffs and reports."""
        return f"{self.name}:{self.alias}"

    def extra_values(self) -> dict[str, Any]:
        """The unknown keys with their values decoded, in file order."""
        return {key: decode_extra(text) for key, text in self.extra}


def _checked_capabilities(value: object) -> tuple[str, ...]:
    if not isinstance(value, (tuple, list)):
        raise LockfileFormatError(
            f"must be a list of strings, not {type(value).__name__}", key="capabilities"
        )
    for token in value:
        if token not in _CAPABILITY_SET:
            raise UnknownCapabilityError(token)
    tokens = tuple(value)
    if list(tokens) != sorted(set(tokens)):
        # Capabilities are a set; one spelling (sorted, unique) keeps the bytes stable and
        # makes a hand-edited list visible instead of silently re-ordered (reference §16.15).
        expected = ", ".join(show(token) for token in sorted(set(tokens)))
        raise LockfileFormatError(
            f"capabilities must be sorted and unique; write [{expected}]", key="capabilities"
        )
    return tokens


def _checked_extra(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, (tuple, list)):
        raise LockfileFormatError(f"extra must be a tuple of (key, TOML text) pairs, not {value!r}")
    seen: set[str] = set()
    pairs = []
    for pair in value:
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
            raise LockfileFormatError(f"extra must hold (key, TOML text) pairs, not {pair!r}")
        key, text = pair
        if not isinstance(key, str) or not isinstance(text, str):
            raise LockfileFormatError(f"extra must hold (key, TOML text) pairs, not {pair!r}")
        if key in KNOWN_KEYS:
            raise LockfileFormatError("a known key cannot also be an extra key", key=key)
        if key in seen:
            raise LockfileFormatError("extra key given twice", key=key)
        seen.add(key)
        if "\n" in text or "\r" in text or encode_extra(decode_extra(text, key)) != text:
            # Only the canonical one-line spelling is accepted: anything else could smuggle a
            # second key (or a table header) into the rendered lock.
            raise LockfileFormatError(
                "extra value must be canonical one-line TOML (use mochi_py_toml.format_value)",
                key=key,
            )
        pairs.append((key, text))
    return tuple(pairs)


def encode_extra(value: object) -> str:
    """The canonical text stored in `Entry.extra` for a decoded TOML value."""
    return mochi_py_toml.format_value(value)


def decode_extra(text: str, key: str | None = None) -> Any:
    try:
        document = mochi_py_toml.loads(f"v = {text}\n")
    except mochi_py_toml.TomlError as exc:
        raise LockfileFormatError(f"extra value is not TOML: {exc.message}", key=key) from exc
    if list(document) != ["v"]:
        raise LockfileFormatError("extra value must be a single TOML value", key=key)
    return document["v"]


@dataclass(frozen=True)
class Manifest:
    """The whole `[[python-package]]` table set plus its `schema-version`.

    The constructor stores `entries` as a new tuple sorted by (name, alias) (the caller's
    sequence is never touched) and rejects a duplicate (name, alias) and any schema version
    other than 1.
    """

    schema_version: int = SCHEMA_VERSION
    entries: tuple[Entry, ...] = ()

    def __post_init__(self) -> None:
        check_schema_version(self.schema_version)
        entries = tuple(self.entries)
        for entry in entries:
            if not isinstance(entry, Entry):
                raise LockfileFormatError(
                    f"manifest entries must be Entry values, not {type(entry).__name__}"
                )
        ordered = sorted(entries, key=lambda e: (e.name, e.alias))
        for before, after in itertools.pairwise(ordered):
            if (before.name, before.alias) == (after.name, after.alias):
                raise DuplicateEntryError(after.name, after.alias)
        object.__setattr__(self, "entries", tuple(ordered))

    def sorted(self) -> Manifest:
        """This manifest (already sorted by construction); kept for the upstream name."""
        return self

    def by_key(self) -> dict[tuple[str, str], Entry]:
        """Entries indexed by (name, alias), in sorted order."""
        return {(e.name, e.alias): e for e in self.entries}


def check_schema_version(value: object) -> int:
    """`value` if it is the supported schema version, else SchemaVersionError."""
    # bool is an int subclass; `schema-version = true` is still a type error.
    if type(value) is not int:
        raise SchemaVersionError(
            f"schema-version must be the integer {SCHEMA_VERSION}, "
            f"not {type(value).__name__} {value!r}",
            found=value,
        )
    if value != SCHEMA_VERSION:
        raise SchemaVersionError(
            f"unsupported schema-version {value} (this build understands {SCHEMA_VERSION}); "
            "upgrade mochi-py-lockfile or regenerate the lock",
            found=value,
        )
    return value
