"""Writing documents: dumps is canonical, deterministic, and names the key path of bad values."""

from __future__ import annotations

import enum
import math
from collections import OrderedDict
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_toml import TomlError, dumps, loads

# Every character class that has broken TOML writers: quotes, backslashes, each control
# character (DEL included), line and paragraph separators, a BOM, non-BMP text.
HOSTILE = [
    '"',
    "'",
    "\\",
    "\\u0041",
    '"""',
    "'''",
    "#",
    "[",
    "]",
    "=",
    ".",
    " ",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\U0001f600",
    "\u00e9",
    "\x7f",
    *(chr(c) for c in range(32)),
]
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
TABLES = st.dictionaries(TEXT, VALUES, max_size=4)
DOCUMENTS = st.recursive(
    TABLES,
    lambda inner: st.dictionaries(
        TEXT, st.one_of(VALUES, inner, st.lists(inner, min_size=1, max_size=3)), max_size=4
    ),
    max_leaves=8,
)


def same(left: Any, right: Any) -> bool:
    """Equality for TOML values: NaN equals NaN, and a tuple is written as a list."""
    if isinstance(left, tuple):
        left = list(left)
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
@given(DOCUMENTS)
def test_dumps_round_trips(document: dict[str, Any]) -> None:
    text = dumps(document)
    # Key order survives except that plain values come before sub-tables, so compare as sets.
    assert same_unordered(loads(text), document)
    assert dumps(document) == text
    assert "\r" not in text


def same_unordered(left: Any, right: Any) -> bool:
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_unordered(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, (list, tuple)):
        return len(left) == len(right) and all(map(same_unordered, left, right))
    return same(left, right)


def test_canonical_layout() -> None:
    document = {
        "schema-version": 1,
        "python-package": [
            {"name": "httpx", "alias": "h", "capabilities": ["async", "x"]},
            {"name": 'q"\\\x7f\u2028', "alias": "u", "meta": {"k": 1}},
        ],
        "tool": {"x y": {"on": True}},
        "empty": {},
        "nums": [1.5, float("inf"), -0.0],
    }
    assert dumps(document) == (
        "schema-version = 1\n"
        "nums = [\n"
        "    1.5,\n"
        "    inf,\n"
        "    -0.0,\n"
        "]\n"
        "\n"
        "[[python-package]]\n"
        'name = "httpx"\n'
        'alias = "h"\n'
        "capabilities = [\n"
        '    "async",\n'
        '    "x",\n'
        "]\n"
        "\n"
        "[[python-package]]\n"
        'name = "q\\"\\\\\\u007f\u2028"\n'
        'alias = "u"\n'
        "\n"
        "[python-package.meta]\n"
        "k = 1\n"
        "\n"
        '[tool."x y"]\n'
        "on = true\n"
        "\n"
        "[empty]\n"
    )


def test_small_arrays_of_tables_still_get_headers() -> None:
    # tomli-w alone would write `a = [{ b = 1 }]` here; a splice needs real [[a]] headers.
    assert dumps({"a": [{"b": 1}]}) == "[[a]]\nb = 1\n"
    assert dumps({"a": [{}, {}]}) == "[[a]]\n\n[[a]]\n"


def test_mixed_arrays_stay_inline() -> None:
    assert dumps({"a": [{"b": 1}, 2]}) == "a = [\n    { b = 1 },\n    2,\n]\n"


def test_arrays_of_tables_nest() -> None:
    text = dumps({"a": [{"b": [{"c": 1}], "d": {"e": 2}}]})
    assert text == "[[a]]\n\n[[a.b]]\nc = 1\n\n[a.d]\ne = 2\n"
    assert loads(text) == {"a": [{"b": [{"c": 1}], "d": {"e": 2}}]}


def test_every_control_character_is_escaped() -> None:
    text = dumps({"s": "".join(chr(c) for c in range(32)) + "\x7f"})
    assert loads(text)["s"] == "".join(chr(c) for c in range(32)) + "\x7f"
    assert "\n" not in text.rstrip("\n")


