"""The public API of mochi-py-wrapper: exactly what `__all__` names, nothing more."""

import mochi_py_wrapper


def test_all_names_exist() -> None:
    for name in mochi_py_wrapper.__all__:
        assert hasattr(mochi_py_wrapper, name), name


def test_public_surface_is_exactly_all() -> None:
    assert sorted(mochi_py_wrapper.__all__) == [
        "AsyncMode",
        "Extern",
        "ExternKind",
        "ExternParam",
        "GeneratedCodeError",
        "InvalidArgumentError",
        "InvalidIdentifierError",
        "MOCHI_RESERVED",
        "PYTHON_KEYWORDS",
        "RUNTIME_MODULE",
        "Wrapper",
        "WrapperError",
        "WrapperOptions",
        "__version__",
        "check_identifier",
        "mangle",
        "runtime_source",
        "runtime_stub",
        "synthesise",
        "unmangle",
    ]


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py_wrapper.__version__) >= Version("0.1.0")
