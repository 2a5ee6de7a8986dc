"""The whole-project pipeline behind `mochi-py build` and `mochi-py lock --check`.

scan `*.mochi` -> parse and merge the imports -> resolve + install (8.1) -> discover stubs
in the venv (Phase 3) -> plan (Phase 8) -> with `write`: write the workspace into staging,
import every wrapper in the venv, install the workspace into the venv, swap workspace and
venv in together. Everything after the scan runs under the work dir lock.

Guarantees: an error or a kill at any step before the final swap leaves the previous
workspace, its venv and everything else under the project as they were (a new venv waits
in `.mochi-py/venv` until that swap; scratch files live outside the project). With
`write=False` nothing under the project or the work dir is created or changed.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from mochi_py_build._check import check_imports, install_workspace, workspace_installed
from mochi_py_build._driver import Driver
from mochi_py_build._errors import (
    DiscoveryError,
    ImportConflictError,
    ImportSpecError,
    ScanError,
)
from mochi_py_build._files import workspace_files
from mochi_py_build._install import (
    DEFAULT_TIMEOUT,
    STUBGEN_DIRNAME,
    Environment,
    live_venv,
    prepare_environment,
    recover_install,
    state_dir,
)
from mochi_py_build._lock import LOCK_FILENAME, WorkDirLock
from mochi_py_build._plan import plan
from mochi_py_build._request import DEFAULT_LOCK_TIMEOUT, BuildRequest, BuildResult, BuildTarget
from mochi_py_build._requirements import InstallRequirement, InstallResult
from mochi_py_build._scan import ImportStatement, scan_project
from mochi_py_build._spec import ImportSpec, parse_spec
from mochi_py_build._swap import WORKSPACE_DIRNAME
from mochi_py_build._workspace import workspace_matches, write_workspace
from mochi_py_emit import ShimOptions
from mochi_py_stubs import StubsError, StubSource, Surface, Target, discover, load_surface
from mochi_py_wrapper import WrapperOptions

Progress = Callable[[str], None]


def _quiet(_line: str) -> None:
    pass


@dataclass(frozen=True)
class TargetReport:
    """What happened to one import: where its stubs came from and what was bound.

    `tier` is the stub tier token (`sibling-stubs`, `inline`, `typeshed`, `stubgen`);
    `stub_distribution` / `stub_version` the distribution that provided the stubs (None for
    stubgen); `stubs_sha256` the stub provenance digest over `stub_files`; `bound` the
    number of items the wrapper binds and `skipped_by_reason` the refusals per reason token
    (sorted). `path` and `line` locate the first import of the alias in the project.
    """

    alias: str
    spec: ImportSpec
    import_name: str
    tier: str
    stub_distribution: str | None
    stub_version: str | None
    stubs_sha256: str
    bound: int
    skipped_by_reason: Mapping[str, int]
    stub_files: tuple[str, ...] = ()
    partial: bool = False
    path: str = ""
    line: int = 0

    def __post_init__(self) -> None:
        frozen = MappingProxyType(dict(sorted(self.skipped_by_reason.items())))
        object.__setattr__(self, "skipped_by_reason", frozen)


@dataclass(frozen=True)
class ProjectBuild:
    """The outcome of `build_project`.

    `project` and `work_dir` are the directories as the caller gave them; `imports` every
    `import python` statement found (one per line, in scan order, paths relative to the
    project); `request` / `result` the Phase 8 request and its build (its plan when
    `write=False`); `install` the venv used; `targets` one report per alias, sorted by alias
    like the request's targets.
    """

    project: Path
    work_dir: Path
    imports: tuple[ImportStatement, ...]
    request: BuildRequest
    result: BuildResult
    install: InstallResult
    targets: tuple[TargetReport, ...]
    written: bool = True


@dataclass(frozen=True)
class _Import:
    alias: str
    spec: ImportSpec
    statement: ImportStatement


def build_project(
    project: str | os.PathLike[str],
    *,
    work_dir: str | os.PathLike[str] | None = None,
    offline: bool = False,
    allow_stubgen: bool = True,
    python: str | None = None,
    progress: Progress | None = None,
    write: bool = True,
    wrapper_options: WrapperOptions = WrapperOptions(),  # noqa: B008 - frozen value
    shim_options: ShimOptions = ShimOptions(),  # noqa: B008 - frozen value
    timeout: float = DEFAULT_TIMEOUT,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> ProjectBuild:
    """Build the Python side of the Mochi project in `project` (see the module docstring).

    `work_dir` (default: the project) receives `python_workspace/`; `offline` keeps uv off
    the network; `allow_stubgen` lets mypy's stubgen stand in for a package without stubs;
    `python` picks the interpreter (a path or a uv request such as "3.12"; default: the
    running one); `progress` gets one short line per step; `timeout` bounds each uv call and
    `lock_timeout` the wait for another build of the same work dir, in seconds. With
    `write=False` (the `lock --check` path) nothing is written: the plan is computed with the
    existing venv when it matches, else with a temporary one outside the project.

    Raises ScanError / ImportSpecError / ImportConflictError (bad imports, with file, line
    and column), ResolutionError (with the imports at fault), InstallError, DiscoveryError,
    PlanError, WrapperImportError, BuildLockedError, WorkspaceError.
    """
    say = progress or _quiet
    root = Path(project)
    absolute_root = Path(os.path.abspath(root))
    statements = scan_project(absolute_root)
    imports = merge_imports(statements)
    if not imports:
        message = "no `import python` lines in the *.mochi files: nothing to build"
        raise ScanError(os.fspath(project), 0, 0, message)
    shown_work = Path(work_dir) if work_dir is not None and os.fspath(work_dir) else root
    work = Path(os.path.abspath(shown_work))
    requirements = tuple(
        InstallRequirement(i.alias, i.spec, i.statement.path, i.statement.line) for i in imports
    )

    lock: AbstractContextManager[object]
    if write:
        Driver(work_dir=work, no_cache=True).prepare()
        lock = WorkDirLock(work, lock_timeout)
    elif (work / LOCK_FILENAME).is_file():
        lock = WorkDirLock(work, lock_timeout)  # opening an existing file changes nothing
    else:
        lock = nullcontext()
    with lock:
        if write:
            recover_install(work)
        environment = prepare_environment(
            requirements,
            work_dir=work,
            base_dir=absolute_root,
            offline=offline,
            python=python,
            timeout=timeout,
            progress=say,
            writable=write,
        )
        scratch = None if write else Path(tempfile.mkdtemp(prefix="mochi-py-stubgen-"))
        try:
            stubgen_cache = scratch if scratch is not None else state_dir(work) / STUBGEN_DIRNAME
            stub_target = Target(python=environment.result.python_version, platform=sys.platform)
            found = [
                _discover(item, environment, allow_stubgen, stubgen_cache, stub_target, say)
                for item in imports
            ]
            request = BuildRequest(
                targets=tuple(target for target, _ in found),
                driver=Driver(work_dir=work, no_cache=True),
                wrapper_options=wrapper_options,
                shim_options=shim_options,
                base_dir=absolute_root,
                stub_target=stub_target,
                lock_timeout=lock_timeout,
            )
            if write:
                result, install = _write(request, environment, work, timeout, say)
            else:
                result, install = plan(request), environment.result
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
            if environment.temporary_root is not None:
                shutil.rmtree(environment.temporary_root, ignore_errors=True)
    wrappers = {wrapper.alias: wrapper for wrapper in result.wrappers}
    reports = []
    for item, (_target, source) in zip(imports, found, strict=True):
        wrapper = wrappers[item.alias]
        reports.append(
            TargetReport(
                alias=item.alias,
                spec=item.spec,
                import_name=source.package,
                tier=source.tier.value,
                stub_distribution=source.stub_distribution,
                stub_version=source.stub_version,
                stubs_sha256=source.sha256,
                bound=len(wrapper.items),
                skipped_by_reason=Counter(skip.reason.value for skip in wrapper.skipped),
                stub_files=source.files,
                partial=source.partial,
                path=item.statement.path,
                line=item.statement.line,
            )
        )
    return ProjectBuild(
        project=root,
        work_dir=shown_work,
        imports=statements,
        request=request,
        result=result,
        install=install,
        targets=tuple(reports),
        written=write,
    )


def merge_imports(statements: tuple[ImportStatement, ...]) -> tuple[_Import, ...]:
    """One import per alias, sorted by alias; every spec parsed.

    The same alias with the same spec (up to how the name is capitalised) in several places
    is one import, kept at its first place; with different specs it is an
    ImportConflictError naming both places. A bad spec is an ImportSpecError located in its
    file.
    """
    merged: dict[str, _Import] = {}
    for statement in statements:
        spec = _parse_located(statement)
        first = merged.get(statement.alias)
        if first is None:
            merged[statement.alias] = _Import(statement.alias, spec, statement)
        elif _canonical(first.spec) != _canonical(spec):
            other = first.statement
            raise ImportConflictError(
                statement.alias,
                path=statement.path,
                line=statement.spec_line,
                column=statement.spec_column,
                spec=statement.spec,
                other_path=other.path,
                other_line=other.spec_line,
                other_column=other.spec_column,
                other_spec=other.spec,
            )
    return tuple(merged[alias] for alias in sorted(merged))


def _canonical(spec: ImportSpec) -> ImportSpec:
    return replace(spec, raw_name=spec.name)


def _parse_located(statement: ImportStatement) -> ImportSpec:
    try:
        return parse_spec(statement.spec)
    except ImportSpecError as exc:
        # spec_column is the opening quote; the error's column counts in the decoded spec,
        # which is the source text exactly unless the spec used escapes.
        raise ImportSpecError(
            exc.spec,
            exc.part,
            exc.column,
            exc.message,
            path=statement.path,
            line=statement.spec_line,
            source_column=statement.spec_column + 1 + exc.column,
        ) from exc


def _discover(
    item: _Import,
    environment: Environment,
    allow_stubgen: bool,
    stubgen_cache: Path,
    target: Target,
    say: Progress,
) -> tuple[BuildTarget, StubSource]:
    say(f"discovering stubs for {item.alias}")
    try:
        source = discover(
            environment.venv,
            item.spec.name,
            allow_stubgen=allow_stubgen,
            stubgen_cache=stubgen_cache,
        )
        surface: Surface = load_surface(source, target=target)
    except StubsError as exc:
        raise DiscoveryError(
            item.alias,
            item.spec.to_string(),
            item.spec.name,
            str(exc),
            path=item.statement.path,
            line=item.statement.line,
        ) from exc
    build_target = BuildTarget(item.spec, item.alias, surface=surface, import_name=source.package)
    return build_target, source


def _write(
    request: BuildRequest,
    environment: Environment,
    work: Path,
    timeout: float,
    say: Progress,
) -> tuple[BuildResult, InstallResult]:
    planned = plan(request)
    files = workspace_files(planned)
    if (
        not environment.pending
        and workspace_matches(work, files)
        and workspace_installed(environment, files)
    ):
        # Nothing changed: the live workspace is byte for byte what this build would write,
        # its venv is reused as is and already holds it, and its wrappers passed the import
        # check against that very venv when they went live. Writing, re-checking and swapping
        # would only cost time (a no-op rebuild must stay cheap next to a cold build).
        say("workspace unchanged")
        live = work / WORKSPACE_DIRNAME
        written = tuple(sorted(str(live / Path(*f.path.split("/"))) for f in files))
        result = replace(planned, work_dir=work, venv_root=live, written_files=written)
        return result, replace(environment.result, venv=live_venv(work))
    modules = [(w.alias, f"python_wrap.{w.alias}.{w.module}") for w in planned.wrappers]

    def before_swap(staging: Path) -> None:
        say("checking that the wrappers import")
        check_imports(environment, modules, staging=staging)
        install_workspace(
            environment,
            files,
            requires_python=planned.venv.requires_python,
            timeout=timeout,
            progress=say,
        )

    say("building workspace")
    result = write_workspace(
        planned,
        files,
        work,
        venv=environment.venv if environment.pending else None,
        before_swap=before_swap,
    )
    return result, replace(environment.result, venv=live_venv(work))
