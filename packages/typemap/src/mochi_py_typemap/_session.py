"""The closed type table: one TypeExpr -> a MochiType or a SkipReport.

`map_type` runs a one-off `Session`; `lower_module` shares one across items. Decisions are
made on the parsed tree, by fully qualified name (`TName.resolved`), never on spelling. The
first failing inner decision is returned unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from mochi_py_stubs import (
    TConst,
    TEllipsis,
    TList,
    TName,
    TStr,
    TSubscript,
    TUnion,
    TypeExpr,
    TypeVarKind,
)
from mochi_py_typemap._aliases import AliasesMixin
from mochi_py_typemap._base import (
    ANY_DETAIL,
    ANY_OVERRIDE,
    OBJECT_DETAIL,
    SCALARS,
    RecordInfo,
    Result,
    plural,
)
from mochi_py_typemap._frame import Frame
from mochi_py_typemap._index import (
    AliasRef,
    ClassRef,
    EnumMemberRef,
    ExternalRef,
    MissingRef,
    TypeVarRef,
    ValueRef,
)
from mochi_py_typemap._show import show
from mochi_py_typemap._skip import SkipReason, SkipReport
from mochi_py_typemap._types import (
    ANY,
    BOOL,
    INT,
    STRING,
    UNIT,
    FunType,
    ListType,
    MapType,
    MochiType,
    SetType,
    StreamType,
    TupleType,
    TypeVarType,
)
from mochi_py_typemap._typing_table import ARITY, BARE_GENERIC, Construct, construct_of

__all__ = ["Frame", "RecordInfo", "Result", "Session", "repath"]


class Session(AliasesMixin):
    def map(self, expr: TypeExpr, fr: Frame) -> Result:
        # Memoised per session: a module's annotations repeat (`str`, `int | None`, `Self`),
        # and the stubs parser hands out one TName per spelling and scope, so most repeats
        # are the very same object. The key is that object's identity (the memo keeps the
        # object alive, so its id cannot be reused meanwhile; hashing the dataclass tree
        # would cost more than it saves) with every part of the frame a decision can depend
        # on except `item_path` (carried only by a skip report, re-pointed on a hit) and
        # `naming` (used only to name a sum type: a result that made one is not kept, nor one
        # that named a record class, see SessionBase.record_uses). The
        # enclosing class is left out of the key when the mapping never asked for it (only
        # `Self` does), so a method inherited by many classes is mapped once.
        return self.map_in(
            expr,
            fr.module,
            fr.item_path,
            fr.enclosing,
            fr.tparams,
            fr.slot,
            fr.aliases,
            fr.depth,
            fr,
            python_only=fr.python_only,
        )

    def map_in(
        self,
        expr: TypeExpr,
        module: str,
        item_path: str,
        enclosing: str | None,
        tparams: frozenset[str],
        slot: str,
        aliases: tuple[str, ...] = (),
        depth: int = 0,
        fr: Frame | None = None,
        *,
        naming: tuple[str, ...] | None = None,
        python_only: bool = False,
    ) -> Result:
        """`map(expr, fr)` for the frame these fields make; `fr` is only made on a memo miss.

        `tparams` must already include the enclosing class's (see `scope_tparams`). Lowering
        maps every parameter, return and member annotation through here: one frame each
        would be a fifth of the lowering time, and most of them would never be looked at.
        `naming`, when given, is the item path (below its module) a sum type made here is
        named after, instead of `item_path`; `slot` is appended to it. `python_only` maps for
        a defaulted parameter (see Frame.python_only).
        """
        memo = self.python_memo if python_only else self.memo
        shared = (id(expr), module, _ANY_CLASS, tparams, aliases, depth)
        found = memo.get(shared)
        if found is not None and found[0] is expr:
            result = found[1]  # (repath inlined: this is the most frequent call of a lowering)
            return result.at(item_path) if type(result) is SkipReport else result
        own = (id(expr), module, enclosing, tparams, aliases, depth)
        found = memo.get(own)
        if found is not None and found[0] is expr:
            # A result that depends on the class still does when it comes from the memo:
            # an enclosing memo (a lowered signature) must not share it across classes.
            self.enclosing_reads += 1
            return repath(found[1], item_path)
        if fr is None:
            if naming is not None and slot:
                naming = (*naming, slot)
            fr = Frame(
                module, item_path, enclosing, naming, tparams, aliases, depth, slot, python_only
            )
        sums, reads, uses = self.sums_made, self.enclosing_reads, self.record_uses
        result = self._map(expr, fr)
        if (
            self.sums_made == sums
            and self.record_uses == uses
            and (type(result) is not SkipReport or result.item_path == item_path)
        ):
            memo[shared if self.enclosing_reads == reads else own] = (expr, result)
        return result

    def scope_tparams(self, enclosing: str | None, own: tuple[str, ...]) -> frozenset[str]:
        """The type parameters in scope: `own` and the enclosing class's (as `frame` adds)."""
        key = (enclosing, own)
        found = self._scopes.get(key)
        if found is None:
            found = frozenset(own)
            ref = None if enclosing is None else self.index.class_ref(enclosing)
            if ref is not None and ref.cls.type_params:
                found |= frozenset(ref.cls.type_params)
            self._scopes[key] = found
        return found

    def _map(self, expr: TypeExpr, fr: Frame) -> Result:
        if isinstance(expr, TName):
            return self._map_name(expr, fr)
        if isinstance(expr, TSubscript):
            return self._map_subscript(expr, fr)
        if isinstance(expr, TUnion):
            return self.union(expr.members, fr, expr)
        if isinstance(expr, TStr):
            parsed = self.parse_forward(expr, fr)
            if isinstance(parsed, SkipReport):
                return parsed
            return self.map(parsed, replace(fr, depth=fr.depth + 1))
        if isinstance(expr, TConst):
            if expr.value is None:
                return UNIT
            return self._unsupported(fr, f"bare literal {expr.value!r} at type position")
        if isinstance(expr, TEllipsis):
            return self._unsupported(fr, "bare ellipsis at type position")
        if isinstance(expr, TList):
            return self._unsupported(fr, f"bare list {show(expr)} at type position")
        return self._unsupported(fr, f"unsupported type expression: {show(expr)}")

    # ----------------------------------------------------------------------- names

    def _map_name(self, expr: TName, fr: Frame) -> Result:
        ref = self.resolve(expr, fr)
        if isinstance(ref, ClassRef):
            return self.named(ref, fr.item_path)
        if isinstance(ref, AliasRef):
            value = self.alias_value(ref, None, fr)
            if isinstance(value, SkipReport):
                return value
            return self.map(*value)
        if isinstance(ref, TypeVarRef):
            return self._typevar(ref, fr)
        if isinstance(ref, EnumMemberRef):
            return self._unsupported(
                fr, f"enum member {expr.name} used as a type (write Literal[{expr.name}])"
            )
        if isinstance(ref, ValueRef):
            return self._unsupported(fr, f"{expr.name} is a {ref.what} of the package, not a type")
        if isinstance(ref, MissingRef):
            return self._unresolved(fr, expr)
        construct = construct_of(ref.qualname)
        if construct is None:
            return self._unresolved(fr, expr)
        return self._bare(construct, expr, fr)

    def _bare(self, construct: Construct, expr: TName, fr: Frame) -> Result:
        scalar = SCALARS.get(construct)
        if scalar is not None:
            return scalar
        if construct is Construct.ANY:
            return (
                ANY
                if self.allow_partial
                else self.skip(
                    fr, SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, ANY_DETAIL, ANY_OVERRIDE
                )
            )
        if construct is Construct.OBJECT:
            return (
                ANY
                if self.allow_partial
                else self.skip(
                    fr, SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, OBJECT_DETAIL, ANY_OVERRIDE
                )
            )
        if construct is Construct.BYTES:
            return self.skip(
                fr,
                SkipReason.NO_BYTES_TYPE,
                f"{expr.name} has no Mochi counterpart (Mochi has no bytes type)",
            )
        if construct is Construct.COMPLEX:
            return self.skip(
                fr, SkipReason.NO_COMPLEX_TYPE, "Python complex has no Mochi counterpart"
            )
        if construct is Construct.ANYSTR:
            return TypeVarType("AnyStr")
        if construct is Construct.SELF:
            self.enclosing_reads += 1  # the result depends on the class (see Session.map)
            if fr.enclosing is not None:
                ref = self.index.class_ref(fr.enclosing)
                if ref is not None:
                    return self.named(ref, fr.item_path)
            return self._unsupported(fr, f"{expr.name} outside a class has no meaning")
        if construct is Construct.PARAM_SPEC:
            return self.skip(fr, SkipReason.PARAM_SPEC, "ParamSpec / Concatenate is out of scope")
        if construct is Construct.TYPE_VAR_TUPLE:
            return self.skip(fr, SkipReason.TYPE_VAR_TUPLE, "TypeVarTuple / Unpack is out of scope")
        if construct is Construct.TYPE:
            return self._unsupported(fr, "type[X] has no Mochi counterpart")
        if construct in (Construct.NOT_A_TYPE, Construct.KW_ONLY):
            return self._unsupported(fr, f"{expr.name} is not a type")
        if construct in BARE_GENERIC and self.allow_partial:
            return _bare_generic_any(construct)
        return self._unsupported(fr, f"bare typing constructor {expr.name} without subscript")

    def _typevar(self, ref: TypeVarRef, fr: Frame) -> Result:
        name = ref.decl.name
        if ref.decl.kind is TypeVarKind.PARAMSPEC:
            return self.skip(fr, SkipReason.PARAM_SPEC, f"ParamSpec {name} is out of scope")
        if ref.decl.kind is TypeVarKind.TYPEVARTUPLE:
            return self.skip(fr, SkipReason.TYPE_VAR_TUPLE, f"TypeVarTuple {name} is out of scope")
        return TypeVarType(name)

    def _map_subscript(self, expr: TSubscript, fr: Frame) -> Result:
        ref = self.resolve(expr.base, fr)
        name = expr.base.name
        if isinstance(ref, ClassRef):
            # Mochi declared types are not generic: `Box[int]` is the handle type `Box`.
            return self.named(ref, fr.item_path)
        if isinstance(ref, AliasRef):
            value = self.alias_value(ref, expr.args, fr)
            if isinstance(value, SkipReport):
                return value
            return self.map(*value)
        if isinstance(ref, TypeVarRef):
            return self._unsupported(fr, f"type variable {name} cannot be subscripted")
        if isinstance(ref, (ValueRef, EnumMemberRef)):
            return self._unsupported(fr, f"{name} is not a type")
        construct = construct_of(ref.qualname) if isinstance(ref, ExternalRef) else None
        if construct is None:
            return self._unresolved(fr, expr.base, "subscript base")
        return self._generic(construct, expr, fr)

    def _generic(self, construct: Construct, expr: TSubscript, fr: Frame) -> Result:
        args = expr.args
        name = expr.base.name
        arity = ARITY.get(construct)
        if arity is not None and not arity[0] <= len(args) <= arity[1]:
            low, high = arity
            wanted = f"{low}" if low == high else f"{low} to {high}"
            return self._unsupported(
                fr, f"{name} takes {wanted} type argument{plural(high)}, got {len(args)}"
            )
        if construct in (Construct.LIST, Construct.GENERATOR):
            return self._wrap(ListType, args[0], fr)
        if construct is Construct.SET:
            return self._wrap(SetType, args[0], fr)
        if construct in (Construct.STREAM, Construct.ASYNC_GENERATOR):
            return self._wrap(StreamType, args[0], fr)
        if construct is Construct.MAP:
            return self._map_type(args[0], args[1], fr)
        if construct is Construct.TUPLE:
            return self._tuple(expr, fr)
        if construct is Construct.CALLABLE:
            return self._callable(args[0], args[1], fr)
        if construct is Construct.OPTIONAL:
            return self.union((args[0], TConst(None)), fr, expr)
        if construct is Construct.UNION:
            return self.union(args, fr, expr)
        if construct is Construct.LITERAL:
            return self.literal(expr, fr)
        if construct is Construct.ANNOTATED:
            if not args:
                return self._unsupported(fr, "Annotated requires a type argument")
            return self.map(args[0], fr)
        if construct is Construct.QUALIFIER:
            return self.map(args[0], fr)
        if construct is Construct.TYPE_GUARD:
            return BOOL
        if construct in (Construct.AWAITABLE, Construct.COROUTINE):
            return self._unsupported(
                fr, f"{name}[...] is only supported as a function's return type (awaited)"
            )
        if construct is Construct.TYPE:
            return self._unsupported(fr, f"{show(expr)}: type[X] has no Mochi counterpart")
        if construct is Construct.PARAM_SPEC:
            return self.skip(fr, SkipReason.PARAM_SPEC, "ParamSpec / Concatenate is out of scope")
        if construct is Construct.TYPE_VAR_TUPLE:
            return self.skip(fr, SkipReason.TYPE_VAR_TUPLE, "TypeVarTuple / Unpack is out of scope")
        if construct in (Construct.BYTES, Construct.COMPLEX):
            # `bytes[...]` is not generic, but the reason that matters is the missing type.
            return self._bare(construct, expr.base, fr)
        return self._unsupported(fr, f"{name} is not generic")

    def _wrap(
        self, make: type[ListType | SetType | StreamType], arg: TypeExpr, fr: Frame
    ) -> Result:
        inner = self.map(arg, fr)
        return inner if isinstance(inner, SkipReport) else make(inner)

    def _map_type(self, key_expr: TypeExpr, value_expr: TypeExpr, fr: Frame) -> Result:
        key = self.map(key_expr, fr)
        if isinstance(key, SkipReport):
            return key
        if key not in (STRING, INT):
            if self.allow_partial:
                return ANY
            return self._unsupported(
                fr, f"map keys must be str or an integer type, got {key.render()}"
            )
        value = self.map(value_expr, fr)
        return value if isinstance(value, SkipReport) else MapType(key, value)

    def _tuple(self, expr: TSubscript, fr: Frame) -> Result:
        args = expr.args
        if len(args) == 2 and isinstance(args[1], TEllipsis):
            return self._wrap(ListType, args[0], fr)
        if not args:
            return self._unsupported(fr, "tuple[()] (the empty tuple) has no Mochi counterpart")
        if any(isinstance(a, TEllipsis) for a in args):
            return self._unsupported(
                fr, f"'...' is only allowed as {expr.base.name}[X, ...], got {show(expr)}"
            )
        elems: list[MochiType] = []
        for arg in args:
            mapped = self.map(arg, fr)
            if isinstance(mapped, SkipReport):
                return mapped
            elems.append(mapped)
        return TupleType(tuple(elems))

    def _callable(self, params: TypeExpr, returns: TypeExpr, fr: Frame) -> Result:
        if isinstance(params, TEllipsis):
            return self.skip(
                fr, SkipReason.PARAM_SPEC, "Callable[..., R] is out of scope (ParamSpec-shaped)"
            )
        if not isinstance(params, TList):
            head = params.base if isinstance(params, TSubscript) else params
            if isinstance(head, TName):
                ref = self.resolve(head, fr)
                is_param_spec = (
                    isinstance(ref, TypeVarRef) and ref.decl.kind is TypeVarKind.PARAMSPEC
                ) or self.construct(params, fr) is Construct.PARAM_SPEC
                if is_param_spec:
                    return self.skip(
                        fr,
                        SkipReason.PARAM_SPEC,
                        f"Callable[{show(params)}, R] with a ParamSpec is out of scope",
                    )
            return self._unsupported(fr, "Callable parameter list must be a bracketed sequence")
        mapped: list[MochiType] = []
        for item in params.items:
            result = self.map(item, fr)
            if isinstance(result, SkipReport):
                return result
            mapped.append(result)
        ret = self.map(returns, fr)
        return ret if isinstance(ret, SkipReport) else FunType(tuple(mapped), ret)


# Stands for "any enclosing class" in a memo key (None is a real value: no class).
_ANY_CLASS = object()


def repath(result: Result, item_path: str) -> Result:
    """A memoised mapping as met at `item_path` (only a refusal names a place)."""
    return result.at(item_path) if type(result) is SkipReport else result


def _bare_generic_any(construct: Construct) -> MochiType:
    if construct in (Construct.LIST, Construct.GENERATOR, Construct.TUPLE):
        return ListType(ANY)
    if construct is Construct.SET:
        return SetType(ANY)
    if construct in (Construct.STREAM, Construct.ASYNC_GENERATOR):
        return StreamType(ANY)
    return ANY  # dict (a key of Any is not a valid map key), Callable[..., Any]
