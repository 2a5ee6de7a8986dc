"""Swap a fully written staging directory in for `python_workspace/`, and recover from a
build that was killed midway.

Names inside the work dir (fixed, because the work dir lock admits one build at a time):

    python_workspace/      the live workspace
    .mochi-py-staging/     the next workspace while it is written; after an atomic exchange,
                           briefly the previous one
    .mochi-py-previous/    the previous workspace between the two renames of the fallback

Swap: on Linux, `renameat2(RENAME_EXCHANGE)` exchanges the two directories in one atomic
step, so `python_workspace` always names a complete workspace. Elsewhere (or on a file
system without exchange support) the previous workspace is renamed aside and the staging dir
renamed in; a kill between those two renames leaves no `python_workspace`, which `recover`
undoes by renaming the previous one back. Either way the previous workspace's `.venv/` (made
by the install step) is then moved, not copied, into the new one, and the rest of the
previous workspace is deleted.

`recover` runs at the start of every build, under the lock, and makes any interrupted state
whole again: a missing workspace is restored from `.mochi-py-previous`, a `.venv/` stranded in
a leftover is moved into the live workspace, and leftovers are deleted.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

WORKSPACE_DIRNAME = "python_workspace"
STAGING_DIRNAME = ".mochi-py-staging"
PREVIOUS_DIRNAME = ".mochi-py-previous"
VENV_DIRNAME = ".venv"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# errno values meaning "this kernel / file system cannot exchange": fall back to renames.
_NO_EXCHANGE = frozenset({errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP})

_Renameat2 = Callable[[int, bytes, int, bytes, int], int]
_renameat2_cache: list[_Renameat2 | None] = []


def _renameat2() -> _Renameat2 | None:
    """glibc's (or musl's) renameat2, or None where the C library has none."""
    if _renameat2_cache:
        return _renameat2_cache[0]
    found: _Renameat2 | None = None
    if sys.platform.startswith("linux"):
        try:
            function = ctypes.CDLL(None, use_errno=True).renameat2
        except (OSError, AttributeError):
            function = None
        if function is not None:
            function.argtypes = [
                ctypes.c_int,
                ctypes.c_char_p,
                ctypes.c_int,
                ctypes.c_char_p,
                ctypes.c_uint,
            ]
            function.restype = ctypes.c_int
            found = function
    _renameat2_cache.append(found)
    return found


def exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two existing paths. False when the platform cannot (nothing was
    changed then); OSError for a real failure."""
    function = _renameat2()
    if function is None:
        return False
    result = function(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def fsync_dir(path: Path) -> None:
    """Make a rename or file creation inside `path` durable (no-op where directories cannot
    be opened, e.g. Windows)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if sys.platform == "win32":  # pragma: no cover
            return
        raise
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def swap_in(work_dir: Path, staging: Path) -> None:
    """Make `staging` the live workspace; carry the previous workspace's `.venv/` over and
    delete the rest of the previous workspace."""
    live = work_dir / WORKSPACE_DIRNAME
    if not os.path.lexists(live):
        os.rename(staging, live)
        fsync_dir(work_dir)
        return
    if exchange(staging, live):
        previous = staging
    else:
        previous = work_dir / PREVIOUS_DIRNAME
        os.rename(live, previous)
        os.rename(staging, live)
    fsync_dir(work_dir)
    _adopt_venv(previous, live)
    _remove(previous)


def recover(work_dir: Path) -> None:
    """Undo whatever an interrupted build left behind (see the module docstring)."""
    live = work_dir / WORKSPACE_DIRNAME
    previous = work_dir / PREVIOUS_DIRNAME
    staging = work_dir / STAGING_DIRNAME
    if not os.path.lexists(live) and os.path.isdir(previous):
        os.rename(previous, live)
        fsync_dir(work_dir)
    for leftover in (previous, staging):
        if not os.path.lexists(leftover):
            continue
        if os.path.isdir(live):
            _adopt_venv(leftover, live)
        _remove(leftover)


def _adopt_venv(previous: Path, live: Path) -> None:
    """Move `previous/.venv` to `live/.venv` unless the live workspace already has one.

    A rename keeps the venv's absolute paths valid: it ends up at the same path it had.
    """
    old_venv = previous / VENV_DIRNAME
    new_venv = live / VENV_DIRNAME
    if os.path.lexists(old_venv) and not os.path.lexists(new_venv):
        os.rename(old_venv, new_venv)
        fsync_dir(live)


def _remove(path: Path) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)
