"""The values of a Phase 8 build: what to build (BuildTarget, BuildRequest) and what came out
(BuildResult). All frozen, all tuples, so a request can be planned twice and compared.

BuildRequest and BuildResult satisfy mochi-py-lockfile's `RequestLike` / `ResultLike`
Protocols structurally (checked by a test): the lockfile reads `targets[i].spec`,
`targets[i].alias`, `wrappers[i].items` and `shims[i].sha256`, and cannot import this package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mochi_py_build._driver import Driver
from mochi_py_build._spec import ImportSpec
from mochi_py_build._venv import Venv
from mochi_py_emit import Shim, ShimOptions
from mochi_py_stubs import Surface
from mochi_py_stubs import Target as StubTarget
from mochi_py_typemap import SkipReport
from mochi_py_wrapper import Wrapper, WrapperOptions

DEFAULT_LOCK_TIMEOUT = 600.0


@dataclass(frozen=True)
class BuildTarget:
    """One `import python "<spec>" as <alias>`, with the surface to bind.

    Give exactly one of `stub_source` (the `.pyi` text of the package's top-level module,
    the Phase 8 path) or `surface` (a Surface found by stub discovery, the 8.1 path).
    `import_name` is the module the wrapper imports; it defaults to `surface.package` when a
    surface is given, else to the distribution name with `-` and `.` replaced by `_`
    (`ruamel-yaml` -> `ruamel_yaml`; pass it when that guess is wrong: `pyyaml` -> `yaml`).
    `plan` checks all of this and raises PlanError naming the target.
    """

    spec: ImportSpec
    alias: str
    stub_source: str | None = None
    surface: Surface | None = None
    import_name: str | None = None


@dataclass(frozen=True)
class BuildRequest:
    """What `plan` / `build` turn into a workspace.

    `driver` owns the work dir; `venv` is the base project description (default `Venv()`
    with the wrapper options' async mode), never modified: the result carries a new one.
    `base_dir` resolves relative `path+` imports (the project directory holding the Mochi
    sources); `stub_target` is the Python version and platform that `sys.version_info` /
    `sys.platform` branches in `stub_source` are evaluated for; `lock_timeout` bounds, in
    seconds, how long `build` waits for another build of the same work dir.
    """

    targets: tuple[BuildTarget, ...]
    driver: Driver | None
    venv: Venv | None = None
    wrapper_options: WrapperOptions = field(default_factory=WrapperOptions)
    shim_options: ShimOptions = field(default_factory=ShimOptions)
    base_dir: str | os.PathLike[str] | None = None
    stub_target: StubTarget = field(default_factory=StubTarget)
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT

    def __post_init__(self) -> None:
        # A list is accepted for convenience; stored as a tuple so the request stays frozen.
        targets: object = self.targets
        if isinstance(targets, list):
            object.__setattr__(self, "targets", tuple(targets))


@dataclass(frozen=True)
class BuildResult:
    """What a plan or build produced.

    `wrappers` and `shims` have one entry per target, in request order; `skipped` is the
    concatenation of each wrapper's skips in target order. `venv` is the request's venv with
    one wrapper member and one dependency per target. `shared_dependencies` are the
    lock-facing `(distribution, version requirement)` pairs, sorted by name: the PEP 440
    specifier for registry and index imports, "" (a bare name) for git and path imports.
    `work_dir`, `venv_root` (`<work-dir>/python_workspace`) and `written_files` (every file
    written, absolute paths sorted by code point) are filled by `build` only: a plan touches
    no file system, so they are None, None and () there.
    """

    work_dir: Path | None
    venv_root: Path | None
    venv: Venv
    targets: tuple[BuildTarget, ...]
    wrappers: tuple[Wrapper, ...]
    shims: tuple[Shim, ...]
    skipped: tuple[SkipReport, ...]
    written_files: tuple[str, ...] = ()
    shared_dependencies: tuple[tuple[str, str], ...] = ()
