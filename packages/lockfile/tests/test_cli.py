"""`mochi-py-lock`: validate / diff / check, exit codes 0 / 1 / 2, one-line errors."""

from __future__ import annotations

import importlib.metadata
import json
import pathlib
import subprocess
import sys

import pytest

import mochi_py_lockfile
from mochi_py_lockfile import Entry, Manifest, Source, render_toml
from mochi_py_lockfile._cli import main

LOCK = Manifest(
    entries=(
        Entry("httpx", "httpx", Source.REGISTRY, version="0.27.2", wrapper_sha256="a" * 64),
        Entry("util", "u", Source.PATH, local_path="../util", capabilities=("dataclass",)),
    )
)
DRIFTED = Manifest(
    entries=(
        Entry("ghost", "gh", Source.REGISTRY),
        Entry("httpx", "httpx", Source.REGISTRY, version="0.27.2", wrapper_sha256="0000"),
        Entry("util", "u", Source.PATH, local_path="../util", capabilities=("dataclass",)),
    )
)


@pytest.fixture
def files(tmp_path: pathlib.Path) -> dict[str, str]:
    out = {}
    for name, text in {
        "lock": render_toml(LOCK),
        "drifted": render_toml(DRIFTED),
        "bad_source": render_toml(LOCK).replace('"registry"', '"madeup"'),
        "bad_toml": "schema-version = 1\n[[python-package]\n",
        "schema99": "schema-version = 99\n",
    }.items():
        path = tmp_path / f"{name}.lock"
        path.write_text(text, encoding="utf-8")
        out[name] = str(path)
    out["missing"] = str(tmp_path / "missing.lock")
    return out


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("mochi-py-lock: error: ")
    assert "Traceback" not in err
    return lines[0]


def test_validate_ok(capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
    status, out, err = _run(capsys, "validate", files["lock"])
    assert status == 0
    assert out == f"{files['lock']}: ok (2 entries)\n"
    assert err == ""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad_source", ':8:1: python-package[0].source: unknown source "madeup"'),
        ("bad_toml", ":2:"),
        ("schema99", ":1:1: schema-version: unsupported schema-version 99"),
        ("missing", ": cannot read: No such file or directory; check the path"),
    ],
)
def test_validate_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], files: dict[str, str], name: str, expected: str
) -> None:
    status, out, err = _run(capsys, "validate", files[name])
    assert status == 2
    assert out == ""
    line = _one_error_line(err)
    assert files[name] in line
    assert expected in line


def test_diff_identical_exits_0(capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
    assert _run(capsys, "diff", files["lock"], files["lock"]) == (0, "", "")


def test_diff_reports_one_line_per_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, out, err = _run(capsys, "diff", files["lock"], files["drifted"])
    assert status == 1
    assert err == ""
    assert out.splitlines() == [
        'added ghost:gh: new entry (source "registry") not in the old lock; '
        "regenerate the lock to record it",
        f'changed httpx:httpx: wrapper-sha256 (surface drift): "{"a" * 64}" -> "0000"',
    ]


def test_diff_json_parses(capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
    status, out, _ = _run(capsys, "diff", "--json", files["lock"], files["drifted"])
    assert status == 1
    data = json.loads(out)
    assert data["clean"] is False
    assert [(e["kind"], e["key"]) for e in data["entries"]] == [
        ("added", "ghost:gh"),
        ("changed", "httpx:httpx"),
    ]
    assert data["entries"][1]["fields"][0]["field"] == "wrapper-sha256"
    status, out, _ = _run(capsys, "diff", files["lock"], files["lock"], "--json")
    assert (status, json.loads(out)) == (0, {"clean": True, "entries": []})


def test_check_clean_exits_0(capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
    assert _run(capsys, "check", files["lock"], "--against", files["lock"]) == (0, "", "")


def test_check_drift_exits_1_and_names_entries_and_fields(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, out, err = _run(capsys, "check", files["lock"], "--against", files["drifted"])
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith("added ghost:gh: ")
    assert lines[1].startswith("changed httpx:httpx: wrapper-sha256 (surface drift): ")
    assert lines[2] == (
        f"mochi-py-lock: error: {files['lock']}: drifted from the plan; "
        "regenerate it (mochi-py build)"
    )


def test_check_json(capsys: pytest.CaptureFixture[str], files: dict[str, str]) -> None:
    status, out, err = _run(capsys, "check", files["lock"], "--against", files["drifted"], "--json")
    assert (status, err) == (1, "")
    assert json.loads(out)["clean"] is False


def test_check_bad_planned_file_exits_2(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    status, out, err = _run(capsys, "check", files["lock"], "--against", files["bad_source"])
    assert (status, out) == (2, "")
    assert files["bad_source"] in _one_error_line(err)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["validate"],
        ["validate", "a", "b"],
        ["diff", "only-one"],
        ["check", "lock"],
        ["validate", "--nope", "x"],
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = _run(capsys, *argv)
    assert (status, out) == (2, "")
    assert "--help" in _one_error_line(err)


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "--help")
    assert status == 0
    assert "validate" in out
    assert "check" in out
    status, out, _ = _run(capsys, "--version")
    assert (status, out.strip()) == (0, f"mochi-py-lock {mochi_py_lockfile.__version__}")


def test_hostile_file_name_stays_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "odd\nname\u2028.lock"
    path.write_text("schema-version = 2\n", encoding="utf-8")
    status, _, err = _run(capsys, "validate", str(path))
    assert status == 2
    line = _one_error_line(err)
    assert "odd\\nname\\u2028.lock" in line


def test_python_dash_m_runs_the_same_command(files: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mochi_py_lockfile", "diff", files["lock"], files["drifted"]],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("added ghost:gh")


def test_console_script_is_declared() -> None:
    (script,) = [
        ep
        for ep in importlib.metadata.entry_points(group="console_scripts")
        if ep.name == "mochi-py-lock"
    ]
    assert script.value == "mochi_py_lockfile._cli:main"
