"""Shared inputs for the mochi-py command tests: a tiny typed local package that uv installs
offline (a `path+` import, built with hatchling from uv's cache), and a Mochi project using it.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mochi_py import main

HERE = Path(__file__).resolve().parent
TIMEOUT = 600  # a safety net against a hung child, not a timing assertion

GREET_PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "greet"
version = "1.2.0"
requires-python = ">=3.10"

[tool.hatch.build.targets.wheel]
packages = ["greet"]
"""

GREET_INIT = '''\
"""A tiny typed package: functions, a class, an async function, one refused item."""

from __future__ import annotations

import asyncio

VERSION: str = "1.2.0"


def hello(name: str) -> str:
    return f"hello, {name}"


def add(a: int, b: int = 1) -> int:
    return a + b


def raw(data: bytes) -> bytes:
    return data


class Counter:
    def __init__(self, start: int) -> None:
        self.value = start
        self.loop: asyncio.AbstractEventLoop | None = None

    def bump(self, by: int) -> int:
        self.value += by
        return self.value

    async def tick(self) -> int:
        # The same loop on every call: the runtime's persistent loop (DESIGN.md §5).
        loop = asyncio.get_running_loop()
        if self.loop is not None and self.loop is not loop:
            raise RuntimeError("called on a different event loop")
        self.loop = loop
        await asyncio.sleep(0)
        self.value += 1
        return self.value
'''

MAIN_MOCHI = """\
// The sample project: one import of a local typed package.
import python "greet@path+../pkgs/greet" as greet

print(greet_hello("mochi"))
"""

OTHER_MOCHI = """\
import python "greet@path+../pkgs/greet" as greet
import python "tiny@path+../pkgs/tiny" as tiny
"""

TINY_INIT = "def double(x: int) -> int:\n    return 2 * x\n"


def write_package(root: Path, name: str, init: str, version: str = "1.0.0") -> Path:
    """A hatchling project `root/pkgs/<name>` with a typed package `<name>`."""
    package = root / "pkgs" / name
    (package / name).mkdir(parents=True, exist_ok=True)
    pyproject = GREET_PYPROJECT.replace('"greet"', f'"{name}"').replace('"1.2.0"', f'"{version}"')
    (package / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    (package / name / "__init__.py").write_text(init, encoding="utf-8")
    (package / name / "py.typed").write_text("", encoding="utf-8")
    return package


def write_project(root: Path, main_mochi: str = MAIN_MOCHI) -> Path:
    """`root/proj/main.mochi` plus the local packages it may import, under `root/pkgs`."""
    write_package(root, "greet", GREET_INIT, "1.2.0")
    write_package(root, "tiny", TINY_INIT)
    project = root / "proj"
    project.mkdir(parents=True, exist_ok=True)
    (project / "main.mochi").write_text(main_mochi, encoding="utf-8")
    return project


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run(*argv: str) -> Run:
    """`mochi-py <argv>` in this process, capturing both streams."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return Run(code, out.getvalue(), err.getvalue())


@dataclass(frozen=True)
class Built:
    root: Path
    project: Path
    first: Run

    @property
    def python(self) -> Path:
        return venv_python(self.project / "python_workspace" / ".venv")


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def build_sample(root: Path) -> Built:
    project = write_project(root)
    first = run("build", str(project), "--offline", "--json", "--no-stubgen")
    assert first.code == 0, first.stderr
    return Built(root, project, first)


def copy_built(built: Built, dest: Path) -> Path:
    """A copy of the built project (and its packages) that a test may change."""
    shutil.copytree(built.root / "pkgs", dest / "pkgs", symlinks=True)
    shutil.copytree(built.project, dest / "proj", symlinks=True)
    return dest / "proj"


def tree(root: Path, *, skip: tuple[str, ...] = ()) -> dict[str, bytes | None]:
    """Every entry under `root`: relative POSIX path -> bytes (None for a directory)."""
    out: dict[str, bytes | None] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]  # byte code comes and goes
        base = Path(dirpath)
        rel_dir = base.relative_to(root).as_posix()
        if any(rel_dir == s or rel_dir.startswith(s + "/") for s in skip):
            dirnames[:] = []
            continue
        for name in dirnames:
            out[(base / name).relative_to(root).as_posix() + "/"] = None
        for name in filenames:
            path = base / name
            out[path.relative_to(root).as_posix()] = (
                None if path.is_symlink() else path.read_bytes()
            )
    return dict(sorted(out.items()))


def run_python(python: Path, code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(python), "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def child_code(body: str) -> list[str]:
    """argv for a fresh interpreter running `body` with this directory importable."""
    prelude = f"import sys; sys.path.insert(0, {str(HERE)!r})\n"
    return [sys.executable, "-c", prelude + body]
