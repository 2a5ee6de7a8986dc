"""Property tests: map_type never raises, and what it renders is always valid Mochi text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from typemap_helpers import (
    FROZEN_DATACLASS,
    alias,
    attr,
    ctx,
    klass,
    module,
    param,
    sig,
    surface,
    typevar,
)

from mochi_py_stubs import (
    ClassMarker,
    Function,
    ParamKind,
    TConst,
    TEllipsis,
    TList,
    TName,
    TStr,
    TSubscript,
    TUnion,
    TUnsupported,
    TypeExpr,
    TypeVarKind,
    public_items,
)
from mochi_py_typemap import (
    MochiType,
    NamedType,
    SkipReason,
    SkipReport,
    SumDecl,
    lower_module,
    map_type,
    map_type_with_decls,
)

SURFACE = surface(
    module(
        classes=[
            klass(
                "Point", markers=FROZEN_DATACLASS, attributes=[attr("x", "int"), attr("n", "Node")]
            ),
            klass(
                "Node",
                markers=FROZEN_DATACLASS,
                attributes=[attr("kids", "list[Node]"), attr("p", "Point | None")],
            ),
            klass("Client"),
            klass("Color", markers=[ClassMarker.ENUM], attributes=[attr("RED", None, default=1)]),
            klass("Movie", markers=[ClassMarker.TYPEDDICT], attributes=[attr("t", "str")]),
        ],
        typevars=[
            typevar("T"),
            typevar("P", TypeVarKind.PARAMSPEC),
            typevar("Ts", TypeVarKind.TYPEVARTUPLE),
        ],
        aliases=[
            alias("Number", "int | float"),
            alias("Json", "dict[str, Json] | list[Json] | str"),
            alias("Vec", "list[T]"),
            alias("Fwd", "'Point | None'"),
        ],
    )
)

NAMES = [
    TName(n, r)
    for n, r in [
        ("int", "builtins.int"),
        ("str", "builtins.str"),
        ("float", "builtins.float"),
        ("bool", "builtins.bool"),
        ("bytes", "builtins.bytes"),
        ("complex", "builtins.complex"),
        ("object", "builtins.object"),
        ("list", "builtins.list"),
        ("dict", "builtins.dict"),
        ("tuple", "builtins.tuple"),
        ("set", "builtins.set"),
        ("type", "builtins.type"),
        ("Any", "typing.Any"),
        ("Optional", "typing.Optional"),
        ("Union", "typing.Union"),
        ("List", "typing.List"),
        ("Callable", "typing.Callable"),
        ("Literal", "typing.Literal"),
        ("Annotated", "typing.Annotated"),
        ("Final", "typing.Final"),
        ("Self", "typing.Self"),
        ("Awaitable", "typing.Awaitable"),
        ("AsyncIterator", "typing.AsyncIterator"),
        ("Generator", "typing.Generator"),
        ("Mapping", "collections.abc.Mapping"),
        ("Sequence", "collections.abc.Sequence"),
        ("Concatenate", "typing.Concatenate"),
        ("Unpack", "typing.Unpack"),
        ("NoReturn", "typing.NoReturn"),
        ("Point", "pkg.Point"),
        ("Node", "pkg.Node"),
        ("Client", "pkg.Client"),
        ("Color", "pkg.Color"),
        ("Color.RED", "pkg.Color.RED"),
        ("Movie", "pkg.Movie"),
        ("T", "pkg.T"),
        ("P", "pkg.P"),
        ("Ts", "pkg.Ts"),
        ("Number", "pkg.Number"),
        ("Json", "pkg.Json"),
        ("Vec", "pkg.Vec"),
        ("Fwd", "pkg.Fwd"),
        ("Nope", "pkg.Nope"),
        ("pathlib.Path", "pathlib.Path"),
    ]
]
STRINGS = [
    "int",
    "Point",
    "list[Node]",
    "Number | None",
    "[[",
    "",
    "'int'",
    "Json",
    "a b",
    "Vec[str]",
]

leaves = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from([None, True, 1, -2, 1.5, b"x"]).map(TConst),
    st.sampled_from(STRINGS).map(TStr),
    st.text(max_size=12).map(TStr),
    st.just(TEllipsis()),
    st.just(TUnsupported("f(x)")),
)


def _extend(children: st.SearchStrategy[TypeExpr]) -> st.SearchStrategy[TypeExpr]:
    args = st.lists(children, max_size=4).map(tuple)
    return st.one_of(
        st.builds(TSubscript, st.sampled_from(NAMES), args),
        st.builds(TUnion, st.lists(children, min_size=1, max_size=4).map(tuple)),
        st.builds(TList, args),
    )


trees = st.recursive(leaves, _extend, max_leaves=12)

FORBIDDEN = ("bytes", "async", "?", "void", "|")


def _named_in(t: MochiType) -> list[NamedType]:
    found = [t] if isinstance(t, NamedType) else []
    for child in t.children:
        found.extend(_named_in(child))
    return found


@settings(max_examples=200, deadline=None)
@given(tree=trees, partial=st.booleans())
def test_map_type_never_raises_and_renders_valid_mochi(tree: TypeExpr, partial: bool) -> None:
    context = ctx(SURFACE, allow_partial=partial, enclosing_class="pkg.Client")
    result, decls = map_type_with_decls(tree, context)
    if isinstance(result, SkipReport):
        assert result.reason in SkipReason
        assert result.detail
        assert result.item_path == "pkg.f"
        assert decls == ()
        return
    text = result.render()
    for bad in FORBIDDEN:
        assert bad not in text, (tree, text)
    by_name = {d.name: d for d in decls}
    for named in _named_in(result):
        assert named.name in by_name
    for decl in decls:
        rendered = decl.render()
        for bad in ("bytes", "async", "?", "void"):
            assert bad not in rendered
        assert ("|" in rendered) == (isinstance(decl, SumDecl))
        for child in decl.children:
            for named in _named_in(child):
                assert named.name in by_name
    assert [d.name for d in decls] == sorted(by_name)
    assert map_type(tree, context) == result  # deterministic


@settings(max_examples=100, deadline=None)
@given(
    annotations=st.lists(st.one_of(st.none(), trees), min_size=1, max_size=5),
    partial=st.booleans(),
)
def test_lowering_accounts_for_every_public_item(
    annotations: list[TypeExpr | None], partial: bool
) -> None:
    functions = []
    for i, annotation in enumerate(annotations):
        p = param("x")
        p = type(p)(p.name, ParamKind.POSITIONAL_OR_KEYWORD, annotation)
        functions.append(Function(f"f{i}", sig(p, returns="int"), False))
    surf = surface(*SURFACE.modules[1:], module(**_with_functions(functions)))
    lowered = lower_module(surf, allow_partial=partial)
    assert len(lowered.bound) + len(lowered.skipped) == len(public_items(surf, "pkg"))
    for item in lowered.bound:
        for t in item.types:
            assert not any(bad in t.render() for bad in FORBIDDEN)


def _with_functions(functions: list[Function]) -> dict[str, object]:
    base = SURFACE.modules[0]
    return {
        "functions": functions,
        "classes": base.classes,
        "typevars": base.typevars,
        "aliases": base.aliases,
    }
