"""Identifier rules: check_identifier, mangle (reversible) and the refusals."""

from __future__ import annotations

import keyword

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_typemap import MOCHI_RESERVED_WORDS
from mochi_py_wrapper import (
    MOCHI_RESERVED,
    PYTHON_KEYWORDS,
    InvalidIdentifierError,
    WrapperError,
    check_identifier,
    mangle,
    unmangle,
)


def test_reserved_words_match_the_design_list() -> None:
    assert MOCHI_RESERVED == MOCHI_RESERVED_WORDS
    assert {"fetch", "load", "type", "match", "set", "none"} <= MOCHI_RESERVED


def test_python_keywords_are_the_same_on_every_version() -> None:
    assert set(keyword.kwlist) | set(keyword.softkwlist) <= PYTHON_KEYWORDS
    assert {"class", "lambda", "match", "case", "type", "_"} <= PYTHON_KEYWORDS


@pytest.mark.parametrize("name", ["x", "Client", "get_all", "load_", "VERSION", "_private"])
def test_usable_names(name: str) -> None:
    assert check_identifier(name) is None


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "empty"),
        ("load", "Mochi reserved word"),
        ("class", "Python keyword"),
        ("match", "Python keyword"),
        ("caf\u00e9", "not ASCII"),
        ("\ufb01le", "NFKC"),
        ("a\u202eb", "U+202E"),
        ("a\u200bb", "U+200B"),
        ("x\ny", "U+000A"),
        ("__init__", "dunder"),
        ("___", "underscores"),
        ("1abc", "not an identifier"),
        ("a-b", "not an identifier"),
        ("a'b", "not an identifier"),
    ],
)
def test_unusable_names(name: str, fragment: str) -> None:
    reason = check_identifier(name)
    assert reason is not None
    assert fragment in reason


@pytest.mark.parametrize(
    ("name", "mangled"),
    [
        ("load", "load_"),
        ("load_", "load__"),
        ("load__", "load___"),
        ("class", "class_"),
        ("class_", "class__"),
        ("type", "type_"),
        ("fetch", "fetch_"),
        ("ok", "ok"),
        ("ok_", "ok_"),
        ("loader", "loader"),
    ],
)
def test_mangle_table(name: str, mangled: str) -> None:
    assert mangle(name) == mangled
    assert unmangle(mangled) == name


@pytest.mark.parametrize("name", ["", "caf\u00e9", "\ufb01le", "a\u202eb", "__x__", "a b", "_"])
def test_mangle_refuses(name: str) -> None:
    with pytest.raises(InvalidIdentifierError) as info:
        mangle(name)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, WrapperError)
    assert info.value.name == name
    assert info.value.reason == check_identifier(name)


_WORDS = sorted(MOCHI_RESERVED | PYTHON_KEYWORDS)
_names = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True),
    st.builds(lambda w, n: w + "_" * n, st.sampled_from(_WORDS), st.integers(0, 3)),
).filter(lambda s: s.strip("_") != "" and not (len(s) > 4 and s[:2] == s[-2:] == "__"))


@settings(max_examples=200, deadline=None)
@given(_names)
def test_mangle_is_reversible_and_usable(name: str) -> None:
    mangled = mangle(name)
    assert unmangle(mangled) == name
    assert check_identifier(mangled) is None


@settings(max_examples=200, deadline=None)
@given(_names, _names)
def test_mangle_is_injective(a: str, b: str) -> None:
    if a != b:
        assert mangle(a) != mangle(b)
