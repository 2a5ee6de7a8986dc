"""The public API of mochi-py-build: exactly what `__all__` names, nothing more."""

import mochi_py_build


def test_all_names_exist() -> None:
    for name in mochi_py_build.__all__:
        assert hasattr(mochi_py_build, name), name


def test_public_surface_is_exactly_all() -> None:
    assert sorted(mochi_py_build.__all__) == [
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


def test_error_hierarchy() -> None:
    from mochi_py_build import (
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

    bad_inputs = (
        AliasError,
        ImportSpecError,
        ScanError,
        VenvError,
        DependencyConflictError,
        PlanError,
        ImportConflictError,
        ResolutionError,
    )
    for bad_input in bad_inputs:
        assert issubclass(bad_input, BuildError)
        assert issubclass(bad_input, ValueError)
    failures = (
        DriverError,
        BuildLockedError,
        WorkspaceError,
        InstallError,
        DiscoveryError,
        WrapperImportError,
    )
    for failure in failures:
        assert issubclass(failure, BuildError)
        assert not issubclass(failure, ValueError)
    assert issubclass(ResolutionError, InstallError)


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py_build.__version__) >= Version("0.1.0")
