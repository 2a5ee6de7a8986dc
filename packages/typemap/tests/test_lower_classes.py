"""Lowering classes: records of every kind, opaque classes, Protocols, enums, exceptions."""

from __future__ import annotations

from typemap_helpers import (
    DATACLASS,
    FROZEN_DATACLASS,
    attr,
    func,
    klass,
    lower_checked,
    method,
    module,
    param,
    prop,
    surface,
)

from mochi_py_stubs import NO_LITERAL, ClassMarker, Function, ParamKind
from mochi_py_typemap import (
    FLOAT,
    INT,
    STRING,
    EnumDecl,
    ListType,
    LoweredClass,
    LoweredField,
    LoweredFunction,
    LoweredModule,
    LoweredParam,
    NamedType,
    OpaqueDecl,
    OptionType,
    RecordDecl,
    SkipReason,
)

POS = ParamKind.POSITIONAL_OR_KEYWORD
KW = ParamKind.KEYWORD_ONLY


def lowered_class(name: str, lowered: LoweredModule) -> LoweredClass:
    for item in lowered.bound:
        if item.name == name:
            assert isinstance(item, LoweredClass)
            return item
    raise AssertionError(f"{name} not bound: {lowered.skipped}")


def test_frozen_dataclass_is_a_record_with_a_field_constructor() -> None:
    point = klass(
        "Point",
        markers=FROZEN_DATACLASS,
        attributes=[
            attr("x", "int"),
            attr("y", "float", default=0.0),
            attr("tag", "str | None", has_default=True),
        ],
    )
    lowered = lower_checked(surface(module(classes=[point])))
    cls = lowered_class("Point", lowered)
    assert (cls.decl_kind, cls.path, cls.kind, cls.is_async) == (
        "record",
        "pkg.Point",
        "class",
        False,
    )
    named = NamedType("Point", "record", "pkg.Point")
    assert cls.type == named
    assert cls.fields == (
        LoweredField("x", INT),
        LoweredField("y", FLOAT, True, 0.0),
        LoweredField("tag", OptionType(STRING), True, NO_LITERAL),
    )
    assert cls.constructor == LoweredFunction(
        "__init__",
        "pkg.Point.__init__",
        (
            LoweredParam("x", POS, INT),
            LoweredParam("y", POS, FLOAT, True, 0.0),
            LoweredParam("tag", POS, OptionType(STRING), True, NO_LITERAL),
        ),
        named,
        False,
        "constructor",
    )
    assert lowered.types == (
        RecordDecl("Point", (("x", INT), ("y", FLOAT), ("tag", OptionType(STRING))), "pkg.Point"),
    )
    assert lowered.member_skips == ()


def test_mutable_dataclass_and_namedtuple_are_records_too() -> None:
    surf = surface(
        module(
            classes=[
                klass("Mut", markers=DATACLASS, attributes=[attr("n", "int")]),
                klass(
                    "Pair",
                    markers=[ClassMarker.NAMEDTUPLE, ClassMarker.FROZEN],
                    attributes=[attr("a", "str"), attr("b", "str")],
                ),
            ]
        )
    )
    lowered = lower_checked(surf)
    assert lowered_class("Mut", lowered).decl_kind == "record"
    pair = lowered_class("Pair", lowered)
    assert pair.decl_kind == "record"
    assert [f.name for f in pair.fields] == ["a", "b"]
    assert [d.render() for d in lowered.types] == [
        "type Mut { n: int }",
        "type Pair { a: string, b: string }",
    ]


def test_typeddict_keys_are_keyword_only_and_optional_keys_are_options() -> None:
    surf = surface(
        module(
            classes=[
                klass(
                    "Movie",
                    markers=[ClassMarker.TYPEDDICT],
                    attributes=[attr("title", "str"), attr("year", "NotRequired[int]")],
                ),
                klass(
                    "Opts",
                    markers=[ClassMarker.TYPEDDICT, ClassMarker.TOTAL_FALSE],
                    attributes=[attr("verbose", "bool"), attr("name", "Required[str]")],
                ),
            ]
        )
    )
    lowered = lower_checked(surf)
    movie = lowered_class("Movie", lowered)
    assert movie.fields == (
        LoweredField("title", STRING),
        LoweredField("year", OptionType(INT), True),
    )
    assert movie.constructor is not None
    assert movie.constructor.params == (
        LoweredParam("title", KW, STRING),
        LoweredParam("year", KW, OptionType(INT), True),
    )
    opts = lowered_class("Opts", lowered)
    assert [(f.name, f.type.render(), f.has_default) for f in opts.fields] == [
        ("verbose", "option<bool>", True),
        ("name", "string", False),
    ]


