"""What this package reads from a build request and result, as structural Protocols.

mochi-py-lockfile must install and work without mochi-py-build (CI installs only it), so it
cannot import the build's types. Instead it states here the few attributes it reads; the build
(or a test's fake) satisfies them structurally. Every member is a read-only property, so
frozen dataclasses, NamedTuples and plain classes all fit.

Two attributes are optional and read with `getattr(obj, name, default)`, so they are not part
of the Protocols: `decl_kind` (on class items and on `named` types, default "") and
`is_protocol` (on class items, default False).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Protocol

__all__ = [
    "ItemLike",
    "MochiTypeLike",
    "RequestLike",
    "ResultLike",
    "ShimLike",
    "SpecLike",
    "TargetLike",
    "WrapperLike",
]


class SpecLike(Protocol):
    """A parsed import spec (Phase 7)."""

    @property
    def name(self) -> str:
        """Normalised distribution name (PEP 503), e.g. `httpx`, `scikit-learn`."""

    @property
    def source(self) -> str | enum.Enum:
        """`registry`, `index`, `git` or `path`, as a str or an enum whose `.value` is that."""

    @property
    def specifier(self) -> str:
        """Canonical PEP 440 specifier text (`>=0.27, <0.30`, `==2.6.1`), "" for none."""

    @property
    def index_url(self) -> str:
        """Index URL for `index` sources, else ""."""

    @property
    def git_url(self) -> str:
        """Repository URL for `git` sources, else ""."""

    @property
    def git_rev(self) -> str:
        """Git revision for `git` sources ("" when none was given)."""

    @property
    def local_path(self) -> str:
        """Path (as written in the import, relative) for `path` sources, else ""."""


class TargetLike(Protocol):
    """One `import python "<spec>" as <alias>` of a build request."""

    @property
    def spec(self) -> SpecLike: ...

    @property
    def alias(self) -> str: ...


class RequestLike(Protocol):
    """A build request: its targets, in request order."""

    @property
    def targets(self) -> Sequence[TargetLike]: ...


class ShimLike(Protocol):
    """A generated Mochi shim."""

    @property
    def sha256(self) -> str:
        """Lowercase hex SHA-256 of the shim's exact bytes: the lock's `wrapper-sha256`."""


class MochiTypeLike(Protocol):
    """A lowered Mochi type (Phase 4).

    `kind` is one of scalar, list, map, set, tuple, option, fun, stream, named, typevar.
    For kind `named`, an optional `decl_kind` attribute (record, opaque, sum, enum) says what
    the name declares.
    """

    @property
    def kind(self) -> str: ...

    @property
    def children(self) -> Sequence[MochiTypeLike]:
        """Element / key / value / member / parameter / return types, in any order."""


class ItemLike(Protocol):
    """One bound wrapper item (Phase 5).

    `kind` is one of function, class, constant, type-alias. Class items may carry `decl_kind`
    (record, opaque, enum, exception) and `is_protocol` (bool); both are optional attributes.
    """

    @property
    def kind(self) -> str: ...

    @property
    def is_async(self) -> bool: ...

    @property
    def types(self) -> Sequence[MochiTypeLike]:
        """Every Mochi type the item's surface mentions (parameters, returns, fields...)."""


class WrapperLike(Protocol):
    """A synthesised wrapper: its bound items (skipped items are not here)."""

    @property
    def items(self) -> Sequence[ItemLike]: ...


class ResultLike(Protocol):
    """A build result: one wrapper and one shim per request target, in request order."""

    @property
    def wrappers(self) -> Sequence[WrapperLike | None]:
        """One per target; None (no bound surface) records no capabilities."""

    @property
    def shims(self) -> Sequence[ShimLike]: ...
