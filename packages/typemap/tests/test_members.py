"""A class's members, kept per surface and built on its bases' (mochi_py_typemap._members),
are exactly what merging its whole chain class by class gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_stubs import Surface, parse_module
from mochi_py_typemap import lower_module
from mochi_py_typemap._index import ClassRef, SurfaceIndex
from mochi_py_typemap._members import ClassMembers, _direct, class_members

_NAMES = ("a", "b", "c", "d")


def _index(source: str) -> SurfaceIndex:
    return SurfaceIndex(Surface("pkg", (parse_module(source, module="pkg"),)))


def _ref(index: SurfaceIndex, name: str) -> ClassRef:
    ref = index.class_ref(f"pkg.{name}")
    assert ref is not None
    return ref


def _shape(members: ClassMembers) -> tuple[object, ...]:
    """Everything a lowering reads, in order; members by identity, classes by name."""

    def table(entries: dict[str, tuple[object, ClassRef]]) -> list[tuple[str, int, str]]:
        return [(name, id(member), owner.qualname) for name, (member, owner) in entries.items()]

    return (
        [ref.qualname for ref in members.chain],
        table(members.methods),  # type: ignore[arg-type]
        table(members.properties),  # type: ignore[arg-type]
        table(members.attributes),  # type: ignore[arg-type]
        members.names,
    )


@st.composite
def _hierarchy(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A module of classes with any bases (forward, repeated, looping or external) and
    members of every kind, some sharing a name; and an order to ask for them in."""
    count = draw(st.integers(1, 7))
    classes = [f"K{number}" for number in range(count)]
    lines = ["from otherlib import Ext"]
    for name in classes:
        bases = draw(st.lists(st.sampled_from([*classes, "Ext"]), max_size=3))
        if not draw(st.booleans()):  # mostly bases defined earlier: a DAG
            bases = [b for b in bases if b == "Ext" or classes.index(b) < classes.index(name)]
        body = []
        for member in draw(st.lists(st.sampled_from(_NAMES), max_size=4)):
            kind = draw(st.sampled_from(["method", "property", "attribute"]))
            if kind == "method":
                body.append(f"    def {member}(self) -> int: ...")
            elif kind == "property":
                body.append(f"    @property\n    def {member}(self) -> int: ...")
            else:
                body.append(f"    {member}: int")
        header = f"class {name}({', '.join(bases)}):" if bases else f"class {name}:"
        lines.append(header + "\n" + ("\n".join(body) if body else "    ..."))
    order = draw(st.permutations(classes))
    return "\n".join(lines) + "\n", list(order)


@settings(max_examples=300, deadline=None)
@given(_hierarchy())
def test_kept_members_are_the_class_by_class_merge(case: tuple[str, list[str]]) -> None:
    source, order = case
    index = _index(source)
    for name in order:  # whichever class is asked for first, its bases' tables are reused
        ref = _ref(index, name)
        assert _shape(class_members(index, ref)) == _shape(_direct(index, ref))


def test_a_member_hides_inherited_members_of_every_kind_and_keeps_the_chain_order() -> None:
    index = _index(
        "class Base:\n"
        "    def m(self) -> int: ...\n"
        "    @property\n"
        "    def p(self) -> int: ...\n"
        "    a: int\n"
        "    def last(self) -> int: ...\n"
        "class Left(Base):\n"
        "    p: str\n"  # an attribute now: hides the property
        "    def left(self) -> int: ...\n"
        "class Right(Base):\n"
        "    @property\n"
        "    def m(self) -> int: ...\n"  # a property now: hides the method, but after Left
        "class Both(Left, Right):\n"
        "    def a(self) -> int: ...\n"  # a method now: hides the attribute
    )
    members = class_members(index, _ref(index, "Both"))
    assert [ref.qualname for ref in members.chain] == [
        "pkg.Both",
        "pkg.Left",
        "pkg.Base",
        "pkg.Right",
    ]
    assert [(n, owner.qualname) for n, (_, owner) in members.methods.items()] == [
        ("a", "pkg.Both"),
        ("left", "pkg.Left"),
        ("m", "pkg.Base"),
        ("last", "pkg.Base"),
    ]
    assert list(members.properties) == []  # Left's attribute `p` and Base's `m` came first
    assert [(n, owner.qualname) for n, (_, owner) in members.attributes.items()] == [
        ("p", "pkg.Left")
    ]
    assert members.names == {"a", "left", "m", "p", "last"}


