"""Phase 8.1, step 2: a venv that holds the pinned resolution, reused when it already does.

Directories (inside the work dir; the work dir lock admits one build or install at a time):

    python_workspace/.venv          the live venv (moved in together with the workspace)
    .mochi-py/venv.tmp/             a venv being created; removed by the next run after a kill
    .mochi-py/venv/                 a complete venv (marker written) waiting to be swapped in
    .mochi-py/venv.old/             the replaced venv during `install()`'s two-rename fallback

A venv is reused, with no uv call, when its marker (`.mochi-py-install.json`) holds the key
of the current inputs (see `_key`), its Python still runs and is the same version, and every
pinned distribution is installed at its pinned version. What its Python said when probed is
kept next to the marker (`.mochi-py-python.json`) with the identity of the program file
the venv's `python` resolves to; while that file is the same (path, inode, size, mtime),
the venv's Python is not started again to ask (a third of a no-op rebuild's time), and if
it is gone the venv is not reused. Otherwise a new venv is created from
scratch in `venv.tmp` (`uv venv --relocatable`: the venv is later moved by rename), the pins
are installed into it, checked, the marker is written last, and only then is it renamed to
`.mochi-py/venv`. Nothing before that rename touches a venv anyone uses, so a failure or a
kill during the install leaves the previous venv exactly as it was.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from mochi_py_build._driver import Driver
from mochi_py_build._errors import InstallError, PlanError, WorkspaceError
from mochi_py_build._interpreter import Interpreter, find_interpreter, probe, venv_python
from mochi_py_build._key import (
    MARKER_NAME,
    install_key,
    key_material,
    key_pins,
    marker_bytes,
    read_marker_key,
)
from mochi_py_build._lock import WorkDirLock
from mochi_py_build._request import DEFAULT_LOCK_TIMEOUT
from mochi_py_build._requirements import InstallRequirement, InstallResult
from mochi_py_build._resolve import CONSTRAINTS, RESOLVE_PYPROJECT, Pin, resolve
from mochi_py_build._spec import ImportSpec, SpecSource
from mochi_py_build._swap import VENV_DIRNAME, WORKSPACE_DIRNAME, exchange, fsync_dir
from mochi_py_build._uv import failed, run_uv, uv_version

STATE_DIRNAME = ".mochi-py"
PENDING_VENV = "venv"
BUILDING_VENV = "venv.tmp"
OLD_VENV = "venv.old"
STUBGEN_DIRNAME = "stubgen"
DEFAULT_TIMEOUT = 900.0

Progress = Callable[[str], None]


def _quiet(_line: str) -> None:
    pass


@dataclass(frozen=True)
class Environment:
    """An installed venv, ready for stub discovery.

    `interpreter` is the venv's own Python as probed (its `purelib` locates site-packages);
    `pending` says the venv sits at `.mochi-py/venv`, waiting to be swapped in with the
    workspace; `temporary_root` is the directory to delete afterwards for a throw-away venv.
    """

    result: InstallResult
    interpreter: Interpreter
    pending: bool
    temporary_root: Path | None = None

    @property
    def venv(self) -> Path:
        return self.result.venv

    @property
    def site_packages(self) -> Path:
        return self.result.venv / Path(*self.interpreter.purelib.split("/"))


def state_dir(work_dir: Path) -> Path:
    return work_dir / STATE_DIRNAME


def live_venv(work_dir: Path) -> Path:
    return work_dir / WORKSPACE_DIRNAME / VENV_DIRNAME


def install(
    work_dir: str | os.PathLike[str],
    requirements: Sequence[InstallRequirement],
    *,
    base_dir: str | os.PathLike[str] | None = None,
    offline: bool = False,
    python: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> InstallResult:
    """Install the distributions of `requirements` into the work dir's venv with uv.

    Resolves with `uv pip compile` (nothing is changed when that fails: ResolutionError),
    then reuses the venv whose marker matches, or installs into a new one and swaps it in
    for `<work-dir>/python_workspace/.venv` by rename (kept at `<work-dir>/.mochi-py/venv`
    while there is no `python_workspace/` yet). `base_dir` resolves relative `path+`
    imports; `python` is an interpreter path or a uv Python request (default: the running
    Python); `offline` passes `--offline` to every uv call; `timeout` bounds each uv call in
    seconds. Holds the work dir lock throughout.
    """
    requirements = _checked(requirements)
    say = progress or _quiet
    work = Driver(work_dir=work_dir, no_cache=True).prepare()
    with WorkDirLock(work, lock_timeout):
        recover_install(work)
        environment = prepare_environment(
            requirements,
            work_dir=work,
            base_dir=base_dir,
            offline=offline,
            python=python,
            timeout=timeout,
            progress=say,
            writable=True,
        )
        if environment.pending and (work / WORKSPACE_DIRNAME).is_dir():
            place_venv(work, environment.venv)
            return replace(environment.result, venv=live_venv(work))
        return environment.result


def _checked(requirements: Sequence[InstallRequirement]) -> tuple[InstallRequirement, ...]:
    checked = tuple(requirements)
    if not checked:
        raise PlanError("targets", "nothing to install: give at least one InstallRequirement")
    for index, requirement in enumerate(checked):
        if not isinstance(requirement, InstallRequirement) or not isinstance(
            requirement.spec, ImportSpec
        ):
            raise PlanError(
                "target",
                "expected an InstallRequirement(alias, spec) with an ImportSpec",
                index=index,
            )
    return checked


def recover_install(work_dir: Path) -> None:
    """Undo what an interrupted install left behind: a half-made venv is deleted, and a venv
    parked by `place_venv`'s fallback goes back where it was if nothing replaced it."""
    state = state_dir(work_dir)
    building = state / BUILDING_VENV
    try:
        if os.path.lexists(building):
            _remove(building)
        old = state / OLD_VENV
        if os.path.lexists(old):
            live = live_venv(work_dir)
            if live.parent.is_dir() and not os.path.lexists(live):
                os.rename(old, live)
            else:
                _remove(old)
    except OSError as exc:
        raise WorkspaceError(
            str(exc.filename or state), f"cannot clean up: {exc.strerror or exc}"
        ) from exc


