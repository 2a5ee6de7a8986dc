"""What every benchmark of `nox -s bench` shares: paired timing, peak memory, the result record.

A benchmark compares a subject (mochi-py code) with a baseline doing the same job the plain way
(bare `ast.parse`, `tomllib.loads`, plain file writes, ...), measured in the same run. Absolute
times on a shared machine are noise; the ratio of two sides timed back to back is much less so.
Each repeat times both sides, so every repeat gives one ratio, and the figures reported are the
min / median / max over the repeats of each side and of the ratio: the spread is the noise.
A target is judged on the median ratio.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

clock = time.perf_counter


@dataclass(frozen=True)
class Spread:
    """min / median / max of repeated measurements of one quantity."""

    min: float
    median: float
    max: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(min(values), statistics.median(values), max(values))

    def as_json(self) -> dict[str, float]:
        return {"min": self.min, "median": self.median, "max": self.max}


@dataclass(frozen=True)
class Target:
    """A goal on one figure: `figure` (e.g. "ratio") compared with `limit` by `op`."""

    figure: str
    op: str  # "<=" or ">="
    limit: float
    unit: str = "x"

    def met(self, value: float) -> bool:
        return value <= self.limit if self.op == "<=" else value >= self.limit

    def describe(self) -> str:
        return f"{self.figure} {self.op} {self.limit:g}{self.unit}"


@dataclass(frozen=True)
class Result:
    """One benchmark's figures. `figures` holds the judged quantities (a ratio, or the extra
    microseconds per call) as Spreads; `seconds` the raw sides; `memory` peak bytes per side;
    `info` what was measured (corpus size, loop counts)."""

    key: str
    title: str
    baseline: str
    subject: str
    repeats: int
    seconds: dict[str, Spread]
    figures: dict[str, Spread]
    targets: tuple[Target, ...] = ()
    memory: dict[str, int] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def verdicts(self) -> list[tuple[Target, float, bool]]:
        out = []
        for target in self.targets:
            value = self.figures[target.figure].median
            out.append((target, value, target.met(value)))
        return out

    def passed(self) -> bool:
        return all(ok for _, _, ok in self.verdicts())

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "baseline": self.baseline,
            "subject": self.subject,
            "repeats": self.repeats,
            "seconds": {k: v.as_json() for k, v in sorted(self.seconds.items())},
            "figures": {k: v.as_json() for k, v in sorted(self.figures.items())},
            "targets": [
                {
                    "figure": t.figure,
                    "op": t.op,
                    "limit": t.limit,
                    "unit": t.unit,
                    "median": value,
                    "status": "PASS" if ok else "MISS",
                }
                for t, value, ok in self.verdicts()
            ],
            "peak_memory_bytes": dict(sorted(self.memory.items())),
            "info": dict(sorted(self.info.items())),
            "notes": list(self.notes),
        }


def paired(
    baseline: Callable[[], float],
    subject: Callable[[], float],
    repeats: int,
) -> tuple[list[float], list[float]]:
    """Run both sides `repeats` times; each callable returns the seconds it measured.

    The sides alternate which goes first, so a load change within a repeat does not always
    land on the same side; garbage from one side is collected before the other starts.
    """
    base: list[float] = []
    subj: list[float] = []
    for number in range(repeats):
        order = ((base, baseline), (subj, subject))
        for sink, run in order if number % 2 == 0 else order[::-1]:
            gc.collect()
            sink.append(run())
    return base, subj


def paired_best(
    baseline: Callable[[], object],
    subject: Callable[[], object],
    repeats: int,
    runs: int,
) -> tuple[list[float], list[float]]:
    """Like `paired`, but each repeat calls the two sides `runs` times each, alternately
    (baseline, subject, subject, baseline, ...), and keeps each side's fastest call: what the
    job costs, with less of the machine's noise in it (timeit's advice, for both sides alike;
    alternating call by call, a burst of load lands on both)."""
    base: list[float] = []
    subj: list[float] = []
    for number in range(repeats):
        gc.collect()
        fastest = {"baseline": float("inf"), "subject": float("inf")}
        for call in range(runs):
            order = (("baseline", baseline), ("subject", subject))
            # Which side goes first (just after the collection) alternates between repeats.
            for side, action in order if (number + call) % 2 == 0 else order[::-1]:
                fastest[side] = min(fastest[side], timed(action))
        base.append(fastest["baseline"])
        subj.append(fastest["subject"])
    return base, subj


def timed(action: Callable[[], object]) -> float:
    """Seconds `action()` takes (one call)."""
    start = clock()
    action()
    return clock() - start


def ratio_spread(base: Sequence[float], subj: Sequence[float]) -> Spread:
    return Spread.of([s / b for b, s in zip(base, subj, strict=True)])


def peak_memory(action: Callable[[], object]) -> int:
    """Peak bytes allocated by Python while `action()` runs (tracemalloc, a separate pass from
    the timing: tracing slows allocation several times over)."""
    gc.collect()
    tracemalloc.start()
    try:
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak
