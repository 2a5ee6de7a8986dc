"""mochi-py-toml's reader and its array-of-tables splice on hostile text.

Allowed outcome besides a value: TomlError (with a position inside the text when it has one).
A successful splice must give a document that parses, holds the new tables and keeps every
other key it had.
"""

from __future__ import annotations

from fuzzing import Tally, attempt, fuzz
from hypothesis import strategies as st
from strategies import TOML_TEXT, lock_text_samples, mutated

from mochi_py_toml import TomlError, loads, replace_array_of_tables

_TABLES = st.lists(
    st.dictionaries(
        st.text(max_size=6),
        st.one_of(
            st.integers(-5, 5),
            st.text(max_size=6),
            st.booleans(),
            st.lists(st.integers(), max_size=2),
        ),
        max_size=3,
    ),
    max_size=3,
)
_DOCUMENT = st.one_of(TOML_TEXT, st.sampled_from(lock_text_samples()).flatmap(mutated))


def _check_position(exc: TomlError, text: str) -> None:
    if exc.line is not None:
        assert 1 <= exc.line <= text.count("\n") + 2, (exc.line, text)
        assert exc.column is not None
        assert exc.column >= 1


def _check_loads(text: str, tally: Tally) -> None:
    outcome = attempt(lambda: loads(text), TomlError)
    if isinstance(outcome, TomlError):
        tally.count("TomlError")
        _check_position(outcome, text)
        return
    tally.count("parsed")


def _check_splice(case: tuple[str, str, list[dict[str, object]]], tally: Tally) -> None:
    text, name, tables = case
    spliced = attempt(lambda: replace_array_of_tables(text, name, tables), TomlError)
    if isinstance(spliced, TomlError):
        tally.count("TomlError")
        return
    tally.count("spliced")
    before = loads(text)
    after = loads(spliced)
    if tables:
        assert after[name] == tables
    else:
        assert name not in after
    for key, value in before.items():
        if key != name:
            # repr, not ==: a NaN kept as it was is still not equal to itself.
            assert repr(after[key]) == repr(value), key


def test_loads() -> None:
    fuzz("toml.loads", _DOCUMENT, _check_loads, share=0.5)


def test_replace_array_of_tables() -> None:
    names = st.one_of(st.just("python-package"), st.text(min_size=1, max_size=6))
    cases = st.tuples(_DOCUMENT, names, _TABLES)
    fuzz("toml.replace_array_of_tables", cases, _check_splice, share=0.5)
