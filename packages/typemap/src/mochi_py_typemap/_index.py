"""Name lookup over one Surface: fully qualified name -> what the package defines there.

Built once per Surface (see `index_for`) because every annotation of every item is looked up
through it. It also fixes, once for the whole surface, the Mochi name of every class, so the
same class gets the same NamedType wherever it is mentioned.
"""

from __future__ import annotations

import builtins
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mochi_py_stubs import (
    Class,
    ClassMarker,
    Module,
    Surface,
    SurfaceCache,
    TName,
    TSubscript,
    TypeAlias,
    TypeExpr,
    TypeVarDecl,
)
from mochi_py_typemap._names import is_ascii_identifier, type_name
from mochi_py_typemap._types import EnumDecl, NamedType, OpaqueDecl

if TYPE_CHECKING:
    from mochi_py_typemap._members import ClassMembers


@dataclass(frozen=True, slots=True)
class ClassRef:
    qualname: str  # "<module>.<Outer>.<Inner>"
    module: str
    cls: Class
    mochi_name: str | None  # None when the class name cannot be a Mochi identifier


@dataclass(frozen=True, slots=True)
class AliasRef:
    qualname: str
    module: str
    alias: TypeAlias


@dataclass(frozen=True, slots=True)
class TypeVarRef:
    qualname: str
    module: str
    decl: TypeVarDecl


@dataclass(frozen=True, slots=True)
class EnumMemberRef:
    enum: ClassRef
    member: str


@dataclass(frozen=True, slots=True)
class ValueRef:
    """A package name that is not a type: a function, a constant or a module."""

    qualname: str
    what: str


@dataclass(frozen=True, slots=True)
class MissingRef:
    """Inside the package, but nothing is defined under this name (or an import loops)."""

    qualname: str


@dataclass(frozen=True, slots=True)
class ExternalRef:
    """Outside the package; `qualname` is the final target after following re-exports."""

    qualname: str


Ref = ClassRef | AliasRef | TypeVarRef | EnumMemberRef | ValueRef | MissingRef | ExternalRef

_UNKNOWN = object()  # "not memoised yet", where None is a memoised answer

DECL_RECORD_MARKERS = frozenset(
    {ClassMarker.DATACLASS, ClassMarker.NAMEDTUPLE, ClassMarker.TYPEDDICT}
)


def class_decl_kind(cls: Class) -> str:
    """The NamedType decl_kind of a class: how its values cross the bridge."""
    if ClassMarker.EXCEPTION in cls.markers:
        return "opaque"
    if cls.markers & DECL_RECORD_MARKERS:
        return "record"
    if ClassMarker.ENUM in cls.markers:
        return "enum"
    return "opaque"


def _walk_classes(
    prefix: str, classes: tuple[Class, ...], path: tuple[str, ...]
) -> list[tuple[str, tuple[str, ...], Class]]:
    out: list[tuple[str, tuple[str, ...], Class]] = []
    for cls in classes:
        here = (*path, cls.name)
        out.append((f"{prefix}.{'.'.join(here)}", here, cls))
        out.extend(_walk_classes(prefix, cls.classes, here))
    return out


