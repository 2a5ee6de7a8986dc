"""Unions (options, sums, overlaps), type aliases (generic, cross-module, recursive) and
forward-reference strings."""

from __future__ import annotations

from typemap_helpers import (
    FROZEN_DATACLASS,
    alias,
    ann,
    attr,
    ctx,
    klass,
    module,
    surface,
    typevar,
)

from mochi_py_stubs import ClassMarker, TName, TStr
from mochi_py_typemap import (
    FLOAT,
    INT,
    STRING,
    NamedType,
    OptionType,
    SkipReason,
    SkipReport,
    SumDecl,
    map_type,
    map_type_with_decls,
)

SURFACE = surface(
    module(
        classes=[
            klass("Point", markers=FROZEN_DATACLASS, attributes=[attr("x", "int")]),
            klass("Client"),
            klass("Movie", markers=[ClassMarker.TYPEDDICT], attributes=[attr("t", "str")]),
            klass("Show", markers=[ClassMarker.TYPEDDICT], attributes=[attr("t", "str")]),
            klass("FXUnion"),
        ],
        typevars=[typevar("T"), typevar("K"), typevar("V")],
        aliases=[
            alias("Number", "int | float"),
            alias("MaybeNumber", "Optional[Number]"),
            alias("Chain", "Number"),
            alias("Vec", "list[T]"),
            alias("Table", "dict[K, list[V]]"),
            alias("Pair", "tuple[A, B]", type_params=("A", "B")),
            alias("Json", "dict[str, Json] | list[Json] | str | None"),
            alias("Ping", "list[Pong]"),
            alias("Pong", "list[Ping]"),
            alias("Strs", "'list[str]'"),
        ],
        imports=[("Thing", "pkg._types.Thing"), ("Opt", "pkg._types.Opt")],
    ),
    module(
        "pkg._types",
        classes=[klass("Thing")],
        aliases=[alias("Opt", "Optional['Thing']", module="pkg._types")],
        imports=[("Seq", "typing.Sequence")],
    ),
)


def mapped(text: str, **kw: object) -> tuple[str, list[str]]:
    result, decls = map_type_with_decls(ann(text), ctx(SURFACE, **kw))  # type: ignore[arg-type]
    assert not isinstance(result, SkipReport), result
    return result.render(), [d.render() for d in decls]


def refused(text: str, **kw: object) -> SkipReport:
    result = map_type(ann(text), ctx(SURFACE, **kw))  # type: ignore[arg-type]
    assert isinstance(result, SkipReport), result
    return result


def test_union_of_several_types_is_a_sum_named_from_item_path_and_slot() -> None:
    text, decls = mapped("int | str", item_path="pkg.Client.send", slot="time_out")
    assert text == "ClientSendTimeOutUnion"
    assert decls == [
        "type ClientSendTimeOutUnion = ClientSendTimeOutUnionInt(value: int)"
        " | ClientSendTimeOutUnionString(value: string)"
    ]


def test_union_with_none_is_an_option_of_the_sum() -> None:
    result, decls = map_type_with_decls(
        ann("Union[int, Union[str, None]]"), ctx(SURFACE, item_path="pkg.get", slot="q")
    )
    assert result == OptionType(NamedType("GetQUnion", "sum"))
    assert decls == (SumDecl("GetQUnion", (("GetQUnionInt", INT), ("GetQUnionString", STRING))),)


def test_duplicate_members_collapse() -> None:
    assert mapped("int | int | None")[0] == "option<int>"
    assert mapped("list[int] | Sequence[int]")[0] == "list<int>"
    assert mapped("Optional[int] | None")[0] == "option<int>"


def test_two_unions_in_one_slot_get_distinct_names_and_a_class_name_is_never_reused() -> None:
    # `FXUnion` is a class of the package, so the first sum of slot `x` of `pkg.f` skips it.
    text, decls = mapped("tuple[int | str, float | bool]")
    assert text == "tuple<FXUnion2, FXUnion3>"
    assert decls == [
        "type FXUnion2 = FXUnion2Int(value: int) | FXUnion2String(value: string)",
        "type FXUnion3 = FXUnion3Float(value: float) | FXUnion3Bool(value: bool)",
    ]


def test_sum_variants_of_named_types_use_their_names() -> None:
    text, decls = mapped("Point | Client", item_path="pkg.g", slot="v")
    assert text == "GVUnion"
    assert "type GVUnion = GVUnionPoint(value: Point) | GVUnionClient(value: Client)" in decls


