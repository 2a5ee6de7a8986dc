"""A defaulted parameter without a Mochi type does not sink its function.

The shim declares only required parameters (Mochi cannot omit an argument), and the Python
wrapper passes defaulted ones through keyword-only with a sentinel default; so a defaulted
parameter whose type cannot be mapped (httpx's `params: QueryParamTypes | None`, a union
with `bytes`) is typed `any` and reported as a member note, while the function is bound.
A required parameter without a Mochi type still refuses the function.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from typemap_helpers import func, klass, lower_checked, method, module, param, sig, surface

from mochi_py_stubs import NO_LITERAL, Function, ParamKind
from mochi_py_typemap import (
    ANY,
    STRING,
    ListType,
    LoweredClass,
    LoweredFunction,
    LoweredModule,
    LoweredParam,
    NamedType,
    OptionType,
    SkipReason,
    SkipReport,
    SumDecl,
)


def _lower(*functions: Function, allow_partial: bool = False) -> LoweredModule:
    return lower_checked(surface(module(functions=functions)), allow_partial=allow_partial)


def test_an_unmappable_defaulted_parameter_is_any_and_noted() -> None:
    fn = func(
        "get",
        param("url", "str"),
        param("params", "str | bytes | None", ParamKind.KEYWORD_ONLY, default=None),
        param("timeout", "float", ParamKind.KEYWORD_ONLY, default=5.0),
        returns="str",
    )
    lowered = _lower(fn)
    assert lowered.skipped == ()
    (bound,) = lowered.bound
    assert isinstance(bound, LoweredFunction)
    url, params, timeout = bound.params
    assert url == LoweredParam("url", ParamKind.POSITIONAL_OR_KEYWORD, STRING)
    assert (params.name, params.kind, params.type) == ("params", ParamKind.KEYWORD_ONLY, ANY)
    assert (params.has_default, params.default) == (True, None)
    assert params.unmapped is not None
    assert params.unmapped.reason is SkipReason.NO_BYTES_TYPE
    assert timeout.unmapped is None
    (note,) = lowered.member_skips
    assert note.item_path == "pkg.get.params"
    assert note.reason is SkipReason.NO_BYTES_TYPE
    assert "reachable from Python callers only" in note.detail
    assert note.detail.startswith("parameter params of get has a default")
    assert params.unmapped.detail in note.detail


def test_a_union_in_a_defaulted_parameter_is_any_and_declares_no_sum() -> None:
    # The shim never declares a defaulted parameter, so a sum type made for it would be a
    # declaration no extern uses (and the wrapper passes a sum through untagged anyway).
    fn = func(
        "f",
        param("x", "int | str"),
        param("mode", "int | str", ParamKind.KEYWORD_ONLY, default=0),
        param("items", "list[int | str] | None", ParamKind.KEYWORD_ONLY, default=None),
        param("name", "str | None", ParamKind.KEYWORD_ONLY, default=None),
        returns="int",
    )
    lowered = _lower(fn)
    (bound,) = lowered.bound
    assert isinstance(bound, LoweredFunction)
    x, mode, items, name = bound.params
    assert isinstance(x.type, NamedType)
    assert x.type.decl_kind == "sum"
    assert mode.type == ANY
    assert items.type == OptionType(ListType(ANY))
    assert name.type == OptionType(STRING)  # an option is not a sum: it keeps its type
    assert all(p.unmapped is None for p in bound.params)
    assert [d.name for d in lowered.types if isinstance(d, SumDecl)] == ["FXUnion"]
    assert lowered.member_skips == ()


def test_a_refused_member_still_refuses_a_defaulted_union() -> None:
    fn = func("f", param("x", "int"), param("raw", "int | bytes", default=0), returns="int")
    lowered = _lower(fn)
    (bound,) = lowered.bound
    assert isinstance(bound, LoweredFunction)
    raw = bound.params[1]
    assert raw.type == ANY
    assert raw.unmapped is not None
    assert raw.unmapped.reason is SkipReason.NO_BYTES_TYPE
    (note,) = lowered.member_skips
    assert note.item_path == "pkg.f.raw"


def test_a_required_unmappable_parameter_still_refuses_the_function() -> None:
    fn = func(
        "post",
        param("body", "bytes"),
        param("params", "bytes | None", default=None),
        returns="str",
    )
    lowered = _lower(fn)
    assert lowered.bound == ()
    (report,) = lowered.skipped
    assert (report.item_path, report.reason) == ("pkg.post", SkipReason.NO_BYTES_TYPE)
    assert lowered.member_skips == ()  # the function is refused: no note about its params


def test_a_defaulted_parameter_without_annotation_is_any_and_noted() -> None:
    fn = func("f", param("x", "int"), param("y", None, has_default=True), returns="int")
    lowered = _lower(fn)
    (bound,) = lowered.bound
    assert isinstance(bound, LoweredFunction)
    assert bound.params[1].type == ANY
    (note,) = lowered.member_skips
    assert (note.item_path, note.reason) == ("pkg.f.y", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT)
    assert "parameter y has no annotation in f" in note.detail
    # allow_partial already maps a missing annotation to `any`: nothing to note.
    partial = _lower(fn, allow_partial=True)
    assert partial.member_skips == ()
    (bound,) = partial.bound
    assert isinstance(bound, LoweredFunction)
    assert bound.params[1].unmapped is None


def test_methods_and_constructors_of_a_class() -> None:
    client = klass(
        "Client",
        methods=[
            method(
                "__init__",
                param("headers", "dict[str, bytes] | None", ParamKind.KEYWORD_ONLY, default=None),
            ),
            method(
                "get",
                param("url", "str"),
                param("cookies", "bytes | None", ParamKind.KEYWORD_ONLY, default=None),
                returns="str",
            ),
        ],
    )
    lowered = lower_checked(surface(module(classes=[client])))
    (cls,) = lowered.bound
    assert isinstance(cls, LoweredClass)
    assert cls.constructor is not None
    assert [(p.name, p.type) for p in cls.constructor.params] == [("headers", ANY)]
    (get,) = cls.methods
    assert [(p.name, p.type) for p in get.params] == [("url", STRING), ("cookies", ANY)]
    assert [(s.item_path, s.reason) for s in lowered.member_skips] == [
        ("pkg.Client.__init__.headers", SkipReason.NO_BYTES_TYPE),
        ("pkg.Client.get.cookies", SkipReason.NO_BYTES_TYPE),
    ]


def test_an_inherited_method_is_noted_under_every_class() -> None:
    # The signature memo hands the second class the first one's lowering: the note must
    # still name the second class's path.
    base = klass(
        "Base",
        methods=[method("send", param("data", "bytes", default=None), returns="int")],
    )
    sub = klass("Sub", bases=["Base"])
    lowered = lower_checked(surface(module(classes=[base, sub])))
    assert [b.name for b in lowered.bound] == ["Base", "Sub"]
    assert [s.item_path for s in lowered.member_skips] == [
        "pkg.Base.send.data",
        "pkg.Sub.send.data",
    ]


def test_overload_variants_that_differ_only_in_the_note_are_bound() -> None:
    variants = (
        sig(param("x", "int"), param("y", "bytes", default=None), returns="int", line=1),
        sig(param("x", "int"), param("y", "complex", default=None), returns="int", line=2),
    )
    fn = Function("load", variants[-1], False, ("overload",), variants)
    lowered = _lower(fn)
    (bound,) = lowered.bound
    assert isinstance(bound, LoweredFunction)
    assert bound.params[1].type == ANY
    # One note, from the variant that was bound (the first).
    (note,) = lowered.member_skips
    assert (note.item_path, note.reason) == ("pkg.load.y", SkipReason.NO_BYTES_TYPE)


def test_unmapped_takes_no_part_in_equality() -> None:
    report = SkipReport("pkg.f", SkipReason.NO_BYTES_TYPE, "bytes")
    noted = LoweredParam("y", ParamKind.KEYWORD_ONLY, ANY, True, NO_LITERAL, report)
    plain = LoweredParam("y", ParamKind.KEYWORD_ONLY, ANY, True, NO_LITERAL)
    assert noted == plain
    assert hash(noted) == hash(plain)


_ANNOTATIONS = st.sampled_from(["int", "str", "bytes", "complex", "bytes | None", None])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_ANNOTATIONS, st.booleans()), min_size=1, max_size=5))
def test_only_required_parameters_decide(spec: list[tuple[str | None, bool]]) -> None:
    # Required parameters first (Python's rule), then defaulted ones.
    ordered = sorted(spec, key=lambda s: s[1])
    params = [
        param(f"p{i}", annotation, default=0 if defaulted else NO_LITERAL)
        for i, (annotation, defaulted) in enumerate(ordered)
    ]
    lowered = _lower(func("f", *params, returns="int"))
    mappable = ("int", "str")
    required_ok = all(a in mappable for a, defaulted in ordered if not defaulted)
    assert (len(lowered.bound), len(lowered.skipped)) == ((1, 0) if required_ok else (0, 1))
    if required_ok:
        noted = [f"pkg.f.p{i}" for i, (a, d) in enumerate(ordered) if a not in mappable]
        assert [s.item_path for s in lowered.member_skips] == noted
    else:
        assert lowered.member_skips == ()
