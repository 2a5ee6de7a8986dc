"""`parse_type_expr`: forward references parsed on demand, resolved like the module does."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_stubs import (
    StubSyntaxError,
    StubTooLargeError,
    TConst,
    TEllipsis,
    TList,
    TName,
    TStr,
    TSubscript,
    TUnion,
    TUnsupported,
    parse_module,
    parse_type_expr,
)

INT = TName("int", "builtins.int")
STR = TName("str", "builtins.str")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("int", INT),
        ("  int  ", INT),
        ("list[int]", TSubscript(TName("list", "builtins.list"), (INT,))),
        ("tuple[()]", TSubscript(TName("tuple", "builtins.tuple"), ())),
        (
            "tuple[int, ...]",
            TSubscript(TName("tuple", "builtins.tuple"), (INT, TEllipsis())),
        ),
        ("int | None", TUnion((INT, TConst(None)))),
        ("int | (str | None)", TUnion((INT, STR, TConst(None)))),
        (
            "Callable[[int, str], None]",
            TSubscript(TName("Callable", "Callable"), (TList((INT, STR)), TConst(None))),
        ),
        (
            "Literal['a', 1, -2, True, b'x']",
            TSubscript(
                TName("Literal", "Literal"),
                (TStr("a"), TConst(1), TConst(-2), TConst(True), TConst(b"x")),
            ),
        ),
        ("Unknown", TName("Unknown", "Unknown")),  # no module: other names stay as written
        ("a.b.C", TName("a.b.C", "a.b.C")),
        ("f(x)", TUnsupported("f(x)")),
        ("x[0][1]", TUnsupported("x[0][1]")),
        ("1j", TUnsupported("1j")),
        ("(\n int\n)", INT),
    ],
)
def test_without_module(text: str, expected: object) -> None:
    assert parse_type_expr(text) == expected


def test_with_module_resolves_imports_and_locals() -> None:
    module = parse_module(
        "import typing as t\nfrom .models import User as U\nclass Local: ...\nT = t.TypeVar('T')\n",
        module="pkg.api",
    )
    assert parse_type_expr("t.Optional[U]", module=module) == TSubscript(
        TName("t.Optional", "typing.Optional"), (TName("U", "pkg.models.User"),)
    )
    assert parse_type_expr("Local", module=module) == TName("Local", "pkg.api.Local")
    assert parse_type_expr("T", module=module) == TName("T", "pkg.api.T")
    assert parse_type_expr("Missing", module=module) == TName("Missing", "pkg.api.Missing")
    assert parse_type_expr("int", module=module) == INT


def test_later_definition_beats_earlier_import() -> None:
    module = parse_module("from x import Thing\nclass Thing: ...\n", module="m")
    assert parse_type_expr("Thing", module=module) == TName("Thing", "m.Thing")


@pytest.mark.parametrize("text", ["", "int[", "def f(): pass", "x = 1", "int\0", "a b"])
def test_bad_text(text: str) -> None:
    with pytest.raises(StubSyntaxError) as info:
        parse_type_expr(text)
    assert info.value.path == "<type expression>"
    assert isinstance(info.value, ValueError)


def test_too_large() -> None:
    with pytest.raises(StubTooLargeError):
        parse_type_expr("int" * 100, max_bytes=10)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_fuzz(text: str) -> None:
    # The typed errors are fine; any other exception fails the test.
    with contextlib.suppress(StubSyntaxError, StubTooLargeError):
        parse_type_expr(text)


_names = st.sampled_from(["int", "str", "None", "List", "a.B", "typing.Any"])


@st.composite
def type_text(draw: st.DrawFn, depth: int = 3) -> str:
    if depth == 0 or draw(st.booleans()):
        return draw(_names)
    kind = draw(st.sampled_from(["sub", "union", "list"]))
    args = [draw(type_text(depth - 1)) for _ in range(draw(st.integers(1, 3)))]
    if kind == "union":
        return " | ".join(args)
    if kind == "list":
        return f"Callable[[{', '.join(args)}], {args[0]}]"
    return f"{draw(_names)}[{', '.join(args)}]"


@settings(max_examples=200, deadline=None)
@given(type_text())
def test_string_and_annotation_agree(text: str) -> None:
    # A forward reference parses to exactly what the same annotation gives unquoted.
    module = parse_module(f"import typing\nx: {text}\n", module="m")
    assert parse_type_expr(text, module=module) == module.constants[0].annotation


@pytest.mark.parametrize(
    ("source", "quoted"),
    [
        ("x: lambda: 1\n", "lambda: 1"),
        ("x: (lambda:\n    1)\n", "lambda: 1"),
        ("x: f('é', [1,  2])\n", "f('é', [1, 2])"),
        ("a = 1\r\nx: f(\r\n  2)\r\n", "f( 2)"),
        ("a = 1\rx: g(3)\r", "g(3)"),
        ("x: {'k': 'ü'}[0] + 1\n", "{'k': 'ü'}[0] + 1"),
    ],
)
def test_unsupported_expressions_are_quoted_as_written(source: str, quoted: str) -> None:
    # As written, not ast.unparse: the same text on every Python version.
    (constant,) = parse_module(source, module="m").constants[-1:]
    assert constant.annotation == TUnsupported(quoted)


def test_unsupported_quote_is_bounded() -> None:
    source = "x: f(" + "1, " * 5000 + ")\n"
    annotation = parse_module(source, module="m").constants[0].annotation
    assert isinstance(annotation, TUnsupported)
    assert len(annotation.source) == 200
    assert annotation.source.endswith("...")


def test_non_name_decorator_quoted_as_written() -> None:
    (function,) = parse_module("@registry [ 'x' ]\ndef f(): ...\n", module="m").functions
    assert function.decorators == ("registry [ 'x' ]",)
