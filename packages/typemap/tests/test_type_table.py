"""Every row of the closed type table, including every refusal (reason and detail)."""

from __future__ import annotations

import pytest
from typemap_helpers import (
    FROZEN_DATACLASS,
    alias,
    ann,
    attr,
    const,
    ctx,
    func,
    klass,
    module,
    surface,
    typevar,
)

from mochi_py_stubs import (
    ClassMarker,
    TConst,
    TEllipsis,
    TList,
    TName,
    TStr,
    TSubscript,
    TUnsupported,
    TypeVarKind,
)
from mochi_py_typemap import (
    ANY,
    INT,
    RecordDecl,
    SkipReason,
    SkipReport,
    map_type,
    map_type_with_decls,
)

SURFACE = surface(
    module(
        classes=[
            klass(
                "Point", markers=FROZEN_DATACLASS, attributes=[attr("x", "int"), attr("y", "int")]
            ),
            klass("Client"),
            klass(
                "Color",
                bases=["enum.Enum"],
                markers=[ClassMarker.ENUM],
                attributes=[attr("RED", None, default=1), attr("GREEN", None, default=2)],
            ),
            klass("Movie", markers=[ClassMarker.TYPEDDICT], attributes=[attr("title", "str")]),
            klass("Err", bases=["Exception"], markers=[ClassMarker.EXCEPTION]),
            klass("Box", markers=[ClassMarker.GENERIC], type_params=("T",)),
            klass("Outer", classes=[klass("Inner")]),
            klass("Café"),
        ],
        typevars=[
            typevar("T"),
            typevar("P", TypeVarKind.PARAMSPEC),
            typevar("Ts", TypeVarKind.TYPEVARTUPLE),
        ],
        aliases=[alias("IntList", "list[int]")],
        functions=[func("helper")],
        constants=[const("LIMIT", "int", 3)],
        imports=[("Impl", "pkg._impl.Impl"), ("L", "typing.List"), ("Gone", "pkg._impl.Gone")],
    ),
    module("pkg._impl", classes=[klass("Impl")]),
)

