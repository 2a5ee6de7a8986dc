"""The values of the Phase 8.1 install: what to install and what the install produced."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from mochi_py_build._spec import ImportSpec


@dataclass(frozen=True)
class InstallRequirement:
    """One `import python "<spec>" as <alias>` to install.

    `path` and `line` locate the import in the project (relative path, 1-based line; "" and
    0 when unknown) so a resolution failure can point at it.
    """

    alias: str
    spec: ImportSpec
    path: str = ""
    line: int = 0

    @property
    def location(self) -> str:
        """`<path>:<line>`, or "" when the position is unknown."""
        if not self.path:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path


def _frozen_versions(versions: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(sorted(versions.items())))


@dataclass(frozen=True)
class InstallResult:
    """The venv an install produced or reused.

    `venv` is its directory (`<work-dir>/python_workspace/.venv` once a build has swapped it
    in); `python_version` the (major, minor) of its Python and `python` the full version;
    `resolved_versions` maps every installed distribution of the resolution (PEP 503 name) to
    its version, read back from the installed metadata, sorted by name; `reused` says the
    venv was already up to date and uv installed nothing. `key` is the install cache key
    (sha256 hex) and `pins` the location-independent pinned requirements it covers.
    `temporary` marks a throw-away venv outside the project (the `write=False` path), which
    is deleted before `build_project` returns.
    """

    venv: Path
    python_version: tuple[int, int]
    resolved_versions: Mapping[str, str]
    reused: bool
    python: str = ""
    key: str = ""
    pins: tuple[str, ...] = ()
    temporary: bool = False

    def __post_init__(self) -> None:
        # A read-only, sorted copy: the result is a value and must not change under a caller.
        object.__setattr__(self, "resolved_versions", _frozen_versions(self.resolved_versions))
