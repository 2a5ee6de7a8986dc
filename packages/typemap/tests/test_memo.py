"""Regression tests for the lowering speed-ups that `nox -s bench` (a) called for (lowering
typeshed's stdlib took 2.1x the time of bare `ast.parse`): per-session memos of mapped
annotations, lowered signatures and the members of unions that become sums, frames made only
on a memo miss, sum names worked out only when a sum is made, overload variants lowered only
up to the first refusal, and a cheaper ASCII-identifier test. Each must leave the result
exactly as before.
"""

from __future__ import annotations

import importlib.machinery
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_stubs import Surface, TypeExpr, parse_module
from mochi_py_typemap import (
    ANY,
    BOOL,
    INT,
    STRING,
    LoweredClass,
    LoweredFunction,
    LoweredModule,
    NamedType,
    SkipReason,
    SkipReport,
    SumDecl,
    _lower,
    _members,
    _session,
    _unions,
    lower_module,
)
from mochi_py_typemap._frame import Frame
from mochi_py_typemap._names import is_ascii_identifier

PKG = "pkg"


def _lower_stub(source: str) -> LoweredModule:
    module = parse_module(source, module=PKG, path=f"{PKG}/__init__.pyi")
    return lower_module(Surface(PKG, (module,)))


def _item(lowered: LoweredModule, name: str) -> object:
    (found,) = [item for item in lowered.bound if item.name == name]
    return found


def _method(cls: object, name: str) -> LoweredFunction:
    assert isinstance(cls, LoweredClass)
    (found,) = [m for m in cls.methods if m.name == name]
    return found


def test_literals_of_equal_value_keep_their_own_kinds() -> None:
    # As dataclasses, TConst(1) == TConst(True) == TConst(1.0): a memo keyed on equality
    # would give them one answer.
    lowered = _lower_stub(
        "from typing import Literal\n"
        "def a(x: Literal[1]) -> Literal[1]: ...\n"
        "def b(x: Literal[True]) -> Literal[True]: ...\n"
        "def c(x: Literal[1.0]) -> int: ...\n"
    )
    a, b = _item(lowered, "a"), _item(lowered, "b")
    assert isinstance(a, LoweredFunction)
    assert isinstance(b, LoweredFunction)
    assert (a.params[0].type, a.returns) == (INT, INT)
    assert (b.params[0].type, b.returns) == (BOOL, BOOL)
    (c,) = lowered.skipped
    assert c.item_path == "pkg.c"
    assert c.reason is SkipReason.UNSUPPORTED_TYPING_CONSTRUCT


def test_self_follows_the_class_an_inherited_method_is_bound_on() -> None:
    lowered = _lower_stub(
        "from typing import Self\n"
        "class Base:\n"
        "    def clone(self) -> Self: ...\n"
        "    def name(self, other: Self) -> str: ...\n"
        "    def size(self) -> int: ...\n"
        "class Child(Base): ...\n"
        "class Grandchild(Child): ...\n"
    )
    for cls in ("Base", "Child", "Grandchild"):
        item = _item(lowered, cls)
        clone, name, size = (_method(item, m) for m in ("clone", "name", "size"))
        assert isinstance(clone.returns, NamedType)
        assert clone.returns.name == cls
        assert isinstance(name.params[0].type, NamedType)
        assert name.params[0].type.name == cls
        assert name.returns == STRING
        assert size.returns == INT
        assert clone.path == f"pkg.{cls}.clone"


def test_a_repeated_refusal_names_each_item() -> None:
    lowered = _lower_stub(
        "def f(x: bytes) -> int: ...\n"
        "def g(y: bytes) -> int: ...\n"
        "class Base:\n"
        "    def raw(self, data: bytes) -> int: ...\n"
        "class Child(Base): ...\n"
    )
    assert [(s.item_path, s.reason) for s in lowered.skipped] == [
        ("pkg.f", SkipReason.NO_BYTES_TYPE),
        ("pkg.g", SkipReason.NO_BYTES_TYPE),
    ]
    member = [(s.item_path, s.reason) for s in lowered.member_skips if s.item_path.endswith("raw")]
    assert member == [
        ("pkg.Base.raw", SkipReason.NO_BYTES_TYPE),
        ("pkg.Child.raw", SkipReason.NO_BYTES_TYPE),
    ]


def test_the_same_union_in_two_places_gets_two_sums_named_after_each() -> None:
    lowered = _lower_stub(
        "def f(x: int | str) -> None: ...\ndef g(x: int | str) -> int | str: ...\n"
    )
    f, g = _item(lowered, "f"), _item(lowered, "g")
    assert isinstance(f, LoweredFunction)
    assert isinstance(g, LoweredFunction)
    names = [f.params[0].type, g.params[0].type, g.returns]
    assert all(isinstance(t, NamedType) and t.decl_kind == "sum" for t in names)
    assert [t.name for t in names if isinstance(t, NamedType)] == [
        "FXUnion",
        "GXUnion",
        "GReturnUnion",
    ]
    sums = [d.name for d in lowered.types if isinstance(d, SumDecl)]
    assert sums == ["FXUnion", "GReturnUnion", "GXUnion"]


