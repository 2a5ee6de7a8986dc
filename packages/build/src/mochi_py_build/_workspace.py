"""Phase 8 Build: plan, then write `<work-dir>/python_workspace/` all at once.

Order of events, all under the work dir lock:

1. `recover` whatever an interrupted earlier build left (see `_swap`);
2. write every file into a fresh `.mochi-py-staging/` (0644 files, 0755 directories, each
   file fsynced, then each directory);
3. swap the staging dir in for `python_workspace/` and carry `.venv/` over.

Until step 3 the live workspace is not touched, so an error or a kill leaves it exactly as it
was; the staging dir is removed on error, or by the next build's `recover` after a kill.
Nothing of the previous workspace but `.venv/` survives, so a dropped alias leaves no stale
directory and a now-clean wrapper no stale SKIPPED.txt (upstream kept both).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from mochi_py_build._errors import WorkspaceError
from mochi_py_build._files import WorkspaceFile, workspace_files
from mochi_py_build._lock import WorkDirLock
from mochi_py_build._plan import plan
from mochi_py_build._request import BuildRequest, BuildResult
from mochi_py_build._swap import (
    STAGING_DIRNAME,
    VENV_DIRNAME,
    WORKSPACE_DIRNAME,
    fsync_dir,
    recover,
    swap_in,
)

FILE_MODE = 0o644
DIR_MODE = 0o755


def build(request: BuildRequest) -> BuildResult:
    """Plan `request`, then write the workspace under the driver's work dir.

    Returns the plan's result with `work_dir`, `venv_root` and `written_files` filled.
    Raises PlanError for a bad request (before touching the file system), DriverError when
    the work dir cannot be created, BuildLockedError when another build holds the work dir
    for more than `request.lock_timeout` seconds, and WorkspaceError for a failed write or
    swap.
    """
    planned = plan(request)
    files = workspace_files(planned)
    driver = request.driver
    assert driver is not None  # plan checked it
    work_dir = driver.prepare()
    with WorkDirLock(work_dir, request.lock_timeout):
        return write_workspace(planned, files, work_dir)


def write_workspace(
    planned: BuildResult,
    files: tuple[WorkspaceFile, ...],
    work_dir: Path,
    *,
    venv: Path | None = None,
    before_swap: Callable[[Path], None] | None = None,
) -> BuildResult:
    """Write `files` into the staging dir and swap it in; the caller holds the work dir lock.

    `before_swap(staging)` runs once the staging dir is complete (the 8.1 import check and
    workspace install); an error there, as any error before the swap, leaves the live
    workspace as it was. `venv`, when given, is a new venv moved into the staging dir just
    before the swap, so the workspace and its venv go live in the same rename; without it the
    previous workspace's `.venv/` is carried over.
    """
    live = work_dir / WORKSPACE_DIRNAME
    _guarded(work_dir, recover, work_dir)
    staging = work_dir / STAGING_DIRNAME
    try:
        _write_tree(staging, files)
        if before_swap is not None:
            before_swap(staging)
        if venv is not None:
            _guarded(venv, os.rename, venv, staging / VENV_DIRNAME)
            _guarded(staging, fsync_dir, staging)
    except BaseException:
        # Best effort: if even this fails, the next build's recover() removes it.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _guarded(live, swap_in, work_dir, staging)
    written = tuple(sorted(str(live / Path(*f.path.split("/"))) for f in files))
    return replace(planned, work_dir=work_dir, venv_root=live, written_files=written)


def workspace_matches(work_dir: Path, files: tuple[WorkspaceFile, ...]) -> bool:
    """Whether the live workspace under `work_dir` holds exactly `files` (the same paths,
    bytes and modes, and nothing else but its `.venv/` and the `__pycache__/` byte code the
    import check leaves): then a build would write nothing new."""
    live = work_dir / WORKSPACE_DIRNAME
    wanted = {file.path: file.data for file in files}
    found = 0
    for dirpath, dirnames, filenames in os.walk(live):
        base = Path(dirpath)
        if base == live and VENV_DIRNAME in dirnames:
            dirnames.remove(VENV_DIRNAME)
        if "__pycache__" in dirnames:
            dirnames.remove("__pycache__")
        for name in filenames:
            path = base / name
            data = wanted.get(path.relative_to(live).as_posix())
            try:
                if data is None or path.is_symlink() or (path.stat().st_mode & 0o777) != FILE_MODE:
                    return False
                if path.read_bytes() != data:
                    return False
            except OSError:
                return False
            found += 1
    return found == len(wanted)


def _guarded(where: Path, action: Callable[..., None], *args: Path) -> None:
    """Run a file-system step, turning an OSError into a WorkspaceError naming the path."""
    try:
        action(*args)
    except OSError as exc:
        path = exc.filename if exc.filename is not None else where
        raise WorkspaceError(str(path), exc.strerror or str(exc)) from exc


def _write_tree(staging: Path, files: tuple[WorkspaceFile, ...]) -> None:
    if os.path.lexists(staging):
        shutil.rmtree(staging)
    directories = {staging}
    _make_dir(staging)
    for file in files:
        parts = file.path.split("/")
        parent = staging
        for part in parts[:-1]:
            parent = parent / part
            if parent not in directories:
                _make_dir(parent)
                directories.add(parent)
        _write_file(parent / parts[-1], file.data)
    # Deepest first, so each directory's entries are durable before its parent's.
    for directory in sorted(directories, key=lambda d: len(d.parts), reverse=True):
        _guarded(directory, fsync_dir, directory)


def _make_dir(path: Path) -> None:
    try:
        os.mkdir(path, DIR_MODE)
        os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        raise WorkspaceError(str(path), f"cannot create: {exc.strerror or exc}") from exc


def _write_file(path: Path, data: bytes) -> None:
    """Create `path` (it must not exist), write `data`, set mode 0644, fsync.

    Every file of a build goes through here (tests inject faults by replacing it)."""
    try:
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE
        )
    except OSError as exc:
        raise WorkspaceError(str(path), f"cannot create: {exc.strerror or exc}") from exc
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)  # the umask may have filtered the mode; be exact
        os.fsync(fd)
    except OSError as exc:
        raise WorkspaceError(str(path), f"cannot write: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