def place_venv(work_dir: Path, pending: Path) -> None:
    """Make `pending` the live `python_workspace/.venv`, deleting the one it replaces."""
    live = live_venv(work_dir)
    try:
        if not os.path.lexists(live):
            os.rename(pending, live)
            fsync_dir(live.parent)
            return
        if exchange(pending, live):
            fsync_dir(live.parent)
            _remove(pending)  # the previous venv, after the exchange
            return
        old = state_dir(work_dir) / OLD_VENV
        os.rename(live, old)
        os.rename(pending, live)
        fsync_dir(live.parent)
        _remove(old)
    except OSError as exc:
        raise WorkspaceError(
            str(exc.filename or live), f"cannot swap the venv in: {exc.strerror or exc}"
        ) from exc


def prepare_environment(
    requirements: Sequence[InstallRequirement],
    *,
    work_dir: Path,
    base_dir: str | os.PathLike[str] | None,
    offline: bool,
    python: str | None,
    timeout: float,
    progress: Progress,
    writable: bool,
) -> Environment:
    """Resolve, then reuse or install a venv (see the module docstring).

    `writable=False` changes nothing under `work_dir`: a venv that matches is used as it
    is, and otherwise the install goes into a temporary directory outside the work dir
    (`Environment.temporary_root`, for the caller to delete).
    """
    count = len(requirements)
    with tempfile.TemporaryDirectory(prefix="mochi-py-resolve-") as scratch_name:
        scratch = Path(scratch_name)
        interpreter = find_interpreter(python, cwd=scratch, timeout=timeout)
        uv = uv_version(cwd=scratch, timeout=timeout)
        progress(f"resolving {count} import{'' if count == 1 else 's'}")
        pins = resolve(
            requirements,
            base_dir=base_dir,
            interpreter=interpreter,
            offline=offline,
            timeout=timeout,
            scratch=scratch,
        )
        pinned = key_pins(pins, requirements, base_dir)
        material = key_material(
            pins=pinned, requirements=requirements, interpreter=interpreter, uv_version=uv
        )
        key = install_key(material)
        packages = f"{len(pins)} package{'' if len(pins) == 1 else 's'}"

        pending_dir = state_dir(work_dir) / PENDING_VENV
        for venv, pending in ((live_venv(work_dir), False), (pending_dir, True)):
            found = _reusable(venv, key, pins, interpreter, scratch, timeout)
            if found is None:
                continue
            venv_interpreter, versions = found
            progress(f"reusing the installed venv ({packages})")
            if writable and not pending and os.path.lexists(pending_dir):
                _remove_quietly(pending_dir)  # an outdated leftover of an interrupted build
            result = _result(venv, venv_interpreter, versions, pins, key, pinned, reused=True)
            return Environment(result, venv_interpreter, pending)

        temporary_root: Path | None = None
        if writable:
            state = state_dir(work_dir)
            state.mkdir(exist_ok=True)
            target = state / BUILDING_VENV
            if os.path.lexists(target):
                _remove(target)
        else:
            temporary_root = Path(tempfile.mkdtemp(prefix="mochi-py-venv-"))
            target = temporary_root / "venv"
        progress(f"installing {packages}")
        try:
            venv_interpreter, versions = _create(
                target,
                interpreter=interpreter,
                pins=pins,
                requirements=requirements,
                offline=offline,
                timeout=timeout,
                scratch=scratch,
            )
            (target / MARKER_NAME).write_bytes(marker_bytes(key, material))
            venv = target
            if writable:
                venv = pending_dir
                if os.path.lexists(venv):
                    _remove(venv)
                os.rename(target, venv)
                fsync_dir(venv.parent)
        except BaseException:
            _remove_quietly(temporary_root if temporary_root is not None else target)
            raise
        result = _result(
            venv,
            venv_interpreter,
            versions,
            pins,
            key,
            pinned,
            reused=False,
            temporary=not writable,
        )
        return Environment(result, venv_interpreter, writable, temporary_root)


