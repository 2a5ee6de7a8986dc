"""Hostile input: every failure is StubSyntaxError / StubTooLargeError with a position."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mochi_py_stubs import (
    DEFAULT_MAX_BYTES,
    Module,
    StubsError,
    StubSyntaxError,
    StubTooLargeError,
    TUnion,
    parse_module,
)


def outcome(
    source: str | bytes, path: str = "<string>"
) -> Module | StubSyntaxError | StubTooLargeError:
    """The module, or the typed error: the only two results any input may have."""
    try:
        return parse_module(source, module="x", path=path)
    except (StubSyntaxError, StubTooLargeError) as error:
        return error


def syntax_error(source: str | bytes, path: str = "x.pyi") -> StubSyntaxError:
    with pytest.raises(StubSyntaxError) as info:
        parse_module(source, module="x", path=path)
    error = info.value
    assert isinstance(error, ValueError)
    assert isinstance(error, StubsError)
    assert error.path == path
    assert str(error).startswith(f"{path}:{error.line}:{error.column}: ")
    return error


def test_syntax_error_position() -> None:
    error = syntax_error("x = 1\ndef f(:\n")
    assert (error.line, error.column) == (2, 7)


def test_bad_indentation() -> None:
    error = syntax_error("def f():\n  x = 1\n    y = 2\n")
    assert error.line == 3
    assert "indent" in error.message


@pytest.mark.parametrize("source", ["x = '\0'\n", b"x = '\0'\n"])
def test_null_byte(source: str | bytes) -> None:
    error = syntax_error(source)
    assert (error.line, error.column) == (1, 6)
    assert "null byte" in error.message


def test_null_byte_on_a_later_line() -> None:
    error = syntax_error(b"import os\nab\0c\n")
    assert (error.line, error.column) == (2, 3)


def test_non_utf8_bytes() -> None:
    error = syntax_error(b"x = 1\ny = '\xff\xfe'\n")
    assert (error.line, error.column) == (2, 6)  # column counts bytes
    assert "utf-8" in error.message


def test_utf8_bom_bytes_parse() -> None:
    module = parse_module(b"\xef\xbb\xbfX: int = 1\n", module="x")
    assert module.constants[0].value == 1


def test_utf8_bom_str_parses() -> None:
    assert parse_module("\ufeffX = 1\n", module="x").constants[0].name == "X"


def test_coding_cookie() -> None:
    source = "# -*- coding: latin-1 -*-\nX = 'é'\n".encode("latin-1")
    assert parse_module(source, module="x").constants[0].value == "é"


def test_unknown_coding_cookie() -> None:
    error = syntax_error(b"# coding: no-such-codec\nX = 1\n")
    assert error.line == 1


def test_non_text_codec_cookie() -> None:
    error = syntax_error(b"# coding: rot13\nX = 1\n")
    assert "rot13" in error.message


def test_bom_with_conflicting_cookie() -> None:
    syntax_error(b"\xef\xbb\xbf# coding: latin-1\nX = 1\n")


def test_codec_that_produces_a_null() -> None:
    error = syntax_error(b"# coding: unicode_escape\nX = '\\x00'\n")
    assert (error.line, error.column) == (2, 6)


def test_lone_surrogate_in_str() -> None:
    error = syntax_error("x = 1\ny = '\ud800'\n")
    assert error.line == 2


@pytest.mark.parametrize("source", ["(" * 100_000, "[" * 100_000 + "]" * 100_000])
def test_deep_brackets(source: str) -> None:
    error = syntax_error(source)
    assert error.line == 1


@pytest.mark.parametrize("kind", ["if x:", "class A:", "def f():"])
def test_500_deep_blocks(kind: str) -> None:
    source = "".join(" " * i + kind + "\n" for i in range(500)) + " " * 500 + "pass\n"
    error = syntax_error(source)
    assert error.line > 0


@pytest.mark.parametrize(
    "source",
    [
        "x = " + "-" * 100_000 + "1",
        "x = " + "not " * 100_000 + "1",
        "x = " + "lambda: " * 100_000 + "1",
        "x = " + "1 + " * 100_000 + "1",
        "x = f" + "()" * 100_000,
        "def f(x=" + "-" * 50_000 + "1): ...",
    ],
)
def test_deep_expressions(source: str) -> None:
    # Depending on the interpreter the parser refuses these (memory / recursion limits) or
    # builds a very deep tree; either way: a typed error or a module, nothing else.
    result = outcome(source)
    assert isinstance(result, (Module, StubSyntaxError))
    if isinstance(result, StubSyntaxError):
        assert result.path == "<string>"


def test_very_long_union_annotation() -> None:
    module = outcome("x: " + " | ".join(["int"] * 100_000) + "\n")
    if isinstance(module, StubSyntaxError):
        return  # 3.11+: CPython's own AST construction gives up
    assert isinstance(module, Module)
    annotation = module.constants[0].annotation
    assert isinstance(annotation, TUnion)
    assert len(annotation.members) == 100_000


def test_very_long_attribute_chain() -> None:
    module = outcome("x: a" + ".b" * 100_000 + "\n")
    if isinstance(module, StubSyntaxError):
        return
    assert isinstance(module, Module)
    assert module.constants[0].annotation is not None


def test_ten_megabytes_are_refused_quickly() -> None:
    data = b"x = 1\n" * (10 * 1024 * 1024 // 6 + 1)
    start = time.perf_counter()
    for source in (data, data.decode()):
        with pytest.raises(StubTooLargeError) as info:
            parse_module(source, module="x", path="big.pyi")
        assert isinstance(info.value, ValueError)
        assert info.value.path == "big.pyi"
        assert info.value.limit == DEFAULT_MAX_BYTES
        assert info.value.size >= 10 * 1024 * 1024
    # Not a timing assertion on the parser: only that nothing was parsed (ms vs. seconds).
    assert time.perf_counter() - start < 30


def test_custom_limit_counts_utf8_bytes() -> None:
    parse_module("x = 'é'\n", module="x", max_bytes=9)
    with pytest.raises(StubTooLargeError) as info:
        parse_module("x = 'éé'\n", module="x", max_bytes=9)
    assert info.value.size == 11


def test_limit_applies_to_package_files(tmp_path: Path) -> None:
    from mochi_py_stubs import parse_package

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.pyi").write_bytes(b"x = 1\n" * 100)
    with pytest.raises(StubTooLargeError) as info:
        parse_package(tmp_path, ["pkg/__init__.pyi"], package="pkg", max_bytes=100)
    assert info.value.path == "pkg/__init__.pyi"
    assert info.value.size == 600


def _check(source: str | bytes) -> None:
    result = outcome(source, path="fuzz/mod.pyi")
    if not isinstance(result, Module):
        assert result.path == "fuzz/mod.pyi"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fuzz_arbitrary_text(source: str) -> None:
    _check(source)


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_fuzz_arbitrary_bytes(source: bytes) -> None:
    _check(source)


_SEED = """\
import sys
from typing import Generic, TypeVar, overload
from . import sibling as sibling
T = TypeVar("T", bound=int)
__all__ = ["f", "C"]
if sys.version_info >= (3, 10):
    def f(a: int, /, b: str = "x", *args: T, c: bool = True, **kw: float) -> list[T] | None: ...
