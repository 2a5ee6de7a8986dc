"""`mochi-py lock --check`: clean exits 0, drift exits 1 naming the entry and the field, and the
check never writes anything."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import Built, copy_built, run, tree


def test_check_is_clean_right_after_a_build(built: Built, tmp_path: Path) -> None:
    project = copy_built(built, tmp_path)
    before = tree(project, skip=("python_workspace/.venv",))
    result = run("lock", "--check", str(project), "--offline", "--no-stubgen")
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert "mochi.lock: up to date (1 entry)" in result.stderr
    assert tree(project, skip=("python_workspace/.venv",)) == before


def test_check_reports_drift_naming_the_field(built: Built, tmp_path: Path) -> None:
    project = copy_built(built, tmp_path)
    lock = project / "mochi.lock"
    text = lock.read_text(encoding="utf-8")
    drifted = text.replace('version = "1.2.0"', 'version = "1.1.0"')
    assert drifted != text
    lock.write_text(drifted, encoding="utf-8")
    result = run("lock", "--check", str(project), "--offline", "--no-stubgen")
    assert result.code == 1
    assert result.stdout.splitlines() == [
        'changed greet:greet: version (resolution drift): "1.1.0" -> "1.2.0"'
    ]
    assert "mochi-py: error: " in result.stderr
    assert "drifted from the plan" in result.stderr
    assert lock.read_text(encoding="utf-8") == drifted  # --check never writes


def test_check_reports_a_surface_drift_after_the_mochi_source_changes(
    built: Built, tmp_path: Path
) -> None:
    project = copy_built(built, tmp_path)
    (project / "main.mochi").write_text(
        'import python "greet@path+../pkgs/greet" as hi\n', encoding="utf-8"
    )
    result = run("lock", "--check", str(project), "--offline", "--no-stubgen", "--json")
    assert result.code == 1
    document = result.json()
    assert sorted(document) == ["clean", "entries", "lock"]
    assert document["lock"]["path"] == str(project / "mochi.lock")
    assert document["clean"] is False
    assert [(e["kind"], e["key"]) for e in document["entries"]] == [
        ("removed", "greet:greet"),
        ("added", "greet:hi"),
    ]


def test_lock_without_check_writes_the_planned_lock(built: Built, tmp_path: Path) -> None:
    project = copy_built(built, tmp_path)
    lock = project / "mochi.lock"
    good = lock.read_bytes()
    lock.unlink()
    result = run("lock", str(project), "--offline", "--no-stubgen")
    assert result.code == 0, result.stderr
    assert lock.read_bytes() == good
