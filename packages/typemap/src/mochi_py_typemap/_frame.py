"""Frame: where the expression being mapped was written.

Kept apart from `_base` (and never compiled, see the README's "Compiled build"): its
constructor calls the slot setters of a plain slotted dataclass, which a mypyc native class
does not have.
"""

from __future__ import annotations

from dataclasses import dataclass

from mochi_py_typemap._slots import slot_setters

_NO_TPARAMS: frozenset[str] = frozenset()


@dataclass(frozen=True, init=False, slots=True)
class Frame:
    """Where the expression being mapped was written."""

    module: str  # the module whose names it uses (changes inside an alias of another module)
    item_path: str  # what skip reports name
    enclosing: str | None  # qualified class `Self` refers to
    # The parts a sum type's name is built from; None means "the item path below its module,
    # then `slot`", worked out by SessionBase.naming_of only when a sum is actually made.
    naming: tuple[str, ...] | None
    tparams: frozenset[str] = _NO_TPARAMS  # bare names that are type parameters in scope
    aliases: tuple[str, ...] = ()  # aliases being expanded, outermost first
    depth: int = 0  # forward-reference strings being parsed
    slot: str = ""  # the parameter (or "return") the expression annotates, for `naming`
    # A defaulted parameter: only Python callers can pass it (the shim never declares it), so
    # a union of several types there is `any` rather than a sum type nobody could name.
    python_only: bool = False

    def __init__(
        self,
        module: str,
        item_path: str,
        enclosing: str | None,
        naming: tuple[str, ...] | None,
        tparams: frozenset[str] = _NO_TPARAMS,
        aliases: tuple[str, ...] = (),
        depth: int = 0,
        slot: str = "",
        python_only: bool = False,
    ) -> None:
        # Slot setters called directly, as SkipReport does (a lowering makes ~20k frames).
        (
            set_module,
            set_item_path,
            set_enclosing,
            set_naming,
            set_tparams,
            set_aliases,
            set_depth,
            set_slot,
            set_python_only,
        ) = _FRAME
        set_module(self, module)
        set_item_path(self, item_path)
        set_enclosing(self, enclosing)
        set_naming(self, naming)
        set_tparams(self, tparams)
        set_aliases(self, aliases)
        set_depth(self, depth)
        set_slot(self, slot)
        set_python_only(self, python_only)


_FRAME = slot_setters(
    Frame,
    (
        "module",
        "item_path",
        "enclosing",
        "naming",
        "tparams",
        "aliases",
        "depth",
        "slot",
        "python_only",
    ),
)
