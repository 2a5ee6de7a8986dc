"""Module lowering: constants, type aliases, TypeVars, re-exports, the accounting invariant,
collected declarations and determinism."""

from __future__ import annotations

import pytest
from typemap_helpers import (
    FROZEN_DATACLASS,
    alias,
    attr,
    const,
    func,
    klass,
    lower_checked,
    module,
    param,
    surface,
    typevar,
)

from mochi_py_stubs import ClassMarker, Surface, TypeVarKind, public_items
from mochi_py_typemap import (
    INT,
    STRING,
    UNIT,
    ListType,
    LoweredConstant,
    LoweredTypeAlias,
    NamedType,
    SkipReason,
    TupleType,
    TypeVarType,
    UnknownModuleError,
    lower_module,
)

KITCHEN_SINK = surface(
    module(
        functions=[
            func("add", param("a", "int"), param("b", "int"), returns="int"),
            func("broken", param("z", "complex"), returns="int"),
            func("load", returns="_Rec"),
            func("make", returns="Wrapper"),
            func("café", returns="int"),
        ],
        classes=[
            klass("Wrapper", markers=FROZEN_DATACLASS, attributes=[attr("inner", "_Inner")]),
            klass("_Inner", markers=FROZEN_DATACLASS, attributes=[attr("v", "list[int]")]),
            klass(
                "_Rec",
                markers=FROZEN_DATACLASS,
                attributes=[attr("ok", "str"), attr("z", "complex")],
            ),
            klass("Color", markers=[ClassMarker.ENUM], attributes=[attr("RED", None, default=1)]),
        ],
        constants=[
            const("VERSION", "str", "1.0"),
            const("LIMIT", None, 10),
            const("RATIO", "Final", 0.5),
            const("FLAG", "Final[bool]", True),
            const("NOTHING", None, None),
            const("PAIR", None, (1, "a")),
            const("BLOB", None, b"x"),
            const("CPLX", None, 1j),
            const("EMPTY", None, ()),
            const("UNKNOWN", None),
        ],
        typevars=[
            typevar("T"),
            typevar("P", TypeVarKind.PARAMSPEC),
            typevar("Ts", TypeVarKind.TYPEVARTUPLE),
        ],
        aliases=[
            alias("Ints", "list[int]"),
            alias("Json", "dict[str, Json] | list[Json] | str"),
            alias("Number", "int | float"),
        ],
        imports=[("Path", "pathlib.Path"), ("Impl", "pkg._impl.Impl")],
    ),
    module("pkg._impl", classes=[klass("Impl", attributes=[attr("n", "int")])]),
    module("pkg.sub", functions=[func("only", returns="str")], dunder_all=("only", "ghost")),
)


def test_every_public_item_is_bound_or_skipped() -> None:
    for surf, name in (
        (KITCHEN_SINK, "pkg"),
        (KITCHEN_SINK, "pkg.sub"),
        (KITCHEN_SINK, "pkg._impl"),
    ):
        lowered = lower_module(surf, name)
        items = public_items(surf, name)
        assert len(lowered.bound) + len(lowered.skipped) == len(items)
        paths = sorted([b.path for b in lowered.bound] + [s.item_path for s in lowered.skipped])
        assert paths == sorted(f"{name}.{i.name}" for i in items)


