"""Mochi identifiers: which names are usable, and the reversible mangling of reserved words."""

from __future__ import annotations

from mochi_py_typemap._errors import InvalidIdentifierError

# DESIGN.md §6: the Mochi reserved words. A declared name or parameter may not be one of them.
MOCHI_RESERVED_WORDS: frozenset[str] = frozenset(
    (
        "test", "expect", "agent", "intent", "on", "close", "stream", "emit", "type", "fun",
        "extern", "import", "return", "break", "continue", "let", "var", "if", "else", "then",
        "for", "while", "in", "generate", "match", "when", "fetch", "load", "save", "package",
        "export", "fact", "rule", "all", "none", "try", "catch", "not", "set", "omap", "async",
        "await", "spawn",
    )
)  # fmt: skip

# Names that would read as a built-in type or literal when declared as a type name: a class
# called `list` or `any` must not shadow the built-in meaning in the shim.
_TYPE_WORDS = frozenset(
    (
        "int", "float", "string", "bool", "any", "unit", "list", "map", "option", "tuple",
        "true", "false", "null", "void", "bytes",
    )
)  # fmt: skip


def is_ascii_identifier(name: str) -> bool:
    """`[A-Za-z_][A-Za-z0-9_]*`: Mochi identifiers are ASCII; Python's are Unicode."""
    # For ASCII text, str.isidentifier is exactly that pattern, and two string methods cost a
    # third of a regex match; this runs for every item, parameter and member of a lowering.
    return name.isascii() and name.isidentifier()


def mochi_name(name: str) -> str:
    """The Mochi spelling of a Python identifier: reserved words get a trailing `_`.

    Reversible: a name is mangled exactly when it is a reserved word followed by zero or more
    underscores, so `load` -> `load_`, `load_` -> `load__`, and stripping one trailing `_` from
    any mangled name gives the original back.
    """
    if not is_ascii_identifier(name):
        raise InvalidIdentifierError(name, "Mochi identifiers are ASCII [A-Za-z_][A-Za-z0-9_]*")
    if name.rstrip("_") in MOCHI_RESERVED_WORDS:
        return name + "_"
    return name


def is_reserved_type_name(name: str) -> bool:
    """A name a declared type may not have (a reserved word or a built-in type word)."""
    return name in MOCHI_RESERVED_WORDS or name in _TYPE_WORDS


def type_name(name: str) -> str:
    """Like `mochi_name`, and also keeps a declared type name off the built-in type words."""
    if name.rstrip("_") in _TYPE_WORDS:
        return name + "_"
    return mochi_name(name)


def camel(parts: tuple[str, ...]) -> str:
    """`("Client", "send", "time_out")` -> `ClientSendTimeOut`, ASCII only, may be empty."""
    out = []
    for part in parts:
        for chunk in part.split("_"):
            if not (chunk.isascii() and chunk.isalnum()):  # the common case needs no filter
                chunk = "".join(ch for ch in chunk if ch.isascii() and ch.isalnum())
            if chunk:
                out.append(chunk[0].upper() + chunk[1:])
    return "".join(out)