else:
    def f(a): ...
class C(Generic[T]):
    x: int = 3
    @property
    def p(self) -> T: ...
    @p.setter
    def p(self, v: T) -> None: ...
    @overload
    def m(self, x: int) -> int: ...
    @overload
    def m(self, x: str) -> str: ...
    class Inner: ...
Alias = dict[str, "C[int]"]
"""
_TOKENS = [
    "(",
    ")",
    "[",
    "]",
    ":",
    "\n",
    "    ",
    "|",
    ",",
    "=",
    "*",
    "**",
    "/",
    "...",
    "if ",
    "def ",
    "class ",
    "@",
    "'",
    '"',
    "\\",
    "\0",
    "\ud800",
    "\t",
    "lambda: ",
    "-",
    "sys.version_info",
    "from . import *\n",
    "from .... import x\n",
]


@st.composite
def mutated_stub(draw: st.DrawFn) -> str:
    text = _SEED
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=4)))
        if action == "insert":
            text = text[:position] + piece + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 20)) :]
        else:
            text = text[:position] + piece + text[position + len(piece) :]
    return text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_stub(), st.booleans())
def test_fuzz_mutated_stub(source: str, as_bytes: bool) -> None:
    if as_bytes:
        _check(source.encode("utf-8", "surrogatepass"))
    else:
        _check(source)


@pytest.mark.parametrize("source", ["x = '\\d'\n", "x = 1if True else 2\n", "x = b'\\q'\n"])
def test_compiler_warnings_do_not_leak_or_fail(source: str) -> None:
    # pytest.ini turns warnings into errors: a leaked SyntaxWarning would fail this test.
    assert isinstance(parse_module(source, module="x"), Module)


def test_seed_stub_parses() -> None:
    module = parse_module(_SEED, module="fuzz.mod")
    assert [f.name for f in module.functions] == ["f"]
    assert module.dunder_all == ("f", "C")


@pytest.mark.skipif(sys.platform == "win32", reason="posix recursion limit semantics")
def test_low_recursion_limit_still_gives_a_typed_error() -> None:
    source = "def f(x: " + "list[" * 150 + "int" + "]" * 150 + "): ...\n"
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(250)
    try:
        result = outcome(source)
    finally:
        sys.setrecursionlimit(old)
    assert isinstance(result, (Module, StubSyntaxError))
