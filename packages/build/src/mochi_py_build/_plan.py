"""Phase 8 Plan: validate a build request and run the per-target pipeline in memory.

stub text -> Surface (mochi-py-stubs) -> Wrapper (mochi-py-wrapper) -> Shim (mochi-py-emit),
plus the workspace Venv (one wrapper member and one dependency per target). Plan touches no
file system and never modifies anything it is given: Venv is immutable, so the result holds
a new one. Cheap request-wide checks run over every target before any pipeline work, so a
bad alias in target 5 is reported without parsing targets 0-4.
"""

from __future__ import annotations

import math
import os
from typing import NoReturn

from mochi_py_build._alias import validate_alias
from mochi_py_build._driver import Driver
from mochi_py_build._errors import AliasError, PlanError, VenvError
from mochi_py_build._request import BuildRequest, BuildResult, BuildTarget
from mochi_py_build._spec import ImportSpec, SpecSource
from mochi_py_build._venv import AsyncMode, Venv, VenvMember
from mochi_py_emit import EmitError, Shim, emit_shim
from mochi_py_stubs import InvalidModuleNameError, StubsError, Surface, parse_module
from mochi_py_typemap import SkipReport, TypemapError
from mochi_py_wrapper import Wrapper, WrapperError, synthesise


def shared_dep_version(spec: ImportSpec) -> str:
    """The version requirement recorded for `spec` in the lock-facing dependency data.

    Registry and index imports: the canonical PEP 440 specifier ("" when any version goes).
    Git and path imports: "" (a bare name); their version is whatever the repository or
    directory holds, pinned by the install, not by a specifier.
    """
    if spec.source in (SpecSource.REGISTRY, SpecSource.INDEX):
        return spec.specifier
    return ""


def default_import_name(target: BuildTarget) -> str:
    """The module name the wrapper imports when the target does not say."""
    if target.import_name is not None:
        return target.import_name
    if target.surface is not None:
        return target.surface.package
    return target.spec.name.replace("-", "_").replace(".", "_")


def plan(request: BuildRequest) -> BuildResult:
    """Validate `request` and synthesise every wrapper and shim, without touching disk.

    Raises PlanError (a ValueError) with the target index, alias and field at fault.
    """
    if not isinstance(request, BuildRequest):
        _fail("request", f"expected a BuildRequest, got {type(request).__name__}")
    _check_settings(request)
    targets = request.targets
    for index, target in enumerate(targets):
        _check_target(index, target, request)
    _check_unique_aliases(targets)

    venv = _base_venv(request)
    wrappers: list[Wrapper] = []
    shims: list[Shim] = []
    skipped: list[SkipReport] = []
    shared: dict[str, str] = {}
    for index, target in enumerate(targets):
        wrapper, shim = _pipeline(index, target, request)
        wrappers.append(wrapper)
        shims.append(shim)
        skipped.extend(wrapper.skipped)
        venv = _add_target(index, target, venv, request)
        shared[target.spec.name] = shared_dep_version(target.spec)
    return BuildResult(
        work_dir=None,
        venv_root=None,
        venv=venv,
        targets=targets,
        wrappers=tuple(wrappers),
        shims=tuple(shims),
        skipped=tuple(skipped),
        written_files=(),
        shared_dependencies=tuple(sorted(shared.items())),
    )


def _fail(
    field: str,
    message: str,
    *,
    index: int | None = None,
    alias: str = "",
    path: str = "",
    line: int = 0,
    column: int = 0,
) -> NoReturn:
    raise PlanError(field, message, index=index, alias=alias, path=path, line=line, column=column)


def _check_settings(request: BuildRequest) -> None:
    if request.driver is None:
        _fail("driver", "the request has no driver: pass driver=Driver(work_dir=...)")
    if not isinstance(request.driver, Driver):
        _fail("driver", f"driver must be a Driver, not {type(request.driver).__name__}")
    if not request.targets:
        _fail("targets", "the request has no targets: give at least one BuildTarget")
    if request.venv is not None and not isinstance(request.venv, Venv):
        _fail("venv", f"venv must be a Venv or None, not {type(request.venv).__name__}")
    timeout = request.lock_timeout
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not math.isfinite(timeout)
        or timeout < 0
    ):
        _fail("lock_timeout", f"lock_timeout must be a finite number of seconds >= 0: {timeout!r}")
    wanted = request.wrapper_options.async_mode.value
    if request.venv is not None and request.venv.async_mode.value != wanted:
        # The pyproject's async-mode must say what the wrappers actually do.
        _fail(
            "async_mode",
            f"venv.async_mode is {request.venv.async_mode.value!r} but the wrapper options "
            f"ask for {wanted!r}: make them agree",
        )


