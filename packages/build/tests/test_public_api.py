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


def test_error_hierarchy() -> None:
    from mochi_py_build import (
        AliasError,
        BuildError,
        DependencyConflictError,
        DriverError,
        ImportSpecError,
        ScanError,
        VenvError,
    )

    for bad_input in (AliasError, ImportSpecError, ScanError, VenvError, DependencyConflictError):
        assert issubclass(bad_input, BuildError)
        assert issubclass(bad_input, ValueError)
    assert issubclass(DriverError, BuildError)
    assert not issubclass(DriverError, ValueError)


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py_build.__version__) >= Version("0.1.0")
