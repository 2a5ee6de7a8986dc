"""Lowering shares work across the modules of one Surface (`SurfaceIndex.signatures`), and an
inherited method names its sum types after the class that defines it. Neither may change
what `lower_module` returns for a module: lowering it alone, after the other modules of the
same Surface, or without any memo must give the very same LoweredModule.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_memo import _ANNOTATIONS, _unmapped, _without_memos

from mochi_py_stubs import Module, Surface, parse_module
from mochi_py_typemap import (
    LoweredClass,
    LoweredFunction,
    LoweredModule,
    NamedType,
    SumDecl,
    lower_module,
)

PKG = "pkg"


def _modules(sources: dict[str, str]) -> tuple[Module, ...]:
    out = []
    for name, source in sources.items():
        path = f"{name.replace('.', '/')}/__init__.pyi" if name == PKG else f"{name}.pyi"
        out.append(parse_module(source, module=name, path=path))
    return tuple(out)


def _method(lowered: LoweredModule, cls: str, name: str) -> LoweredFunction:
    (item,) = [b for b in lowered.bound if b.name == cls]
    assert isinstance(item, LoweredClass)
    (found,) = [m for m in item.methods if m.name == name]
    return found


def _sums(lowered: LoweredModule) -> list[str]:
    return [d.name for d in lowered.types if isinstance(d, SumDecl)]


def test_an_inherited_method_names_its_sums_after_the_defining_class() -> None:
    (module,) = _modules(
        {
            PKG: "class Base:\n"
            "    def send(self, timeout: int | str) -> None: ...\n"
            "class Child(Base): ...\n"
            "class Grandchild(Child):\n"
            "    def send(self, timeout: float | str) -> None: ...\n"
        }
    )
    lowered = lower_module(Surface(PKG, (module,)))
    base = _method(lowered, "Base", "send").params[0].type
    child = _method(lowered, "Child", "send").params[0].type
    own = _method(lowered, "Grandchild", "send").params[0].type
    assert isinstance(base, NamedType)
    assert base.name == "BaseSendTimeoutUnion"
    assert child == base  # one declaration for the method, however many subclasses
    assert isinstance(own, NamedType)
    assert own.name == "GrandchildSendTimeoutUnion"  # an override is its own place
    assert _sums(lowered) == ["BaseSendTimeoutUnion", "GrandchildSendTimeoutUnion"]
    assert _method(lowered, "Child", "send").path == "pkg.Child.send"


_CROSS = {
    PKG: "from pkg.a import Base, f, Point\n"
    "from pkg.b import Sub\n"
    "__all__ = ['Base', 'f', 'Point', 'Sub']\n",
    "pkg.a": "from dataclasses import dataclass\n"
    "from typing import Self\n"
    "@dataclass\n"
    "class Point:\n"
    "    x: int | str\n"
    "class Base:\n"
    "    def send(self, timeout: int | str) -> None: ...\n"
    "    def me(self) -> Self: ...\n"
    "    def at(self, where: Point) -> int: ...\n"
    "    def plain(self, n: int) -> str: ...\n"
    "def f(x: int | None) -> Base: ...\n",
    # The alias (lowered before `Sub`) claims the name the inherited `send` had in pkg.a,
    # with other members: the memoised lowering of `send` cannot be reused as it is here.
    "pkg.b": "from pkg.a import Base\nBaseSendTimeout = float | str\nclass Sub(Base): ...\n",
}


def test_a_module_lowers_the_same_alone_and_after_the_others() -> None:
    modules = _modules(_CROSS)
    shared = Surface(PKG, modules)
    in_order = {m.name: lower_module(shared, m.name) for m in modules}
    for m in modules:
        alone = lower_module(Surface(PKG, modules), m.name)
        assert alone == in_order[m.name]
        assert _unmapped(alone) == _unmapped(in_order[m.name])
    b = in_order["pkg.b"]
    # The clash was resolved as a fresh lowering would have.
    assert _sums(b) == ["BaseSendTimeoutUnion", "BaseSendTimeoutUnion2", "PointXUnion"]
    send = _method(b, "Sub", "send").params[0].type
    assert isinstance(send, NamedType)
    assert send.name == "BaseSendTimeoutUnion2"
    # Classes named by a reused signature are declared in the module that reuses it.
    top = in_order[PKG]
    assert {"Base", "Point", "Sub"} <= {d.name for d in top.types}


@st.composite
def _package(draw: st.DrawFn) -> dict[str, str]:
    annotation = st.sampled_from(_ANNOTATIONS)

    def method(name: str) -> str:
        ann = draw(annotation)
        return f"    def {name}(self, x: {draw(annotation)}, y: {ann} = ...) -> {ann}: ...\n"

    header = (
        "from typing import Any, Callable, Generic, Literal, Optional, Self, TypeVar\n"
        "from dataclasses import dataclass\n"
    )
    a = (
        header + "T = TypeVar('T')\n"
        "Alias = int | str\n"
        "@dataclass\nclass Point:\n    x: int\n    y: int | str\n"
        "class Box(Generic[T]):\n" + method("get") + method("put") + "class Base(Box[int]):\n"
        "    attr: int | str\n" + method("send") + method("me")
    )
    b = header + "from pkg.a import Alias, Base, Box, Point, T\n"
    for number in range(draw(st.integers(1, 4))):
        base = draw(st.sampled_from(["Base", "Box[int]", f"Own{number - 1}" if number else ""]))
        body = method("send") if draw(st.booleans()) else "    ...\n"
        b += f"class Own{number}({base}):\n{body}"
        b += f"def own_send{number}(x: {draw(annotation)}) -> {draw(annotation)}: ...\n"
    top = "from pkg.a import *\nfrom pkg.b import *\n"
    order = draw(st.permutations([PKG, "pkg.a", "pkg.b"]))
    sources = {"pkg.a": a, "pkg.b": b, PKG: top}
    return {name: sources[name] for name in order}


@settings(max_examples=60, deadline=None)
@given(_package())
def test_sharing_across_modules_changes_no_result(sources: dict[str, str]) -> None:
    modules = _modules(sources)
    shared = Surface(PKG, modules)
    in_order = {m.name: lower_module(shared, m.name) for m in modules}
    for m in modules:
        alone = lower_module(Surface(PKG, modules), m.name)
        with pytest.MonkeyPatch.context() as patch:
            _without_memos(patch)
            without = lower_module(Surface(PKG, modules), m.name)
        assert in_order[m.name] == alone == without
        assert _unmapped(in_order[m.name]) == _unmapped(alone) == _unmapped(without)


def test_an_inherited_constructor_is_placed_at_the_defining_class() -> None:
    (module,) = _modules(
        {
            PKG: "class Base:\n"
            "    def __init__(self, verbose: int | bool) -> None: ...\n"
            "class Child(Base): ...\n"
        }
    )
    lowered = lower_module(Surface(PKG, (module,)))
    constructors = {}
    for item in lowered.bound:
        assert isinstance(item, LoweredClass)
        assert item.constructor is not None
        constructors[item.name] = item.constructor
    for name in ("Base", "Child"):
        ctor = constructors[name]
        assert ctor.path == f"pkg.{name}.__init__"
        assert ctor.returns == NamedType(name, "opaque", f"pkg.{name}")  # its own class
        verbose = ctor.params[0].type
        assert isinstance(verbose, NamedType)
        assert verbose.name == "BaseInitVerboseUnion"
    assert _sums(lowered) == ["BaseInitVerboseUnion"]


def test_a_forward_reference_is_parsed_once_per_surface(monkeypatch: pytest.MonkeyPatch) -> None:
    from mochi_py_typemap import _aliases

    calls: list[str] = []
    real = _aliases.parse_type_expr

    def counting(source: str, **kw: object) -> object:
        calls.append(source)
        return real(source, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(_aliases, "parse_type_expr", counting)
    (module,) = _modules(
        {
            PKG: "class Box: ...\n"
            "def f(x: 'Box') -> 'Box': ...\n"
            "def g(x: 'Box', y: 'list[') -> None: ...\n"
            "def h(y: 'list[') -> 'Box': ...\n"
        }
    )
    surface = Surface(PKG, (module,))
    lowered = lower_module(surface)
    again = lower_module(surface)
    assert lowered == again
    assert sorted(calls) == ["Box", "list["]  # once each, for both lowerings
    (f,) = [b for b in lowered.bound if b.name == "f"]
    assert isinstance(f, LoweredFunction)
    assert f.returns == NamedType("Box", "opaque", "pkg.Box")
    refused = {s.item_path: s.detail for s in lowered.skipped}
    assert set(refused) == {"pkg.g", "pkg.h"}
    assert all("cannot parse forward reference 'list['" in d for d in refused.values())
