"""The generated artefacts must really run: import every wrapper in the built venv, then
install the workspace (wrappers and runtime) into that venv as a package.

Both happen before the workspace is swapped in. The import check runs the venv's Python in
isolated mode with the staging directory first on `sys.path`, so it imports exactly the
files about to go live, against the real installed distributions; a wrapper that fails is a
WrapperImportError and nothing is swapped. Module names reach the child as arguments, never
as program text.

The workspace package is installed from a wheel made in memory (`_wheel`) with
`uv pip install --no-deps --offline`; when the venv already holds exactly those files (a
rebuild with nothing changed), uv is not called.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from mochi_py_build._errors import InstallError, WrapperImportError
from mochi_py_build._files import WorkspaceFile
from mochi_py_build._install import Environment
from mochi_py_build._interpreter import venv_python
from mochi_py_build._uv import failed, one_line, run_command, run_uv
from mochi_py_build._wheel import (
    DIST_INFO,
    DIST_NAME,
    WHEEL_FILENAME,
    WheelFile,
    installed_files,
    wheel_bytes,
)

CHECK_TIMEOUT = 600.0  # importing a large package (torch) can take a while
_SENTINEL = "MOCHI-PY-CHECK "
# Fixed program text. argv: [staging dir or "", alias, module, alias, module, ...]. Prints a
# line before each import, so a crash (a segfaulting extension) still names the wrapper.
_CHECK = """\
import importlib, json, sys
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
pairs = sys.argv[2:]
failures = []
for index in range(0, len(pairs), 2):
    alias, module = pairs[index], pairs[index + 1]
    print("MOCHI-PY-CHECK begin " + json.dumps(alias), flush=True)
    try:
        importlib.import_module(module)
    except BaseException as exc:
        failures.append([alias, module, type(exc).__name__, str(exc)])
print("MOCHI-PY-CHECK result " + json.dumps(failures), flush=True)
"""


def check_imports(
    environment: Environment,
    modules: Sequence[tuple[str, str]],
    *,
    staging: Path | None,
    timeout: float = CHECK_TIMEOUT,
) -> None:
    """Import each `(alias, module)` with the venv's Python; WrapperImportError on failure.

    With `staging`, that directory is searched first (the files about to be swapped in);
    without it, only what is installed in the venv counts.
    """
    if not modules:
        return
    argv: list[str] = [str(staging) if staging is not None else ""]
    for alias, module in modules:
        argv += [alias, module]
    python = venv_python(environment.venv)
    with tempfile.TemporaryDirectory(prefix="mochi-py-check-") as cwd:
        # An empty working directory: nothing but the venv (and staging) can be imported.
        result = run_command(
            [str(python), "-I", "-c", _CHECK, *argv],
            cwd=Path(cwd),
            timeout=timeout,
            what="the wrapper import check",
        )
    begun = ""
    for line in result.stdout.splitlines():
        if not line.startswith(_SENTINEL):
            continue
        kind, _, payload = line[len(_SENTINEL) :].partition(" ")
        if kind == "begin":
            begun = str(json.loads(payload))
        elif kind == "result":
            failures = json.loads(payload)
            if failures:
                alias, module, exception, detail = (str(part) for part in failures[0])
                raise WrapperImportError(alias, module, exception, one_line(detail) or "-")
            return
    # No result line: the interpreter died while importing `begun`'s wrapper.
    module = dict(modules).get(begun, "")
    detail = one_line(result.stderr) or f"exit status {result.returncode}"
    raise WrapperImportError(begun or modules[0][0], module or modules[0][1], "crash", detail)


def install_workspace(
    environment: Environment,
    files: Iterable[WorkspaceFile],
    *,
    requires_python: str,
    timeout: float,
    progress: Callable[[str], None] | None = None,
) -> bool:
    """Install the workspace package into the venv; False when it was already installed
    byte for byte (uv is not called then)."""
    wanted = installed_files(files)
    site = environment.site_packages
    if _installed_exactly(site, wanted):
        return False
    if progress is not None:
        progress("installing the workspace into the venv")
    data = wheel_bytes(wanted, requires_python=requires_python)
    python = venv_python(environment.venv)
    with tempfile.TemporaryDirectory(prefix="mochi-py-wheel-") as scratch_name:
        scratch = Path(scratch_name)
        (scratch / WHEEL_FILENAME).write_bytes(data)
        args = [
            "pip",
            "install",
            "--python",
            str(python),
            "--no-deps",
            "--offline",
            "--reinstall-package",
            DIST_NAME,
            WHEEL_FILENAME,
        ]
        result = run_uv(args, cwd=scratch, timeout=timeout)
    if result.returncode != 0:
        raise failed(result, "uv could not install the workspace into the venv")
    if not _installed_exactly(site, wanted):
        raise InstallError(
            f"the workspace files in {site} differ from the workspace after installing it",
            command=tuple(result.args),
            returncode=result.returncode,
        )
    return True


def workspace_installed(environment: Environment, files: Iterable[WorkspaceFile]) -> bool:
    """Whether the venv already holds exactly this workspace package."""
    return _installed_exactly(environment.site_packages, installed_files(files))


def _installed_exactly(site: Path, wanted: Sequence[WheelFile]) -> bool:
    """The venv's installed workspace package holds exactly `wanted`: the same files (per
    its RECORD, byte code aside) with the same bytes."""
    try:
        record = (site / DIST_INFO / "RECORD").read_text(encoding="utf-8")
    except OSError:
        return False
    listed = set()
    for line in record.splitlines():
        path = line.rsplit(",", 2)[0] if line.count(",") >= 2 else ""
        if not path or path.startswith(f"{DIST_INFO}/") or "__pycache__/" in path:
            continue
        listed.add(path)
    if listed != {f.path for f in wanted}:
        return False
    for file in wanted:
        try:
            if (site / Path(*file.path.split("/"))).read_bytes() != file.data:
                return False
        except OSError:
            return False
    return True
