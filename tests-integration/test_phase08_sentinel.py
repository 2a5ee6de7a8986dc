"""Phase 8 sentinel (seed gate): a two-target Build, end to end, against installed wheels."""

from __future__ import annotations

import hashlib
from pathlib import Path

from mochi_py_build import BuildRequest, BuildTarget, Driver, build, parse_spec

HTTPX_STUB = """\
from typing import Protocol

class Response(Protocol):
    status: int

def get(url: str, timeout: float = 5.0) -> str: ...
async def fetch(url: str) -> str: ...
"""
UTIL_STUB = "def hash(s: str) -> str: ...\n"


def test_phase8_build_orchestration(tmp_path: Path) -> None:
    request = BuildRequest(
        targets=(
            BuildTarget(parse_spec("httpx@>=0.27,<0.30"), "httpx", stub_source=HTTPX_STUB),
            BuildTarget(parse_spec("util"), "u", stub_source=UTIL_STUB),
        ),
        driver=Driver(work_dir=tmp_path, no_cache=True),
    )
    result = build(request)

    # The venv root.
    root = tmp_path / "python_workspace"
    assert result.work_dir == tmp_path
    assert result.venv_root == root
    assert root.is_dir()
    assert len(result.wrappers) == len(result.shims) == 2

    # Every file, shared and per target; written_files is exactly them, sorted.
    expected = [
        ".gitignore",
        "_mochi_wrap.py",
        "_mochi_wrap.pyi",
        "pyproject.toml",
        "python_wrap/httpx/__init__.py",
        "python_wrap/httpx/httpx_externs.py",
        "python_wrap/httpx/httpx_externs.pyi",
        "python_wrap/httpx/httpx_shim.mochi",
        "python_wrap/u/__init__.py",
        "python_wrap/u/util_externs.py",
        "python_wrap/u/util_externs.pyi",
        "python_wrap/u/util_shim.mochi",
    ]
    assert list(result.written_files) == [str(root / path) for path in expected]
    on_disk = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert on_disk == expected
    assert (root / ".gitignore").read_text("utf-8") == ".venv/\n__pycache__/\n*.pyc\n"
    assert result.skipped == ()
    assert not list(root.rglob("SKIPPED.txt"))
    for alias, module in (("httpx", "httpx_externs"), ("u", "util_externs")):
        init = (root / "python_wrap" / alias / "__init__.py").read_text("utf-8")
        assert f"from . import {module} as externs\n" in init
        assert '__all__ = ["externs"]\n' in init

    # The sync extern `get` (the defaulted timeout is not a Mochi parameter) and the async
    # `fetch` as `fetch_sync`; the file bytes are what the shim hash covers.
    shim_path = root / "python_wrap/httpx/httpx_shim.mochi"
    shim = shim_path.read_text("utf-8")
    assert "extern python fun httpx.get(url: string): string\n" in shim
    assert "extern python fun httpx.fetch_sync(url: string): string\n" in shim
    assert hashlib.sha256(shim_path.read_bytes()).hexdigest() == result.shims[0].sha256
    util_shim = (root / "python_wrap/u/util_shim.mochi").read_text("utf-8")
    assert "extern python fun u.hash(s: string): string\n" in util_shim
    externs = (root / "python_wrap/httpx/httpx_externs.py").read_text("utf-8")
    assert "def fetch_sync(url: str) -> str:" in externs
    assert "async def fetch_async(url: str) -> str:" in externs

    # The dependency entries: the specifier for the registry import, a bare name for `util`,
    # one wrapper member per alias.
    pyproject = (root / "pyproject.toml").read_text("utf-8")
    assert 'dependencies = [\n    "httpx<0.30,>=0.27",\n    "util",\n]\n' in pyproject
    assert '"python_wrap/httpx" = { name = "httpx", kind = "wrapper" }' in pyproject
    assert '"python_wrap/u" = { name = "u", kind = "wrapper" }' in pyproject
    assert result.shared_dependencies == (("httpx", "<0.30,>=0.27"), ("util", ""))

    # Determinism: the same request again gives the same shim bytes and hashes.
    again = build(request)
    assert [s.sha256 for s in again.shims] == [s.sha256 for s in result.shims]
    assert [s.source for s in again.shims] == [s.source for s in result.shims]
