"""Fuzz-suite setup: the helper modules are importable (pytest runs in importlib mode), and
the terminal summary says what each target did in its time budget."""

from __future__ import annotations

import pathlib
import sys

import pytest

_HERE = str(pathlib.Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from fuzzing import TALLIES, budget

    if not TALLIES:
        return
    terminalreporter.section(f"fuzz targets (budget {budget():g} s each)")
    total = 0.0
    for name, tally in sorted(TALLIES.items()):
        total += tally.seconds
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(tally.outcomes.items()))
        terminalreporter.write_line(
            f"{name}: {tally.examples} examples in {tally.batches} batches,"
            f" {tally.seconds:.0f} s ({outcomes})"
        )
    terminalreporter.write_line(f"total fuzzing time: {total:.0f} s")
