"""(d) A no-op rebuild (nothing changed) vs a cold build of the same project.

A temp project imports a tiny typed local package (`import python "greet@path+../pkgs/greet"
as greet`; a hatchling project that uv builds from its cache, so everything runs offline).
Cold: `mochi_py_build.build_project` on a fresh copy of the project (a new work dir: venv
creation, install, stub discovery, plan, workspace write, wrapper import check, workspace
install). No-op: `build_project` again on that project with nothing changed.

When this mochi-py-build has no `build_project`, the fallback compares `build()` re-run on the
same request with the first `build()` into a fresh work dir, and says so in a note.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from _harness import Result, Spread, Target, clock, ratio_spread

import mochi_py_build

TARGET = Target("ratio", "<=", 0.1)

PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "greet"
version = "1.0.0"
requires-python = ">=3.10"

[tool.hatch.build.targets.wheel]
packages = ["greet"]
"""
GREET = '''\
"""A tiny typed package: a function, a class with an async method, a constant."""

VERSION: str = "1.0.0"


def hello(name: str, punctuation: str = "!") -> str:
    return f"hello, {name}{punctuation}"


class Counter:
    def __init__(self, start: int) -> None:
        self.value = start

    def bump(self, by: int) -> int:
        self.value += by
        return self.value

    async def tick(self) -> int:
        self.value += 1
        return self.value
'''
MAIN = 'import python "greet@path+../pkgs/greet" as greet\n\nprint(greet_hello("mochi"))\n'


def _write_package(root: Path) -> None:
    package = root / "pkgs" / "greet"
    (package / "greet").mkdir(parents=True)
    (package / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (package / "greet" / "__init__.py").write_text(GREET, encoding="utf-8")
    (package / "greet" / "py.typed").write_text("", encoding="utf-8")


def _project(root: Path, number: int) -> Path:
    project = root / f"proj-{number}"
    project.mkdir()
    (project / "main.mochi").write_text(MAIN, encoding="utf-8")
    return project


def run(repeats: int) -> Result:
    build_project = getattr(mochi_py_build, "build_project", None)
    if build_project is None:
        return _fallback(repeats)
    root = Path(tempfile.mkdtemp(prefix="mochi-bench-rebuild-"))
    try:
        _write_package(root)
        # Warm-up, untimed: uv builds the local package and hatchling comes into its cache.
        build_project(_project(root, 0), offline=True, allow_stubgen=False)
        cold: list[float] = []
        noop: list[float] = []
        for number in range(1, repeats + 1):
            project = _project(root, number)
            start = clock()
            build_project(project, offline=True, allow_stubgen=False)
            cold.append(clock() - start)
            lines: list[str] = []
            start = clock()
            build_project(project, offline=True, allow_stubgen=False, progress=lines.append)
            noop.append(clock() - start)
            shutil.rmtree(project)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return Result(
        key="d",
        title="(d) no-op rebuild vs cold build",
        baseline="build_project, cold (fresh project dir)",
        subject="build_project again, nothing changed",
        repeats=repeats,
        seconds={"baseline": Spread.of(cold), "subject": Spread.of(noop)},
        figures={"ratio": ratio_spread(cold, noop)},
        targets=(TARGET,),
        info={"imports": 1, "offline": True, "noop_steps": " / ".join(lines)},
    )


def _fallback(repeats: int) -> Result:
    from bench_build import request

    from mochi_py_build import build

    first: list[float] = []
    again: list[float] = []
    root = Path(tempfile.mkdtemp(prefix="mochi-bench-rebuild-"))
    try:
        for number in range(repeats):
            req = request(str(root / f"work-{number}"), count=1)
            start = clock()
            build(req)
            first.append(clock() - start)
            start = clock()
            build(req)
            again.append(clock() - start)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return Result(
        key="d",
        title="(d) no-op rebuild vs cold build (FALLBACK: build(), no build_project)",
        baseline="build() into a fresh work dir",
        subject="build() re-run on the same request",
        repeats=repeats,
        seconds={"baseline": Spread.of(first), "subject": Spread.of(again)},
        figures={"ratio": ratio_spread(first, again)},
        targets=(TARGET,),
        notes=("mochi_py_build.build_project is missing: measured build() instead",),
    )
