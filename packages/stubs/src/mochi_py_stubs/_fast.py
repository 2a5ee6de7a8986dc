"""Fast constructors for the model values the parser builds by the ten thousand.

A frozen dataclass's generated `__init__` stores each field through `object.__setattr__`,
about three times the cost of a plain store. One pass over typeshed's stdlib builds ~100k
Params, Signatures, Functions, attributes and type nodes, and that overhead alone was a fifth of the
parser's time against its budget (1.5x bare `ast.parse`). These functions create the very
same instances (same class, same instance dict, so equality, hashing, repr, `replace` and
pickling are unchanged) by filling the instance dict directly.

They are only valid for dataclasses without `__slots__` and without `__post_init__`, and must
set every field: both are checked once at import, and the tests compare their results with
normally constructed values, so a field added to the model later cannot be forgotten here.
"""

from __future__ import annotations

import dataclasses

from mochi_py_stubs._model import (
    Attribute,
    Constant,
    Declaration,
    Function,
    ItemKind,
    LiteralValue,
    Param,
    ParamKind,
    PublicItem,
    Signature,
    TName,
    TSubscript,
    TUnion,
    TypeExpr,
    _NoLiteral,
)

_new = object.__new__


def _check(cls: type, names: tuple[str, ...]) -> None:
    fields = tuple(f.name for f in dataclasses.fields(cls))
    if fields != names or hasattr(cls, "__post_init__") or "__slots__" in vars(cls):
        raise RuntimeError(f"mochi_py_stubs._fast is out of date for {cls.__name__}")


_check(TName, ("name", "resolved"))
_check(TSubscript, ("base", "args"))
_check(TUnion, ("members",))
_check(Param, ("name", "kind", "annotation", "has_default", "default"))
_check(Signature, ("params", "returns", "line", "type_params"))
_check(Function, ("name", "signature", "is_async", "decorators", "overloads", "line"))
_check(Attribute, ("name", "annotation", "has_default", "default", "line"))
_check(Constant, ("name", "annotation", "value", "line"))
_check(PublicItem, ("name", "kind", "module", "decl", "target"))


def make_tname(name: str, resolved: str) -> TName:
    value = _new(TName)
    fields = value.__dict__
    fields["name"] = name
    fields["resolved"] = resolved
    return value


def make_tsubscript(base: TName, args: tuple[TypeExpr, ...]) -> TSubscript:
    value = _new(TSubscript)
    fields = value.__dict__
    fields["base"] = base
    fields["args"] = args
    return value


def make_tunion(members: tuple[TypeExpr, ...]) -> TUnion:
    value = _new(TUnion)
    value.__dict__["members"] = members
    return value


def make_param(
    name: str,
    kind: ParamKind,
    annotation: TypeExpr | None,
    has_default: bool,
    default: LiteralValue | _NoLiteral,
) -> Param:
    value = _new(Param)
    fields = value.__dict__
    fields["name"] = name
    fields["kind"] = kind
    fields["annotation"] = annotation
    fields["has_default"] = has_default
    fields["default"] = default
    return value


def make_signature(
    params: tuple[Param, ...], returns: TypeExpr | None, line: int, type_params: tuple[str, ...]
) -> Signature:
    value = _new(Signature)
    fields = value.__dict__
    fields["params"] = params
    fields["returns"] = returns
    fields["line"] = line
    fields["type_params"] = type_params
    return value


def make_function(
    name: str,
    signature: Signature,
    is_async: bool,
    decorators: tuple[str, ...],
    overloads: tuple[Signature, ...],
    line: int,
) -> Function:
    value = _new(Function)
    fields = value.__dict__
    fields["name"] = name
    fields["signature"] = signature
    fields["is_async"] = is_async
    fields["decorators"] = decorators
    fields["overloads"] = overloads
    fields["line"] = line
    return value


def make_attribute(
    name: str,
    annotation: TypeExpr | None,
    has_default: bool,
    default: LiteralValue | _NoLiteral,
    line: int,
) -> Attribute:
    value = _new(Attribute)
    fields = value.__dict__
    fields["name"] = name
    fields["annotation"] = annotation
    fields["has_default"] = has_default
    fields["default"] = default
    fields["line"] = line
    return value


def make_constant(
    name: str, annotation: TypeExpr | None, literal: LiteralValue | _NoLiteral, line: int
) -> Constant:
    value = _new(Constant)
    fields = value.__dict__
    fields["name"] = name
    fields["annotation"] = annotation
    fields["value"] = literal
    fields["line"] = line
    return value


# `public_items` makes one per public name (~11k for typeshed's stdlib, asked for once per
# module lowered).
def make_public_item(
    name: str, kind: ItemKind, module: str, decl: Declaration | None, target: str
) -> PublicItem:
    value = _new(PublicItem)
    fields = value.__dict__
    fields["name"] = name
    fields["kind"] = kind
    fields["module"] = module
    fields["decl"] = decl
    fields["target"] = target
    return value
