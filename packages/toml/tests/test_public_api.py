"""The public API of mochi-py-toml: exactly what `__all__` names, nothing more."""

import mochi_py_toml


def test_all_names_exist() -> None:
    for name in mochi_py_toml.__all__:
        assert hasattr(mochi_py_toml, name), name


def test_public_surface_is_exactly_all() -> None:
    assert sorted(mochi_py_toml.__all__) == [
        "TomlError",
        "__version__",
        "dumps",
        "format_key",
        "format_value",
        "load",
        "loads",
        "replace_array_of_tables",
    ]


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py_toml.__version__) >= Version("0.1.0")


def test_error_is_a_value_error() -> None:
    assert issubclass(mochi_py_toml.TomlError, ValueError)