def test_dataclass_fields_follow_inheritance_kw_only_and_skip_classvars() -> None:
    base = klass("_Base", markers=FROZEN_DATACLASS, attributes=[attr("id", "int")])
    child = klass(
        "Child",
        bases=["_Base"],
        markers=FROZEN_DATACLASS,
        attributes=[
            attr("count", "ClassVar[int]", default=0),
            attr("name", "str"),
            attr("_", "KW_ONLY"),
            attr("flag", "bool", default=False),
        ],
    )
    lowered = lower_checked(surface(module(classes=[base, child])))
    cls = lowered_class("Child", lowered)
    assert [f.name for f in cls.fields] == ["id", "name", "flag"]
    assert cls.constructor is not None
    assert [(p.name, p.kind) for p in cls.constructor.params] == [
        ("id", POS),
        ("name", POS),
        ("flag", KW),
    ]
    # The class variable is not a field, but it is readable.
    assert [(g.name, g.binding, g.returns) for g in cls.properties] == [("count", "property", INT)]


def test_record_fields_that_cannot_be_typed_are_member_skips() -> None:
    rec = klass(
        "Rec",
        markers=FROZEN_DATACLASS,
        attributes=[attr("a", "int"), attr("z", "complex", default=0), attr("w", "complex")],
    )
    lowered = lower_checked(surface(module(classes=[rec])))
    cls = lowered_class("Rec", lowered)
    assert [f.name for f in cls.fields] == ["a"]
    assert cls.constructor is None  # `w` is required and cannot be passed from Mochi
    assert [(s.item_path, s.reason) for s in lowered.member_skips] == [
        ("pkg.Rec.__init__", SkipReason.NO_COMPLEX_TYPE),
        ("pkg.Rec.w", SkipReason.NO_COMPLEX_TYPE),
        ("pkg.Rec.z", SkipReason.NO_COMPLEX_TYPE),
    ]
    assert lowered.member_skips[0].detail == (
        "the constructor needs field w: Python complex has no Mochi counterpart"
    )
    optional_only = klass(
        "Opt", markers=FROZEN_DATACLASS, attributes=[attr("z", "complex", default=0)]
    )
    cls = lowered_class("Opt", lower_checked(surface(module(classes=[optional_only]))))
    assert cls.constructor is not None
    assert cls.constructor.params == ()


def test_plain_class_is_an_opaque_handle_with_methods_and_getters() -> None:
    client = klass(
        "Client",
        methods=[
            method(
                "__init__",
                param("base_url", "str"),
                param("timeout", "float", ParamKind.KEYWORD_ONLY, default=5.0),
            ),
            method("get", param("url", "str"), returns="str"),
            method("aget", param("url", "str"), returns="str", is_async=True),
            method("copy", returns="Self"),
            func("create", param("cls"), returns="Self", decorators=("classmethod",)),
            func("version", returns="str", decorators=("staticmethod",)),
            method("closed", returns="bool", decorators=("property",)),
            method("closed", param("v", "bool"), decorators=("closed.setter",)),
            method("__enter__", returns="Self"),
            method("_private", returns="int"),
        ],
        properties=[prop("headers", "dict[str, str]", settable=True)],
        attributes=[attr("retries", "int"), attr("_secret", "str"), attr("LIMIT", None, default=3)],
    )
    lowered = lower_checked(surface(module(classes=[client])))
    cls = lowered_class("Client", lowered)
    named = NamedType("Client", "opaque", "pkg.Client")
    assert (cls.decl_kind, cls.type, cls.is_protocol, cls.is_async) == (
        "opaque",
        named,
        False,
        True,
    )
    assert cls.constructor is not None
    assert cls.constructor.params == (
        LoweredParam("base_url", POS, STRING),
        LoweredParam("timeout", KW, FLOAT, True, 5.0),
    )
    assert cls.constructor.returns == named
    assert [(m.name, m.binding, m.path, m.returns.render(), m.is_async) for m in cls.methods] == [
        ("get", "method", "pkg.Client.get", "string", False),
        ("aget", "method", "pkg.Client.aget", "string", True),
        ("copy", "method", "pkg.Client.copy", "Client", False),
        ("create", "classmethod", "pkg.Client.create", "Client", False),
        ("version", "staticmethod", "pkg.Client.version", "string", False),
    ]
    assert all(m.params == () for m in cls.methods if m.name != "get" and m.name != "aget")
    assert [(p.name, p.returns.render(), p.params) for p in cls.properties] == [
        ("closed", "bool", ()),
        ("headers", "map<string, string>", ()),
        ("retries", "int", ()),
        ("LIMIT", "int", ()),
    ]
    assert [(s.item_path, s.reason, s.detail) for s in lowered.member_skips] == [
        (
            "pkg.Client.__enter__",
            SkipReason.DUNDER,
            "dunder methods are not exposed through the bridge",
        ),
    ]
    assert lowered.types == (OpaqueDecl("Client", "pkg.Client"),)


