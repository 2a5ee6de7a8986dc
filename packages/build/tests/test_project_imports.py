"""`build_project`'s first steps, before anything is installed: every import of the project
is parsed and merged, and bad ones are reported at their file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from mochi_py_build import (
    DependencyConflictError,
    ImportConflictError,
    ImportSpecError,
    ScanError,
    build_project,
    scan_project,
)
from mochi_py_build._project import merge_imports


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_the_same_alias_and_spec_in_two_files_is_one_import(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {
            "b.mochi": 'import python "HTTPX@>=0.27,<0.30" as hx\n',
            "a.mochi": 'import python "httpx@<0.30,>=0.27" as hx\nimport python "rich" as r\n',
        },
    )
    merged = merge_imports(scan_project(root))
    assert [(m.alias, m.spec.name, m.statement.path) for m in merged] == [
        ("hx", "httpx", "a.mochi"),
        ("r", "rich", "a.mochi"),
    ]


def test_one_alias_with_two_specs_names_both_places(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {
            "a.mochi": 'import python "httpx@>=0.27" as hx\n',
            "sub/b.mochi": '// second\n  import python "httpx@>=0.28" as hx\n',
        },
    )
    with pytest.raises(ImportConflictError) as caught:
        build_project(root, write=False)
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.alias, error.path, error.line, error.column, error.spec) == (
        "hx",
        "sub/b.mochi",
        2,
        17,
        "httpx@>=0.28",
    )
    assert (error.other_path, error.other_line, error.other_column, error.other_spec) == (
        "a.mochi",
        1,
        15,
        "httpx@>=0.27",
    )
    assert str(error).startswith("sub/b.mochi:2:17: alias 'hx' is imported as 'httpx@>=0.28'")
    assert "a.mochi:1:15" in str(error)
    assert not (root / "python_workspace").exists()


def test_a_bad_spec_is_located_in_its_file(tmp_path: Path) -> None:
    root = _project(tmp_path, {"main.mochi": '\n   import python "httpx@^0.27" as hx\n'})
    with pytest.raises(ImportSpecError) as caught:
        build_project(root)
    error = caught.value
    assert (error.path, error.line, error.source_column) == ("main.mochi", 2, 25)
    assert (error.spec, error.part, error.column) == ("httpx@^0.27", "specifier", 6)
    assert str(error).startswith("main.mochi:2:25: import spec 'httpx@^0.27' (column 6): ")
    assert "write >=0.27,<0.28" in error.message
    assert not (root / "python_workspace").exists()
    assert not (root / ".mochi-py.lock").exists()  # bad input: nothing was created


def test_two_aliases_asking_one_distribution_differently_are_refused(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {"main.mochi": 'import python "httpx@>=0.27" as a\nimport python "httpx@<0.20" as b\n'},
    )
    with pytest.raises(DependencyConflictError) as caught:
        build_project(root, write=False)
    assert (caught.value.first_aliases, caught.value.second_aliases) == (("a",), ("b",))


def test_a_project_without_imports_is_a_scan_error(tmp_path: Path) -> None:
    root = _project(tmp_path, {"main.mochi": "print(1)\n"})
    with pytest.raises(ScanError) as caught:
        build_project(root)
    assert (caught.value.path, caught.value.line) == (str(root), 0)
    assert "nothing to build" in caught.value.message


def test_a_scan_error_carries_its_position(tmp_path: Path) -> None:
    root = _project(tmp_path, {"main.mochi": 'import python "httpx" as fetch\n'})
    with pytest.raises(ScanError) as caught:
        build_project(root)
    assert (caught.value.path, caught.value.line, caught.value.column) == ("main.mochi", 1, 26)
