"""The workspace as a wheel, for installing the wrappers and the runtime into the venv.

Hand-written rather than built by the workspace's build backend (hatchling via `uv pip
install python_workspace/`), because: the files are our own generated ones, already in
memory and checked; a wheel is a zip with three metadata files (the format is small and
fixed, PEP 427 / 376); and asking uv to build the directory would need hatchling, which an
`--offline` build cannot fetch when it is not in uv's cache. The wheel holds exactly what
the workspace pyproject packages (`python_wrap/` and the runtime module), so the installed
files are the same either way. It declares no dependencies: the install step has already put
the pinned resolution into the venv, and it is installed with `--no-deps`.

The bytes are deterministic: entries sorted, fixed timestamps and modes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from mochi_py_build._files import WorkspaceFile
from mochi_py_build._pyproject import RUNTIME_FILES
from mochi_py_build._venv import WORKSPACE_PROJECT_NAME, WRAPPER_ROOT
from mochi_py_build._version import __version__

WHEEL_VERSION = "0.0.0"
DIST_NAME = WORKSPACE_PROJECT_NAME
_DIST_STEM = WORKSPACE_PROJECT_NAME.replace("-", "_")
DIST_INFO = f"{_DIST_STEM}-{WHEEL_VERSION}.dist-info"
WHEEL_FILENAME = f"{_DIST_STEM}-{WHEEL_VERSION}-py3-none-any.whl"
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_FILE_MODE = 0o644


@dataclass(frozen=True)
class WheelFile:
    """One file the wheel installs: `path` relative to site-packages, POSIX style."""

    path: str
    data: bytes


def installed_files(files: Iterable[WorkspaceFile]) -> tuple[WheelFile, ...]:
    """The workspace files the wheel carries (`python_wrap/**` and the runtime), sorted."""
    chosen = [
        WheelFile(f.path, f.data)
        for f in files
        if f.path.startswith(f"{WRAPPER_ROOT}/") or f.path in RUNTIME_FILES
    ]
    return tuple(sorted(chosen, key=lambda f: f.path))


def wheel_bytes(files: Iterable[WheelFile], *, requires_python: str) -> bytes:
    """A PEP 427 wheel of `mochi-python-workspace` 0.0.0 holding `files`."""
    entries = [(f.path, f.data) for f in sorted(files, key=lambda f: f.path)]
    metadata = [
        "Metadata-Version: 2.1",
        f"Name: {DIST_NAME}",
        f"Version: {WHEEL_VERSION}",
        "Summary: Generated mochi-py wrappers and runtime (do not edit)",
    ]
    if requires_python:
        metadata.append(f"Requires-Python: {requires_python}")
    wheel = [
        "Wheel-Version: 1.0",
        f"Generator: mochi-py-build {__version__}",
        "Root-Is-Purelib: true",
        "Tag: py3-none-any",
    ]
    entries.append((f"{DIST_INFO}/METADATA", _lines(metadata)))
    entries.append((f"{DIST_INFO}/WHEEL", _lines(wheel)))
    record_path = f"{DIST_INFO}/RECORD"
    record = [f"{path},sha256={_digest(data)},{len(data)}" for path, data in entries]
    record.append(f"{record_path},,")
    entries.append((record_path, _lines(record)))

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in entries:
            info = zipfile.ZipInfo(path, date_time=_EPOCH)
            info.external_attr = (0o100000 | _FILE_MODE) << 16  # a regular file, rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _lines(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _digest(data: bytes) -> str:
    """The RECORD hash: urlsafe base64 of the sha256, without padding (PEP 376 / 427)."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
