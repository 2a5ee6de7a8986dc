"""Shared inputs for the Phase 8.1 tests: tiny typed local packages (hatchling projects that
uv builds offline from its cache), a Mochi project importing them, and ways to compare a
project's state before and after (also imported by the child processes the kill tests
start, so it depends on nothing but the stdlib)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TIMEOUT = 600  # a safety net against a hung child, not a timing assertion

PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "{name}"
version = "{version}"
requires-python = ">=3.10"
dependencies = {dependencies}

[tool.hatch.build.targets.wheel]
packages = ["{name}"]
"""

GREET_INIT = '''\
"""A tiny typed package: a constant, functions, a class with an async method, a refusal."""

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
        loop = asyncio.get_running_loop()
        if self.loop is not None and self.loop is not loop:
            raise RuntimeError("called on a different event loop")
        self.loop = loop
        await asyncio.sleep(0)
        self.value += 1
        return self.value
'''

TINY_INIT = "def double(x: int) -> int:\n    return 2 * x\n"
BOOM_INIT = 'def f() -> int:\n    return 1\n\n\nraise RuntimeError("boom at import")\n'

UNTYPED_INIT = "def triple(x):\n    return 3 * x\n\n\ndef name() -> str:\n    return 'plain'\n"

MAIN_MOCHI = 'import python "greet@path+../pkgs/greet" as greet\n\nprint(greet_hello("mochi"))\n'


def write_package(
    root: Path,
    name: str,
    init: str,
    *,
    version: str = "1.0.0",
    dependencies: tuple[str, ...] = (),
    typed: bool = True,
) -> Path:
    """`root/pkgs/<name>`: a hatchling project with a typed package `<name>`."""
    package = root / "pkgs" / name
    (package / name).mkdir(parents=True, exist_ok=True)
    listed = "[" + ", ".join(f'"{d}"' for d in dependencies) + "]"
    (package / "pyproject.toml").write_text(
        PYPROJECT.format(name=name, version=version, dependencies=listed), encoding="utf-8"
    )
    (package / name / "__init__.py").write_text(init, encoding="utf-8")
    if typed:
        (package / name / "py.typed").write_text("", encoding="utf-8")
    return package


def write_sample(root: Path) -> Path:
    """`root/proj/main.mochi` importing greet, plus every package the tests import, under
    `root/pkgs`. Returns the project directory."""
    write_package(root, "greet", GREET_INIT, version="1.2.0")
    write_package(root, "tiny", TINY_INIT)
    write_package(root, "bad", TINY_INIT, version="0.1.0", dependencies=("zz-nonexistent>=1",))
    write_package(root, "needsold", TINY_INIT, version="0.1.0", dependencies=("greet<1.0",))
    write_package(root, "boom", BOOM_INIT)
    write_package(root, "plain", UNTYPED_INIT, typed=False)
    project = root / "proj"
    project.mkdir(parents=True, exist_ok=True)
    (project / "main.mochi").write_text(MAIN_MOCHI, encoding="utf-8")
    return project


def copy_sample(source_root: Path, dest_root: Path) -> Path:
    """A copy of a built sample (packages, project, its venv) that a test may change."""
    shutil.copytree(source_root / "pkgs", dest_root / "pkgs", symlinks=True)
    shutil.copytree(source_root / "proj", dest_root / "proj", symlinks=True)
    return dest_root / "proj"


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def state(root: Path, *, skip: tuple[str, ...] = ()) -> dict[str, bytes | None]:
    """Every entry under `root`: relative POSIX path -> bytes (None for a directory or a
    symlink), leaving out the subtrees in `skip` and byte-code caches."""
    out: dict[str, bytes | None] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        relative = base.relative_to(root).as_posix()
        if any(relative == s or relative.startswith(s + "/") for s in skip):
            dirnames[:] = []
            continue
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in dirnames:
            out[(base / name).relative_to(root).as_posix() + "/"] = None
        for name in filenames:
            path = base / name
            key = path.relative_to(root).as_posix()
            out[key] = None if path.is_symlink() else path.read_bytes()
    return dict(sorted(out.items()))


def venv_listing(venv: Path) -> list[str]:
    """The venv's entries (no byte code), for comparing a venv before and after."""
    return sorted(
        p.relative_to(venv).as_posix() for p in venv.rglob("*") if "__pycache__" not in p.parts
    )


def run_python(python: Path, code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(python), "-I", "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
