"""Property tests: random types always give valid shims; random text only ever raises
ShimSyntaxError; random skip details never escape their comment."""

from __future__ import annotations

from emit_helpers import code_lines, fun, param, wrapper
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_emit import ShimOptions, ShimSyntaxError, emit_shim, validate_shim
from mochi_py_typemap import (
    ANY,
    BOOL,
    FLOAT,
    INT,
    STRING,
    UNIT,
    FunType,
    ListType,
    MapType,
    MochiType,
    NamedType,
    OpaqueDecl,
    OptionType,
    RecordDecl,
    SetType,
    SkipReason,
    SkipReport,
    StreamType,
    SumDecl,
    TupleType,
    TypeVarType,
)
from mochi_py_wrapper import check_identifier

DECLARED = ("Alpha", "Beta", "Gamma")

_leaves: st.SearchStrategy[MochiType] = st.one_of(
    st.sampled_from([INT, FLOAT, STRING, BOOL, ANY, UNIT]),
    st.sampled_from(DECLARED).map(lambda n: NamedType(n, "opaque")),
    st.just(TypeVarType("T")),
)


def _compound(inner: st.SearchStrategy[MochiType]) -> st.SearchStrategy[MochiType]:
    return st.one_of(
        inner.map(ListType),
        inner.map(SetType),
        inner.map(OptionType),
        inner.map(StreamType),
        st.builds(MapType, inner, inner),
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: TupleType(tuple(xs))),
        st.builds(lambda ps, r: FunType(tuple(ps), r), st.lists(inner, max_size=3), inner),
    )


mochi_types = st.recursive(_leaves, _compound, max_leaves=24)

identifiers = st.from_regex(r"[a-z_][a-z0-9_]{0,10}", fullmatch=True).filter(
    lambda n: check_identifier(n) is None
)

_OPAQUES = tuple(OpaqueDecl(n) for n in DECLARED)


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(identifiers, unique=True, max_size=5),
    data=st.data(),
    returns=mochi_types,
)
def test_random_types_in_an_extern_always_validate(
    names: list[str], data: st.DataObject, returns: MochiType
) -> None:
    params = tuple(param(n, data.draw(mochi_types)) for n in names)
    w = wrapper(externs=(fun("f", *params, returns=returns),), types=_OPAQUES)
    shim = emit_shim(w)  # validates internally too
    validate_shim(shim.source)
    assert len(code_lines(shim.source)) == len(_OPAQUES) + 1


field_names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(
    fields=st.dictionaries(field_names, mochi_types, max_size=5),
    variants=st.lists(mochi_types, min_size=2, max_size=4),
)
def test_random_records_and_sums_validate(
    fields: dict[str, MochiType], variants: list[MochiType]
) -> None:
    record = RecordDecl("Rec", tuple(sorted(fields.items())))
    sum_decl = SumDecl("Sum", tuple((f"Sum{i}", t) for i, t in enumerate(variants)))
    w = wrapper(types=(*_OPAQUES, record, sum_decl))
    validate_shim(emit_shim(w, ShimOptions(header=False)).source)


_TOKENS = [
    "type", "extern", "python", "fun", "import", "as", "a", "B", "int", "list", "map",
    "option", "tuple", "bytes", "async", "load", "any", ".", "(", ")", "{", "}", "<", ">",
    ",", ":", "|", "=", "?", "[", "]", " ", "\n", "//", '"', "\\", "\u2028", "\r", "é",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(), st.lists(st.sampled_from(_TOKENS)).map("".join)))
def test_random_text_raises_only_shim_syntax_error(text: str) -> None:
    error: ShimSyntaxError | None = None
    try:
        validate_shim(text)
    except ShimSyntaxError as err:
        error = err
    if error is not None:
        assert error.line >= 1
        assert error.column >= 1
        assert error.line <= text.count("\n") + 1


@settings(max_examples=200, deadline=None)
@given(detail=st.text(), path=st.text())
def test_random_skip_text_stays_in_comments(detail: str, path: str) -> None:
    skip = SkipReport(path, SkipReason.UNKNOWN, detail)
    w = wrapper(externs=(fun("g", param("x", INT), returns=INT),), skipped=(skip,))
    source = emit_shim(w).source
    validate_shim(source)
    assert code_lines(source) == ["extern python fun dk.g(x: int): int"]
    assert source.count("\n") == 8
    # Only the banner's em dash is outside printable ASCII; hostile text is all escaped.
    assert source.split("\n", 1)[1].isascii()


@settings(max_examples=100, deadline=None)
@given(header=st.booleans(), report=st.booleans(), generator=st.sampled_from(["a", "b c"]))
def test_emission_is_a_function_of_its_inputs(header: bool, report: bool, generator: str) -> None:
    from emit_helpers import demo_wrapper

    options = ShimOptions(header=header, include_skip_report=report, generator=generator)
    assert emit_shim(demo_wrapper(), options) == emit_shim(demo_wrapper(), options)
