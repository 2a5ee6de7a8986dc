"""No partial state (DESIGN.md §10.3): injected faults, kill -9, racing builds, and
determinism across processes and hash seeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from build_helpers import (
    HERE,
    child_env,
    other_request,
    run_child,
    tree,
    two_target_request,
)

import mochi_py_build._workspace as workspace_module
from mochi_py_build import build, plan
from mochi_py_build._files import workspace_files

_WAIT_LIMIT = 120.0  # safety net for polling a child; never asserted on


class InjectedFault(Exception):
    pass


def _prepared(work_dir: Path) -> dict[str, bytes | None]:
    """A work dir holding a previous build (with a `.venv/` from an install) to protect."""
    build(other_request(work_dir))
    venv = work_dir / "python_workspace" / ".venv"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    return tree(work_dir)


@pytest.mark.parametrize("fault", [InjectedFault, KeyboardInterrupt, OSError])
def test_an_error_while_writing_any_file_leaves_the_work_dir_exactly_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: type[BaseException]
) -> None:
    before = _prepared(tmp_path)
    count = len(workspace_files(plan(two_target_request(tmp_path))))
    assert count == 12
    real = workspace_module._write_file
    for k in range(count):
        written: list[Path] = []

        def faulty(path: Path, data: bytes, k: int = k, written: list[Path] = written) -> None:
            if len(written) == k:
                raise fault(f"injected while writing file {k}")
            written.append(path)
            real(path, data)

        monkeypatch.setattr(workspace_module, "_write_file", faulty)
        with pytest.raises(fault):
            build(two_target_request(tmp_path))
        assert len(written) == k
        assert tree(tmp_path) == before, f"fault at file {k} changed the work dir"
    monkeypatch.undo()
    build(two_target_request(tmp_path))
    assert (tmp_path / "python_workspace" / ".venv" / "pyvenv.cfg").exists()


def test_an_error_while_syncing_a_directory_leaves_the_work_dir_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _prepared(tmp_path)

    def failing(path: Path) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(workspace_module, "fsync_dir", failing)
    with pytest.raises(workspace_module.WorkspaceError) as info:
        build(two_target_request(tmp_path))
    assert info.value.message == "No space left on device"
    assert tree(tmp_path) == before


_KILL_CHILD = """
import sys, time
from pathlib import Path
import mochi_py_build._workspace as ws
from build_helpers import two_target_request
from mochi_py_build import build

work, ready = Path(sys.argv[1]), Path(sys.argv[2])
real = ws._write_file
count = [0]

def stalling(path, data):
    count[0] += 1
    if count[0] == 4:
        ready.write_text("writing\\n", encoding="utf-8")
        time.sleep(600)
    real(path, data)

ws._write_file = stalling
build(two_target_request(work))
"""


def _start(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    full_env = child_env(
        PYTHONPATH=os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH", "")]))
    )
    if env:
        full_env.update(env)
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + _WAIT_LIMIT
    while not path.exists():
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"child exited early ({process.returncode}): {err}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("child never reached the write loop")
        time.sleep(0.02)


def test_a_build_killed_mid_write_leaves_the_previous_workspace_and_the_next_build_succeeds(
    tmp_path: Path,
) -> None:
    work = tmp_path / "work"
    before = _prepared(work)
    ready = tmp_path / "ready"
    child = _start(_KILL_CHILD, str(work), str(ready))
    _wait_for(ready, child)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL
    # The half-written staging dir is still there; everything else is untouched.
    assert (work / ".mochi-py-staging").is_dir()
    after = {k: v for k, v in tree(work).items() if not k.startswith(".mochi-py-staging")}
    assert after == before
    # The kernel released the dead build's lock; the next build clears the staging dir.
    result = build(two_target_request(work, lock_timeout=30))
    assert sorted(os.listdir(work)) == [".mochi-py.lock", "python_workspace"]
    assert (work / "python_workspace/.venv/pyvenv.cfg").exists()
    assert sorted(result.written_files) == list(result.written_files)


_RACE_CHILD = """
import sys, time
from pathlib import Path
import mochi_py_build._workspace as ws
from build_helpers import REQUESTS
from mochi_py_build import build

name, work, log, started, go = sys.argv[1:6]
real = ws._write_file

def logged(path, data):
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(name + "\\n")
    time.sleep(0.03)
    real(path, data)

ws._write_file = logged
Path(started).write_text("started\\n", encoding="utf-8")
while not Path(go).exists():
    time.sleep(0.005)
build(REQUESTS[name](work))
"""


def test_two_racing_builds_never_interleave(tmp_path: Path) -> None:
    expected = {}
    for name, make in (("two", two_target_request), ("other", other_request)):
        build(make(tmp_path / f"expected-{name}"))
        expected[name] = tree(tmp_path / f"expected-{name}" / "python_workspace")
    work = tmp_path / "work"
    log = tmp_path / "log"
    go = tmp_path / "go"
    children = {}
    for name in ("two", "other"):
        started = tmp_path / f"started-{name}"
        children[name] = _start(_RACE_CHILD, name, str(work), str(log), str(started), str(go))
    for name, child in children.items():
        _wait_for(tmp_path / f"started-{name}", child)
    go.write_text("go\n", encoding="utf-8")
    for child in children.values():
        _, err = child.communicate(timeout=_WAIT_LIMIT)
        assert child.returncode == 0, err
    writers = log.read_text("utf-8").split()
    # Two contiguous blocks: every write of one build, then every write of the other.
    blocks = [name for i, name in enumerate(writers) if i == 0 or writers[i - 1] != name]
    assert sorted(blocks) == ["other", "two"]
    assert tree(work / "python_workspace") == expected[blocks[-1]]
    assert sorted(os.listdir(work)) == [".mochi-py.lock", "python_workspace"]


_DETERMINISM_CHILD = """
import sys
from build_helpers import REQUESTS
from mochi_py_build import build

for name in ("two", "other"):
    result = build(REQUESTS[name](sys.argv[1] + "/" + name))
    print(name, *(shim.sha256 for shim in result.shims))
"""


def test_build_is_deterministic_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    trees = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"seed-{seed}"
        done = run_child(
            _DETERMINISM_CHILD.replace("sys.argv[1]", repr(str(out))),
            env=child_env(PYTHONHASHSEED=seed),
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
        trees.append({name: tree(out / name) for name in ("two", "other")})
    assert outputs[0] == outputs[1] == outputs[2]
    assert trees[0] == trees[1] == trees[2]
    # And the same as this process (whatever its hash seed).
    here = build(two_target_request(tmp_path / "here"))
    assert tree(tmp_path / "here") == trees[0]["two"]
    assert outputs[0].splitlines()[0] == " ".join(["two", *(s.sha256 for s in here.shims)])
