"""Slot setters, for constructors that skip a frozen dataclass's generated `__init__`.

That `__init__` stores each field through `object.__setattr__`, about twice the cost of
calling the field's slot setter; a lowering of typeshed's stdlib builds tens of thousands of
LoweredFunctions, LoweredParams, Frames and SkipReports. (mochi_py_stubs does the same for
the parser's values; a private helper is not shared between distributions.)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

Setter = Callable[[Any, Any], None]


def slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Setter, ...]:
    """The slot setters of `names`, which must be every field of the slotted dataclass `cls`,
    in order: a field added later then fails at import instead of being left unset."""
    fields = tuple(f.name for f in dataclasses.fields(cls))
    if fields != names or vars(cls).get("__slots__") != names:
        raise RuntimeError(f"slot setters out of date for {cls.__name__}: {names}")
    return tuple(vars(cls)[name].__set__ for name in names)
