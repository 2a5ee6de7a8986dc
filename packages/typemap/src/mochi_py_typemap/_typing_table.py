"""Which fully qualified Python names the closed type table knows, and as what.

Keys are fully qualified names as `TName.resolved` spells them after imports are followed
(`typing.List`, `collections.abc.Sequence`, `builtins.int`); lookups never strip prefixes from
arbitrary names, so `mypkg.List` is not mistaken for `typing.List`.
"""

from __future__ import annotations

import enum


class Construct(enum.Enum):
    INT = "int"
    FLOAT = "float"
    STRING = "string"
    BOOL = "bool"
    UNIT = "unit"  # None, NoneType
    NEVER = "Never"  # NoReturn, Never: unit on its own, and no member at all in a union
    ANY = "Any"
    OBJECT = "object"
    BYTES = "bytes"
    COMPLEX = "complex"
    ANYSTR = "AnyStr"  # a constrained TypeVar(str, bytes) defined by typing itself
    SELF = "Self"
    LIST = "list"  # list, Sequence, Iterable, Iterator, Collection, deque, ...
    SET = "set"
    MAP = "map"
    TUPLE = "tuple"
    GENERATOR = "Generator"  # Generator[Y, S, R] -> list<Y> (materialised)
    STREAM = "stream"  # AsyncIterator / AsyncIterable
    ASYNC_GENERATOR = "AsyncGenerator"  # AsyncGenerator[Y, S] -> stream<Y>
    AWAITABLE = "Awaitable"  # only as a function's return type: the function is async
    COROUTINE = "Coroutine"  # ditto, Coroutine[Y, S, R] awaits to R
    CALLABLE = "Callable"
    OPTIONAL = "Optional"
    UNION = "Union"
    LITERAL = "Literal"
    ANNOTATED = "Annotated"
    QUALIFIER = "qualifier"  # Final, ClassVar, Required, NotRequired, ReadOnly -> T
    TYPE_GUARD = "TypeGuard"  # TypeGuard[X] / TypeIs[X] -> bool
    TYPE = "type"  # type[X] / Type[X]: refused
    PARAM_SPEC = "ParamSpec"  # ParamSpec, Concatenate
    TYPE_VAR_TUPLE = "TypeVarTuple"  # TypeVarTuple, Unpack
    NOT_A_TYPE = "not-a-type"  # Generic, Protocol, TypedDict, TypeVar, ... at a type position
    KW_ONLY = "KW_ONLY"  # dataclasses.KW_ONLY marker in a dataclass body


# Generic constructors and how many type arguments each takes (min, max).
ARITY: dict[Construct, tuple[int, int]] = {
    Construct.LIST: (1, 1),
    Construct.SET: (1, 1),
    Construct.MAP: (2, 2),
    Construct.GENERATOR: (1, 3),
    Construct.STREAM: (1, 1),
    Construct.ASYNC_GENERATOR: (1, 2),
    Construct.AWAITABLE: (1, 1),
    Construct.COROUTINE: (3, 3),
    Construct.CALLABLE: (2, 2),
    Construct.OPTIONAL: (1, 1),
    Construct.QUALIFIER: (1, 1),
    Construct.TYPE_GUARD: (1, 1),
}

# Constructors that may appear bare (unsubscripted) meaning "with Any arguments".
BARE_GENERIC = frozenset(
    {
        Construct.LIST,
        Construct.SET,
        Construct.MAP,
        Construct.TUPLE,
        Construct.GENERATOR,
        Construct.STREAM,
        Construct.ASYNC_GENERATOR,
        Construct.CALLABLE,
    }
)

_TYPING_BOTH = ("typing", "typing_extensions")

_TABLE: dict[str, Construct] = {}


def _add(construct: Construct, *names: str, modules: tuple[str, ...] = _TYPING_BOTH) -> None:
    for module in modules:
        for name in names:
            _TABLE[f"{module}.{name}"] = construct


