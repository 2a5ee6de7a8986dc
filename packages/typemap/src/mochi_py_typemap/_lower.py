"""Per-item lowering: every public item of a module becomes a LoweredItem or a SkipReport."""

from __future__ import annotations

from dataclasses import replace
from operator import attrgetter
from typing import cast

from mochi_py_stubs import (
    NO_LITERAL,
    Class,
    ClassMarker,
    Constant,
    Function,
    ItemKind,
    LiteralValue,
    NoLiteral,
    ParamKind,
    PublicItem,
    Signature,
    Surface,
    TName,
    TSubscript,
    TypeAlias,
    TypeExpr,
    TypeVarDecl,
    TypeVarKind,
    collection_paused,
    public_items,
)
from mochi_py_typemap._errors import UnknownModuleError
from mochi_py_typemap._fast import make_function, make_param
from mochi_py_typemap._frame import Frame
from mochi_py_typemap._index import AliasRef, ClassRef, ExternalRef, index_for
from mochi_py_typemap._lowered import (
    LoweredClass,
    LoweredConstant,
    LoweredField,
    LoweredFunction,
    LoweredItem,
    LoweredModule,
    LoweredParam,
    LoweredTypeAlias,
    mentioned_types,
)
from mochi_py_typemap._members import MethodEntry, class_members
from mochi_py_typemap._names import is_ascii_identifier
from mochi_py_typemap._session import RecordInfo, Result, Session, repath
from mochi_py_typemap._show import show
from mochi_py_typemap._skip import SkipReason, SkipReport
from mochi_py_typemap._types import (
    ANY,
    BOOL,
    FLOAT,
    INT,
    STRING,
    UNIT,
    MochiType,
    NamedType,
    RecordDecl,
    SumDecl,
    TupleType,
    TypeVarType,
)
from mochi_py_typemap._typing_table import Construct

_VARIADIC = (ParamKind.VAR_POSITIONAL, ParamKind.VAR_KEYWORD)
_POSITIONAL = (ParamKind.POSITIONAL_ONLY, ParamKind.POSITIONAL_OR_KEYWORD)
_RECEIVER_BINDINGS = ("method", "classmethod", "property", "constructor")
_PROPERTY_DECORATORS = frozenset({"property", "cached_property", "abstractproperty"})
_ACCESSOR_DECORATORS = frozenset({"setter", "getter", "deleter"})
# External bases that contribute no constructor parameters.
_OBJECT_LIKE_BASES = frozenset(
    {
        "builtins.object",
        "typing.Generic",
        "typing_extensions.Generic",
        "abc.ABC",
    }
)
_NO_INSTANCES = frozenset({ClassMarker.PROTOCOL, ClassMarker.ABSTRACT, ClassMarker.ENUM})
# A member note's sort key: every field (`_value_`: Enum.value is a property, and hashing an
# Enum member calls Python code; there are thousands of notes, keyed without a Python loop).
_SKIP_KEY = attrgetter("item_path", "reason._value_", "detail", "override")


def _is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _is_private(name: str) -> bool:
    return name.startswith("_") and not _is_dunder(name)


def _last(decorator: str) -> str:
    return decorator.rsplit(".", 1)[-1]


def lower_module(
    surface: Surface, module: str | None = None, *, allow_partial: bool = False
) -> LoweredModule:
    """Lower every public item of `module` (default: the package's top-level module).

    Each public item ends up in exactly one of `bound` or `skipped`; members refused inside a
    bound class are in `member_skips`; `types` declares every named type the bound items use.
    """
    # What lowering allocates is acyclic too (see mochi_py_stubs.collection_paused).
    with collection_paused():
        return _lower_module(surface, module, allow_partial)


def _lower_module(surface: Surface, module: str | None, allow_partial: bool) -> LoweredModule:
    index = index_for(surface)
    name = surface.package if module is None else module
    if name not in index.modules:
        raise UnknownModuleError(name, surface.package, tuple(sorted(index.modules)))
    session = Session(index, allow_partial)
    lowerer = _Lowerer(session, name)
    bound: list[LoweredItem] = []
    skipped: list[SkipReport] = []
    for item in public_items(surface, name):
        result = lowerer.item(item)
        if isinstance(result, SkipReport):
            skipped.append(result)
        else:
            bound.append(result)
    bound.sort(key=lambda b: b.name)
    skipped.sort(key=lambda s: s.item_path)
    types = session.decls_for(mentioned_types(bound))
    # Field refusals of records that are declared only because a bound item mentions them
    # (a private dataclass used as a return type, say): report those too.
    member_skips = list(lowerer.member_skips)
    for decl in types:
        if isinstance(decl, RecordDecl) and decl.python_name not in lowerer.bound_classes:
            info = session.records.get(decl.python_name)
            if info is not None:
                member_skips.extend(f.skip for f in info.failed)
    # Duplicates dropped, sorted by every field (see _SKIP_KEY).
    keyed = dict(zip(map(_SKIP_KEY, member_skips), member_skips, strict=True))
    unique = [keyed[key] for key in sorted(keyed)]
    return LoweredModule(name, tuple(bound), tuple(skipped), tuple(unique), types)


