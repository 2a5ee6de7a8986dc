"""Fast constructors for the lowered values a lowering builds by the ten thousand.

A frozen dataclass's generated `__init__` stores each field through `object.__setattr__`.
Lowering typeshed's stdlib builds ~30k LoweredFunctions and ~15k LoweredParams (one per
method of every class, inherited ones included), and that store cost was a measurable part
of `nox -s bench` (a). These functions create the very same instances (same class, same
slots: equality, hashing, repr, `replace` and pickling are unchanged) by calling each field's
slot setter directly, as mochi_py_stubs._fast does for the parser's values.

A class built here must stay slotted, have no `__post_init__` and be given every field:
checked once at import, and the tests compare the results with normally constructed values,
so a field added later cannot be forgotten here.
"""

from __future__ import annotations

from mochi_py_stubs import Function, LiteralValue, NoLiteral, ParamKind
from mochi_py_typemap._lowered import LoweredFunction, LoweredParam
from mochi_py_typemap._skip import SkipReport
from mochi_py_typemap._slots import Setter, slot_setters
from mochi_py_typemap._types import MochiType

_new = object.__new__


def _setters(cls: type, names: tuple[str, ...]) -> tuple[Setter, ...]:
    if hasattr(cls, "__post_init__"):  # it would be skipped
        raise RuntimeError(f"mochi_py_typemap._fast is out of date for {cls.__name__}")
    return slot_setters(cls, names)


_PARAM = _setters(LoweredParam, ("name", "kind", "type", "has_default", "default", "unmapped"))
_FUNCTION = _setters(
    LoweredFunction, ("name", "path", "params", "returns", "is_async", "binding", "source")
)


def make_param(
    name: str,
    kind: ParamKind,
    type_: MochiType,
    has_default: bool,
    default: LiteralValue | NoLiteral,
    unmapped: SkipReport | None = None,
) -> LoweredParam:
    value = _new(LoweredParam)
    set_name, set_kind, set_type, set_has_default, set_default, set_unmapped = _PARAM
    set_name(value, name)
    set_kind(value, kind)
    set_type(value, type_)
    set_has_default(value, has_default)
    set_default(value, default)
    set_unmapped(value, unmapped)
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
    set_name, set_path, set_params, set_returns, set_is_async, set_binding, set_source = _FUNCTION
    set_name(value, name)
    set_path(value, path)
    set_params(value, params)
    set_returns(value, returns)
    set_is_async(value, is_async)
    set_binding(value, binding)
    set_source(value, source)
    return value
