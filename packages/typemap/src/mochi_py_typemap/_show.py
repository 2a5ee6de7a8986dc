"""Re-spell a TypeExpr for human-readable skip details (never for generated code)."""

from __future__ import annotations

from mochi_py_stubs import (
    TConst,
    TEllipsis,
    TList,
    TName,
    TStr,
    TSubscript,
    TUnion,
    TypeExpr,
)


def show(expr: TypeExpr) -> str:
    if isinstance(expr, TName):
        return expr.name
    if isinstance(expr, TSubscript):
        inner = ", ".join(show(a) for a in expr.args) if expr.args else "()"
        return f"{expr.base.name}[{inner}]"
    if isinstance(expr, TUnion):
        return " | ".join(show(m) for m in expr.members)
    if isinstance(expr, TList):
        return "[" + ", ".join(show(i) for i in expr.items) + "]"
    if isinstance(expr, TConst):
        return repr(expr.value)
    if isinstance(expr, TStr):
        return repr(expr.value)
    if isinstance(expr, TEllipsis):
        return "..."
    return expr.source
