"""From typemap's bound items to Externs: identifier validation, mangling and refusals.

Every name that will reach generated code passes `refusal`/`mangle` here; whatever fails
becomes a SkipReport, and so does every extern whose name collides with another one, every
item that mentions a refused named type, and every record whose class cannot be located.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from mochi_py_stubs import ParamKind
from mochi_py_typemap import (
    LoweredClass,
    LoweredConstant,
    LoweredFunction,
    LoweredItem,
    LoweredModule,
    LoweredTypeAlias,
    MochiType,
    NamedType,
    RecordDecl,
    SkipReason,
    SkipReport,
    TypeDecl,
)
from mochi_py_wrapper._classes import ClassSite
from mochi_py_wrapper._errors import InvalidIdentifierError
from mochi_py_wrapper._model import Extern, ExternKind, ExternParam
from mochi_py_wrapper._names import WORDS, mangle, refusal

# Module-level names of a generated wrapper (and its local temporaries): an extern or a
# parameter may not take one of them, or it would shadow the wrapper's own plumbing.
_INTERNAL_NAMES = frozenset({"_src", "_MISSING", "_t", "_b"})
_INTERNAL_PREFIX = "_mochi"


def _internal(name: str) -> bool:
    return name in _INTERNAL_NAMES or name.startswith(_INTERNAL_PREFIX)


@dataclass(frozen=True)
class Target:
    """How `<module>.py` reaches the Python object an Extern stands for."""

    owner: str  # the class's public name on the module; "" for a module-level item
    attr: str  # attribute on the module / class / instance; "" for a constructor
    receiver: bool  # the first parameter is the instance the attribute is taken from
    call: bool  # call it; False reads the attribute (property, constant, enum member)


@dataclass(frozen=True)
class Binding:
    extern: Extern
    target: Target


@dataclass(frozen=True)
class Bound:
    """The result of binding one lowered module."""

    items: tuple[LoweredItem, ...]
    bindings: tuple[Binding, ...]  # sorted by extern.mochi_name
    types: tuple[TypeDecl, ...]
    skipped: tuple[SkipReport, ...]
    name_map: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Candidate:
    """An extern before collision checks; `item` is the top-level item it belongs to."""

    binding: Binding
    item: str  # name of the top-level item
    path: str  # item path used in a SkipReport about this extern alone
    member: bool  # a class member (refusing it prunes the class, not the whole item)


def named_types(t: MochiType) -> Iterable[str]:
    """Names of every NamedType inside `t`."""
    stack = [t]
    while stack:
        current = stack.pop()
        if isinstance(current, NamedType):
            yield current.name
        stack.extend(current.children)


def _skip(path: str, detail: str) -> SkipReport:
    return SkipReport(path, SkipReason.INVALID_IDENTIFIER, detail)


class _Binder:
    def __init__(self, lowered: LoweredModule, alias: str, sites: dict[str, ClassSite]) -> None:
        self.lowered = lowered
        self.prefix = alias
        self.sites = sites
        self.skips: list[SkipReport] = []
        self.refused_items: set[str] = set()
        # Types of refused class items: whatever mentions them is refused too.
        self.refused_classes: dict[str, str] = {}
        self.candidates: list[_Candidate] = []

    # ----------------------------------------------------------------- names

    def _extern_name(self, name: str, *, mangled: bool) -> tuple[str | None, str]:
        """(mochi name or None, reason)."""
        if mangled:
            try:
                result = mangle(name)
            except InvalidIdentifierError as exc:
                return None, f"{name!r} {exc.reason}"
        else:
            reason = refusal(name)
            if reason is not None:
                return None, f"{name!r} {reason}"
            result = name
        if _internal(result):
            return None, f"{name!r} is reserved for the wrapper module's own names"
        return result, ""

    def _params(
        self, fn: LoweredFunction, receiver: NamedType | None
    ) -> tuple[tuple[ExternParam, ...] | None, str]:
        out: list[ExternParam] = []
        if receiver is not None:
            out.append(ExternParam("self", "self", receiver, ParamKind.POSITIONAL_ONLY, False))
        for p in fn.params:
            try:
                name = mangle(p.name)
            except InvalidIdentifierError as exc:
                return None, f"parameter {p.name!r} of {fn.name!r} {exc.reason}"
            if _internal(name) or (receiver is not None and name == "self"):
                return None, f"parameter {p.name!r} of {fn.name!r} clashes with a wrapper name"
            out.append(ExternParam(name, p.name, p.type, p.kind, p.has_default))
        return tuple(out), ""

    def _add(
        self,
        kind: ExternKind,
        mochi: str,
        fn_path: str,
        params: tuple[ExternParam, ...],
        returns: MochiType,
        is_async: bool,
        target: Target,
        item: str,
        member: bool,
    ) -> None:
        extern = Extern(
            kind=kind,
            mochi_name=mochi,
            joined_name=f"{self.prefix}_{mochi}",
            python_path=fn_path,
            params=params,
            returns=returns,
            is_async=is_async,
        )
        self.candidates.append(_Candidate(Binding(extern, target), item, fn_path, member))

    # ----------------------------------------------------------------- items

    def function(self, fn: LoweredFunction) -> None:
        if fn.is_async:
            base, reason = self._extern_name(fn.name, mangled=False)
            mochi = None if base is None else base + "_sync"
        else:
            mochi, reason = self._extern_name(fn.name, mangled=True)
        params, preason = self._params(fn, None)
        if mochi is None or params is None:
            self.refuse_item(fn.name, fn.path, reason or preason)
            return
        target = Target("", fn.name, receiver=False, call=True)
        self._add(
            ExternKind.FUNCTION,
            mochi,
            fn.path,
            params,
            fn.returns,
            fn.is_async,
            target,
            fn.name,
            False,
        )

    def constant(self, const: LoweredConstant) -> None:
        mochi, reason = self._extern_name(const.name, mangled=True)
        if mochi is None:
            self.refuse_item(const.name, const.path, reason)
            return
        target = Target("", const.name, receiver=False, call=False)
        self._add(
            ExternKind.CONSTANT,
            mochi,
            const.path,
            (),
            const.type,
            False,
            target,
            const.name,
            False,
        )

    def alias(self, alias: LoweredTypeAlias) -> None:
        reason = refusal(alias.name)
        if reason is not None:
            self.refuse_item(alias.name, alias.path, f"{alias.name!r} {reason}")

    def klass(self, cls: LoweredClass) -> None:
        reason = refusal(cls.name)
        tname = cls.type.name
        if reason is None:
            reason = refusal(tname)
            if reason is None and (tname in WORDS or _internal(tname)):
                reason = "is a reserved word"
            if reason is not None:
                reason = f"type name {tname!r} {reason}"
        else:
            reason = f"{cls.name!r} {reason}"
        if reason is not None:
            self.refuse_item(cls.name, cls.path, reason)
            self.refused_classes[tname] = f"class {cls.path} was refused: {reason}"
            return
        ctor = cls.constructor
        if ctor is not None:
            params, preason = self._params(ctor, None)
            if params is None:
                self.skips.append(_skip(ctor.path, preason))
            else:
                self._add(
                    ExternKind.CONSTRUCTOR,
                    tname,
                    cls.path,
                    params,
                    ctor.returns,
                    False,
                    Target(cls.name, "", receiver=False, call=True),
                    cls.name,
                    True,
                )
        for m in cls.methods:
            self._method(cls, m)
        for prop in cls.properties:
            self._member(cls, prop.name, prop.path, prop.returns, call=False)
        for member in cls.members:
            self._member(cls, member, f"{cls.path}.{member}", cls.type, call=False, enum=True)

    def _method(self, cls: LoweredClass, m: LoweredFunction) -> None:
        reason = refusal(m.name)
        if reason is not None:
            self.skips.append(_skip(m.path, f"method {m.name!r} {reason}"))
            return
        receiver = m.binding == "method"
        params, preason = self._params(m, cls.type if receiver else None)
        if params is None:
            self.skips.append(_skip(m.path, preason))
            return
        mochi = f"{cls.type.name}_{m.name}" + ("_sync" if m.is_async else "")
        self._add(
            ExternKind.METHOD,
            mochi,
            m.path,
            params,
            m.returns,
            m.is_async,
            Target(cls.name, m.name, receiver=receiver, call=True),
            cls.name,
            True,
        )

    def _member(
        self,
        cls: LoweredClass,
        name: str,
        path: str,
        returns: MochiType,
        *,
        call: bool,
        enum: bool = False,
    ) -> None:
        reason = refusal(name)
        if reason is not None:
            self.skips.append(_skip(path, f"member {name!r} {reason}"))
            return
        mochi = f"{cls.type.name}_{name}"
        params: tuple[ExternParam, ...] = ()
        if enum:
            kind = ExternKind.CONSTANT
        else:
            self_param = ExternParam("self", "self", cls.type, ParamKind.POSITIONAL_ONLY, False)
            kind, params = ExternKind.PROPERTY, (self_param,)
        target = Target(cls.name, name, receiver=not enum, call=call)
        self._add(kind, mochi, path, params, returns, False, target, cls.name, True)

    def refuse_item(self, item: str, path: str, detail: str) -> None:
        self.refused_items.add(item)
        self.skips.append(_skip(path, detail))

    # ----------------------------------------------------------------- types

    def refused_types(self) -> dict[str, str]:
        """Named types the wrapper cannot declare or convert, with the reason."""
        refused: dict[str, str] = dict(self.refused_classes)
        for decl in self.lowered.types:
            reason = refusal(decl.name)
            if reason is None and (decl.name in WORDS or _internal(decl.name)):
                reason = "is a reserved word"
            if reason is not None:
                refused[decl.name] = f"type name {decl.name!r} {reason}"
                continue
            if isinstance(decl, RecordDecl):
                for field, _ in decl.fields:
                    reason = refusal(field)
                    if reason is not None:
                        refused[decl.name] = f"field {field!r} of {decl.name} {reason}"
                        break
                else:
                    if decl.python_name not in self.sites:
                        refused[decl.name] = (
                            f"record class {decl.python_name!r} is not in the surface, so its"
                            " values cannot be rebuilt from dicts"
                        )
        changed = True
        while changed:  # a type that mentions a refused type is refused too
            changed = False
            for decl in self.lowered.types:
                if decl.name in refused:
                    continue  # (already refused)
                for child in decl.children:
                    bad = next((n for n in named_types(child) if n in refused), None)
                    if bad is not None:
                        refused[decl.name] = f"type {decl.name} mentions refused type {bad}"
                        changed = True
                        break
        return refused


def _mentions(types: Iterable[MochiType], refused: dict[str, str]) -> str | None:
    for t in types:
        for name in named_types(t):
            if name in refused:
                return name
    return None


def _extern_types(extern: Extern) -> tuple[MochiType, ...]:
    return (*(p.type for p in extern.params), extern.returns)


def bind(lowered: LoweredModule, alias: str, sites: dict[str, ClassSite]) -> Bound:
    binder = _Binder(lowered, alias, sites)
    for item in lowered.bound:
        if isinstance(item, LoweredFunction):
            binder.function(item)
        elif isinstance(item, LoweredConstant):
            binder.constant(item)
        elif isinstance(item, LoweredTypeAlias):
            binder.alias(item)
        else:
            binder.klass(item)

    refused = binder.refused_types()
    for item in lowered.bound:
        if item.name in binder.refused_items:
            continue
        own = (item.type,) if isinstance(item, LoweredClass) else item.types
        bad = _mentions(own, refused)
        if bad is not None:
            binder.refuse_item(item.name, item.path, f"uses type {bad}: {refused[bad]}")

    kept: list[_Candidate] = []
    for cand in binder.candidates:
        if cand.item in binder.refused_items:
            continue
        bad = _mentions(_extern_types(cand.binding.extern), refused)
        if bad is None:
            kept.append(cand)
        elif cand.member:
            binder.skips.append(_skip(cand.path, f"uses type {bad}: {refused[bad]}"))
        else:
            binder.refuse_item(cand.item, cand.path, f"uses type {bad}: {refused[bad]}")

    kept = _drop_collisions(kept, binder)

    # Prune class items down to the members that kept an extern, so `items` (which the
    # lockfile walks) describes exactly what the wrapper exposes.
    paths = {c.binding.extern.python_path for c in kept}
    ctor_owners = {
        c.binding.target.owner for c in kept if c.binding.extern.kind is ExternKind.CONSTRUCTOR
    }
    out_items: list[LoweredItem] = []
    for item in lowered.bound:
        if item.name in binder.refused_items:
            continue
        if isinstance(item, LoweredClass):
            item = replace(
                item,
                constructor=item.constructor if item.name in ctor_owners else None,
                methods=tuple(m for m in item.methods if m.path in paths),
                properties=tuple(p for p in item.properties if p.path in paths),
                members=tuple(m for m in item.members if f"{item.path}.{m}" in paths),
            )
        out_items.append(item)

    types = _closure(out_items, lowered.types)
    name_map: set[tuple[str, str]] = set()
    for cand in kept:
        ext, target = cand.binding.extern, cand.binding.target
        top_level = ext.kind in (ExternKind.FUNCTION, ExternKind.CONSTANT) and not target.owner
        if top_level and ext.mochi_name != target.attr and not ext.is_async:
            name_map.add((ext.mochi_name, target.attr))
        if ext.kind is ExternKind.CONSTRUCTOR and ext.mochi_name != target.owner:
            name_map.add((ext.mochi_name, target.owner))
        for p in ext.params:
            if p.name != p.python_name:
                name_map.add((p.name, p.python_name))
    for decl in types:
        if isinstance(decl, RecordDecl):
            for field, _ in decl.fields:
                if mangle(field) != field:
                    name_map.add((mangle(field), field))

    skipped = sorted(
        {*lowered.skipped, *lowered.member_skips, *binder.skips},
        key=lambda s: (s.item_path, s.reason.value, s.detail, s.override),
    )
    bindings = sorted((c.binding for c in kept), key=lambda b: b.extern.mochi_name)
    return Bound(
        items=tuple(out_items),
        bindings=tuple(bindings),
        types=types,
        skipped=tuple(skipped),
        name_map=tuple(sorted(name_map)),
    )


def _drop_collisions(cands: list[_Candidate], binder: _Binder) -> list[_Candidate]:
    """Refuse every extern whose Python/Mochi name (or async twin) another one also takes."""
    by_name: dict[str, list[_Candidate]] = {}
    for cand in cands:
        ext = cand.binding.extern
        names = [ext.mochi_name]
        if ext.async_name is not None:
            names.append(ext.async_name)
        for name in names:
            by_name.setdefault(name, []).append(cand)
    clashing: dict[int, set[str]] = {}
    for name, group in sorted(by_name.items()):
        if len(group) < 2:
            continue
        for cand in group:
            others = sorted({o.path for o in group if o is not cand})
            clashing.setdefault(id(cand), set()).update(f"{name} ({o})" for o in others)
    kept: list[_Candidate] = []
    for cand in cands:
        clash = clashing.get(id(cand))
        if clash is None:
            kept.append(cand)
            continue
        detail = (
            f"{cand.binding.extern.mochi_name!r} collides with another name after mangling: "
            + ", ".join(sorted(clash))
        )
        if cand.member:
            binder.skips.append(_skip(cand.path, detail))
        else:
            binder.refuse_item(cand.item, cand.path, detail)
    return [c for c in kept if c.item not in binder.refused_items]


def _closure(items: list[LoweredItem], decls: tuple[TypeDecl, ...]) -> tuple[TypeDecl, ...]:
    """The declarations the kept items refer to, transitively, in typemap's (name) order."""
    by_name = {d.name: d for d in decls}
    wanted: set[str] = set()
    stack = [n for item in items for t in item.types for n in named_types(t)]
    while stack:
        name = stack.pop()
        if name in wanted or name not in by_name:
            continue
        wanted.add(name)
        stack.extend(n for child in by_name[name].children for n in named_types(child))
    return tuple(d for d in decls if d.name in wanted)
