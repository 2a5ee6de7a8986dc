"""Small fakes that satisfy mochi-py-lockfile's build Protocols, shared through a fixture.

Tests run in importlib mode, where test modules cannot import helper modules; the fakes are
handed out by the session-scoped `fakes` fixture instead (session scope also keeps them usable
from hypothesis tests).
"""

from __future__ import annotations

import enum
import hashlib
import types
from dataclasses import dataclass

import pytest


class FakeSourceKind(enum.Enum):
    """Like the build's source enum: the token is the value."""

    REGISTRY = "registry"
    INDEX = "index"
    GIT = "git"
    PATH = "path"


@dataclass(frozen=True)
class FakeSpec:
    name: str
    source: str | enum.Enum = "registry"
    specifier: str = ""
    index_url: str = ""
    git_url: str = ""
    git_rev: str = ""
    local_path: str = ""


@dataclass(frozen=True)
class FakeTarget:
    spec: FakeSpec
    alias: str


@dataclass(frozen=True)
class FakeRequest:
    targets: tuple[FakeTarget, ...]


@dataclass(frozen=True)
class FakeShim:
    sha256: str

    @classmethod
    def of(cls, text: str) -> FakeShim:
        return cls(hashlib.sha256(text.encode("utf-8")).hexdigest())


@dataclass(frozen=True)
class FakeType:
    kind: str
    children: tuple[FakeType, ...] = ()
    decl_kind: str = ""


@dataclass(frozen=True)
class FakeItem:
    kind: str
    is_async: bool = False
    types: tuple[FakeType, ...] = ()
    decl_kind: str = ""
    is_protocol: bool = False


@dataclass(frozen=True)
class BareItem:
    """An item without the optional decl_kind / is_protocol attributes."""

    kind: str
    is_async: bool = False
    types: tuple[FakeType, ...] = ()


@dataclass(frozen=True)
class BareNamed:
    """A `named` type without the optional decl_kind attribute."""

    kind: str = "named"
    children: tuple[FakeType, ...] = ()


@dataclass(frozen=True)
class FakeWrapper:
    items: tuple[FakeItem | BareItem, ...] = ()


@dataclass(frozen=True)
class FakeResult:
    wrappers: tuple[FakeWrapper | None, ...]
    shims: tuple[FakeShim, ...]


@dataclass(frozen=True)
class Built:
    """A request and its result, built together so their counts match."""

    request: FakeRequest
    result: FakeResult


def build(*targets: tuple[FakeSpec, str, FakeWrapper | None, str]) -> Built:
    """(spec, alias, wrapper, shim text) per target, in request order."""
    request = FakeRequest(tuple(FakeTarget(spec, alias) for spec, alias, _, _ in targets))
    result = FakeResult(
        tuple(wrapper for _, _, wrapper, _ in targets),
        tuple(FakeShim.of(text) for _, _, _, text in targets),
    )
    return Built(request, result)


STR = FakeType("scalar")


@pytest.fixture(scope="session")
def fakes() -> types.SimpleNamespace:
    return types.SimpleNamespace(
        Spec=FakeSpec,
        Target=FakeTarget,
        Request=FakeRequest,
        Shim=FakeShim,
        Type=FakeType,
        Item=FakeItem,
        BareItem=BareItem,
        BareNamed=BareNamed,
        Wrapper=FakeWrapper,
        Result=FakeResult,
        SourceKind=FakeSourceKind,
        build=build,
        STR=STR,
    )
