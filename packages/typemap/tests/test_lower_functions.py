"""Lowering functions: parameter kinds, defaults, *args/**kwargs, async, overloads."""

from __future__ import annotations

from typemap_helpers import ann, func, lower_checked, module, param, sig, surface

from mochi_py_stubs import NO_LITERAL, Function, ParamKind, Signature
from mochi_py_typemap import (
    ANY,
    BOOL,
    FLOAT,
    INT,
    STRING,
    UNIT,
    FunType,
    ListType,
    LoweredFunction,
    LoweredParam,
    NamedType,
    OptionType,
    SkipReason,
    SkipReport,
    StreamType,
)


def lower_one(fn: Function, *, allow_partial: bool = False) -> LoweredFunction | SkipReport:
    lowered = lower_checked(surface(module(functions=[fn])), allow_partial=allow_partial)
    assert len(lowered.bound) + len(lowered.skipped) == 1
    if lowered.skipped:
        return lowered.skipped[0]
    (item,) = lowered.bound
    assert isinstance(item, LoweredFunction)
    return item


def test_every_parameter_kind_and_default_is_kept() -> None:
    fn = func(
        "f",
        param("a", "int", ParamKind.POSITIONAL_ONLY),
        param("b", "str"),
        param("args", "int", ParamKind.VAR_POSITIONAL),
        param("c", "float", ParamKind.KEYWORD_ONLY, default=1.5),
        param("d", "bool", ParamKind.KEYWORD_ONLY, has_default=True),
        param("kw", "str", ParamKind.VAR_KEYWORD),
        returns="bool",
    )
    lowered = lower_one(fn)
    assert isinstance(lowered, LoweredFunction)
    assert lowered.params == (
        LoweredParam("a", ParamKind.POSITIONAL_ONLY, INT),
        LoweredParam("b", ParamKind.POSITIONAL_OR_KEYWORD, STRING),
        LoweredParam("c", ParamKind.KEYWORD_ONLY, FLOAT, True, 1.5),
        LoweredParam("d", ParamKind.KEYWORD_ONLY, BOOL, True, NO_LITERAL),
    )
    assert (lowered.name, lowered.path, lowered.binding) == ("f", "pkg.f", "function")
    assert lowered.returns == BOOL
    assert lowered.is_async is False
    assert lowered.source is fn
    assert lowered.kind == "function"
    assert lowered.types == (INT, STRING, FLOAT, BOOL, BOOL)
    assert lowered.fun_type == FunType((INT, STRING, FLOAT, BOOL), BOOL)


def test_only_variadic_parameters_is_a_param_spec_skip() -> None:
    fn = func(
        "g",
        param("args", "int", ParamKind.VAR_POSITIONAL),
        param("kwargs", "int", ParamKind.VAR_KEYWORD),
    )
    report = lower_one(fn)
    assert isinstance(report, SkipReport)
    assert report.item_path == "pkg.g"
    assert report.reason is SkipReason.PARAM_SPEC
    assert report.detail == "g takes only *args / **kwargs; no parameter is left to bind"


def test_variadic_parameters_are_dropped_even_when_unannotated_or_untypeable() -> None:
    fn = func(
        "h",
        param("x", "int"),
        param("args", None, ParamKind.VAR_POSITIONAL),
        param("kw", "complex", ParamKind.VAR_KEYWORD),
    )
    lowered = lower_one(fn)
    assert isinstance(lowered, LoweredFunction)
    assert [p.name for p in lowered.params] == ["x"]


def test_no_parameters_at_all_is_fine() -> None:
    lowered = lower_one(func("ping", returns="str"))
    assert isinstance(lowered, LoweredFunction)
    assert (lowered.params, lowered.returns) == ((), STRING)


def test_unannotated_parameter() -> None:
    report = lower_one(func("f", param("x")))
    assert isinstance(report, SkipReport)
    assert (report.item_path, report.reason, report.detail) == (
        "pkg.f",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "parameter x has no annotation in f",
    )
    lowered = lower_one(func("f", param("x")), allow_partial=True)
    assert isinstance(lowered, LoweredFunction)
    assert lowered.params[0].type == ANY


def test_missing_return_annotation() -> None:
    report = lower_one(func("f", returns=None))
    assert isinstance(report, SkipReport)
    assert report.detail == "f has no return annotation"
    assert report.reason is SkipReason.UNSUPPORTED_TYPING_CONSTRUCT
    lowered = lower_one(func("f", returns=None), allow_partial=True)
    assert isinstance(lowered, LoweredFunction)
    assert lowered.returns == ANY


def test_none_return_is_unit() -> None:
    lowered = lower_one(func("f"))
    assert isinstance(lowered, LoweredFunction)
    assert lowered.returns == UNIT