# A lowered signature: its parameters, return type and whether it is async.
_Lowered = tuple[tuple[LoweredParam, ...], MochiType, bool]
# A memo entry: the signature and function it was lowered from (their ids are the key), and
# the result.
_Memoised = tuple[
    Signature, Function, "_Lowered | SkipReport", tuple[tuple[str, tuple[MochiType, ...], str], ...]
]
# A memo entry with the enclosing class and the naming place it holds for (either "any").
_Kept = tuple[_Memoised, object, object]
# Stand for "any enclosing class" and "any naming place" in a memo key (None is a real value:
# no class).
_ANY_CLASS = object()
_ANYWHERE = object()


class _Lowerer:
    def __init__(self, session: Session, module: str) -> None:
        self.session = session
        self.module = module
        self.member_skips: list[SkipReport] = []
        self.bound_classes: set[str] = set()
        self.signatures: dict[tuple[object, ...], list[_Kept]] = {}
        # See `_inherited_method`: by the id of the Function (kept alive by the entry) and the
        # type parameters of the class it is bound on (in scope in its annotations).
        # (A function is lowered either as a constructor or as a method, never both.)
        self.inherited: dict[
            tuple[int, frozenset[str]], tuple[Function, _Lowered | SkipReport]
        ] = {}
        # See `_getter`: by annotation, defining class, name and type parameters in scope.
        self.inherited_getters: dict[tuple[object, ...], tuple[TypeExpr, Result]] = {}
        # See `_method_binding`.
        self.bindings: dict[int, tuple[Function, str]] = {}
        # See `klass`: what a method comes to in any class of this session, by the id of
        # the Function (kept alive by the entry).
        self.members: dict[int, _Member] = {}
        index = session.index
        self.surface_signatures = cast(
            "dict[tuple[object, ...], list[_Kept]]", index.signatures[session.allow_partial]
        )

    def _frame(
        self,
        module: str,
        path: str,
        *,
        enclosing: ClassRef | None = None,
        slot: str = "",
        tparams: tuple[str, ...] = (),
    ) -> Frame:
        return self.session.frame(
            module,
            path,
            enclosing=None if enclosing is None else enclosing.qualname,
            slot=slot,
            tparams=frozenset(tparams),
        )

    # ----------------------------------------------------------------------- items

    def item(self, item: PublicItem) -> LoweredItem | SkipReport:
        result = self._item(item, f"{self.module}.{item.name}")
        if isinstance(result, SkipReport) or result.name == item.name:
            return result
        # A re-export under another name (`from ._x import A as B`) is known by its public name.
        return replace(result, name=item.name)

    def _item(self, item: PublicItem, path: str) -> LoweredItem | SkipReport:
        decl = item.decl
        if not is_ascii_identifier(item.name):
            return SkipReport(
                path,
                SkipReason.INVALID_IDENTIFIER,
                f"{item.name!r} is not an ASCII identifier, so Mochi cannot name it",
            )
        if item.kind is ItemKind.EXTERNAL or decl is None:
            return SkipReport(path, SkipReason.EXTERNAL_ITEM, self._external_detail(item))
        if isinstance(decl, Function):
            return self.function(decl, path, item.module, binding="function")
        if isinstance(decl, Class):
            ref = self.session.index.class_ref(f"{item.module}.{decl.name}")
            if ref is None:  # the surface and its public items disagree; say so, don't crash
                return SkipReport(
                    path, SkipReason.FORWARD_REF, f"class {item.target} is not in the surface"
                )
            return self.klass(ref, path)
        if isinstance(decl, Constant):
            return self.constant(decl, path, item.module)
        if isinstance(decl, TypeAlias):
            return self.alias(decl, path, item.module)
        return self.typevar(decl, path)

    def _external_detail(self, item: PublicItem) -> str:
        target = item.target or item.name
        package = self.session.index.surface.package
        if target == package or target.startswith(package + "."):
            return f"{item.name} re-exports {target}, which could not be followed in the package"
        return f"{item.name} is defined outside package {package} ({target})"

    # ----------------------------------------------------------------------- functions

    def function(
        self,
        fn: Function,
        path: str,
        module: str,
        *,
        binding: str,
        owner: ClassRef | None = None,
        naming: str | None = None,
    ) -> LoweredFunction | SkipReport:
        """Lower a function; `owner` is the class a method is bound on (for `Self`), `naming`
        the path its sum types are named after (default: `path`)."""
        placed = path if naming is None else naming
        lowered = self._lowered(fn, path, module, binding, owner, placed)
        return self._finish(fn, path, lowered, binding, owner)

    def _finish(
        self,
        fn: Function,
        path: str,
        lowered: _Lowered | SkipReport,
        binding: str,
        owner: ClassRef | None,
    ) -> LoweredFunction | SkipReport:
        if isinstance(lowered, SkipReport):
            return lowered
        params, returns, is_async = lowered
        if binding == "constructor":
            assert owner is not None
            named = self.session.named(owner, path)
            if isinstance(named, SkipReport):
                return named
            returns = named
        return self._bound(fn, path, params, returns, is_async, binding)

    def _lowered(
        self,
        fn: Function,
        path: str,
        module: str,
        binding: str,
        owner: ClassRef | None,
        placed: str,
    ) -> _Lowered | SkipReport:
        if not fn.overloads or fn.signature not in fn.overloads:  # has an implementation
            return self._signature(fn, fn.signature, path, module, binding, owner, placed)
        # Variants are lowered in order and the first refusal ends the function: the later
        # ones could not change the outcome, and lowering them was a fifth of the lowering
        # time of typeshed's stdlib (whose overloads are often refused).
        variants: list[_Lowered] = []
        for number, sig in enumerate(fn.overloads, start=1):
            variant = self._signature(fn, sig, path, module, binding, owner, placed)
            if isinstance(variant, SkipReport):
                return SkipReport(
                    path,
                    SkipReason.OVERLOAD_AMBIGUITY,
                    f"{fn.name} has {len(fn.overloads)} @overload variants and no implementation"
                    f" signature; variant {number} cannot be bound: {variant.detail}",
                    "bind one variant by hand with an extern override",
                )
            variants.append(variant)
        first = variants[0]
        if any(v != first for v in variants[1:]):
            return SkipReport(
                path,
                SkipReason.OVERLOAD_AMBIGUITY,
                f"{fn.name} has {len(variants)} @overload variants with different Mochi"
                " signatures and no implementation signature",
                "bind one variant by hand with an extern override",
            )
        return first

    def _inherited_method(
        self, fn: Function, owner: ClassRef, ref: ClassRef, path: str, binding: str
    ) -> LoweredFunction | SkipReport:
        """A method `ref` inherits from `owner`, lowered at `path`. Its lowering depends on
        `ref` only through `Self`: when it did not ask for the class, it is kept and only
        re-pointed at the next subclass's path (most of a class's methods are inherited, and
        going through the signature memos again for each was most of the lowering time of a
        deep hierarchy such as tkinter's). The type parameters `ref` has in scope are part of
        the key: a name that is a type variable in one class is not in another."""
        session = self.session
        key = (id(fn), session.scope_tparams(ref.qualname, ()))
        known = self.inherited.get(key)
        if known is not None and known[0] is fn:
            lowered = _repath(known[1], path)
        else:
            reads = session.enclosing_reads
            placed = f"{owner.qualname}.{fn.name}"
            lowered = self._lowered(fn, path, owner.module, binding, ref, placed)
            if session.enclosing_reads == reads:
                self.inherited[key] = (fn, lowered)
        return self._finish(fn, path, lowered, binding, ref)

    def _bound(
        self,
        fn: Function,
        path: str,
        params: tuple[LoweredParam, ...],
        returns: MochiType,
        is_async: bool,
        binding: str,
    ) -> LoweredFunction:
        """The bound function; a defaulted parameter typed `any` for want of a Mochi type is
        reported as a member note (the function itself is bound, so not in `skipped`)."""
        for p in params:
            if p.unmapped is not None:
                self.member_skips.append(
                    SkipReport(
                        f"{path}.{p.name}",
                        p.unmapped.reason,
                        f"parameter {p.name} of {fn.name} has a default and no Mochi type, so"
                        " the shim leaves it out and the wrapper types it Any: it is reachable"
                        f" from Python callers only ({p.unmapped.detail})",
                    )
                )
        return make_function(fn.name, path, params, returns, is_async, binding, fn)

    def _signature(
        self,
        fn: Function,
        sig: Signature,
        path: str,
        module: str,
        binding: str,
        owner: ClassRef | None,
        placed: str,
    ) -> _Lowered | SkipReport:
        # Memoised like Session.map, one level up: a method a class inherits from a package
        # base is lowered again for every subclass (its path and `Self` differ), and only
        # `Self` makes the result depend on the class. The lowered params carry no path;
        # a skip report is re-pointed at `path`. A constructor's return (the class) is not part
        # of it (see `_finish`).
        # A result that made a sum type depends on `placed` (the sum's name comes from it),
        # so it is kept under that too; an inherited method is placed at its defining class
        # (see `klass`), so that result is shared by every subclass as well.
        #
        # A result that made no sum and named no record class depends on nothing but the
        # surface, so it is also kept surface-wide (`SurfaceIndex.signatures`) for the
        # lowering of every other module: a module re-exporting another's items, or
        # subclassing its classes, then lowers them once. A hit there declares the classes
        # the result names, which is the only effect the lowering would have had.
        session = self.session
        enclosing = None if owner is None else owner.qualname
        tparams = session.scope_tparams(enclosing, sig.type_params)
        head = (id(sig), id(fn), module, binding, tparams)
        signatures = self.signatures
        found = _lookup(signatures, head, enclosing, placed)
        if found is None:
            found = _lookup(self.surface_signatures, head, enclosing, placed)
            if found is not None and not self._replay(found[0]):
                found = None
            elif found is not None:
                signatures.setdefault(head, []).append(found)
        if found is not None:
            entry, which, where = found
            if which is not _ANY_CLASS:
                session.enclosing_reads += 1  # (as in Session.map_in)
            if where is not _ANYWHERE:
                session.sums_made += 1  # (likewise, for an enclosing memo)
            return _repath(entry[2], path)
        sums, reads, uses = session.sums_made, session.enclosing_reads, session.record_uses
        claimed = len(session.claims)
        result = self._lower_signature(
            fn, sig, path, module, binding, owner, enclosing, tparams, placed
        )
        if not isinstance(result, SkipReport) or result.item_path == path:
            independent = session.enclosing_reads == reads
            which = _ANY_CLASS if independent else enclosing
            where = _ANYWHERE if session.sums_made == sums else placed
            kept = ((sig, fn, result, tuple(session.claims[claimed:])), which, where)
            signatures.setdefault(head, []).append(kept)
            if session.record_uses == uses:
                self.surface_signatures.setdefault(head, []).append(kept)
        return result

    def _replay(self, entry: _Memoised) -> bool:
        """Make this session what lowering `entry`'s signature here would have: claim its sum
        types (the same names, unless this session took one of them for something else:
        then False, and the caller lowers it after all; claiming again is harmless, a claim
        of the same sum in the same place gets the same name) and declare the classes its
        result names."""
        session = self.session
        for stem, payloads, name in entry[3]:
            if session._claim(stem, payloads).name != name:
                return False
        result = entry[2]
        if isinstance(result, SkipReport):
            return True
        decls = session.decls
        stack: list[MochiType] = [p.type for p in result[0]]
        stack.append(result[1])
        while stack:
            t = stack.pop()
            if isinstance(t, NamedType):
                decl = decls.get(t.name)
                if decl is None:
                    ref = session.index.class_ref(t.python_name)
                    assert ref is not None  # not a sum (claimed above), so a class
                    session.named(ref, ref.qualname)
                elif isinstance(decl, SumDecl):
                    stack.extend(decl.children)
            else:
                stack.extend(t.children)
        return True

    def _lower_signature(
        self,
        fn: Function,
        sig: Signature,
        path: str,
        module: str,
        binding: str,
        owner: ClassRef | None,
        enclosing: str | None,
        tparams: frozenset[str],
        placed: str,
    ) -> _Lowered | SkipReport:
        session = self.session
        naming = None if placed == path else session.naming(placed, "")
        params = list(sig.params)
        if binding in _RECEIVER_BINDINGS and params and params[0].kind in _POSITIONAL:
            params = params[1:]  # self / cls, whatever it is called
        lowered: list[LoweredParam] = []
        dropped_variadic = False
        # No frame per parameter: Session.map_in makes one only when the memo misses.
        for param in params:
            if param.kind in _VARIADIC:
                # Every call may omit *args / **kwargs, so the binding simply does not pass them.
                dropped_variadic = True
                continue
            if not is_ascii_identifier(param.name):
                return SkipReport(
                    path,
                    SkipReason.INVALID_IDENTIFIER,
                    f"parameter {param.name!r} of {fn.name} is not an ASCII identifier",
                )
            mapped: Result
            if param.annotation is None:
                mapped = session.missing_annotation(
                    self._frame(module, path, enclosing=owner),
                    f"parameter {param.name} has no annotation in {fn.name}",
                )
            else:
                mapped = session.map_in(
                    param.annotation,
                    module,
                    path,
                    enclosing,
                    tparams,
                    param.name,
                    naming=naming,
                    python_only=param.has_default,
                )
            if isinstance(mapped, SkipReport):
                if not param.has_default:
                    return mapped
                # The shim never declares a defaulted parameter (Mochi cannot omit an
                # argument), so it only reaches the Python wrapper, where `any` passes the
                # caller's value through. Refusing the function for it would lose every call
                # that does not need it (httpx.get and its `params: QueryParamTypes | None`).
                lowered.append(make_param(param.name, param.kind, ANY, True, param.default, mapped))
                continue
            lowered.append(
                make_param(param.name, param.kind, mapped, param.has_default, param.default)
            )
        if dropped_variadic and not lowered:
            return SkipReport(
                path,
                SkipReason.PARAM_SPEC,
                f"{fn.name} takes only *args / **kwargs; no parameter is left to bind",
            )
        if binding == "constructor":
            # The parameters only: a constructor returns the class it builds, which `_finish`
            # fills in, so one lowering serves every subclass that inherits it.
            return tuple(lowered), UNIT, False
        is_async = fn.is_async
        annotation = sig.returns
        if annotation is None:
            ret = session.missing_annotation(
                self._frame(module, path, enclosing=owner), f"{fn.name} has no return annotation"
            )
        else:
            if not is_async and isinstance(annotation, TSubscript):
                construct = session.construct_in(annotation, tparams)
                args = annotation.args
                if construct is Construct.AWAITABLE and len(args) == 1:
                    is_async, annotation = True, args[0]
                elif construct is Construct.COROUTINE and len(args) == 3:
                    is_async, annotation = True, args[2]
            ret = session.map_in(
                annotation, module, path, enclosing, tparams, "return", naming=naming
            )
        if isinstance(ret, SkipReport):
            return ret
        return tuple(lowered), ret, is_async

    # ----------------------------------------------------------------------- classes

    def _only_object_bases(self, chain: tuple[ClassRef, ...]) -> bool:
        for ref in chain:
            for base in ref.cls.bases:
                if self.session.index.base_class(base) is not None:
                    continue
                head = base.base if isinstance(base, TSubscript) else base
                if not isinstance(head, TName):
                    return False
                resolved = self.session.index.lookup(head.resolved or head.name)
                if not isinstance(resolved, ExternalRef):
                    return False
                if resolved.qualname not in _OBJECT_LIKE_BASES:
                    return False
        return True

    def klass(self, ref: ClassRef, path: str) -> LoweredClass | SkipReport:
        session = self.session
        cls = ref.cls
        named = session.named(ref, path)
        if isinstance(named, SkipReport):
            return named
        markers = cls.markers
        decl_kind = "exception" if ClassMarker.EXCEPTION in markers else named.decl_kind
        inherited = class_members(session.index, ref)
        chain = inherited.chain
        methods = inherited.methods
        properties = inherited.properties
        attributes = inherited.attributes
        own = ref.qualname  # (the chain may hold another ClassRef of this class)

        skips: list[SkipReport] = []
        fields: tuple[LoweredField, ...] = ()
        record: RecordInfo | None = None
        if named.decl_kind == "record":
            record = session.record_info(ref)
            assert record is not None  # not nested inside another computation of this class
            fields = tuple(
                LoweredField(f.name, f.type, f.has_default, f.default) for f in record.fields
            )
            skips.extend(f.skip.at(f"{path}.{f.name}") for f in record.failed)

        constructor = self._constructor(ref, path, methods, record, chain, skips)
        bound_methods: list[LoweredFunction] = []
        getters: list[LoweredFunction] = []
        outcomes = self.members
        scope = session.scope_tparams(ref.qualname, ())  # (see `_inherited_method`)
        for name, (fn, owner) in methods.items():
            # A method is looked at once per session, not once per class that has it: most
            # of a class's methods are inherited (a tkinter widget has ~250 from Misc and the
            # geometry managers), and what one comes to depends on the class only through
            # `Self`. `self.members` keeps that answer (see `_Member`); a hit only binds it at
            # this class's path.
            known = outcomes.get(id(fn))
            if known is not None and known[0] is fn:
                kind = known[1]
                if kind is _NOT_BOUND:
                    continue
                if kind is _DUNDER_METHOD:
                    skips.append(SkipReport(f"{path}.{name}", SkipReason.DUNDER, _DUNDER_DETAIL))
                    continue
                if owner.qualname != own and known[5] == scope:
                    # _INHERITABLE, lowered with the same type parameters in scope: bound as
                    # lowered, at this class's path
                    lowered, binding = known[2], known[3]
                    member_path = f"{path}.{name}"
                    if type(lowered) is SkipReport:
                        skips.append(lowered.at(member_path))
                        continue
                    if known[4]:  # member notes, which name this class
                        lowered = _repath(lowered, member_path)  # type: ignore[arg-type]
                        params, returns, is_async = lowered  # type: ignore[misc]
                        bound = self._bound(fn, member_path, params, returns, is_async, binding)
                    else:
                        params, returns, is_async = lowered  # type: ignore[misc]
                        bound = make_function(
                            name, member_path, params, returns, is_async, binding, fn
                        )
                    (getters if binding == "property" else bound_methods).append(bound)
                    continue
            if name in ("__init__", "__new__") or _is_private(name):
                outcomes[id(fn)] = (fn, _NOT_BOUND, None, "", False, scope)
                continue
            member_path = f"{path}.{name}"
            if _is_dunder(name):
                outcomes[id(fn)] = (fn, _DUNDER_METHOD, None, "", False, scope)
                skips.append(SkipReport(member_path, SkipReason.DUNDER, _DUNDER_DETAIL))
                continue
            binding = self._method_binding(fn)
            if not binding:
                # a property's setter/deleter: part of the property, not a method
                outcomes[id(fn)] = (fn, _NOT_BOUND, None, "", False, scope)
                continue
            result: LoweredFunction | SkipReport
            if owner.qualname == own:
                reads = session.enclosing_reads
                result = self.function(fn, member_path, owner.module, binding=binding, owner=ref)
                if session.enclosing_reads == reads and member_path == f"{ref.qualname}.{name}":
                    # Lowered where an inherited use would lower it (see `_inherited_method`)
                    # and independent of the class: what every subclass gets.
                    self.inherited[(id(fn), scope)] = (fn, _lowered_of(result))
            else:
                # An inherited method names its sum types after the class that defines it,
                # so every subclass shares one declaration (and one lowering).
                result = self._inherited_method(fn, owner, ref, member_path, binding)
            kept = self.inherited.get((id(fn), scope))
            if kept is not None and kept[0] is fn:
                lowered = kept[1]
                outcomes[id(fn)] = (
                    fn,
                    _INHERITABLE,
                    lowered,
                    binding,
                    _has_unmapped(lowered),
                    scope,
                )
            if isinstance(result, SkipReport):
                skips.append(result)
            elif binding == "property":
                getters.append(result)
            else:
                bound_methods.append(result)

        for name, (prop, owner) in properties.items():
            if _is_private(name) or name in methods:
                continue
            getter = self._getter(ref, owner, path, name, prop.annotation, NO_LITERAL)
            if isinstance(getter, SkipReport):
                skips.append(getter)
            else:
                getters.append(getter)

        field_names = {f.name for f in fields} | {f.name for f in (record.failed if record else ())}
        members: list[str] = []
        for name, (attr, owner) in attributes.items():
            if _is_private(name) or _is_dunder(name) or name in field_names:
                continue
            if name in methods or name in properties:
                continue
            if ClassMarker.ENUM in owner.cls.markers and owner.qualname == ref.qualname:
                if not is_ascii_identifier(name):
                    skips.append(
                        SkipReport(
                            f"{path}.{name}",
                            SkipReason.INVALID_IDENTIFIER,
                            f"enum member {name!r} is not an ASCII identifier",
                        )
                    )
                else:
                    members.append(name)
                continue
            default = attr.default if attr.has_default else NO_LITERAL
            getter = self._getter(ref, owner, path, name, attr.annotation, default)
            if isinstance(getter, SkipReport):
                skips.append(getter)
            else:
                getters.append(getter)

        for inner in cls.classes:
            if _is_private(inner.name):
                continue
            skips.append(
                SkipReport(
                    f"{path}.{inner.name}",
                    SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
                    f"nested class {inner.name} is not bound as an item (annotations that"
                    " mention it still get its type)",
                )
            )

        self.member_skips.extend(skips)
        self.bound_classes.add(ref.qualname)
        bases = tuple(_base_name(b) for b in cls.bases)
        return LoweredClass(
            name=path.rsplit(".", 1)[-1],
            path=path,
            decl_kind=decl_kind,
            type=named,
            fields=fields,
            constructor=constructor,
            methods=tuple(bound_methods),
            properties=tuple(getters),
            members=tuple(members),
            bases=bases,
            is_protocol=ClassMarker.PROTOCOL in markers,
            source=cls,
        )

    def _method_binding(self, fn: Function) -> str:
        """How a method is reached ("method", "property", ...), from its decorators; "" for
        a property's setter or deleter (part of the property). Kept per function: a method is
        looked at again for every class that inherits it."""
        if not fn.decorators:
            return "method"
        known = self.bindings.get(id(fn))
        if known is not None and known[0] is fn:
            return known[1]
        last = {_last(d) for d in fn.decorators}
        if any("." in d and _last(d) in _ACCESSOR_DECORATORS for d in fn.decorators):
            binding = ""
        elif last & _PROPERTY_DECORATORS:
            binding = "property"
        elif "staticmethod" in last:
            binding = "staticmethod"
        elif "classmethod" in last:
            binding = "classmethod"
        else:
            binding = "method"
        self.bindings[id(fn)] = (fn, binding)
        return binding

    def _constructor(
        self,
        ref: ClassRef,
        path: str,
        methods: dict[str, MethodEntry],
        record: RecordInfo | None,
        chain: tuple[ClassRef, ...],
        skips: list[SkipReport],
    ) -> LoweredFunction | None:
        init_path = f"{path}.__init__"
        if ref.cls.markers & _NO_INSTANCES:
            return None  # Protocols, ABCs and enums are not constructed from Mochi
        found = methods.get("__init__") or methods.get("__new__")
        if found is not None:
            fn, owner = found
            if owner.qualname == ref.qualname:
                result = self.function(
                    fn, init_path, owner.module, binding="constructor", owner=ref
                )
            else:  # inherited: placed at the defining class, as a method is (see `klass`)
                result = self._inherited_method(fn, owner, ref, init_path, "constructor")
            if isinstance(result, SkipReport):
                skips.append(result)
                return None
            if result.name == "__init__":
                return result
            # (`__new__`; dataclasses.replace costs as much as lowering a short signature)
            return make_function(
                "__init__",
                result.path,
                result.params,
                result.returns,
                result.is_async,
                result.binding,
                result.source,
            )
        named = self.session.named(ref, path)
        assert isinstance(named, NamedType)
        if record is not None:
            for failed in record.failed:
                if failed.required:
                    skips.append(
                        SkipReport(
                            init_path,
                            failed.skip.reason,
                            f"the constructor needs field {failed.name}: {failed.skip.detail}",
                        )
                    )
                    return None
            is_typeddict = ClassMarker.TYPEDDICT in ref.cls.markers
            params = tuple(
                LoweredParam(
                    f.name,
                    ParamKind.KEYWORD_ONLY
                    if f.keyword_only or is_typeddict
                    else ParamKind.POSITIONAL_OR_KEYWORD,
                    f.type,
                    f.has_default,
                    f.default,
                )
                for f in record.fields
            )
            return LoweredFunction("__init__", init_path, params, named, False, "constructor")
        if self._only_object_bases(chain):
            return LoweredFunction("__init__", init_path, (), named, False, "constructor")
        return None  # inherits a constructor from outside the package: signature unknown

    def _getter(
        self,
        ref: ClassRef,
        owner: ClassRef,
        path: str,
        name: str,
        annotation: TypeExpr | None,
        default: LiteralValue | NoLiteral,
    ) -> LoweredFunction | SkipReport:
        member_path = f"{path}.{name}"
        if not is_ascii_identifier(name):
            return SkipReport(
                member_path,
                SkipReason.INVALID_IDENTIFIER,
                f"member {name!r} is not an ASCII identifier",
            )
        result: Result
        if annotation is None:
            inferred = _infer(default)
            if inferred is None:
                fr = self._frame(owner.module, member_path, enclosing=ref)
                result = self.session.missing_annotation(fr, f"{name} has no annotation")
            elif isinstance(inferred, tuple):
                result = SkipReport(member_path, *inferred)
            else:
                result = inferred
        else:
            session = self.session
            tparams = session.scope_tparams(ref.qualname, owner.cls.type_params)
            if owner.qualname == ref.qualname:
                result = session.map_in(
                    annotation, owner.module, member_path, ref.qualname, tparams, ""
                )
            else:
                # Inherited: placed at the defining class and kept per session unless it
                # depends on the class (`Self`), as `_inherited_method` does for methods.
                key = (id(annotation), owner.qualname, name, tparams)
                known = self.inherited_getters.get(key)
                if known is not None and known[0] is annotation:
                    result = repath(known[1], member_path)
                else:
                    reads = session.enclosing_reads
                    naming = session.naming(f"{owner.qualname}.{name}", "")
                    result = session.map_in(
                        annotation, owner.module, member_path, ref.qualname, tparams, "",
                        naming=naming,
                    )  # fmt: skip
                    if session.enclosing_reads == reads:
                        self.inherited_getters[key] = (annotation, result)
        if isinstance(result, SkipReport):
            return result
        return make_function(name, member_path, (), result, False, "property", None)

    # ----------------------------------------------------------------------- constants, types

    def constant(self, const: Constant, path: str, module: str) -> LoweredConstant | SkipReport:
        session = self.session
        fr = self._frame(module, path)
        annotation = const.annotation
        result: Result
        bare_final = (
            annotation is not None
            and not isinstance(annotation, TSubscript)
            and session.qualifier(annotation, fr) == "Final"
        )
        if annotation is None or bare_final:
            inferred = _infer(const.value)
            if inferred is None:
                result = session.missing_annotation(
                    fr, f"constant {const.name} has no annotation and no literal value"
                )
            elif isinstance(inferred, tuple):
                result = SkipReport(path, inferred[0], inferred[1])
            else:
                result = inferred
        else:
            result = session.map(annotation, fr)
        if isinstance(result, SkipReport):
            return result
        return LoweredConstant(const.name, path, result, const.value, const)

    def alias(self, alias: TypeAlias, path: str, module: str) -> LoweredTypeAlias | SkipReport:
        session = self.session
        ref = AliasRef(f"{module}.{alias.name}", module, alias)
        expanded = session.alias_value(ref, None, self._frame(module, path))
        if isinstance(expanded, SkipReport):
            return expanded
        result = session.map(*expanded)
        if isinstance(result, SkipReport):
            return result
        return LoweredTypeAlias(alias.name, path, result, alias)

    def typevar(self, decl: TypeVarDecl, path: str) -> LoweredTypeAlias | SkipReport:
        if decl.kind is TypeVarKind.PARAMSPEC:
            return SkipReport(
                path, SkipReason.PARAM_SPEC, f"{decl.name} is a ParamSpec, which is out of scope"
            )
        if decl.kind is TypeVarKind.TYPEVARTUPLE:
            return SkipReport(
                path,
                SkipReason.TYPE_VAR_TUPLE,
                f"{decl.name} is a TypeVarTuple, which is out of scope",
            )
        return LoweredTypeAlias(decl.name, path, TypeVarType(decl.name), decl)


