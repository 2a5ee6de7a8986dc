"""`parse_package`: file paths to module names, precedence, `__all__` references."""

from __future__ import annotations

import keyword
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_stubs import (
    InvalidModuleNameError,
    InvalidStubPathError,
    StubSyntaxError,
    Target,
    parse_package,
)


def write(root: Path, files: dict[str, str]) -> list[str]:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return list(files)


def test_module_names_and_order(tmp_path: Path) -> None:
    files = write(
        tmp_path,
        {
            "pkg/sub/deep.pyi": "D: int\n",
            "pkg/__init__.pyi": "X: int\n",
            "pkg/sub/__init__.pyi": "",
            "pkg/a.pyi": "A: int\n",
        },
    )
    surface = parse_package(tmp_path, files, package="pkg")
    assert surface.package == "pkg"
    assert [(m.name, m.path) for m in surface.modules] == [
        ("pkg", "pkg/__init__.pyi"),
        ("pkg.a", "pkg/a.pyi"),
        ("pkg.sub", "pkg/sub/__init__.pyi"),
        ("pkg.sub.deep", "pkg/sub/deep.pyi"),
    ]


def test_stubs_directory_maps_to_the_package(tmp_path: Path) -> None:
    files = write(tmp_path, {"pkg-stubs/__init__.pyi": "", "pkg-stubs/x.pyi": "from . import y\n"})
    surface = parse_package(tmp_path, files, package="pkg")
    assert [m.name for m in surface.modules] == ["pkg", "pkg.x"]
    # Relative imports resolve against the package name, not the directory name.
    assert surface.modules[1].imports[0].target == "pkg.y"


def test_precedence_stubs_then_pyi_then_py(tmp_path: Path) -> None:
    files = write(
        tmp_path,
        {
            "pkg/__init__.py": "A = 1\n",
            "pkg/__init__.pyi": "A: int\n",
            "pkg/m.py": "B = 1\n",
            "pkg-stubs/m.pyi": "B: str\n",
            "pkg/m.pyi": "B: bytes\n",
            "pkg/only.py": "C = 1\n",
        },
    )
    for order in (files, list(reversed(files))):
        surface = parse_package(tmp_path, order, package="pkg")
        assert {m.name: m.path for m in surface.modules} == {
            "pkg": "pkg/__init__.pyi",
            "pkg.m": "pkg-stubs/m.pyi",
            "pkg.only": "pkg/only.py",
        }


def test_single_module_distribution(tmp_path: Path) -> None:
    files = write(tmp_path, {"six.pyi": "def b(s: str) -> bytes: ...\n"})
    (module,) = parse_package(tmp_path, files, package="six").modules
    assert (module.name, module.path) == ("six", "six.pyi")


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/abs/pkg/x.pyi",
        "pkg\\x.pyi",
        "C:/pkg/x.pyi",
        "pkg/../x.pyi",
        "pkg/./x.pyi",
        "pkg//x.pyi",
        "pkg/x.txt",
        "pkg/py.typed",
        "other/x.pyi",
        "pkg/not-a-module.pyi",
        "pkg/1st.pyi",
        "pkg/sub dir/x.pyi",
        "pkg/lambda.pyi",
        "pkgx.pyi",
        "other-stubs/x.pyi",
    ],
)
def test_bad_paths(tmp_path: Path, path: str) -> None:
    with pytest.raises(InvalidStubPathError) as info:
        parse_package(tmp_path, [path], package="pkg")
    assert info.value.path == path
    assert isinstance(info.value, ValueError)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidStubPathError) as info:
        parse_package(tmp_path, ["pkg/gone.pyi"], package="pkg")
    assert info.value.path == "pkg/gone.pyi"
    assert "cannot read" in info.value.reason


def test_bad_package_name(tmp_path: Path) -> None:
    with pytest.raises(InvalidModuleNameError):
        parse_package(tmp_path, [], package="my-pkg")


def test_syntax_error_names_the_relative_path(tmp_path: Path) -> None:
    files = write(tmp_path, {"pkg/__init__.pyi": "", "pkg/bad.pyi": "x = 1\ndef (:\n"})
    with pytest.raises(StubSyntaxError) as info:
        parse_package(tmp_path, files, package="pkg")
    assert (info.value.path, info.value.line) == ("pkg/bad.pyi", 2)


def test_target_is_applied(tmp_path: Path) -> None:
    files = write(
        tmp_path,
        {
            "pkg/__init__.pyi": (
                "import sys\nif sys.platform == 'win32':\n    W: int\nelse:\n    P: int\n"
            )
        },
    )
    linux = parse_package(tmp_path, files, package="pkg", target=Target((3, 12), "linux"))
    windows = parse_package(tmp_path, files, package="pkg", target=Target((3, 12), "win32"))
    assert [c.name for c in linux.modules[0].constants] == ["P"]
    assert [c.name for c in windows.modules[0].constants] == ["W"]


def test_dunder_all_references_are_resolved(tmp_path: Path) -> None:
    files = write(
        tmp_path,
        {
            "pkg/__init__.pyi": (
                "from . import core, extra\nfrom .core import *\nfrom .extra import *\n"
                "import os\n"
                "__all__ = ['top']\n__all__ += core.__all__\n__all__ += extra.__all__\n"
                "__all__ += os.__all__\n"
            ),
            "pkg/core.pyi": "from . import cycle\n__all__ = ['a', 'b']\n__all__ += cycle.__all__\n",
            "pkg/cycle.pyi": "from . import core\n__all__ = ['c', 'a']\n__all__ += core.__all__\n",
            "pkg/extra.pyi": "X: int\n",  # no __all__: the reference cannot be resolved
        },
    )
    modules = {m.name: m for m in parse_package(tmp_path, files, package="pkg").modules}
    top = modules["pkg"]
    assert top.dunder_all == ("top", "a", "b", "c")
    assert top.dunder_all_refs == ("pkg.extra", "os")
    assert modules["pkg.core"].dunder_all == ("a", "b", "c")
    assert modules["pkg.cycle"].dunder_all == ("c", "a", "b")
    assert modules["pkg.core"].dunder_all_refs == ()


def test_parse_package_is_deterministic(tmp_path: Path) -> None:
    files = write(
        tmp_path,
        {f"pkg/m{i}.pyi": f"def f{i}(x: int = {i}) -> str: ...\n" for i in range(20)}
        | {"pkg/__init__.pyi": "from .m1 import f1 as f1\n"},
    )
    first = parse_package(tmp_path, files, package="pkg")
    assert parse_package(tmp_path, sorted(files, reverse=True), package="pkg") == first


_segment = st.from_regex(r"[a-z_][a-z0-9_]{0,6}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name)
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_segment, min_size=0, max_size=4), st.sampled_from([".py", ".pyi"]), st.booleans())
def test_module_for_path_round_trip(parts: list[str], suffix: str, stubs: bool) -> None:
    from mochi_py_stubs._package import module_for_path

    top = "pkg-stubs" if stubs else "pkg"
    if parts:
        path = "/".join([top, *parts]) + suffix
        expected = ".".join(["pkg", *parts])
    else:
        path = f"{top}/__init__{suffix}"
        expected = "pkg"
    if parts and parts[-1] == "__init__":
        expected = ".".join(["pkg", *parts[:-1]])
    module, is_package, from_stubs = module_for_path(path, "pkg")
    assert module == expected
    assert from_stubs is stubs
    assert is_package is (path.rsplit("/", 1)[-1].startswith("__init__."))
