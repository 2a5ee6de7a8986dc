"""kill -9 during the install or the build leaves the previous workspace, mochi.lock and the
sidecar exactly as they were, and the next build succeeds.

The child process runs `mochi-py build` with a hook that stops it at a known point (it writes a
marker file, then sleeps); the test then sends SIGKILL. The hooks patch only the standard
library in the child, so they stop the real code paths, not a test double.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from cli_helpers import OTHER_MOCHI, Built, child_code, copy_built, run, tree

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

# Stops at the first file the build creates in its staging directory (the new workspace is
# half written; the live one is untouched).
_HOOK_BUILD = """
import os, pathlib, time
_real_open = os.open
def _open(path, flags, *args, **kwargs):
    if ".mochi-py-staging" in os.fspath(path) and flags & os.O_CREAT:
        pathlib.Path(MARKER).write_text("stopped")
        time.sleep(600)
    return _real_open(path, flags, *args, **kwargs)
os.open = _open
"""

# Stops when uv is asked to install packages into a venv (after the resolution).
_HOOK_INSTALL = """
import pathlib, subprocess, time
class _Popen(subprocess.Popen):
    def __init__(self, args, *rest, **kwargs):
        words = [str(a) for a in args] if isinstance(args, (list, tuple)) else [str(args)]
        if "pip" in words and ("install" in words or "sync" in words):
            pathlib.Path(MARKER).write_text("stopped")
            time.sleep(600)
        super().__init__(args, *rest, **kwargs)
subprocess.Popen = _Popen
"""


def _kill_midway(project: Path, hook: str, marker: Path) -> None:
    body = (
        f"MARKER = {str(marker)!r}\n"
        + hook
        + "from mochi_py import main\n"
        + f"main(['build', {str(project)!r}, '--offline', '--no-stubgen'])\n"
    )
    child = subprocess.Popen(
        child_code(body), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        for _ in range(3000):  # polls for up to ~300 s; a safety net, not a timing assertion
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), f"the child never reached the hook: {child.communicate()[1]}"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stderr is not None:
            child.stderr.close()


def _state(project: Path) -> dict[str, bytes | None]:
    """Everything a build may change, except the venv (compared by listing below)."""
    return tree(project, skip=("python_workspace/.venv",))


def _assert_unchanged(before: dict[str, bytes | None], after: dict[str, bytes | None]) -> None:
    """Every file of `before` (but the edited main.mochi) is still there with the same bytes,
    and the only new entries are the build's hidden scratch directories and lock file."""
    before = {k: v for k, v in before.items() if k != "main.mochi"}
    assert {k: after.get(k) for k in before} == before
    new = sorted(after.keys() - before.keys() - {"main.mochi"})
    assert all(k.split("/")[0].startswith(".") for k in new), new


def _venv_listing(project: Path) -> list[str]:
    venv = project / "python_workspace" / ".venv"
    return sorted(str(p.relative_to(venv)) for p in venv.rglob("*") if "__pycache__" not in p.parts)


def test_kill_during_build_keeps_the_previous_workspace_and_lock(
    built: Built, tmp_path: Path
) -> None:
    project = copy_built(built, tmp_path)
    before = _state(project)
    # A new alias: same packages (no install), a different workspace.
    (project / "main.mochi").write_text(
        'import python "greet@path+../pkgs/greet" as gr\n', encoding="utf-8"
    )
    _kill_midway(project, _HOOK_BUILD, tmp_path / "marker")
    _assert_unchanged(before, _state(project))

    again = run("build", str(project), "--offline", "--no-stubgen", "--json")
    assert again.code == 0, again.stderr
    assert [a["alias"] for a in again.json()["aliases"]] == ["gr"]
    assert "gr_hello" in (project / "main_externs.py").read_text(encoding="utf-8")
    assert not (project / "python_workspace" / "python_wrap" / "greet").exists()


def test_kill_during_install_keeps_the_previous_workspace_venv_and_lock(
    built: Built, tmp_path: Path
) -> None:
    project = copy_built(built, tmp_path)
    before = _state(project)
    venv_before = _venv_listing(project)
    (project / "main.mochi").write_text(OTHER_MOCHI, encoding="utf-8")  # adds `tiny`
    _kill_midway(project, _HOOK_INSTALL, tmp_path / "marker")
    _assert_unchanged(before, _state(project))
    assert _venv_listing(project) == venv_before

    again = run("build", str(project), "--offline", "--no-stubgen", "--json")
    assert again.code == 0, again.stderr
    document = again.json()
    assert [a["alias"] for a in document["aliases"]] == ["greet", "tiny"]
    assert document["install"]["reused"] is False
    assert "tiny_double" in (project / "main_externs.py").read_text(encoding="utf-8")
