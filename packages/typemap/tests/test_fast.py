"""The fast constructors build exactly what the dataclass constructors build."""

from __future__ import annotations

import copy
import dataclasses
import pickle

from mochi_py_stubs import NO_LITERAL, ParamKind
from mochi_py_typemap import (
    INT,
    STRING,
    LoweredFunction,
    LoweredParam,
    NamedType,
    SkipReason,
    SkipReport,
)
from mochi_py_typemap._fast import make_function, make_param


def _same(fast: object, slow: object) -> None:
    assert type(fast) is type(slow)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert repr(fast) == repr(slow)
    names = tuple(f.name for f in dataclasses.fields(fast))  # type: ignore[arg-type]
    assert [getattr(fast, n) for n in names] == [getattr(slow, n) for n in names]
    assert type(fast).__slots__ == names  # type: ignore[attr-defined]
    assert not hasattr(fast, "__dict__")
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert copy.deepcopy(fast) == slow


def test_make_param() -> None:
    skip = SkipReport("pkg.f", SkipReason.NO_BYTES_TYPE, "no bytes")
    _same(
        make_param("x", ParamKind.KEYWORD_ONLY, INT, True, 3, skip),
        LoweredParam("x", ParamKind.KEYWORD_ONLY, INT, True, 3, skip),
    )
    _same(
        make_param("y", ParamKind.POSITIONAL_ONLY, STRING, False, NO_LITERAL),
        LoweredParam("y", ParamKind.POSITIONAL_ONLY, STRING),
    )


def test_make_function() -> None:
    param = LoweredParam("x", ParamKind.POSITIONAL_OR_KEYWORD, INT)
    returns = NamedType("Box", "opaque", "pkg.Box")
    _same(
        make_function("get", "pkg.Box.get", (param,), returns, True, "method", None),
        LoweredFunction("get", "pkg.Box.get", (param,), returns, True, "method", None),
    )


def test_frozen_like_the_originals() -> None:
    value = make_param("x", ParamKind.KEYWORD_ONLY, INT, False, NO_LITERAL)
    try:
        value.name = "y"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a fast-built value must stay frozen")


def _hand_written_init_covers_every_field(cls: type, *args: object) -> None:
    """A dataclass whose __init__ is written by hand (SkipReport, Frame) stores every field,
    in order, under its own name; and it stays frozen."""
    import inspect

    fields = [f.name for f in dataclasses.fields(cls)]
    parameters = inspect.signature(cls).parameters  # (the hand-written __init__'s)
    assert list(parameters) == fields
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            assert parameters[f.name].default == f.default
    value = cls(*args)
    assert cls.__slots__ == tuple(fields)  # type: ignore[attr-defined]
    assert [getattr(value, name) for name in fields] == list(args)  # each one set
    assert dataclasses.replace(value) == value
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value
    try:
        setattr(value, fields[0], "other")
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError(f"{cls.__name__} is not frozen")


def test_skip_report_init() -> None:
    _hand_written_init_covers_every_field(
        SkipReport, "pkg.f", SkipReason.NO_BYTES_TYPE, "no bytes", "override"
    )
    short = SkipReport("pkg.f", SkipReason.NO_BYTES_TYPE, "no bytes")
    assert short.override == ""
    assert hash(short) == hash(SkipReport("pkg.f", SkipReason.NO_BYTES_TYPE, "no bytes", ""))


def test_frame_init() -> None:
    from mochi_py_typemap._frame import Frame

    _hand_written_init_covers_every_field(
        Frame, "pkg", "pkg.f", "pkg.C", ("f",), frozenset({"T"}), ("A",), 2, "x", True
    )
    assert Frame("pkg", "pkg.f", None, None) == Frame("pkg", "pkg.f", None, None, frozenset())


def test_slot_setters_refuse_a_class_out_of_step_with_them() -> None:
    import pytest

    from mochi_py_typemap._fast import _setters
    from mochi_py_typemap._slots import slot_setters

    @dataclasses.dataclass(frozen=True, slots=True)
    class Point:
        x: int
        y: int

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        x: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        x: int

        def __post_init__(self) -> None:
            pass

    assert len(slot_setters(Point, ("x", "y"))) == 2
    for cls, names in ((Point, ("x",)), (Point, ("y", "x")), (Unslotted, ("x",))):
        with pytest.raises(RuntimeError, match="out of date"):
            slot_setters(cls, names)
    with pytest.raises(RuntimeError, match="out of date"):
        _setters(Checked, ("x",))  # a constructor would skip its __post_init__
