"""Phase 9 sentinel (seed gate): Build -> from_build_result -> render -> parse -> check, and
mochi-py-lockfile working alone in a venv that has nothing else of mochi-py."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from mochi_py_build import BuildRequest, BuildTarget, Driver, build, parse_spec
from mochi_py_lockfile import (
    Entry,
    LockDriftError,
    Manifest,
    Source,
    check,
    from_build_result,
    parse_toml,
    render_toml,
)

HTTPX_STUB = "async def fetch(url: str) -> str: ...\ndef get(url: str) -> str: ...\n"
UTIL_STUB = """\
from dataclasses import dataclass

@dataclass(frozen=True)
class Pair:
    a: int
    b: int

def make() -> Pair: ...
"""
_TIMEOUT = 300  # a safety net against a hung subprocess, not a performance assertion


def test_phase9_lockfile_integration(tmp_path: Path) -> None:
    request = BuildRequest(
        targets=(
            BuildTarget(parse_spec("httpx@==0.27.2"), "httpx", stub_source=HTTPX_STUB),
            BuildTarget(parse_spec("util"), "u", stub_source=UTIL_STUB),
        ),
        driver=Driver(work_dir=tmp_path, no_cache=True),
    )
    result = build(request)
    manifest = from_build_result(request, result)
    assert manifest.schema_version == 1
    httpx, util = manifest.entries
    assert (httpx.name, httpx.alias, httpx.source) == ("httpx", "httpx", Source.REGISTRY)
    assert httpx.version == "0.27.2"
    assert httpx.specifier == "==0.27.2"
    assert httpx.wrapper_sha256 == result.shims[0].sha256
    assert len(httpx.wrapper_sha256) == 64
    assert "async" in httpx.capabilities
    assert (util.name, util.alias, util.version) == ("util", "u", "")
    assert "dataclass" in util.capabilities
    # Unlike upstream, `make` binds: the stub's own frozen dataclass is a record type.
    assert "extern python fun u.make(): Pair" in result.shims[1].source

    text = render_toml(manifest)
    parsed = parse_toml(text)
    check(manifest, parsed)  # clean round trip
    assert render_toml(parsed) == text

    drifted = Manifest(
        entries=(
            replace(httpx, wrapper_sha256="0" * 64),
            util,
            Entry("ghost", "gh", Source.REGISTRY),
        )
    )
    with pytest.raises(LockDriftError) as info:
        check(parsed, drifted)
    report = str(info.value)
    assert "added ghost:gh" in report
    assert "changed httpx:httpx" in report
    assert "wrapper-sha256" in report
    assert [str(entry) for entry in info.value.diff.entries] == [
        "added ghost:gh",
        "changed httpx:httpx (wrapper-sha256)",
    ]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=_TIMEOUT, check=False
    )


LOCK = """\
# Auto-generated MEP-71 python lockfile. Do not edit by hand.
# Regenerate via `mochi pkg lock`.
schema-version = 1

[[python-package]]
name = "httpx"
alias = "httpx"
source = "registry"
version = "0.27.2"
specifier = "==0.27.2"
wrapper-sha256 = "{sha}"
capabilities = ["async"]

"""


def test_lockfile_alone_in_a_fresh_venv(tmp_path: Path, wheel_dir: Path) -> None:
    from uv import find_uv_bin

    wheels = [w for folder in ("toml", "lockfile") for w in (wheel_dir / folder).glob("*.whl")]
    assert len(wheels) == 2, wheels
    uv = find_uv_bin()
    venv = tmp_path / "venv"
    created = _run([uv, "venv", "--quiet", "-p", sys.executable, str(venv)], tmp_path)
    assert created.returncode == 0, created.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    installed = _run(
        [uv, "pip", "install", "--offline", "-p", str(python), *map(str, wheels)], tmp_path
    )
    assert installed.returncode == 0, installed.stderr

    old = tmp_path / "old.lock"
    new = tmp_path / "new.lock"
    old.write_text(LOCK.format(sha="ab" * 32), encoding="utf-8")
    new.write_text(LOCK.format(sha="cd" * 32), encoding="utf-8")
    tool = str(bin_dir / "mochi-py-lock")

    valid = _run([tool, "validate", str(old)], tmp_path)
    assert valid.returncode == 0, valid.stderr
    same = _run([tool, "diff", str(old), str(old)], tmp_path)
    assert same.returncode == 0, same.stderr
    differs = _run([tool, "diff", str(old), str(new)], tmp_path)
    assert differs.returncode == 1, differs.stderr
    assert "changed httpx:httpx" in differs.stdout
    assert "wrapper-sha256" in differs.stdout
    bad = tmp_path / "bad.lock"
    bad.write_text(LOCK.format(sha="ab" * 32).replace("registry", "madeup"), encoding="utf-8")
    invalid = _run([tool, "validate", str(bad)], tmp_path)
    assert invalid.returncode == 2
    assert "madeup" in invalid.stderr

    # Only the lockfile and its TOML layer are there: the build is not.
    alone = _run(
        [str(python), "-c", "import mochi_py_lockfile, mochi_py_toml; import mochi_py_build"],
        tmp_path,
    )
    assert alone.returncode == 1
    assert "No module named 'mochi_py_build'" in alone.stderr
