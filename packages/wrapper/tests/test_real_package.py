"""A wrapper generated from a real installed typed package (`packaging`), imported and called."""

from __future__ import annotations

import importlib
import pathlib
import sys

import packaging.version
import pytest
from wrapper_helpers import packaging_version_wrapper

from mochi_py_wrapper import ExternKind, Wrapper


@pytest.fixture(scope="module")
def wrapper() -> Wrapper:
    return packaging_version_wrapper()


def test_externs_of_packaging_version(wrapper: Wrapper) -> None:
    kinds = {e.mochi_name: e.kind for e in wrapper.externs}
    assert kinds["parse"] is ExternKind.FUNCTION
    assert kinds["Version"] is ExternKind.CONSTRUCTOR
    assert kinds["Version_major"] is ExternKind.PROPERTY
    assert "import packaging.version as _src" in wrapper.py_source
    assert "def parse(version: str) -> _src.Version:" in wrapper.pyi_source


def test_calls_against_the_installed_package(
    wrapper: Wrapper,
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    runtime_dir: pathlib.Path,
) -> None:
    (tmp_path / f"{wrapper.module}.py").write_text(wrapper.py_source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, wrapper.module, raising=False)
    m = importlib.import_module(wrapper.module)
    v = m.parse("1.2.3rc1")
    assert isinstance(v, packaging.version.Version)
    assert m.Version_major(v) == 1
    assert m.Version_release(v) == [1, 2, 3]  # a tuple in Python, a list<int> in Mochi
    assert m.Version_pre(v) == ("rc", 1)
    assert m.Version_is_prerelease(v) is True
    assert m.Version_public(m.Version("1.0+local.7")) == "1.0"
    assert m.Version_local(m.Version("1.0")) is None
    with pytest.raises(packaging.version.InvalidVersion, match="not a version"):
        m.parse("not a version")
