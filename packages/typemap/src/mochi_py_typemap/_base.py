"""The state and the shared helpers of one type-mapping session.

A session holds what must stay consistent across every annotation of one lowering: the
surface index, the declarations made so far (records, opaque classes, enums, sums) and the
names they took. The table itself is split by topic over one chain of classes on top of
`SessionBase`: unions and Literal (`_unions`), records (`_records`), aliases and strings
(`_aliases`), and the dispatch over names and subscripts (`Session`, `_session`). A single
chain rather than mixins side by side, because mypyc compiles only single inheritance of
native classes (README, "Compiled build").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mochi_py_stubs import (
    LiteralValue,
    NoLiteral,
    TName,
    TStr,
    TSubscript,
    TypeExpr,
    TypeVarDecl,
    TypeVarKind,
)
from mochi_py_typemap._frame import Frame
from mochi_py_typemap._index import (
    AliasRef,
    ClassRef,
    ExternalRef,
    Ref,
    SurfaceIndex,
    TypeVarRef,
)
from mochi_py_typemap._skip import SkipReason, SkipReport
from mochi_py_typemap._types import (
    ANY,
    BOOL,
    FLOAT,
    INT,
    STRING,
    UNIT,
    MochiType,
    NamedType,
    ScalarType,
    TypeDecl,
)
from mochi_py_typemap._typing_table import Construct, construct_of

Result = MochiType | SkipReport

ANY_DETAIL = "Any has no Mochi counterpart"
OBJECT_DETAIL = "object outside Protocol position"
ANY_OVERRIDE = "declare a concrete type via @extern python override"

# A string annotation may itself contain a string; each level is shorter than the last, so
# this only bounds pathological input.
MAX_STRING_DEPTH = 8

SCALARS: dict[Construct, ScalarType] = {
    Construct.INT: INT,
    Construct.FLOAT: FLOAT,
    Construct.STRING: STRING,
    Construct.BOOL: BOOL,
    Construct.UNIT: UNIT,
    Construct.NEVER: UNIT,
}


@dataclass(frozen=True, slots=True)
class RecordField:
    name: str
    type: MochiType
    has_default: bool
    default: LiteralValue | NoLiteral
    keyword_only: bool


@dataclass(frozen=True, slots=True)
class FailedField:
    name: str
    required: bool  # a constructor cannot be made without it
    skip: SkipReport


@dataclass(frozen=True, slots=True)
class RecordInfo:
    fields: tuple[RecordField, ...]
    failed: tuple[FailedField, ...]


def plural(n: int) -> str:
    return "" if n == 1 else "s"


class SessionBase:
    def __init__(self, index: SurfaceIndex, allow_partial: bool) -> None:
        self.index = index
        self.allow_partial = allow_partial
        self.decls: dict[str, TypeDecl] = {}
        self.records: dict[str, RecordInfo] = {}
        self._in_progress: set[str] = set()
        self._taken: set[str] = set(index.taken_names)
        # See Session.map: results by (expression, frame without item path and naming), and
        # how many sum types this session has made (a result that made one is not kept).
        self.memo: dict[tuple[object, ...], tuple[TypeExpr, Result]] = {}
        # The same for python-only frames (Frame.python_only), whose unions map differently.
        self.python_memo: dict[tuple[object, ...], tuple[TypeExpr, Result]] = {}
        self._scopes: dict[tuple[str | None, tuple[str, ...]], frozenset[str]] = {}
        self.sums_made = 0
        # How often a mapping named a record class. Naming one may declare it, and declaring
        # a record lowers its fields, which may claim sum names: a side effect on the rest of
        # the session. Results that did so are kept only in memos whose hits stand for the
        # very same calls (see Session.map_in, `_Lowerer._signature`).
        self.record_uses = 0
        # Every sum claimed, in order: (stem, payloads, the name it got). A memoised result
        # that made sums is reused in another session by claiming them again (see
        # `_Lowerer._signature`).
        self.claims: list[tuple[str, tuple[MochiType, ...], str]] = []
        # The name each (stem, payloads) got: a declaration is never withdrawn, so claiming
        # the same again always gives the same name (see UnionsMixin._claim).
        self._claimed: dict[tuple[str, tuple[MochiType, ...]], str] = {}
        self.enclosing_reads = 0  # how often a mapping asked for the enclosing class (Self)
        self._sum_types: dict[str, NamedType] = {}
        # See UnionsMixin.union: (source, payloads, nullable) of unions that became sums.
        self.union_payloads: dict[
            tuple[object, ...], tuple[TypeExpr, tuple[MochiType, ...], bool]
        ] = {}

    # ----------------------------------------------------------------------- frames, reports

    def naming(self, item_path: str, slot: str) -> tuple[str, ...]:
        module = self.index.module_of(item_path)
        if module is not None and item_path != module:
            rel = tuple(item_path[len(module) + 1 :].split("."))
        elif module is None and item_path:
            rel = tuple(item_path.split("."))
        else:
            rel = ()
        return (*rel, slot) if slot else rel

    def frame(
        self,
        module: str,
        item_path: str,
        *,
        enclosing: str | None = None,
        slot: str = "",
        tparams: frozenset[str] = frozenset(),
    ) -> Frame:
        if enclosing is not None:
            ref = self.index.class_ref(enclosing)
            if ref is not None:
                tparams = tparams | frozenset(ref.cls.type_params)
        return Frame(module, item_path, enclosing, None, tparams, slot=slot)

    def naming_of(self, fr: Frame) -> tuple[str, ...]:
        return self.naming(fr.item_path, fr.slot) if fr.naming is None else fr.naming

    @staticmethod
    def skip(fr: Frame, reason: SkipReason, detail: str, override: str = "") -> SkipReport:
        return SkipReport(fr.item_path, reason, detail, override)

    def _unsupported(self, fr: Frame, detail: str) -> SkipReport:
        return self.skip(fr, SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, detail)

    def missing_annotation(self, fr: Frame, detail: str) -> Result:
        """An absent annotation: `any` under allow_partial, else refused with `detail`."""
        return ANY if self.allow_partial else self._unsupported(fr, detail)

    # ----------------------------------------------------------------------- resolution

    def resolve(self, name: TName, fr: Frame) -> Ref:
        if _is_type_param(name.name, fr.tparams):
            decl = TypeVarDecl(name.name, TypeVarKind.TYPEVAR)
            return TypeVarRef(name.name, fr.module, decl)
        return self.index.lookup(name.resolved or name.name)

    def construct(self, expr: TypeExpr, fr: Frame) -> Construct | None:
        """The table construct an expression's head names (TName, or a subscript's base)."""
        return self.construct_in(expr, fr.tparams)

    def construct_in(self, expr: TypeExpr, tparams: frozenset[str]) -> Construct | None:
        """`construct` with only the type parameters in scope: all it reads of a frame (a
        type variable is no construct), so a caller need not make one."""
        head = expr.base if isinstance(expr, TSubscript) else expr
        if not isinstance(head, TName):
            return None
        if _is_type_param(head.name, tparams):
            return None  # a type variable, as `resolve` says
        ref = self.index.lookup(head.resolved or head.name)
        return construct_of(ref.qualname) if isinstance(ref, ExternalRef) else None

    def qualifier(self, expr: TypeExpr, fr: Frame) -> str | None:
        """The qualifier's name ("Final", "ClassVar", "Required", ...) when `expr` is one."""
        if self.construct(expr, fr) is not Construct.QUALIFIER:
            return None
        head = expr.base if isinstance(expr, TSubscript) else expr
        assert isinstance(head, TName)
        ref = self.resolve(head, fr)
        assert isinstance(ref, ExternalRef)  # the table only knows external names
        return ref.qualname.rsplit(".", 1)[-1]

    def _unresolved(self, fr: Frame, name: TName, what: str = "name") -> SkipReport:
        shown = name.name
        if name.resolved and name.resolved != name.name:
            shown = f"{name.name} ({name.resolved})"
        return self.skip(fr, SkipReason.FORWARD_REF, f"unresolved {what} {shown}")

    # ----------------------------------------------------------------------- declarations

    def decls_for(self, types: Iterable[MochiType]) -> tuple[TypeDecl, ...]:
        """Every declaration `types` refer to, transitively, sorted by name."""
        found: dict[str, TypeDecl] = {}
        # Each type object is walked once: bound items repeat the same few (`string`,
        # `list<int>`, a class) thousands of times, mostly as the very same object (the
        # mapping memos hand it out). By identity, not value: hashing a type hashes its
        # whole tree, and the walk is the same either way. Every object stays alive meanwhile
        # (reachable from `types`), so no id is reused.
        seen: set[int] = set()
        stack: list[MochiType] = list(types)
        while stack:
            t = stack.pop()
            key = id(t)
            if key in seen or type(t) is ScalarType:
                continue
            seen.add(key)
            if isinstance(t, NamedType):
                if t.name not in found:
                    decl = self.decls.get(t.name)
                    if decl is not None:
                        found[t.name] = decl
                        stack.extend(decl.children)
                continue  # a NamedType has no children of its own
            stack.extend(t.children)
        return tuple(found[name] for name in sorted(found))

    # ----------------------------------------------------------------------- implemented by
    # the mixins and Session (declared here so each part can call the others)

    def map(self, expr: TypeExpr, fr: Frame) -> Result:
        raise NotImplementedError

    def named(self, ref: ClassRef, item_path: str) -> NamedType | SkipReport:
        raise NotImplementedError

    def alias_value(
        self, ref: AliasRef, args: tuple[TypeExpr, ...] | None, fr: Frame
    ) -> tuple[TypeExpr, Frame] | SkipReport:
        raise NotImplementedError

    def parse_forward(self, expr: TStr, fr: Frame) -> TypeExpr | SkipReport:
        raise NotImplementedError


def _is_type_param(name: str, tparams: frozenset[str]) -> bool:
    """Whether a name as written is one of the type parameters in scope (a bare name)."""
    return "." not in name and name in tparams
