"""Every stdlib stub that mypy ships with (typeshed) parses, for two different targets."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from mochi_py_stubs import Module, Target, parse_module, public_items
from mochi_py_stubs._package import parse_package


def _typeshed_stdlib() -> Path:
    spec = importlib.util.find_spec("mypy")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("mypy is not installed, so its bundled typeshed stubs are not available")
    root = Path(next(iter(spec.submodule_search_locations))) / "typeshed" / "stdlib"
    if not root.is_dir():
        pytest.skip(f"this mypy ships no typeshed stdlib directory at {root}")
    return root


def _module_name(relative: str) -> str:
    parts = relative[: -len(".pyi")].split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize(
    "target", [Target((3, 12), "linux"), Target((3, 10), "win32")], ids=["3.12-linux", "3.10-win32"]
)
def test_every_stdlib_stub_parses(target: Target) -> None:
    root = _typeshed_stdlib()
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.pyi"))
    assert len(files) > 500
    modules = [
        parse_module((root / f).read_bytes(), module=_module_name(f), path=f, target=target)
        for f in files
    ]
    assert all(isinstance(m, Module) for m in modules)
    by_name = {m.name: m for m in modules}
    builtins = by_name["builtins"]
    assert {"int", "str", "list", "dict"} <= {c.name for c in builtins.classes}
    # Version and platform branches were evaluated for the target.
    os_functions = {f.name for f in by_name["os"].functions}
    if target.platform == "win32":
        assert "startfile" in os_functions
        assert "fork" not in os_functions
    else:
        assert "fork" in os_functions
        assert "startfile" not in os_functions


@pytest.mark.slow
def test_stdlib_package_surface_and_public_items() -> None:
    root = _typeshed_stdlib()
    files = sorted(p.relative_to(root).as_posix() for p in (root / "json").rglob("*.pyi"))
    surface = parse_package(root, files, package="json")
    items = {item.name: item for item in public_items(surface)}
    assert {"dump", "dumps", "load", "loads", "JSONDecoder", "JSONEncoder"} <= set(items)
    assert items["JSONDecoder"].module == "json.decoder"
