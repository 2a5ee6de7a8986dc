"""Shared fixtures: small wheels written by hand, installed with uv into one real venv."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

WheelFiles = Mapping[str, str | bytes]


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def build_wheel(
    out_dir: Path,
    name: str,
    version: str,
    files: WheelFiles,
    *,
    top_level: tuple[str, ...] | None = None,
) -> Path:
    """A minimal valid wheel: the files plus METADATA, WHEEL, RECORD (and top_level.txt)."""
    escaped = re.sub(r"[-_.]+", "_", name).lower()
    dist_info = f"{escaped}-{version}.dist-info"
    contents: dict[str, bytes] = {
        path: data.encode("utf-8") if isinstance(data, str) else data
        for path, data in files.items()
    }
    contents[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    ).encode()
    contents[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: mochi-py-stubs-tests\n"
        b"Root-Is-Purelib: true\nTag: py3-none-any\n"
    )
    if top_level is not None:
        contents[f"{dist_info}/top_level.txt"] = "".join(f"{t}\n" for t in top_level).encode()
    record = [f"{path},{_record_hash(data)},{len(data)}" for path, data in contents.items()]
    record.append(f"{dist_info}/RECORD,,")
    contents[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = out_dir / f"{escaped}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(contents):
            archive.writestr(path, contents[path])
    return wheel


@pytest.fixture(scope="session")
def wheel_builder(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    out_dir = tmp_path_factory.mktemp("wheels")

    def build(name: str, version: str, files: WheelFiles, **kwargs: object) -> Path:
        return build_wheel(out_dir, name, version, files, **kwargs)  # type: ignore[arg-type]

    return build


def _uv() -> str:
    try:
        from uv import find_uv_bin
    except ImportError:  # pragma: no cover - uv is a declared test dependency
        pytest.skip("the uv package is not installed")
    return str(find_uv_bin())


def make_venv(path: Path) -> Path:
    """A real venv (no pip) made by the running interpreter; returns its python."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(path)], check=True, timeout=120
    )
    python = path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    assert python.exists()
    return python


def uv_install(python: Path, wheels: list[Path], cache: Path) -> None:
    env = dict(os.environ, UV_CACHE_DIR=str(cache), UV_PYTHON_DOWNLOADS="never")
    env.pop("VIRTUAL_ENV", None)
    subprocess.run(
        [_uv(), "pip", "install", "--no-config", "--python", str(python), "--no-index"]
        + [str(w) for w in wheels],
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )


INLINE = {
    "inlinepkg/__init__.py": "def add(a: int, b: int = 2) -> int:\n    return a + b\n",
    "inlinepkg/py.typed": "",
    "inlinepkg/sub.py": "def f(x):\n    return x\n",
    "inlinepkg/sub.pyi": "def f(x: int) -> int: ...\n",
    "inlinepkg/helpers/__init__.py": "from inlinepkg.sub import f as f\n",
    "inlinepkg/not-a-module/data.py": "x = 1\n",
}
SIBLING_RUNTIME = {
    "sibpkg/__init__.py": "def shout(s):\n    return s.upper()\n",
    "sibpkg/py.typed": "",  # also inline-typed: the -stubs package must still win
}
SIBLING_STUBS = {
    "sibpkg-stubs/__init__.pyi": "from sibpkg.core import Engine as Engine\n"
    "def shout(s: str) -> str: ...\n",
    "sibpkg-stubs/core.pyi": "class Engine:\n    def run(self) -> None: ...\n",
}
PARTIAL_RUNTIME = {
    "partpkg/__init__.py": "def main(): ...\n",
    "partpkg/extra.py": "def extra(): ...\n",
    "partpkg/more.py": "def more(n: int) -> int:\n    return n\n",
}
PARTIAL_STUBS = {
    "partpkg-stubs/__init__.pyi": "def main() -> None: ...\n",
    "partpkg-stubs/extra.pyi": "def extra() -> str: ...\n",
    "partpkg-stubs/py.typed": "  partial\n",
}
TYPESHED_RUNTIME = {"tspkg/__init__.py": "def ping(host):\n    return True\n"}
TYPESHED_STUBS = {
    "tspkg-stubs/__init__.pyi": "def ping(host: str) -> bool: ...\n",
    "tspkg-stubs/METADATA.toml": 'version = "3.1.*"\n',
}
# Inline (py.typed) beats typeshed's types-* stubs.
TSINLINE_RUNTIME = {
    "tsinline/__init__.py": "def run() -> int:\n    return 1\n",
    "tsinline/py.typed": "",
}
TSINLINE_STUBS = {"tsinline-stubs/__init__.pyi": "def run() -> str: ...\n"}
# Untyped; importing it would fail, so stubgen must not import it.
PLAIN = {
    "plainpkg/__init__.py": 'raise RuntimeError("plainpkg must never be imported")\n'
    "def hello(name):\n    return 'hi ' + name\n",
    "plainpkg/util.py": "def twice(x):\n    return x * 2\n",
}
NOSTUBS = {"nostubpkg/__init__.py": "def nothing():\n    pass\n"}
FANCY = {
    "fyaml/__init__.py": "def load(text: str) -> object:\n    return text\n",
    "fyaml/py.typed": "",
}
RECORD_ONLY = {  # no top_level.txt: the import name comes from RECORD
    "recmod/__init__.pyi": "VALUE: int\n",
    "recmod/__init__.py": "VALUE = 1\n",
    "recmod/py.typed": "",
    "recmod_helper.py": "",
    "recordonly.pth": "",
    "record_only-1.0.data/scripts/tool": "#!/bin/sh\n",
}

