"""Import specs and the Mochi import scanner (mochi-py-build, Phase 7) on hostile text.

Allowed outcomes: a value, ImportSpecError from `parse_spec`, ScanError from `scan_imports`.
A parsed spec must print back to itself, and the error position must lie inside the input.
"""

from __future__ import annotations

from fuzzing import Tally, attempt, fuzz
from strategies import SPEC, mochi_source

from mochi_py_build import ImportSpec, ImportSpecError, ScanError, parse_spec, scan_imports


def _check_spec(raw: str, tally: Tally) -> None:
    spec = attempt(lambda: parse_spec(raw), ImportSpecError)
    if isinstance(spec, ImportSpecError):
        tally.count("ImportSpecError")
        assert 0 <= spec.column <= len(raw), (raw, spec.column)
        assert spec.part in {"spec", "name", "specifier", "index", "url", "rev", "path"}
        return
    tally.count("parsed")
    assert isinstance(spec, ImportSpec)
    assert parse_spec(spec.to_string()) == spec
    spec.requirement(base_dir="/base")


def _check_scan(text: str, tally: Tally) -> None:
    statements = attempt(lambda: scan_imports(text, path="fuzz.mochi"), ScanError)
    if isinstance(statements, ScanError):
        tally.count("ScanError")
        assert statements.line >= 1, statements
        assert statements.column >= 1, statements
        return
    tally.count("imports found" if statements else "no import")
    for statement in statements:
        _check_spec(statement.spec, tally)


def test_parse_spec() -> None:
    fuzz("parse_spec", SPEC, _check_spec, share=0.5)


def test_scan_imports() -> None:
    fuzz("scan_imports", mochi_source(), _check_scan, share=0.5)