def _lookup(
    table: dict[tuple[object, ...], list[_Kept]],
    head: tuple[object, ...],
    enclosing: str | None,
    placed: str,
) -> _Kept | None:
    """The memoised lowering of the signature `head` names, if one fits: kept for any
    enclosing class or for this one, and for any naming place or for this one."""
    kept = table.get(head)
    if kept is None:
        return None
    for found in kept:
        entry, which, where = found
        if (
            (which is _ANY_CLASS or which == enclosing)
            and (where is _ANYWHERE or where == placed)
            and id(entry[0]) == head[0]
            and id(entry[1]) == head[1]
        ):
            return found
    return None


# What a method comes to in any class of a session (`_Lowerer.members`): the Function, then
# _NOT_BOUND (a constructor, a private method, a property's setter or deleter), _DUNDER_METHOD
# (reported as such), or _INHERITABLE with its lowering and binding, kept once it is known to
# depend on nothing but the method and the type parameters in scope (not on `Self`); then
# whether the lowering has member notes (a defaulted parameter typed `any`), which are made
# again at each class's path; last, the type parameters of the class it was lowered in (a
# class with others in scope lowers it again).
_NOT_BOUND = "not bound"
_DUNDER_METHOD = "dunder"
_INHERITABLE = "inheritable"
_Member = tuple[Function, str, "_Lowered | SkipReport | None", str, bool, frozenset[str]]
_DUNDER_DETAIL = "dunder methods are not exposed through the bridge"


