"""The immutable Surface model: what a stub (or typed module) declares, as data.

This is the contract between mochi-py-stubs (which builds it), mochi-py-typemap (which lowers
its annotations) and mochi-py-wrapper (which binds its items). Everything is a frozen
dataclass holding tuples, so a Surface can be hashed, compared and shared freely. The classes
are slotted (no instance `__dict__`): a parse of typeshed's stdlib makes ~130k of them, and a
slotted value is one object for the garbage collector to visit where a dict-backed one is two.

Annotations are kept as a small typed tree (`TypeExpr`), never as source strings: the parser
turns `ast` nodes into these values, and string annotations (forward references) are kept as
`TStr` for the type mapper to parse with `parse_type_expr` when it meets them in a type
position (a string inside `Literal[...]` is a value, not a reference, so only the mapper can
tell the two apart).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Union

# --------------------------------------------------------------------------- type expressions


@dataclass(frozen=True, slots=True)
class TName:
    """A name or dotted name as written: `int`, `List`, `typing.List`, `np.ndarray`.

    `resolved` is the fully qualified name after applying the module's imports
    (`L` imported as `from typing import List as L` resolves to `typing.List`; a name defined in
    the module itself resolves to `<module>.<name>`; a builtin resolves to `builtins.<name>`).
    """

    name: str
    resolved: str


@dataclass(frozen=True, slots=True)
class TSubscript:
    """`base[args...]`; a single argument is a 1-tuple, `X[()]` is an empty tuple."""

    base: TName
    args: tuple[TypeExpr, ...]


@dataclass(frozen=True, slots=True)
class TUnion:
    """`A | B | C` (PEP 604), flattened left to right. `Union[...]` stays a TSubscript."""

    members: tuple[TypeExpr, ...]


@dataclass(frozen=True, slots=True)
class TList:
    """A bracketed list inside a subscript: the `[A, B]` of `Callable[[A, B], R]`."""

    items: tuple[TypeExpr, ...]


@dataclass(frozen=True, slots=True)
class TConst:
    """A literal constant in a type position: `None`, `True`, `1`, `-1`, `1.5`, `b"x"`."""

    value: bool | int | float | bytes | None


@dataclass(frozen=True, slots=True)
class TStr:
    """A string literal: a forward reference at a type position, a value inside `Literal`."""

    value: str


@dataclass(frozen=True, slots=True)
class TEllipsis:
    """`...` (as in `tuple[int, ...]` or `Callable[..., R]`)."""


@dataclass(frozen=True, slots=True)
class TUnsupported:
    """Any other expression (call, lambda, comprehension, ...); `source` is for messages only."""

    source: str


# typing.Union, not `|`, for the module's aliases: LiteralValue needs it (on Python 3.10 `|`
# cannot combine a class with a string forward reference), the others follow suit.
TypeExpr = Union[TName, TSubscript, TUnion, TList, TConst, TStr, TEllipsis, TUnsupported]  # noqa: UP007


# --------------------------------------------------------------------------- values


class _NoLiteral(enum.Enum):
    """Marker: a default exists but is not a safe literal (a call, a name, ...)."""

    NO_LITERAL = "NO_LITERAL"


NO_LITERAL = _NoLiteral.NO_LITERAL
# The public name of NO_LITERAL's type, for annotations (`LiteralValue | NoLiteral`).
NoLiteral = _NoLiteral

# A safe literal default kept as data: built only from ast.Constant, unary minus on numbers and
# tuples of those. Never re-rendered as code except through repr() by the wrapper.
LiteralValue = Union[None, bool, int, float, complex, str, bytes, tuple["LiteralValue", ...]]  # noqa: UP007


# --------------------------------------------------------------------------- declarations


class ParamKind(enum.Enum):
    POSITIONAL_ONLY = "positional-only"
    POSITIONAL_OR_KEYWORD = "positional-or-keyword"
    VAR_POSITIONAL = "var-positional"
    KEYWORD_ONLY = "keyword-only"
    VAR_KEYWORD = "var-keyword"


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter. For `*args: T` / `**kwargs: T` the annotation is `T` as written (the
    element type), not the tuple/dict type the function body sees.

    Stub-style positional-only names (`def f(__x)`, the typing spec's pre-PEP 570 convention)
    get POSITIONAL_ONLY; the name is kept as written.
    """

    name: str
    kind: ParamKind
    annotation: TypeExpr | None
    has_default: bool = False
    # The default as data when it is a safe literal; NO_LITERAL when there is a default that
    # is not (or when has_default is False).
    default: LiteralValue | _NoLiteral = NO_LITERAL


@dataclass(frozen=True, slots=True)
class Signature:
    params: tuple[Param, ...]
    returns: TypeExpr | None
    line: int
    # PEP 695 type parameters of this definition (`def f[T](x: T) -> T`), in order.
    type_params: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Function:
    """A function or method. `signature` is the definition that is not `@overload`-decorated
    (the implementation in a typed .py), or the last definition when all are overloads;
    `overloads` holds every `@overload` variant in source order (empty when not overloaded).
    """

    name: str
    signature: Signature
    is_async: bool
    # Decorators as dotted names with arguments dropped: "staticmethod", "classmethod",
    # "property", "overload", "abc.abstractmethod", "functools.cache", ...
    decorators: tuple[str, ...] = ()
    overloads: tuple[Signature, ...] = ()
    line: int = 0

    @property
    def is_overloaded(self) -> bool:
        return bool(self.overloads)


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    annotation: TypeExpr | None  # the getter's return annotation
    settable: bool
    line: int = 0


