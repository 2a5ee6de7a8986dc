"""mypy's stubgen as the last tier: a subprocess, a time limit, never importing the package.

mypy is an optional extra (`mochi-py-stubs[stubgen]`), so it is never imported here: the
interpreter running this code runs stubgen in a child process, in static mode
(`--no-import`), which reads the package's source from the site-packages directory.

Two deliberate departures from `python -m mypy.stubgen -p <pkg>`: `-m` cannot run a
mypyc-compiled mypy ("No code object available"), so the child calls `mypy.stubgen.main`
through `-c`; and the modules are listed with one `-m` each (found by walking the package's
files) because `-p` together with `--no-import` fails to find packages in some mypy
releases. The result is the same set of stubs.

stubgen stops at the first module it cannot find or parse and writes nothing; one broken
file (a test fixture with deliberate syntax errors, say) would cost the whole package. So a
failure that names a module is retried without it, a bounded number of times, and the
modules left out are reported.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
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


# How many times stubgen is run again without the modules it failed on. Each failure names
# one module (stubgen stops at the first), so this bounds how many a package may lose; past
# it the package is refused rather than bound from a surface with holes everywhere.
MAX_RETRIES = 8
# The two per-module failures of `stubgen --no-import` (mypy.stubutil.fail_missing and
# mypy.stubgen.parse_source_file / generate_asts_for_modules): a module it cannot find, and
# a file it cannot parse, reported as `<path>:<line>: error: ...`.
_CANT_FIND = re.compile(r"Can't find module '([^'\s]+)'")
_FILE_ERROR = re.compile(
    r"^(?:Critical error during semantic analysis: )?(.+?\.pyi?):\d+: error", re.M
)


def _failed_module(stderr: str, site: Path, remaining: list[str]) -> str | None:
    """The module of `remaining` that stubgen's error output blames, if it names one."""
    found = _CANT_FIND.search(stderr)
    if found is not None and found.group(1) in remaining:
        return found.group(1)
    for match in _FILE_ERROR.finditer(stderr):
        module = _module_of(match.group(1), site)
        if module in remaining:
            return module
    return None


def _module_of(path: str, site: Path) -> str | None:
    """`<site>/pkg/sub/__init__.py` -> `pkg.sub` (None for a path outside `site`)."""
    try:
        relative = Path(path).resolve().relative_to(site.resolve())
    except (OSError, ValueError):
        return None
    parts = list(relative.with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or None


def run_stubgen(
    site: Path, package: str, modules: list[str], out_dir: Path, timeout: float
) -> tuple[str, ...]:
    """Write stubs for `modules` of `package` (found in `site`) into `out_dir`.

    Whatever `out_dir` held before is removed first, so stale stubs cannot survive. When
    stubgen fails on one module (it cannot find or parse it), it is run again without that
    module, at most MAX_RETRIES times, all within `timeout` seconds; the modules left out
    are returned, sorted.
    """
    if importlib.util.find_spec("mypy") is None:
        raise StubgenUnavailableError(
            package, "mypy is not installed (install mochi-py-stubs[stubgen])"
        )
    if not modules:
        _fresh(out_dir)
        raise StubgenError(package, "the package has no Python source to generate stubs from")
    deadline = time.monotonic() + timeout
    remaining = list(modules)
    failed: list[str] = []
    while True:
        _fresh(out_dir)
        result = _run_once(site, package, remaining, out_dir, timeout, deadline)
        if result.returncode == 0:
            return tuple(sorted(failed))
        if re.search(r"No module named '?mypy\b", result.stderr):
            raise StubgenUnavailableError(
                package, "mypy is not installed", stderr=result.stderr, returncode=result.returncode
            )
        culprit = _failed_module(result.stderr, site, remaining)
        # The top-level module is never left out: without it there is no surface to bind.
        if (
            culprit is None
            or culprit == package
            or remaining == [culprit]
            or len(failed) >= MAX_RETRIES
        ):
            note = f" (after leaving out {', '.join(failed)})" if failed else ""
            raise StubgenError(
                package,
                f"exited with status {result.returncode}{note}",
                stderr=result.stderr or result.stdout,
                returncode=result.returncode,
            )
        failed.append(culprit)
        remaining.remove(culprit)


def _fresh(out_dir: Path) -> None:
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)


def _run_once(
    site: Path,
    package: str,
    modules: list[str],
    out_dir: Path,
    timeout: float,
    deadline: float,
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", _STUBGEN_MAIN, "--no-import", "--search-path", str(site)]
    for module in modules:
        command += ["-m", module]
    command += ["-o", str(out_dir), "--quiet"]
    env = dict(os.environ)
    # The package is found through --search-path only; a PYTHONPATH could shadow it.
    env.pop("PYTHONPATH", None)
    left = deadline - time.monotonic()
    try:
        if left <= 0:
            raise subprocess.TimeoutExpired(command, timeout)
        return subprocess.run(
            command,
            cwd=out_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=left,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise StubgenError(
            package, f"timed out after {timeout:g} s", stderr=_text(exc.stderr)
        ) from None
    except OSError as exc:
        raise StubgenError(package, f"could not run {sys.executable}: {exc.strerror}") from None