def test_empty_document() -> None:
    assert dumps({}) == ""


def test_subclasses_are_written_as_their_plain_values() -> None:
    class Color(enum.IntEnum):
        RED = 1

    class Name(str, enum.Enum):
        A = "alpha"

    class Stamp(datetime):
        def __str__(self) -> str:
            return "not a TOML datetime"

    document = {"c": Color.RED, "n": Name.A, "t": Stamp(2020, 1, 2, 3, 4, 5)}
    assert dumps(document) == 'c = 1\nn = "alpha"\nt = 2020-01-02 03:04:05\n'


def test_any_mapping_is_accepted() -> None:
    document = MappingProxyType({"t": OrderedDict([("b", 1), ("a", 2)])})
    assert dumps(document) == "[t]\nb = 1\na = 2\n"


def test_offset_datetimes() -> None:
    stamp = datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))
    text = dumps({"t": stamp})
    assert text == "t = 2020-01-02 03:04:05.000006-05:30\n"
    assert loads(text)["t"] == stamp


class _NoOffset(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


class _Cycle(list[Any]):
    pass


def _cyclic() -> list[Any]:
    cycle: list[Any] = [1]
    cycle.append(cycle)
    return cycle


def _deep(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("document", "key_path", "fragment"),
    [
        ({"python-package": [{"name": "a"}, {"name": None}]}, "python-package[1].name", "None"),
        ({"a": {"b": {1, 2}}}, "a.b", "set"),
        ({"a": object()}, "a", "object"),
        ({"a": Decimal("1.5")}, "a", "Decimal"),
        ({"a": b"x"}, "a", "bytes"),
        ({"t": {1: "x"}}, "t", "key 1 (int) is not a string"),
        ({"t": {"k\ud800": 1}}, "t", 'key "k\\ud800" holds a lone surrogate U+D800'),
        ({"a b": ["ok", "x\udc00"]}, '"a b"[1]', "string (index 1) holds a lone surrogate"),
        ({"n": 2**63}, "n", "outside TOML's 64-bit range"),
        ({"n": -(2**63) - 1}, "n", "outside TOML's 64-bit range"),
        ({"t": time(1, 2, tzinfo=timezone.utc)}, "t", "no offset times"),
        ({"t": datetime(2020, 1, 1, tzinfo=_NoOffset())}, "t", "no UTC offset"),
        (
            {"t": datetime(2020, 1, 1, tzinfo=timezone(timedelta(seconds=30)))},
            "t",
            "not a UTC offset of whole minutes",
        ),
        ({"c": _cyclic()}, "c[1]", "contains itself"),
        ({"d": _deep(150)}, "d" + "[0]" * 99, "nested more than 100 levels"),
    ],
)
def test_unwritable_values_name_their_key_path(
    document: dict[str, Any], key_path: str, fragment: str
) -> None:
    with pytest.raises(TomlError) as info:
        dumps(document)
    error = info.value
    assert error.key_path == key_path
    assert error.message.startswith(f"{key_path}: ")
    assert fragment in error.message
    assert (error.path, error.line, error.column) == (None, None, None)


def test_document_must_be_a_mapping() -> None:
    with pytest.raises(TomlError) as info:
        dumps([1, 2])  # type: ignore[arg-type]
    assert info.value.key_path == ""
    assert "mapping" in info.value.message


def test_deepest_writable_nesting_loads_back() -> None:
    document = {"d": _deep(99)}
    assert loads(dumps(document)) == document


def test_shared_but_acyclic_values_are_fine() -> None:
    shared = [1, 2]
    assert loads(dumps({"a": shared, "b": {"c": shared}})) == {"a": [1, 2], "b": {"c": [1, 2]}}


def test_dates_and_times() -> None:
    document = {"d": date(1, 2, 3), "t": time(4, 5, 6, 7), "n": datetime(9999, 12, 31)}
    text = dumps(document)
    assert text == "d = 0001-02-03\nt = 04:05:06.000007\nn = 9999-12-31 00:00:00\n"
    assert loads(text) == document
