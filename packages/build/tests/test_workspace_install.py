"""A built workspace is installable as written (DESIGN.md §7): uv installs it, together with
the distribution it wraps (a `path+` import of a tiny typed package written here), and the
wrapper calls the real package.

Offline: uv builds both projects with hatchling from its cache (`--offline` fails fast and
clearly if hatchling is not cached), and neither has dependencies to fetch.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from build_helpers import request, target
from uv import find_uv_bin

from mochi_py_build import build

_TIMEOUT = 300  # a safety net against a hung subprocess, not a performance assertion

TINY_PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.24"]
build-backend = "hatchling.build"

[project]
name = "tinypkg"
version = "1.2.3"
requires-python = ">=3.10"

[tool.hatch.build.targets.wheel]
packages = ["src/tinypkg"]
"""
TINY_SOURCE = '''\
"""A tiny typed package for the install test."""

GREETING = "hello"


def double(x: int) -> int:
    return x * 2


def greet(name: str, punctuation: str = "!") -> str:
    return f"{GREETING}, {name}{punctuation}"


async def later(x: int) -> int:
    return x + 1
'''
TINY_STUB = """\
def double(x: int) -> int: ...
def greet(name: str, punctuation: str = "!") -> str: ...
async def later(x: int) -> int: ...
"""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=_TIMEOUT, check=False
    )


def test_uv_installs_a_built_workspace_and_its_path_dependency_and_the_wrapper_works(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    tiny = tmp_path / "tinypkg"
    (tiny / "src" / "tinypkg").mkdir(parents=True)
    (tiny / "pyproject.toml").write_text(TINY_PYPROJECT, encoding="utf-8")
    (tiny / "src" / "tinypkg" / "__init__.py").write_text(TINY_SOURCE, encoding="utf-8")
    (tiny / "src" / "tinypkg" / "py.typed").write_text("", encoding="utf-8")
    project.mkdir()

    result = build(
        request(
            tmp_path / "work",
            target("tinypkg@path+../tinypkg", "tp", TINY_STUB),
            base_dir=project,
        )
    )
    assert result.venv_root is not None
    assert result.shared_dependencies == (("tinypkg", ""),)

    uv = find_uv_bin()
    venv = tmp_path / "venv"
    created = _run([uv, "venv", "--quiet", "-p", sys.executable, str(venv)], tmp_path)
    assert created.returncode == 0, created.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    installed = _run(
        [uv, "pip", "install", "--offline", "-p", str(python), str(result.venv_root)], tmp_path
    )
    assert installed.returncode == 0, installed.stderr

    # -I and another cwd: the imports can only come from the installed wheels.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "from python_wrap.tp import externs\n"
        "import tinypkg\n"
        "print(externs.double(21))\n"
        "print(externs.greet('mochi'))\n"
        "print(externs.greet('mochi', punctuation='?'))\n"
        "print(externs.later_sync(1), externs.later_sync(2))\n"
        "print('site-packages' in externs.__file__, 'site-packages' in tinypkg.__file__)\n"
    )
    ran = _run([str(python), "-I", "-c", probe], elsewhere)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == ["42", "hello, mochi!", "hello, mochi?", "2 3", "True True"]