class SurfaceIndex:
    """Lookups over one Surface. Its answers never change; it only fills caches of them."""

    def __init__(self, surface: Surface) -> None:
        self.surface = surface
        self.modules: dict[str, Module] = {m.name: m for m in surface.modules}
        self._cache: dict[str, Ref] = {}
        self._lock = threading.Lock()
        # Memoised answers of module_of / class_ref: both are asked for every annotation.
        self._module_of: dict[str, str | None] = {}
        self._class_refs: dict[str, ClassRef | None] = {}
        self._named: dict[str, NamedType] = {}
        self._class_decls: dict[str, OpaqueDecl | EnumDecl] = {}
        self._names: dict[str, _ModuleNames] = {}
        # Lowered signatures that any lowering of this surface may reuse, one table per
        # `allow_partial` (see `_Lowerer._signature`); filled by typemap's lowering.
        self.signatures: tuple[dict[tuple[object, ...], object], dict[tuple[object, ...], object]]
        self.signatures = ({}, {})
        # Forward-reference strings parsed in a module's names: (module, text) -> the
        # expression, or why it cannot be parsed (see AliasesMixin.parse_forward).
        self.forward_refs: dict[tuple[str, str], TypeExpr | str] = {}
        # A class's members, inherited ones included, by qualified name (see _members).
        self.class_members: dict[str, ClassMembers] = {}
        self.class_names: dict[str, str | None] = {}
        self.classes: dict[str, tuple[str, Class]] = {}
        found: list[tuple[str, str, tuple[str, ...], Class]] = []
        for module in sorted(self.modules):
            for qualname, path, cls in _walk_classes(module, self.modules[module].classes, ()):
                found.append((module, qualname, path, cls))
                self.classes[qualname] = (module, cls)
        self._assign_class_names(found)
        # Every name a shim may declare: sums must not collide with any of them.
        taken = {n for n in self.class_names.values() if n is not None}
        for mod in self.modules.values():
            taken.update(a.name for a in mod.aliases)
            taken.update(t.name for t in mod.typevars)
        self.taken_names: frozenset[str] = frozenset(taken)

    def _assign_class_names(self, found: list[tuple[str, str, tuple[str, ...], Class]]) -> None:
        # A nested class is named by its path joined with "_" (Outer_Inner). When two classes of
        # the package want the same name, the one with the shortest qualified name (then the
        # lexicographically first) keeps it and the others get _2, _3, ...: deterministic for a
        # given surface, independent of input order.
        wanted: dict[str, list[str]] = {}
        for _module, qualname, path, _cls in found:
            candidate = "_".join(path)
            if not is_ascii_identifier(candidate):
                self.class_names[qualname] = None
                continue
            wanted.setdefault(type_name(candidate), []).append(qualname)
        used = set(wanted)
        for candidate in sorted(wanted):
            owners = sorted(wanted[candidate], key=lambda q: (q.count("."), q))
            self.class_names[owners[0]] = candidate
            n = 2
            for qualname in owners[1:]:
                while f"{candidate}_{n}" in used:
                    n += 1
                self.class_names[qualname] = f"{candidate}_{n}"
                used.add(f"{candidate}_{n}")

    def module_of(self, qualname: str) -> str | None:
        """The longest module of the surface that is a prefix of `qualname` (or equal to it)."""
        found = self._module_of.get(qualname, _UNKNOWN)
        if found is not _UNKNOWN:
            return found  # type: ignore[return-value]
        found = None
        candidate = qualname
        while candidate:
            if candidate in self.modules:
                found = candidate
                break
            candidate = candidate[: max(candidate.rfind("."), 0)]
        # A lost race only computes the same answer twice: a single dict store is atomic.
        self._module_of[qualname] = found
        return found

    def lookup(self, qualname: str) -> Ref:
        # Reading a dict needs no lock (one atomic operation); the lock only keeps two
        # threads from interleaving the stores of one lookup.
        cached = self._cache.get(qualname)
        if cached is not None:
            return cached
        ref = self._lookup(qualname, ())
        with self._lock:
            self._cache[qualname] = ref
        return ref

    def named_type(self, ref: ClassRef) -> NamedType:
        """The NamedType of a nameable class (the same value wherever it is mentioned, so it is
        made, and validated, once per surface)."""
        named = self._named.get(ref.qualname)
        if named is None:
            assert ref.mochi_name is not None
            named = NamedType(ref.mochi_name, class_decl_kind(ref.cls), ref.qualname)
            self._named[ref.qualname] = named
        return named

    def class_decl(self, ref: ClassRef, named: NamedType) -> OpaqueDecl | EnumDecl:
        """The declaration of a class that is not a record (`named` is its NamedType), made
        once per surface: every lowering that mentions the class declares it."""
        decl = self._class_decls.get(ref.qualname)
        if decl is None:
            if named.decl_kind == "enum":
                members = tuple(
                    a.name
                    for a in ref.cls.attributes
                    if not a.name.startswith("_") and is_ascii_identifier(a.name)
                )
                decl = EnumDecl(named.name, members, ref.qualname)
            else:
                decl = OpaqueDecl(named.name, ref.qualname)
            self._class_decls[ref.qualname] = decl
        return decl

    def base_class(self, expr: TypeExpr) -> ClassRef | None:
        """The package class a base-class expression names (`Base`, `Base[int]`), if any."""
        head = expr.base if isinstance(expr, TSubscript) else expr
        if not isinstance(head, TName):
            return None
        ref = self.lookup(head.resolved or head.name)
        return ref if isinstance(ref, ClassRef) else None

    def class_ref(self, qualname: str) -> ClassRef | None:
        known = self._class_refs.get(qualname, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        found = self.classes.get(qualname)
        ref = None
        if found is not None:
            module, cls = found
            ref = ClassRef(qualname, module, cls, self.class_names.get(qualname))
        self._class_refs[qualname] = ref
        return ref

    def _lookup(self, qualname: str, seen: tuple[str, ...]) -> Ref:
        module_name = self.module_of(qualname)
        if module_name is None:
            return ExternalRef(qualname)
        if qualname == module_name:
            return ValueRef(qualname, "module")
        names = self._names.get(module_name)
        if names is None:
            names = self._names[module_name] = _ModuleNames(self.modules[module_name])
        rest = qualname[len(module_name) + 1 :].split(".")
        head = rest[0]
        cls = names.classes.get(head)
        if cls is not None:
            return self._in_class(f"{module_name}.{head}", module_name, cls, rest[1:])
        if len(rest) == 1:
            alias = names.aliases.get(head)
            if alias is not None:
                return AliasRef(qualname, module_name, alias)
            tv = names.typevars.get(head)
            if tv is not None:
                return TypeVarRef(qualname, module_name, tv)
        if head in names.functions:
            return ValueRef(qualname, "function")
        if head in names.constants:
            return ValueRef(qualname, "constant")
        binding = names.imports.get(head)
        if binding is not None:
            target = ".".join((binding.target, *rest[1:]))
            if target in seen or target == qualname:
                return MissingRef(qualname)
            return self._lookup(target, (*seen, qualname))
        if module_name == "builtins" or (len(rest) == 1 and hasattr(builtins, head)):
            # A stubs parser that could not see an import may resolve a builtin to
            # "<module>.int"; a module of the package never defines it, so it is the builtin.
            return ExternalRef(f"builtins.{'.'.join(rest)}")
        return MissingRef(qualname)

    def _in_class(self, qualname: str, module: str, cls: Class, rest: list[str]) -> Ref:
        if not rest:
            return ClassRef(qualname, module, cls, self.class_names.get(qualname))
        head = rest[0]
        for inner in cls.classes:
            if inner.name == head:
                return self._in_class(f"{qualname}.{head}", module, inner, rest[1:])
        is_member = len(rest) == 1 and any(a.name == head for a in cls.attributes)
        if is_member and ClassMarker.ENUM in cls.markers:
            owner = ClassRef(qualname, module, cls, self.class_names.get(qualname))
            return EnumMemberRef(owner, head)
        return MissingRef(f"{qualname}.{'.'.join(rest)}")


class _ModuleNames:
    """A module's declarations and imports by name, for `SurfaceIndex._lookup`: scanning the
    module's tuples for each name looked up was a twentieth of the lowering time of a module
    with hundreds of classes. The first declaration of a name wins, as the scans did."""

    def __init__(self, module: Module) -> None:
        self.classes = {c.name: c for c in reversed(module.classes)}
        self.aliases = {a.name: a for a in reversed(module.aliases)}
        self.typevars = {t.name: t for t in reversed(module.typevars)}
        self.functions = frozenset(f.name for f in module.functions)
        self.constants = frozenset(c.name for c in module.constants)
        self.imports = {b.local: b for b in reversed(module.imports)}


# The index of each of the last few Surfaces lowered: every module of a package is lowered
# against the same Surface, and the index also keeps what lowerings share (`signatures`).
_INDEXES = SurfaceCache(SurfaceIndex)


def index_for(surface: Surface) -> SurfaceIndex:
    return _INDEXES(surface)