def test_alias_union_is_a_sum_named_after_the_alias() -> None:
    text, decls = mapped("Number")
    assert text == "NumberUnion"
    assert decls == [
        "type NumberUnion = NumberUnionInt(value: int) | NumberUnionFloat(value: float)"
    ]
    assert mapped("Chain")[0] == "NumberUnion"  # an alias of an alias: the innermost names it


def test_aliases_inside_a_union_are_opened_up() -> None:
    text, decls = mapped("Number | None", item_path="pkg.f", slot="n")
    assert text == "option<FNUnion>"
    assert decls == ["type FNUnion = FNUnionInt(value: int) | FNUnionFloat(value: float)"]
    assert mapped("MaybeNumber")[0] == "option<MaybeNumberUnion>"


def test_overlapping_members_are_an_open_union() -> None:
    cases = {
        "list[int] | list[str]": "union members list<int> and list<string> cannot be told apart"
        " at run time",
        "Movie | dict[str, int]": "union members Movie and map<string, int> cannot be told"
        " apart at run time",
        "Movie | Show": "union members Movie and Show cannot be told apart at run time",
        "int | T": "union member any (type variable T) overlaps every other member",
    }
    for text, detail in cases.items():
        report = refused(text)
        assert report.reason is SkipReason.OPEN_UNION
        assert report.detail == detail


def test_allow_partial_turns_sums_into_any() -> None:
    assert mapped("int | str", allow_partial=True)[0] == "any"
    assert mapped("Number", allow_partial=True)[0] == "any"
    assert mapped("int | None", allow_partial=True)[0] == "option<int>"


def test_first_failing_member_decides() -> None:
    report = refused("int | complex | bytes")
    assert report.reason is SkipReason.NO_COMPLEX_TYPE
    report = refused("bytes | complex")
    assert report.reason is SkipReason.NO_BYTES_TYPE


def test_generic_aliases_substitute_their_arguments() -> None:
    assert mapped("Vec[int]")[0] == "list<int>"
    assert mapped("Vec")[0] == "list<any>"
    assert mapped("Table[str, float]")[0] == "map<string, list<float>>"
    assert mapped("Pair[int, str]")[0] == "tuple<int, string>"
    assert mapped("Vec['Point']")[0] == "list<Point>"
    report = refused("Table[str]")
    assert report.reason is SkipReason.UNSUPPORTED_TYPING_CONSTRUCT
    assert report.detail == "type alias Table takes 2 type arguments, got 1"


def test_recursive_aliases_are_refused_with_the_cycle() -> None:
    report = refused("Json")
    assert report.reason is SkipReason.RECURSIVE_ALIAS
    assert report.detail == "type alias Json refers to itself (pkg.Json -> pkg.Json)"
    report = refused("Ping")
    assert report.reason is SkipReason.RECURSIVE_ALIAS
    assert report.detail == "type alias Ping refers to itself (pkg.Ping -> pkg.Pong -> pkg.Ping)"
    report = refused("list[Pong]")
    assert report.detail == "type alias Pong refers to itself (pkg.Pong -> pkg.Ping -> pkg.Pong)"


def test_alias_from_another_module_reads_its_strings_in_that_module() -> None:
    assert mapped("Opt")[0] == "option<Thing>"
    assert mapped("Strs")[0] == "list<string>"


def test_forward_reference_strings_use_the_module_imports() -> None:
    result = map_type(TStr("Seq[int]"), ctx(SURFACE, "pkg._types"))
    assert not isinstance(result, SkipReport)
    assert result.render() == "list<int>"
    report = map_type(TStr("Seq[int]"), ctx(SURFACE, "pkg"))  # pkg does not import Seq
    assert isinstance(report, SkipReport)
    assert report.reason is SkipReason.FORWARD_REF


def test_forward_reference_nesting_is_bounded() -> None:
    text = "int"
    for _ in range(12):
        text = repr(text)
    report = map_type(TStr(text), ctx(SURFACE))
    assert isinstance(report, SkipReport)
    assert report.reason is SkipReason.UNSUPPORTED_TYPING_CONSTRUCT
    assert "nested too deeply" in report.detail


def test_unresolved_import_of_the_package_is_a_forward_ref() -> None:
    surf = surface(module(imports=[("Loop", "pkg.Loop")]))
    report = map_type(TName("Loop", "pkg.Loop"), ctx(surf))
    assert isinstance(report, SkipReport)
    assert report.reason is SkipReason.FORWARD_REF


def test_scalars_in_sums() -> None:
    result, decls = map_type_with_decls(
        ann("float | int"), ctx(SURFACE, item_path="pkg.h", slot="")
    )
    assert result == NamedType("HUnion", "sum")
    assert decls == (SumDecl("HUnion", (("HUnionFloat", FLOAT), ("HUnionInt", INT))),)
