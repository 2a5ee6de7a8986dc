"""Phases 7, 8 and 8.1 of mochi-py: import specs, the build orchestrator and the uv install."""

from mochi_py_build._alias import validate_alias
from mochi_py_build._driver import Driver, default_cache_dir
from mochi_py_build._errors import (
    AliasError,
    BuildError,
    BuildLockedError,
    DependencyConflictError,
    DiscoveryError,
    DriverError,
    ImportConflictError,
    ImportSpecError,
    InstallError,
    PlanError,
    ResolutionError,
    ScanError,
    VenvError,
    WorkspaceError,
    WrapperImportError,
)
from mochi_py_build._install import install
from mochi_py_build._plan import plan, shared_dep_version
from mochi_py_build._project import ProjectBuild, TargetReport, build_project
from mochi_py_build._pyproject import render_gitignore, render_pyproject
from mochi_py_build._request import BuildRequest, BuildResult, BuildTarget
from mochi_py_build._requirements import InstallRequirement, InstallResult
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
from mochi_py_build._workspace import build

__all__ = [
    "AliasError",
    "AsyncMode",
    "BuildError",
    "BuildLockedError",
    "BuildRequest",
    "BuildResult",
    "BuildTarget",
    "Dependency",
    "DependencyConflictError",
    "DiscoveryError",
    "Driver",
    "DriverError",
    "ImportConflictError",
    "ImportSpec",
    "ImportSpecError",
    "ImportStatement",
    "InstallError",
    "InstallRequirement",
    "InstallResult",
    "MemberKind",
    "PackageIndex",
    "PlanError",
    "ProjectBuild",
    "ResolutionError",
    "RuntimeMode",
    "ScanError",
    "SpecSource",
    "TargetReport",
    "Venv",
    "VenvError",
    "VenvMember",
    "WorkspaceError",
    "WrapperImportError",
    "__version__",
    "build",
    "build_project",
    "default_cache_dir",
    "install",
    "parse_spec",
    "plan",
    "render_gitignore",
    "render_pyproject",
    "scan_imports",
    "scan_project",
    "shared_dep_version",
    "validate_alias",
]
