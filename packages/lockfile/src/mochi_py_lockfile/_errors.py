"""The error classes of mochi-py-lockfile: one base, structured fields, ValueError for bad input."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mochi_py_lockfile._text import show
from mochi_py_lockfile._vocab import CAPABILITIES

if TYPE_CHECKING:
    from mochi_py_lockfile._diff import Diff

__all__ = [
    "BuildResultError",
    "BuildResultMismatchError",
    "DuplicateEntryError",
    "LockDriftError",
    "LockfileError",
    "LockfileFormatError",
    "MissingBuildResultError",
    "SchemaVersionError",
    "SurfaceKindError",
    "UnknownCapabilityError",
    "UnknownSourceError",
]


class LockfileError(Exception):
    """Base class of every error raised by mochi-py-lockfile.

    Fields (each None when it does not apply or is not known):
    `message` the problem and what to do about it; `path` the file as the caller named it;
    `line` / `column` 1-based position in that file; `entry` the 0-based index of the
    `[[python-package]]` table in file order; `key` the TOML key inside that table (or the
    top-level key, e.g. `schema-version`).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        entry: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.entry = entry
        self.key = key

    def add_context(
        self,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        entry: int | None = None,
    ) -> None:
        """Fill in location fields that are still unknown (the raiser's own values win).

        Errors are raised deep inside value constructors that do not know which file or which
        table they came from; the parser adds that on the way out instead of re-wrapping, so
        the exception keeps its class and its specific fields.
        """
        if self.path is None:
            self.path = path
        if self.line is None:
            self.line = line
            self.column = column if line is not None else self.column
        if self.entry is None:
            self.entry = entry

    def location(self) -> str:
        """`path:line:column: python-package[i].key`, as much of it as is known ("" if none)."""
        where = ""
        if self.path is not None:
            where = self.path
        if self.line is not None:
            where += f":{self.line}" if where else f"line {self.line}"
            if self.column is not None:
                where += f":{self.column}"
        item = ""
        if self.entry is not None:
            item = f"python-package[{self.entry}]"
        if self.key is not None:
            item = f"{item}.{self.key}" if item else self.key
        return ": ".join(part for part in (where, item) if part)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class LockfileFormatError(LockfileError, ValueError):
    """A lock document or an Entry / Manifest value is malformed (bad input)."""


class SchemaVersionError(LockfileFormatError):
    """`schema-version` is missing, not an integer, or not one this build understands.

    `found` is the value in the document (None when the key is missing).
    """

    def __init__(self, message: str, *, found: object = None) -> None:
        super().__init__(message, key="schema-version")
        self.found = found


class UnknownSourceError(LockfileFormatError):
    """A source token outside `registry`, `index`, `git`, `path`; `token` is what was given."""

    def __init__(self, token: object, *, entry: int | None = None) -> None:
        super().__init__(
            f"unknown source {_show_any(token)}; use one of registry, index, git, path",
            entry=entry,
            key="source",
        )
        self.token = token


class UnknownCapabilityError(LockfileFormatError):
    """A capability token outside the closed vocabulary; `token` is what was given."""

    def __init__(self, token: object, *, entry: int | None = None) -> None:
        super().__init__(
            f"unknown capability {_show_any(token)}; use only {', '.join(CAPABILITIES)}",
            entry=entry,
            key="capabilities",
        )
        self.token = token


class DuplicateEntryError(LockfileFormatError):
    """Two entries share (name, alias); `first_entry` is the index of the earlier one."""

    def __init__(
        self, name: str, alias: str, *, entry: int | None = None, first_entry: int | None = None
    ) -> None:
        earlier = f" (first at python-package[{first_entry}])" if first_entry is not None else ""
        super().__init__(
            f"duplicate entry name = {show(name)}, alias = {show(alias)}{earlier}; "
            "keep one table per (name, alias)",
            entry=entry,
        )
        self.name = name
        self.alias = alias
        self.first_entry = first_entry


class BuildResultError(LockfileError, ValueError):
    """A build request / result pair that cannot be turned into a Manifest."""


class MissingBuildResultError(BuildResultError):
    """`from_build_result` was given no result (None)."""

    def __init__(self) -> None:
        super().__init__("no build result (None); run the build before locking")


class BuildResultMismatchError(BuildResultError):
    """The request's target count differs from the result's wrapper or shim count."""

    def __init__(self, *, targets: int, wrappers: int, shims: int) -> None:
        super().__init__(
            "request/result target count mismatch "
            f"(targets={targets} wrappers={wrappers} shims={shims}); "
            "pass the result of building exactly this request"
        )
        self.targets = targets
        self.wrappers = wrappers
        self.shims = shims


class SurfaceKindError(BuildResultError):
    """A wrapper item or type carries a kind outside the vocabulary the Protocols document.

    `item` is the index of the item in `wrapper.items`, `field` names the attribute
    (`kind` or `decl_kind`) and `kind` is the value found.
    """

    def __init__(self, *, item: int, field: str, kind: object) -> None:
        super().__init__(
            f"wrapper item {item}: unknown {field} {_show_any(kind)}; "
            "mochi-py-lockfile and the wrapper disagree on the surface vocabulary"
        )
        self.item = item
        self.field = field
        self.kind = kind


class LockDriftError(LockfileError):
    """`check` found differences; `diff` holds them (one report line per problem)."""

    def __init__(self, diff: Diff) -> None:
        report = diff.report()
        count = len(report.splitlines())
        super().__init__(f"lockfile drift ({count} problem{'s' if count != 1 else ''}):\n{report}")
        self.diff = diff


def _show_any(value: object) -> str:
    return show(value) if isinstance(value, str) else f"{type(value).__name__} {value!r}"