def test_an_overload_is_refused_at_its_first_unbindable_variant() -> None:
    lowered = _lower_stub(
        "from typing import overload\n"
        "@overload\n"
        "def f(x: int) -> int: ...\n"
        "@overload\n"
        "def f(x: bytes) -> bytes: ...\n"
        "@overload\n"
        "def f(x: complex) -> complex: ...\n"
    )
    (skip,) = lowered.skipped
    assert skip.reason is SkipReason.OVERLOAD_AMBIGUITY
    assert "f has 3 @overload variants" in skip.detail
    assert "variant 2 cannot be bound" in skip.detail


# --------------------------------------------------------------------------- transparency


_ANNOTATIONS = (
    "int", "str", "bytes", "Self", "int | None", "int | str", "list[int]", "dict[str, Box]",
    "Box", "Literal[1]", "Literal[True]", "Optional[Box]", "Callable[[int], str]", "T",
    "tuple[int, ...]", "Any", "'Box'", "Alias", "Point", "list[Self]",
    "U",  # a type variable only in classes that declare it (it comes from outside)
)  # fmt: skip


@st.composite
def _stub(draw: st.DrawFn) -> str:
    lines = [
        "from typing import Any, Callable, Generic, Literal, Optional, Self, TypeVar, overload",
        "from dataclasses import dataclass",
        "T = TypeVar('T')",
        "from otherlib import U",
        "Alias = int | str",
        "@dataclass\nclass Point:\n    x: int\n    y: int | str",
        "class Box(Generic[T]):\n    def get(self) -> T: ...\n    def me(self) -> Self: ...",
    ]
    annotation = st.sampled_from(_ANNOTATIONS)
    for number in range(draw(st.integers(1, 6))):
        count = draw(st.integers(0, 3))
        # From `first_default` on, parameters have a default (an unmappable one is typed any).
        first_default = draw(st.integers(0, count))
        params = ", ".join(
            f"p{i}: {draw(annotation)}" + (" = ..." if i >= first_default else "")
            for i in range(count)
        )
        kind = draw(st.sampled_from(["function", "method", "overload"]))
        if kind == "function":
            lines.append(f"def f{number}({params}) -> {draw(annotation)}: ...")
        elif kind == "overload":
            for _ in range(2):
                lines.append(f"@overload\ndef f{number}({params}) -> {draw(annotation)}: ...")
        else:
            earlier = f"(C{draw(st.integers(0, number - 1))})" if number else ""
            base = draw(st.sampled_from(["", "(Box[int])", "(Generic[U])", earlier]))
            sep = ", " if params else ""
            # Named after the class or not: a subclass then inherits the method or overrides it.
            name = draw(st.sampled_from(["m", f"m{number}"]))
            lines.append(
                f"class C{number}{base}:\n"
                f"    def {name}(self{sep}{params}) -> {draw(annotation)}: ...\n"
                f"    def __len__(self) -> int: ...\n"
                f"    def _hidden(self) -> int: ...\n"
                f"    @property\n"
                f"    def p{number}(self) -> {draw(annotation)}: ...\n"
                f"    attr: {draw(annotation)}"
            )
    return "\n".join(lines) + "\n"


# Swapping the memos out works by monkeypatching the session's and the lowerer's methods,
# which callers inside a compiled build (README, "Compiled build") do not see: there the
# comparison would be of memos against memos. The pure-Python unit sessions run it.
_lowering_is_compiled = (_lower.__file__ or "").endswith(
    tuple(importlib.machinery.EXTENSION_SUFFIXES)
)
needs_python_lowering = pytest.mark.skipif(
    _lowering_is_compiled, reason="memos cannot be swapped out of compiled code"
)


