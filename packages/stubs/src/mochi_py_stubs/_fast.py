"""Fast constructors for the model values the parser builds by the ten thousand.

A frozen dataclass's generated `__init__` stores each field through `object.__setattr__`,
about three times the cost of a plain store. One pass over typeshed's stdlib builds ~100k
Params, Signatures, Functions, attributes and type nodes, and that overhead alone was a fifth
of the parser's time against its budget (1.5x bare `ast.parse`). These functions create the
very same instances (same class, same slots, so equality, hashing, repr, `replace` and
pickling are unchanged) by calling each field's slot setter directly.

The model's classes are slotted: an instance is one object where a dict-backed one was two
(the collector visited both, and each attribute read went through the dict). A class built
here must stay slotted, have no `__post_init__` and be given every field: checked once at
import, and the tests compare the results with normally constructed values, so a field added
to the model later cannot be forgotten here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

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

_Setter = Callable[[Any, Any], None]


def _setters(cls: type, names: tuple[str, ...]) -> tuple[_Setter, ...]:
    """The slot setters of `names`, which must be every field of `cls`, in order."""
    fields = tuple(f.name for f in dataclasses.fields(cls))
    if fields != names or hasattr(cls, "__post_init__") or vars(cls).get("__slots__") != names:
        raise RuntimeError(f"mochi_py_stubs._fast is out of date for {cls.__name__}")
    return tuple(vars(cls)[name].__set__ for name in names)


_TNAME = _setters(TName, ("name", "resolved"))
_TSUBSCRIPT = _setters(TSubscript, ("base", "args"))
_TUNION = _setters(TUnion, ("members",))
_PARAM = _setters(Param, ("name", "kind", "annotation", "has_default", "default"))
_SIGNATURE = _setters(Signature, ("params", "returns", "line", "type_params"))
_FUNCTION = _setters(Function, ("name", "signature", "is_async", "decorators", "overloads", "line"))
_ATTRIBUTE = _setters(Attribute, ("name", "annotation", "has_default", "default", "line"))
_CONSTANT = _setters(Constant, ("name", "annotation", "value", "line"))
_PUBLIC_ITEM = _setters(PublicItem, ("name", "kind", "module", "decl", "target"))


def make_tname(name: str, resolved: str) -> TName:
    value = _new(TName)
    set_name, set_resolved = _TNAME
    set_name(value, name)
    set_resolved(value, resolved)
    return value


def make_tsubscript(base: TName, args: tuple[TypeExpr, ...]) -> TSubscript:
    value = _new(TSubscript)
    set_base, set_args = _TSUBSCRIPT
    set_base(value, base)
    set_args(value, args)
    return value


def make_tunion(members: tuple[TypeExpr, ...]) -> TUnion:
    value = _new(TUnion)
    _TUNION[0](value, members)
    return value


def make_param(
    name: str,
    kind: ParamKind,
    annotation: TypeExpr | None,
    has_default: bool,
    default: LiteralValue | _NoLiteral,
) -> Param:
    value = _new(Param)
    set_name, set_kind, set_annotation, set_has_default, set_default = _PARAM
    set_name(value, name)
    set_kind(value, kind)
    set_annotation(value, annotation)
    set_has_default(value, has_default)
    set_default(value, default)
    return value


def make_signature(
    params: tuple[Param, ...], returns: TypeExpr | None, line: int, type_params: tuple[str, ...]
) -> Signature:
    value = _new(Signature)
    set_params, set_returns, set_line, set_type_params = _SIGNATURE
    set_params(value, params)
    set_returns(value, returns)
    set_line(value, line)
    set_type_params(value, type_params)
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
    set_name, set_signature, set_is_async, set_decorators, set_overloads, set_line = _FUNCTION
    set_name(value, name)
    set_signature(value, signature)
    set_is_async(value, is_async)
    set_decorators(value, decorators)
    set_overloads(value, overloads)
    set_line(value, line)
    return value


def make_attribute(
    name: str,
    annotation: TypeExpr | None,
    has_default: bool,
    default: LiteralValue | _NoLiteral,
    line: int,
) -> Attribute:
    value = _new(Attribute)
    set_name, set_annotation, set_has_default, set_default, set_line = _ATTRIBUTE
    set_name(value, name)
    set_annotation(value, annotation)
    set_has_default(value, has_default)
    set_default(value, default)
    set_line(value, line)
    return value


def make_constant(
    name: str, annotation: TypeExpr | None, literal: LiteralValue | _NoLiteral, line: int
) -> Constant:
    value = _new(Constant)
    set_name, set_annotation, set_value, set_line = _CONSTANT
    set_name(value, name)
    set_annotation(value, annotation)
    set_value(value, literal)
    set_line(value, line)
    return value


# `public_items` makes one per public name (~11k for typeshed's stdlib, asked for once per
# module lowered).
def make_public_item(
    name: str, kind: ItemKind, module: str, decl: Declaration | None, target: str
) -> PublicItem:
    value = _new(PublicItem)
    set_name, set_kind, set_module, set_decl, set_target = _PUBLIC_ITEM
    set_name(value, name)
    set_kind(value, kind)
    set_module(value, module)
    set_decl(value, decl)
    set_target(value, target)
    return value