def test_members_that_fail_are_member_skips_and_the_class_stays_bound() -> None:
    cls_decl = klass(
        "Thing",
        methods=[method("ok", returns="int"), method("bad", param("x", "complex"), returns="int")],
        properties=[prop("raw", "bytes")],
        attributes=[attr("anything", None)],
    )
    lowered = lower_checked(surface(module(classes=[cls_decl])))
    cls = lowered_class("Thing", lowered)
    assert [m.name for m in cls.methods] == ["ok"]
    assert cls.properties == ()
    assert [(s.item_path, s.reason) for s in lowered.member_skips] == [
        ("pkg.Thing.anything", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT),
        ("pkg.Thing.bad", SkipReason.NO_COMPLEX_TYPE),
        ("pkg.Thing.raw", SkipReason.NO_BYTES_TYPE),
    ]
    assert lowered.member_skips[0].detail == "anything has no annotation"


def test_protocol_is_an_opaque_handle_without_constructor() -> None:
    proto = klass(
        "Greeter",
        bases=["Protocol"],
        markers=[ClassMarker.PROTOCOL],
        methods=[
            method("hello", param("name", "str"), returns="str"),
            method("__call__", returns="None"),
        ],
    )
    lowered = lower_checked(surface(module(classes=[proto])))
    cls = lowered_class("Greeter", lowered)
    assert (cls.decl_kind, cls.is_protocol, cls.constructor) == ("opaque", True, None)
    assert [m.name for m in cls.methods] == ["hello"]
    assert [s.item_path for s in lowered.member_skips] == ["pkg.Greeter.__call__"]


def test_enum_is_bound_with_its_member_names() -> None:
    color = klass(
        "Color",
        bases=["enum.Enum"],
        markers=[ClassMarker.ENUM],
        attributes=[
            attr("RED", None, default=1),
            attr("GREEN", None, default=2),
            attr("_ignore_", None),
        ],
        methods=[method("describe", returns="str")],
    )
    lowered = lower_checked(surface(module(classes=[color])))
    cls = lowered_class("Color", lowered)
    assert (cls.decl_kind, cls.members, cls.constructor) == ("enum", ("RED", "GREEN"), None)
    assert cls.type == NamedType("Color", "enum", "pkg.Color")
    assert [m.name for m in cls.methods] == ["describe"]
    assert lowered.types == (EnumDecl("Color", ("RED", "GREEN"), "pkg.Color"),)


def test_exception_is_a_handle() -> None:
    err = klass(
        "HTTPError",
        bases=["Exception"],
        markers=[ClassMarker.EXCEPTION],
        attributes=[attr("status", "int")],
    )
    lowered = lower_checked(surface(module(classes=[err])))
    cls = lowered_class("HTTPError", lowered)
    assert (cls.decl_kind, cls.type.decl_kind, cls.constructor) == ("exception", "opaque", None)
    assert cls.bases == ("builtins.Exception",)
    assert [p.name for p in cls.properties] == ["status"]


