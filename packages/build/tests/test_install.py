"""The rendered workspace is a real project: uv installs it and its modules import.

This is the one test that drives uv for real. It runs offline: uv builds the workspace with
hatchling from uv's cache (`--offline` fails fast with a clear message if hatchling is not
cached) and installs no dependencies.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from uv import find_uv_bin

from mochi_py_build import MemberKind, Venv, VenvMember, render_gitignore, render_pyproject

_TIMEOUT = 300  # a safety net against a hung subprocess, not a performance assertion


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        check=False,
    )


def test_uv_installs_the_workspace_and_its_modules_import(tmp_path: Path) -> None:
    workspace = tmp_path / "python_workspace"
    wrapper = workspace / "python_wrap" / "demo"
    wrapper.mkdir(parents=True)
    (wrapper / "__init__.py").write_text(
        "from python_wrap.demo import demo_externs as externs\n", encoding="utf-8"
    )
    (wrapper / "demo_externs.py").write_text(
        "from _mochi_wrap import RUNTIME\n\ndef answer() -> int:\n    return 42\n",
        encoding="utf-8",
    )
    (workspace / "_mochi_wrap.py").write_text('RUNTIME = "mochi"\n', encoding="utf-8")
    (workspace / "_mochi_wrap.pyi").write_text("RUNTIME: str\n", encoding="utf-8")
    venv = Venv(
        members=(
            VenvMember.wrapper("demo"),
            VenvMember("_mochi_wrap", "_mochi_wrap.py", MemberKind.RUNTIME),
        )
    )
    (workspace / "pyproject.toml").write_text(render_pyproject(venv), encoding="utf-8")
    (workspace / ".gitignore").write_text(render_gitignore(), encoding="utf-8")

    uv = find_uv_bin()
    target = tmp_path / "venv"
    created = _run([uv, "venv", "--quiet", "-p", sys.executable, str(target)], tmp_path)
    assert created.returncode == 0, created.stderr
    python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    installed = _run(
        [uv, "pip", "install", "--offline", "--no-deps", "-p", str(python), str(workspace)],
        tmp_path,
    )
    assert installed.returncode == 0, installed.stderr

    # -I: ignore the caller's environment and keep the workspace off sys.path, so the
    # imports can only succeed from the installed wheel.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import _mochi_wrap, python_wrap.demo, python_wrap.demo.demo_externs as m\n"
        "print(m.answer(), m.RUNTIME, python_wrap.demo.externs is m)\n"
        "print('site-packages' in m.__file__, 'site-packages' in _mochi_wrap.__file__)\n"
    )
    imported = _run([str(python), "-I", "-c", probe], elsewhere)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines() == ["42 mochi True", "True True"]
    stubs = list((target / "lib").glob("python*/site-packages/_mochi_wrap.pyi"))
    assert len(stubs) == 1 or os.name == "nt"