def test_a_class_that_inherits_from_itself_is_merged_class_by_class() -> None:
    index = _index(
        "class A(B):\n    def a(self) -> int: ...\n"
        "class B(A):\n    def b(self) -> int: ...\n"
        "class C(A):\n    def c(self) -> int: ...\n"
    )
    for first in ("C", "A", "B"):
        for name in (first, "A", "B", "C"):
            ref = _ref(index, name)
            assert _shape(class_members(index, ref)) == _shape(_direct(index, ref))
    assert [r.qualname for r in class_members(index, _ref(index, "C")).chain] == [
        "pkg.C",
        "pkg.A",
        "pkg.B",
    ]


def test_no_tables_are_kept_for_classes_in_a_loop() -> None:
    index = _index("class A(B):\n    x: int\nclass B(A):\n    y: int\nclass D(B): ...\n")
    class_members(index, _ref(index, "D"))
    assert index.class_members == {}
    for name in ("A", "B", "D"):
        ref = _ref(index, name)
        assert _shape(class_members(index, ref)) == _shape(_direct(index, ref))


def test_a_very_long_chain_needs_no_deep_recursion() -> None:
    count = 3000
    source = "class K0:\n    def m(self) -> int: ...\n" + "".join(
        f"class K{n}(K{n - 1}):\n    a{n}: int\n" for n in range(1, count)
    )
    index = _index(source)
    members = class_members(index, _ref(index, f"K{count - 1}"))
    assert len(members.chain) == count
    assert list(members.methods) == ["m"]
    assert len(members.attributes) == count - 1


def test_lowering_binds_inherited_members_from_the_kept_tables() -> None:
    source = (
        "class Base:\n"
        "    def get(self) -> int: ...\n"
        "    size: int\n"
        "class Child(Base):\n"
        "    def put(self, x: int) -> None: ...\n"
    )
    surface = Surface("pkg", (parse_module(source, module="pkg"),))
    lowered = lower_module(surface)
    child = next(item for item in lowered.bound if item.name == "Child")
    assert [m.path for m in child.methods] == ["pkg.Child.put", "pkg.Child.get"]  # type: ignore[union-attr]
    assert [p.path for p in child.properties] == ["pkg.Child.size"]  # type: ignore[union-attr]


def test_a_class_declaration_is_made_once_per_surface() -> None:
    source = (
        "import enum\n"
        "class Handle: ...\n"
        "class Color(enum.Enum):\n    RED = 1\n    _hidden = 2\n"
        "def f(h: Handle, c: Color) -> None: ...\n"
        "def g(h: Handle) -> Color: ...\n"
    )
    surface = Surface("pkg", (parse_module(source, module="pkg"),))
    first, second = lower_module(surface), lower_module(surface)
    assert [d.render() for d in first.types] == ["type Color = any", "type Handle = any"]
    assert [getattr(d, "members", None) for d in first.types] == [("RED",), None]
    for one, other in zip(first.types, second.types, strict=True):
        assert one is other  # the surface's declaration, not one per lowering


def test_a_type_parameter_named_like_a_construct_is_no_construct() -> None:
    from mochi_py_stubs import TName, TSubscript
    from mochi_py_typemap._index import index_for
    from mochi_py_typemap._session import Session
    from mochi_py_typemap._typing_table import Construct

    surface = Surface("pkg", (parse_module("from typing import Awaitable\n", module="pkg"),))
    session = Session(index_for(surface), False)
    awaitable = TSubscript(TName("Awaitable", "typing.Awaitable"), (TName("int", "builtins.int"),))
    assert session.construct_in(awaitable, frozenset()) is Construct.AWAITABLE
    assert session.construct_in(awaitable, frozenset({"Awaitable"})) is None