def test_constructor_rules() -> None:
    surf = surface(
        module(
            classes=[
                klass("Bare"),
                klass(
                    "Generic1",
                    bases=["Generic[T]"],
                    markers=[ClassMarker.GENERIC],
                    type_params=("T",),
                ),
                klass("FromExternal", bases=["io.IOBase"]),
                klass(
                    "_Base",
                    methods=[method("__init__", param("n", "int")), method("size", returns="int")],
                ),
                klass("Derived", bases=["_Base"]),
                klass("Abstract", markers=[ClassMarker.ABSTRACT]),
                klass(
                    "New",
                    methods=[func("__new__", param("cls"), param("v", "str"), returns="Self")],
                ),
            ]
        )
    )
    lowered = lower_checked(surf)
    assert lowered_class("Bare", lowered).constructor is not None
    assert lowered_class("Generic1", lowered).constructor is not None
    assert lowered_class("FromExternal", lowered).constructor is None
    derived = lowered_class("Derived", lowered)
    assert derived.constructor is not None
    assert derived.constructor.params == (LoweredParam("n", POS, INT),)
    assert derived.constructor.returns == NamedType("Derived", "opaque", "pkg.Derived")
    assert [m.name for m in derived.methods] == ["size"]
    assert lowered_class("Abstract", lowered).constructor is None
    new = lowered_class("New", lowered).constructor
    assert new is not None
    assert new.params == (LoweredParam("v", POS, STRING),)


def test_unbindable_constructor_is_a_member_skip() -> None:
    cls_decl = klass(
        "K", methods=[method("__init__", param("args", "int", ParamKind.VAR_POSITIONAL))]
    )
    lowered = lower_checked(surface(module(classes=[cls_decl])))
    assert lowered_class("K", lowered).constructor is None
    assert [(s.item_path, s.reason) for s in lowered.member_skips] == [
        ("pkg.K.__init__", SkipReason.PARAM_SPEC)
    ]


def test_generic_class_type_parameters_are_any_in_methods() -> None:
    box = klass(
        "Box",
        markers=[ClassMarker.GENERIC],
        type_params=("T",),
        methods=[method("get", returns="T"), method("put", param("v", "list[T]"))],
    )
    cls = lowered_class("Box", lower_checked(surface(module(classes=[box]))))
    get, put = cls.methods
    assert get.returns.kind == "typevar"
    assert put.params[0].type == ListType(get.returns)


def test_nested_classes_are_member_skips_but_usable_as_types() -> None:
    outer = klass(
        "Outer",
        classes=[
            klass("Inner", markers=FROZEN_DATACLASS, attributes=[attr("v", "int")]),
            klass("_Hidden"),
        ],
        methods=[method("inner", returns="Outer.Inner")],
    )
    lowered = lower_checked(surface(module(classes=[outer])))
    cls = lowered_class("Outer", lowered)
    assert cls.methods[0].returns == NamedType("Outer_Inner", "record", "pkg.Outer.Inner")
    assert [(s.item_path, s.reason) for s in lowered.member_skips] == [
        ("pkg.Outer.Inner", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT)
    ]
    assert [d.render() for d in lowered.types] == [
        "type Outer = any",
        "type Outer_Inner { v: int }",
    ]


def test_class_with_a_non_ascii_name_is_skipped() -> None:
    lowered = lower_checked(surface(module(classes=[klass("Café")])))
    assert lowered.bound == ()
    (report,) = lowered.skipped
    assert (report.item_path, report.reason) == ("pkg.Café", SkipReason.INVALID_IDENTIFIER)


def test_overloaded_method_without_implementation() -> None:
    from typemap_helpers import self_param, sig

    variants = (
        sig(self_param(), param("k", "int"), returns="int", line=1),
        sig(self_param(), param("k", "str"), returns="str", line=2),
    )
    fn = Function("__getitem__", variants[-1], False, ("overload",), variants)
    get = Function("get", variants[-1], False, ("overload",), variants)
    lowered = lower_checked(surface(module(classes=[klass("Seq", methods=[fn, get])])))
    assert [(s.item_path, s.reason) for s in lowered.member_skips] == [
        ("pkg.Seq.__getitem__", SkipReason.DUNDER),
        ("pkg.Seq.get", SkipReason.OVERLOAD_AMBIGUITY),
    ]
