"""`ast` expressions to TypeExpr values and safe literals, with name resolution.

This is the hot path of the parser (every annotation of every stub goes through it), so it
dispatches on `type(node) is ...` and caches one TName per spelling and scope: TName is
frozen, so sharing instances is safe and saves most of the allocations.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TypeVar

from mochi_py_stubs._builtins import BUILTIN_NAMES
from mochi_py_stubs._conditions import dotted_name
from mochi_py_stubs._fast import make_tname, make_tsubscript, make_tunion
from mochi_py_stubs._model import (
    NO_LITERAL,
    LiteralValue,
    TConst,
    TEllipsis,
    TList,
    TName,
    TStr,
    TSubscript,
    TUnion,
    TUnsupported,
    TypeExpr,
    _NoLiteral,
)
from mochi_py_stubs._source import SourceText

_T = TypeVar("_T", bound="TypeExpr")

_ELLIPSIS = TEllipsis()
# `X | None` is in most signatures; share the few constant nodes instead of rebuilding them.
_SHARED_CONSTS = {None: TConst(None), True: TConst(True), False: TConst(False)}
NONE = _SHARED_CONSTS[None]


def literal(node: ast.expr) -> LiteralValue | _NoLiteral:
    """A default/constant value as data if it is a safe literal, else NO_LITERAL.

    Safe: `ast.Constant` (not `...`, which stubs use for "some default"), unary minus on an
    int/float/complex constant, and tuples of safe literals. Nothing is ever evaluated.
    """
    kind = type(node)
    if kind is ast.Constant:
        value = node.value  # type: ignore[attr-defined]
        if value is Ellipsis:
            return NO_LITERAL
        return value  # type: ignore[no-any-return]
    if kind is ast.UnaryOp:
        if type(node.op) is ast.USub:  # type: ignore[attr-defined]
            operand = node.operand  # type: ignore[attr-defined]
            if type(operand) is ast.Constant:
                value = operand.value
                if isinstance(value, (int, float, complex)) and type(value) is not bool:
                    return -value
        return NO_LITERAL
    if kind is ast.Tuple:
        items: list[LiteralValue] = []
        for elt in node.elts:  # type: ignore[attr-defined]
            value = literal(elt)
            if value is NO_LITERAL:
                return NO_LITERAL
            items.append(value)
        return tuple(items)
    return NO_LITERAL


class Scope:
    """Where names are looked up: one class scope (nested classes, PEP 695 parameters) or the
    module, then the module's bindings, then builtins.

    Module bindings are shared (and mutated while the module is read, in statement order), so
    a name bound later by an import still resolves through it, as at run time.
    """

    __slots__ = ("_bindings", "_fallback", "_local", "_parent", "cache", "interned")

    def __init__(
        self,
        bindings: dict[str, str],
        fallback: str,
        local: dict[str, str] | None = None,
        parent: Scope | None = None,
    ) -> None:
        self._bindings = bindings
        # Prefix for names bound nowhere visible: "<module>." (they are most likely defined
        # in the module in a way the parser does not model) or "" without a module.
        self._fallback = fallback
        self._local = local or {}
        self._parent = parent
        self.cache: dict[str, TName] = {}
        # One instance per distinct type expression of the module, shared by its scopes (see
        # TypeBuilder.intern).
        self.interned: dict[tuple[object, ...], TypeExpr] = (
            {} if parent is None else parent.interned
        )

    def child(self, local: dict[str, str]) -> Scope:
        """A class or annotation scope; `local` maps a name to its fully qualified name."""
        return Scope(self._bindings, self._fallback, local, self)

    def resolve_head(self, head: str) -> str:
        scope: Scope | None = self
        while scope is not None:
            found = scope._local.get(head)
            if found is not None:
                return found
            scope = scope._parent
        found = self._bindings.get(head)
        if found is not None:
            return found
        if head in BUILTIN_NAMES:
            return "builtins." + head
        return self._fallback + head

    def resolve(self, dotted: str) -> str:
        head, dot, rest = dotted.partition(".")
        return self.resolve_head(head) + dot + rest

    def name(self, dotted: str) -> TName:
        cached = self.cache.get(dotted)
        if cached is None:
            resolved = self.resolve(dotted)
            key = (TName, dotted, resolved)
            found = self.interned.get(key)
            if type(found) is not TName:
                found = self.interned[key] = make_tname(dotted, resolved)
            cached = self.cache[dotted] = found
        return cached


class TypeBuilder:
    """Converts annotation expressions in one scope; `source` quotes unsupported ones."""

    __slots__ = ("interned", "names", "scope", "source")

    def __init__(self, scope: Scope, source: SourceText) -> None:
        self.scope = scope
        self.source = source
        # The scope's TName cache, read directly: a method call per name is measurable.
        self.names = scope.cache
        self.interned = scope.interned

    def intern(self, key: tuple[object, ...], make: Callable[[], _T]) -> _T:
        """The module's one instance of the expression `key` describes (hash-consing).

        Type expressions are frozen, so equal ones can be one object, and consumers memoise
        by identity: typemap maps each distinct annotation of a module once instead of once
        per occurrence (`int | None` is written hundreds of times in some modules). A key
        holds the identities of the children, which are interned first, so it stays valid as
        long as the table (which keeps them alive) does; constants are keyed by type and
        value, because `1 == True == 1.0`.
        """
        found = self.interned.get(key)
        if found is None:
            found = self.interned[key] = make()
        return found  # type: ignore[return-value]

    def _subscript(self, base: TName, args: tuple[TypeExpr, ...]) -> TypeExpr:
        # `intern` inlined: these two run for every compound annotation of every stub.
        key = (TSubscript, id(base), *map(id, args))
        found = self.interned.get(key)
        if found is None:
            found = self.interned[key] = make_tsubscript(base, args)
        return found

    def _members(self, members: tuple[TypeExpr, ...]) -> TypeExpr:
        key = (TUnion, *map(id, members))
        found = self.interned.get(key)
        if found is None:
            found = self.interned[key] = make_tunion(members)
        return found

    def convert(self, node: ast.expr) -> TypeExpr:
        # Ordered by frequency in typeshed: names, subscripts, unions, constants, attributes.
        # Names nested in subscripts and unions are looked up inline: one call less each
        # (TName has no __bool__/__len__, so a found value is always true).
        names = self.names
        kind = type(node)
        if kind is ast.Name:
            return names.get(node.id) or self.scope.name(node.id)  # type: ignore[attr-defined]
        if kind is ast.Subscript:
            value = node.value  # type: ignore[attr-defined]
            if type(value) is ast.Name:
                base: TypeExpr = names.get(value.id) or self.scope.name(value.id)
            else:
                base = self.convert(value)
                if type(base) is not TName:
                    return TUnsupported(self.source.segment(node))
            index = node.slice  # type: ignore[attr-defined]
            if type(index) is ast.Tuple:
                args: list[TypeExpr] = []
                for elt in index.elts:
                    if type(elt) is ast.Name:
                        args.append(names.get(elt.id) or self.scope.name(elt.id))
                    else:
                        args.append(self.convert(elt))
                return self._subscript(base, tuple(args))  # type: ignore[arg-type]
            if type(index) is ast.Name:
                arg = names.get(index.id) or self.scope.name(index.id)
                return self._subscript(base, (arg,))  # type: ignore[arg-type]
            return self._subscript(base, (self.convert(index),))  # type: ignore[arg-type]
        if kind is ast.BinOp:
            if type(node.op) is ast.BitOr:  # type: ignore[attr-defined]
                return self._union(node)  # type: ignore[arg-type]
        elif kind is ast.Constant:
            found = self._constant(node)  # type: ignore[arg-type]
            if found is not None:
                return found
        elif kind is ast.Attribute:
            dotted = dotted_name(node)
            if dotted is not None:
                return names.get(dotted) or self.scope.name(dotted)
        elif kind is ast.List:
            items = tuple([self.convert(elt) for elt in node.elts])  # type: ignore[attr-defined]
            return self.intern((TList, *map(id, items)), lambda: TList(items))
        elif kind is ast.UnaryOp:
            value = literal(node)
            if type(value) in (int, float):
                return TConst(value)  # type: ignore[arg-type]
        return TUnsupported(self.source.segment(node))

    def _union(self, node: ast.BinOp) -> TypeExpr:
        left = node.left
        right = node.right
        if not _is_union(left) and not _is_union(right):
            # `X | None`, the common case.
            first: TypeExpr
            if type(left) is ast.Name:
                first = self.names.get(left.id) or self.scope.name(left.id)
            else:
                first = self.convert(left)
            if type(right) is ast.Constant and right.value is None:
                return self._members((first, NONE))
            return self._members((first, self.convert(right)))
        # Iterative: `A | B | ...` nests to the left and can be arbitrarily long.
        members: list[TypeExpr] = []
        stack: list[ast.expr] = [node]
        while stack:
            current = stack.pop()
            if _is_union(current):
                stack.append(current.right)  # type: ignore[attr-defined]
                stack.append(current.left)  # type: ignore[attr-defined]
            else:
                members.append(self.convert(current))
        return self._members(tuple(members))

    def _constant(self, node: ast.Constant) -> TypeExpr | None:
        value = node.value
        if type(value) is str:
            text = value
            return self.intern((TStr, text), lambda: TStr(text))
        if value is Ellipsis:
            return _ELLIPSIS
        if value is None or type(value) is bool:
            return _SHARED_CONSTS[value]
        if type(value) is int or type(value) is bytes:
            exact = value
            return self.intern((TConst, type(exact), exact), lambda: TConst(exact))
        if isinstance(value, (int, float, bytes)):
            # Floats stay apart (0.0 == -0.0, nan != nan), as do int and bytes subclasses.
            return TConst(value)
        return None  # complex: not a type-position constant


def _is_union(node: ast.expr) -> bool:
    return type(node) is ast.BinOp and type(node.op) is ast.BitOr
