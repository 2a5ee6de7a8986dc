"""The words of the shim grammar (DESIGN.md §6), shared by the emitter and the validator."""

from __future__ import annotations

from mochi_py_wrapper import MOCHI_RESERVED

RESERVED: frozenset[str] = MOCHI_RESERVED

SCALARS: frozenset[str] = frozenset(("int", "float", "string", "bool", "any", "unit"))

# Generic type constructors and how many arguments each takes (None: one or more).
GENERICS: dict[str, int | None] = {
    "list": 1,
    "set": 1,
    "option": 1,
    "stream": 1,
    "map": 2,
    "tuple": None,
}

# Words that are never a type in Mochi although Python stubs suggest them; named in errors.
NOT_TYPES: dict[str, str] = {
    "bytes": "Mochi has no bytes type",
    "void": "Mochi has no void type; a function returning nothing returns unit",
}

# A declared type may not take the name of a built-in type or type constructor: the
# declaration would shadow (or be shadowed by) the built-in meaning.
BUILTIN_TYPE_WORDS: frozenset[str] = (
    SCALARS | frozenset(GENERICS) | frozenset(NOT_TYPES) | frozenset(("fun",))
)
