"""(e) Per-call overhead of generated wrappers.

A tiny typed package (`def add(a: int, b: int) -> int`, `async def aadd(...)`) is written to a
temp dir, its wrapper is synthesised with `mochi_py_wrapper.synthesise` and imported next to
the shared runtime, exactly as a workspace lays them out. Then, with `timeit`:

* the sync wrapper `add(1, 2)` vs calling `add` directly: the figure is the extra
  microseconds per call (target <= 2 us);
* `aadd_sync(1, 2)` (the persistent event loop of the runtime) vs `asyncio.run(aadd(1, 2))`
  (a fresh loop per call): the figure is how many times cheaper the persistent loop is
  (target >= 10x).
"""

from __future__ import annotations

import asyncio
import importlib
import shutil
import sys
import tempfile
import timeit
from pathlib import Path
from types import ModuleType
from typing import Any

from _harness import Result, Spread, Target

from mochi_py_stubs import parse_package
from mochi_py_wrapper import RUNTIME_MODULE, runtime_source, synthesise

PACKAGE = "mochi_bench_tiny"
SOURCE = '''\
"""A tiny typed package for the wrapper overhead benchmark."""


def add(a: int, b: int) -> int:
    return a + b


async def aadd(a: int, b: int) -> int:
    return a + b
'''
SYNC_CALLS = 100_000
FRESH_LOOP_CALLS = 500
PERSISTENT_LOOP_CALLS = 5_000
EXTRA_TARGET = Target("sync_extra_us", "<=", 2.0, " us")
LOOP_TARGET = Target("loop_speedup", ">=", 10.0)


def _load(root: Path) -> tuple[ModuleType, ModuleType]:
    """Write, synthesise and import; return (the package, its wrapper module)."""
    site = root / "site"
    wrap = root / "wrap"
    (site / PACKAGE).mkdir(parents=True)
    wrap.mkdir()
    (site / PACKAGE / "__init__.py").write_text(SOURCE, encoding="utf-8")
    (site / PACKAGE / "py.typed").write_text("", encoding="utf-8")
    surface = parse_package(site, [f"{PACKAGE}/__init__.py"], package=PACKAGE)
    wrapper = synthesise(PACKAGE, PACKAGE, "tiny", surface)
    (wrap / f"{wrapper.module}.py").write_text(wrapper.py_source, encoding="utf-8")
    (wrap / f"{RUNTIME_MODULE}.py").write_text(runtime_source(), encoding="utf-8")
    sys.path[:0] = [str(site), str(wrap)]
    return importlib.import_module(PACKAGE), importlib.import_module(wrapper.module)


def _per_call(statement: str, names: dict[str, Any], number: int) -> float:
    # timeit's own convention within a repeat (best of a few runs: the rest is interference);
    # the spread across repeats is still reported.
    return min(timeit.repeat(statement, globals=names, number=number, repeat=3)) / number


def run(repeats: int) -> Result:
    root = Path(tempfile.mkdtemp(prefix="mochi-bench-wrap-"))
    added = len(sys.path)
    try:
        package, wrapper = _load(root)
        direct: list[float] = []
        wrapped: list[float] = []
        fresh: list[float] = []
        persistent: list[float] = []
        for number in range(repeats):
            sides = [
                (direct, "add(1, 2)", {"add": package.add}, SYNC_CALLS),
                (wrapped, "add(1, 2)", {"add": wrapper.add}, SYNC_CALLS),
                (
                    fresh,
                    "run(aadd(1, 2))",
                    {"run": asyncio.run, "aadd": package.aadd},
                    FRESH_LOOP_CALLS,
                ),
                (
                    persistent,
                    "aadd_sync(1, 2)",
                    {"aadd_sync": wrapper.aadd_sync},
                    PERSISTENT_LOOP_CALLS,
                ),
            ]
            if number % 2:
                sides.reverse()
            for sink, statement, names, calls in sides:
                sink.append(_per_call(statement, names, calls))
        runtime = sys.modules.get(RUNTIME_MODULE)
        if runtime is not None:
            runtime.close_loop()
    finally:
        del sys.path[: len(sys.path) - added]
        for name in (PACKAGE, f"{PACKAGE}_externs", RUNTIME_MODULE):
            sys.modules.pop(name, None)
        shutil.rmtree(root, ignore_errors=True)
    us = 1e6
    return Result(
        key="e",
        title="(e) wrapper per-call overhead",
        baseline="direct call / asyncio.run per call",
        subject="sync wrapper / _sync on the persistent loop",
        repeats=repeats,
        seconds={
            "direct_call": Spread.of(direct),
            "wrapper_call": Spread.of(wrapped),
            "asyncio_run_call": Spread.of(fresh),
            "persistent_sync_call": Spread.of(persistent),
        },
        figures={
            "sync_extra_us": Spread.of(
                [(w - d) * us for d, w in zip(direct, wrapped, strict=True)]
            ),
            "loop_speedup": Spread.of([f / p for f, p in zip(fresh, persistent, strict=True)]),
        },
        targets=(EXTRA_TARGET, LOOP_TARGET),
        info={
            "calls_per_timing": {
                "sync": SYNC_CALLS,
                "asyncio_run": FRESH_LOOP_CALLS,
                "persistent": PERSISTENT_LOOP_CALLS,
            },
            "timing": "best of 3 timeit runs per side per repeat",
        },
    )
