"""What lowering produces: bound items with Mochi types, and the per-module result."""

from __future__ import annotations

from dataclasses import dataclass, field

from mochi_py_stubs import (
    NO_LITERAL,
    Class,
    Constant,
    Function,
    LiteralValue,
    NoLiteral,
    ParamKind,
    TypeAlias,
    TypeVarDecl,
)
from mochi_py_typemap._skip import SkipReport
from mochi_py_typemap._types import FunType, MochiType, NamedType, TypeDecl

# How a LoweredFunction is reached from Python; tells the wrapper what receiver to pass.
BINDINGS = ("function", "method", "classmethod", "staticmethod", "property", "constructor")


@dataclass(frozen=True, slots=True)
class LoweredParam:
    """One bound parameter. Kind and default are kept: a caller may omit a defaulted one.

    `unmapped` is set on a defaulted parameter whose annotation has no Mochi type: it is
    then typed `any` rather than refusing the function (the shim never declares a defaulted
    parameter, so only Python callers can pass it), and `unmapped` is the refusal of its
    type, which `lower_module` reports in `member_skips`. It takes no part in equality.
    """

    name: str
    kind: ParamKind
    type: MochiType
    has_default: bool = False
    default: LiteralValue | NoLiteral = NO_LITERAL
    unmapped: SkipReport | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class LoweredFunction:
    """A function, method, constructor or property getter.

    `params` never include `self`/`cls` nor `*args`/`**kwargs` (which every call may omit).
    `returns` is the awaited type when `is_async` (there is no `async T` in Mochi); a sync
    function annotated `-> Awaitable[T]` / `-> Coroutine[..., T]` is async too.
    `binding` is one of BINDINGS; `source` is the stubs Function (None for getters of
    properties/attributes and for record constructors made from fields).
    """

    name: str
    path: str
    params: tuple[LoweredParam, ...]
    returns: MochiType
    is_async: bool = False
    binding: str = "function"
    source: Function | None = None

    @property
    def kind(self) -> str:
        return "function"

    @property
    def types(self) -> tuple[MochiType, ...]:
        return (*(p.type for p in self.params), self.returns)

    @property
    def fun_type(self) -> MochiType:
        """The function as a Mochi `fun(...)` type (parameters in order, awaited return)."""
        return FunType(tuple(p.type for p in self.params), self.returns)


@dataclass(frozen=True, slots=True)
class LoweredField:
    """A record field. `has_default` also marks a TypedDict key that may be absent (its type
    is then `option<T>`)."""

    name: str
    type: MochiType
    has_default: bool = False
    default: LiteralValue | NoLiteral = NO_LITERAL


@dataclass(frozen=True, slots=True)
class LoweredClass:
    """A bound class.

    `decl_kind`: "record" (dataclass, NamedTuple, TypedDict: crosses as a dict, `fields` set),
    "opaque" (a handle, incl. Protocols: `is_protocol`), "enum" (`members` set) or
    "exception" (a handle). `type` is the NamedType annotations use for it.
    """

    name: str
    path: str
    decl_kind: str
    type: NamedType
    fields: tuple[LoweredField, ...] = ()
    constructor: LoweredFunction | None = None
    methods: tuple[LoweredFunction, ...] = ()
    properties: tuple[LoweredFunction, ...] = ()
    members: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    is_protocol: bool = False
    source: Class | None = None

    @property
    def kind(self) -> str:
        return "class"

    @property
    def is_async(self) -> bool:
        return any(f.is_async for f in self._functions())

    def _functions(self) -> tuple[LoweredFunction, ...]:
        ctor = () if self.constructor is None else (self.constructor,)
        return (*ctor, *self.methods, *self.properties)

    @property
    def types(self) -> tuple[MochiType, ...]:
        out: list[MochiType] = [self.type]
        out.extend(f.type for f in self.fields)
        for fn in self._functions():
            out.extend(fn.types)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class LoweredConstant:
    name: str
    path: str
    type: MochiType
    value: LiteralValue | NoLiteral = NO_LITERAL
    source: Constant | None = None

    @property
    def kind(self) -> str:
        return "constant"

    @property
    def is_async(self) -> bool:
        return False

    @property
    def types(self) -> tuple[MochiType, ...]:
        return (self.type,)


@dataclass(frozen=True, slots=True)
class LoweredTypeAlias:
    """A type alias (`target` is what it stands for) or a TypeVar (`target` is a TypeVarType)."""

    name: str
    path: str
    target: MochiType
    source: TypeAlias | TypeVarDecl | None = None

    @property
    def kind(self) -> str:
        return "type-alias"

    @property
    def is_async(self) -> bool:
        return False

    @property
    def types(self) -> tuple[MochiType, ...]:
        return (self.target,)


LoweredItem = LoweredFunction | LoweredClass | LoweredConstant | LoweredTypeAlias


def mentioned_types(items: list[LoweredItem]) -> list[MochiType]:
    """Every type of `items` (their `.types`), each function's parameter tuple taken once.

    What `lower_module` collects declarations from: ~30k methods in typeshed's stdlib, most
    of them inherited, whose parameter tuples are shared by every subclass (so skipping a
    tuple seen before skips only repeats), and building a `.types` tuple for each was a
    twentieth of the lowering time. Ids are safe: `items` keeps every tuple alive.
    """
    out: list[MochiType] = []
    seen: set[int] = set()
    functions: tuple[LoweredFunction, ...]
    for item in items:
        if type(item) is LoweredClass:
            out.append(item.type)
            out.extend(f.type for f in item.fields)
            functions = item._functions()
        elif type(item) is LoweredFunction:
            functions = (item,)
        else:
            out.extend(item.types)
            continue
        for fn in functions:
            out.append(fn.returns)
            params = fn.params
            if params and id(params) not in seen:
                seen.add(id(params))
                out.extend(p.type for p in params)
    return out


@dataclass(frozen=True, slots=True)
class LoweredModule:
    """One module lowered. Invariant: len(bound) + len(skipped) == number of public items.

    `bound` is sorted by name, `skipped` and `member_skips` by item path; `types` holds every
    declaration the bound items refer to (transitively), sorted by name.
    """

    module: str
    bound: tuple[LoweredItem, ...]
    skipped: tuple[SkipReport, ...]
    member_skips: tuple[SkipReport, ...]
    types: tuple[TypeDecl, ...]
