"""Phase 8 Plan: request validation and the in-memory pipeline (one test per seed gate bullet,
plus the hostile inputs upstream did not check)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from build_helpers import (
    ANY_STUB,
    HTTPX_STUB,
    MINIMAL_STUB,
    SKIPPING_STUB,
    UTIL_STUB,
    request,
    target,
    two_target_request,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.requirements import Requirement

import mochi_py_build._plan as plan_module
from mochi_py_build import (
    AliasError,
    AsyncMode,
    BuildRequest,
    BuildTarget,
    DependencyConflictError,
    Driver,
    ImportSpec,
    MemberKind,
    PlanError,
    SpecSource,
    Venv,
    VenvMember,
    parse_spec,
    plan,
    render_pyproject,
    shared_dep_version,
    validate_alias,
)
from mochi_py_emit import ShimOptions
from mochi_py_stubs import Surface, parse_module
from mochi_py_wrapper import AsyncMode as WrapperAsyncMode
from mochi_py_wrapper import WrapperOptions


def _plan_error(req: BuildRequest) -> PlanError:
    with pytest.raises(PlanError) as info:
        plan(req)
    assert isinstance(info.value, ValueError)
    return info.value


# --------------------------------------------------------------------------- seed: validation


def test_plan_rejects_empty_targets(tmp_path: Path) -> None:
    error = _plan_error(request(tmp_path))
    assert (error.field, error.index, error.alias) == ("targets", None, "")
    assert "at least one" in error.message


def test_plan_rejects_empty_alias(tmp_path: Path) -> None:
    error = _plan_error(request(tmp_path, target("httpx", "ok"), target("util", "")))
    assert (error.field, error.index, error.alias) == ("alias", 1, "")
    assert "empty alias" in error.message
    assert "target 1" in str(error)


def test_plan_rejects_empty_spec_name(tmp_path: Path) -> None:
    spec = ImportSpec(name="", raw_name="", source=SpecSource.REGISTRY)
    req = request(tmp_path, BuildTarget(spec, "x", stub_source=MINIMAL_STUB))
    error = _plan_error(req)
    assert (error.field, error.index, error.alias) == ("spec", 0, "x")
    assert "empty distribution name" in error.message


def test_plan_rejects_duplicate_aliases(tmp_path: Path) -> None:
    req = request(tmp_path, target("requests", "rq"), target("httpx", "rq"))
    error = _plan_error(req)
    assert (error.field, error.index, error.alias) == ("alias", 1, "rq")
    assert "duplicate alias 'rq'" in error.message
    assert "target 0" in error.message


def test_plan_rejects_aliases_that_differ_only_in_case(tmp_path: Path) -> None:
    # One directory on case-insensitive file systems.
    error = _plan_error(request(tmp_path, target("a", "Foo"), target("b", "foo")))
    assert (error.field, error.index, error.alias) == ("alias", 1, "foo")
    assert "'Foo'" in error.message


def test_plan_rejects_missing_driver() -> None:
    req = BuildRequest(targets=(target("httpx", "httpx"),), driver=None)
    error = _plan_error(req)
    assert (error.field, error.index) == ("driver", None)


def test_plan_rejects_a_driver_of_the_wrong_type(tmp_path: Path) -> None:
    req = BuildRequest(targets=(target("httpx", "httpx"),), driver=str(tmp_path))  # type: ignore[arg-type]
    assert _plan_error(req).field == "driver"


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("../x", "not a path"),
        ("a/b", "not a path"),
        ("a\\b", "not a path"),
        ("con", "Windows device name"),
        ("COM1", "Windows device name"),
        ("class", "Python keyword"),
        ("match", "Python keyword"),
        ("fetch", "reserved word in Mochi"),
        ("ÿ", "ASCII identifier"),
        ("1abc", "ASCII identifier"),
        ("a b", "ASCII identifier"),
        ("a\nb", "ASCII identifier"),
        ("__init__", "dunder"),
        ("_mochi_wrap", "reserved for mochi-py"),
        ("x" * 300, "at most 64"),
    ],
)
def test_plan_rejects_hostile_aliases(tmp_path: Path, alias: str, expected: str) -> None:
    error = _plan_error(request(tmp_path, target("httpx", "fine"), target("util", alias)))
    assert (error.field, error.index, error.alias) == ("alias", 1, alias)
    assert expected in error.message
    assert isinstance(error.__cause__, AliasError)


@settings(max_examples=200, deadline=None)
@given(alias=st.text(alphabet=string.printable + "ÿé/\\.\x00\u202e", max_size=70))
def test_plan_accepts_an_alias_exactly_when_validate_alias_does(alias: str) -> None:
    req = request(None, target("util", alias, UTIL_STUB))
    try:
        validate_alias(alias)
    except AliasError:
        with pytest.raises(PlanError) as info:
            plan(req)
        assert (info.value.field, info.value.index, info.value.alias) == ("alias", 0, alias)
        return
    assert alias.isascii()
    assert alias.isidentifier()
    assert plan(req).wrappers[0].alias == alias


def test_plan_rejects_a_stub_that_does_not_parse(tmp_path: Path) -> None:
    bad = "def ok() -> int: ...\ndef foo(a, b: # unterminated bracket\n"
    error = _plan_error(request(tmp_path, target("httpx", "hx", bad)))
    assert (error.field, error.index, error.alias) == ("stub_source", 0, "hx")
    assert error.path == "httpx.pyi"
    assert error.line == 2
    assert error.column >= 1
    assert "does not parse" in error.message
    assert str(error).startswith("plan: target 0 (alias 'hx'): httpx.pyi:2:")


@pytest.mark.parametrize(
    ("stub", "surface"),
    [(None, None), (MINIMAL_STUB, Surface(package="httpx"))],
)
def test_plan_needs_exactly_one_of_stub_and_surface(
    tmp_path: Path, stub: str | None, surface: Surface | None
) -> None:
    bad = BuildTarget(parse_spec("httpx"), "hx", stub_source=stub, surface=surface)
    error = _plan_error(request(tmp_path, bad))
    assert (error.field, error.index, error.alias) == ("stub_source", 0, "hx")
    assert "exactly one" in error.message


def test_plan_rejects_a_target_that_is_not_a_build_target(tmp_path: Path) -> None:
    error = _plan_error(request(tmp_path, ("httpx", "hx")))  # type: ignore[arg-type]
    assert (error.field, error.index) == ("target", 0)


def test_plan_rejects_an_unusable_import_name(tmp_path: Path) -> None:
    # `2to3` is a fine distribution name but no module name: the user must say which.
    error = _plan_error(request(tmp_path, target("2to3", "tt")))
    assert (error.field, error.index, error.alias) == ("import_name", 0, "tt")


def test_plan_rejects_a_relative_path_import_without_base_dir(tmp_path: Path) -> None:
    error = _plan_error(request(tmp_path, target("mypkg@path+../sibling", "mp")))
    assert (error.field, error.index, error.alias) == ("base_dir", 0, "mp")
    assert "relative" in error.message


def test_plan_rejects_conflicting_requirements_for_one_distribution(tmp_path: Path) -> None:
    req = request(tmp_path, target("httpx@>=0.27", "h1"), target("httpx@<0.30", "h2"))
    error = _plan_error(req)
    assert (error.field, error.index, error.alias) == ("venv", 1, "h2")
    assert isinstance(error.__cause__, DependencyConflictError)
    assert "'h1'" in error.message
    assert "'h2'" in error.message


def test_plan_accepts_one_distribution_under_two_aliases(tmp_path: Path) -> None:
    result = plan(request(tmp_path, target("httpx@>=0.27", "h1"), target("httpx@>=0.27", "h2")))
    assert [w.alias for w in result.wrappers] == ["h1", "h2"]
    (dependency,) = result.venv.dependencies
    assert dependency.aliases == ("h1", "h2")


def test_plan_rejects_a_venv_whose_async_mode_contradicts_the_wrapper_options(
    tmp_path: Path,
) -> None:
    req = request(tmp_path, target("httpx", "hx"), venv=Venv(async_mode=AsyncMode.PER_CALL))
    error = _plan_error(req)
    assert (error.field, error.index) == ("async_mode", None)


def test_plan_takes_the_venv_async_mode_from_the_wrapper_options(tmp_path: Path) -> None:
    options = WrapperOptions(async_mode=WrapperAsyncMode.PER_CALL)
    result = plan(request(tmp_path, target("httpx", "hx"), wrapper_options=options))
    assert result.venv.async_mode is AsyncMode.PER_CALL
    assert 'async-mode = "per-call"' in render_pyproject(result.venv)


@pytest.mark.parametrize("timeout", [-1.0, float("nan"), float("inf"), True, "10"])
def test_plan_rejects_a_bad_lock_timeout(tmp_path: Path, timeout: object) -> None:
    error = _plan_error(request(tmp_path, target("httpx", "hx"), lock_timeout=timeout))
    assert error.field == "lock_timeout"


# --------------------------------------------------------------------------- seed: pipeline


def test_plan_populates_wrappers_and_shims(tmp_path: Path) -> None:
    result = plan(two_target_request(tmp_path))
    assert [w.package for w in result.wrappers] == ["httpx", "util"]
    assert [s.package for s in result.shims] == ["httpx", "util"]
    assert [s.alias for s in result.shims] == ["httpx", "u"]
    for shim in result.shims:
        assert len(shim.sha256) == 64
    httpx = result.shims[0].source
    assert "extern python fun httpx.get(url: string): string" in httpx
    assert "extern python fun httpx.fetch_sync(url: string): string" in httpx
    assert "extern python fun u.hash(s: string): string" in result.shims[1].source


def test_plan_propagates_wrapper_opts(tmp_path: Path) -> None:
    strict = plan(request(tmp_path, target("anylib", "al", ANY_STUB)))
    assert [e.mochi_name for e in strict.wrappers[0].externs] == []
    assert [s.item_path for s in strict.skipped] == ["anylib.returns_any"]
    partial = plan(
        request(
            tmp_path,
            target("anylib", "al", ANY_STUB),
            wrapper_options=WrapperOptions(allow_partial=True),
        )
    )
    assert [e.mochi_name for e in partial.wrappers[0].externs] == ["returns_any"]
    assert partial.wrappers[0].options.allow_partial is True
    assert partial.skipped == ()
    assert "extern python fun al.returns_any(): any" in partial.shims[0].source


def test_plan_propagates_shim_opts(tmp_path: Path) -> None:
    default = plan(request(tmp_path, target("skiplib", "sk", SKIPPING_STUB)))
    assert "Auto-generated" in default.shims[0].source
    assert "SkipUnsupportedTypingConstruct" in default.shims[0].source
    bare = plan(
        request(
            tmp_path,
            target("skiplib", "sk", SKIPPING_STUB),
            shim_options=ShimOptions(header=False, include_skip_report=False),
        )
    )
    source = bare.shims[0].source
    assert "Auto-generated" not in source
    assert "SkipUnsupportedTypingConstruct" not in source
    assert "extern python fun sk.ok(a: int): int" in source
    assert bare.shims[0].sha256 != default.shims[0].sha256


def test_plan_adds_one_wrapper_member_per_target(tmp_path: Path) -> None:
    user = VenvMember("mochi_user", "mochi_user", MemberKind.USER)
    base = Venv(members=(user,))
    result = plan(two_target_request(tmp_path, venv=base))
    assert result.venv.members == (
        user,
        VenvMember("httpx", "python_wrap/httpx", MemberKind.WRAPPER),
        VenvMember("u", "python_wrap/u", MemberKind.WRAPPER),
    )
    # The caller's Venv is a value: it still has only its own member.
    assert base.members == (user,)
    assert base.dependencies == ()


def test_plan_dependency_entries_specifier_for_registry_and_index_bare_name_for_git_and_path(
    tmp_path: Path,
) -> None:
    req = request(
        tmp_path,
        target("requests@>=2.0,<3.0", "rq"),
        target("torch@>=2.1@pytorch+https://download.pytorch.org/whl/cpu", "tc"),
        target("anyver@pytorch+https://download.pytorch.org/whl/cpu", "av"),
        target("gitpkg@git+https://github.com/user/repo#main", "gp"),
        target("pathpkg@path+../sibling", "pp"),
        base_dir=tmp_path / "project",
    )
    result = plan(req)
    # Lock-facing: the PEP 440 specifier for registry/index, a bare name for git/path.
    assert result.shared_dependencies == (
        ("anyver", ""),
        ("gitpkg", ""),
        ("pathpkg", ""),
        ("requests", "<3.0,>=2.0"),
        ("torch", ">=2.1"),
    )
    # Install-facing: the pyproject must be installable, so git/path are direct references.
    requirements = {d.name: Requirement(d.requirement) for d in result.venv.dependencies}
    assert sorted(requirements) == ["anyver", "gitpkg", "pathpkg", "requests", "torch"]
    assert {n: str(r.specifier) for n, r in requirements.items() if not r.url} == {
        "anyver": "",
        "requests": "<3.0,>=2.0",
        "torch": ">=2.1",
    }
    assert requirements["gitpkg"].url == "git+https://github.com/user/repo@main"
    assert requirements["pathpkg"].url == (tmp_path / "sibling").as_uri()
    indexes = {d.name: d.index.name for d in result.venv.dependencies if d.index}
    assert indexes == {"anyver": "pytorch", "torch": "pytorch"}
    text = render_pyproject(result.venv)
    assert '    "requests<3.0,>=2.0",\n' in text
    assert "[tool.uv.sources]" in text


def test_shared_dep_version_across_sources() -> None:
    assert shared_dep_version(parse_spec("rq@>=2.0,<3.0")) == "<3.0,>=2.0"
    assert shared_dep_version(parse_spec("rq@==2.6.1")) == "==2.6.1"
    assert shared_dep_version(parse_spec("rq")) == ""
    assert shared_dep_version(parse_spec("rq@torch+https://example.org/simple")) == ""
    assert shared_dep_version(parse_spec("rq@>=1@torch+https://example.org/simple")) == ">=1"
    assert shared_dep_version(parse_spec("rq@git+https://github.com/u/r#v1")) == ""
    assert shared_dep_version(parse_spec("rq@path+../sibling")) == ""


# --------------------------------------------------------------------------- beyond the seed


def test_plan_touches_no_file_system(tmp_path: Path) -> None:
    work_dir = tmp_path / "not-yet"
    result = plan(two_target_request(work_dir))
    assert not work_dir.exists()
    assert list(tmp_path.iterdir()) == []
    assert (result.work_dir, result.venv_root, result.written_files) == (None, None, ())


def test_plan_result_lists_skips_in_target_order(tmp_path: Path) -> None:
    result = plan(
        request(
            tmp_path,
            target("skiplib", "sk", SKIPPING_STUB),
            target("anylib", "al", ANY_STUB),
            target("util", "u", UTIL_STUB),
        )
    )
    expected = tuple(s for w in result.wrappers for s in w.skipped)
    assert result.skipped == expected
    assert [s.item_path.split(".")[0] for s in result.skipped] == ["skiplib", "anylib"]
    assert isinstance(result.targets, tuple)


def test_plan_accepts_a_list_of_targets(tmp_path: Path) -> None:
    req = BuildRequest(
        targets=[target("util", "u", UTIL_STUB)], driver=Driver(tmp_path, no_cache=True)
    )  # type: ignore[arg-type]
    assert isinstance(req.targets, tuple)
    assert plan(req).wrappers[0].alias == "u"


def test_plan_binds_a_discovered_surface(tmp_path: Path) -> None:
    module = parse_module("def dump(x: int) -> str: ...\n", module="yaml", is_package=True)
    surface = Surface(package="yaml", modules=(module,))
    result = plan(request(tmp_path, BuildTarget(parse_spec("pyyaml"), "yml", surface=surface)))
    (wrapper,) = result.wrappers
    assert (wrapper.package, wrapper.import_name, wrapper.module) == (
        "pyyaml",
        "yaml",
        "pyyaml_externs",
    )
    assert result.shims[0].module == "pyyaml_shim"


def test_plan_uses_an_explicit_import_name(tmp_path: Path) -> None:
    req = request(
        tmp_path, target("pyyaml", "yml", "def dump(x: int) -> str: ...\n", import_name="yaml")
    )
    (wrapper,) = plan(req).wrappers
    assert wrapper.import_name == "yaml"
    assert "import yaml as _src" in wrapper.py_source


def test_plan_evaluates_version_branches_for_the_stub_target(tmp_path: Path) -> None:
    from mochi_py_stubs import Target

    stub = "import sys\nif sys.version_info >= (3, 12):\n    def new() -> int: ...\n"
    old = plan(request(tmp_path, target("lib", "lb", stub), stub_target=Target(python=(3, 10))))
    new = plan(request(tmp_path, target("lib", "lb", stub), stub_target=Target(python=(3, 12))))
    assert [e.mochi_name for e in old.wrappers[0].externs] == []
    assert [e.mochi_name for e in new.wrappers[0].externs] == ["new"]


def test_plan_is_pure(tmp_path: Path) -> None:
    req = two_target_request(tmp_path)
    assert plan(req) == plan(req)
    assert plan(req).shims[0].source == plan(two_target_request(tmp_path)).shims[0].source


def test_plan_keeps_each_alias_independent(tmp_path: Path) -> None:
    result = plan(
        request(tmp_path, target("httpx", "a", HTTPX_STUB), target("httpx", "b", HTTPX_STUB))
    )
    a, b = result.shims
    assert "extern python fun a.get(url: string): string" in a.source
    assert "extern python fun b.get(url: string): string" in b.source
    assert a.sha256 != b.sha256


# --------------------------------------------------------------------------- typed refusals


@pytest.mark.parametrize(
    ("make", "field", "index"),
    [
        (lambda: BuildTarget("httpx", "hx", stub_source=MINIMAL_STUB), "spec", 0),  # type: ignore[arg-type]
        (lambda: BuildTarget(parse_spec("httpx"), 7, stub_source=MINIMAL_STUB), "alias", 0),  # type: ignore[arg-type]
        (
            lambda: BuildTarget(parse_spec("httpx"), "hx", stub_source=b"def f() -> int: ..."),
            "stub_source",
            0,
        ),  # type: ignore[arg-type]
        (lambda: BuildTarget(parse_spec("httpx"), "hx", surface="httpx"), "stub_source", 0),  # type: ignore[arg-type]
        (
            lambda: BuildTarget(parse_spec("httpx"), "hx", stub_source=MINIMAL_STUB, import_name=3),
            "import_name",
            0,
        ),  # type: ignore[arg-type]
    ],
)
def test_plan_rejects_fields_of_the_wrong_type(
    tmp_path: Path, make: object, field: str, index: int
) -> None:
    assert callable(make)
    error = _plan_error(request(tmp_path, make()))
    assert (error.field, error.index) == (field, index)


def test_plan_rejects_a_request_and_venv_of_the_wrong_type(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as info:
        plan("httpx")  # type: ignore[arg-type]
    assert info.value.field == "request"
    error = _plan_error(request(tmp_path, target("httpx", "hx"), venv={"members": []}))
    assert (error.field, error.index) == ("venv", None)


def test_plan_rejects_a_surface_of_another_package(tmp_path: Path) -> None:
    module = parse_module("def dump(x: int) -> str: ...\n", module="yaml", is_package=True)
    surface = Surface(package="yaml", modules=(module,))
    bad = BuildTarget(parse_spec("pyyaml"), "yml", surface=surface, import_name="ruamel")
    error = _plan_error(request(tmp_path, bad))
    assert (error.field, error.index, error.alias) == ("import_name", 0, "yml")
    assert "surface" in error.message


def test_plan_reports_a_wrapper_failure_with_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mochi_py_wrapper import GeneratedCodeError

    def failing(*args: object, **kwargs: object) -> object:
        raise GeneratedCodeError("util_externs", "util_externs.py", 3, "invalid syntax")

    monkeypatch.setattr(plan_module, "synthesise", failing)
    error = _plan_error(request(tmp_path, target("util", "u", UTIL_STUB)))
    assert (error.field, error.index, error.alias) == ("wrapper", 0, "u")
    assert isinstance(error.__cause__, GeneratedCodeError)


def test_plan_reports_an_emit_failure_with_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mochi_py_emit import InvalidWrapperError

    def failing(*args: object, **kwargs: object) -> object:
        raise InvalidWrapperError("extern", "u.hash", "hash", "not printable")

    monkeypatch.setattr(plan_module, "emit_shim", failing)
    error = _plan_error(request(tmp_path, target("util", "u", UTIL_STUB)))
    assert (error.field, error.index, error.alias) == ("shim", 0, "u")
    assert isinstance(error.__cause__, InvalidWrapperError)
