"""Alias validation: an alias becomes a directory, a Python package and a Mochi prefix."""

from __future__ import annotations

import keyword

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_build import AliasError, validate_alias


@pytest.mark.parametrize(
    "alias", ["httpx", "np", "_private", "Rich2", "a", "x_y_z", "a" * 64, "Python", "mochi"]
)
def test_good_aliases_come_back_unchanged(alias: str) -> None:
    assert validate_alias(alias) == alias


@pytest.mark.parametrize(
    ("alias", "words"),
    [
        ("", "empty"),
        ("../x", "not a path"),
        ("a/b", "not a path"),
        ("a\\b", "not a path"),
        ("a.b", "not a path"),
        ("con", "Windows device"),
        ("CON", "Windows device"),
        ("Nul", "Windows device"),
        ("com1", "Windows device"),
        ("LPT9", "Windows device"),
        ("class", "Python keyword"),
        ("None", "Python keyword"),
        ("match", "Python keyword"),
        ("case", "Python keyword"),
        ("type", "Python keyword"),
        ("_", "Python keyword"),
        ("fetch", "reserved word in Mochi"),
        ("load", "reserved word in Mochi"),
        ("spawn", "reserved word in Mochi"),
        ("true", "reserved word in Mochi"),
        ("ÿ", "ASCII identifier"),
        ("héllo", "ASCII identifier"),
        ("1abc", "ASCII identifier"),
        ("a-b", "ASCII identifier"),
        ("a b", "ASCII identifier"),
        ("a" * 300, "at most 64"),
        ("a" * 65, "at most 64"),
        ("_mochi_wrap", "reserved for mochi-py"),
        ("_Mochi", "reserved for mochi-py"),
        ("__init__", "dunder"),
    ],
)
def test_bad_aliases(alias: str, words: str) -> None:
    with pytest.raises(AliasError) as info:
        validate_alias(alias)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.alias == alias
    assert words in error.message
    assert error.message in str(error)


def test_every_python_keyword_is_refused() -> None:
    for word in keyword.kwlist + keyword.softkwlist:
        with pytest.raises(AliasError):
            validate_alias(word)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_is_valid_or_alias_error(alias: str) -> None:
    try:
        result = validate_alias(alias)
    except AliasError as exc:
        result = exc.alias
    assert result == alias
    if _is_valid(alias):
        assert alias.isascii()
        assert alias.isidentifier()
        assert not keyword.iskeyword(alias)


def _is_valid(alias: str) -> bool:
    try:
        validate_alias(alias)
    except AliasError:
        return False
    return True
