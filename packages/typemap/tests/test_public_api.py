"""The public API of mochi-py-typemap: exactly what `__all__` names, nothing more."""

import mochi_py_typemap


def test_all_names_exist() -> None:
    for name in mochi_py_typemap.__all__:
        assert hasattr(mochi_py_typemap, name), name


def test_public_surface_is_exactly_all() -> None:
    assert sorted(mochi_py_typemap.__all__) == [
        "ANY",
        "BOOL",
        "EnumDecl",
        "FLOAT",
        "FunType",
        "INT",
        "InvalidIdentifierError",
        "InvalidTypeError",
        "ListType",
        "LoweredClass",
        "LoweredConstant",
        "LoweredField",
        "LoweredFunction",
        "LoweredItem",
        "LoweredModule",
        "LoweredParam",
        "LoweredTypeAlias",
        "MOCHI_RESERVED_WORDS",
        "MapType",
        "MochiType",
        "NamedType",
        "OpaqueDecl",
        "OptionType",
        "RecordDecl",
        "STRING",
        "ScalarType",
        "SetType",
        "SkipReason",
        "SkipReport",
        "StreamType",
        "SumDecl",
        "TupleType",
        "TypeContext",
        "TypeDecl",
        "TypeVarType",
        "TypemapError",
        "UNIT",
        "UnknownModuleError",
        "__version__",
        "lower_module",
        "map_type",
        "map_type_with_decls",
        "mochi_name",
        "render",
    ]


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py_typemap.__version__) >= Version("0.1.0")