@dataclass(frozen=True, slots=True)
class Attribute:
    """A class attribute or dataclass/NamedTuple/TypedDict field: `name: T [= value]`."""

    name: str
    annotation: TypeExpr | None
    has_default: bool = False
    default: LiteralValue | _NoLiteral = NO_LITERAL
    line: int = 0


class ClassMarker(enum.Enum):
    DATACLASS = "dataclass"
    FROZEN = "frozen"  # dataclass(frozen=True), NamedTuple (always immutable)
    NAMEDTUPLE = "namedtuple"
    TYPEDDICT = "typeddict"
    TOTAL_FALSE = "total-false"  # TypedDict with total=False
    PROTOCOL = "protocol"
    ENUM = "enum"
    ABSTRACT = "abstract"  # ABC base or abc.ABCMeta metaclass
    GENERIC = "generic"  # Generic[...] base or PEP 695 type parameters
    EXCEPTION = "exception"  # derives (by name) from BaseException/Exception/...Error


@dataclass(frozen=True, slots=True)
class Class:
    name: str
    bases: tuple[TypeExpr, ...]
    markers: frozenset[ClassMarker]
    methods: tuple[Function, ...] = ()
    properties: tuple[Property, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    classes: tuple[Class, ...] = ()  # nested classes, kept nested (never flattened)
    # The class's type variables in order: PEP 695 parameters, else the arguments of a
    # `Generic[...]` / `Protocol[...]` base, else the TypeVars of this module that appear in
    # subscripted bases (in order of first appearance, as the typing spec defines).
    type_params: tuple[str, ...] = ()
    decorators: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class Constant:
    """A module-level `NAME: T = value` or `NAME = literal` that is not a type alias."""

    name: str
    annotation: TypeExpr | None
    value: LiteralValue | _NoLiteral = NO_LITERAL
    line: int = 0


class TypeVarKind(enum.Enum):
    TYPEVAR = "TypeVar"
    PARAMSPEC = "ParamSpec"
    TYPEVARTUPLE = "TypeVarTuple"


@dataclass(frozen=True, slots=True)
class TypeVarDecl:
    name: str
    kind: TypeVarKind
    bound: TypeExpr | None = None
    constraints: tuple[TypeExpr, ...] = ()
    line: int = 0
    covariant: bool = False
    contravariant: bool = False
    default: TypeExpr | None = None  # PEP 696 `default=`


@dataclass(frozen=True, slots=True)
class TypeAlias:
    """`X = Union[...]`, `X: TypeAlias = ...` or PEP 695 `type X = ...`."""

    name: str
    value: TypeExpr
    type_params: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class ImportBinding:
    """A name bound by an import: `local` refers to `target` (fully qualified).

    `from .x import y as y` in package `p` gives local `y`, target `p.x.y`, explicit True (the
    `as` repeats the name, which PEP 484 defines as a re-export in a stub).
    """

    local: str
    target: str
    explicit_reexport: bool = False
    line: int = 0


@dataclass(frozen=True, slots=True)
class Module:
    name: str  # dotted module name: "httpx", "httpx._client"
    path: str  # path of the file read, relative to the stub root, "/"-separated
    functions: tuple[Function, ...] = ()
    classes: tuple[Class, ...] = ()
    constants: tuple[Constant, ...] = ()
    typevars: tuple[TypeVarDecl, ...] = ()
    aliases: tuple[TypeAlias, ...] = ()
    imports: tuple[ImportBinding, ...] = ()
    # `__all__` as declared (after evaluating version/platform branches, duplicates dropped,
    # first occurrence kept), None when absent.
    dunder_all: tuple[str, ...] | None = None
    # Fully qualified modules of `from m import *`, in source order (their public names are
    # re-exported; `public_items` follows them inside the surface).
    star_imports: tuple[str, ...] = ()
    # Modules whose `__all__` this one adds (`__all__ += m.__all__`, `__all__.extend(...)`,
    # `__all__ = [...] + m.__all__`). `parse_module` cannot see other files, so it records
    # them here; `parse_package` appends the names of those inside the surface to
    # `dunder_all` and keeps only the references it could not resolve.
    dunder_all_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Target:
    """What `sys.version_info` / `sys.platform` branches are evaluated against."""

    python: tuple[int, int] = (3, 12)
    platform: str = "linux"


@dataclass(frozen=True, slots=True)
class Surface:
    """Every module of one import package, sorted by module name."""

    package: str  # top-level import name: "yaml", "PIL", "httpx"
    modules: tuple[Module, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- public items


class ItemKind(enum.Enum):
    FUNCTION = "function"
    CLASS = "class"
    CONSTANT = "constant"
    TYPE_ALIAS = "type-alias"
    TYPEVAR = "typevar"
    # A public name whose definition is outside this surface (a re-export from another
    # package) or could not be followed (a cycle, a missing module): kept so nothing is
    # dropped silently; the type mapper reports it as skipped.
    EXTERNAL = "external"


Declaration = Union[Function, Class, Constant, TypeAlias, TypeVarDecl]  # noqa: UP007


@dataclass(frozen=True, slots=True)
class PublicItem:
    """One public name of a module, with re-exports followed to the defining module.

    For ItemKind.EXTERNAL, `module` is the last module of the surface the chain was followed
    through (where the name left the surface or could not be followed further) and `target`
    the fully qualified name it points at (a module's name when the name is a module).
    """

    name: str  # the public name in the module that was asked for
    kind: ItemKind
    module: str  # the module that defines it (after following re-exports)
    decl: Declaration | None  # None only for ItemKind.EXTERNAL
    target: str  # fully qualified name it resolves to: "httpx._api.get"
