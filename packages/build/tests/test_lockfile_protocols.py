"""BuildRequest / BuildResult satisfy mochi-py-lockfile's RequestLike / ResultLike Protocols.

mochi-py-build may not import mochi-py-lockfile (DESIGN.md §2), and the lockfile reads build
results only through those Protocols, so the fit is checked here, statically, with mypy
--strict over a snippet that assigns one to the other. The lockfile's sources are taken from
the monorepo checkout (this package's test venv does not install it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

LOCKFILE_SRC = Path(__file__).resolve().parents[2] / "lockfile" / "src"

SNIPPET = """\
from mochi_py_build import BuildRequest, BuildResult, BuildTarget, ImportSpec
from mochi_py_lockfile import RequestLike, ResultLike, SpecLike, TargetLike


def fits(request: BuildRequest, result: BuildResult) -> None:
    as_request: RequestLike = request
    as_result: ResultLike = result
    as_target: TargetLike = request.targets[0]
    as_spec: SpecLike = request.targets[0].spec
    print(as_request, as_result, as_target, as_spec)
"""

NOT_A_RESULT = """\
from mochi_py_build import BuildRequest
from mochi_py_lockfile import ResultLike


def fits(request: BuildRequest) -> None:
    wrong: ResultLike = request
    print(wrong)
"""


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    module = tmp_path / "snippet.py"
    module.write_text(source, encoding="utf-8")
    env = dict(os.environ)
    env["MYPYPATH"] = str(LOCKFILE_SRC)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.10",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            str(module),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,  # a safety net, not a performance assertion
        check=False,
    )


@pytest.mark.skipif(not LOCKFILE_SRC.is_dir(), reason="needs the monorepo checkout")
def test_build_request_and_result_satisfy_the_lockfile_protocols(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    fits = _mypy(tmp_path, SNIPPET)
    assert fits.returncode == 0, fits.stdout + fits.stderr
    # The check can fail: a request is not a result.
    wrong = _mypy(tmp_path, NOT_A_RESULT)
    assert wrong.returncode == 1, wrong.stdout + wrong.stderr
    assert "ResultLike" in wrong.stdout
