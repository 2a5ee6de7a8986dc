"""Which Python the venv is made from, and what a venv's Python says about itself.

The interpreter is probed by running it (`-I`, a fixed program text, JSON on stdout): its
version is part of the install cache key and the Target stubs are evaluated for, and a venv
whose Python no longer starts is not reused.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mochi_py_build._errors import InstallError
from mochi_py_build._uv import failed, one_line, run_command, run_uv

_SENTINEL = "MOCHI-PY-PROBE "
# Fixed program text (nothing is interpolated): prints what the install needs to know.
_PROBE = """\
import json, os, platform, sys, sysconfig
purelib = sysconfig.get_paths()["purelib"]
print("MOCHI-PY-PROBE " + json.dumps({
    "version": list(sys.version_info[:3]),
    "implementation": sys.implementation.name,
    "abiflags": getattr(sys, "abiflags", ""),
    "platform": sys.platform,
    "machine": platform.machine(),
    "executable": sys.executable,
    "purelib": os.path.relpath(purelib, sys.prefix),
}, sort_keys=True))
"""


@dataclass(frozen=True)
class Interpreter:
    """A Python interpreter as it describes itself.

    `purelib` is its pure-library directory relative to its prefix (for a venv: the
    site-packages the install writes to), POSIX style.
    """

    executable: str
    version: tuple[int, int, int]
    implementation: str
    abiflags: str
    platform: str
    machine: str
    purelib: str

    @property
    def version_text(self) -> str:
        return ".".join(str(part) for part in self.version)

    def identity(self) -> dict[str, str]:
        """What the install cache key records about the interpreter (no path: a venv is
        reusable wherever the same Python lives)."""
        return {
            "version": self.version_text,
            "implementation": self.implementation,
            "abiflags": self.abiflags,
            "platform": self.platform,
            "machine": self.machine,
        }


def venv_python(venv: Path) -> Path:
    """The Python executable inside a venv directory."""
    if os.name == "nt":  # pragma: no cover - exercised only on Windows
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def probe(executable: str | os.PathLike[str], *, cwd: Path, timeout: float) -> Interpreter:
    """Run `executable` and read what it says; InstallError if it does not run."""
    command = (os.fspath(executable), "-I", "-c", _PROBE)
    result = run_command(command, cwd=cwd, timeout=timeout, what=os.fspath(executable))
    line = next((text for text in result.stdout.splitlines() if text.startswith(_SENTINEL)), None)
    if result.returncode != 0 or line is None:
        detail = one_line(result.stderr) or f"exit status {result.returncode}"
        raise InstallError(
            f"the Python interpreter {os.fspath(executable)} does not run: {detail}",
            command=command,
            returncode=result.returncode,
            stderr=result.stderr,
        )
    data = json.loads(line[len(_SENTINEL) :])
    major, minor, micro = (int(part) for part in data["version"])
    return Interpreter(
        executable=str(data["executable"]),
        version=(major, minor, micro),
        implementation=str(data["implementation"]),
        abiflags=str(data["abiflags"]),
        platform=str(data["platform"]),
        machine=str(data["machine"]),
        purelib=PurePosixPath(Path(str(data["purelib"]))).as_posix(),
    )


def running_interpreter() -> Interpreter:
    """What `probe(sys.executable)` would report, read in this process: the same program
    as _PROBE, minus a subprocess start (a no-op rebuild must stay cheap)."""
    purelib = sysconfig.get_paths()["purelib"]
    return Interpreter(
        executable=sys.executable,
        version=(sys.version_info[0], sys.version_info[1], sys.version_info[2]),
        implementation=sys.implementation.name,
        abiflags=getattr(sys, "abiflags", ""),
        platform=sys.platform,
        machine=platform.machine(),
        purelib=PurePosixPath(Path(os.path.relpath(purelib, sys.prefix))).as_posix(),
    )


def find_interpreter(python: str | None, *, cwd: Path, timeout: float) -> Interpreter:
    """The interpreter to build the venv from.

    None means the Python running this code. A value that names a file (it contains a path
    separator or exists) is used as is; anything else is a uv Python request (`3.12`,
    `cpython@3.11`, `pypy`), looked up with `uv python find` among installed interpreters
    (never downloaded).
    """
    if python is None:
        return running_interpreter()
    if python == "":
        raise InstallError("the Python request is empty: pass a version (3.12) or a path")
    separators = [sep for sep in (os.sep, os.altsep) if sep]
    if any(sep in python for sep in separators) or os.path.isfile(python):
        path = os.path.abspath(python)
        if not os.path.isfile(path):
            raise InstallError(f"the Python interpreter {path} does not exist")
        return probe(path, cwd=cwd, timeout=timeout)
    result = run_uv(["python", "find", python], cwd=cwd, timeout=timeout)
    if result.returncode != 0:
        raise failed(
            result,
            f"no installed Python interpreter matches {python!r}",
            hint="install one, or pass --python with the path of an interpreter",
        )
    found = result.stdout.strip().splitlines()
    if not found:
        raise InstallError(f"uv python find {python!r} printed no interpreter")
    return probe(found[-1].strip(), cwd=cwd, timeout=timeout)
