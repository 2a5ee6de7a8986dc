"""The distributions as users get them: built wheels, installed non-editable."""

from __future__ import annotations

import importlib.metadata
import pathlib
import subprocess
import sys

import pytest

import mochi_py
import mochi_py_lockfile
import mochi_py_toml


def test_packages_come_from_installed_wheels_not_the_source_tree() -> None:
    for module in (mochi_py, mochi_py_lockfile, mochi_py_toml):
        path = pathlib.Path(module.__file__ or "")
        assert "site-packages" in path.parts, path


def test_toml_round_trip_through_the_installed_wheel() -> None:
    document = {
        "schema-version": 1,
        "python-package": [
            {"name": "httpx", "alias": "httpx", "source": "registry", "capabilities": ["async"]},
            {"name": 'odd "name"\\\u2028', "alias": "u", "source": "path"},
        ],
    }
    text = mochi_py_toml.dumps(document)
    assert mochi_py_toml.loads(text) == document
    spliced = mochi_py_toml.replace_array_of_tables(
        "# keep me\n[tool.other]\nx = 1\n" + text, "python-package", []
    )
    assert spliced.startswith("# keep me\n[tool.other]\nx = 1\n")
    assert "python-package" not in mochi_py_toml.loads(spliced)


def _requirement_names(dist: str) -> set[str]:
    requires = importlib.metadata.distribution(dist).requires or []
    return {r.split(";")[0].split(">")[0].split("=")[0].split("<")[0].strip() for r in requires}


def test_toml_declares_only_tomli_and_tomli_w() -> None:
    assert _requirement_names("mochi-py-toml") == {"tomli", "tomli-w"}


def test_lockfile_declares_only_mochi_py_toml() -> None:
    assert _requirement_names("mochi-py-lockfile") == {"mochi-py-toml"}


@pytest.fixture
def uv_bin() -> str:
    from uv import find_uv_bin

    return find_uv_bin()


def test_toml_wheel_alone_pulls_only_its_dependencies(
    tmp_path: pathlib.Path, wheel_dir: pathlib.Path, uv_bin: str
) -> None:
    """`pip install packages/toml` into an empty venv brings mochi-py-toml and tomli-w only.

    Runs offline from uv's cache (the sentinel session has just installed tomli-w), so the
    test needs no package index.
    """
    venv = tmp_path / "venv"
    subprocess.run([uv_bin, "venv", "-q", "-p", sys.executable, str(venv)], check=True)
    python = venv / "bin" / "python"
    (wheel,) = (wheel_dir / "toml").glob("*.whl")
    subprocess.run(
        [uv_bin, "pip", "install", "-q", "--offline", "--python", str(python), str(wheel)],
        check=True,
    )
    listed = subprocess.run(
        [uv_bin, "pip", "freeze", "--python", str(python)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # One requirement per line: "name==version" or "name @ file:///...".
    names = {
        line.split("==")[0].split(" @ ")[0].strip().lower()
        for line in listed.splitlines()
        if line.strip()
    }
    expected = {"mochi-py-toml", "tomli-w"} | ({"tomli"} if sys.version_info < (3, 11) else set())
    assert names == expected
    subprocess.run([str(python), "-c", "import mochi_py_toml"], check=True)