_add(Construct.INT, "int", modules=("builtins",))
_add(Construct.FLOAT, "float", modules=("builtins",))
_add(Construct.STRING, "str", modules=("builtins",))
_add(Construct.STRING, "Text", "LiteralString")
_add(Construct.BOOL, "bool", modules=("builtins",))
_add(Construct.UNIT, "None", "NoneType", modules=("builtins", "types", "_typeshed"))
_add(Construct.NEVER, "NoReturn", "Never")
_add(Construct.ANY, "Any")
_add(Construct.OBJECT, "object", modules=("builtins",))
_add(Construct.BYTES, "bytes", "bytearray", "memoryview", modules=("builtins",))
_add(Construct.BYTES, "ByteString", modules=(*_TYPING_BOTH, "collections.abc"))
_add(Construct.BYTES, "ReadableBuffer", "WriteableBuffer", "ReadOnlyBuffer", modules=("_typeshed",))
_add(Construct.COMPLEX, "complex", modules=("builtins",))
_add(Construct.ANYSTR, "AnyStr")
_add(Construct.SELF, "Self")
_add(Construct.LIST, "list", modules=("builtins",))
_add(Construct.LIST, "List", "Deque")
_add(Construct.LIST, "deque", modules=("collections",))
_add(
    Construct.LIST,
    "Sequence",
    "MutableSequence",
    "Iterable",
    "Iterator",
    "Collection",
    "Reversible",
    modules=(*_TYPING_BOTH, "collections.abc"),
)
_add(Construct.SET, "set", "frozenset", modules=("builtins",))
_add(Construct.SET, "Set", "FrozenSet", "AbstractSet", "MutableSet")
_add(Construct.SET, "Set", "MutableSet", modules=("collections.abc",))
_add(Construct.MAP, "dict", modules=("builtins",))
_add(Construct.MAP, "Dict", "OrderedDict", "DefaultDict")
_add(Construct.MAP, "Mapping", "MutableMapping", modules=(*_TYPING_BOTH, "collections.abc"))
_add(Construct.MAP, "OrderedDict", "defaultdict", modules=("collections",))
_add(Construct.TUPLE, "tuple", modules=("builtins",))
_add(Construct.TUPLE, "Tuple")
_add(Construct.GENERATOR, "Generator", modules=(*_TYPING_BOTH, "collections.abc"))
_add(Construct.STREAM, "AsyncIterator", "AsyncIterable", modules=(*_TYPING_BOTH, "collections.abc"))
_add(Construct.ASYNC_GENERATOR, "AsyncGenerator", modules=(*_TYPING_BOTH, "collections.abc"))
_add(Construct.AWAITABLE, "Awaitable", modules=(*_TYPING_BOTH, "collections.abc"))
_add(Construct.COROUTINE, "Coroutine", modules=(*_TYPING_BOTH, "collections.abc"))
_add(Construct.CALLABLE, "Callable", modules=(*_TYPING_BOTH, "collections.abc"))
_add(Construct.OPTIONAL, "Optional")
_add(Construct.UNION, "Union")
_add(Construct.LITERAL, "Literal")
_add(Construct.ANNOTATED, "Annotated")
_add(Construct.QUALIFIER, "Final", "ClassVar", "Required", "NotRequired", "ReadOnly")
_add(Construct.TYPE_GUARD, "TypeGuard", "TypeIs")
_add(Construct.TYPE, "type", modules=("builtins",))
_add(Construct.TYPE, "Type")
_add(Construct.PARAM_SPEC, "ParamSpec", "Concatenate", "ParamSpecArgs", "ParamSpecKwargs")
_add(Construct.TYPE_VAR_TUPLE, "TypeVarTuple", "Unpack")
_add(
    Construct.NOT_A_TYPE,
    "Generic",
    "Protocol",
    "TypedDict",
    "NamedTuple",
    "TypeVar",
    "TypeAlias",
    "TypeAliasType",
    "NewType",
    "overload",
)
_add(Construct.KW_ONLY, "KW_ONLY", modules=("dataclasses",))


def construct_of(qualified: str) -> Construct | None:
    """The construct a fully qualified name denotes, or None when the table does not know it."""
    return _TABLE.get(qualified)
