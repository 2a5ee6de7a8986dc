"""The public API of mochi-py-stubs: exactly what `__all__` names, nothing more."""

import mochi_py_stubs


def test_all_names_exist() -> None:
    for name in mochi_py_stubs.__all__:
        assert hasattr(mochi_py_stubs, name), name


def test_public_surface_is_exactly_all() -> None:
    assert sorted(mochi_py_stubs.__all__) == [
        "Attribute",
        "Class",
        "ClassMarker",
        "Constant",
        "DEFAULT_MAX_BYTES",
        "Declaration",
        "DistributionNotFoundError",
        "EnvironmentNotFoundError",
        "Function",
        "ImportBinding",
        "InvalidModuleNameError",
        "InvalidStubPathError",
        "ItemKind",
        "LiteralValue",
        "Module",
        "ModuleNotInSurfaceError",
        "NO_LITERAL",
        "NoLiteral",
        "NoStubsFoundError",
        "Param",
        "ParamKind",
        "Property",
        "PublicItem",
        "Signature",
        "StubSource",
        "StubSyntaxError",
        "StubTier",
        "StubTooLargeError",
        "StubgenError",
        "StubgenUnavailableError",
        "StubsError",
        "Surface",
        "SurfaceCache",
        "TConst",
        "TEllipsis",
        "TList",
        "TName",
        "TStr",
        "TSubscript",
        "TUnion",
        "TUnsupported",
        "Target",
        "TypeAlias",
        "TypeExpr",
        "TypeVarDecl",
        "TypeVarKind",
        "__version__",
        "collection_paused",
        "discover",
        "load_surface",
        "parse_module",
        "parse_package",
        "parse_type_expr",
        "public_items",
    ]


def test_errors_share_one_base() -> None:
    errors = [
        getattr(mochi_py_stubs, name) for name in mochi_py_stubs.__all__ if name.endswith("Error")
    ]
    assert errors
    for error in errors:
        assert issubclass(error, mochi_py_stubs.StubsError)
    bad_input = {
        "StubSyntaxError",
        "StubTooLargeError",
        "InvalidStubPathError",
        "InvalidModuleNameError",
        "ModuleNotInSurfaceError",
        "EnvironmentNotFoundError",
        "DistributionNotFoundError",
        "NoStubsFoundError",
    }
    for name in bad_input:
        assert issubclass(getattr(mochi_py_stubs, name), ValueError), name


def test_tier_tokens_are_the_upstream_ones() -> None:
    assert [t.value for t in mochi_py_stubs.StubTier] == [
        "sibling-stubs",
        "inline",
        "typeshed",
        "stubgen",
    ]


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py_stubs.__version__) >= Version("0.1.0")