def _without_memos(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lowering as it was before the memos: every annotation mapped in its own frame."""

    def map_in(
        self: _session.Session,
        expr: object,
        module: str,
        item_path: str,
        enclosing: str | None,
        tparams: frozenset[str],
        slot: str,
        aliases: tuple[str, ...] = (),
        depth: int = 0,
        fr: Frame | None = None,
        *,
        naming: tuple[str, ...] | None = None,
        python_only: bool = False,
    ) -> object:
        if fr is None:
            if naming is not None and slot:
                naming = (*naming, slot)
            fr = Frame(
                module, item_path, enclosing, naming, tparams, aliases, depth, slot, python_only
            )
        return self._map(expr, fr)  # type: ignore[arg-type]

    def union(
        self: _session.Session, members: tuple[TypeExpr, ...], fr: Frame, source: object = None
    ) -> object:
        planned = self._union(members, fr)
        if isinstance(planned, _unions._SumPlan):
            if fr.python_only:
                return ANY
            return self._made_sum(planned.payloads, planned.nullable, fr)
        return planned

    monkeypatch.setattr(_session.Session, "map_in", map_in)
    monkeypatch.setattr(_session.Session, "union", union)
    monkeypatch.setattr(_lower._Lowerer, "_signature", _unmemoised_signature)
    monkeypatch.setattr(_lower._Lowerer, "_inherited_method", _unmemoised_inherited_method)
    init = _lower._Lowerer.__init__

    def forgetful_init(self: _lower._Lowerer, *args: object) -> None:
        init(self, *args)  # type: ignore[arg-type]
        self.inherited_getters = _Forgetful()
        self.inherited = _Forgetful()
        self.members = _Forgetful()

    monkeypatch.setattr(_lower._Lowerer, "__init__", forgetful_init)
    # A class's members merged class by class, not from its bases' kept tables.
    monkeypatch.setattr(_lower, "class_members", _members._direct)


class _Forgetful(dict):  # type: ignore[type-arg]
    """A memo that keeps nothing."""

    def __setitem__(self, key: object, value: object) -> None:
        pass


def _unmemoised_inherited_method(self, fn, owner, ref, path, binding):  # type: ignore[no-untyped-def]
    placed = f"{owner.qualname}.{fn.name}"
    return self.function(fn, path, owner.module, binding=binding, owner=ref, naming=placed)


def _unmemoised_signature(self: _lower._Lowerer, fn, sig, path, module, binding, owner, placed):  # type: ignore[no-untyped-def]
    enclosing = None if owner is None else owner.qualname
    tparams = self.session.scope_tparams(enclosing, sig.type_params)
    return self._lower_signature(fn, sig, path, module, binding, owner, enclosing, tparams, placed)


@needs_python_lowering
@settings(max_examples=150, deadline=None)
@given(_stub())
def test_memos_change_no_result(source: str) -> None:
    with_memos = _lower_stub(source)
    with pytest.MonkeyPatch.context() as patch:
        _without_memos(patch)
        without = _lower_stub(source)
    assert with_memos == without
    # LoweredParam.unmapped takes no part in equality: compare it on its own.
    assert _unmapped(with_memos) == _unmapped(without)


def _unmapped(lowered: LoweredModule) -> list[tuple[str, str, SkipReport | None]]:
    functions: list[LoweredFunction] = []
    for item in lowered.bound:
        if isinstance(item, LoweredFunction):
            functions.append(item)
        elif isinstance(item, LoweredClass):
            functions.extend(item.methods)
    return [(f.path, p.name, p.unmapped) for f in functions for p in f.params]


def test_an_inherited_defaulted_parameter_keeps_its_own_refusal() -> None:
    lowered = _lower_stub(
        "class Base:\n"
        "    def m(self, a: int, raw: bytes = ...) -> int: ...\n"
        "class Child(Base): ...\n"
    )
    for cls in ("Base", "Child"):
        (a, raw) = _method(_item(lowered, cls), "m").params
        assert a.unmapped is None
        assert raw.unmapped is not None
        assert raw.unmapped.item_path == f"pkg.{cls}.m"
        assert raw.unmapped.reason is SkipReason.NO_BYTES_TYPE
    notes = [s.item_path for s in lowered.member_skips if s.item_path.endswith(".raw")]
    assert notes == ["pkg.Base.m.raw", "pkg.Child.m.raw"]


# --------------------------------------------------------------------------- identifiers


_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=8),
        st.text(alphabet=st.sampled_from("aZ_09é\u0660ﬁ \n-"), max_size=6),
    )
)
def test_ascii_identifier_is_the_pattern(name: str) -> None:
    assert is_ascii_identifier(name) is bool(_PATTERN.fullmatch(name))


@needs_python_lowering
@pytest.mark.parametrize(
    "source",
    [
        # T is a type variable in Base's scope, not in Sub's (T comes from outside the
        # package, so only a class's own type parameters make it one).
        "from typing import Generic\nfrom otherlib import T\n"
        "class Base(Generic[T]):\n    def get(self) -> T: ...\n"
        "class Sub(Base[int]): ...\n",
        # ... and the other way round.
        "from typing import Generic\nfrom otherlib import T\n"
        "class Base:\n    def get(self) -> T: ...\n"
        "class Sub(Base, Generic[T]): ...\n",
        # Two subclasses with different type parameters in scope.
        "from typing import Generic\nfrom otherlib import T\n"
        "class _Base:\n    def get(self) -> T: ...\n"
        "class A(_Base, Generic[T]): ...\nclass B(_Base): ...\nclass C(_Base, Generic[T]): ...\n",
    ],
)
def test_an_inherited_method_is_lowered_with_the_type_parameters_of_its_class(
    source: str,
) -> None:
    with_memos = _lower_stub(source)
    with pytest.MonkeyPatch.context() as patch:
        _without_memos(patch)
        without = _lower_stub(source)
    assert with_memos == without
    # The same whichever class comes first.
    renamed = _lower_stub(source.replace("Base", "ZBase"))
    assert [type(i).__name__ for i in renamed.bound] == [type(i).__name__ for i in without.bound]
