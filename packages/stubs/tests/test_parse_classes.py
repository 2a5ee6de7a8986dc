"""Classes: bases, members, nesting and every marker."""

from __future__ import annotations

import sys
import textwrap

import pytest

from mochi_py_stubs import (
    NO_LITERAL,
    Attribute,
    Class,
    ClassMarker,
    Module,
    TName,
    TSubscript,
    parse_module,
)

M = ClassMarker


def parse(source: str, module: str = "m") -> Module:
    return parse_module(textwrap.dedent(source), module=module)


def classes(source: str) -> dict[str, Class]:
    return {c.name: c for c in parse(source).classes}


def only_class(source: str) -> Class:
    (cls,) = parse(source).classes
    return cls


def test_members() -> None:
    cls = only_class(
        """
        class C(Base, metaclass=Meta):
            '''docstring'''
            x: int
            y: str = "a"
            z = 3
            def m(self, a: int) -> None: ...
            @classmethod
            def make(cls) -> C: ...
            @staticmethod
            def s() -> None: ...
            async def am(self) -> None: ...
            @property
            def ro(self) -> int: ...
            @property
            def rw(self) -> str: ...
            @rw.setter
            def rw(self, value: str) -> None: ...
            @rw.deleter
            def rw(self) -> None: ...
        """
    )
    assert cls.bases == (TName("Base", "m.Base"),)
    assert [m.name for m in cls.methods] == ["m", "make", "s", "am"]
    assert cls.methods[1].decorators == ("classmethod",)
    assert cls.methods[3].is_async
    assert cls.attributes == (
        Attribute("x", TName("int", "builtins.int"), False, NO_LITERAL, 4),
        Attribute("y", TName("str", "builtins.str"), True, "a", 5),
        Attribute("z", None, True, 3, 6),
    )
    props = {p.name: p for p in cls.properties}
    assert props["ro"].settable is False
    assert props["ro"].annotation == TName("int", "builtins.int")
    assert props["rw"].settable is True
    assert cls.markers == frozenset()
    # `make` returns C: a module-level name resolves to the module.
    assert cls.methods[1].signature.returns == TName("C", "m.C")


def test_cached_property_is_a_property() -> None:
    cls = only_class(
        "import functools\nclass C:\n    @functools.cached_property\n    def v(self) -> int: ...\n"
    )
    assert [p.name for p in cls.properties] == ["v"]
    assert cls.methods == ()


def test_nested_classes_stay_nested() -> None:
    outer = only_class(
        """
        class Outer:
            class Inner:
                class Deepest:
                    x: int
                def m(self) -> Deepest: ...
            def get(self) -> Inner: ...
            def other(self) -> Outer.Inner: ...
        """
    )
    (inner,) = outer.classes
    (deepest,) = inner.classes
    assert deepest.attributes[0].name == "x"
    assert outer.attributes == ()
    assert [m.name for m in outer.methods] == ["get", "other"]
    assert outer.methods[0].signature.returns == TName("Inner", "m.Outer.Inner")
    assert outer.methods[1].signature.returns == TName("Outer.Inner", "m.Outer.Inner")
    assert inner.methods[0].signature.returns == TName("Deepest", "m.Outer.Inner.Deepest")


