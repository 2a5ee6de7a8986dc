"""Writing one small file atomically: a temporary file in the same directory, fsynced, then
renamed over the target, so a reader (or a crash) sees the old bytes or the new ones."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

FILE_MODE = 0o644


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data`; on any failure the old file is untouched."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600; generated sources are ordinary files (reference §2.1).
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    # Makes a rename or unlink durable where the platform allows opening a directory; the
    # file itself is already complete, so a failure here is not an error.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
