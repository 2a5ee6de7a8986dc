"""Builders for hand-made Surfaces and annotation trees used across the typemap tests.

Annotations are written as Python source and converted to the stubs TypeExpr tree here, with
an explicit name table, so the tests do not depend on the stubs parser's resolution rules.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterable

from mochi_py_stubs import (
    NO_LITERAL,
    Attribute,
    Class,
    ClassMarker,
    Constant,
    Function,
    ImportBinding,
    LiteralValue,
    Module,
    NoLiteral,
    Param,
    ParamKind,
    Property,
    Signature,
    Surface,
    TConst,
    TEllipsis,
    TList,
    TName,
    TStr,
    TSubscript,
    TUnion,
    TUnsupported,
    TypeAlias,
    TypeExpr,
    TypeVarDecl,
    TypeVarKind,
    public_items,
)
from mochi_py_typemap import LoweredModule, TypeContext, lower_module

PKG = "pkg"

_TYPING = [
    "Any",
    "Optional",
    "Union",
    "List",
    "Dict",
    "Set",
    "FrozenSet",
    "Tuple",
    "Callable",
    "Literal",
    "Annotated",
    "Final",
    "ClassVar",
    "Required",
    "NotRequired",
    "ReadOnly",
    "Type",
    "TypeGuard",
    "TypeIs",
    "Self",
    "Never",
    "NoReturn",
    "ParamSpec",
    "Concatenate",
    "TypeVarTuple",
    "Unpack",
    "Generic",
    "Protocol",
    "TypedDict",
    "NamedTuple",
    "AnyStr",
    "Text",
    "LiteralString",
    "Awaitable",
    "Coroutine",
    "Generator",
    "AsyncGenerator",
    "Iterator",
    "Iterable",
    "AsyncIterator",
    "AsyncIterable",
    "Mapping",
    "MutableMapping",
    "Sequence",
    "MutableSequence",
    "Collection",
    "AbstractSet",
    "MutableSet",
    "Deque",
    "DefaultDict",
    "OrderedDict",
    "TypeAlias",
]

# The names every test module "imports": typing names from typing, plus a few aliases.
DEFAULT_NAMES: dict[str, str] = {name: f"typing.{name}" for name in _TYPING}
DEFAULT_NAMES.update(
    {
        "abc": "collections.abc",
        "te": "typing_extensions",
        "KW_ONLY": "dataclasses.KW_ONLY",
        "NoneType": "types.NoneType",
        "ReadableBuffer": "_typeshed.ReadableBuffer",
    }
)

_MODULE_ROOTS = {
    "typing",
    "typing_extensions",
    "collections",
    "builtins",
    "types",
    "dataclasses",
    PKG,
}


def resolve(dotted: str, module: str = PKG, names: dict[str, str] | None = None) -> str:
    table = {**DEFAULT_NAMES, **(names or {})}
    head, dot, rest = dotted.partition(".")
    if head in table:
        return table[head] + dot + rest
    if head in _MODULE_ROOTS:
        return dotted
    if hasattr(builtins, head):
        return "builtins." + dotted
    return f"{module}.{dotted}"


def ann(text: str, module: str = PKG, names: dict[str, str] | None = None) -> TypeExpr:
    """An annotation tree from source text, names resolved like a stub of `module` would."""
    node = ast.parse(text, mode="eval").body
    return _convert(node, module, names or {})


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _convert(node: ast.expr, module: str, names: dict[str, str]) -> TypeExpr:
    dotted = _dotted(node)
    if dotted is not None:
        return TName(dotted, resolve(dotted, module, names))
    if isinstance(node, ast.Subscript):
        base = _convert(node.value, module, names)
        assert isinstance(base, TName)
        if isinstance(node.slice, ast.Tuple):
            args = tuple(_convert(e, module, names) for e in node.slice.elts)
        else:
            args = (_convert(node.slice, module, names),)
        return TSubscript(base, args)
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            return TStr(node.value)
        if node.value is Ellipsis:
            return TEllipsis()
        return TConst(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        members: list[TypeExpr] = []
        for side in (node.left, node.right):
            converted = _convert(side, module, names)
            members.extend(converted.members if isinstance(converted, TUnion) else (converted,))
        return TUnion(tuple(members))
    if isinstance(node, ast.List):
        return TList(tuple(_convert(e, module, names) for e in node.elts))
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
    ):
        return TConst(-node.operand.value)
    return TUnsupported(ast.unparse(node))


# --------------------------------------------------------------------------- declarations


def param(
    name: str,
    annotation: str | None = None,
    kind: ParamKind = ParamKind.POSITIONAL_OR_KEYWORD,
    *,
    default: LiteralValue | NoLiteral = NO_LITERAL,
    has_default: bool | None = None,
    module: str = PKG,
) -> Param:
    return Param(
        name,
        kind,
        None if annotation is None else ann(annotation, module),
        (default is not NO_LITERAL) if has_default is None else has_default,
        default,
    )


def sig(
    *params: Param, returns: str | None = "None", line: int = 1, module: str = PKG
) -> Signature:
    return Signature(tuple(params), None if returns is None else ann(returns, module), line)


def func(
    name: str,
    *params: Param,
    returns: str | None = "None",
    is_async: bool = False,
    decorators: tuple[str, ...] = (),
    overloads: tuple[Signature, ...] = (),
    module: str = PKG,
) -> Function:
    return Function(
        name,
        sig(*params, returns=returns, module=module),
        is_async,
        decorators,
        overloads,
    )


def self_param() -> Param:
    return Param("self", ParamKind.POSITIONAL_OR_KEYWORD, None)


def method(name: str, *params: Param, returns: str | None = "None", **kw: object) -> Function:
    return func(name, self_param(), *params, returns=returns, **kw)  # type: ignore[arg-type]


def attr(
    name: str,
    annotation: str | None,
    *,
    default: LiteralValue | NoLiteral = NO_LITERAL,
    has_default: bool | None = None,
    module: str = PKG,
) -> Attribute:
    return Attribute(
        name,
        None if annotation is None else ann(annotation, module),
        (default is not NO_LITERAL) if has_default is None else has_default,
        default,
    )


def klass(
    name: str,
    *,
    bases: Iterable[str] = (),
    markers: Iterable[ClassMarker] = (),
    methods: Iterable[Function] = (),
    properties: Iterable[Property] = (),
    attributes: Iterable[Attribute] = (),
    classes: Iterable[Class] = (),
    type_params: tuple[str, ...] = (),
    module: str = PKG,
) -> Class:
    return Class(
        name,
        tuple(ann(b, module) for b in bases),
        frozenset(markers),
        tuple(methods),
        tuple(properties),
        tuple(attributes),
        tuple(classes),
        type_params,
    )


def prop(name: str, annotation: str | None, settable: bool = False) -> Property:
    return Property(name, None if annotation is None else ann(annotation), settable)


def const(
    name: str, annotation: str | None, value: LiteralValue | NoLiteral = NO_LITERAL
) -> Constant:
    return Constant(name, None if annotation is None else ann(annotation), value)


def alias(name: str, value: str, type_params: tuple[str, ...] = (), module: str = PKG) -> TypeAlias:
    return TypeAlias(name, ann(value, module), type_params)


def typevar(name: str, kind: TypeVarKind = TypeVarKind.TYPEVAR) -> TypeVarDecl:
    return TypeVarDecl(name, kind)


def module(
    name: str = PKG,
    *,
    functions: Iterable[Function] = (),
    classes: Iterable[Class] = (),
    constants: Iterable[Constant] = (),
    typevars: Iterable[TypeVarDecl] = (),
    aliases: Iterable[TypeAlias] = (),
    imports: Iterable[tuple[str, str]] = (),
    dunder_all: tuple[str, ...] | None = None,
) -> Module:
    return Module(
        name,
        name.replace(".", "/") + ".pyi",
        tuple(functions),
        tuple(classes),
        tuple(constants),
        tuple(typevars),
        tuple(aliases),
        tuple(ImportBinding(local, target, explicit_reexport=True) for local, target in imports),
        dunder_all,
    )


def surface(*modules: Module, package: str = PKG) -> Surface:
    return Surface(package, tuple(sorted(modules, key=lambda m: m.name)))


def ctx(
    surf: Surface,
    module_name: str = PKG,
    *,
    allow_partial: bool = False,
    item_path: str = "pkg.f",
    enclosing_class: str | None = None,
    slot: str = "x",
) -> TypeContext:
    return TypeContext(surf, module_name, allow_partial, item_path, enclosing_class, slot)


DATACLASS = (ClassMarker.DATACLASS,)
FROZEN_DATACLASS = (ClassMarker.DATACLASS, ClassMarker.FROZEN)


def lower_checked(surf: Surface, name: str | None = None, **kw: bool) -> LoweredModule:
    """lower_module, asserting the accounting invariant: every public item is bound or
    skipped, exactly once, under its dotted path."""
    lowered = lower_module(surf, name, **kw)
    items = public_items(surf, name or surf.package)
    assert len(lowered.bound) + len(lowered.skipped) == len(items)
    paths = sorted([b.path for b in lowered.bound] + [s.item_path for s in lowered.skipped])
    assert paths == sorted(f"{lowered.module}.{i.name}" for i in items)
    # Member notes: no duplicates, ordered by every field (never by hashing).
    keys = [(s.item_path, s.reason.value, s.detail, s.override) for s in lowered.member_skips]
    assert keys == sorted(set(keys))
    return lowered