@pytest.mark.parametrize(
    ("source", "markers"),
    [
        ("from dataclasses import dataclass\n@dataclass\nclass C: ...", {M.DATACLASS}),
        ("import dataclasses\n@dataclasses.dataclass\nclass C: ...", {M.DATACLASS}),
        (
            "import dataclasses as dc\n@dc.dataclass(frozen=True, slots=True)\nclass C: ...",
            {M.DATACLASS, M.FROZEN},
        ),
        ("from dataclasses import dataclass as d\n@d(frozen=False)\nclass C: ...", {M.DATACLASS}),
        ("@dataclass\nclass C: ...", set()),  # not imported: not recognised
        ("from typing import NamedTuple\nclass C(NamedTuple): ...", {M.NAMEDTUPLE, M.FROZEN}),
        ("import typing\nclass C(typing.NamedTuple): ...", {M.NAMEDTUPLE, M.FROZEN}),
        ("from typing import TypedDict\nclass C(TypedDict): ...", {M.TYPEDDICT}),
        (
            "from typing_extensions import TypedDict\nclass C(TypedDict, total=False): ...",
            {M.TYPEDDICT, M.TOTAL_FALSE},
        ),
        ("from typing import TypedDict\nclass C(TypedDict, total=True): ...", {M.TYPEDDICT}),
        ("class C(Base, total=False): ...", set()),  # total= only means something on TypedDict
        ("from typing import Protocol\nclass C(Protocol): ...", {M.PROTOCOL}),
        ("import typing as t\nclass C(t.Protocol): ...", {M.PROTOCOL}),
        ("import typing_extensions\nclass C(typing_extensions.Protocol): ...", {M.PROTOCOL}),
        (
            "from typing import Protocol, TypeVar\nT = TypeVar('T')\nclass C(Protocol[T]): ...",
            {M.PROTOCOL, M.GENERIC},
        ),
        ("import enum\nclass C(enum.Enum): ...", {M.ENUM}),
        ("from enum import IntEnum\nclass C(IntEnum): ...", {M.ENUM}),
        ("from enum import StrEnum\nclass C(StrEnum): ...", {M.ENUM}),
        ("from enum import Flag\nclass C(Flag): ...", {M.ENUM}),
        ("from enum import IntFlag\nclass C(IntFlag): ...", {M.ENUM}),
        ("from enum import EnumMeta\nclass C(metaclass=EnumMeta): ...", {M.ENUM}),
        ("from abc import ABC\nclass C(ABC): ...", {M.ABSTRACT}),
        ("import abc\nclass C(metaclass=abc.ABCMeta): ...", {M.ABSTRACT}),
        (
            "from abc import abstractmethod\nclass C:\n    @abstractmethod\n    def f(self): ...",
            {M.ABSTRACT},
        ),
        (
            "from typing import Generic, TypeVar\nT = TypeVar('T')\nclass C(Generic[T]): ...",
            {M.GENERIC},
        ),
        ("class C(ValueError): ...", {M.EXCEPTION}),
        ("class C(Exception): ...", {M.EXCEPTION}),
        ("class C(BaseException): ...", {M.EXCEPTION}),
        ("class C(KeyboardInterrupt): ...", {M.EXCEPTION}),
        ("import requests\nclass C(requests.RequestException): ...", {M.EXCEPTION}),
        ("from x import HTTPError\nclass C(HTTPError): ...", {M.EXCEPTION}),
        ("class C(UserWarning): ...", {M.EXCEPTION}),
        ("class C(object): ...", set()),
        ("class C: ...", set()),
    ],
)
def test_markers(source: str, markers: set[ClassMarker]) -> None:
    cls = classes(source)["C"]
    assert cls.markers == frozenset(markers)


def test_markers_inherited_within_the_module() -> None:
    found = classes(
        """
        import enum
        from typing import NamedTuple, TypedDict
        class Base(Exception): ...
        class Child(Base): ...
        class GrandChild(Child): ...
        class TD(TypedDict): ...
        class TD2(TD, total=False): ...
        class NT(NamedTuple): ...
        class NT2(NT): ...
        class E(enum.Enum): ...
        class E2(E): ...
        class Plain: ...
        class NotExc(Plain): ...
        """
    )
    assert found["Child"].markers == {M.EXCEPTION}
    assert found["GrandChild"].markers == {M.EXCEPTION}
    assert found["TD2"].markers == {M.TYPEDDICT, M.TOTAL_FALSE}
    assert found["NT2"].markers == {M.NAMEDTUPLE, M.FROZEN}
    assert found["E2"].markers == {M.ENUM}
    assert found["NotExc"].markers == frozenset()


