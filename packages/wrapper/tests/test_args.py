"""Bad arguments to synthesise are typed errors with fields; good ones name the module."""

from __future__ import annotations

import pathlib

import pytest
from wrapper_helpers import write_package

from mochi_py_stubs import Surface
from mochi_py_wrapper import InvalidArgumentError, WrapperError, synthesise

_SRC = "def f(x: int) -> int:\n    return x\n"


@pytest.fixture
def surface(tmp_path: pathlib.Path) -> Surface:
    return write_package(tmp_path, "argpkg", {"__init__.py": _SRC})


@pytest.mark.parametrize(
    ("package", "import_name", "alias", "argument"),
    [
        ("", "argpkg", "a", "package"),
        ("bad name", "argpkg", "a", "package"),
        ("-lead", "argpkg", "a", "package"),
        ("caf\u00e9", "argpkg", "a", "package"),
        ("argpkg", "", "a", "import_name"),
        ("argpkg", "arg-pkg", "a", "import_name"),
        ("argpkg", "argpkg.", "a", "import_name"),
        ("argpkg", "1argpkg", "a", "import_name"),
        ("argpkg", "otherpkg", "a", "import_name"),  # not the surface's package
        ("argpkg", "argpkg", "", "alias"),
        ("argpkg", "argpkg", "load", "alias"),
        ("argpkg", "argpkg", "class", "alias"),
        ("argpkg", "argpkg", "../x", "alias"),
        ("argpkg", "argpkg", "a/b", "alias"),
        ("argpkg", "argpkg", "caf\u00e9", "alias"),
        ("argpkg", "argpkg", "__a__", "alias"),
    ],
)
def test_bad_arguments(
    surface: Surface, package: str, import_name: str, alias: str, argument: str
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        synthesise(package, import_name, alias, surface)
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, WrapperError)
    assert err.argument == argument
    assert err.value == {"package": package, "import_name": import_name, "alias": alias}[argument]
    assert err.reason


def test_surface_without_its_top_level_module(surface: Surface) -> None:
    empty = Surface("argpkg", ())
    with pytest.raises(InvalidArgumentError) as info:
        synthesise("argpkg", "argpkg", "a", empty)
    assert info.value.argument == "surface"
    assert info.value.value == "argpkg"


@pytest.mark.parametrize(
    ("package", "normalised", "module"),
    [
        ("argpkg", "argpkg", "argpkg_externs"),
        ("Scikit_Learn", "scikit-learn", "scikit_learn_externs"),
        ("zope.interface", "zope-interface", "zope_interface_externs"),
        ("3to2", "3to2", "_3to2_externs"),
    ],
)
def test_package_name_and_module(
    surface: Surface, package: str, normalised: str, module: str
) -> None:
    # The distribution name only names files; the import name is what the wrapper imports.
    w = synthesise(package, "argpkg", "load_", surface)
    assert w.package == normalised
    assert w.module == module
    assert module.isidentifier()
    assert "import argpkg as _src" in w.py_source
    assert w.alias == "load_"