def _check_target(index: int, target: BuildTarget, request: BuildRequest) -> None:
    if not isinstance(target, BuildTarget):
        _fail("target", f"expected a BuildTarget, got {type(target).__name__}", index=index)
    alias = target.alias
    if not isinstance(alias, str):
        _fail("alias", f"the alias must be a string, not {type(alias).__name__}", index=index)
    if alias == "":
        _fail("alias", "the target has an empty alias: write `as <name>`", index=index)
    try:
        validate_alias(alias)
    except AliasError as exc:
        raise PlanError("alias", exc.message, index=index, alias=alias) from exc
    spec = target.spec
    if not isinstance(spec, ImportSpec):
        _fail(
            "spec",
            f"the spec must be an ImportSpec (see parse_spec), not {type(spec).__name__}",
            index=index,
            alias=alias,
        )
    if not spec.name:
        _fail("spec", "the spec has an empty distribution name", index=index, alias=alias)
    has_stub = target.stub_source is not None
    has_surface = target.surface is not None
    if has_stub == has_surface:
        _fail(
            "stub_source",
            "give exactly one of stub_source (.pyi text) and surface (a discovered Surface)",
            index=index,
            alias=alias,
        )
    if has_stub and not isinstance(target.stub_source, str):
        _fail("stub_source", "stub_source must be text", index=index, alias=alias)
    if has_surface and not isinstance(target.surface, Surface):
        _fail("stub_source", "surface must be a mochi_py_stubs.Surface", index=index, alias=alias)
    if target.import_name is not None and not isinstance(target.import_name, str):
        _fail("import_name", "import_name must be text or None", index=index, alias=alias)
    if (
        spec.source is SpecSource.PATH
        and not os.path.isabs(spec.local_path)
        and request.base_dir is None
    ):
        _fail(
            "base_dir",
            f"the path import {spec.to_string()!r} is relative: set BuildRequest.base_dir to "
            "the directory it is relative to (the project directory)",
            index=index,
            alias=alias,
        )


def _check_unique_aliases(targets: tuple[BuildTarget, ...]) -> None:
    # Compared case-insensitively as well: `python_wrap/Foo` and `python_wrap/foo` are one
    # directory on macOS and Windows file systems.
    seen: dict[str, int] = {}
    for index, target in enumerate(targets):
        key = target.alias.lower()
        first = seen.setdefault(key, index)
        if first != index:
            other = targets[first].alias
            same = "the same alias" if other == target.alias else f"alias {other!r}"
            _fail(
                "alias",
                f"duplicate alias {target.alias!r}: target {first} already uses {same} "
                "(aliases must differ, also ignoring case); give each import its own alias",
                index=index,
                alias=target.alias,
            )


def _base_venv(request: BuildRequest) -> Venv:
    if request.venv is not None:
        return request.venv
    mode = AsyncMode(request.wrapper_options.async_mode.value)
    return Venv(async_mode=mode)


def _pipeline(index: int, target: BuildTarget, request: BuildRequest) -> tuple[Wrapper, Shim]:
    alias = target.alias
    import_name = default_import_name(target)
    surface = target.surface
    if surface is None:
        surface = _parse_stub(index, target, import_name, request)
    try:
        wrapper = synthesise(target.spec.name, import_name, alias, surface, request.wrapper_options)
    except (WrapperError, TypemapError) as exc:
        field = "import_name" if getattr(exc, "argument", "") == "import_name" else "wrapper"
        raise PlanError(
            field, f"the wrapper cannot be synthesised: {exc}", index=index, alias=alias
        ) from exc
    try:
        shim = emit_shim(wrapper, request.shim_options)
    except EmitError as exc:
        raise PlanError(
            "shim", f"the shim cannot be emitted: {exc}", index=index, alias=alias
        ) from exc
    return wrapper, shim


def _parse_stub(
    index: int, target: BuildTarget, import_name: str, request: BuildRequest
) -> Surface:
    alias = target.alias
    assert target.stub_source is not None  # _check_target
    # The stub is the package's top-level module (`<import>/__init__.pyi`), so relative
    # imports in it resolve inside the package.
    path = f"{import_name}.pyi"
    try:
        module = parse_module(
            target.stub_source,
            module=import_name,
            path=path,
            target=request.stub_target,
            is_package=True,
        )
    except StubsError as exc:
        message = getattr(exc, "message", None) or str(exc)
        raise PlanError(
            "import_name" if isinstance(exc, InvalidModuleNameError) else "stub_source",
            f"the stub does not parse: {message}",
            index=index,
            alias=alias,
            path=str(getattr(exc, "path", path)),
            line=int(getattr(exc, "line", 0)),
            column=int(getattr(exc, "column", 0)),
        ) from exc
    return Surface(package=import_name, modules=(module,))


def _add_target(index: int, target: BuildTarget, venv: Venv, request: BuildRequest) -> Venv:
    try:
        return venv.with_member(VenvMember.wrapper(target.alias)).with_spec(
            target.spec, alias=target.alias, base_dir=request.base_dir
        )
    except VenvError as exc:
        raise PlanError("venv", exc.message, index=index, alias=target.alias) from exc
