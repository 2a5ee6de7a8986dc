"""Discovery on a real venv: one distribution per PEP 561 tier, installed with uv."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from mochi_py_stubs import (
    DistributionNotFoundError,
    EnvironmentNotFoundError,
    ItemKind,
    NoStubsFoundError,
    StubgenError,
    StubgenUnavailableError,
    StubSource,
    StubTier,
    discover,
    load_surface,
    public_items,
)


def _site(venv: Path) -> Path:
    (site,) = venv.glob("lib/python3.*/site-packages")
    return site


def _expected_sha(root: Path, files: tuple[str, ...]) -> str:
    total = hashlib.sha256()
    for path in files:
        total.update(
            path.encode() + b"\0" + hashlib.sha256((root / path).read_bytes()).hexdigest().encode()
        )
    return total.hexdigest()


def _check_provenance(source: StubSource) -> None:
    root = Path(source.root)
    assert root.is_absolute()
    assert list(source.files) == sorted(source.files)
    assert source.sha256 == _expected_sha(root, source.files)


def test_inline_tier(environment: Path) -> None:
    source = discover(environment, "inlinepkg")
    assert source.tier is StubTier.INLINE
    assert source.tier.value == "inline"
    assert (source.distribution, source.version) == ("inlinepkg", "1.0")
    assert (source.stub_distribution, source.stub_version) == ("inlinepkg", "1.0")
    assert source.package == "inlinepkg"
    assert source.import_names == ("inlinepkg",)
    # .pyi hides its .py twin; a directory that is not an identifier is not a package.
    assert source.files == (
        "inlinepkg/__init__.py",
        "inlinepkg/helpers/__init__.py",
        "inlinepkg/sub.pyi",
    )
    assert source.partial is False
    assert source.root == str(_site(environment))
    _check_provenance(source)
    surface = load_surface(source)
    assert [m.name for m in surface.modules] == [
        "inlinepkg",
        "inlinepkg.helpers",
        "inlinepkg.sub",
    ]
    (add,) = surface.modules[0].functions
    assert add.signature.params[1].default == 2
    helpers = public_items(surface, "inlinepkg.helpers")
    assert [(i.name, i.kind, i.module) for i in helpers] == [
        ("f", ItemKind.FUNCTION, "inlinepkg.sub")
    ]


def test_site_packages_directory_works_like_the_venv(environment: Path) -> None:
    assert discover(_site(environment), "inlinepkg") == discover(environment, "inlinepkg")


def test_sibling_stubs_win_over_inline(environment: Path) -> None:
    source = discover(environment, "sibpkg")
    assert source.tier is StubTier.SIBLING_STUBS
    assert source.tier.value == "sibling-stubs"
    assert (source.stub_distribution, source.stub_version) == ("sibpkg-stubs", "2.0.1")
    assert source.files == ("sibpkg-stubs/__init__.pyi", "sibpkg-stubs/core.pyi")
    assert source.partial is False
    _check_provenance(source)
    surface = load_surface(source)
    assert [m.name for m in surface.modules] == ["sibpkg", "sibpkg.core"]
    items = {i.name: i for i in public_items(surface)}
    assert items["Engine"].kind is ItemKind.CLASS
    assert items["Engine"].module == "sibpkg.core"
    assert items["shout"].kind is ItemKind.FUNCTION


def test_partial_stubs_merge_the_runtime_package(environment: Path) -> None:
    source = discover(environment, "partpkg")
    assert source.tier is StubTier.SIBLING_STUBS
    assert source.partial is True
    assert source.files == (
        "partpkg-stubs/__init__.pyi",
        "partpkg-stubs/extra.pyi",
        "partpkg/more.py",
    )
    _check_provenance(source)
    surface = load_surface(source)
    by_name = {m.name: m for m in surface.modules}
    assert set(by_name) == {"partpkg", "partpkg.extra", "partpkg.more"}
    # The stub, not the runtime module, provides `extra`.
    assert by_name["partpkg.extra"].path == "partpkg-stubs/extra.pyi"
    assert by_name["partpkg.more"].path == "partpkg/more.py"


def test_typeshed_tier(environment: Path) -> None:
    source = discover(environment, "tspkg")
    assert source.tier is StubTier.TYPESHED
    assert source.tier.value == "typeshed"
    assert (source.stub_distribution, source.stub_version) == ("types-tspkg", "3.1.0.20240101")
    assert source.files == ("tspkg-stubs/__init__.pyi",)
    _check_provenance(source)
    (ping,) = load_surface(source).modules[0].functions
    assert ping.name == "ping"


def test_inline_wins_over_typeshed(environment: Path) -> None:
    source = discover(environment, "tsinline")
    assert source.tier is StubTier.INLINE
    assert source.files == ("tsinline/__init__.py",)


def test_distribution_name_is_not_the_import_name(environment: Path) -> None:
    for spelling in ("fancy-yaml", "Fancy_YAML", "fancy.yaml"):
        source = discover(environment, spelling)
        assert source.distribution == "fancy-yaml"
        assert source.package == "fyaml"
        assert source.import_names == ("fyaml",)
        assert source.files == ("fyaml/__init__.py",)


def test_import_names_from_record_without_top_level(environment: Path) -> None:
    source = discover(environment, "record-only")
    # Scripts (../bin), .pth files and the .data directory are not import names.
    assert source.import_names == ("recmod", "recmod_helper")
    assert source.package == "recmod"
    assert source.tier is StubTier.INLINE
    assert source.files == ("recmod/__init__.pyi",)


def test_import_name_override(environment: Path) -> None:
    source = discover(environment, "record-only", import_name="recmod")
    assert source.package == "recmod"


def test_no_stubs_is_a_typed_error(environment: Path) -> None:
    with pytest.raises(NoStubsFoundError) as info:
        discover(environment, "nostubpkg")
    error = info.value
    assert isinstance(error, ValueError)
    assert error.distribution == "nostubpkg"
    assert error.package == "nostubpkg"
    assert len(error.looked_for) == 4
    assert "nostubpkg-stubs/" in error.looked_for[0]
    assert "nostubpkg/py.typed" in error.looked_for[1]
    assert "stubgen" in error.looked_for[3]


def test_missing_distribution(environment: Path) -> None:
    with pytest.raises(DistributionNotFoundError) as info:
        discover(environment, "No_Such.Dist")
    assert isinstance(info.value, ValueError)
    assert info.value.distribution == "no-such-dist"
    assert info.value.site_packages == str(_site(environment))


def test_missing_environment(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentNotFoundError) as info:
        discover(tmp_path / "nowhere", "x")
    assert info.value.path == str(tmp_path / "nowhere")


def test_several_site_packages_are_chosen_by_pyvenv_cfg(tmp_path: Path) -> None:
    from mochi_py_stubs._environment import site_packages

    for version in ("3.10", "3.12"):
        (tmp_path / "lib" / f"python{version}" / "site-packages").mkdir(parents=True)
    with pytest.raises(EnvironmentNotFoundError) as info:
        site_packages(tmp_path)
    assert "several site-packages" in info.value.reason
    (tmp_path / "pyvenv.cfg").write_text("home = /usr/bin\nversion_info = 3.12.1.final.0\n")
    assert site_packages(tmp_path) == tmp_path / "lib" / "python3.12" / "site-packages"


def test_windows_layout(tmp_path: Path) -> None:
    from mochi_py_stubs._environment import site_packages

    (tmp_path / "Lib" / "site-packages").mkdir(parents=True)
    assert site_packages(tmp_path) == tmp_path / "Lib" / "site-packages"


def test_discovery_is_deterministic(environment: Path) -> None:
    first = [discover(environment, d) for d in ("inlinepkg", "sibpkg", "partpkg", "tspkg")]
    second = [discover(environment, d) for d in ("inlinepkg", "sibpkg", "partpkg", "tspkg")]
    assert first == second


# --------------------------------------------------------------------------- stubgen


def _require_mypy() -> None:
    pytest.importorskip("mypy", reason="stubgen needs mypy (the stubgen extra)")


@pytest.mark.slow
def test_stubgen_tier(environment: Path, tmp_path: Path) -> None:
    _require_mypy()
    with pytest.raises(NoStubsFoundError):
        discover(environment, "plainpkg")
    source = discover(environment, "plainpkg", allow_stubgen=True, stubgen_cache=tmp_path)
    assert source.tier is StubTier.STUBGEN
    assert source.tier.value == "stubgen"
    assert source.stub_distribution is None
    assert source.stub_version is None
    assert source.partial is True
    assert Path(source.root) == tmp_path / "plainpkg-0.1"
    assert source.files == ("plainpkg/__init__.pyi", "plainpkg/util.pyi")
    _check_provenance(source)
    surface = load_surface(source)
    functions = {f.name for m in surface.modules for f in m.functions}
    # The module raises on import: stubs exist, so it was parsed, never imported.
    assert functions == {"hello", "twice"}


@pytest.mark.slow
def test_stubgen_timeout(environment: Path, tmp_path: Path) -> None:
    _require_mypy()
    with pytest.raises(StubgenError) as info:
        discover(
            environment,
            "plainpkg",
            allow_stubgen=True,
            stubgen_cache=tmp_path,
            stubgen_timeout=0.001,
        )
    assert "timed out" in info.value.message
    assert info.value.package == "plainpkg"


@pytest.mark.slow
def test_stubgen_without_mypy(
    environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _require_mypy()
    # The test venv has no mypy: run "stubgen" with its interpreter instead of ours.
    monkeypatch.setattr(sys, "executable", str(environment / "bin" / "python"))
    with pytest.raises(StubgenUnavailableError) as info:
        discover(environment, "plainpkg", allow_stubgen=True, stubgen_cache=tmp_path)
    assert isinstance(info.value, StubgenError)
    assert "No module named" in info.value.stderr


def test_stubgen_unavailable_when_mypy_is_not_importable(
    environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "mypy" else real(name, *a)
    )
    with pytest.raises(StubgenUnavailableError) as info:
        discover(environment, "plainpkg", allow_stubgen=True, stubgen_cache=tmp_path)
    assert "mochi-py-stubs[stubgen]" in info.value.message


@pytest.mark.slow
def test_stubgen_failure_carries_stderr(
    environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _require_mypy()
    from mochi_py_stubs import _stubgen

    with pytest.raises(StubgenError) as info:
        _stubgen.run_stubgen(_site(environment), "ghost", ["ghost"], tmp_path / "out", 60.0)
    assert info.value.returncode not in (0, None)
    assert "ghost" in info.value.stderr


def test_stubgen_with_no_python_source(tmp_path: Path) -> None:
    from mochi_py_stubs import _stubgen

    with pytest.raises(StubgenError) as info:
        _stubgen.run_stubgen(tmp_path, "ext", [], tmp_path / "out", 60.0)
    assert "no Python source" in info.value.message


def test_provenance_does_not_depend_on_the_location(environment: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "moved" / "site-packages"
    shutil.copytree(_site(environment), copy, symlinks=True)
    here = discover(environment, "partpkg")
    there = discover(copy, "partpkg")
    assert here.root != there.root
    assert (here.files, here.sha256) == (there.files, there.sha256)


def test_provenance_changes_with_a_stub_byte(environment: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "site-packages"
    shutil.copytree(_site(environment), copy, symlinks=True)
    before = discover(copy, "sibpkg").sha256
    stub = copy / "sibpkg-stubs" / "core.pyi"
    stub.write_text(stub.read_text() + "X: int\n")
    assert discover(copy, "sibpkg").sha256 != before