def test_generic_type_params() -> None:
    found = classes(
        """
        from typing import Generic, Protocol, TypeVar
        T = TypeVar("T")
        K = TypeVar("K")
        V = TypeVar("V")
        class G(Generic[K, V]): ...
        class P(Protocol[T]): ...
        class Implicit(dict[K, list[V]]): ...
        class Concrete(list[int]): ...
        """
    )
    assert found["G"].type_params == ("K", "V")
    assert found["P"].type_params == ("T",)
    assert found["Implicit"].type_params == ("K", "V")
    assert M.GENERIC in found["Implicit"].markers
    assert found["Concrete"].type_params == ()
    assert M.GENERIC not in found["Concrete"].markers


@pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax needs Python 3.12")
def test_pep695_class_params() -> None:
    cls = only_class("class Box[T]:\n    def get(self) -> T: ...\n")
    assert cls.type_params == ("T",)
    assert M.GENERIC in cls.markers
    assert cls.methods[0].signature.returns == TName("T", "m.Box.T")


def test_class_decorators_and_bases_as_type_exprs() -> None:
    cls = only_class("import typing\n@typing.final\nclass C(typing.Mapping[str, int]): ...\n")
    assert cls.decorators == ("typing.final",)
    (base,) = cls.bases
    assert isinstance(base, TSubscript)
    assert base.base == TName("typing.Mapping", "typing.Mapping")


def test_method_alias_in_class_body() -> None:
    cls = only_class(
        "class C:\n    def __add__(self, o: int) -> int: ...\n    __radd__ = __add__\n"
    )
    add, radd = cls.methods
    assert radd.name == "__radd__"
    assert radd.signature == add.signature


def test_enum_members_are_attributes() -> None:
    cls = only_class("import enum\nclass Color(enum.Enum):\n    RED = 1\n    GREEN = 'g'\n")
    assert [(a.name, a.default) for a in cls.attributes] == [("RED", 1), ("GREEN", "g")]


def test_version_branches_inside_a_class() -> None:
    cls = only_class(
        """
        import sys
        class C:
            if sys.version_info >= (3, 11):
                def new(self) -> None: ...
            else:
                def old(self) -> None: ...
        """
    )
    assert [m.name for m in cls.methods] == ["new"]


def test_functional_namedtuple_and_typeddict() -> None:
    found = classes(
        """
        from collections import namedtuple
        from typing import NamedTuple, TypedDict
        Point = NamedTuple("Point", [("x", int), ("y", float)])
        Pair = namedtuple("Pair", "a b", defaults=(0,))
        Trio = namedtuple("Trio", ["a", "b", "c"])
        Movie = TypedDict("Movie", {"title": str, "year": int}, total=False)
        KW = NamedTuple("KW", a=int)
        """
    )
    point = found["Point"]
    assert point.markers == {M.NAMEDTUPLE, M.FROZEN}
    assert [(a.name, a.annotation) for a in point.attributes] == [
        ("x", TName("int", "builtins.int")),
        ("y", TName("float", "builtins.float")),
    ]
    pair = found["Pair"]
    assert [(a.name, a.has_default) for a in pair.attributes] == [("a", False), ("b", True)]
    assert [a.name for a in found["Trio"].attributes] == ["a", "b", "c"]
    movie = found["Movie"]
    assert movie.markers == {M.TYPEDDICT, M.TOTAL_FALSE}
    assert [a.name for a in movie.attributes] == ["title", "year"]
    assert [a.name for a in found["KW"].attributes] == ["a"]


def test_functional_forms_that_are_not_simple_stay_constants() -> None:
    module = parse(
        """
        from typing import NamedTuple, TypedDict
        A = NamedTuple("A", fields)
        B = TypedDict("B", make())
        """
    )
    assert module.classes == ()
    assert [c.name for c in module.constants] == ["A", "B"]


def test_subclass_of_functional_namedtuple_inherits_marker() -> None:
    found = classes(
        "from typing import NamedTuple\n_P = NamedTuple('_P', [('x', int)])\nclass P(_P): ...\n"
    )
    assert found["P"].markers == {M.NAMEDTUPLE, M.FROZEN}
