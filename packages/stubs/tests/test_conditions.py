"""`if` tests evaluated for a Target: version, platform, TYPE_CHECKING, boolean logic."""

from __future__ import annotations

import pytest

from mochi_py_stubs import Target, parse_module

PY310_LINUX = Target((3, 10), "linux")
PY312_LINUX = Target((3, 12), "linux")
PY313_WIN = Target((3, 13), "win32")
PY311_MAC = Target((3, 11), "darwin")


def branch(condition: str, target: Target, header: str = "import sys\n") -> str:
    """Which branch was read: "if", "else"."""
    source = f"{header}if {condition}:\n    def taken(): ...\nelse:\n    def other(): ...\n"
    (function,) = parse_module(source, module="m", target=target).functions
    return "if" if function.name == "taken" else "else"


@pytest.mark.parametrize(
    ("condition", "target", "expected"),
    [
        ("sys.version_info >= (3, 10)", PY310_LINUX, "if"),
        ("sys.version_info >= (3, 11)", PY310_LINUX, "else"),
        ("sys.version_info < (3, 11)", PY310_LINUX, "if"),
        ("sys.version_info < (3, 10)", PY310_LINUX, "else"),
        ("sys.version_info >= (3,)", PY310_LINUX, "if"),
        ("sys.version_info >= (4,)", PY313_WIN, "else"),
        ("sys.version_info > (3, 10)", PY310_LINUX, "if"),  # 3.10.x > (3, 10) at run time
        ("sys.version_info <= (3, 10)", PY310_LINUX, "else"),
        ("sys.version_info == (3, 12)", PY312_LINUX, "if"),  # prefix equality, as checkers do
        ("sys.version_info != (3, 12)", PY312_LINUX, "else"),
        ("sys.version_info >= (3, 11, 4)", PY312_LINUX, "if"),
        ("sys.version_info >= (3, 13, 0)", PY312_LINUX, "else"),
        ("(3, 11) <= sys.version_info", PY312_LINUX, "if"),
        ("(3, 11) > sys.version_info", PY310_LINUX, "if"),
        ("sys.version_info[0] == 3", PY310_LINUX, "if"),
        ("sys.version_info[0] >= 4", PY310_LINUX, "else"),
        ("sys.version_info[1] >= 11", PY312_LINUX, "if"),
        ("sys.version_info[:2] >= (3, 11)", PY310_LINUX, "else"),
        ("sys.version_info[0:2] == (3, 12)", PY312_LINUX, "if"),
        ("sys.version_info.major == 3", PY312_LINUX, "if"),
        ("sys.version_info.minor < 12", PY312_LINUX, "else"),
        ('sys.platform == "win32"', PY313_WIN, "if"),
        ('sys.platform == "win32"', PY310_LINUX, "else"),
        ('sys.platform != "win32"', PY310_LINUX, "if"),
        ('sys.platform.startswith("linux")', PY310_LINUX, "if"),
        ('sys.platform.startswith("linux")', PY311_MAC, "else"),
        ('sys.platform.startswith(("linux", "darwin"))', PY311_MAC, "if"),
        ('sys.platform in ("linux", "darwin")', PY311_MAC, "if"),
        ('sys.platform not in ("linux", "darwin")', PY313_WIN, "if"),
        ('sys.platform == "linux" and sys.version_info >= (3, 11)', PY310_LINUX, "else"),
        ('sys.platform == "linux" and sys.version_info >= (3, 10)', PY310_LINUX, "if"),
        ('sys.platform == "win32" or sys.version_info >= (3, 12)', PY312_LINUX, "if"),
        ('sys.platform == "win32" or sys.version_info >= (3, 13)', PY312_LINUX, "else"),
        ('not sys.platform == "win32"', PY310_LINUX, "if"),
        ("not (sys.version_info >= (3, 11))", PY310_LINUX, "if"),
        ("True", PY310_LINUX, "if"),
        ("0", PY310_LINUX, "else"),
        # Three-valued logic: an unknown operand does not decide when another one does.
        ("unknown() and sys.version_info < (3, 0)", PY310_LINUX, "else"),
        ("unknown() or sys.version_info >= (3, 0)", PY310_LINUX, "if"),
    ],
)
def test_decidable_conditions(condition: str, target: Target, expected: str) -> None:
    assert branch(condition, target) == expected


@pytest.mark.parametrize(
    "condition",
    [
        "some_flag",
        "os.name == 'nt'",
        "sys.version_info >= (3, 12, 1)",  # the micro version is not part of a Target
        "sys.version_info[2] == 0",
        "sys.version_info > x",
        "sys.platform == other",
        "unknown() and sys.version_info >= (3, 0)",
        "1 < sys.version_info < (4,)",
        "not flag",
    ],
)
def test_undecidable_conditions_read_the_if_body_only(condition: str) -> None:
    assert branch(condition, PY312_LINUX) == "if"


@pytest.mark.parametrize(
    ("header", "condition", "target", "expected"),
    [
        ("from sys import version_info\n", "version_info >= (3, 11)", PY310_LINUX, "else"),
        ("from sys import platform as p\n", 'p == "win32"', PY313_WIN, "if"),
        ("import sys as system\n", "system.version_info >= (3, 11)", PY312_LINUX, "if"),
        ("", "sys.version_info >= (3, 11)", PY310_LINUX, "else"),  # `sys` not imported
    ],
)
def test_names_through_imports(header: str, condition: str, target: Target, expected: str) -> None:
    assert branch(condition, target, header) == expected


def test_elif_chains() -> None:
    source = (
        "import sys\n"
        "if sys.version_info >= (3, 13):\n    def f13(): ...\n"
        "elif sys.version_info >= (3, 12):\n    def f12(): ...\n"
        "elif sys.version_info >= (3, 11):\n    def f11(): ...\n"
        "else:\n    def old(): ...\n"
    )
    for python, expected in (
        ((3, 13), "f13"),
        ((3, 12), "f12"),
        ((3, 11), "f11"),
        ((3, 10), "old"),
    ):
        (function,) = parse_module(source, module="m", target=Target(python, "linux")).functions
        assert function.name == expected


def test_long_elif_chain_does_not_recurse() -> None:
    source = "import sys\nif sys.platform == 'p0':\n    x0 = 0\n" + "".join(
        f"elif sys.platform == 'p{i}':\n    x{i} = {i}\n" for i in range(1, 400)
    )
    module = parse_module(source, module="m", target=Target((3, 12), "p399"))
    assert [c.name for c in module.constants] == ["x399"]
