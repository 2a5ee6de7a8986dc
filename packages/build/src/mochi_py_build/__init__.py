"""Phases 7, 8 and 8.1 of mochi-py: import specs, the build orchestrator and the uv install."""

from mochi_py_build._alias import validate_alias
from mochi_py_build._driver import Driver, default_cache_dir
from mochi_py_build._errors import (
    AliasError,
    BuildError,
    DependencyConflictError,
    DriverError,
    ImportSpecError,
    ScanError,
    VenvError,
)
from mochi_py_build._pyproject import render_gitignore, render_pyproject
from mochi_py_build._scan import ImportStatement, scan_imports, scan_project
from mochi_py_build._spec import ImportSpec, SpecSource, parse_spec
from mochi_py_build._venv import (
    AsyncMode,
    Dependency,
    MemberKind,
    PackageIndex,
    RuntimeMode,
    Venv,
    VenvMember,
)
from mochi_py_build._version import __version__

__all__ = [
    "AliasError",
    "AsyncMode",
    "BuildError",
    "Dependency",
    "DependencyConflictError",
    "Driver",
    "DriverError",
    "ImportSpec",
    "ImportSpecError",
    "ImportStatement",
    "MemberKind",
    "PackageIndex",
    "RuntimeMode",
    "ScanError",
    "SpecSource",
    "Venv",
    "VenvError",
    "VenvMember",
    "__version__",
    "default_cache_dir",
    "parse_spec",
    "render_gitignore",
    "render_pyproject",
    "scan_imports",
    "scan_project",
    "validate_alias",
]
