"""Run uv (the binary of the PyPI `uv` package) as a subprocess.

Every call has a time limit, captures its output, never downloads a Python interpreter
(`UV_PYTHON_DOWNLOADS=never`: the interpreter is the user's choice, not uv's) and runs without
the caller's virtual environment or PYTHONPATH, so only the explicit `--python` decides which
interpreter is used. Failures become InstallError with the command, exit status and the tail
of uv's stderr.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from uv import find_uv_bin

from mochi_py_build._errors import InstallError

# Variables that would point uv (or a Python it starts) at another environment than the one
# named on the command line.
_DROPPED_ENV = ("VIRTUAL_ENV", "CONDA_PREFIX", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")
_FORCED_ENV = {"UV_PYTHON_DOWNLOADS": "never", "NO_COLOR": "1", "UV_NO_PROGRESS": "1"}
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
TAIL_LINES = 30
TAIL_CHARS = 4000


def uv_binary() -> str:
    """The uv executable shipped with the `uv` distribution."""
    try:
        return find_uv_bin()
    except FileNotFoundError as exc:
        raise InstallError(
            f"cannot find the uv binary ({exc}); reinstall mochi-py-build, which depends on uv"
        ) from exc


def child_env() -> dict[str, str]:
    """The environment of every uv (and venv Python) subprocess."""
    env = {key: value for key, value in os.environ.items() if key not in _DROPPED_ENV}
    env.update(_FORCED_ENV)
    return env


def run_uv(args: Sequence[str], *, cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run `uv <args>` in `cwd`; the caller checks the exit status.

    Raises InstallError when uv cannot be started or runs longer than `timeout` seconds
    (subprocess.run kills it then).
    """
    command = (uv_binary(), *args)
    return run_command(command, cwd=cwd, timeout=timeout, what=f"uv {' '.join(args[:2])}")


def run_command(
    command: Sequence[str], *, cwd: Path, timeout: float, what: str
) -> subprocess.CompletedProcess[str]:
    """Run `command` with the child environment; InstallError if it cannot run or hangs."""
    try:
        return subprocess.run(
            list(command),
            cwd=cwd,
            env=child_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise InstallError(
            f"{what} did not finish within {timeout:g} s and was stopped",
            command=tuple(command),
            stderr=tail(_text(exc.stderr)),
        ) from None
    except OSError as exc:
        raise InstallError(
            f"cannot run {what}: {exc.strerror or exc}", command=tuple(command)
        ) from None


def failed(
    result: subprocess.CompletedProcess[str], message: str, *, hint: str = ""
) -> InstallError:
    """The InstallError for a uv call that exited non-zero."""
    stderr = tail(result.stderr)
    said = one_line(stderr)
    text = f"{message} (exit status {result.returncode})"
    if said:
        text += f": {said}"
    if hint:
        text += f"; {hint}"
    return InstallError(
        text, command=tuple(result.args), returncode=result.returncode, stderr=stderr
    )


def uv_version(*, cwd: Path, timeout: float) -> str:
    """`uv --version`, e.g. `uv 0.5.4 (abc 2024-11-20)`."""
    result = run_uv(["--version"], cwd=cwd, timeout=timeout)
    if result.returncode != 0:
        raise failed(result, "cannot ask uv for its version")
    return result.stdout.strip()


def tail(text: str) -> str:
    """The last lines of `text` (at most TAIL_LINES lines and TAIL_CHARS characters)."""
    lines = _ANSI.sub("", text).rstrip().splitlines()[-TAIL_LINES:]
    joined = "\n".join(lines)
    return joined[-TAIL_CHARS:]


def one_line(text: str, limit: int = 1000) -> str:
    """`text` as one line: each line stripped, joined with a space, capped at `limit`."""
    lines = [line.strip() for line in _ANSI.sub("", text).splitlines()]
    joined = " ".join(line for line in lines if line)
    if len(joined) > limit:
        joined = joined[: limit - 3].rstrip() + "..."
    return joined


def _text(output: str | bytes | None) -> str:
    if output is None:
        return ""
    if isinstance(output, bytes):
        return output.decode("utf-8", "replace")
    return output
