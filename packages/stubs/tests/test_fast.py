"""The fast constructors build exactly what the dataclass constructors build."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from mochi_py_stubs import (
    NO_LITERAL,
    Attribute,
    Constant,
    Function,
    ItemKind,
    Param,
    ParamKind,
    PublicItem,
    Signature,
    TName,
    TSubscript,
    TUnion,
)
from mochi_py_stubs._fast import (
    make_attribute,
    make_constant,
    make_function,
    make_param,
    make_public_item,
    make_signature,
    make_tname,
    make_tsubscript,
    make_tunion,
)


def _same(fast: object, slow: object) -> None:
    assert type(fast) is type(slow)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert repr(fast) == repr(slow)
    names = tuple(f.name for f in dataclasses.fields(fast))  # type: ignore[arg-type]
    assert [getattr(fast, n) for n in names] == [getattr(slow, n) for n in names]
    assert type(fast).__slots__ == names  # type: ignore[attr-defined]
    assert not hasattr(fast, "__dict__")  # one object per value, not two
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert copy.deepcopy(fast) == slow


def test_every_fast_constructor_matches_the_dataclass() -> None:
    name = TName("int", "builtins.int")
    _same(make_tname("int", "builtins.int"), name)
    _same(make_tsubscript(name, (name,)), TSubscript(name, (name,)))
    _same(make_tunion((name, name)), TUnion((name, name)))
    param = Param("x", ParamKind.KEYWORD_ONLY, name, True, (1, "a"))
    _same(make_param("x", ParamKind.KEYWORD_ONLY, name, True, (1, "a")), param)
    _same(
        make_param("y", ParamKind.VAR_KEYWORD, None, False, NO_LITERAL),
        Param("y", ParamKind.VAR_KEYWORD, None),
    )
    signature = Signature((param,), name, 3, ("T",))
    _same(make_signature((param,), name, 3, ("T",)), signature)
    _same(
        make_function("f", signature, True, ("overload",), (signature,), 2),
        Function("f", signature, True, ("overload",), (signature,), 2),
    )
    _same(make_attribute("a", name, True, 3, 9), Attribute("a", name, True, 3, 9))
    _same(make_constant("C", None, NO_LITERAL, 4), Constant("C", None, NO_LITERAL, 4))
    function = Function("f", signature, False)
    _same(
        make_public_item("g", ItemKind.FUNCTION, "m._x", function, "m._x.f"),
        PublicItem("g", ItemKind.FUNCTION, "m._x", function, "m._x.f"),
    )
    _same(
        make_public_item("h", ItemKind.EXTERNAL, "m", None, "os.path"),
        PublicItem("h", ItemKind.EXTERNAL, "m", None, "os.path"),
    )


def test_fast_values_stay_frozen() -> None:
    value = make_tname("a", "b")
    try:
        value.name = "c"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a fast-built value must stay frozen")


def test_a_constructor_for_a_class_out_of_step_with_it_is_refused_at_import() -> None:
    from dataclasses import dataclass

    from mochi_py_stubs._fast import _setters

    @dataclass(frozen=True, slots=True)
    class Point:
        x: int
        y: int

    @dataclass(frozen=True)
    class Unslotted:
        x: int

    assert len(_setters(Point, ("x", "y"))) == 2
    for cls, names in ((Point, ("x",)), (Point, ("y", "x")), (Unslotted, ("x",))):
        with pytest.raises(RuntimeError, match="out of date"):
            _setters(cls, names)
