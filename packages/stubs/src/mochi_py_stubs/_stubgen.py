"""mypy's stubgen as the last tier: a subprocess, a time limit, never importing the package.

mypy is an optional extra (`mochi-py-stubs[stubgen]`), so it is never imported here: the
interpreter running this code runs stubgen in a child process, in static mode
(`--no-import`), which reads the package's source from the site-packages directory.

Two deliberate departures from `python -m mypy.stubgen -p <pkg>`: `-m` cannot run a
mypyc-compiled mypy ("No code object available"), so the child calls `mypy.stubgen.main`
through `-c`; and the modules are listed with one `-m` each (found by walking the package's
files) because `-p` together with `--no-import` fails to find packages in some mypy
releases. The result is the same set of stubs.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from mochi_py_stubs._errors import StubgenError, StubgenUnavailableError


def _text(output: str | bytes | None) -> str:
    if output is None:
        return ""
    if isinstance(output, bytes):
        return output.decode("utf-8", "replace")
    return output


# A fixed program text: only the argument list varies, and it is passed as argv, not code.
_STUBGEN_MAIN = "import sys; from mypy.stubgen import main; main(sys.argv[1:])"


def run_stubgen(
    site: Path, package: str, modules: list[str], out_dir: Path, timeout: float
) -> None:
    """Write stubs for `modules` of `package` (found in `site`) into `out_dir`.

    Whatever `out_dir` held before is removed first, so stale stubs cannot survive.
    """
    if importlib.util.find_spec("mypy") is None:
        raise StubgenUnavailableError(
            package, "mypy is not installed (install mochi-py-stubs[stubgen])"
        )
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    if not modules:
        raise StubgenError(package, "the package has no Python source to generate stubs from")
    command = [sys.executable, "-c", _STUBGEN_MAIN, "--no-import", "--search-path", str(site)]
    for module in modules:
        command += ["-m", module]
    command += ["-o", str(out_dir), "--quiet"]
    env = dict(os.environ)
    # The package is found through --search-path only; a PYTHONPATH could shadow it.
    env.pop("PYTHONPATH", None)
    try:
        result = subprocess.run(
            command,
            cwd=out_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise StubgenError(
            package, f"timed out after {timeout:g} s", stderr=_text(exc.stderr)
        ) from None
    except OSError as exc:
        raise StubgenError(package, f"could not run {sys.executable}: {exc.strerror}") from None
    if result.returncode != 0:
        if re.search(r"No module named '?mypy\b", result.stderr):
            raise StubgenUnavailableError(
                package, "mypy is not installed", stderr=result.stderr, returncode=result.returncode
            )
        raise StubgenError(
            package,
            f"exited with status {result.returncode}",
            stderr=result.stderr or result.stdout,
            returncode=result.returncode,
        )
