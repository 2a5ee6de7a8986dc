"""The time-bounded hypothesis loop every fuzz target runs in.

Hypothesis has no wall-clock stop, so a target runs in batches: each batch is an ordinary
`@given` test with its own seed (so batches explore different inputs) and a fixed number of
examples, and batches are started until the target's budget is spent. An example that starts
after the deadline returns at once, so the last batch ends promptly. A failure is shrunk and
reported by hypothesis as usual, with the seed that found it.

The budget per target is `FUZZ_SECONDS` (default 150; `nox -s fuzz -- --quick` sets 5). The
targets are the five of the issue: import specs (parse_spec + scan_imports), TOML (loads +
replace_array_of_tables), the lock parser, the stub parser (random text + mutated typeshed)
and the full plan; a target with two tests gives each half of its budget.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

DEFAULT_SECONDS = 150.0
BATCH = 500


def budget() -> float:
    value = os.environ.get("FUZZ_SECONDS", "")
    return float(value) if value else DEFAULT_SECONDS


@dataclass
class Tally:
    """What one target did: examples run, batches, seconds; filled by `fuzz`."""

    examples: int = 0
    batches: int = 0
    seconds: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


TALLIES: dict[str, Tally] = {}

T = TypeVar("T")
E = TypeVar("E", bound=BaseException)


def attempt(action: Callable[[], T], allowed: type[E]) -> T | E:
    """`action()`, or the `allowed` error it raised (any other exception propagates: that
    is a finding)."""
    try:
        return action()
    except allowed as exc:
        return exc


def fuzz(
    name: str,
    strategy: st.SearchStrategy[Any],
    check: Callable[[Any, Tally], None],
    *,
    share: float = 1.0,
    batch: int = BATCH,
) -> Tally:
    """Run `check(value, tally)` on values of `strategy` for `share` of the budget (a target
    fuzzed by two tests gives each half)."""
    tally = TALLIES.setdefault(name, Tally())
    deadline = time.monotonic() + budget() * share
    started = time.monotonic()
    number = 0
    while time.monotonic() < deadline:

        @seed(0x5EED0000 + number)
        @settings(
            max_examples=batch,
            deadline=None,
            database=None,
            derandomize=False,
            phases=(Phase.generate, Phase.shrink),
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def one_batch(value: Any) -> None:
            if time.monotonic() >= deadline:
                return
            tally.examples += 1
            check(value, tally)

        one_batch()
        tally.batches += 1
        number += 1
    tally.seconds += time.monotonic() - started
    return tally
