"""Hand-built Wrapper values for emit's tests: emit is unit-tested without synthesise."""

from __future__ import annotations

from mochi_py_stubs import ParamKind
from mochi_py_typemap import (
    BOOL,
    FLOAT,
    INT,
    STRING,
    UNIT,
    EnumDecl,
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
    TypeDecl,
)
from mochi_py_wrapper import (
    AsyncMode,
    Extern,
    ExternKind,
    ExternParam,
    Wrapper,
    WrapperOptions,
)

ALIAS = "dk"


def param(
    name: str,
    type_: MochiType,
    *,
    default: bool = False,
    python_name: str | None = None,
    kind: ParamKind = ParamKind.POSITIONAL_OR_KEYWORD,
) -> ExternParam:
    return ExternParam(name, python_name or name, type_, kind, default)


def extern(
    kind: ExternKind,
    mochi_name: str,
    params: tuple[ExternParam, ...],
    returns: MochiType,
    *,
    is_async: bool = False,
    alias: str = ALIAS,
    python_path: str = "",
) -> Extern:
    path = python_path or f"demokit.{mochi_name.removesuffix('_sync').replace('_', '.')}"
    return Extern(kind, mochi_name, f"{alias}_{mochi_name}", path, params, returns, is_async)


def fun(mochi_name: str, *params: ExternParam, returns: MochiType = UNIT) -> Extern:
    return extern(ExternKind.FUNCTION, mochi_name, params, returns)


def wrapper(
    *,
    externs: tuple[Extern, ...] = (),
    types: tuple[TypeDecl, ...] = (),
    skipped: tuple[SkipReport, ...] = (),
    package: str = "demo-kit",
    import_name: str = "demokit",
    alias: str = ALIAS,
    async_mode: AsyncMode = AsyncMode.PERSISTENT,
) -> Wrapper:
    ident = package.replace("-", "_").replace(".", "_")
    return Wrapper(
        package=package,
        import_name=import_name,
        alias=alias,
        module=f"{ident}_externs",
        options=WrapperOptions(async_mode=async_mode),
        items=(),
        externs=externs,
        types=types,
        skipped=skipped,
        name_map=(),
        py_source="",
        pyi_source="",
    )


CLIENT = NamedType("Client", "opaque", "demokit.Client")
POINT = NamedType("Point", "record", "demokit.Point")
COLOR = NamedType("Color", "enum", "demokit.Color")
INT_OR_STR = NamedType("IntOrStr", "sum")
OPTIONS = NamedType("Options", "record", "demokit.Options")

DEMO_TYPES: tuple[TypeDecl, ...] = (
    RecordDecl("Point", (("x", INT), ("y", INT)), "demokit.Point"),
    OpaqueDecl("Client", "demokit.Client"),
    SumDecl("IntOrStr", (("IntOrStrInt", INT), ("IntOrStrString", STRING))),
    EnumDecl("Color", ("RED", "GREEN"), "demokit.Color"),
    RecordDecl("Options", (("load", BOOL), ("timeout", OptionType(FLOAT))), "demokit.Options"),
)

SELF = param("self", CLIENT)

DEMO_EXTERNS: tuple[Extern, ...] = (
    fun("add", param("a", INT), param("b", INT), param("c", INT, default=True), returns=INT),
    extern(
        ExternKind.FUNCTION,
        "fetch_sync",
        (param("url", STRING), param("timeout", FLOAT, default=True, kind=ParamKind.KEYWORD_ONLY)),
        STRING,
        is_async=True,
    ),
    extern(ExternKind.CONSTRUCTOR, "Client", (param("base_url", STRING),), CLIENT),
    extern(ExternKind.METHOD, "Client_get", (SELF, param("path", STRING)), OptionType(POINT)),
    extern(ExternKind.PROPERTY, "Client_closed", (SELF,), BOOL),
    extern(ExternKind.CONSTANT, "VERSION", (), STRING),
    fun("log", param("msg", STRING)),
    fun(
        "pick",
        param("c", COLOR),
        param("v", INT_OR_STR),
        returns=MapType(STRING, ListType(INT)),
    ),
    fun("load_", param("path", STRING), returns=OPTIONS),
    fun(
        "apply",
        param("f", FunType((INT,), INT)),
        param("xs", SetType(INT)),
        param("from_", INT, python_name="from"),
        returns=TupleType((INT, STRING)),
    ),
    fun("ticks", param("n", INT), returns=StreamType(INT)),
)

DEMO_SKIPPED: tuple[SkipReport, ...] = (
    SkipReport("demokit.blob", SkipReason.NO_BYTES_TYPE, "bytes has no Mochi counterpart"),
    SkipReport(
        "demokit._private",
        SkipReason.PRIVATE_NAME,
        "function _private is private (leading underscore)",
    ),
)


def demo_wrapper(async_mode: AsyncMode = AsyncMode.PERSISTENT) -> Wrapper:
    return wrapper(
        externs=DEMO_EXTERNS, types=DEMO_TYPES, skipped=DEMO_SKIPPED, async_mode=async_mode
    )


def code_lines(source: str) -> list[str]:
    """The lines of a shim that are neither blank nor comments."""
    return [ln for ln in source.split("\n") if ln.strip() and not ln.lstrip().startswith("//")]
