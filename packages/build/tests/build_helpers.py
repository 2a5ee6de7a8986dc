"""Shared inputs and helpers for the Phase 8 orchestrator tests (also imported by the child
processes some tests start, so it depends on nothing but mochi_py_build and the stdlib)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mochi_py_build import BuildRequest, BuildTarget, Driver, parse_spec

HERE = Path(__file__).resolve().parent

HTTPX_STUB = """\
from typing import Protocol

class Response(Protocol):
    status: int

def get(url: str, timeout: float = 5.0) -> str: ...
async def fetch(url: str) -> str: ...
"""
UTIL_STUB = "def hash(s: str) -> str: ...\n"
MINIMAL_STUB = "def add(a: int, b: int) -> int: ...\n"
ANY_STUB = "from typing import Any\n\ndef returns_any() -> Any: ...\n"
SKIPPING_STUB = """\
from dataclasses import dataclass
from typing import Any

@dataclass
class Mutable:
    x: int

def ok(a: int) -> int: ...
def bad() -> Any: ...
"""


def target(spec: str, alias: str, stub: str = MINIMAL_STUB, **kwargs: object) -> BuildTarget:
    return BuildTarget(parse_spec(spec), alias, stub_source=stub, **kwargs)  # type: ignore[arg-type]


def request(
    work_dir: str | os.PathLike[str] | None, *targets: BuildTarget, **kwargs: object
) -> BuildRequest:
    return BuildRequest(targets=targets, driver=Driver(work_dir=work_dir, no_cache=True), **kwargs)  # type: ignore[arg-type]


def two_target_request(work_dir: str | os.PathLike[str] | None, **kwargs: object) -> BuildRequest:
    """The seed's sentinel request: httpx (Protocol, defaulted param, async) and util as u."""
    return request(
        work_dir,
        target("httpx@>=0.27,<0.30", "httpx", HTTPX_STUB),
        target("util", "u", UTIL_STUB),
        **kwargs,
    )


def other_request(work_dir: str | os.PathLike[str] | None) -> BuildRequest:
    """A request with different aliases, files and skips than `two_target_request`."""
    return request(
        work_dir,
        target("minimal@==1.0", "mn", MINIMAL_STUB),
        target("skiplib", "sk", SKIPPING_STUB),
        target("requests@>=2.0,<3.0", "rq", UTIL_STUB),
    )


REQUESTS = {"two": two_target_request, "other": other_request}


def tree(root: Path) -> dict[str, bytes | None]:
    """Every entry under `root`: relative POSIX path -> file bytes (None for a directory)."""
    out: dict[str, bytes | None] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for name in dirnames:
            out[(base / name).relative_to(root).as_posix() + "/"] = None
        for name in filenames:
            path = base / name
            out[path.relative_to(root).as_posix()] = path.read_bytes()
    return dict(sorted(out.items()))


def run_child(
    code: str, *, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter that can import this module."""
    full_env = dict(os.environ if env is None else env)
    full_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(HERE), full_env.get("PYTHONPATH", "")) if p
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,  # a safety net against a hung child, not a timing assertion
        check=False,
    )


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env