OK_STRICT = [
    ("int", "int"),
    ("float", "float"),
    ("str", "string"),
    ("bool", "bool"),
    ("None", "unit"),
    ("NoneType", "unit"),
    ("NoReturn", "unit"),
    ("Never", "unit"),
    ("int | Never", "int"),
    ("Optional[NoReturn]", "unit"),
    ("Text", "string"),
    ("LiteralString", "string"),
    ("builtins.int", "int"),
    ("list[int]", "list<int>"),
    ("List[int]", "list<int>"),
    ("L[int]", "list<int>"),
    ("typing.List[str]", "list<string>"),
    ("te.List[str]", "list<string>"),
    ("Sequence[int]", "list<int>"),
    ("abc.Sequence[int]", "list<int>"),
    ("MutableSequence[int]", "list<int>"),
    ("abc.Iterable[int]", "list<int>"),
    ("Iterator[int]", "list<int>"),
    ("Collection[int]", "list<int>"),
    ("Deque[int]", "list<int>"),
    ("collections.deque[int]", "list<int>"),
    ("Generator[int, None, None]", "list<int>"),
    ("abc.Generator[str, None, int]", "list<string>"),
    ("set[int]", "set<int>"),
    ("frozenset[str]", "set<string>"),
    ("FrozenSet[int]", "set<int>"),
    ("AbstractSet[int]", "set<int>"),
    ("abc.MutableSet[int]", "set<int>"),
    ("dict[str, int]", "map<string, int>"),
    ("Dict[int, str]", "map<int, string>"),
    ("Mapping[str, list[int]]", "map<string, list<int>>"),
    ("MutableMapping[str, bool]", "map<string, bool>"),
    ("abc.Mapping[str, float]", "map<string, float>"),
    ("DefaultDict[str, int]", "map<string, int>"),
    ("collections.OrderedDict[str, int]", "map<string, int>"),
    ("dict[Literal['a', 'b'], int]", "map<string, int>"),
    ("tuple[int, ...]", "list<int>"),
    ("Tuple[str, ...]", "list<string>"),
    ("tuple[int, str]", "tuple<int, string>"),
    ("tuple[int]", "tuple<int>"),
    ("Optional[int]", "option<int>"),
    ("int | None", "option<int>"),
    ("None | int", "option<int>"),
    ("Optional[Optional[int]]", "option<int>"),
    ("Union[int]", "int"),
    ("Union[int, None]", "option<int>"),
    ("Union[None, None]", "unit"),
    ("Callable[[int, str], bool]", "fun(int, string): bool"),
    ("Callable[[], None]", "fun(): unit"),
    ("abc.Callable[[int], list[int]]", "fun(int): list<int>"),
    ("AsyncIterator[int]", "stream<int>"),
    ("AsyncIterable[str]", "stream<string>"),
    ("abc.AsyncIterator[int]", "stream<int>"),
    ("AsyncGenerator[int, None]", "stream<int>"),
    ("Point", "Point"),
    ("pkg.Point", "Point"),
    ("list[Point]", "list<Point>"),
    ("Client", "Client"),
    ("Color", "Color"),
    ("Movie", "Movie"),
    ("Err", "Err"),
    ("Box[int]", "Box"),
    ("Outer.Inner", "Outer_Inner"),
    ("Impl", "Impl"),
    ("T", "any"),
    ("list[T]", "list<any>"),
    ("AnyStr", "any"),
    ("IntList", "list<int>"),
    ("Literal['a', 'b']", "string"),
    ("Literal[1, 2, -3]", "int"),
    ("Literal[True]", "bool"),
    ("Literal['a', None]", "option<string>"),
    ("Literal[None]", "unit"),
    ("Literal[Literal['a'], 'b']", "string"),
    ("Literal[Color.RED, Color.GREEN]", "Color"),
    ("Annotated[int, 'meta']", "int"),
    ("Annotated[list[str], 1, 2]", "list<string>"),
    ("Final[int]", "int"),
    ("ClassVar[str]", "string"),
    ("Required[int]", "int"),
    ("NotRequired[int]", "int"),
    ("ReadOnly[int]", "int"),
    ("TypeGuard[int]", "bool"),
    ("TypeIs[str]", "bool"),
    ("'Point'", "Point"),
    ("'int'", "int"),
    ("list['Point']", "list<Point>"),
    ("'list[int] | None'", "option<list<int>>"),
    ("\"'int'\"", "int"),
]


@pytest.mark.parametrize(("text", "expected"), OK_STRICT)
def test_table_maps(text: str, expected: str) -> None:
    result = map_type(ann(text), ctx(SURFACE))
    assert not isinstance(result, SkipReport), result
    assert result.render() == expected


