"""The public API of mochi-py-emit: exactly what `__all__` names, nothing more."""

import mochi_py_emit


def test_all_names_exist() -> None:
    for name in mochi_py_emit.__all__:
        assert hasattr(mochi_py_emit, name), name


def test_public_surface_is_exactly_all() -> None:
    assert sorted(mochi_py_emit.__all__) == [
        "EmitError",
        "GeneratedShimError",
        "InvalidFieldError",
        "InvalidWrapperError",
        "Shim",
        "ShimOptions",
        "ShimSyntaxError",
        "__version__",
        "emit_shim",
        "validate_shim",
    ]


def test_error_hierarchy() -> None:
    from mochi_py_emit import (
        EmitError,
        GeneratedShimError,
        InvalidFieldError,
        InvalidWrapperError,
        ShimSyntaxError,
    )

    for bad_input in (InvalidFieldError, InvalidWrapperError, ShimSyntaxError):
        assert issubclass(bad_input, EmitError)
        assert issubclass(bad_input, ValueError)
    # An internal guard, not bad input.
    assert issubclass(GeneratedShimError, EmitError)
    assert not issubclass(GeneratedShimError, ValueError)


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py_emit.__version__) >= Version("0.1.0")
