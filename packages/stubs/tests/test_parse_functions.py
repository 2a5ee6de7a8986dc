"""Functions: every parameter kind, defaults, async, overloads, decorators."""

from __future__ import annotations

import sys
import textwrap

import pytest

from mochi_py_stubs import (
    NO_LITERAL,
    Function,
    Module,
    Param,
    ParamKind,
    StubSyntaxError,
    TConst,
    TName,
    TStr,
    TSubscript,
    TUnion,
    TUnsupported,
    parse_module,
)

INT = TName("int", "builtins.int")
STR = TName("str", "builtins.str")


def parse(source: str, module: str = "m") -> Module:
    return parse_module(textwrap.dedent(source), module=module)


def only_function(source: str) -> Function:
    (function,) = parse(source).functions
    return function


def test_every_parameter_kind() -> None:
    f = only_function(
        "def f(a, /, b: int, *args: str, c: int, d: str = 'x', **kw: float) -> None: ..."
    )
    assert [(p.name, p.kind) for p in f.signature.params] == [
        ("a", ParamKind.POSITIONAL_ONLY),
        ("b", ParamKind.POSITIONAL_OR_KEYWORD),
        ("args", ParamKind.VAR_POSITIONAL),
        ("c", ParamKind.KEYWORD_ONLY),
        ("d", ParamKind.KEYWORD_ONLY),
        ("kw", ParamKind.VAR_KEYWORD),
    ]
    params = {p.name: p for p in f.signature.params}
    assert params["a"].annotation is None
    assert params["b"].annotation == INT
    assert params["args"].annotation == STR  # the element type, as written
    assert params["kw"].annotation == TName("float", "builtins.float")
    assert params["c"] == Param("c", ParamKind.KEYWORD_ONLY, INT)
    assert params["d"] == Param("d", ParamKind.KEYWORD_ONLY, STR, True, "x")
    assert f.signature.returns == TConst(None)
    assert f.is_async is False
    assert f.is_overloaded is False
    assert f.line == 1


def test_bare_star_makes_keyword_only() -> None:
    f = only_function("def f(a, *, b): ...")
    assert [p.kind for p in f.signature.params] == [
        ParamKind.POSITIONAL_OR_KEYWORD,
        ParamKind.KEYWORD_ONLY,
    ]


def test_positional_only_with_defaults() -> None:
    f = only_function("def f(a, b=1, /, c=2): ...")
    assert [(p.name, p.kind, p.has_default, p.default) for p in f.signature.params] == [
        ("a", ParamKind.POSITIONAL_ONLY, False, NO_LITERAL),
        ("b", ParamKind.POSITIONAL_ONLY, True, 1),
        ("c", ParamKind.POSITIONAL_OR_KEYWORD, True, 2),
    ]


@pytest.mark.parametrize(
    ("default", "expected"),
    [
        ("None", None),
        ("True", True),
        ("0", 0),
        ("-1", -1),
        ("-1.5", -1.5),
        ("2j", 2j),
        ("-2j", -2j),
        ("'s'", "s"),
        ("b'b'", b"b"),
        ("(1, 'a', (None, -2))", (1, "a", (None, -2))),
        ("()", ()),
    ],
)
def test_safe_literal_defaults_are_kept(default: str, expected: object) -> None:
    (param,) = only_function(f"def f(x={default}): ...").signature.params
    assert param.has_default is True
    assert param.default == expected
    assert type(param.default) is type(expected)


@pytest.mark.parametrize(
    "default",
    [
        "...",  # the stub spelling of "has a default"
        "[]",
        "{}",
        "{1}",
        "f()",
        "x",
        "os.sep",
        "1 + 2",
        "-x",
        "+1",
        "not 1",
        "-True",
        "(1, [2])",
        "lambda: 0",
        "__import__('os').system('echo pwned')",
    ],
)
def test_unsafe_defaults_are_flagged_without_a_value(default: str) -> None:
    (param,) = only_function(f"def f(x={default}): ...").signature.params
    assert param.has_default is True
    assert param.default is NO_LITERAL


def test_keyword_only_defaults() -> None:
    f = only_function("def f(*, a, b=None, c=...): ...")
    assert [(p.has_default, p.default) for p in f.signature.params] == [
        (False, NO_LITERAL),
        (True, None),
        (True, NO_LITERAL),
    ]


def test_async_function() -> None:
    f = only_function("async def fetch(url: str) -> bytes: ...")
    assert f.is_async is True
    assert f.signature.returns == TName("bytes", "builtins.bytes")