def test_kitchen_sink_bound_and_skipped() -> None:
    lowered = lower_checked(KITCHEN_SINK)
    assert lowered.module == "pkg"
    assert [(b.name, b.kind) for b in lowered.bound] == [
        ("Color", "class"),
        ("FLAG", "constant"),
        ("Impl", "class"),
        ("Ints", "type-alias"),
        ("LIMIT", "constant"),
        ("NOTHING", "constant"),
        ("Number", "type-alias"),
        ("PAIR", "constant"),
        ("RATIO", "constant"),
        ("T", "type-alias"),
        ("VERSION", "constant"),
        ("Wrapper", "class"),
        ("add", "function"),
        ("load", "function"),
        ("make", "function"),
    ]
    assert [(s.item_path, s.reason.value, s.detail) for s in lowered.skipped] == [
        ("pkg.BLOB", "SkipNoBytesType", "a bytes value has no Mochi counterpart"),
        ("pkg.CPLX", "SkipNoComplexType", "Python complex has no Mochi counterpart"),
        ("pkg.EMPTY", "SkipUnsupportedTypingConstruct", "the empty tuple has no Mochi counterpart"),
        (
            "pkg.Json",
            "SkipRecursiveAlias",
            "type alias Json refers to itself (pkg.Json -> pkg.Json)",
        ),
        ("pkg.P", "SkipParamSpec", "P is a ParamSpec, which is out of scope"),
        ("pkg.Path", "SkipExternalItem", "Path is defined outside package pkg (pathlib.Path)"),
        ("pkg.Ts", "SkipTypeVarTuple", "Ts is a TypeVarTuple, which is out of scope"),
        (
            "pkg.UNKNOWN",
            "SkipUnsupportedTypingConstruct",
            "constant UNKNOWN has no annotation and no literal value",
        ),
        ("pkg.broken", "SkipNoComplexType", "Python complex has no Mochi counterpart"),
        (
            "pkg.café",
            "SkipInvalidIdentifier",
            "'café' is not an ASCII identifier, so Mochi cannot name it",
        ),
    ]


def test_constants() -> None:
    lowered = lower_checked(KITCHEN_SINK)
    consts = {b.name: b for b in lowered.bound if isinstance(b, LoweredConstant)}
    assert {n: (c.type.render(), c.value) for n, c in consts.items()} == {
        "FLAG": ("bool", True),
        "LIMIT": ("int", 10),
        "NOTHING": ("unit", None),
        "PAIR": ("tuple<int, string>", (1, "a")),
        "RATIO": ("float", 0.5),
        "VERSION": ("string", "1.0"),
    }
    assert consts["PAIR"].type == TupleType((INT, STRING))
    assert consts["NOTHING"].type == UNIT
    assert consts["VERSION"].path == "pkg.VERSION"
    assert consts["VERSION"].is_async is False
    assert consts["VERSION"].types == (STRING,)


def test_unannotated_constant_without_value_is_any_under_allow_partial() -> None:
    lowered = lower_checked(KITCHEN_SINK, allow_partial=True)
    unknown = next(b for b in lowered.bound if b.name == "UNKNOWN")
    assert isinstance(unknown, LoweredConstant)
    assert unknown.type.render() == "any"


def test_typevars_and_aliases_are_type_items() -> None:
    lowered = lower_checked(KITCHEN_SINK)
    types = {b.name: b for b in lowered.bound if isinstance(b, LoweredTypeAlias)}
    assert types["T"].target == TypeVarType("T")
    assert types["T"].kind == "type-alias"
    assert types["Ints"].target == ListType(INT)
    assert types["Ints"].path == "pkg.Ints"
    assert types["Number"].target == NamedType("NumberUnion", "sum")
    assert "type NumberUnion = NumberUnionInt(value: int) | NumberUnionFloat(value: float)" in [
        d.render() for d in lowered.types
    ]


def test_declarations_are_collected_transitively_sorted_and_unique() -> None:
    lowered = lower_checked(KITCHEN_SINK)
    assert [d.render() for d in lowered.types] == [
        "type Color = any",
        "type Impl = any",
        "type NumberUnion = NumberUnionInt(value: int) | NumberUnionFloat(value: float)",
        "type Wrapper { inner: _Inner }",
        "type _Inner { v: list<int> }",
        "type _Rec { ok: string }",
    ]


def test_field_skips_of_records_only_used_as_types_are_reported() -> None:
    lowered = lower_checked(KITCHEN_SINK)
    assert [(s.item_path, s.reason) for s in lowered.member_skips] == [
        ("pkg._Rec.z", SkipReason.NO_COMPLEX_TYPE)
    ]