def _result(
    venv: Path,
    interpreter: Interpreter,
    versions: dict[str, str],
    pins: Sequence[Pin],
    key: str,
    pinned: tuple[str, ...],
    *,
    reused: bool,
    temporary: bool = False,
) -> InstallResult:
    return InstallResult(
        venv=venv,
        python_version=(interpreter.version[0], interpreter.version[1]),
        resolved_versions={pin.name: versions[pin.name] for pin in pins},
        reused=reused,
        python=interpreter.version_text,
        key=key,
        pins=pinned,
        temporary=temporary,
    )


def _reusable(
    venv: Path,
    key: str,
    pins: Sequence[Pin],
    interpreter: Interpreter,
    scratch: Path,
    timeout: float,
) -> tuple[Interpreter, dict[str, str]] | None:
    """The venv's Python and installed versions if `venv` can be reused as it is."""
    if read_marker_key(venv) != key or not venv_python(venv).exists():
        return None
    own = recorded_probe(venv)
    if own is None:
        try:
            own = probe(venv_python(venv), cwd=scratch, timeout=timeout)
        except InstallError:
            return None  # its Python was removed or upgraded under it
    if own.version != interpreter.version or own.implementation != interpreter.implementation:
        return None
    versions = installed_versions(venv / Path(*own.purelib.split("/")))
    if _mismatches(pins, versions):
        return None
    return own, versions


def _create(
    target: Path,
    *,
    interpreter: Interpreter,
    pins: Sequence[Pin],
    requirements: Sequence[InstallRequirement],
    offline: bool,
    timeout: float,
    scratch: Path,
) -> tuple[Interpreter, dict[str, str]]:
    """A new venv at `target` holding exactly `pins`, checked against them."""
    hint = "run without --offline to download what is missing" if offline else ""
    created = run_uv(
        ["venv", "--relocatable", "--python", interpreter.executable, str(target)],
        cwd=scratch,
        timeout=timeout,
    )
    if created.returncode != 0:
        raise failed(created, "uv could not create the venv")
    python = venv_python(target)
    # The same input and routing as the resolution, constrained to its pins.
    args = ["pip", "install", "--python", str(python), "-r", RESOLVE_PYPROJECT, "-c", CONSTRAINTS]
    for name in sorted({r.spec.name for r in requirements if r.spec.source is SpecSource.PATH}):
        # uv's cache of a built local directory is keyed on its pyproject.toml only; make it
        # rebuild so an edited source tree is what gets installed.
        args += ["--reinstall-package", name]
    if offline:
        args.append("--offline")
    installed = run_uv(args, cwd=scratch, timeout=timeout)
    if installed.returncode != 0:
        raise failed(installed, "uv could not install the resolved packages", hint=hint)
    own = probe(python, cwd=scratch, timeout=timeout)
    record_probe(target, own)
    versions = installed_versions(target / Path(*own.purelib.split("/")))
    problems = _mismatches(pins, versions)
    if problems:
        raise InstallError(
            "the venv does not hold what was resolved: " + "; ".join(problems),
            command=tuple(installed.args),
            returncode=installed.returncode,
        )
    return own, versions


