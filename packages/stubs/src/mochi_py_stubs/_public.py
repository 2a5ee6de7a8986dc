"""The public names of a module, with re-exports followed to their declarations.

Rules (typing spec, "Library interface"; they apply to stubs and py.typed packages alike):
`__all__` when present is the public interface; otherwise every declared name not starting
with `_`, plus imports written as re-exports (`import X as X`, `from Y import X as X`,
`from . import X`), plus the public names of `from m import *`. Any other import is private.
"""

from __future__ import annotations

from mochi_py_stubs._cache import SurfaceCache
from mochi_py_stubs._errors import ModuleNotInSurfaceError
from mochi_py_stubs._fast import make_public_item
from mochi_py_stubs._model import (
    Class,
    Constant,
    Declaration,
    Function,
    ImportBinding,
    ItemKind,
    Module,
    PublicItem,
    Surface,
    TypeAlias,
    TypeVarDecl,
)

_KINDS: dict[type, ItemKind] = {
    Function: ItemKind.FUNCTION,
    Class: ItemKind.CLASS,
    Constant: ItemKind.CONSTANT,
    TypeAlias: ItemKind.TYPE_ALIAS,
    TypeVarDecl: ItemKind.TYPEVAR,
}


class _Index:
    """Binding tables and public names of a Surface's modules, worked out on demand and kept
    (a lost race between threads only computes an equal value twice)."""

    def __init__(self, surface: Surface) -> None:
        self.modules = {module.name: module for module in surface.modules}
        self._tables: dict[str, dict[str, Declaration | ImportBinding]] = {}
        self._public: dict[str, frozenset[str]] = {}

    def table(self, name: str) -> dict[str, Declaration | ImportBinding]:
        """Every name bound in a module; the later binding (by line) wins, as at run time."""
        table = self._tables.get(name)
        if table is None:
            module = self.modules[name]
            table = {}
            lines: dict[str, int] = {}
            # Imports first, then declarations: a binding replaces an earlier one unless that
            # is on a later line, so on the same line a declaration wins over an import.
            for binding in module.imports:
                local = binding.local
                if binding.line >= lines.get(local, 0):
                    lines[local] = binding.line
                    table[local] = binding
            for group in _declarations(module):
                for decl in group:
                    local = decl.name
                    if decl.line >= lines.get(local, 0):
                        lines[local] = decl.line
                        table[local] = decl
            self._tables[name] = table
        return table

    def public_names(self, name: str, visiting: frozenset[str] = frozenset()) -> frozenset[str]:
        cached = self._public.get(name)
        if cached is not None:
            return cached
        module = self.modules[name]
        if module.dunder_all is not None:
            names = frozenset(module.dunder_all)
        else:
            found: set[str] = set()
            for local, value in self.table(name).items():
                if local.startswith("_"):
                    continue
                if not isinstance(value, ImportBinding) or value.explicit_reexport:
                    found.add(local)
            for star in module.star_imports:
                if star in self.modules and star not in visiting:
                    found.update(
                        n
                        for n in self.public_names(star, visiting | {name})
                        if not n.startswith("_")
                    )
            names = frozenset(found)
        if not visiting:  # a result cut short by a cycle is not cached
            self._public[name] = names
        return names

    def follow(self, module: str, name: str) -> PublicItem:
        seen: set[tuple[str, str]] = set()
        public = name
        while True:
            if (module, name) in seen:
                return _external(public, module, f"{module}.{name}")  # a re-export cycle
            seen.add((module, name))
            value = self.table(module).get(name)
            if value is None:
                star = self._star_source(module, name)
                if star is None:
                    return _external(public, module, f"{module}.{name}")
                module = star
                continue
            if not isinstance(value, ImportBinding):
                return _declared(public, module, name, value)
            target = value.target
            if target in self.modules:
                return _external(public, module, target)  # the name is a module
            owner, _, attr = target.rpartition(".")
            if owner not in self.modules:
                return _external(public, module, target)  # defined outside the surface
            module, name = owner, attr

    def _star_source(self, module: str, name: str) -> str | None:
        """The module of the surface a `from m import *` of `module` takes `name` from."""
        # The last star import that provides the name wins, as at run time.
        for star in reversed(self.modules[module].star_imports):
            if star in self.modules and name in self.public_names(star, frozenset({module})):
                return star
        return None


def _declarations(
    module: Module,
) -> tuple[
    tuple[Function, ...],
    tuple[Class, ...],
    tuple[Constant, ...],
    tuple[TypeVarDecl, ...],
    tuple[TypeAlias, ...],
]:
    return (module.functions, module.classes, module.constants, module.typevars, module.aliases)


# Kept per Surface: typemap asks for the public items of every module of a package in turn,
# and rebuilding the index (and the binding tables of the modules re-exports lead through)
# each time made that quadratic in the number of modules.
_index_for = SurfaceCache(_Index)


def _declared(public: str, module: str, name: str, decl: Declaration) -> PublicItem:
    """`public`, found declared as `name` in `module`."""
    return make_public_item(public, _KINDS[type(decl)], module, decl, f"{module}.{name}")


def _external(name: str, module: str, target: str) -> PublicItem:
    return make_public_item(name, ItemKind.EXTERNAL, module, None, target)


def public_items(surface: Surface, module: str | None = None) -> tuple[PublicItem, ...]:
    """The public items of `module` (default: the package itself), sorted by name.

    Re-exports are followed across the modules of the surface to the declaring module,
    cycle-safe. A name defined outside the surface (another package), a module, a cycle or a
    name listed in `__all__` that nothing binds becomes ItemKind.EXTERNAL with its target.
    """
    name = surface.package if module is None else module
    index = _index_for(surface)
    if name not in index.modules:
        raise ModuleNotInSurfaceError(name, surface.package)
    table = index.table(name)
    items: list[PublicItem] = []
    for public in sorted(index.public_names(name)):
        value = table.get(public)
        if value is None or isinstance(value, ImportBinding):  # a re-export (or nothing)
            items.append(index.follow(name, public))
        else:  # declared here, as most public names are: what `follow` would find at once
            items.append(_declared(public, name, public, value))
    return tuple(items)
