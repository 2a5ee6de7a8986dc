"""Only importable modules are discovered; stubgen is robust against modules it cannot read.

numpy ships `numpy/typing/tests/data/pass/*.py` (`pass` is a keyword), scipy and
scikit-learn ship `.py` files in directories without `__init__.py`; none of them can be
imported, so discovery leaves them out instead of refusing the whole package.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_stubs import StubgenError, StubTier, discover, load_surface
from mochi_py_stubs._stubgen import MAX_RETRIES, _failed_module, _module_of
from mochi_py_stubs._walk import is_name_part, is_test_module, walk_package

DATAPKG_FILES = (
    "datapkg/__init__.py",
    "datapkg/core.py",
    "datapkg/externals/__init__.py",
    "datapkg/stubonly/__init__.pyi",
    "datapkg/stubonly/thing.pyi",
    "datapkg/typing/__init__.py",
    "datapkg/typing/tests/__init__.py",
    "datapkg/typing/tests/test_typing.py",
)
# class.py, data/pass/arithmetic.py, data/fail/bad.pyi, data/reveal/{__init__,r}.py (under
# the non-package `data`), externals/_numpydoc/docscrape.py, data-files/__init__.py.
DATAPKG_EXCLUDED = 7


def _site(venv: Path) -> Path:
    (site,) = venv.glob("lib/python3.*/site-packages")
    return site


def test_inline_discovery_leaves_out_unimportable_files(environment: Path) -> None:
    source = discover(environment, "datapkg")
    assert source.tier is StubTier.INLINE
    assert source.files == DATAPKG_FILES
    assert source.excluded == DATAPKG_EXCLUDED
    assert source.stubgen_failed == ()
    surface = load_surface(source)
    assert [m.name for m in surface.modules] == [
        "datapkg",
        "datapkg.core",
        "datapkg.externals",
        "datapkg.stubonly",
        "datapkg.stubonly.thing",
        "datapkg.typing",
        "datapkg.typing.tests",
        "datapkg.typing.tests.test_typing",
    ]


def test_discovery_without_excluded_files_counts_none(environment: Path) -> None:
    assert discover(environment, "inlinepkg").excluded == 1  # not-a-module/data.py
    assert discover(environment, "sibpkg").excluded == 0


def test_unimportable_files_do_not_change_provenance(environment: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site-packages"
    shutil.copytree(_site(environment), copy, symlinks=True)
    before = discover(copy, "datapkg")
    data = copy / "datapkg" / "typing" / "tests" / "data" / "pass" / "arithmetic.py"
    data.write_text("a = 2\n", encoding="utf-8")
    (data.parent / "extra.py").write_text("", encoding="utf-8")
    after = discover(copy, "datapkg")
    assert (after.files, after.sha256) == (before.files, before.sha256)
    assert after.excluded == before.excluded + 1


def test_walk_is_independent_of_listing_order(tmp_path: Path) -> None:
    root = tmp_path / "site"
    for relative in (
        "pkg/__init__.py",
        "pkg/b.py",
        "pkg/a.pyi",
        "pkg/a.py",
        "pkg/sub/__init__.pyi",
    ):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    walked = walk_package(root, "pkg", with_py=True)
    assert walked.files == ("pkg/__init__.py", "pkg/a.pyi", "pkg/b.py", "pkg/sub/__init__.pyi")
    assert walked.excluded == 0
    stubs_only = walk_package(root, "pkg", with_py=False)
    assert stubs_only.files == ("pkg/a.pyi", "pkg/sub/__init__.pyi")
    assert stubs_only.excluded == 0


def test_an_extension_init_makes_a_package(tmp_path: Path) -> None:
    root = tmp_path / "site"
    for relative in ("pkg/__init__.py", "pkg/ext/__init__.cpython-312-x86_64-linux-gnu.so"):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    (root / "pkg" / "ext" / "helpers.py").write_text("", encoding="utf-8")
    assert walk_package(root, "pkg", with_py=True).files == (
        "pkg/__init__.py",
        "pkg/ext/helpers.py",
    )


_PARTS = st.sampled_from(["a", "b", "pass", "data-files", "match", "tests", "_x"])
_FILES = st.sampled_from(["__init__.py", "__init__.pyi", "m.py", "m.pyi", "class.py", "d.txt"])


def _oracle(files: set[str]) -> tuple[tuple[str, ...], int]:
    """What walk_package should return, computed path by path from the rule itself."""
    kept: dict[str, str] = {}
    excluded = 0
    for path in sorted(f for f in files if f.endswith((".py", ".pyi"))):
        parts = path.split("/")
        dirs, name = parts[1:-1], parts[-1]
        stem = name.rsplit(".", 1)[0]
        ok = is_name_part(stem)
        for depth in range(1, len(dirs) + 1):
            prefix = "/".join(parts[: depth + 1])
            has_init = f"{prefix}/__init__.py" in files or f"{prefix}/__init__.pyi" in files
            ok = ok and is_name_part(dirs[depth - 1]) and has_init
        if not ok:
            excluded += 1
            continue
        key = path.rsplit(".", 1)[0]
        if path.endswith(".pyi") or key not in kept:
            kept[key] = path
    return tuple(sorted(kept.values())), excluded


@settings(max_examples=100, deadline=None)
@given(st.sets(st.tuples(st.lists(_PARTS, max_size=3).map(tuple), _FILES), max_size=12))
def test_walk_keeps_exactly_the_importable_files(
    entries: set[tuple[tuple[str, ...], str]],
) -> None:
    files = {"/".join(["pkg", *dirs, name]) for dirs, name in entries}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pkg").mkdir()
        for relative in files:
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("", encoding="utf-8")
        walked = walk_package(root, "pkg", with_py=True)
    assert (walked.files, walked.excluded) == _oracle(files)


def test_name_parts() -> None:
    assert is_name_part("pass") is False
    assert is_name_part("data-files") is False
    assert is_name_part("3d") is False
    assert is_name_part("match") is True  # a soft keyword is a valid module name


def test_test_modules() -> None:
    assert is_test_module("scipy.stats.tests")
    assert is_test_module("scipy.stats.tests.test_x")
    assert is_test_module("numpy.testing")
    assert is_test_module("pkg.test.helpers")
    assert not is_test_module("tests")  # the top-level package itself is never a test module
    assert not is_test_module("pkg.testing_utils")
    assert not is_test_module("pkg.contest")


# --------------------------------------------------------------------------- stubgen failures


def test_failed_module_from_cant_find(tmp_path: Path) -> None:
    stderr = "Can't find module 'rawdata.tests.data._mvt' (consider using --search-path)\n"
    remaining = ["rawdata", "rawdata.tests.data._mvt"]
    assert _failed_module(stderr, tmp_path, remaining) == "rawdata.tests.data._mvt"
    # A module that was not asked for is not blamed (nothing to leave out).
    assert _failed_module(stderr, tmp_path, ["rawdata"]) is None
    assert _failed_module("something else went wrong\n", tmp_path, remaining) is None


def test_failed_module_from_a_parse_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    broken = site / "rawdata" / "sub" / "broken.py"
    stderr = f"{broken}:1: error: Invalid syntax  [syntax]\n"
    remaining = ["rawdata", "rawdata.sub.broken"]
    assert _failed_module(stderr, site, remaining) == "rawdata.sub.broken"
    critical = f"Critical error during semantic analysis: {site}/rawdata/sub/__init__.py:3: error"
    assert _failed_module(critical, site, ["rawdata", "rawdata.sub"]) == "rawdata.sub"
    assert _module_of(str(tmp_path / "elsewhere" / "x.py"), site) is None


def _fake_mypy(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: object() if name == "mypy" else real(name, *a),
    )


def test_retries_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mochi_py_stubs import _stubgen

    _fake_mypy(monkeypatch)
    calls: list[list[str]] = []

    def always_missing(
        site: Path, package: str, modules: list[str], *rest: object
    ) -> subprocess.CompletedProcess[str]:
        calls.append(list(modules))
        return subprocess.CompletedProcess([], 2, "", f"Can't find module '{modules[-1]}'\n")

    monkeypatch.setattr(_stubgen, "_run_once", always_missing)
    modules = ["pkg"] + [f"pkg.m{i:02d}" for i in range(20)]
    with pytest.raises(StubgenError) as info:
        _stubgen.run_stubgen(tmp_path, "pkg", modules, tmp_path / "out", 60.0)
    assert len(calls) == MAX_RETRIES + 1
    assert info.value.returncode == 2
    assert "after leaving out pkg.m19" in info.value.message
    assert "pkg.m12" in info.value.message


def test_the_top_level_module_is_never_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mochi_py_stubs import _stubgen

    _fake_mypy(monkeypatch)

    def top_missing(*args: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess([], 1, "", "Can't find module 'pkg'\n")

    monkeypatch.setattr(_stubgen, "_run_once", top_missing)
    with pytest.raises(StubgenError) as info:
        _stubgen.run_stubgen(tmp_path, "pkg", ["pkg", "pkg.a"], tmp_path / "out", 60.0)
    assert info.value.package == "pkg"
    assert "Can't find module 'pkg'" in info.value.stderr


def test_a_retry_that_succeeds_reports_what_was_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mochi_py_stubs import _stubgen

    _fake_mypy(monkeypatch)

    def fails_on_b(
        site: Path, package: str, modules: list[str], *rest: object
    ) -> subprocess.CompletedProcess[str]:
        for bad in ("pkg.b", "pkg.a"):
            if bad in modules:
                return subprocess.CompletedProcess([], 1, "", f"Can't find module '{bad}'\n")
        return subprocess.CompletedProcess([], 0, "", "")

    monkeypatch.setattr(_stubgen, "_run_once", fails_on_b)
    left_out = _stubgen.run_stubgen(
        tmp_path, "pkg", ["pkg", "pkg.a", "pkg.b", "pkg.c"], tmp_path / "out", 60.0
    )
    assert left_out == ("pkg.a", "pkg.b")


@pytest.mark.slow
def test_stubgen_skips_data_tests_and_broken_modules(environment: Path, tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="stubgen needs mypy (the stubgen extra)")
    source = discover(environment, "rawdata", allow_stubgen=True, stubgen_cache=tmp_path)
    assert source.tier is StubTier.STUBGEN
    # rawdata/broken.py has a syntax error: stubgen ran again without it.
    assert source.stubgen_failed == ("rawdata.broken",)
    assert source.files == (
        "rawdata/__init__.pyi",
        "rawdata/externals/__init__.pyi",
        "rawdata/util.pyi",
    )
    assert source.excluded == 2  # tests/data/_mvt.py, externals/_numpydoc/docscrape.py
    functions = {f.name for m in load_surface(source).modules for f in m.functions}
    assert functions == {"hello", "twice"}
