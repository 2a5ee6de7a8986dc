"""The public API of mochi-py-emit: exactly what `__all__` names, nothing more."""

import mochi_py_emit


def test_all_names_exist() -> None:
    for name in mochi_py_emit.__all__:
        assert hasattr(mochi_py_emit, name), name


def test_public_surface_is_exactly_all() -> None:
    assert sorted(mochi_py_emit.__all__) == ["__version__"]


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py_emit.__version__) >= Version("0.1.0")
