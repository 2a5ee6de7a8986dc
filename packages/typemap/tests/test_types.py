"""MochiType values and TypeDecls: rendering (golden strings), kind/children, validation."""

from __future__ import annotations

import pytest

from mochi_py_typemap import (
    ANY,
    BOOL,
    FLOAT,
    INT,
    MOCHI_RESERVED_WORDS,
    STRING,
    UNIT,
    EnumDecl,
    FunType,
    InvalidIdentifierError,
    InvalidTypeError,
    ListType,
    MapType,
    NamedType,
    OpaqueDecl,
    OptionType,
    RecordDecl,
    ScalarType,
    SetType,
    StreamType,
    SumDecl,
    TupleType,
    TypemapError,
    TypeVarType,
    mochi_name,
    render,
)

POINT = NamedType("Point", "record", "pkg.Point")

RENDERED = [
    (INT, "int", "scalar"),
    (FLOAT, "float", "scalar"),
    (STRING, "string", "scalar"),
    (BOOL, "bool", "scalar"),
    (ANY, "any", "scalar"),
    (UNIT, "unit", "scalar"),
    (ListType(INT), "list<int>", "list"),
    (MapType(STRING, ListType(INT)), "map<string, list<int>>", "map"),
    (SetType(STRING), "set<string>", "set"),
    (TupleType((INT, STRING, BOOL)), "tuple<int, string, bool>", "tuple"),
    (TupleType((INT,)), "tuple<int>", "tuple"),
    (OptionType(INT), "option<int>", "option"),
    (OptionType(POINT), "option<Point>", "option"),
    (FunType((INT, STRING), BOOL), "fun(int, string): bool", "fun"),
    (FunType((), UNIT), "fun(): unit", "fun"),
    (StreamType(INT), "stream<int>", "stream"),
    (POINT, "Point", "named"),
    (TypeVarType("T"), "any", "typevar"),
    (
        MapType(STRING, ListType(OptionType(INT))),
        "map<string, list<option<int>>>",
        "map",
    ),
]


@pytest.mark.parametrize(("t", "text", "kind"), RENDERED)
def test_render_and_kind(t: object, text: str, kind: str) -> None:
    assert render(t) == text  # type: ignore[arg-type]
    assert t.render() == text  # type: ignore[attr-defined]
    assert t.kind == kind  # type: ignore[attr-defined]


def test_children_are_the_component_types() -> None:
    assert INT.children == ()
    assert ListType(INT).children == (INT,)
    assert MapType(STRING, BOOL).children == (STRING, BOOL)
    assert SetType(INT).children == (INT,)
    assert TupleType((INT, STRING)).children == (INT, STRING)
    assert OptionType(INT).children == (INT,)
    assert FunType((INT, STRING), BOOL).children == (INT, STRING, BOOL)
    assert StreamType(FLOAT).children == (FLOAT,)
    assert POINT.children == ()
    assert TypeVarType("T").children == ()


def test_types_are_hashable_values() -> None:
    assert ListType(INT) == ListType(ScalarType("int"))
    assert len({ListType(INT), ListType(INT), SetType(INT)}) == 2
    with pytest.raises(AttributeError):
        INT.name = "float"  # type: ignore[misc]


def test_decl_render_golden() -> None:
    record = RecordDecl("Point", (("x", INT), ("y", OptionType(STRING))), "pkg.Point")
    assert record.render() == "type Point { x: int, y: option<string> }"
    assert record.kind == "record"
    assert record.children == (INT, OptionType(STRING))
    assert RecordDecl("Empty", ()).render() == "type Empty {}"
    assert OpaqueDecl("Client", "pkg.Client").render() == "type Client = any"
    assert EnumDecl("Color", ("RED", "GREEN")).render() == "type Color = any"
    total = SumDecl("FXUnion", (("FXUnionInt", INT), ("FXUnionString", STRING)))
    assert total.render() == "type FXUnion = FXUnionInt(value: int) | FXUnionString(value: string)"
    assert total.kind == "sum"
    assert total.children == (INT, STRING)


def test_record_field_names_are_mangled_when_reserved() -> None:
    record = RecordDecl("Job", (("type", STRING), ("load_", INT), ("name", STRING)))
    assert record.render() == "type Job { type_: string, load__: int, name: string }"


def test_mochi_name_mangles_reversibly() -> None:
    assert mochi_name("load") == "load_"
    assert mochi_name("load_") == "load__"
    assert mochi_name("loader") == "loader"
    assert mochi_name("value") == "value"
    for word in MOCHI_RESERVED_WORDS:
        assert mochi_name(word)[:-1] == word
    with pytest.raises(InvalidIdentifierError) as info:
        mochi_name("café")
    assert info.value.name == "café"
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, TypemapError)


@pytest.mark.parametrize(
    ("build", "type_name", "field", "value"),
    [
        (lambda: ScalarType("bytes"), "ScalarType", "name", "bytes"),
        (lambda: ScalarType("void"), "ScalarType", "name", "void"),
        (lambda: NamedType("type", "opaque"), "NamedType", "name", "type"),
        (lambda: NamedType("list", "opaque"), "NamedType", "name", "list"),
        (lambda: NamedType("Café", "opaque"), "NamedType", "name", "Café"),
        (lambda: NamedType("a.b", "opaque"), "NamedType", "name", "a.b"),
        (lambda: NamedType("Point", "class"), "NamedType", "decl_kind", "class"),
        (lambda: TupleType(()), "TupleType", "elems", "()"),
        (lambda: RecordDecl("P", (("x", INT), ("x", INT))), "RecordDecl", "fields", "x"),
        (lambda: RecordDecl("P", (("x-y", INT),)), "RecordDecl", "fields", "x-y"),
        (lambda: OpaqueDecl("fun"), "OpaqueDecl", "name", "fun"),
        (lambda: EnumDecl("9Lives", ()), "EnumDecl", "name", "9Lives"),
        (lambda: SumDecl("S", (("SInt", INT),)), "SumDecl", "variants", "('SInt',)"),
        (lambda: SumDecl("S", (("set", INT), ("SB", BOOL))), "SumDecl", "variants", "set"),
    ],
)
def test_invalid_values_raise_typed_errors(
    build: object, type_name: str, field: str, value: str
) -> None:
    with pytest.raises(InvalidTypeError) as info:
        build()  # type: ignore[operator]
    error = info.value
    assert (error.type_name, error.field, error.value) == (type_name, field, value)
    assert error.reason
    assert isinstance(error, ValueError)
