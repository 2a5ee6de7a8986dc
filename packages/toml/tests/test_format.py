"""format_key / format_value: one-line primitives that always parse back to the same value."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_toml import TomlError, format_key, format_value, loads

HOSTILE = ['"', "\\", "\x7f", "\u2028", "\u2029", "\ufeff", "\U0001f600", "#", "=", " ", "."]
HOSTILE += [chr(c) for c in range(32)]
TEXT = st.lists(st.one_of(st.characters(codec="utf-8"), st.sampled_from(HOSTILE)), max_size=8).map(
    "".join
)
OFFSETS = st.integers(-1439, 1439).map(lambda minutes: timezone(timedelta(minutes=minutes)))
SCALARS = st.one_of(
    TEXT,
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.times(),
    st.datetimes(timezones=st.none() | OFFSETS),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(TEXT, inner, max_size=4)
    ),
    max_leaves=16,
)


def same(left: Any, right: Any) -> bool:
    """Equality for TOML values: NaN equals NaN, and a tuple is written as a list."""
    if isinstance(right, tuple):
        right = list(right)
    if isinstance(left, dict) and isinstance(right, dict):
        return list(left) == list(right) and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(same, left, right))
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return type(left) is type(right) and bool(left == right)


@settings(max_examples=200, deadline=None)
@given(VALUES)
def test_format_value_round_trips_on_one_line(value: Any) -> None:
    literal = format_value(value)
    assert "\n" not in literal
    assert "\r" not in literal
    assert same(loads("k = " + literal)["k"], value)
    assert format_value(value) == literal


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_format_key_round_trips(key: str) -> None:
    rendered = format_key(key)
    assert "\n" not in rendered
    assert loads(f"{rendered} = 1\n") == {key: 1}
    assert loads(f"[a.{rendered}]\n") == {"a": {key: {}}}
    assert loads(f"x = {{ {rendered} = 1 }}\n") == {"x": {key: 1}}


@settings(max_examples=100, deadline=None)
@given(VALUES)
def test_format_value_is_canonical_for_what_it_reads(value: Any) -> None:
    # What format_value wrote, read back and written again, gives the same text: callers
    # (the lockfile's unknown keys) compare texts.
    literal = format_value(value)
    assert format_value(loads("k = " + literal)["k"]) == literal


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("name", "name"),
        ("wrapper-sha256", "wrapper-sha256"),
        ("A_1", "A_1"),
        ("python_wrap/httpx", '"python_wrap/httpx"'),
        ("a b", '"a b"'),
        ("a.b", '"a.b"'),
        ("", '""'),
        ("h\u00e9", '"h\u00e9"'),
        ('q"\\', '"q\\"\\\\"'),
        ("tab\there", '"tab\there"'),
        ("nl\n", '"nl\\n"'),
    ],
)
def test_format_key(key: str, expected: str) -> None:
    assert format_key(key) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("httpx", '"httpx"'),
        ('say "hi"\\', '"say \\"hi\\"\\\\"'),
        ("\x00\x1f\x7f", '"\\u0000\\u001f\\u007f"'),
        ("\b\f\n\r", '"\\b\\f\\n\\r"'),
        ("\u2028\U0001f600", '"\u2028\U0001f600"'),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-(2**63), "-9223372036854775808"),
        (1.5, "1.5"),
        (1e300, "1e+300"),
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (float("nan"), "nan"),
        (date(2024, 2, 29), "2024-02-29"),
        (time(7, 32, 0, 5), "07:32:00.000005"),
        (datetime(1979, 5, 27, 7, 32), "1979-05-27 07:32:00"),
        (datetime(1979, 5, 27, 7, 32, tzinfo=timezone.utc), "1979-05-27 07:32:00+00:00"),
        ([], "[]"),
        ((), "[]"),
        (["a", "b"], '["a", "b"]'),
        ([1, [2, []], {"x": 3}], "[1, [2, []], { x = 3 }]"),
        ({}, "{}"),
        (
            {"name": "httpx", "kind": "wrapper"},
            '{ name = "httpx", kind = "wrapper" }',
        ),
        ({"a b": {"c": [1]}}, '{ "a b" = { c = [1] } }'),
    ],
)
def test_format_value(value: Any, expected: str) -> None:
    assert format_value(value) == expected


def test_workspace_pyproject_line() -> None:
    line = f"{format_key('python_wrap/httpx')} = " + format_value(
        {"name": "httpx", "kind": "wrapper"}
    )
    assert line == '"python_wrap/httpx" = { name = "httpx", kind = "wrapper" }'
    assert loads(line) == {"python_wrap/httpx": {"name": "httpx", "kind": "wrapper"}}


@pytest.mark.parametrize(
    ("value", "key_path", "fragment"),
    [
        (None, "", "None"),
        ({1, 2}, "", "set"),
        (object(), "", "object"),
        (b"x", "", "bytes"),
        ("x\ud800", "", "lone surrogate U+D800"),
        ([1, None], "[1]", "None"),
        ({"a": [{"b": None}]}, "a[0].b", "None"),
        ({"a": {2: 1}}, "a", "key 2 (int) is not a string"),
        (2**64, "", "64-bit"),
        (time(1, tzinfo=timezone.utc), "", "no offset times"),
    ],
)
def test_format_value_rejects(value: Any, key_path: str, fragment: str) -> None:
    with pytest.raises(TomlError) as info:
        format_value(value)
    assert info.value.key_path == key_path
    assert fragment in info.value.message


@pytest.mark.parametrize(
    ("key", "fragment"),
    [("k\udfff", "lone surrogate U+DFFF"), (3, "not int")],
)
def test_format_key_rejects(key: Any, fragment: str) -> None:
    with pytest.raises(TomlError) as info:
        format_key(key)
    assert fragment in info.value.message
