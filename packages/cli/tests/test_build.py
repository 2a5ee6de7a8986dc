"""`mochi-py build` on a real (offline) project: files, lock, sidecars, JSON, second run."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import Built, copy_built, run, run_python, tree

from mochi_py import SIDECAR_BANNER
from mochi_py_lockfile import read_lock


def test_build_writes_workspace_lock_and_sidecar(built: Built) -> None:
    project = built.project
    workspace = project / "python_workspace"
    for relative in (
        "pyproject.toml",
        "_mochi_wrap.py",
        "python_wrap/greet/__init__.py",
        "python_wrap/greet/greet_externs.py",
        "python_wrap/greet/greet_externs.pyi",
        "python_wrap/greet/greet_shim.mochi",
        "python_wrap/greet/SKIPPED.txt",
    ):
        assert (workspace / relative).is_file(), relative
    (entry,) = read_lock(project / "mochi.lock").entries
    assert (entry.name, entry.alias, entry.source.value) == ("greet", "greet", "path")
    assert entry.version == "1.2.0"  # the resolved version, not only an == pin
    assert entry.local_path == "../pkgs/greet"  # as written, never the absolute path
    assert "async" in entry.capabilities
    sidecar = (project / "main_externs.py").read_text(encoding="utf-8")
    assert sidecar.startswith(SIDECAR_BANNER + "\n")
    assert "from python_wrap.greet.greet_externs import (\n" in sidecar
    assert "    hello as greet_hello,\n" in sidecar
    assert "    Counter_tick_sync as greet_Counter_tick_sync,\n" in sidecar


def test_progress_and_summary_go_to_stderr(built: Built) -> None:
    lines = built.first.stderr.splitlines()
    assert all(line.startswith("mochi-py: ") for line in lines), lines
    summary = [line for line in lines if line.startswith("mochi-py: greet  ")]
    assert len(summary) == 1
    assert summary[0].startswith("mochi-py: greet  greet==1.2.0  inline  bound ")
    assert "SkipNoBytesType 1" in summary[0]
    assert any(line.endswith("main_externs.py: written") for line in lines)


def test_json_summary_shape(built: Built) -> None:
    document = built.first.json()
    assert sorted(document) == ["aliases", "install", "lock", "sidecars", "workspace"]
    (alias,) = document["aliases"]
    assert sorted(alias) == [
        "alias",
        "bound",
        "distribution",
        "import_name",
        "shim_sha256",
        "skipped",
        "sources",
        "spec",
        "stub_distribution",
        "stub_tier",
        "stub_version",
        "version",
    ]
    assert alias["alias"] == "greet"
    assert alias["spec"] == "greet@path+../pkgs/greet"
    assert (alias["distribution"], alias["version"], alias["import_name"]) == (
        "greet",
        "1.2.0",
        "greet",
    )
    assert alias["stub_tier"] == "inline"
    assert alias["skipped"]["by_reason"] == {"SkipNoBytesType": 1}
    assert alias["skipped"]["total"] == 1
    assert alias["bound"] == 4  # items: VERSION, hello, add, Counter (its methods are externs)
    assert alias["sources"] == ["main.mochi"]
    (entry,) = read_lock(built.project / "mochi.lock").entries
    assert alias["shim_sha256"] == entry.wrapper_sha256
    assert document["lock"]["changed"] is True
    assert document["lock"]["path"].endswith("mochi.lock")
    assert document["sidecars"]["written"][0].endswith("main_externs.py")
    # No absolute path leaks into the summary (DESIGN.md §10.1), bar the project as given.
    text = json.dumps(document).replace(str(built.project), "<project>")
    assert str(built.root) not in text


def test_second_offline_build_reuses_the_install_and_changes_nothing(
    built: Built, tmp_path: Path
) -> None:
    project = copy_built(built, tmp_path)
    # The copy moved the local package, so its first build reinstalls (the install key
    # covers the package's files and location); the build after that changes nothing.
    moved = run("build", str(project), "--offline", "--json", "--no-stubgen")
    assert moved.code == 0, moved.stderr
    before = tree(project, skip=("python_workspace/.venv",))
    second = run("build", str(project), "--offline", "--json", "--no-stubgen")
    assert second.code == 0, second.stderr
    document = second.json()
    assert document["install"]["reused"] is True
    assert document["lock"]["changed"] is False
    assert document["sidecars"]["written"] == []
    assert document["sidecars"]["unchanged"][0].endswith("main_externs.py")
    assert tree(project, skip=("python_workspace/.venv",)) == before
    assert document["aliases"] == built.first.json()["aliases"]  # same surface, same hashes


def test_the_lock_keeps_other_tables(built: Built, tmp_path: Path) -> None:
    project = copy_built(built, tmp_path)
    lock = project / "mochi.lock"
    text = lock.read_text(encoding="utf-8")
    mine = "\n# mine\n[tool.other]\nkeep = 'me'\n"
    lock.write_text(text + mine, encoding="utf-8")
    again = run("build", str(project), "--offline", "--no-stubgen")
    assert again.code == 0, again.stderr
    assert lock.read_text(encoding="utf-8").endswith(mine)
    check = run("lock", "--check", str(project), "--offline", "--no-stubgen")
    assert check.code == 0, check.stdout + check.stderr


def test_the_sidecar_runs_like_the_compiled_mochi_module(built: Built, tmp_path: Path) -> None:
    """Import the sidecar the way compiled Mochi does: copied as `mochi_user_main_externs`,
    names imported from it, called with positional arguments, in the built venv."""
    out = tmp_path / "compiled"
    out.mkdir()
    sidecar = (built.project / "main_externs.py").read_bytes()
    (out / "mochi_user_main_externs.py").write_bytes(sidecar)
    code = (
        "from mochi_user_main_externs import (greet_hello, greet_add, greet_Counter,\n"
        "    greet_Counter_bump, greet_Counter_tick_sync, greet_VERSION)\n"
        "print(greet_hello('mochi'))\n"
        "print(greet_add(2), greet_add(2, b=5))\n"
        "c = greet_Counter(10)\n"
        "print(greet_Counter_bump(c, 5))\n"
        "print(greet_Counter_tick_sync(c), greet_Counter_tick_sync(c))\n"
        "print(greet_VERSION())\n"
        "import greet, python_wrap.greet.greet_externs as w\n"
        "print('site-packages' in greet.__file__, 'site-packages' in w.__file__)\n"
    )
    result = run_python(built.python, code, out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "hello, mochi",
        "3 7",
        "15",
        "16 17",
        "1.2.0",
        "True True",
    ]


def test_dropping_the_imports_removes_the_sidecar_and_the_entries(
    built: Built, tmp_path: Path
) -> None:
    project = copy_built(built, tmp_path)
    (project / "main.mochi").write_text("print(1)\n", encoding="utf-8")
    result = run("build", str(project), "--json")
    assert result.code == 0, result.stderr
    document = result.json()
    assert document["aliases"] == []
    assert document["lock"]["changed"] is True
    assert document["sidecars"]["removed"] == [str(project / "main_externs.py")]
    assert not (project / "main_externs.py").exists()
    assert read_lock(project / "mochi.lock").entries == ()
