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
    assert vars(fast) == vars(slow)
    assert [f.name for f in dataclasses.fields(fast)] == list(vars(fast))  # type: ignore[arg-type]
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
    assert list(vars(value)) == fields
    assert [getattr(value, name) for name in fields][: len(args)] == list(args)
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
    from mochi_py_typemap._base import Frame

    _hand_written_init_covers_every_field(
        Frame, "pkg", "pkg.f", "pkg.C", ("f",), frozenset({"T"}), ("A",), 2, "x", True
    )
    assert Frame("pkg", "pkg.f", None, None) == Frame("pkg", "pkg.f", None, None, frozenset())
