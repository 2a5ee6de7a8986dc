"""Regression tests for the no-op rebuild fast path (`nox -s bench` (d) measured a rebuild with
nothing changed at 0.18x a cold build, against a 0.1x target): when the live workspace already
holds exactly what the build would write and the reused venv already holds that workspace,
`build_project` writes nothing, swaps nothing and skips the wrapper import check. Anything
else (a changed, missing or extra file) still goes through the full build.

Also `running_interpreter()`, which reads in-process what probing `sys.executable` reports.
Offline, like the other 8.1 tests: uv builds the tiny local packages from its cache.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from install_helpers import copy_sample, write_sample

from mochi_py_build import ProjectBuild, build_project
from mochi_py_build._interpreter import probe, running_interpreter

FULL_BUILD_STEPS = ("building workspace", "checking that the wrappers import")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("noop")
    _build(write_sample(root))
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    return copy_sample(built, tmp_path)


def _build(project: Path) -> tuple[ProjectBuild, list[str]]:
    lines: list[str] = []
    result = build_project(project, offline=True, allow_stubgen=False, progress=lines.append)
    return result, lines


def _workspace(project: Path) -> Path:
    return project / "python_workspace"


def test_an_unchanged_rebuild_writes_and_checks_nothing(project: Path) -> None:
    workspace = _workspace(project)
    first, _ = _build(project)  # the copy moved: its pyproject.toml names the new place
    before = os.stat(workspace)
    again, lines = _build(project)
    assert "workspace unchanged" in lines
    assert not set(FULL_BUILD_STEPS) & set(lines)
    after = os.stat(workspace)
    # Not swapped: the very same directory, untouched.
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert again.result.written_files == first.result.written_files
    assert again.result.venv_root == workspace
    assert again.install.reused is True
    assert [s.sha256 for s in again.result.shims] == [s.sha256 for s in first.result.shims]


@pytest.mark.parametrize("change", ["edit", "remove", "extra", "mode"])
def test_any_difference_in_the_workspace_means_a_full_build(project: Path, change: str) -> None:
    _build(project)  # settled in the copy's place: the next build would be a no-op
    shim = _workspace(project) / "python_wrap" / "greet" / "greet_shim.mochi"
    original = shim.read_bytes()
    if change == "edit":
        shim.write_bytes(original + b"// edited\n")
    elif change == "remove":
        shim.unlink()
    elif change == "extra":
        (shim.parent / "stray.py").write_text("x = 1\n", encoding="utf-8")
    else:
        shim.chmod(0o600)
    _, lines = _build(project)
    assert "workspace unchanged" not in lines
    assert set(FULL_BUILD_STEPS) <= set(lines)
    assert shim.read_bytes() == original
    assert not (shim.parent / "stray.py").exists()
    assert shim.stat().st_mode & 0o777 == 0o644


def test_byte_code_left_by_the_import_check_does_not_count(project: Path) -> None:
    cache = _workspace(project) / "python_wrap" / "greet" / "__pycache__"
    _build(project)
    cache.mkdir(exist_ok=True)
    (cache / "leftover.cpython-311.pyc").write_bytes(b"\0")
    _, lines = _build(project)
    assert "workspace unchanged" in lines


def test_a_reused_venv_s_python_is_not_started_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mochi_py_build import _install

    _build(project)
    started: list[object] = []
    real_probe = _install.probe

    def counting_probe(*args: object, **kwargs: object) -> object:
        started.append(args[0])
        return real_probe(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_install, "probe", counting_probe)
    again, _ = _build(project)
    assert again.install.reused is True
    assert started == []  # what it said when the venv was made is on record
    # Without the record, it is asked again (and the venv is still reused).
    (_workspace(project) / ".venv" / _install.PROBE_RECORD_NAME).unlink()
    again, _ = _build(project)
    assert again.install.reused is True
    assert len(started) == 1


def test_the_running_interpreter_reads_as_its_probe(tmp_path: Path) -> None:
    assert running_interpreter() == probe(sys.executable, cwd=tmp_path, timeout=300)