REFUSED_STRICT = [
    ("Any", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "Any has no Mochi counterpart"),
    ("object", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "object outside Protocol position"),
    ("list[Any]", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "Any has no Mochi counterpart"),
    ("complex", SkipReason.NO_COMPLEX_TYPE, "Python complex has no Mochi counterpart"),
    ("list[complex]", SkipReason.NO_COMPLEX_TYPE, "Python complex has no Mochi counterpart"),
    ("bytes", SkipReason.NO_BYTES_TYPE, "bytes has no Mochi counterpart (Mochi has no bytes type)"),
    (
        "bytearray",
        SkipReason.NO_BYTES_TYPE,
        "bytearray has no Mochi counterpart (Mochi has no bytes type)",
    ),
    (
        "memoryview",
        SkipReason.NO_BYTES_TYPE,
        "memoryview has no Mochi counterpart (Mochi has no bytes type)",
    ),
    (
        "ReadableBuffer",
        SkipReason.NO_BYTES_TYPE,
        "ReadableBuffer has no Mochi counterpart (Mochi has no bytes type)",
    ),
    (
        "dict[str, bytes]",
        SkipReason.NO_BYTES_TYPE,
        "bytes has no Mochi counterpart (Mochi has no bytes type)",
    ),
    (
        "Literal[b'x']",
        SkipReason.NO_BYTES_TYPE,
        "Literal[b'x'] has no Mochi counterpart (Mochi has no bytes type)",
    ),
    (
        "Callable[..., int]",
        SkipReason.PARAM_SPEC,
        "Callable[..., R] is out of scope (ParamSpec-shaped)",
    ),
    ("Callable[P, int]", SkipReason.PARAM_SPEC, "Callable[P, R] with a ParamSpec is out of scope"),
    (
        "Callable[Concatenate[int, P], int]",
        SkipReason.PARAM_SPEC,
        "Callable[Concatenate[int, P], R] with a ParamSpec is out of scope",
    ),
    ("P", SkipReason.PARAM_SPEC, "ParamSpec P is out of scope"),
    ("ParamSpec", SkipReason.PARAM_SPEC, "ParamSpec / Concatenate is out of scope"),
    ("Concatenate[int, P]", SkipReason.PARAM_SPEC, "ParamSpec / Concatenate is out of scope"),
    ("Ts", SkipReason.TYPE_VAR_TUPLE, "TypeVarTuple Ts is out of scope"),
    ("Unpack[Ts]", SkipReason.TYPE_VAR_TUPLE, "TypeVarTuple / Unpack is out of scope"),
    ("TypeVarTuple", SkipReason.TYPE_VAR_TUPLE, "TypeVarTuple / Unpack is out of scope"),
    (
        "Callable[int, str]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Callable parameter list must be a bracketed sequence",
    ),
    (
        "Callable[[int]]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Callable takes 2 type arguments, got 1",
    ),
    (
        "list[int, str]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "list takes 1 type argument, got 2",
    ),
    (
        "List[int, str]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "List takes 1 type argument, got 2",
    ),
    ("set[int, int]", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "set takes 1 type argument, got 2"),
    (
        "frozenset[int, int]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "frozenset takes 1 type argument, got 2",
    ),
    ("dict[str]", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "dict takes 2 type arguments, got 1"),
    (
        "Optional[int, str]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Optional takes 1 type argument, got 2",
    ),
    (
        "Generator[int, None, None, None]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Generator takes 1 to 3 type arguments, got 4",
    ),
    (
        "Final[int, str]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Final takes 1 type argument, got 2",
    ),
    (
        "dict[float, int]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "map keys must be str or an integer type, got float",
    ),
    (
        "dict[bool, int]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "map keys must be str or an integer type, got bool",
    ),
    (
        "dict[Point, int]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "map keys must be str or an integer type, got Point",
    ),
    ("dict[Any, int]", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "Any has no Mochi counterpart"),
    (
        "tuple[()]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "tuple[()] (the empty tuple) has no Mochi counterpart",
    ),
    (
        "tuple[..., int]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "'...' is only allowed as tuple[X, ...], got tuple[..., int]",
    ),
    (
        "type[int]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "type[int]: type[X] has no Mochi counterpart",
    ),
    (
        "Type[Point]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Type[Point]: type[X] has no Mochi counterpart",
    ),
    ("type", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "type[X] has no Mochi counterpart"),
    (
        "Awaitable[int]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Awaitable[...] is only supported as a function's return type (awaited)",
    ),
    (
        "Coroutine[Any, Any, int]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Coroutine[...] is only supported as a function's return type (awaited)",
    ),
    (
        "Literal[1, 'a']",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Literal arguments of mixed kinds are out of scope (int, string)",
    ),
    (
        "Literal[True, 1]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Literal arguments of mixed kinds are out of scope (bool, int)",
    ),
    (
        "Literal[1.5]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Literal[1.5]: float values are not valid in Literal (PEP 586)",
    ),
    (
        "Literal[int]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Literal argument must be a literal, got int",
    ),
    (
        "Literal[f()]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Literal argument must be a literal, got f()",
    ),
    (
        "List",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "bare typing constructor List without subscript",
    ),
    (
        "list",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "bare typing constructor list without subscript",
    ),
    (
        "Optional",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "bare typing constructor Optional without subscript",
    ),
    (
        "Union",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "bare typing constructor Union without subscript",
    ),
    (
        "Callable",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "bare typing constructor Callable without subscript",
    ),
    (
        "Final",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "bare typing constructor Final without subscript",
    ),
    (
        "Literal",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "bare typing constructor Literal without subscript",
    ),
    ("Generic", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "Generic is not a type"),
    ("Protocol", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "Protocol is not a type"),
    ("KW_ONLY", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "KW_ONLY is not a type"),
    ("Self", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "Self outside a class has no meaning"),
    ("int[str]", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "int is not generic"),
    (
        "bytes[int]",
        SkipReason.NO_BYTES_TYPE,
        "bytes has no Mochi counterpart (Mochi has no bytes type)",
    ),
    ("T[int]", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "type variable T cannot be subscripted"),
    (
        "Annotated[()]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "Annotated requires a type argument",
    ),
    ("Union[()]", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "empty union"),
    (
        "helper",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "helper is a function of the package, not a type",
    ),
    (
        "LIMIT",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "LIMIT is a constant of the package, not a type",
    ),
    ("pkg", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "pkg is a module of the package, not a type"),
    ("helper[int]", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "helper is not a type"),
    (
        "Color.RED",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "enum member Color.RED used as a type (write Literal[Color.RED])",
    ),
    (
        "IntList[int]",
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "type alias IntList takes 0 type arguments, got 1",
    ),
    ("Unknown", SkipReason.FORWARD_REF, "unresolved name Unknown (pkg.Unknown)"),
    ("Gone", SkipReason.FORWARD_REF, "unresolved name Gone (pkg.Gone)"),
    ("Outer.Missing", SkipReason.FORWARD_REF, "unresolved name Outer.Missing (pkg.Outer.Missing)"),
    (
        "datetime.datetime",
        SkipReason.FORWARD_REF,
        "unresolved name datetime.datetime (pkg.datetime.datetime)",
    ),
    ("range", SkipReason.FORWARD_REF, "unresolved name range (builtins.range)"),
    ("Unknown[int]", SkipReason.FORWARD_REF, "unresolved subscript base Unknown (pkg.Unknown)"),
    ("range[int]", SkipReason.FORWARD_REF, "unresolved subscript base range (builtins.range)"),
    ("'Unknown'", SkipReason.FORWARD_REF, "unresolved name Unknown (pkg.Unknown)"),
    ("'list['", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, None),
    (
        "Café",
        SkipReason.INVALID_IDENTIFIER,
        "class pkg.Café cannot be named in Mochi: 'Café' is not an ASCII identifier",
    ),
    ("f(x)", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "unsupported type expression: f(x)"),
    ("1", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "bare literal 1 at type position"),
    ("...", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "bare ellipsis at type position"),
    ("[int]", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "bare list [int] at type position"),
    ("int | complex", SkipReason.NO_COMPLEX_TYPE, "Python complex has no Mochi counterpart"),
    ("complex | Any", SkipReason.OPEN_UNION, "union branch is Any (Any), so the union is open"),
]