def test_overloads_collected_into_one_function_in_a_stub() -> None:
    f = only_function(
        """
        from typing import overload
        @overload
        def f(x: int) -> int: ...
        @overload
        def f(x: str) -> str: ...
        """
    )
    assert f.is_overloaded
    assert [o.params[0].annotation for o in f.overloads] == [INT, STR]
    # All overloads: the signature is the last definition.
    assert f.signature == f.overloads[-1]
    assert f.decorators == ("overload",)
    assert f.line == 4  # the first `def` line (decorators are above it)


def test_overloads_with_implementation_in_typed_py() -> None:
    f = only_function(
        """
        import typing as t
        @t.overload
        def f(x: int) -> int: ...
        @t.overload
        def f(x: str) -> str: ...
        async def f(x):
            return x
        """
    )
    assert len(f.overloads) == 2
    assert f.signature.params[0].annotation is None
    assert f.signature.line == 7
    assert f.is_async is True
    assert f.decorators == ()


def test_overload_via_typing_extensions_alias() -> None:
    f = only_function(
        """
        from typing_extensions import overload as ov
        @ov
        def f(x: int) -> int: ...
        @ov
        def f(x: str) -> str: ...
        """
    )
    assert len(f.overloads) == 2


def test_plain_redefinition_replaces() -> None:
    f = only_function("def f(a): ...\ndef f(b): ...\n")
    assert f.signature.params[0].name == "b"
    assert not f.is_overloaded


def test_decorators_as_dotted_names() -> None:
    f = only_function(
        """
        import functools
        @functools.lru_cache(maxsize=None)
        @deprecated("use g")
        @a.b.c
        def f(): ...
        """
    )
    assert f.decorators == ("functools.lru_cache", "deprecated", "a.b.c")


def test_non_name_decorator_is_kept_as_source() -> None:
    f = only_function("@handlers[0]\ndef f(): ...\n")
    assert f.decorators == ("handlers[0]",)


def test_dunder_names_are_positional_only_by_convention() -> None:
    f = only_function("def f(__a: int, __b, c, __d): ...")
    assert [p.kind for p in f.signature.params] == [
        ParamKind.POSITIONAL_ONLY,
        ParamKind.POSITIONAL_ONLY,
        ParamKind.POSITIONAL_OR_KEYWORD,
        ParamKind.POSITIONAL_OR_KEYWORD,
    ]


def test_dunder_convention_in_methods_skips_self() -> None:
    (cls,) = parse(
        "class C:\n    def m(self, __x, y): ...\n    def __eq__(self, other): ...\n"
    ).classes
    m, eq = cls.methods
    assert [p.kind for p in m.signature.params] == [
        ParamKind.POSITIONAL_ONLY,
        ParamKind.POSITIONAL_ONLY,
        ParamKind.POSITIONAL_OR_KEYWORD,
    ]
    # Dunder method names are not parameters; `other` is an ordinary parameter.
    assert all(p.kind is ParamKind.POSITIONAL_OR_KEYWORD for p in eq.signature.params)


def test_annotations_are_type_trees() -> None:
    f = only_function(
        "from typing import Callable\n"
        "def f(a: list[int] | None, b: Callable[[int], str], c: 'Fwd', d: lambda: 1): ..."
    )
    a, b, c, d = (p.annotation for p in f.signature.params)
    assert a == TUnion((TSubscript(TName("list", "builtins.list"), (INT,)), TConst(None)))
    assert isinstance(b, TSubscript)
    assert b.base == TName("Callable", "typing.Callable")
    assert c == TStr("Fwd")
    assert d == TUnsupported("lambda: 1")


def test_function_alias_copies_the_signature() -> None:
    module = parse("def f(x: int) -> int: ...\ng = f\n")
    f, g = module.functions
    assert g.name == "g"
    assert g.signature == f.signature
    assert module.constants == ()


@pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax needs Python 3.12")
def test_pep695_function_type_params() -> None:
    f = only_function("def first[T](xs: list[T]) -> T: ...")
    assert f.signature.type_params == ("T",)
    assert f.signature.returns == TName("T", "m.first.T")


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="checks the pre-3.12 behaviour")
def test_pep695_is_a_syntax_error_before_312() -> None:
    with pytest.raises(StubSyntaxError) as info:
        parse_module("def first[T](xs: list[T]) -> T: ...\n", module="m", path="m.pyi")
    assert info.value.path == "m.pyi"
    assert info.value.line == 1
