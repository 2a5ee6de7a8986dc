"""End to end, against the package index: `mochi-py build` on a project importing httpx and
one package per stub tier, then calls through the generated wrappers in the built venv.

Run through `nox -s e2e` (installed wheels, marker `network`). The venv's Python runs in a
subprocess; the HTTP server runs on 127.0.0.1 in a thread of this process and serves a fixed
body, so nothing but the package index is reached.
"""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.network

TIMEOUT = 1800  # a safety net against a hung install, not a timing assertion
BODY = "hello from the e2e server"
MAX_REQUESTS = 20

# alias -> (import spec, expected stub tier). One package per PEP 561 tier: httpx ships
# py.typed; appdirs is untyped but has the sibling stub distribution appdirs-stubs; toml is
# untyped with typeshed's types-toml; text-unidecode has no stubs anywhere (stubgen).
IMPORTS = {
    "httpx": ("httpx@>=0.27,<0.30", "inline"),
    "appdirs": ("appdirs@>=1.4,<2", "sibling-stubs"),
    "toml": ("toml@>=0.10,<0.11", "typeshed"),
    "unidecode": ("text-unidecode@>=1.3,<2", "stubgen"),
}
# The build installs what the project imports and nothing more, so the stub distributions
# reach the venv as dependencies of a small local package the project also imports.
CARRIER_PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "carrier"
version = "1.0.0"
dependencies = ["appdirs-stubs>=0.2", "types-toml>=0.10"]

[tool.hatch.build.targets.wheel]
packages = ["carrier"]
"""


def _mochi_source() -> str:
    lines = ["// e2e: one import per stub tier"]
    lines += [f'import python "{spec}" as {alias}' for alias, (spec, _) in IMPORTS.items()]
    lines.append('import python "carrier@path+../carrier" as carrier')
    return "\n".join(lines) + "\n"


def _run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


class _Handler(http.server.BaseHTTPRequestHandler):
    served = 0

    def do_GET(self) -> None:
        type(self).served += 1
        data = BODY.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/hello"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=30)
    assert _Handler.served <= MAX_REQUESTS


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("e2e")
    carrier = base / "carrier"
    (carrier / "carrier").mkdir(parents=True)
    (carrier / "pyproject.toml").write_text(CARRIER_PYPROJECT, encoding="utf-8")
    (carrier / "carrier" / "__init__.py").write_text(
        "def ready() -> bool:\n    return True\n", encoding="utf-8"
    )
    (carrier / "carrier" / "py.typed").write_text("", encoding="utf-8")
    root = base / "app"
    root.mkdir()
    (root / "main.mochi").write_text(_mochi_source(), encoding="utf-8")
    built = _run([sys.executable, "-m", "mochi_py", "build", str(root), "--json"])
    assert built.returncode == 0, built.stderr
    (root / "summary.json").write_text(built.stdout, encoding="utf-8")
    return root


def _summary(project: Path) -> dict[str, dict[str, object]]:
    document = json.loads((project / "summary.json").read_text(encoding="utf-8"))
    return {alias["alias"]: alias for alias in document["aliases"]}


def _python(project: Path) -> str:
    venv = project / "python_workspace" / ".venv"
    return str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))


def _compiled(project: Path, tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` the way a compiled Mochi module runs: next to the sidecar copied as
    `mochi_user_main_externs`, in the built venv."""
    out = tmp_path / "compiled"
    out.mkdir(exist_ok=True)
    (out / "mochi_user_main_externs.py").write_bytes((project / "main_externs.py").read_bytes())
    return _run([_python(project), "-c", code], cwd=out)


def test_every_alias_is_built_with_its_tier(project: Path) -> None:
    summary = _summary(project)
    for alias, (_, tier) in IMPORTS.items():
        assert summary[alias]["stub_tier"] == tier, (alias, summary[alias])
    assert summary["appdirs"]["stub_distribution"] == "appdirs-stubs"
    assert summary["toml"]["stub_distribution"] == "types-toml"
    assert summary["httpx"]["bound"] > 20


def test_every_wrapper_imports_in_the_built_venv(project: Path, tmp_path: Path) -> None:
    modules = []
    for alias in _summary(project):
        directory = project / "python_workspace" / "python_wrap" / alias
        modules += [f"python_wrap.{alias}.{p.stem}" for p in directory.glob("*_externs.py")]
    assert len(modules) >= len(IMPORTS)
    code = f"import importlib\nfor m in {sorted(modules)!r}:\n    importlib.import_module(m)\n"
    result = _run([_python(project), "-I", "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_httpx_get_through_the_sidecar(project: Path, tmp_path: Path, server: str) -> None:
    code = (
        "from mochi_user_main_externs import httpx_get, httpx_Response_text,"
        " httpx_Response_is_success\n"
        f"response = httpx_get({server!r})\n"
        "print(httpx_Response_is_success(response))\n"
        "print(httpx_Response_text(response))\n"
    )
    result = _compiled(project, tmp_path, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["True", BODY]


def test_async_client_twice_on_one_loop(project: Path, tmp_path: Path, server: str) -> None:
    code = (
        "from mochi_user_main_externs import httpx_AsyncClient, httpx_AsyncClient_get_sync,"
        " httpx_AsyncClient_aclose_sync, httpx_Response_text\n"
        "client = httpx_AsyncClient()\n"
        f"first = httpx_AsyncClient_get_sync(client, {server!r})\n"
        f"second = httpx_AsyncClient_get_sync(client, {server!r})\n"
        "print(httpx_Response_text(first))\n"
        "print(httpx_Response_text(second))\n"
        "httpx_AsyncClient_aclose_sync(client)\n"
    )
    result = _compiled(project, tmp_path, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [BODY, BODY]


def test_stub_tier_wrappers_call_the_real_packages(project: Path, tmp_path: Path) -> None:
    code = (
        "from mochi_user_main_externs import appdirs_user_data_dir, carrier_ready,"
        " toml_TomlDecodeError, toml_TomlDecodeError_lineno\n"
        "print(type(appdirs_user_data_dir()).__name__)\n"
        "print(carrier_ready())\n"
        "error = toml_TomlDecodeError('bad value', 'a = 1\\nb = ?', 10)\n"
        "print(toml_TomlDecodeError_lineno(error))\n"
    )
    result = _compiled(project, tmp_path, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["str", "True", "2"]


def test_lock_check_is_clean_after_the_build(project: Path) -> None:
    result = _run([sys.executable, "-m", "mochi_py", "lock", "--check", str(project)])
    assert result.returncode == 0, result.stdout + result.stderr


def test_second_build_offline_reuses_everything(project: Path) -> None:
    result = _run([sys.executable, "-m", "mochi_py", "build", str(project), "--offline", "--json"])
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["install"]["reused"] is True
    assert document["lock"]["changed"] is False