@pytest.mark.parametrize(("text", "reason", "detail"), REFUSED_STRICT)
def test_table_refuses_with_reason_and_detail(
    text: str, reason: SkipReason, detail: str | None
) -> None:
    result = map_type(ann(text), ctx(SURFACE, item_path="pkg.mod.f"))
    assert isinstance(result, SkipReport), result
    assert result.reason is reason
    assert result.item_path == "pkg.mod.f"
    if detail is None:
        assert result.detail.startswith("cannot parse forward reference 'list[': ")
    else:
        assert result.detail == detail


def test_any_and_object_carry_the_upstream_override() -> None:
    for text in ("Any", "object"):
        result = map_type(ann(text), ctx(SURFACE))
        assert isinstance(result, SkipReport)
        assert result.override == "declare a concrete type via @extern python override"


PARTIAL = [
    ("Any", "any"),
    ("object", "any"),
    ("list[Any]", "list<any>"),
    ("Optional[Any]", "option<any>"),
    ("Any | None", "option<any>"),
    ("list", "list<any>"),
    ("List", "list<any>"),
    ("tuple", "list<any>"),
    ("set", "set<any>"),
    ("frozenset", "set<any>"),
    ("Iterator", "list<any>"),
    ("AsyncIterator", "stream<any>"),
    ("dict", "any"),
    ("Callable", "any"),
    ("dict[float, int]", "any"),
    ("dict[Any, int]", "any"),
    ("dict[str, Any]", "map<string, any>"),
    ("int | str", "any"),
    ("int | str | None", "any"),
]


@pytest.mark.parametrize(("text", "expected"), PARTIAL)
def test_allow_partial(text: str, expected: str) -> None:
    result = map_type(ann(text), ctx(SURFACE, allow_partial=True))
    assert not isinstance(result, SkipReport), result
    assert result.render() == expected