PROBE_RECORD_NAME = ".mochi-py-python.json"
_PROBE_RECORD_SCHEMA = 1


def _program_identity(venv: Path) -> list[object] | None:
    """The file the venv's `python` runs (symlinks resolved) and its inode, size and mtime;
    None when it cannot be reached. A Python upgraded or reinstalled in place is a new file.
    (Where a venv holds a copy of the interpreter rather than a link, as on Windows, the copy
    moves with the venv, so the record is not used after the venv is renamed into place.)"""
    try:
        program = os.path.realpath(venv_python(venv))
        found = os.stat(program)
    except (OSError, ValueError):
        return None
    return [program, found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns]


def record_probe(venv: Path, interpreter: Interpreter) -> None:
    """Keep what the venv's Python said about itself, for `recorded_probe`."""
    identity = _program_identity(venv)
    if identity is None:
        return
    record = {"schema": _PROBE_RECORD_SCHEMA, "program": identity, "probe": asdict(interpreter)}
    text = json.dumps(record, sort_keys=True) + "\n"
    with contextlib.suppress(OSError):  # only a shortcut: without it the venv is probed
        (venv / PROBE_RECORD_NAME).write_text(text, "utf-8")


def recorded_probe(venv: Path) -> Interpreter | None:
    """What probing the venv's Python would say, if it was recorded for the program file it
    still resolves to; None otherwise (then it is probed, which also tells whether it runs)."""
    try:
        record = json.loads((venv / PROBE_RECORD_NAME).read_text("utf-8"))
        if record["schema"] != _PROBE_RECORD_SCHEMA or record["program"] != _program_identity(venv):
            return None
        data = record["probe"]
        major, minor, micro = (int(part) for part in data["version"])
        return Interpreter(
            # The venv may have been moved (it is relocatable): it is where it is now.
            executable=os.fspath(venv_python(venv)),
            version=(major, minor, micro),
            implementation=str(data["implementation"]),
            abiflags=str(data["abiflags"]),
            platform=str(data["platform"]),
            machine=str(data["machine"]),
            purelib=str(data["purelib"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no record, or not one this version wrote: probe instead


def installed_versions(site_packages: Path) -> dict[str, str]:
    """PEP 503 name -> version of every distribution installed in `site_packages`."""
    found: dict[str, str] = {}
    for dist in importlib.metadata.distributions(path=[str(site_packages)]):
        names = dist.metadata.get_all("Name") if dist.metadata is not None else None
        versions = dist.metadata.get_all("Version") if dist.metadata is not None else None
        if names and versions:
            found.setdefault(canonicalize_name(names[0]), versions[0])
    return found


def _mismatches(pins: Sequence[Pin], versions: dict[str, str]) -> list[str]:
    problems = []
    for pin in pins:
        have = versions.get(pin.name)
        if have is None:
            problems.append(f"{pin.name} is not installed")
        elif pin.version and not _same_version(have, pin.version):
            problems.append(f"{pin.name} is {have}, not {pin.version}")
    return problems


def _same_version(left: str, right: str) -> bool:
    try:
        return Version(left) == Version(right)
    except InvalidVersion:
        return left == right


def _remove(path: Path) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def _remove_quietly(path: Path) -> None:
    # Best effort: a leftover under .mochi-py/ is removed by the next run's recover_install.
    with contextlib.suppress(OSError):
        _remove(path)
