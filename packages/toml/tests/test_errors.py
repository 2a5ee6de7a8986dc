"""TomlError: its fields, its text and its pickling."""

from __future__ import annotations

import pickle

import pytest

from mochi_py_toml import TomlError


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({}, "bad"),
        ({"path": "a.toml"}, "a.toml: bad"),
        ({"path": "a.toml", "line": 3}, "a.toml:3: bad"),
        ({"path": "a.toml", "line": 3, "column": 7}, "a.toml:3:7: bad"),
        ({"line": 3, "column": 7}, "3:7: bad"),
        ({"key_path": "x[0].y"}, "bad"),
    ],
)
def test_str_leaves_out_missing_parts(fields: dict[str, object], text: str) -> None:
    error = TomlError("bad", **fields)
    assert str(error) == text
    assert error.message == "bad"


def test_fields_default_to_none() -> None:
    error = TomlError("bad")
    assert (error.path, error.line, error.column, error.key_path) == (None, None, None, None)


def test_repr_shows_the_fields_that_are_set() -> None:
    error = TomlError("bad", path="f", line=1, column=2, key_path="k")
    assert repr(error) == "TomlError('bad', path='f', line=1, column=2, key_path='k')"
    assert repr(TomlError("bad")) == "TomlError('bad')"


def test_pickle_keeps_every_field() -> None:
    error = TomlError("bad", path="f", line=1, column=2, key_path="k")
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, TomlError)
    assert (copy.message, copy.path, copy.line, copy.column, copy.key_path) == (
        "bad",
        "f",
        1,
        2,
        "k",
    )
