"""Type aliases (generic ones substituted, recursive ones refused) and forward-reference
strings (parsed with the names of the module they were written in)."""

from __future__ import annotations

from dataclasses import replace

from mochi_py_stubs import (
    StubSyntaxError,
    TList,
    TName,
    TStr,
    TSubscript,
    TUnion,
    TypeExpr,
    parse_type_expr,
)
from mochi_py_typemap._base import MAX_STRING_DEPTH, plural
from mochi_py_typemap._frame import Frame
from mochi_py_typemap._index import (
    AliasRef,
    TypeVarRef,
)
from mochi_py_typemap._records import RecordsMixin
from mochi_py_typemap._skip import SkipReason, SkipReport
from mochi_py_typemap._typing_table import Construct


class AliasesMixin(RecordsMixin):
    def alias_value(
        self, ref: AliasRef, args: tuple[TypeExpr, ...] | None, fr: Frame
    ) -> tuple[TypeExpr, Frame] | SkipReport:
        """The expression an alias stands for (arguments substituted) and the frame to map it
        in; refused when the alias is already being expanded (a recursive alias)."""
        alias = ref.alias
        if ref.qualname in fr.aliases:
            chain = " -> ".join((*fr.aliases[fr.aliases.index(ref.qualname) :], ref.qualname))
            return self.skip(
                fr,
                SkipReason.RECURSIVE_ALIAS,
                f"type alias {alias.name} refers to itself ({chain})",
            )
        value = alias.value
        # (Frame(...) rather than dataclasses.replace: an alias is expanded at every use.)
        inner = Frame(
            ref.module,
            fr.item_path,
            fr.enclosing,
            (alias.name,),
            fr.tparams | frozenset(alias.type_params) if alias.type_params else fr.tparams,
            (*fr.aliases, ref.qualname),
            fr.depth,
            fr.slot,
            fr.python_only,
        )
        if args is not None:
            if alias.type_params:
                by_name = True
                params: tuple[str, ...] = alias.type_params
            else:
                by_name = False
                params = self._typevars_in(value, inner)
            if len(args) != len(params):
                return self._unsupported(
                    fr,
                    f"type alias {alias.name} takes {len(params)} type argument"
                    f"{plural(len(params))}, got {len(args)}",
                )
            pinned = tuple(self._pin(a, fr) for a in args)
            value = _substitute(value, dict(zip(params, pinned, strict=True)), by_name)
        return value, inner

    def _typevars_in(self, expr: TypeExpr, fr: Frame) -> tuple[str, ...]:
        # The parameters of an old-style generic alias: its TypeVars in order of first
        # appearance (the typing spec's rule), as fully qualified names.
        found: list[str] = []
        for name in _names_in(expr):
            ref = self.resolve(name, fr)
            if isinstance(ref, TypeVarRef) and ref.qualname not in found:
                found.append(ref.qualname)
        return tuple(found)

    def _pin(self, expr: TypeExpr, fr: Frame) -> TypeExpr:
        """Parse the forward-reference strings of `expr` in its own module, so it can be
        substituted into an alias written in another module."""
        if isinstance(expr, TStr):
            parsed = self.parse_forward(expr, fr)
            if isinstance(parsed, SkipReport):
                return expr
            return self._pin(parsed, replace(fr, depth=fr.depth + 1))
        if isinstance(expr, TSubscript):
            construct = self.construct(expr, fr)
            if construct is Construct.LITERAL:
                return expr
            if construct is Construct.ANNOTATED:
                pinned = tuple(self._pin(a, fr) for a in expr.args[:1])
                return TSubscript(expr.base, (*pinned, *expr.args[1:]))
            return TSubscript(expr.base, tuple(self._pin(a, fr) for a in expr.args))
        if isinstance(expr, TUnion):
            return TUnion(tuple(self._pin(m, fr) for m in expr.members))
        if isinstance(expr, TList):
            return TList(tuple(self._pin(i, fr) for i in expr.items))
        return expr

    def parse_forward(self, expr: TStr, fr: Frame) -> TypeExpr | SkipReport:
        """A string at a type position, parsed with the names of the module it was written in
        (its imports and declarations)."""
        if fr.depth >= MAX_STRING_DEPTH:
            return self._unsupported(fr, f"forward reference {expr.value!r} is nested too deeply")
        # Parsed once per surface: a package writes the same string (`"Session"`) in many
        # annotations, parsing one re-reads the whole module's bindings, and the one parsed
        # object lets the session's memo (keyed by the object) answer every other use.
        key = (fr.module, expr.value)
        parsed = self.index.forward_refs.get(key)
        if parsed is None:
            try:
                parsed = parse_type_expr(expr.value, module=self.index.modules.get(fr.module))
            except ValueError as exc:  # StubSyntaxError, StubTooLargeError: both ValueErrors
                parsed = exc.message if isinstance(exc, StubSyntaxError) else str(exc)
            self.index.forward_refs[key] = parsed
        if isinstance(parsed, str):
            return self._unsupported(fr, f"cannot parse forward reference {expr.value!r}: {parsed}")
        return parsed


def _names_in(expr: TypeExpr) -> list[TName]:
    out: list[TName] = []
    stack: list[TypeExpr] = [expr]
    while stack:
        current = stack.pop(0)
        if isinstance(current, TName):
            out.append(current)
        elif isinstance(current, TSubscript):
            stack[:0] = [current.base, *current.args]
        elif isinstance(current, TUnion):
            stack[:0] = list(current.members)
        elif isinstance(current, TList):
            stack[:0] = list(current.items)
    return out


def _substitute(expr: TypeExpr, args: dict[str, TypeExpr], by_name: bool) -> TypeExpr:
    """Replace type parameters (bare names when `by_name`, else resolved TypeVar names)."""
    if isinstance(expr, TName):
        key = expr.name if by_name else expr.resolved
        if by_name and "." in expr.name:
            return expr
        return args.get(key, expr)
    if isinstance(expr, TSubscript):
        return TSubscript(expr.base, tuple(_substitute(a, args, by_name) for a in expr.args))
    if isinstance(expr, TUnion):
        return TUnion(tuple(_substitute(m, args, by_name) for m in expr.members))
    if isinstance(expr, TList):
        return TList(tuple(_substitute(i, args, by_name) for i in expr.items))
    return expr
