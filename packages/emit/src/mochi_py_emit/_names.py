"""Defence in depth: every identifier a shim prints is re-checked here before it is written.

The wrapper validates and mangles names; emit trusts none of them. A name is printable when
`mochi_py_wrapper.check_identifier` accepts it as is, or when it is exactly what `mangle` made
of some name (`load` -> `load_`): check_identifier refuses `load_` on its own, since only the
mangling may produce a reserved word followed by underscores.
"""

from __future__ import annotations

from mochi_py_emit._errors import InvalidWrapperError
from mochi_py_emit._vocab import BUILTIN_TYPE_WORDS
from mochi_py_wrapper import (
    InvalidIdentifierError,
    check_identifier,
    mangle,
    unmangle,
)


def _is_mangled(name: str) -> bool:
    original = unmangle(name)
    if original == name:
        return False
    try:
        return mangle(original) == name
    except InvalidIdentifierError:
        return False


def identifier_problem(name: str) -> str | None:
    """None when `name` may be printed as a Python-facing identifier, else why not."""
    reason = check_identifier(name)
    if reason is None or _is_mangled(name):
        return None
    return reason


def check_name(where: str, item: str, name: str) -> None:
    problem = identifier_problem(name)
    if problem is not None:
        raise InvalidWrapperError(where, item, name, problem)


def check_type_name(item: str, name: str) -> None:
    check_name("type", item, name)
    if name in BUILTIN_TYPE_WORDS:
        raise InvalidWrapperError("type", item, name, "is a built-in Mochi type name")
