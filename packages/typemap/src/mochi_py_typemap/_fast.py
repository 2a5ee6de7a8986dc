"""Fast constructors for the lowered values a lowering builds by the ten thousand.

A frozen dataclass's generated `__init__` stores each field through `object.__setattr__`.
Lowering typeshed's stdlib builds ~30k LoweredFunctions and ~15k LoweredParams (one per
method of every class, inherited ones included), and that store cost was a measurable part
of `nox -s bench` (a). These functions create the very same instances (same class, same
instance dict: equality, hashing, repr, `replace` and pickling are unchanged) by filling the
instance dict directly, as mochi_py_stubs._fast does for the parser's values.

They are only valid for dataclasses without `__slots__` and without `__post_init__`, and must
set every field: both are checked once at import, and the tests compare their results with
normally constructed values, so a field added later cannot be forgotten here.
"""

from __future__ import annotations

import dataclasses

from mochi_py_stubs import Function, LiteralValue, NoLiteral, ParamKind
from mochi_py_typemap._lowered import LoweredFunction, LoweredParam
from mochi_py_typemap._skip import SkipReport
from mochi_py_typemap._types import MochiType

_new = object.__new__


def _check(cls: type, names: tuple[str, ...]) -> None:
    fields = tuple(f.name for f in dataclasses.fields(cls))
    if fields != names or hasattr(cls, "__post_init__") or "__slots__" in vars(cls):
        raise RuntimeError(f"mochi_py_typemap._fast is out of date for {cls.__name__}")


_check(LoweredParam, ("name", "kind", "type", "has_default", "default", "unmapped"))
_check(LoweredFunction, ("name", "path", "params", "returns", "is_async", "binding", "source"))


def make_param(
    name: str,
    kind: ParamKind,
    type_: MochiType,
    has_default: bool,
    default: LiteralValue | NoLiteral,
    unmapped: SkipReport | None = None,
) -> LoweredParam:
    value = _new(LoweredParam)
    fields = value.__dict__
    fields["name"] = name
    fields["kind"] = kind
    fields["type"] = type_
    fields["has_default"] = has_default
    fields["default"] = default
    fields["unmapped"] = unmapped
    return value


def make_function(
    name: str,
    path: str,
    params: tuple[LoweredParam, ...],
    returns: MochiType,
    is_async: bool,
    binding: str,
    source: Function | None,
) -> LoweredFunction:
    value = _new(LoweredFunction)
    fields = value.__dict__
    fields["name"] = name
    fields["path"] = path
    fields["params"] = params
    fields["returns"] = returns
    fields["is_async"] = is_async
    fields["binding"] = binding
    fields["source"] = source
    return value
