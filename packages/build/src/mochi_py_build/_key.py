"""The install cache key, and the marker file that records it inside a venv.

A venv is reused when its marker holds the key of the current inputs: the pinned
resolution, the specs (an index URL is not visible in a pin), the interpreter's version and
ABI, uv's version and this package's version. The key holds no absolute path, so a project
moved or copied with its venv (same relative layout) keeps its install: a `path+` import's
pin, which uv prints as an absolute `file://` URL, is keyed by the path as written plus a
digest of the directory's files. The digest, not uv's own cache key (which only watches
pyproject.toml), makes an edit of a local package's source reinstall it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from mochi_py_build._interpreter import Interpreter
from mochi_py_build._requirements import InstallRequirement
from mochi_py_build._resolve import Pin
from mochi_py_build._spec import SpecSource
from mochi_py_build._version import __version__

MARKER_NAME = ".mochi-py-install.json"
KEY_SCHEMA = 1

# Never part of a local package's content: VCS and tool state, byte code, and the build
# outputs a setuptools build leaves in the source tree (they would change the key after the
# first install and make the second one miss).
_SKIPPED_DIRS = frozenset({"__pycache__", "build", "dist"})
_SKIPPED_SUFFIXES = (".pyc", ".pyo")


def directory_digest(root: Path) -> str:
    """sha256 over the files under `root` (relative POSIX path, NUL, sha256 of the bytes),
    in sorted order, skipping hidden entries, byte code and build outputs. Symlinks are not
    followed: a link contributes its target text."""
    total = hashlib.sha256()
    entries: list[tuple[str, Path]] = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = [
            d
            for d in dirnames
            if not d.startswith(".") and d not in _SKIPPED_DIRS and not d.endswith(".egg-info")
        ]
        for filename in filenames:
            if filename.startswith(".") or filename.endswith(_SKIPPED_SUFFIXES):
                continue
            path = Path(directory) / filename
            entries.append((path.relative_to(root).as_posix(), path))
    for relative, path in sorted(entries):
        if path.is_symlink():
            data = os.fsencode(os.readlink(path))
        else:
            try:
                data = path.read_bytes()
            except OSError:
                data = b""  # unreadable: still listed, so adding or removing it counts
        total.update(relative.encode("utf-8"))
        total.update(b"\0")
        total.update(hashlib.sha256(data).hexdigest().encode("ascii"))
    return total.hexdigest()


def key_pins(
    pins: Sequence[Pin],
    requirements: Sequence[InstallRequirement],
    base_dir: str | os.PathLike[str] | None,
) -> tuple[str, ...]:
    """The pins as the key records them: a `path+` import's absolute URL replaced by the
    path as written and the digest of the directory's content."""
    local: dict[str, tuple[str, Path]] = {}
    for requirement in sorted(requirements, key=lambda r: (r.spec.name, r.spec.local_path)):
        spec = requirement.spec
        if spec.source is SpecSource.PATH and spec.name not in local:
            directory = Path(os.path.join(os.fspath(base_dir or ""), spec.local_path))
            local[spec.name] = (spec.local_path, directory)
    out = []
    for pin in pins:
        if pin.name in local and pin.url.startswith("file:"):
            written, directory = local[pin.name]
            out.append(f"{pin.name} @ path+{written}#sha256={directory_digest(directory)}")
        else:
            out.append(pin.text)
    return tuple(sorted(out))


def key_material(
    *,
    pins: Sequence[str],
    requirements: Sequence[InstallRequirement],
    interpreter: Interpreter,
    uv_version: str,
) -> dict[str, object]:
    """Everything the install depends on, as JSON-ready data without absolute paths."""
    specs = sorted({_canonical_spec(r) for r in requirements})
    return {
        "schema": KEY_SCHEMA,
        "mochi-py-build": __version__,
        "uv": uv_version,
        "python": interpreter.identity(),
        "specs": specs,
        "pins": sorted(pins),
    }


def _canonical_spec(requirement: InstallRequirement) -> str:
    # The name as written (`Httpx`) does not change what is installed.
    return replace(requirement.spec, raw_name=requirement.spec.name).to_string()


def install_key(material: Mapping[str, object]) -> str:
    """sha256 hex of the canonical JSON of `material`."""
    return hashlib.sha256(_canonical_json(material)).hexdigest()


def _canonical_json(data: Mapping[str, object]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def marker_bytes(key: str, material: Mapping[str, object]) -> bytes:
    """The marker file's content: the key and what it was computed from (for a human)."""
    text = json.dumps({"key": key, "inputs": material}, sort_keys=True, indent=2)
    return (text + "\n").encode("utf-8")


def read_marker_key(venv: Path) -> str | None:
    """The key recorded in `venv`'s marker, or None (no marker, unreadable, malformed)."""
    try:
        data = json.loads((venv / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    key = data.get("key") if isinstance(data, dict) else None
    return key if isinstance(key, str) else None
