"""Where a record class lives: the wrapper must rebuild records from dicts and read them back,
which needs the class object and its flavour (dataclass, NamedTuple or TypedDict)."""

from __future__ import annotations

from dataclasses import dataclass

from mochi_py_stubs import Class, ClassMarker, Surface


@dataclass(frozen=True)
class ClassSite:
    """A class of the surface: its module, dotted qualname inside it, and flavour."""

    module: str
    qualname: str
    flavour: str  # "typeddict", "namedtuple", "dataclass" or "class"


def _flavour(cls: Class) -> str:
    if ClassMarker.TYPEDDICT in cls.markers:
        return "typeddict"
    if ClassMarker.NAMEDTUPLE in cls.markers:
        return "namedtuple"
    if ClassMarker.DATACLASS in cls.markers:
        return "dataclass"
    return "class"


def class_sites(surface: Surface) -> dict[str, ClassSite]:
    """Every class of the surface (nested ones too) by fully qualified name."""
    sites: dict[str, ClassSite] = {}
    for module in surface.modules:
        stack = [(cls, cls.name) for cls in module.classes]
        while stack:
            cls, qualname = stack.pop()
            sites[f"{module.name}.{qualname}"] = ClassSite(module.name, qualname, _flavour(cls))
            stack.extend((inner, f"{qualname}.{inner.name}") for inner in cls.classes)
    return sites
