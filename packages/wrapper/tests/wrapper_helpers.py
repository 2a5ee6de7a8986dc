"""Shared test helpers (used by conftest.py and the tests): write a typed package to a temp
dir, synthesise its wrapper, import it.

The runtime `_mochi_wrap.py` is written once per session into a directory put on sys.path
(as the workspace installs it: a top-level module), so every generated wrapper's absolute
import resolves. Each test's package gets a unique name, so wrapper modules never clash in
sys.modules.
"""

from __future__ import annotations

import importlib
import itertools
import pathlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from types import ModuleType

import pytest

from mochi_py_stubs import Surface, parse_package
from mochi_py_wrapper import (
    RUNTIME_MODULE,
    Wrapper,
    WrapperOptions,
    runtime_source,
    runtime_stub,
    synthesise,
)

_COUNTER = itertools.count()


@pytest.fixture(scope="session")
def runtime_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pathlib.Path]:
    path = tmp_path_factory.mktemp("runtime")
    (path / f"{RUNTIME_MODULE}.py").write_text(runtime_source(), encoding="utf-8")
    (path / f"{RUNTIME_MODULE}.pyi").write_text(runtime_stub(), encoding="utf-8")
    sys.path.insert(0, str(path))
    try:
        yield path
    finally:
        runtime = sys.modules.pop(RUNTIME_MODULE, None)
        if runtime is not None:
            runtime.close_loop()
        sys.path.remove(str(path))


def unique(stem: str) -> str:
    return f"{stem}_{next(_COUNTER)}"


def write_package(root: pathlib.Path, name: str, files: dict[str, str]) -> Surface:
    """Write package `name` (files relative to the package dir, dedented) with py.typed and
    parse it the way the build does."""
    pkg = root / name
    pkg.mkdir(parents=True)
    (pkg / "py.typed").write_text("", encoding="utf-8")
    rel = []
    for fname, text in sorted(files.items()):
        target = pkg / fname
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
        rel.append(f"{name}/{fname}")
    return parse_package(root, rel, package=name)


class Built:
    """A synthesised wrapper written next to its package; `load()` imports it."""

    def __init__(self, wrapper: Wrapper, out: pathlib.Path) -> None:
        self.wrapper = wrapper
        self.out = out

    def load(self) -> ModuleType:
        return importlib.import_module(self.wrapper.module)


@pytest.fixture
def build(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, runtime_dir: pathlib.Path
) -> Callable[..., Built]:
    """build(source, options=...) -> Built for a one-file package `__init__.py`."""

    def _build(
        source: str | dict[str, str],
        options: WrapperOptions = WrapperOptions(),  # noqa: B008
        *,
        stem: str = "pkg",
        alias: str = "al",
    ) -> Built:
        name = unique(stem)
        files = {"__init__.py": source} if isinstance(source, str) else source
        src_root = tmp_path / "site"
        surface = write_package(src_root, name, files)
        wrapper = synthesise(name, name, alias, surface, options)
        out = tmp_path / "wrap"
        out.mkdir(exist_ok=True)
        (out / f"{wrapper.module}.py").write_text(wrapper.py_source, encoding="utf-8")
        (out / f"{wrapper.module}.pyi").write_text(wrapper.pyi_source, encoding="utf-8")
        monkeypatch.syspath_prepend(str(src_root))
        monkeypatch.syspath_prepend(str(out))
        return Built(wrapper, out)

    return _build


def packaging_version_wrapper() -> Wrapper:
    """The wrapper of the installed `packaging.version` (a real typed package)."""
    import packaging

    pkg_dir = pathlib.Path(packaging.__file__).parent
    files = sorted(f"packaging/{p.name}" for p in pkg_dir.glob("*.py"))
    surface = parse_package(pkg_dir.parent, files, package="packaging")
    # The top-level module only holds dunders; wrap the typed submodule, imported by its
    # dotted name.
    return synthesise(
        "packaging", "packaging.version", "pv", Surface("packaging.version", surface.modules)
    )