def test_open_union_is_refused_in_both_modes() -> None:
    for partial in (False, True):
        result = map_type(ann("int | Any"), ctx(SURFACE, allow_partial=partial))
        assert isinstance(result, SkipReport)
        assert result.reason is SkipReason.OPEN_UNION
        assert result.detail == "union branch is Any (Any), so the union is open"
    result = map_type(ann("Union[str, object, None]"), ctx(SURFACE, allow_partial=True))
    assert isinstance(result, SkipReport)
    assert result.reason is SkipReason.OPEN_UNION


def test_missing_annotation() -> None:
    result = map_type(None, ctx(SURFACE))
    assert isinstance(result, SkipReport)
    assert (result.reason, result.detail) == (
        SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
        "no annotation",
    )
    assert map_type(None, ctx(SURFACE, allow_partial=True)) == ANY


def test_self_inside_a_class_is_that_class() -> None:
    result = map_type(ann("Self"), ctx(SURFACE, enclosing_class="pkg.Client"))
    assert not isinstance(result, SkipReport)
    assert result.render() == "Client"
    result = map_type(ann("list[Self]"), ctx(SURFACE, enclosing_class="pkg.Outer.Inner"))
    assert not isinstance(result, SkipReport)
    assert result.render() == "list<Outer_Inner>"


def test_class_type_parameters_are_type_variables_inside_the_class() -> None:
    # `T` resolves nowhere at module level in this surface, but it is Box's type parameter.
    tree = TName("U", "pkg.U")
    box = surface(module(classes=[klass("Box", type_params=("U",))]))
    assert isinstance(map_type(tree, ctx(box)), SkipReport)
    assert map_type(tree, ctx(box, enclosing_class="pkg.Box")).render() == "any"  # type: ignore[union-attr]


def test_empty_literal_is_refused() -> None:
    tree = TSubscript(TName("Literal", "typing.Literal"), ())
    result = map_type(tree, ctx(SURFACE))
    assert isinstance(result, SkipReport)
    assert result.reason is SkipReason.UNSUPPORTED_TYPING_CONSTRUCT
    assert result.detail == "Literal[] requires at least one argument"


def test_class_names_that_are_mochi_words_are_mangled() -> None:
    surf = surface(module(classes=[klass("list"), klass("stream"), klass("Stream")]))
    rendered = [
        map_type(TName(n, f"pkg.{n}"), ctx(surf)).render()  # type: ignore[union-attr]
        for n in ("list", "stream", "Stream")
    ]
    assert rendered == ["list_", "stream_", "Stream"]


def test_same_class_name_in_two_modules_gets_distinct_mochi_names() -> None:
    surf = surface(
        module(classes=[klass("Client")]),
        module("pkg.sub", classes=[klass("Client")]),
        module("pkg.sub.deep", classes=[klass("Client_2")]),
    )
    top = map_type(TName("Client", "pkg.Client"), ctx(surf))
    sub = map_type(TName("Client", "pkg.sub.Client"), ctx(surf))
    assert (top.render(), sub.render()) == ("Client", "Client_3")  # type: ignore[union-attr]


def test_records_bring_their_declaration() -> None:
    result, decls = map_type_with_decls(ann("dict[str, Point]"), ctx(SURFACE))
    assert result.render() == "map<string, Point>"  # type: ignore[union-attr]
    assert decls == (RecordDecl("Point", (("x", INT), ("y", INT)), "pkg.Point"),)
    _, decls = map_type_with_decls(ann("Client | Color | None"), ctx(SURFACE))
    assert [d.render() for d in decls] == [
        "type Client = any",
        "type Color = any",
        "type FXUnion = FXUnionClient(value: Client) | FXUnionColor(value: Color)",
    ]
    assert decls[1].members == ("RED", "GREEN")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "tree",
    [TConst(b"x"), TConst(1.5), TEllipsis(), TList(()), TStr(""), TUnsupported("lambda: 0")],
)
def test_odd_trees_are_refused_not_raised(tree: object) -> None:
    result = map_type(tree, ctx(SURFACE))  # type: ignore[arg-type]
    assert isinstance(result, SkipReport)
    assert result.detail
