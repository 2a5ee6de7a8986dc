"""Static evaluation of `if` tests the way type checkers do it, for one Target.

Three-valued: True, False, or None for "cannot tell statically". Only the forms type checkers
agree on are decided: comparisons of `sys.version_info` (whole, indexed, sliced, `.major` /
`.minor`) with int tuples, `sys.platform` with strings (`==`, `!=`, `in`, `.startswith`),
`TYPE_CHECKING`, `__name__ == "__main__"` (False: a module is never run as a script here),
literal constants, and `not` / `and` / `or` of those.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

from mochi_py_stubs._model import Target

# Resolves a dotted name as written ("sys.version_info", "t.TYPE_CHECKING") through the
# module's imports so that `from sys import version_info as vi` is recognised too.
Resolver = Callable[[str], str]

_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_FLIP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.Eq,
    ast.NotEq: ast.NotEq,
    ast.Lt: ast.Gt,
    ast.LtE: ast.GtE,
    ast.Gt: ast.Lt,
    ast.GtE: ast.LtE,
}
_TYPE_CHECKING = frozenset(("typing.TYPE_CHECKING", "typing_extensions.TYPE_CHECKING"))


def dotted_name(node: ast.expr) -> str | None:
    """`a.b.c` for a Name/Attribute chain, else None. Iterative: chains can be very long."""
    parts: list[str] = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if type(node) is not ast.Name:
        return None
    parts.append(node.id)
    parts.reverse()
    return ".".join(parts)


class _Sys:
    """What a `sys.*` operand denotes: the version (whole / index / prefix) or the platform."""

    __slots__ = ("index", "kind", "prefix")

    def __init__(self, kind: str, index: int = 0, prefix: int = 0) -> None:
        self.kind = kind
        self.index = index
        self.prefix = prefix


def _int_tuple(node: ast.expr) -> tuple[int, ...] | None:
    if type(node) is not ast.Tuple:
        return None
    out: list[int] = []
    for elt in node.elts:
        if type(elt) is not ast.Constant or type(elt.value) is not int:
            return None
        out.append(elt.value)
    return tuple(out)


def _strings(node: ast.expr) -> tuple[str, ...] | None:
    if type(node) is ast.Constant and type(node.value) is str:
        return (node.value,)
    if type(node) in (ast.Tuple, ast.List, ast.Set):
        out: list[str] = []
        for elt in node.elts:  # type: ignore[attr-defined]
            if type(elt) is not ast.Constant or type(elt.value) is not str:
                return None
            out.append(elt.value)
        return tuple(out)
    return None


class Evaluator:
    def __init__(self, target: Target, resolve: Resolver) -> None:
        self._target = target
        self._resolve = resolve

    def _qualified(self, node: ast.expr) -> str | None:
        """The fully qualified name an operand spells, resolved through the imports once."""
        name = dotted_name(node)
        if name is None:
            return None
        # `sys` is always the stdlib module; accept it even when the import was forgotten.
        if name in ("sys.version_info", "sys.platform"):
            return name
        return self._resolve(name)

    def _is(self, node: ast.expr, qualified: str) -> bool:
        return self._qualified(node) == qualified

    def _sys(self, node: ast.expr) -> _Sys | None:
        if type(node) is ast.Subscript:
            if self._qualified(node.value) != "sys.version_info":
                return None
            index = node.slice
            if type(index) is ast.Constant and type(index.value) is int:
                return _Sys("index", index=index.value)
            if (
                type(index) is ast.Slice
                and index.step is None
                and (index.lower is None or _const(index.lower) == 0)
                and index.upper is not None
                and type(upper := _const(index.upper)) is int
            ):
                return _Sys("prefix", prefix=upper)
            return None
        if type(node) is ast.Attribute and node.attr in ("major", "minor"):
            if self._qualified(node.value) == "sys.version_info":
                return _Sys("index", index=0 if node.attr == "major" else 1)
            return None
        qualified = self._qualified(node)
        if qualified == "sys.version_info":
            return _Sys("version")
        if qualified == "sys.platform":
            return _Sys("platform")
        return None

    def evaluate(self, node: ast.expr) -> bool | None:
        kind = type(node)
        if kind is ast.Compare:
            return self._compare(node)  # type: ignore[arg-type]
        if kind is ast.BoolOp:
            return self._boolop(node)  # type: ignore[arg-type]
        if kind is ast.UnaryOp and type(node.op) is ast.Not:  # type: ignore[attr-defined]
            inner = self.evaluate(node.operand)  # type: ignore[attr-defined]
            return None if inner is None else not inner
        if kind is ast.Call:
            return self._call(node)  # type: ignore[arg-type]
        if kind is ast.Constant:
            value = node.value  # type: ignore[attr-defined]
            if value is None or type(value) in (bool, int, str):
                return bool(value)
            return None
        if kind in (ast.Name, ast.Attribute):
            name = dotted_name(node)
            if name is not None and (
                name == "TYPE_CHECKING" or self._resolve(name) in _TYPE_CHECKING
            ):
                return True
        return None

    def _boolop(self, node: ast.BoolOp) -> bool | None:
        results = [self.evaluate(value) for value in node.values]
        if type(node.op) is ast.And:
            if False in results:
                return False
            return True if all(r is True for r in results) else None
        if True in results:
            return True
        return False if all(r is False for r in results) else None

    def _call(self, node: ast.Call) -> bool | None:
        func = node.func
        if (
            type(func) is ast.Attribute
            and func.attr == "startswith"
            and len(node.args) == 1
            and not node.keywords
            and self._is(func.value, "sys.platform")
        ):
            prefixes = _strings(node.args[0])
            if prefixes is not None:
                return self._target.platform.startswith(prefixes)
        return None

    def _compare(self, node: ast.Compare) -> bool | None:
        if len(node.ops) != 1:
            return None
        left, op, right = node.left, type(node.ops[0]), node.comparators[0]
        if op in (ast.In, ast.NotIn):
            if not self._is(left, "sys.platform"):
                return None
            options = _strings(right)
            if options is None:
                return None
            return (self._target.platform in options) == (op is ast.In)
        sys_side = self._sys(left)
        literal = right
        if sys_side is None:
            sys_side = self._sys(right)
            literal = left
            op = _FLIP.get(op, op)
        if sys_side is None:
            if _is_dunder_name(left) or _is_dunder_name(right):
                return False if op is ast.Eq else True if op is ast.NotEq else None
            return None
        if op not in _COMPARE:
            return None
        compare = _COMPARE[op]
        if sys_side.kind == "platform":
            if (
                type(literal) is ast.Constant
                and type(literal.value) is str
                and op
                in (
                    ast.Eq,
                    ast.NotEq,
                )
            ):
                return bool(compare(self._target.platform, literal.value))
            return None
        version = self._target.python
        if sys_side.kind == "index":
            value = _const(literal)
            if type(value) is not int or sys_side.index not in (0, 1):
                return None
            return bool(compare(version[sys_side.index], value))
        wanted = _int_tuple(literal)
        if wanted is None or not wanted:
            return None
        if sys_side.kind == "prefix":
            if not 1 <= sys_side.prefix <= 2:
                return None
            return bool(compare(version[: sys_side.prefix], wanted))
        return _compare_version(version, op, wanted)


def _is_dunder_name(node: ast.expr) -> bool:
    return type(node) is ast.Name and node.id == "__name__"


def _const(node: ast.expr) -> object:
    return node.value if type(node) is ast.Constant else None


def _compare_version(
    version: tuple[int, int], op: type[ast.cmpop], wanted: tuple[int, ...]
) -> bool | None:
    """`sys.version_info <op> wanted` where only major.minor of the runtime is known."""
    mine = version[: len(wanted)]
    head = wanted[:2]
    if mine != head:
        # The known part already differs, so the unknown micro/release level cannot matter.
        return bool(_COMPARE[op](mine, head))
    if len(wanted) > 2:
        return None  # equal major.minor, the answer depends on the micro version
    # The real sys.version_info is a 5-tuple, longer than `wanted` with an equal prefix, so it
    # compares greater; `==` / `!=` compare the prefix, as mypy and pyright do.
    if op is ast.Eq:
        return True
    if op is ast.NotEq:
        return False
    return op in (ast.Gt, ast.GtE)
