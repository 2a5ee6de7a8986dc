"""An installed environment: its site-packages, its distributions and their import names."""

from __future__ import annotations

import importlib.metadata
import os
import re
from collections.abc import Iterator
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from mochi_py_stubs._errors import DistributionNotFoundError, EnvironmentNotFoundError

_STUBS_SUFFIX = "-stubs"
_MODULE_SUFFIXES = (".py", ".pyi", ".so", ".pyd")


def site_packages(environment: str | os.PathLike[str]) -> Path:
    """The site-packages directory of a venv, or `environment` itself if it is one."""
    root = Path(environment).absolute()
    if not root.is_dir():
        raise EnvironmentNotFoundError(str(root), "not a directory")
    candidates = sorted(p for p in root.glob("lib/python3.*/site-packages") if p.is_dir())
    windows = root / "Lib" / "site-packages"
    if windows.is_dir():
        candidates.append(windows)
    if not candidates:
        return root  # taken as a site-packages directory (or a --target install)
    if len(candidates) == 1:
        return candidates[0]
    wanted = _venv_python(root)
    for candidate in candidates:
        if wanted is not None and candidate.parent.name == f"python{wanted}":
            return candidate
    listed = ", ".join(str(c.relative_to(root)) for c in candidates)
    raise EnvironmentNotFoundError(
        str(root), f"several site-packages and no way to choose: {listed}"
    )


def _venv_python(root: Path) -> str | None:
    """`3.12` from a venv's pyvenv.cfg (`version_info = 3.12.1` or `version = 3.12.1`)."""
    try:
        text = (root / "pyvenv.cfg").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(r"^\s*version(?:_info)?\s*=\s*(\d+)\.(\d+)", text, re.MULTILINE)
    return f"{match.group(1)}.{match.group(2)}" if match else None


def _metadata(dist: importlib.metadata.Distribution, key: str) -> str | None:
    # get_all: unlike `metadata[key]` it neither warns nor raises when the key is missing.
    values = dist.metadata.get_all(key) if dist.metadata is not None else None
    return values[0] if values else None


def _version_key(version: str) -> tuple[int, Version | None, str]:
    try:
        return (1, Version(version), version)
    except InvalidVersion:
        return (0, None, version)


def distributions(site: Path) -> Iterator[tuple[str, importlib.metadata.Distribution]]:
    """(canonical name, distribution) for every distribution installed in `site`."""
    for dist in importlib.metadata.distributions(path=[str(site)]):
        name = _metadata(dist, "Name")
        if name:
            yield canonicalize_name(name), dist


def find_distribution(site: Path, name: str) -> tuple[str, str, importlib.metadata.Distribution]:
    """(canonical name, version, distribution) of `name` (PEP 503 normalised) in `site`."""
    wanted = canonicalize_name(name)
    found = [
        (_metadata(dist, "Version") or "", dist)
        for canonical, dist in distributions(site)
        if canonical == wanted
    ]
    if not found:
        raise DistributionNotFoundError(wanted, str(site))
    # Two dist-info directories for one name is a broken environment; pick the newest
    # version rather than whichever the directory listing yields first.
    version, dist = max(found, key=lambda item: _version_key(item[0]))
    return wanted, version, dist


def import_names(dist: importlib.metadata.Distribution) -> tuple[str, ...]:
    """Top-level import names of a distribution: `top_level.txt`, else its RECORD.

    A `<name>-stubs` directory counts as `<name>`. Scripts (`../bin/...`), `.pth` files,
    `__pycache__` and metadata directories are not import names.
    """
    names: set[str] = set()
    text = dist.read_text("top_level.txt")
    if text:
        for line in text.splitlines():
            head = line.strip().replace("\\", "/").split("/")[0]
            names.update(_import_name(head))
    if not names:
        for file in dist.files or ():
            parts = file.parts
            if not parts or parts[0] in ("..", "__pycache__", "/"):
                continue
            head = parts[0]
            if head.endswith((".dist-info", ".data", ".egg-info")):
                continue
            if len(parts) == 1:
                if head.endswith(_MODULE_SUFFIXES):
                    names.update(_import_name(head.split(".")[0]))
            else:
                names.update(_import_name(head))
    return tuple(sorted(names))


def _import_name(entry: str) -> tuple[str, ...]:
    if entry.endswith(_STUBS_SUFFIX):
        entry = entry[: -len(_STUBS_SUFFIX)]
    return (entry,) if entry.isidentifier() else ()


def primary_import_name(distribution: str, names: tuple[str, ...]) -> str:
    """The import package a distribution is used through.

    The name that matches the distribution's (`flask-sqlalchemy` -> `flask_sqlalchemy`), else
    the first public name in code point order (`pyyaml` -> `yaml`, `pillow` -> `PIL`), else
    the distribution name with `-` as `_`.
    """
    normalised = distribution.replace("-", "_").lower()
    for name in names:
        if name.lower() == normalised:
            return name
    public = [name for name in names if not name.startswith("_")]
    if public:
        return public[0]
    return names[0] if names else normalised


def stub_owners(site: Path, directory: str) -> tuple[tuple[str, str], ...]:
    """(canonical name, version) of every distribution whose RECORD lists files in `directory`."""
    owners: list[tuple[str, str]] = []
    for canonical, dist in distributions(site):
        for file in dist.files or ():
            if file.parts and file.parts[0] == directory:
                owners.append((canonical, _metadata(dist, "Version") or ""))
                break
    return tuple(sorted(set(owners)))
