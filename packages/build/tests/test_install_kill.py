"""kill -9 during the install or during the workspace build leaves the previous workspace and
venv exactly as they were, and the next build succeeds.

A child process runs `build_project` with a hook that stops it at a known point (it writes a
marker file, then sleeps) and is then sent SIGKILL. The hooks patch only the standard library
in the child, so the real code paths run up to that point.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from install_helpers import TIMEOUT, copy_sample, state, venv_listing, write_sample

from mochi_py_build import build_project

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

HERE = Path(__file__).resolve().parent

# Stops when uv is asked to install into a venv (after the resolution succeeded).
_HOOK_INSTALL = """
import pathlib, subprocess, time
class _Popen(subprocess.Popen):
    def __init__(self, args, *rest, **kwargs):
        words = [str(a) for a in args] if isinstance(args, (list, tuple)) else [str(args)]
        if "pip" in words and "install" in words:
            pathlib.Path(MARKER).write_text("stopped")
            time.sleep(600)
        super().__init__(args, *rest, **kwargs)
subprocess.Popen = _Popen
"""

# Stops at the first file the build creates in its staging directory.
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


@pytest.fixture(scope="module")
def built_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kill")
    project = write_sample(root)
    build_project(project, offline=True, allow_stubgen=False)
    return root


def _kill_midway(project: Path, hook: str, marker: Path) -> None:
    body = (
        f"import sys; sys.path.insert(0, {str(HERE)!r})\n"
        f"MARKER = {str(marker)!r}\n"
        + hook
        + "from mochi_py_build import build_project\n"
        + f"build_project({str(project)!r}, offline=True, allow_stubgen=False)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", body], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + TIMEOUT  # a safety net, not a timing assertion
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
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


def _everything(project: Path) -> tuple[dict[str, bytes | None], list[str], bytes]:
    venv = project / "python_workspace" / ".venv"
    return (
        state(project, skip=("python_workspace/.venv",)),
        venv_listing(venv),
        (venv / ".mochi-py-install.json").read_bytes(),
    )


def _assert_intact(
    before: tuple[dict[str, bytes | None], list[str], bytes],
    after: tuple[dict[str, bytes | None], list[str], bytes],
) -> None:
    old_files, old_venv, old_marker = before
    new_files, new_venv, new_marker = after
    kept = {k: v for k, v in old_files.items() if k != "main.mochi"}
    assert {k: new_files.get(k) for k in kept} == kept
    new = sorted(new_files.keys() - old_files.keys())
    assert all(k.split("/")[0].startswith(".") for k in new), new  # scratch dirs only
    assert (new_venv, new_marker) == (old_venv, old_marker)


def test_kill_during_install_keeps_the_workspace_and_venv(built_root: Path, tmp_path: Path) -> None:
    project = copy_sample(built_root, tmp_path)
    before = _everything(project)
    (project / "main.mochi").write_text(
        'import python "greet@path+../pkgs/greet" as greet\n'
        'import python "tiny@path+../pkgs/tiny" as tiny\n',
        encoding="utf-8",
    )
    _kill_midway(project, _HOOK_INSTALL, tmp_path / "marker")
    assert (project / ".mochi-py" / "venv.tmp").is_dir()  # killed while installing into it
    _assert_intact(before, _everything(project))

    again = build_project(project, offline=True, allow_stubgen=False)
    assert again.install.reused is False
    assert [t.alias for t in again.targets] == ["greet", "tiny"]
    assert os.listdir(project / ".mochi-py") == []


def test_kill_during_build_keeps_the_workspace_and_venv(built_root: Path, tmp_path: Path) -> None:
    project = copy_sample(built_root, tmp_path)
    before = _everything(project)
    # Another alias of the same package: no install, a different workspace.
    (project / "main.mochi").write_text(
        'import python "greet@path+../pkgs/greet" as gr\n', encoding="utf-8"
    )
    _kill_midway(project, _HOOK_BUILD, tmp_path / "marker")
    assert (project / ".mochi-py-staging").is_dir()  # killed while writing it
    _assert_intact(before, _everything(project))

    again = build_project(project, offline=True, allow_stubgen=False)
    assert again.install.reused is True
    assert [t.alias for t in again.targets] == ["gr"]
    workspace = project / "python_workspace"
    assert (workspace / "python_wrap" / "gr" / "greet_externs.py").is_file()
    assert not (workspace / "python_wrap" / "greet").exists()
    assert not (project / ".mochi-py-staging").exists()


def test_kill_after_a_new_install_before_the_swap_keeps_the_old_venv_live(
    built_root: Path, tmp_path: Path
) -> None:
    """Killed while writing the workspace after a fresh install: the new venv waits in
    `.mochi-py/venv`, the live one is untouched, and the next build reuses the waiting one."""
    project = copy_sample(built_root, tmp_path)
    before = _everything(project)
    (project / "main.mochi").write_text(
        'import python "tiny@path+../pkgs/tiny" as tiny\n', encoding="utf-8"
    )
    _kill_midway(project, _HOOK_BUILD, tmp_path / "marker")
    assert (project / ".mochi-py" / "venv" / ".mochi-py-install.json").is_file()
    _assert_intact(before, _everything(project))

    again = build_project(project, offline=True, allow_stubgen=False)
    assert again.install.reused is True  # the waiting venv already held `tiny`
    assert again.install.venv == project / "python_workspace" / ".venv"
    assert again.install.resolved_versions == {"tiny": "1.0.0"}
    assert os.listdir(project / ".mochi-py") == []
