"""Capability tokens extracted from a wrapper's bound surface (reference §12.2)."""

from __future__ import annotations

from collections.abc import Sequence

from mochi_py_lockfile._errors import SurfaceKindError
from mochi_py_lockfile._protocols import MochiTypeLike, WrapperLike

__all__ = ["extract_capabilities"]

_ITEM_KINDS = frozenset({"function", "class", "constant", "type-alias"})
_CLASS_DECL_KINDS = frozenset({"", "record", "opaque", "enum", "exception"})
_NAMED_DECL_KINDS = frozenset({"", "record", "opaque", "sum", "enum"})
# Type kind -> the token it contributes ("" for none; `named` depends on decl_kind).
_TYPE_TOKENS = {
    "scalar": "",
    "list": "list",
    "map": "map",
    "set": "set",
    "tuple": "tuple",
    "option": "optional",
    "fun": "callable",
    "stream": "stream",
    "named": "",
    "typevar": "typevar",
}
_NAMED_TOKENS = {"record": "dataclass", "sum": "sum"}


def extract_capabilities(wrapper: WrapperLike | None) -> tuple[str, ...]:
    """The sorted capability tokens of `wrapper`'s bound items; `()` for None or no surface.

    Per item: `is_async` -> async; a class with decl_kind record -> dataclass; a class with
    `is_protocol` -> protocol; a constant -> constant. Then every type in `item.types` and,
    recursively, its `children`: list, map, set, tuple, stream, typevar by kind, option ->
    optional, fun -> callable, named record -> dataclass, named sum -> sum. A kind outside
    the documented vocabulary raises SurfaceKindError rather than being silently skipped.
    """
    if wrapper is None:
        return ()
    found: set[str] = set()
    for index, item in enumerate(wrapper.items):
        if item.kind not in _ITEM_KINDS:
            raise SurfaceKindError(item=index, field="kind", kind=item.kind)
        if item.is_async:
            found.add("async")
        if item.kind == "constant":
            found.add("constant")
        elif item.kind == "class":
            # Optional attributes (see _protocols): absent means "nothing special".
            decl_kind = getattr(item, "decl_kind", "")
            if decl_kind not in _CLASS_DECL_KINDS:
                raise SurfaceKindError(item=index, field="decl_kind", kind=decl_kind)
            if decl_kind == "record":
                found.add("dataclass")
            if getattr(item, "is_protocol", False) is True:
                found.add("protocol")
        _walk_types(index, item.types, found)
    return tuple(sorted(found))


def _walk_types(index: int, roots: Sequence[MochiTypeLike], found: set[str]) -> None:
    # Iterative with a seen-set on identity: a hand-built or shared type graph may be deep or
    # (wrongly) cyclic, and neither may crash the lock writer with a RecursionError.
    stack: list[MochiTypeLike] = list(roots)
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        kind = node.kind
        if kind not in _TYPE_TOKENS:
            raise SurfaceKindError(item=index, field="kind", kind=kind)
        token = _TYPE_TOKENS[kind]
        if kind == "named":
            decl_kind = getattr(node, "decl_kind", "")
            if decl_kind not in _NAMED_DECL_KINDS:
                raise SurfaceKindError(item=index, field="decl_kind", kind=decl_kind)
            token = _NAMED_TOKENS.get(decl_kind, "")
        if token:
            found.add(token)
        stack.extend(node.children)
