"""TypeContext: where an annotation is being lowered."""

from __future__ import annotations

from dataclasses import dataclass

from mochi_py_stubs import Surface
from mochi_py_typemap._errors import UnknownModuleError
from mochi_py_typemap._index import index_for


@dataclass(frozen=True, slots=True)
class TypeContext:
    """What `map_type` needs to know besides the annotation itself.

    * `surface` / `module`: the package and the module whose names the annotation uses
      (forward-reference strings are parsed against this module);
    * `allow_partial`: map `Any`, `object`, unannotated parameters and multi-member unions to
      `any` instead of refusing them;
    * `item_path`: the dotted path every SkipReport carries (`httpx.Client.send`);
    * `enclosing_class`: the fully qualified class an annotation sits in (`typing.Self`
      resolves to it; None outside a class);
    * `slot`: what is being typed inside the item (a parameter name, "return", a field name);
      together with `item_path` it names the sum types that unions become.
    """

    surface: Surface
    module: str
    allow_partial: bool = False
    item_path: str = ""
    enclosing_class: str | None = None
    slot: str = ""

    def __post_init__(self) -> None:
        index = index_for(self.surface)
        if self.module not in index.modules:
            known = tuple(sorted(index.modules))
            raise UnknownModuleError(self.module, self.surface.package, known)