def test_reexported_items_are_named_by_the_module_asked_for() -> None:
    lowered = lower_checked(KITCHEN_SINK)
    impl = next(b for b in lowered.bound if b.name == "Impl")
    assert impl.path == "pkg.Impl"
    assert impl.type == NamedType("Impl", "opaque", "pkg._impl.Impl")  # type: ignore[union-attr]


def test_items_reexported_under_another_name_use_the_public_name() -> None:
    surf = surface(
        module(imports=[("fetch", "pkg._impl.get"), ("Handle", "pkg._impl.Impl")]),
        module(
            "pkg._impl", functions=[func("get", param("u", "int | str"))], classes=[klass("Impl")]
        ),
    )
    lowered = lower_checked(surf)
    fetch = next(b for b in lowered.bound if b.path == "pkg.fetch")
    assert fetch.name == "fetch"
    assert fetch.source.name == "get"  # type: ignore[union-attr]
    assert fetch.params[0].type == NamedType("FetchUUnion", "sum")  # type: ignore[union-attr]
    handle = next(b for b in lowered.bound if b.path == "pkg.Handle")
    assert handle.name == "Handle"
    assert handle.type == NamedType("Impl", "opaque", "pkg._impl.Impl")  # type: ignore[union-attr]


def test_unfollowable_dunder_all_name_is_skipped_not_dropped() -> None:
    lowered = lower_checked(KITCHEN_SINK, "pkg.sub")
    assert [b.path for b in lowered.bound] == ["pkg.sub.only"]
    (ghost,) = lowered.skipped
    assert (ghost.item_path, ghost.reason) == ("pkg.sub.ghost", SkipReason.EXTERNAL_ITEM)


def test_lowering_is_deterministic() -> None:
    first = lower_checked(KITCHEN_SINK)
    again = lower_checked(KITCHEN_SINK)
    assert first == again
    # A structurally equal but distinct surface object gives the same result.
    copy = Surface(KITCHEN_SINK.package, tuple(KITCHEN_SINK.modules))
    assert lower_checked(copy) == first


def test_the_same_union_met_twice_shares_one_declaration() -> None:
    surf = surface(
        module(
            functions=[
                func("f", param("n", "Number")),
                func("g", param("n", "Number"), returns="Number"),
            ],
            aliases=[alias("Number", "int | float")],
            dunder_all=("f", "g"),
        )
    )
    lowered = lower_checked(surf)
    assert [d.name for d in lowered.types] == ["NumberUnion"]


def test_unknown_module_is_a_typed_error() -> None:
    with pytest.raises(UnknownModuleError) as info:
        lower_checked(KITCHEN_SINK, "pkg.nope")
    error = info.value
    assert (error.module, error.package) == ("pkg.nope", "pkg")
    assert error.known == ("pkg", "pkg._impl", "pkg.sub")
    assert isinstance(error, ValueError)


def test_empty_module() -> None:
    lowered = lower_checked(surface(module()))
    assert (lowered.bound, lowered.skipped, lowered.member_skips, lowered.types) == ((), (), (), ())


def test_the_collector_is_paused_while_lowering_and_resumed_after() -> None:
    import gc

    from mochi_py_stubs import parse_module

    text = "".join(f"def f{i}(a: int, b: list[str] | None) -> int: ...\n" for i in range(2000))
    big = Surface("pkg", (parse_module(text, module="pkg"),))
    seen: list[bool] = []
    gc.enable()
    gc.callbacks.append(lambda phase, info: seen.append(True))
    try:
        lower_module(big)  # thousands of allocations, so collections unless paused
    finally:
        gc.callbacks.pop()
    assert seen == []
    assert gc.isenabled()
    with pytest.raises(UnknownModuleError):
        lower_module(big, "pkg.nope")
    assert gc.isenabled()
