"""The public entry points of the type table: one annotation at a time."""

from __future__ import annotations

from mochi_py_stubs import TypeExpr
from mochi_py_typemap._context import TypeContext
from mochi_py_typemap._index import index_for
from mochi_py_typemap._session import Result, Session
from mochi_py_typemap._skip import SkipReason, SkipReport
from mochi_py_typemap._types import TypeDecl


def map_type_with_decls(
    expr: TypeExpr | None, ctx: TypeContext
) -> tuple[Result, tuple[TypeDecl, ...]]:
    """Like `map_type`, and also the declarations (records, opaque classes, enums, sums) the
    resulting type refers to, transitively, sorted by name."""
    session = Session(index_for(ctx.surface), ctx.allow_partial)
    fr = session.frame(
        ctx.module, ctx.item_path or ctx.module, enclosing=ctx.enclosing_class, slot=ctx.slot
    )
    if expr is None:
        result = session.missing_annotation(fr, "no annotation")
    else:
        try:
            result = session.map(expr, fr)
        except RecursionError:
            # Only reachable with absurdly deep input trees; refusing beats crashing.
            result = SkipReport(
                fr.item_path,
                SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
                "type expression is nested too deeply",
            )
    if isinstance(result, SkipReport):
        return result, ()
    return result, session.decls_for((result,))


def map_type(expr: TypeExpr | None, ctx: TypeContext) -> Result:
    """Lower one annotation: a MochiType, or a SkipReport saying why it has no Mochi type.

    `None` (no annotation) is `any` under `ctx.allow_partial` and refused otherwise. Never
    raises for any TypeExpr tree.
    """
    return map_type_with_decls(expr, ctx)[0]
