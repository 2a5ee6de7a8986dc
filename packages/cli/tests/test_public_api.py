"""The public API of mochi-py: exactly what `__all__` names, nothing more."""

import subprocess
import sys

import mochi_py


def test_all_names_exist() -> None:
    for name in mochi_py.__all__:
        assert hasattr(mochi_py, name), name


def test_public_surface_is_exactly_all() -> None:
    assert sorted(mochi_py.__all__) == [
        "CliError",
        "ProjectError",
        "SIDECAR_BANNER",
        "SidecarConflictError",
        "SidecarNameClashError",
        "SpecError",
        "WorkspaceMissingError",
        "__version__",
        "main",
        "render_sidecar",
    ]


def test_version_is_pep440() -> None:
    from packaging.version import Version

    assert Version(mochi_py.__version__) >= Version("0.1.0")


def test_bad_input_errors_are_value_errors() -> None:
    for name in ("ProjectError", "SidecarConflictError", "SidecarNameClashError", "SpecError"):
        cls = getattr(mochi_py, name)
        assert issubclass(cls, mochi_py.CliError)
        assert issubclass(cls, ValueError)


def test_python_dash_m_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mochi_py", "--version"],
        capture_output=True,
        text=True,
        timeout=120,  # a safety net, not a timing assertion
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"mochi-py {mochi_py.__version__}"
