"""(b) Plan + Build of a 200-alias request vs writing the same bytes with plain file writes.

Each target has a small synthetic stub (a frozen dataclass record, functions with defaults,
a list, a map, an optional and an async function), half of them registry imports with a
specifier. The subject is `mochi_py_build.build` (which plans, then writes the workspace into
a staging directory with fsyncs and swaps it in) into a fresh work dir; the baseline writes the
very same files (same relative paths, same bytes) with `open().write()` into another fresh
directory. `plan` alone is timed as well, to show how the subject's time splits.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from _harness import Result, Spread, clock, ratio_spread

from mochi_py_build import BuildRequest, BuildTarget, Driver, build, parse_spec, plan

TARGETS = 200

STUB = """\
from dataclasses import dataclass

@dataclass(frozen=True)
class Point{i}:
    x: int
    y: float
    label: str = ""

def scale(p: Point{i}, k: float) -> Point{i}: ...
def names(prefix: str, limit: int = 10) -> list[str]: ...
def lookup(table: dict[str, int], key: str) -> int | None: ...
async def fetch(url: str, timeout: float = 5.0) -> str: ...
"""


def request(work_dir: str, count: int = TARGETS) -> BuildRequest:
    targets = tuple(
        BuildTarget(
            parse_spec(f"lib{i:03d}@>=1.0,<2" if i % 2 else f"lib{i:03d}"),
            f"l{i:03d}",
            stub_source=STUB.format(i=i),
        )
        for i in range(count)
    )
    return BuildRequest(targets=targets, driver=Driver(work_dir=work_dir, no_cache=True))


def _plain_write(root: Path, files: list[tuple[str, bytes]]) -> None:
    for relative, data in files:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)


def run(repeats: int) -> Result:
    scratch = Path(tempfile.mkdtemp(prefix="mochi-bench-build-"))
    try:
        # The files the build writes, read back once (outside any timing).
        first = build(request(str(scratch / "probe")))
        assert first.venv_root is not None
        root = first.venv_root
        files = [
            (Path(p).relative_to(root.parent).as_posix(), Path(p).read_bytes())
            for p in first.written_files
        ]
        base: list[float] = []
        subj: list[float] = []
        plans: list[float] = []
        for number in range(repeats):
            work = scratch / f"build-{number}"
            plain = scratch / f"plain-{number}"
            req = request(str(work))

            def subject(req: BuildRequest = req) -> float:
                start = clock()
                build(req)
                return clock() - start

            def baseline(plain: Path = plain) -> float:
                start = clock()
                _plain_write(plain, files)
                return clock() - start

            order = (subject, baseline) if number % 2 == 0 else (baseline, subject)
            for side in order:
                (subj if side is subject else base).append(side())
            start = clock()
            plan(req)
            plans.append(clock() - start)
            shutil.rmtree(work)
            shutil.rmtree(plain)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Result(
        key="b",
        title="(b) plan+build 200 aliases",
        baseline="open().write() of the same files",
        subject="build() (plan, staged write with fsync, swap)",
        repeats=repeats,
        seconds={
            "baseline": Spread.of(base),
            "subject": Spread.of(subj),
            "subject_plan_only": Spread.of(plans),
        },
        figures={"ratio": ratio_spread(base, subj), "plan_ratio": ratio_spread(base, plans)},
        info={
            "targets": TARGETS,
            "files": len(files),
            "bytes": sum(len(d) for _, d in files),
            "fsync": hasattr(os, "fsync"),
        },
        notes=("no target: informative (the build fsyncs every file, the baseline does not)",),
    )