# Files no import statement reaches, as numpy / scipy / scikit-learn ship them: a directory
# named after a keyword (numpy/typing/tests/data/pass), data directories without __init__,
# a namespace directory of vendored code, a file named after a keyword.
DATA_DIRS = {
    "datapkg/__init__.py": "def top() -> int:\n    return 1\n",
    "datapkg/py.typed": "",
    "datapkg/core.py": "def core() -> str:\n    return ''\n",
    "datapkg/class.py": "X = 1\n",
    "datapkg/stubonly/__init__.pyi": "def s() -> int: ...\n",
    "datapkg/stubonly/thing.pyi": "def t() -> int: ...\n",
    "datapkg/typing/__init__.py": "",
    "datapkg/typing/tests/__init__.py": "",
    "datapkg/typing/tests/test_typing.py": "def test_x() -> None: ...\n",
    "datapkg/typing/tests/data/pass/arithmetic.py": "a = 1 + 1\n",
    "datapkg/typing/tests/data/fail/bad.pyi": "x: int = 'no'\n",
    "datapkg/typing/tests/data/reveal/__init__.py": "",
    "datapkg/typing/tests/data/reveal/r.py": "r = 1\n",
    "datapkg/externals/__init__.py": "",
    "datapkg/externals/_numpydoc/docscrape.py": "def scrape(): ...\n",
    "datapkg/data-files/__init__.py": "",
}
# The same layout, untyped (stubgen), plus a module stubgen cannot parse.
UNTYPED_DATA_DIRS = {
    "rawdata/__init__.py": "def hello(name):\n    return name\n",
    "rawdata/util.py": "def twice(x):\n    return x * 2\n",
    "rawdata/broken.py": "def broken(:\n    pass\n",
    "rawdata/tests/__init__.py": "",
    "rawdata/tests/test_util.py": "def test_twice():\n    assert True\n",
    "rawdata/tests/data/_mvt.py": "def mvt():\n    return 1\n",
    "rawdata/externals/__init__.py": "",
    "rawdata/externals/_numpydoc/docscrape.py": "def scrape():\n    return 1\n",
}


@pytest.fixture(scope="session")
def environment(
    tmp_path_factory: pytest.TempPathFactory, wheel_builder: Callable[..., Path]
) -> Path:
    """One venv with a distribution per discovery scenario; returns the venv directory."""
    root = tmp_path_factory.mktemp("env")
    venv = root / "venv"
    python = make_venv(venv)
    wheels = [
        wheel_builder("inlinepkg", "1.0", INLINE, top_level=("inlinepkg",)),
        wheel_builder("sibpkg", "2.0", SIBLING_RUNTIME, top_level=("sibpkg",)),
        wheel_builder("sibpkg-stubs", "2.0.1", SIBLING_STUBS),
        wheel_builder("partpkg", "1.0", PARTIAL_RUNTIME, top_level=("partpkg",)),
        wheel_builder("partpkg-stubs", "1.0", PARTIAL_STUBS),
        wheel_builder("tspkg", "3.1", TYPESHED_RUNTIME, top_level=("tspkg",)),
        wheel_builder("types-tspkg", "3.1.0.20240101", TYPESHED_STUBS),
        wheel_builder("tsinline", "0.5", TSINLINE_RUNTIME, top_level=("tsinline",)),
        wheel_builder("types-tsinline", "0.5.0.1", TSINLINE_STUBS),
        wheel_builder("plainpkg", "0.1", PLAIN, top_level=("plainpkg",)),
        wheel_builder("nostubpkg", "0.2", NOSTUBS, top_level=("nostubpkg",)),
        wheel_builder("Fancy_YAML", "5.0", FANCY, top_level=("fyaml",)),
        wheel_builder("record-only", "1.0", RECORD_ONLY),
        wheel_builder("datapkg", "1.0", DATA_DIRS, top_level=("datapkg",)),
        wheel_builder("rawdata", "1.0", UNTYPED_DATA_DIRS, top_level=("rawdata",)),
    ]
    uv_install(python, wheels, root / "uv-cache")
    return venv
