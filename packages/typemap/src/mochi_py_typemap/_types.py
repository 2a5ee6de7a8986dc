"""Mochi type values and the named-type declarations a shim prints (DESIGN.md §6).

Every type is a frozen, hashable dataclass with `kind` (a token) and `children` (component
types): other packages walk a type through exactly these two attributes. `render()` gives the
Mochi spelling; it never produces `bytes`, `void`, `async T`, `T?` or an inline `A | B`.
"""

from __future__ import annotations

from dataclasses import dataclass

from mochi_py_typemap._errors import InvalidTypeError
from mochi_py_typemap._names import is_ascii_identifier, is_reserved_type_name, mochi_name

SCALAR_NAMES = ("int", "float", "string", "bool", "any", "unit")
DECL_KINDS = ("record", "opaque", "sum", "enum")


def _check_type_name(cls: str, field: str, value: str) -> None:
    if not is_ascii_identifier(value):
        raise InvalidTypeError(cls, field, value, "not an ASCII identifier")
    if is_reserved_type_name(value):
        raise InvalidTypeError(cls, field, value, "a Mochi reserved word or built-in type name")


@dataclass(frozen=True, slots=True)
class ScalarType:
    """`int`, `float`, `string`, `bool`, `any` or `unit`."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in SCALAR_NAMES:
            raise InvalidTypeError("ScalarType", "name", self.name, f"not one of {SCALAR_NAMES}")

    @property
    def kind(self) -> str:
        return "scalar"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return ()

    def render(self) -> str:
        return self.name


INT = ScalarType("int")
FLOAT = ScalarType("float")
STRING = ScalarType("string")
BOOL = ScalarType("bool")
ANY = ScalarType("any")
UNIT = ScalarType("unit")


@dataclass(frozen=True, slots=True)
class ListType:
    elem: MochiType

    @property
    def kind(self) -> str:
        return "list"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return (self.elem,)

    def render(self) -> str:
        return f"list<{self.elem.render()}>"


@dataclass(frozen=True, slots=True)
class MapType:
    key: MochiType
    value: MochiType

    @property
    def kind(self) -> str:
        return "map"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return (self.key, self.value)

    def render(self) -> str:
        return f"map<{self.key.render()}, {self.value.render()}>"


@dataclass(frozen=True, slots=True)
class SetType:
    elem: MochiType

    @property
    def kind(self) -> str:
        return "set"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return (self.elem,)

    def render(self) -> str:
        return f"set<{self.elem.render()}>"


@dataclass(frozen=True, slots=True)
class TupleType:
    """A fixed-length tuple; at least one element (Mochi has no spelling for `tuple[()]`)."""

    elems: tuple[MochiType, ...]

    def __post_init__(self) -> None:
        if not self.elems:
            raise InvalidTypeError("TupleType", "elems", "()", "a tuple needs an element")

    @property
    def kind(self) -> str:
        return "tuple"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return self.elems

    def render(self) -> str:
        return "tuple<" + ", ".join(e.render() for e in self.elems) + ">"


@dataclass(frozen=True, slots=True)
class OptionType:
    """A value or `none`. Rendered `option<T>`: `T?` reads ambiguously next to sum types."""

    inner: MochiType

    @property
    def kind(self) -> str:
        return "option"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return (self.inner,)

    def render(self) -> str:
        return f"option<{self.inner.render()}>"


@dataclass(frozen=True, slots=True)
class FunType:
    params: tuple[MochiType, ...]
    returns: MochiType

    @property
    def kind(self) -> str:
        return "fun"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return (*self.params, self.returns)

    def render(self) -> str:
        return "fun(" + ", ".join(p.render() for p in self.params) + f"): {self.returns.render()}"


@dataclass(frozen=True, slots=True)
class StreamType:
    """An async iterator, consumed element by element (never materialised)."""

    elem: MochiType

    @property
    def kind(self) -> str:
        return "stream"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return (self.elem,)

    def render(self) -> str:
        return f"stream<{self.elem.render()}>"


@dataclass(frozen=True, slots=True)
class NamedType:
    """A declared type: a record, an opaque class handle, a sum, or an enum.

    `name` is the Mochi name (a valid, non-reserved ASCII identifier, unique in one lowering);
    `python_name` is the fully qualified Python class it stands for ("" for a sum, which has
    no Python class). The declaration itself is a `TypeDecl` in `LoweredModule.types`.
    """

    name: str
    decl_kind: str
    python_name: str = ""

    def __post_init__(self) -> None:
        _check_type_name("NamedType", "name", self.name)
        if self.decl_kind not in DECL_KINDS:
            raise InvalidTypeError(
                "NamedType", "decl_kind", self.decl_kind, f"not one of {DECL_KINDS}"
            )

    @property
    def kind(self) -> str:
        return "named"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return ()

    def render(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class TypeVarType:
    """A Python type variable. Mochi externs are not generic, so it renders as `any`."""

    name: str

    @property
    def kind(self) -> str:
        return "typevar"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return ()

    def render(self) -> str:
        return "any"


MochiType = (
    ScalarType
    | ListType
    | MapType
    | SetType
    | TupleType
    | OptionType
    | FunType
    | StreamType
    | NamedType
    | TypeVarType
)


def render(t: MochiType) -> str:
    """The Mochi text of a type (DESIGN.md §6)."""
    return t.render()


# --------------------------------------------------------------------------- declarations


def _check_member_names(cls: str, field: str, names: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for name in names:
        if not is_ascii_identifier(name):
            raise InvalidTypeError(cls, field, name, "not an ASCII identifier")
        if name in seen:
            raise InvalidTypeError(cls, field, name, "duplicate name")
        seen.add(name)


@dataclass(frozen=True, slots=True)
class RecordDecl:
    """`type Name { a: int, b: string }`: a dataclass, NamedTuple or TypedDict crossing as a
    dict. Field names are the Python names; `render()` mangles reserved words (`mochi_name`)."""

    name: str
    fields: tuple[tuple[str, MochiType], ...]
    python_name: str = ""

    def __post_init__(self) -> None:
        _check_type_name("RecordDecl", "name", self.name)
        _check_member_names("RecordDecl", "fields", tuple(n for n, _ in self.fields))

    @property
    def kind(self) -> str:
        return "record"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return tuple(t for _, t in self.fields)

    def render(self) -> str:
        body = ", ".join(f"{mochi_name(n)}: {t.render()}" for n, t in self.fields)
        return f"type {self.name} {{ {body} }}" if body else f"type {self.name} {{}}"


@dataclass(frozen=True, slots=True)
class OpaqueDecl:
    """`type Name = any`: a class handle (`extern type` would not make Name usable as a type)."""

    name: str
    python_name: str = ""

    def __post_init__(self) -> None:
        _check_type_name("OpaqueDecl", "name", self.name)

    @property
    def kind(self) -> str:
        return "opaque"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return ()

    def render(self) -> str:
        return f"type {self.name} = any"


@dataclass(frozen=True, slots=True)
class EnumDecl:
    """An Enum class. Its values cross as handles, so the type is `type Name = any`; the member
    names are kept as data (the shim exposes them as zero-argument getters)."""

    name: str
    members: tuple[str, ...]
    python_name: str = ""

    def __post_init__(self) -> None:
        _check_type_name("EnumDecl", "name", self.name)

    @property
    def kind(self) -> str:
        return "enum"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return ()

    def render(self) -> str:
        return f"type {self.name} = any"


@dataclass(frozen=True, slots=True)
class SumDecl:
    """`type S = A(value: int) | B(value: string)`: a union of several non-None types.

    Each variant carries its payload in a field named `value`; variant names are unique in
    the lowering (they are prefixed with the sum's name), and no two payloads share a
    run-time shape, so the wrapper can tag a Python value unambiguously.
    """

    name: str
    variants: tuple[tuple[str, MochiType], ...]

    def __post_init__(self) -> None:
        _check_type_name("SumDecl", "name", self.name)
        names = tuple(n for n, _ in self.variants)
        _check_member_names("SumDecl", "variants", names)
        for n in names:
            _check_type_name("SumDecl", "variants", n)
        if len(self.variants) < 2:
            raise InvalidTypeError("SumDecl", "variants", str(names), "a sum needs two variants")

    @property
    def kind(self) -> str:
        return "sum"

    @property
    def children(self) -> tuple[MochiType, ...]:
        return tuple(t for _, t in self.variants)

    def render(self) -> str:
        body = " | ".join(f"{n}(value: {t.render()})" for n, t in self.variants)
        return f"type {self.name} = {body}"


TypeDecl = RecordDecl | OpaqueDecl | EnumDecl | SumDecl
