"""An exclusive lock on a work dir, held for a whole build.

The lock is `flock` on `<work-dir>/.mochi-py.lock`. The file is created once and never
deleted: deleting it would let a waiter lock the old (unlinked) inode while a newcomer locks a
new file, and both would build at once. The kernel drops an flock when its holder dies, so a
killed build never leaves the work dir locked. Waiting is a bounded poll rather than a
blocking call, because a blocking flock cannot time out.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import TracebackType

from mochi_py_build._errors import BuildLockedError, WorkspaceError

LOCK_FILENAME = ".mochi-py.lock"
_POLL_SECONDS = 0.05

if sys.platform == "win32":  # pragma: no cover - exercised only on Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class WorkDirLock:
    """`with WorkDirLock(work_dir, timeout):` holds the work dir's build lock.

    Raises BuildLockedError when another holder keeps it for more than `timeout` seconds.
    """

    def __init__(self, work_dir: Path, timeout: float) -> None:
        self.path = work_dir / LOCK_FILENAME
        self.timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> WorkDirLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise WorkspaceError(
                str(self.path), f"cannot open the lock file: {exc.strerror or exc}"
            ) from exc
        deadline = time.monotonic() + self.timeout
        try:
            while not _try_lock(fd):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise BuildLockedError(str(self.path), self.timeout)
                time.sleep(min(_POLL_SECONDS, remaining))
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        fd = self._fd
        if fd is None:
            return
        self._fd = None
        try:
            _unlock(fd)
        finally:
            os.close(fd)
