"""The public API of mochi-py-lockfile: exactly what `__all__` names, nothing more."""

import mochi_py_lockfile


def test_all_names_exist() -> None:
    for name in mochi_py_lockfile.__all__:
        assert hasattr(mochi_py_lockfile, name), name


def test_public_surface_is_exactly_all() -> None:
    assert sorted(mochi_py_lockfile.__all__) == [
        "BuildResultError",
        "BuildResultMismatchError",
        "CAPABILITIES",
        "Diff",
        "DiffEntry",
        "DiffKind",
        "DuplicateEntryError",
        "Entry",
        "FieldChange",
        "ItemLike",
        "LockDriftError",
        "LockfileError",
        "LockfileFormatError",
        "Manifest",
        "MissingBuildResultError",
        "MochiTypeLike",
        "RequestLike",
        "ResultLike",
        "SCHEMA_VERSION",
        "SchemaVersionError",
        "ShimLike",
        "Source",
        "SpecLike",
        "SurfaceKindError",
        "TargetLike",
        "UnknownCapabilityError",
        "UnknownSourceError",
        "WrapperLike",
        "__version__",
        "check",
        "compare_manifests",
        "extract_capabilities",
        "from_build_result",
        "parse_toml",
        "read_lock",
        "render_toml",
        "write_lock",
    ]


def test_every_error_derives_from_the_one_base() -> None:
    base = mochi_py_lockfile.LockfileError
    for name in mochi_py_lockfile.__all__:
        value = getattr(mochi_py_lockfile, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, base), name
            if name != "LockDriftError" and value is not base:
                assert issubclass(value, ValueError), name


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py_lockfile.__version__) >= Version("0.1.0")
