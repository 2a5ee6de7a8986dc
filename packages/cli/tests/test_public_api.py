"""The public API of mochi-py: exactly what `__all__` names, nothing more."""

import mochi_py


def test_all_names_exist() -> None:
    for name in mochi_py.__all__:
        assert hasattr(mochi_py, name), name


def test_public_surface_is_exactly_all() -> None:
    assert sorted(mochi_py.__all__) == ["__version__"]


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py.__version__) >= Version("0.1.0")