def test_first_failing_parameter_decides() -> None:
    fn = func("f", param("a", "int"), param("b", "complex"), param("c", "bytes"), returns="Any")
    report = lower_one(fn)
    assert isinstance(report, SkipReport)
    assert report.reason is SkipReason.NO_COMPLEX_TYPE
    report = lower_one(func("f", param("a", "int"), returns="bytes"))
    assert isinstance(report, SkipReport)
    assert report.reason is SkipReason.NO_BYTES_TYPE


def test_async_functions_keep_the_awaited_type() -> None:
    lowered = lower_one(func("fetch", param("url", "str"), returns="str", is_async=True))
    assert isinstance(lowered, LoweredFunction)
    assert (lowered.is_async, lowered.returns) == (True, STRING)
    lowered = lower_one(func("s", returns="AsyncIterator[int]", is_async=True))
    assert isinstance(lowered, LoweredFunction)
    assert (lowered.is_async, lowered.returns) == (True, StreamType(INT))


def test_sync_functions_returning_awaitables_are_async() -> None:
    lowered = lower_one(func("later", returns="Awaitable[list[int]]"))
    assert isinstance(lowered, LoweredFunction)
    assert (lowered.is_async, lowered.returns) == (True, ListType(INT))
    # The send/yield arguments of Coroutine are never inspected (they need no Mochi type).
    lowered = lower_one(func("co", returns="Coroutine[Any, Any, str]"))
    assert isinstance(lowered, LoweredFunction)
    assert (lowered.is_async, lowered.returns) == (True, STRING)


def test_union_parameters_become_sums_named_after_function_and_parameter() -> None:
    lowered_module = lower_checked(
        surface(
            module(functions=[func("get", param("timeout", "float | tuple[float, float] | None"))])
        )
    )
    (fn,) = lowered_module.bound
    assert isinstance(fn, LoweredFunction)
    assert fn.params[0].type == OptionType(NamedType("GetTimeoutUnion", "sum"))
    assert [d.render() for d in lowered_module.types] == [
        "type GetTimeoutUnion = GetTimeoutUnionFloat(value: float)"
        " | GetTimeoutUnionTuple(value: tuple<float, float>)"
    ]


def test_invalid_parameter_name_is_refused() -> None:
    report = lower_one(func("f", param("café", "int")))
    assert isinstance(report, SkipReport)
    assert report.reason is SkipReason.INVALID_IDENTIFIER
    assert report.detail == "parameter 'café' of f is not an ASCII identifier"


def test_function_type_parameters_are_type_variables() -> None:
    fn = Function(
        "ident",
        Signature((param("x", "T"),), ann("T"), 1, type_params=("T",)),
        False,
    )
    lowered = lower_one(fn)
    assert isinstance(lowered, LoweredFunction)
    assert lowered.params[0].type.render() == "any"
    assert lowered.returns.kind == "typevar"


# --------------------------------------------------------------------------- overloads


def overloaded(*variants: Signature, implementation: Signature | None = None) -> Function:
    return Function(
        "load",
        implementation if implementation is not None else variants[-1],
        False,
        ("overload",),
        variants,
    )


def test_overloads_with_an_implementation_bind_the_implementation() -> None:
    fn = overloaded(
        sig(param("x", "int"), returns="int", line=1),
        sig(param("x", "str"), returns="str", line=2),
        implementation=sig(param("x", "int | str"), returns="int | str", line=3),
    )
    lowered = lower_one(fn)
    assert isinstance(lowered, LoweredFunction)
    assert lowered.params[0].type == NamedType("LoadXUnion", "sum")
    assert lowered.returns == NamedType("LoadReturnUnion", "sum")


def test_overloads_without_implementation_that_differ_are_ambiguous() -> None:
    fn = overloaded(
        sig(param("x", "int"), returns="int", line=1),
        sig(param("x", "str"), returns="str", line=2),
    )
    report = lower_one(fn)
    assert isinstance(report, SkipReport)
    assert report.reason is SkipReason.OVERLOAD_AMBIGUITY
    assert report.detail == (
        "load has 2 @overload variants with different Mochi signatures and no implementation"
        " signature"
    )
    assert report.override


def test_overloads_that_lower_identically_are_bound() -> None:
    fn = overloaded(
        sig(param("mode", "Literal['r']"), returns="str", line=1),
        sig(param("mode", "Literal['w', 'a']"), returns="str", line=2),
    )
    lowered = lower_one(fn)
    assert isinstance(lowered, LoweredFunction)
    assert lowered.params == (LoweredParam("mode", ParamKind.POSITIONAL_OR_KEYWORD, STRING),)


def test_an_unbindable_overload_variant_is_reported() -> None:
    fn = overloaded(
        sig(param("x", "int"), returns="int", line=1),
        sig(param("x", "complex"), returns="int", line=2),
    )
    report = lower_one(fn)
    assert isinstance(report, SkipReport)
    assert report.reason is SkipReason.OVERLOAD_AMBIGUITY
    assert report.detail == (
        "load has 2 @overload variants and no implementation signature; variant 2 cannot be"
        " bound: Python complex has no Mochi counterpart"
    )
