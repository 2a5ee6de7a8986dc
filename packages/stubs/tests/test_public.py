"""`public_items`: the library-interface rules and re-export following."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_stubs import (
    Class,
    Function,
    ItemKind,
    Module,
    ModuleNotInSurfaceError,
    Surface,
    parse_module,
    public_items,
)


def surface(package: str, sources: dict[str, str]) -> Surface:
    modules = []
    for name, text in sorted(sources.items()):
        is_package = name == package or name.endswith(".__init__")
        modules.append(
            parse_module(textwrap.dedent(text), module=name, is_package=is_package or None)
        )
    return Surface(package, tuple(modules))


def summary(items: tuple[object, ...]) -> list[tuple[str, str, str, str]]:
    return [(i.name, i.kind.value, i.module, i.target) for i in items]  # type: ignore[attr-defined]


def test_underscore_rule_and_private_imports() -> None:
    s = surface(
        "pkg",
        {
            "pkg": """
            import os
            from typing import Any
            from os import path as path
            import json as json
            def public() -> None: ...
            def _private() -> None: ...
            class Thing: ...
            CONST: int
            T = __import__("typing").TypeVar("T")
            from typing import TypeVar
            U = TypeVar("U")
            Alias = list[int]
            """
        },
    )
    assert summary(public_items(s)) == [
        ("Alias", "type-alias", "pkg", "pkg.Alias"),
        ("CONST", "constant", "pkg", "pkg.CONST"),
        ("T", "constant", "pkg", "pkg.T"),
        ("Thing", "class", "pkg", "pkg.Thing"),
        ("U", "typevar", "pkg", "pkg.U"),
        ("json", "external", "pkg", "json"),
        ("path", "external", "pkg", "os.path"),
        ("public", "function", "pkg", "pkg.public"),
    ]


def test_dunder_all_overrides_everything() -> None:
    s = surface(
        "pkg",
        {
            "pkg": """
            from os import getcwd
            def a() -> None: ...
            def b() -> None: ...
            def _c() -> None: ...
            __all__ = ["a", "_c", "getcwd", "missing"]
            """
        },
    )
    assert summary(public_items(s)) == [
        ("_c", "function", "pkg", "pkg._c"),
        ("a", "function", "pkg", "pkg.a"),
        ("getcwd", "external", "pkg", "os.getcwd"),
        ("missing", "external", "pkg", "pkg.missing"),
    ]


def test_reexports_followed_across_modules() -> None:
    s = surface(
        "pkg",
        {
            "pkg": """
            from ._api import get as get, post as send
            from . import _models
            from ._models import Model as Model
            from .sub import helper as helper
            __all__ = ["get", "send", "Model", "helper", "Client"]
            from ._client import Client
            """,
            "pkg._api": "from ._impl import get as get\ndef post(url: str) -> None: ...\n",
            "pkg._impl": "def get(url: str) -> bytes: ...\n",
            "pkg._models": "class Model: ...\n",
            "pkg._client": "class Client:\n    def close(self) -> None: ...\n",
            "pkg.sub": "from ._impl import get as helper\n",
        },
    )
    items = {i.name: i for i in public_items(s)}
    assert summary(tuple(items.values())) == [
        ("Client", "class", "pkg._client", "pkg._client.Client"),
        ("Model", "class", "pkg._models", "pkg._models.Model"),
        ("get", "function", "pkg._impl", "pkg._impl.get"),
        ("helper", "function", "pkg._impl", "pkg._impl.get"),
        ("send", "function", "pkg._api", "pkg._api.post"),
    ]
    assert isinstance(items["get"].decl, Function)
    assert items["get"].decl.name == "get"
    assert isinstance(items["Client"].decl, Class)
    assert items["Client"].decl.methods[0].name == "close"


def test_star_imports_reexport_public_names() -> None:
    s = surface(
        "pkg",
        {
            "pkg": "from .a import *\nfrom .b import *\nfrom os import *\n",
            "pkg.a": "def fa() -> None: ...\ndef _hidden() -> None: ...\nimport os\nshared: int\n",
            "pkg.b": "__all__ = ['fb', '_explicit', 'shared']\ndef fb() -> None: ...\n"
            "def _explicit() -> None: ...\nshared: str\n",
        },
    )
    # `_explicit` is in pkg.b's __all__ but underscore names are never public through `*`
    # in the absence of pkg's own __all__; `shared` comes from the last star import.
    assert summary(public_items(s)) == [
        ("fa", "function", "pkg.a", "pkg.a.fa"),
        ("fb", "function", "pkg.b", "pkg.b.fb"),
        ("shared", "constant", "pkg.b", "pkg.b.shared"),
    ]


def test_star_import_of_a_name_listed_in_dunder_all() -> None:
    s = surface(
        "pkg",
        {
            "pkg": "from ._impl import *\n__all__ = ['run', '_private_but_listed']\n",
            "pkg._impl": "__all__ = ['run', '_private_but_listed']\n"
            "def run() -> None: ...\ndef _private_but_listed() -> None: ...\n",
        },
    )
    assert [(i.name, i.kind) for i in public_items(s)] == [
        ("_private_but_listed", ItemKind.FUNCTION),
        ("run", ItemKind.FUNCTION),
    ]


def test_cycles_are_external_not_infinite() -> None:
    s = surface(
        "pkg",
        {
            "pkg": "from .a import x as x\nfrom .a import *\n",
            "pkg.a": "from .b import x as x\nfrom .b import *\nfrom pkg import *\n",
            "pkg.b": "from .a import x as x\nfrom .a import *\n",
        },
    )
    (item,) = public_items(s)
    assert item.name == "x"
    assert item.kind is ItemKind.EXTERNAL
    assert item.decl is None
    assert item.target in ("pkg.a.x", "pkg.b.x")


def test_submodule_is_external_with_the_module_as_target() -> None:
    s = surface(
        "pkg",
        {
            "pkg": (
                "from . import sub\nimport pkg.other as other\n__all__ = ['sub', 'other', 'lazy']\n"
            ),
            "pkg.sub": "",
            "pkg.other": "",
            "pkg.lazy": "",
        },
    )
    assert summary(public_items(s)) == [
        ("lazy", "external", "pkg", "pkg.lazy"),
        ("other", "external", "pkg", "pkg.other"),
        ("sub", "external", "pkg", "pkg.sub"),
    ]


def test_later_binding_wins() -> None:
    s = surface("pkg", {"pkg": "from os import getcwd as getcwd\ndef getcwd() -> str: ...\n"})
    (item,) = public_items(s)
    assert item.kind is ItemKind.FUNCTION
    s = surface("pkg", {"pkg": "def getcwd() -> str: ...\nfrom os import getcwd as getcwd\n"})
    (item,) = public_items(s)
    assert item.kind is ItemKind.EXTERNAL


def test_missing_module_inside_the_surface_is_external() -> None:
    s = surface("pkg", {"pkg": "from ._gone import thing as thing\n"})
    assert summary(public_items(s)) == [("thing", "external", "pkg", "pkg._gone.thing")]


def test_other_module_of_the_surface() -> None:
    s = surface("pkg", {"pkg": "", "pkg.sub": "def f() -> None: ...\n"})
    assert [i.name for i in public_items(s, "pkg.sub")] == ["f"]
    with pytest.raises(ModuleNotInSurfaceError) as info:
        public_items(s, "pkg.nope")
    assert (info.value.module, info.value.package) == ("pkg.nope", "pkg")
    assert isinstance(info.value, ValueError)


_names = st.sampled_from(["a", "b", "c", "_d", "E"])
_modules = ("pkg", "pkg.m1", "pkg.m2")


@st.composite
def random_surface(draw: st.DrawFn) -> Surface:
    sources: dict[str, str] = {}
    for module in _modules:
        lines = []
        for _ in range(draw(st.integers(0, 6))):
            name = draw(_names)
            kind = draw(st.sampled_from(["def", "reexport", "star", "import", "const", "all"]))
            other = draw(st.sampled_from(_modules))
            if kind == "def":
                lines.append(f"def {name}() -> None: ...")
            elif kind == "reexport":
                lines.append(f"from {other} import {name} as {name}")
            elif kind == "star":
                lines.append(f"from {other} import *")
            elif kind == "import":
                lines.append(f"from {other} import {name}")
            elif kind == "const":
                lines.append(f"{name}: int")
            else:
                lines.append(f"__all__ = {draw(st.lists(_names, max_size=3))!r}")
        sources[module] = "\n".join(lines) + "\n"
    return surface("pkg", sources)


@settings(max_examples=200, deadline=None)
@given(random_surface())
def test_fuzz_public_items_terminate_and_are_sorted(s: Surface) -> None:
    for module in _modules:
        items = public_items(s, module)
        names = [i.name for i in items]
        assert names == sorted(set(names))
        for item in items:
            assert (item.decl is None) == (item.kind is ItemKind.EXTERNAL)
            assert item.module in _modules
        assert public_items(s, module) == items


def test_module_argument_defaults_to_the_package() -> None:
    s = Surface("pkg", (Module("pkg", "pkg/__init__.pyi"),))
    assert public_items(s) == ()


def test_every_module_of_a_surface_gets_the_same_answer_in_any_order() -> None:
    # public_items keeps its index per Surface (typemap asks for every module in turn): the
    # answer for a module must not depend on which modules were asked about before.
    sources = {
        "pkg": "from ._a import *\nfrom .sub import helper as helper\n",
        "pkg._a": "from ._b import B as B\ndef a() -> None: ...\n",
        "pkg._b": "class B: ...\n",
        "pkg.sub": "from ._b import B as helper\n",
    }
    names = sorted(sources)
    shared = surface("pkg", sources)
    in_order = {name: public_items(shared, name) for name in names}
    for name in reversed(names):
        assert public_items(surface("pkg", sources), name) == in_order[name]
        assert public_items(shared, name) == in_order[name]
