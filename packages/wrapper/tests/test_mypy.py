"""mypy --strict passes on generated `.py` and `.pyi` together with the runtime."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
from collections.abc import Callable

from corpus import ANY_SOURCE, DEFAULTED, DEMO, PRIVATE_RECORD
from hostile import HOSTILE
from shadow import SHADOW
from wrapper_helpers import Built, packaging_version_wrapper

from mochi_py_wrapper import AsyncMode, WrapperOptions, runtime_source, runtime_stub


def _mypy(tmp_path: pathlib.Path, target: pathlib.Path, site: pathlib.Path) -> None:
    env = {**os.environ, "MYPYPATH": str(site)}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            os.devnull,
            str(target),
        ],
        cwd=tmp_path,  # away from the repository's own mypy.ini
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_generated_code_passes_mypy_strict(
    tmp_path: pathlib.Path, build: Callable[..., Built]
) -> None:
    built = [
        build(DEMO, stem="mdemo"),
        build(DEMO, WrapperOptions(async_mode=AsyncMode.PER_CALL), stem="mpercall"),
        build(HOSTILE, stem="mhostile"),
        build(ANY_SOURCE, WrapperOptions(allow_partial=True), stem="many"),
        build(PRIVATE_RECORD, stem="mprivate"),
        build(DEFAULTED, stem="mdefaulted"),
        build(SHADOW, stem="mshadow"),
    ]
    shadow = built[-1].wrapper
    assert "import builtins as _b" in shadow.py_source  # `int` etc. are externs there
    assert "def list(n: _b.int) -> _b.list[_b.int]:" in shadow.py_source
    out, site = built[0].out, tmp_path / "site"

    py_dir, pyi_dir = tmp_path / "check_py", tmp_path / "check_pyi"
    py_dir.mkdir()
    pyi_dir.mkdir()
    for b in built:
        shutil.copy(out / f"{b.wrapper.module}.py", py_dir)
        shutil.copy(out / f"{b.wrapper.module}.pyi", pyi_dir)
    real = packaging_version_wrapper()  # a real installed package, found by mypy in this venv
    (py_dir / f"{real.module}.py").write_text(real.py_source, encoding="utf-8")
    (pyi_dir / f"{real.module}.pyi").write_text(real.pyi_source, encoding="utf-8")
    (py_dir / "_mochi_wrap.py").write_text(runtime_source(), encoding="utf-8")
    (pyi_dir / "_mochi_wrap.pyi").write_text(runtime_stub(), encoding="utf-8")
    _mypy(tmp_path, py_dir, site)
    _mypy(tmp_path, pyi_dir, site)


def test_shadowing_wrapper_runs(build: Callable[..., Built]) -> None:
    m = build(SHADOW, stem="shadowrun").load()
    assert m.int("42") == 42
    assert m.list(3) == [0, 1, 2]
    assert m.str({"b": 1.0, "a": 2.0}) == "['a', 'b']"
