"""mochi-py-lockfile's `parse_toml` on hostile lock text.

Allowed outcome besides a Manifest: LockfileError (LockfileFormatError and its subclasses),
with 1-based positions when it has any. A parsed lock must render and parse back to itself.
"""

from __future__ import annotations

from fuzzing import Tally, attempt, fuzz
from hypothesis import strategies as st
from strategies import TOML_TEXT, lock_text_samples, mutated

from mochi_py_lockfile import LockfileError, Manifest, check, parse_toml, render_toml


def _check(text: str, tally: Tally) -> None:
    manifest = attempt(lambda: parse_toml(text, path="mochi.lock"), LockfileError)
    if isinstance(manifest, LockfileError):
        tally.count(type(manifest).__name__)
        assert manifest.path == "mochi.lock"
        if manifest.line is not None:
            assert manifest.line >= 1
            assert manifest.column is not None
            assert manifest.column >= 1
        return
    tally.count("parsed")
    assert isinstance(manifest, Manifest)
    again = parse_toml(render_toml(manifest))
    assert again == manifest
    check(again, manifest)


def test_parse_toml() -> None:
    documents = st.one_of(
        TOML_TEXT,
        st.sampled_from(lock_text_samples()).flatmap(mutated),
        st.sampled_from(lock_text_samples()),
    )
    fuzz("lockfile.parse_toml", documents, _check)
