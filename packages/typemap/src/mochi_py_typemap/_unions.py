"""Unions (options, sum types, overlap checks) and Literal."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mochi_py_stubs import (
    ClassMarker,
    TConst,
    TName,
    TStr,
    TSubscript,
    TUnion,
    TypeExpr,
)
from mochi_py_typemap._base import MAX_STRING_DEPTH, Result, SessionBase
from mochi_py_typemap._frame import Frame
from mochi_py_typemap._index import (
    AliasRef,
    EnumMemberRef,
    ExternalRef,
)
from mochi_py_typemap._names import camel
from mochi_py_typemap._show import show
from mochi_py_typemap._skip import SkipReason, SkipReport
from mochi_py_typemap._types import (
    ANY,
    BOOL,
    INT,
    STRING,
    UNIT,
    MochiType,
    NamedType,
    OptionType,
    ScalarType,
    SumDecl,
    TypeVarType,
)
from mochi_py_typemap._typing_table import Construct, construct_of


@dataclass(frozen=True, slots=True)
class _SumPlan:
    """A union that becomes a sum of `payloads` (an option of it when `nullable`), before
    the sum is named."""

    payloads: tuple[MochiType, ...]
    nullable: bool


class UnionsMixin(SessionBase):
    def literal(self, expr: TSubscript, fr: Frame) -> Result:
        if not expr.args:
            return self._unsupported(fr, "Literal[] requires at least one argument")
        kinds: list[MochiType] = []
        nullable = False
        pending: list[TypeExpr] = list(expr.args)
        while pending:
            arg = pending.pop(0)
            kind: Result
            if isinstance(arg, TConst):
                value = arg.value
                if value is None:
                    nullable = True
                    continue
                if isinstance(value, bool):
                    kind = BOOL
                elif isinstance(value, int):
                    kind = INT
                elif isinstance(value, float):
                    return self._unsupported(
                        fr, f"Literal[{value!r}]: float values are not valid in Literal (PEP 586)"
                    )
                else:
                    return self.skip(
                        fr,
                        SkipReason.NO_BYTES_TYPE,
                        f"Literal[{value!r}] has no Mochi counterpart (Mochi has no bytes type)",
                    )
            elif isinstance(arg, TStr):
                kind = STRING
            elif isinstance(arg, TSubscript) and self.construct(arg, fr) is Construct.LITERAL:
                pending[:0] = arg.args
                continue
            elif isinstance(arg, TName) and isinstance(ref := self.resolve(arg, fr), EnumMemberRef):
                kind = self.named(ref.enum, fr.item_path)
                if isinstance(kind, SkipReport):
                    return kind
            else:
                return self._unsupported(fr, f"Literal argument must be a literal, got {show(arg)}")
            if kind not in kinds:
                kinds.append(kind)
        if len(kinds) > 1:
            shown = ", ".join(k.render() for k in kinds)
            return self._unsupported(
                fr, f"Literal arguments of mixed kinds are out of scope ({shown})"
            )
        if not kinds:
            return UNIT
        return OptionType(kinds[0]) if nullable else kinds[0]

    # ----------------------------------------------------------------------- unions

    def _flatten(
        self, members: tuple[TypeExpr, ...], fr: Frame, out: list[tuple[TypeExpr, Frame]]
    ) -> None:
        # Nested unions, Optional/Union subscripts, aliases and strings are opened up, so a
        # union is decided on all of its members at once (each with the frame it was written
        # in). Anything that cannot be opened is kept for `map` to decide (and report).
        for member in members:
            if isinstance(member, TUnion):
                self._flatten(member.members, fr, out)
                continue
            if isinstance(member, TStr) and fr.depth < MAX_STRING_DEPTH:
                parsed = self.parse_forward(member, fr)
                if not isinstance(parsed, SkipReport):
                    self._flatten((parsed,), replace(fr, depth=fr.depth + 1), out)
                    continue
            elif isinstance(member, (TName, TSubscript)):
                head = member.base if isinstance(member, TSubscript) else member
                args = member.args if isinstance(member, TSubscript) else None
                ref = self.resolve(head, fr)
                if isinstance(ref, AliasRef):
                    value = self.alias_value(ref, args, fr)
                    if not isinstance(value, SkipReport):
                        self._flatten((value[0],), value[1], out)
                        continue
                elif isinstance(ref, ExternalRef) and args:
                    construct = construct_of(ref.qualname)
                    if construct is Construct.UNION:
                        self._flatten(args, fr, out)
                        continue
                    if construct is Construct.OPTIONAL and len(args) == 1:
                        self._flatten((args[0], TConst(None)), fr, out)
                        continue
            out.append((member, fr))

    def union(
        self, members: tuple[TypeExpr, ...], fr: Frame, source: TypeExpr | None = None
    ) -> Result:
        """The union of `members`; `source` is the expression they come from (a TUnion, or a
        Union / Optional subscript), by which a union that becomes a sum type is memoised.

        A sum's name depends on where the union is written, so Session.map cannot keep such a
        result; what comes before the naming (opening the members up and mapping each, most
        of the work) can be kept, under the same rules as Session.map's memo.
        """
        if fr.python_only:
            # No sum type is made here (see Frame.python_only), nor any memoised payloads
            # used: the members are still mapped, so a refused one refuses the union.
            planned = self._union(members, fr)
            return ANY if isinstance(planned, _SumPlan) else planned
        shared = own = None
        if source is not None:
            shared = (id(source), fr.module, None, fr.tparams, fr.aliases, fr.depth, True)
            own = (id(source), fr.module, fr.enclosing, fr.tparams, fr.aliases, fr.depth, False)
            found = self.union_payloads.get(shared)
            if found is None:
                found = self.union_payloads.get(own)
                if found is not None:
                    self.enclosing_reads += 1
            if found is not None and found[0] is source:
                return self._made_sum(found[1], found[2], fr)
        sums, reads, uses = self.sums_made, self.enclosing_reads, self.record_uses
        planned = self._union(members, fr)
        if not isinstance(planned, _SumPlan):
            return planned
        if (
            shared is not None
            and own is not None
            and self.sums_made == sums
            and self.record_uses == uses
        ):
            # No member made a sum of its own (its name would depend on this place too).
            key = shared if self.enclosing_reads == reads else own
            assert source is not None
            self.union_payloads[key] = (source, planned.payloads, planned.nullable)
        return self._made_sum(planned.payloads, planned.nullable, fr)

    def _union(self, members: tuple[TypeExpr, ...], fr: Frame) -> Result | _SumPlan:
        flat: list[tuple[TypeExpr, Frame]] = []
        self._flatten(members, fr, flat)
        if not flat:
            return self._unsupported(fr, "empty union")
        # Each member's construct is worked out once for the three questions below.
        known = [(m, f, self.construct(m, f)) for m, f in flat]
        # A member that can never be a value (NoReturn, Never) adds nothing to a union.
        kept = [entry for entry in known if entry[2] is not Construct.NEVER] or known
        non_none = [entry for entry in kept if not _is_none(entry[0], entry[2])]
        nullable = len(non_none) < len(kept)
        if len(non_none) > 1:
            for member, _member_fr, construct in non_none:
                if type(member) is TName and construct in _OPEN:
                    return self.skip(
                        fr,
                        SkipReason.OPEN_UNION,
                        f"union branch is Any ({show(member)}), so the union is open",
                    )
        payloads: list[MochiType] = []
        for member, member_fr, _construct in non_none:
            mapped = self.map(member, member_fr)
            if isinstance(mapped, SkipReport):
                return mapped
            if isinstance(mapped, OptionType):
                nullable = True
                mapped = mapped.inner
            if mapped == UNIT:
                nullable = True
                continue
            if mapped not in payloads:
                payloads.append(mapped)
        if not payloads:
            return UNIT
        if len(payloads) == 1:
            return OptionType(payloads[0]) if nullable else payloads[0]
        if self.allow_partial:
            return ANY
        return _SumPlan(tuple(payloads), nullable)

    def _made_sum(self, payloads: tuple[MochiType, ...], nullable: bool, fr: Frame) -> Result:
        made = self._sum(list(payloads), fr)
        if isinstance(made, SkipReport):
            return made
        return OptionType(made) if nullable else made

    def _runtime_shape(self, t: MochiType) -> str:
        # How the wrapper tells a union's members apart at run time. A TypedDict record is a
        # plain dict, so it cannot be told from a map or from another TypedDict.
        if isinstance(t, ScalarType):
            return t.name
        if isinstance(t, TypeVarType):
            return "any"
        if isinstance(t, NamedType):
            found = self.index.classes.get(t.python_name)
            if found is not None and ClassMarker.TYPEDDICT in found[1].markers:
                return "map"
            return "named:" + t.name
        return t.kind

    def _sum(self, payloads: list[MochiType], fr: Frame) -> Result:
        self.sums_made += 1
        shapes: dict[str, MochiType] = {}
        for payload in payloads:
            shape = self._runtime_shape(payload)
            if shape == "any":
                return self.skip(
                    fr,
                    SkipReason.OPEN_UNION,
                    f"union member {payload.render()} ({_describe(payload)}) overlaps every"
                    " other member",
                )
            if shape in shapes:
                return self.skip(
                    fr,
                    SkipReason.OPEN_UNION,
                    f"union members {shapes[shape].render()} and {payload.render()} cannot be"
                    " told apart at run time",
                )
            shapes[shape] = payload
        stem = camel(self.naming_of(fr))
        if not stem or not stem[0].isalpha():
            stem = "T" + stem
        return self._claim(stem, tuple(payloads))

    def _claim(self, stem: str, payloads: tuple[MochiType, ...]) -> NamedType:
        # Names are taken first come, first served; the order items are lowered in is fixed,
        # so the result is deterministic. The same union met again in the same place (an
        # alias used twice, an overload lowered twice) gets the same declaration back.
        claimed = self._claimed.get((stem, payloads))
        if claimed is not None:  # claimed before: the answer cannot have changed
            self.claims.append((stem, payloads, claimed))
            return self._sum_type(claimed)
        tags = [_variant_tag(p) for p in payloads]
        n = 1
        while True:
            name = f"{stem}Union" if n == 1 else f"{stem}Union{n}"
            variants = tuple(zip([name + tag for tag in tags], payloads, strict=True))
            existing = self.decls.get(name)
            if isinstance(existing, SumDecl) and existing.variants == variants:
                self.claims.append((stem, payloads, name))
                self._claimed[stem, payloads] = name
                return self._sum_type(name)
            clash = name in self._taken or any(v in self._taken for v, _ in variants)
            if existing is None and not clash:
                self.decls[name] = SumDecl(name, variants)
                self._taken.add(name)
                self._taken.update(v for v, _ in variants)
                self.claims.append((stem, payloads, name))
                self._claimed[stem, payloads] = name
                return self._sum_type(name)
            n += 1

    def _sum_type(self, name: str) -> NamedType:
        named = self._sum_types.get(name)
        if named is None:
            named = self._sum_types[name] = NamedType(name, "sum")
        return named


def _variant_tag(t: MochiType) -> str:
    if isinstance(t, ScalarType):
        return t.name.capitalize()
    if isinstance(t, NamedType):
        return t.name
    return t.kind.capitalize()


def _describe(t: MochiType) -> str:
    return f"type variable {t.name}" if isinstance(t, TypeVarType) else "any"


_OPEN = (Construct.ANY, Construct.OBJECT)


def _is_none(expr: TypeExpr, construct: Construct | None) -> bool:
    """Whether a union member is None, given its construct (`SessionBase.construct`)."""
    if isinstance(expr, TConst):
        return expr.value is None
    return isinstance(expr, TName) and construct is Construct.UNIT