def _lowered_of(result: LoweredFunction | SkipReport) -> _Lowered | SkipReport:
    if isinstance(result, SkipReport):
        return result
    return result.params, result.returns, result.is_async


def _has_unmapped(lowered: _Lowered | SkipReport) -> bool:
    if isinstance(lowered, SkipReport):
        return False
    return any(p.unmapped is not None for p in lowered[0])


def _repath(result: _Lowered | SkipReport, path: str) -> _Lowered | SkipReport:
    """A memoised signature as lowered at `path`: its refusal, and the refusals kept on
    defaulted parameters typed `any`, name that path."""
    if isinstance(result, SkipReport):
        return result.at(path)
    params, returns, is_async = result
    for p in params:  # (a loop, not all(...): this runs on every memo hit)
        if p.unmapped is not None and p.unmapped.item_path != path:
            break
    else:
        return result
    params = tuple(
        p
        if p.unmapped is None or p.unmapped.item_path == path
        else make_param(p.name, p.kind, p.type, p.has_default, p.default, p.unmapped.at(path))
        for p in params
    )
    return params, returns, is_async


def _base_name(expr: TypeExpr) -> str:
    head = expr.base if isinstance(expr, TSubscript) else expr
    if isinstance(head, TName):
        return head.resolved or head.name
    return show(expr)


def _infer(value: LiteralValue | NoLiteral) -> MochiType | tuple[SkipReason, str] | None:
    """The type of a literal value (for unannotated constants); None when there is none."""
    if value is NO_LITERAL:
        return None
    if value is None:
        return UNIT
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, float):
        return FLOAT
    if isinstance(value, str):
        return STRING
    if isinstance(value, bytes):
        return (SkipReason.NO_BYTES_TYPE, "a bytes value has no Mochi counterpart")
    if isinstance(value, complex):
        return (SkipReason.NO_COMPLEX_TYPE, "Python complex has no Mochi counterpart")
    if not value:
        return (
            SkipReason.UNSUPPORTED_TYPING_CONSTRUCT,
            "the empty tuple has no Mochi counterpart",
        )
    elems: list[MochiType] = []
    for item in value:
        inferred = _infer(item)
        if inferred is None or isinstance(inferred, tuple):
            return inferred
        elems.append(inferred)
    return TupleType(tuple(elems))
