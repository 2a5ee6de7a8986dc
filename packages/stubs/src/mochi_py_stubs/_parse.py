"""The surface parser: one `.pyi` / typed `.py` source to a Module, using `ast` only.

Nothing is imported or executed. A module is read in two passes over its top-level
statements. Pass one evaluates `if` tests for the target (only the taken branch is kept; an
undecidable test keeps the `if` body and drops the `else`), records imports and `__all__`
operations in statement order, and notes what kind of thing each module-level name is.
Pass two builds the declarations; since every binding is known by then, annotations that
refer to names defined further down (legal in stubs) resolve like any other.
"""

from __future__ import annotations

import ast
import dataclasses
import sys
from collections.abc import Iterable, Iterator
from keyword import iskeyword

from mochi_py_stubs._builtins import BUILTIN_CLASSES, BUILTIN_EXCEPTIONS
from mochi_py_stubs._conditions import Evaluator, dotted_name
from mochi_py_stubs._dunder_all import DunderAll
from mochi_py_stubs._errors import InvalidModuleNameError, StubSyntaxError
from mochi_py_stubs._fast import (
    make_attribute,
    make_constant,
    make_function,
    make_param,
    make_signature,
)
from mochi_py_stubs._functional import functional_class
from mochi_py_stubs._gc import collection_paused
from mochi_py_stubs._model import (
    NO_LITERAL,
    Attribute,
    Class,
    ClassMarker,
    Constant,
    Function,
    ImportBinding,
    Module,
    Param,
    ParamKind,
    Property,
    Signature,
    Target,
    TList,
    TName,
    TSubscript,
    TUnion,
    TypeAlias,
    TypeExpr,
    TypeVarDecl,
    TypeVarKind,
)
from mochi_py_stubs._source import DEFAULT_MAX_BYTES, SourceText, decode, parse
from mochi_py_stubs._types import NONE, Scope, TypeBuilder, literal


def _qualified(*names: str) -> frozenset[str]:
    return frozenset(
        f"{module}.{name}" for module in ("typing", "typing_extensions") for name in names
    )


_OVERLOAD = _qualified("overload")
_TYPE_ALIAS = _qualified("TypeAlias")
_NEW_TYPE = _qualified("NewType")
_NAMED_TUPLE = _qualified("NamedTuple")
_TYPED_DICT = _qualified("TypedDict") | {"mypy_extensions.TypedDict"}
_PROTOCOL = _qualified("Protocol")
_GENERIC = _qualified("Generic")
_TYPEVAR_KINDS = {
    f"{module}.{kind.value}": kind
    for module in ("typing", "typing_extensions")
    for kind in TypeVarKind
}
_ENUM_BASES = frozenset(
    f"enum.{name}" for name in ("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum")
)
_ENUM_METACLASSES = frozenset(("enum.EnumMeta", "enum.EnumType"))
_DATACLASS = frozenset(("dataclasses.dataclass",))
_PROPERTY = frozenset(("builtins.property", "functools.cached_property", "abc.abstractproperty"))
_ABSTRACT_METHOD = frozenset(("abc.abstractmethod",))
_STATICMETHOD = frozenset(("builtins.staticmethod",))
# Modules whose public names are all types, for `X = <name>` alias-or-constant decisions.
_TYPE_MODULES = frozenset(("typing", "typing_extensions", "collections.abc", "types", "_typeshed"))
# Markers a subclass inherits from a base class of the same module.
_INHERITED = frozenset(
    (ClassMarker.EXCEPTION, ClassMarker.TYPEDDICT, ClassMarker.NAMEDTUPLE, ClassMarker.ENUM)
)
_EXCEPTION_SUFFIXES = ("Error", "Exception", "Warning")

_POSITIONAL_ONLY = ParamKind.POSITIONAL_ONLY
_POSITIONAL_OR_KEYWORD = ParamKind.POSITIONAL_OR_KEYWORD
_VAR_POSITIONAL = ParamKind.VAR_POSITIONAL
_KEYWORD_ONLY = ParamKind.KEYWORD_ONLY
_VAR_KEYWORD = ParamKind.VAR_KEYWORD

_FUNCTION_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_TRY_STATEMENTS = tuple(t for t in (ast.Try, getattr(ast, "TryStar", None)) if t is not None)
# PEP 695 `type X = ...` only exists as a node on 3.12+ (on older interpreters the syntax
# does not parse at all and ends up as StubSyntaxError).
_TYPE_ALIAS_STMT: type | None = getattr(ast, "TypeAlias", None)

_NO_DECORATORS: tuple[tuple[str, ...], frozenset[str]] = ((), frozenset())

_HAS_TYPE_PARAMS = sys.version_info >= (3, 12)

_AnyFunctionDef = ast.FunctionDef | ast.AsyncFunctionDef

# What a module-level name is, as far as pass one can tell.
_CLASS = "class"
_DEF = "def"
_TYPEVAR = "typevar"
_ALIAS = "alias"
_VALUE = "value"
_IMPORT = "import"


def _type_params(node: ast.AST) -> tuple[str, ...]:
    if not _HAS_TYPE_PARAMS:
        return ()  # a failing getattr per definition is measurable on 3.10/3.11
    params = getattr(node, "type_params", None)
    if not params:
        return ()
    return tuple(param.name for param in params)


def _is_positional_dunder(name: str) -> bool:
    return name.startswith("__") and not name.endswith("__")


def _is_exception_base(resolved: str) -> bool:
    module, _, last = resolved.rpartition(".")
    if module == "builtins" and last in BUILTIN_EXCEPTIONS:
        return True
    return last.endswith(_EXCEPTION_SUFFIXES)


def _is_true(node: ast.expr) -> bool:
    return type(node) is ast.Constant and node.value is True


def _is_false(node: ast.expr) -> bool:
    return type(node) is ast.Constant and node.value is False


class _FunctionAcc:
    """Collects the definitions of one name: `@overload` variants and the implementation."""

    __slots__ = ("decorators", "impl", "is_async", "line", "name", "overloads")

    def __init__(self, name: str, line: int) -> None:
        self.name = name
        self.line = line
        self.overloads: list[Signature] = []
        self.impl: Signature | None = None
        self.is_async = False
        self.decorators: tuple[str, ...] = ()

    def add(
        self, signature: Signature, is_async: bool, decorators: tuple[str, ...], overload: bool
    ) -> None:
        if overload:
            self.overloads.append(signature)
            if self.impl is not None:
                return  # the implementation (already seen) stays the signature
        else:
            self.impl = signature
        self.is_async = is_async
        self.decorators = decorators

    def build(self, name: str | None = None) -> Function:
        signature = self.impl if self.impl is not None else self.overloads[-1]
        return Function(
            name=name or self.name,
            signature=signature,
            is_async=self.is_async,
            decorators=self.decorators,
            overloads=tuple(self.overloads),
            line=self.line,
        )


_Member = _FunctionAcc | Function | Property | Attribute | Class
_Decl = _FunctionAcc | Function | Class | Constant | TypeAlias | TypeVarDecl


def _check_module_name(module: str) -> None:
    parts = module.split(".")
    if not all(map(str.isidentifier, parts)) or any(map(iskeyword, parts)):
        raise InvalidModuleNameError(module)


class _ModuleParser:
    def __init__(
        self, module: str, path: str, is_package: bool, target: Target, source: SourceText
    ) -> None:
        self.module = module
        self.path = path
        self.package = module if is_package else module.rpartition(".")[0]
        self.bindings: dict[str, str] = {}
        self.kinds: dict[str, str] = {}
        self.imports: list[ImportBinding] = []
        self.stars: list[str] = []
        self.scope = Scope(self.bindings, module + ".")
        self.dunder_all = DunderAll(self.scope.resolve)
        self.source = source
        self.types = TypeBuilder(self.scope, source)
        self.evaluator = Evaluator(target, self.scope.resolve)
        self.value_kinds: dict[int, str] = {}
        self.class_markers: dict[str, frozenset[ClassMarker]] = {}
        # Shared Params, one cache per kind (see _cached_param).
        self.params: tuple[dict[tuple[str, ...], Param], ...] = ({}, {}, {}, {}, {})
        self.line = 0

    # ------------------------------------------------------------------ pass one

    def flatten(self, body: list[ast.stmt], module_level: bool) -> list[ast.stmt]:
        """The statements of the taken branches, in order (iterative: `elif` chains nest)."""
        if not module_level:
            for stmt in body:
                if type(stmt) is ast.If or type(stmt) in _TRY_STATEMENTS:
                    break
            else:
                return body  # most class bodies: nothing to evaluate
        out: list[ast.stmt] = []
        stack: list[Iterator[ast.stmt]] = [iter(body)]
        while stack:
            for stmt in stack[-1]:
                kind = type(stmt)
                if kind is ast.If:
                    self.line = stmt.lineno
                    taken = self.evaluator.evaluate(stmt.test)  # type: ignore[attr-defined]
                    branch = stmt.orelse if taken is False else stmt.body  # type: ignore[attr-defined]
                    stack.append(iter(branch))
                    break
                if kind in _TRY_STATEMENTS:
                    # Typed .py files guard optional imports with try/except ImportError: the
                    # success path (body, else, finally) is what a checker assumes.
                    stack.append(iter(stmt.body + stmt.orelse + stmt.finalbody))  # type: ignore[attr-defined]
                    break
                if not module_level or self._bind(stmt, kind):
                    out.append(stmt)
            else:
                stack.pop()
        return out

    def _bind(self, stmt: ast.stmt, kind: type) -> bool:
        """Record what `stmt` binds at module level; True if pass two needs the statement."""
        if kind is ast.Import:
            self._import(stmt)  # type: ignore[arg-type]
            return False
        if kind is ast.ImportFrom:
            self._import_from(stmt)  # type: ignore[arg-type]
            return False
        if kind is ast.ClassDef or kind in _FUNCTION_DEFS:
            self._define(stmt.name, _CLASS if kind is ast.ClassDef else _DEF)  # type: ignore[attr-defined]
            return True
        if kind is ast.Assign:
            return self._bind_assign(stmt)  # type: ignore[arg-type]
        if kind is ast.AnnAssign:
            return self._bind_ann_assign(stmt)  # type: ignore[arg-type]
        if kind is ast.AugAssign:
            target = stmt.target  # type: ignore[attr-defined]
            if type(target) is ast.Name and target.id == "__all__" and type(stmt.op) is ast.Add:  # type: ignore[attr-defined]
                self.dunder_all.extend(stmt.value)  # type: ignore[attr-defined]
            return False
        if kind is ast.Expr:
            self.dunder_all.call(stmt.value)  # type: ignore[attr-defined]
            return False
        if kind is _TYPE_ALIAS_STMT:
            self._define(stmt.name.id, _ALIAS)  # type: ignore[attr-defined]
            return True
        return False

    def _define(self, name: str, kind: str) -> None:
        self.bindings[name] = f"{self.module}.{name}"
        self.kinds[name] = kind

    def _import(self, stmt: ast.Import) -> None:
        for alias in stmt.names:
            if alias.asname:
                local, target = alias.asname, alias.name
            else:
                # `import a.b.c` binds `a`; `a.b.c.X` then resolves through it.
                local = target = alias.name.partition(".")[0]
            self.bindings[local] = target
            self.kinds[local] = _IMPORT
            explicit = alias.asname == alias.name
            self.imports.append(ImportBinding(local, target, explicit, stmt.lineno))

    def _import_from(self, stmt: ast.ImportFrom) -> None:
        base = self._import_base(stmt)
        if base == "__future__":
            return
        for alias in stmt.names:
            if alias.name == "*":
                if base not in self.stars:
                    self.stars.append(base)
                continue
            local = alias.asname or alias.name
            target = f"{base}.{alias.name}"
            # Re-export forms of the typing spec: `from Y import X as X`, and in a package,
            # `from . import X` (a submodule of the package itself).
            explicit = alias.asname == alias.name or (
                stmt.level == 1 and not stmt.module and alias.asname is None
            )
            self.bindings[local] = target
            self.kinds[local] = _IMPORT
            self.imports.append(ImportBinding(local, target, explicit, stmt.lineno))

    def _import_base(self, stmt: ast.ImportFrom) -> str:
        if not stmt.level:
            return stmt.module or ""
        parts = self.package.split(".") if self.package else []
        up = stmt.level - 1
        if up >= len(parts):
            raise StubSyntaxError(
                self.path,
                stmt.lineno,
                stmt.col_offset + 1,
                f"relative import beyond the top-level package of {self.module!r}",
            )
        base = ".".join(parts[: len(parts) - up])
        return f"{base}.{stmt.module}" if stmt.module else base

    def _bind_assign(self, stmt: ast.Assign) -> bool:
        targets = [t.id for t in stmt.targets if type(t) is ast.Name]
        if "__all__" in targets:
            if len(stmt.targets) == 1:
                self.dunder_all.assign(stmt.value)
            return False
        if not targets:
            return False
        kind = self._value_kind(stmt.value)
        self.value_kinds[id(stmt)] = kind
        binding = {
            "typevar": _TYPEVAR,
            "newtype": _ALIAS,
            "alias": _ALIAS,
            "function-alias": _DEF,
            "namedtuple": _CLASS,
            "collections-namedtuple": _CLASS,
            "typeddict": _CLASS,
        }.get(kind, _VALUE)
        for name in targets:
            self._define(name, binding)
        return True

    def _bind_ann_assign(self, stmt: ast.AnnAssign) -> bool:
        if type(stmt.target) is not ast.Name:
            return False
        name = stmt.target.id
        if name == "__all__":
            if stmt.value is not None:
                self.dunder_all.assign(stmt.value)
            return False
        # Only an annotation spelled `...TypeAlias` can be one; skip resolving the rest.
        annotation = stmt.annotation
        spelled = annotation.id if type(annotation) is ast.Name else getattr(annotation, "attr", "")
        is_alias = (
            stmt.value is not None
            and spelled == "TypeAlias"
            and self._resolves_to(annotation, _TYPE_ALIAS)
        )
        if is_alias:
            self.value_kinds[id(stmt)] = "alias"
        self._define(name, _ALIAS if is_alias else _VALUE)
        return True

    def _resolves_to(self, node: ast.expr, names: frozenset[str]) -> bool:
        dotted = dotted_name(node)
        return dotted is not None and self.scope.resolve(dotted) in names

    def _value_kind(self, value: ast.expr) -> str:
        """Whether `X = value` declares a type alias, a TypeVar, a class or a constant."""
        kind = type(value)
        if kind is ast.Call:
            callee = dotted_name(value.func)  # type: ignore[attr-defined]
            resolved = self.scope.resolve(callee) if callee else ""
            if resolved in _TYPEVAR_KINDS:
                return "typevar"
            if resolved in _NEW_TYPE:
                return "newtype"
            if resolved in _NAMED_TUPLE:
                return "namedtuple"
            if resolved == "collections.namedtuple":
                return "collections-namedtuple"
            if resolved in _TYPED_DICT:
                return "typeddict"
            return "value"
        if kind is ast.Name or kind is ast.Attribute:
            dotted = dotted_name(value)
            if dotted is None:
                return "value"
            if "." not in dotted and self.kinds.get(dotted) == _DEF:
                return "function-alias"
            return "alias" if self._typelike(dotted) else "value"
        if kind is ast.Subscript:
            # A subscripted imported name is a generic alias (`np.ndarray[int]`) unless it
            # looks like a constant (`ENV["X"]`).
            dotted = dotted_name(value.value)  # type: ignore[attr-defined]
            subscriptable = dotted is not None and self._typelike(dotted, subscripted=True)
            return "alias" if subscriptable else "value"
        if kind is ast.BinOp and type(value.op) is ast.BitOr:  # type: ignore[attr-defined]
            stack: list[ast.expr] = [value]
            while stack:
                node = stack.pop()
                if type(node) is ast.BinOp and type(node.op) is ast.BitOr:
                    stack.extend((node.left, node.right))
                elif type(node) is ast.Constant and node.value is None:
                    return "alias"
                elif type(node) is ast.Subscript:
                    dotted = dotted_name(node.value)
                    if dotted is not None and self._typelike(dotted):
                        return "alias"
                else:
                    dotted = dotted_name(node)
                    if dotted is not None and self._typelike(dotted):
                        return "alias"
        return "value"

    def _typelike(self, dotted: str, subscripted: bool = False) -> bool:
        """Whether a bare or dotted name most likely denotes a type.

        Exact for the module's own names (classes, aliases, TypeVars), builtins and the
        typing modules; otherwise a naming heuristic, since the definition lives in another
        file: CamelCase is a class, `ALL_CAPS` is a value, and lowercase is a value unless
        it is subscripted (`np.ndarray[int]`).
        """
        head = dotted.partition(".")[0]
        local = self.kinds.get(head)
        if local is not None and local != _IMPORT:
            return local in (_CLASS, _ALIAS, _TYPEVAR)
        resolved = self.scope.resolve(dotted)
        module, _, last = resolved.rpartition(".")
        if module == "builtins":
            return last in BUILTIN_CLASSES or last in BUILTIN_EXCEPTIONS
        if module in _TYPE_MODULES:
            return True
        bare = last.lstrip("_")
        if bare == bare.upper():
            return False
        return subscripted or bare[:1].isupper()

    # ------------------------------------------------------------------ pass two

    def build(self, tree: ast.Module) -> Module:
        statements = self.flatten(tree.body, module_level=True)
        decls: dict[str, _Decl] = {}
        for stmt in statements:
            self.line = stmt.lineno
            kind = type(stmt)
            if kind in _FUNCTION_DEFS:
                self._add_function(decls, stmt, self.scope, self.module, method=False)  # type: ignore[arg-type]
            elif kind is ast.ClassDef:
                cls = self._class(stmt, self.scope, self.module)  # type: ignore[arg-type]
                decls[cls.name] = cls
            elif kind is ast.Assign:
                self._module_assign(decls, stmt)  # type: ignore[arg-type]
            elif kind is ast.AnnAssign:
                self._module_ann_assign(decls, stmt)  # type: ignore[arg-type]
            elif kind is _TYPE_ALIAS_STMT:
                self._type_alias_stmt(decls, stmt)
        functions: list[Function] = []
        classes: list[Class] = []
        constants: list[Constant] = []
        typevars: list[TypeVarDecl] = []
        aliases: list[TypeAlias] = []
        for decl in decls.values():
            if type(decl) is _FunctionAcc:
                functions.append(decl.build())
            elif type(decl) is Function:
                functions.append(decl)
            elif type(decl) is Class:
                classes.append(decl)
            elif type(decl) is Constant:
                constants.append(decl)
            elif type(decl) is TypeVarDecl:
                typevars.append(decl)
            elif type(decl) is TypeAlias:
                aliases.append(decl)
        return Module(
            name=self.module,
            path=self.path,
            functions=tuple(functions),
            classes=tuple(classes),
            constants=tuple(constants),
            typevars=tuple(typevars),
            aliases=tuple(aliases),
            imports=tuple(self.imports),
            dunder_all=self.dunder_all.names(),
            star_imports=tuple(self.stars),
            dunder_all_refs=self.dunder_all.refs(),
        )

    # functions

    def _decorators(
        self, nodes: list[ast.expr], scope: Scope
    ) -> tuple[tuple[str, ...], frozenset[str]]:
        """Decorators as written (call arguments dropped) and as resolved."""
        if not nodes:
            return _NO_DECORATORS
        written: list[str] = []
        resolved: set[str] = set()
        for node in nodes:
            if type(node) is ast.Call:
                node = node.func
            dotted = dotted_name(node)
            if dotted is None:
                written.append(self.source.segment(node))
            else:
                written.append(dotted)
                resolved.add(scope.name(dotted).resolved)
        return tuple(written), frozenset(resolved)

    def _signature(
        self, node: _AnyFunctionDef, scope: Scope, owner: str, method: bool
    ) -> Signature:
        # The hottest function of the parser (every def of every stub): locals, no helpers.
        type_params = _type_params(node)
        if type_params:
            qual = f"{owner}.{node.name}"
            scope = scope.child({name: f"{qual}.{name}" for name in type_params})
        builder = self.types if scope is self.scope else TypeBuilder(scope, self.source)
        convert = builder.convert
        names = builder.names
        posonly_cache, positional_cache, var_cache, kwonly_cache, kwarg_cache = self.params
        args = node.args
        params: list[Param] = []
        append = params.append
        posonly = args.posonlyargs
        regular = args.args
        positional = posonly + regular if posonly else regular
        if posonly:
            count_posonly = len(posonly)
        elif regular and (
            regular[0].arg.startswith("__")
            or (len(regular) > 1 and regular[1].arg.startswith("__"))
        ):
            count_posonly = _dunder_positional(regular, method)
        else:
            count_posonly = 0
        defaults = args.defaults
        first_default = len(positional) - len(defaults)
        kind, cache = _POSITIONAL_ONLY, posonly_cache
        if not count_posonly:
            kind, cache = _POSITIONAL_OR_KEYWORD, positional_cache
        for index, arg in enumerate(positional):
            if index == count_posonly:
                kind, cache = _POSITIONAL_OR_KEYWORD, positional_cache
            node_annotation = arg.annotation
            if index >= first_default:
                annotation = None if node_annotation is None else convert(node_annotation)
                default = literal(defaults[index - first_default])
                append(make_param(arg.arg, kind, annotation, True, default))
                continue
            # _cached_param inlined for the two common shapes: `self` and `x: Name`.
            if node_annotation is None:
                key: tuple[str, ...] = (arg.arg,)
                annotation = None
            elif type(node_annotation) is ast.Name:
                annotation = names.get(node_annotation.id) or convert(node_annotation)
                key = (arg.arg, annotation.name, annotation.resolved)  # type: ignore[union-attr]
            else:
                append(_cached_param(cache, arg.arg, kind, convert(node_annotation)))
                continue
            found = cache.get(key)
            if found is None:
                found = cache[key] = make_param(arg.arg, kind, annotation, False, NO_LITERAL)
            append(found)
        vararg = args.vararg
        if vararg is not None:
            annotation = None if vararg.annotation is None else convert(vararg.annotation)
            append(_cached_param(var_cache, vararg.arg, _VAR_POSITIONAL, annotation))
        if args.kwonlyargs:
            for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
                annotation = None if arg.annotation is None else convert(arg.annotation)
                if kw_default is None:
                    append(_cached_param(kwonly_cache, arg.arg, _KEYWORD_ONLY, annotation))
                else:
                    default = literal(kw_default)
                    append(make_param(arg.arg, _KEYWORD_ONLY, annotation, True, default))
        kwarg = args.kwarg
        if kwarg is not None:
            annotation = None if kwarg.annotation is None else convert(kwarg.annotation)
            append(_cached_param(kwarg_cache, kwarg.arg, _VAR_KEYWORD, annotation))
        returns_node = node.returns
        returns: TypeExpr | None
        if returns_node is None:
            returns = None
        elif type(returns_node) is ast.Constant and returns_node.value is None:
            returns = NONE  # `-> None`, the most common annotation of all
        elif type(returns_node) is ast.Name:
            returns = names.get(returns_node.id) or convert(returns_node)
        else:
            returns = convert(returns_node)
        return make_signature(tuple(params), returns, node.lineno, type_params)

    def _add_function(
        self,
        members: dict[str, _Decl] | dict[str, _Member],
        node: _AnyFunctionDef,
        scope: Scope,
        owner: str,
        method: bool,
        decorators: tuple[tuple[str, ...], frozenset[str]] | None = None,
    ) -> None:
        if decorators is None:
            decorators = self._decorators(node.decorator_list, scope)
        written, resolved = decorators
        overload = False
        if resolved:
            if method and not resolved.isdisjoint(_STATICMETHOD):
                method = False
            overload = not resolved.isdisjoint(_OVERLOAD)
        sig = self._signature(node, scope, owner, method)
        is_async = type(node) is ast.AsyncFunctionDef
        name = node.name
        existing = members.get(name)
        if type(existing) is _FunctionAcc:
            existing.add(sig, is_async, written, overload)
        elif overload:
            acc = _FunctionAcc(name, node.lineno)
            acc.add(sig, is_async, written, overload)
            members[name] = acc
        else:
            # The common case: one plain definition (a later plain one replaces it).
            members[name] = make_function(name, sig, is_async, written, (), node.lineno)

    # module-level assignments

    def _module_assign(self, decls: dict[str, _Decl], stmt: ast.Assign) -> None:
        kind = self.value_kinds.get(id(stmt), "value")
        value = stmt.value
        for target in stmt.targets:
            if type(target) is not ast.Name or target.id == "__all__":
                continue
            name = target.id
            # A rebinding keeps the name's first position and takes the latest value.
            decls[name] = self._assigned(decls, name, kind, value, stmt.lineno)

    def _assigned(
        self, decls: dict[str, _Decl], name: str, kind: str, value: ast.expr, line: int
    ) -> _Decl:
        if kind == "typevar":
            return self._typevar(name, value, line)  # type: ignore[arg-type]
        if kind == "newtype":
            args = value.args  # type: ignore[attr-defined]
            if len(args) == 2:
                # NewType is the identity at run time; the bridge treats it as an alias.
                return TypeAlias(name, self.types.convert(args[1]), line=line)
        elif kind == "alias":
            return TypeAlias(name, self.types.convert(value), line=line)
        elif kind == "function-alias":
            source = decls.get(value.id)  # type: ignore[attr-defined]
            if type(source) is _FunctionAcc:
                return source.build(name)
            if type(source) is Function:
                return dataclasses.replace(source, name=name)
        elif kind in ("namedtuple", "collections-namedtuple", "typeddict"):
            cls = functional_class(name, kind, value, line, self.types.convert)  # type: ignore[arg-type]
            if cls is not None:
                self.class_markers[f"{self.module}.{name}"] = cls.markers
                return cls
        return Constant(name, None, literal(value), line)

    def _module_ann_assign(self, decls: dict[str, _Decl], stmt: ast.AnnAssign) -> None:
        name = stmt.target.id  # type: ignore[union-attr]
        decl: _Decl
        if stmt.value is not None and self.value_kinds.get(id(stmt)) == "alias":
            decl = TypeAlias(name, self.types.convert(stmt.value), line=stmt.lineno)
        else:
            annotation = self.types.convert(stmt.annotation)
            value = NO_LITERAL if stmt.value is None else literal(stmt.value)
            decl = make_constant(name, annotation, value, stmt.lineno)
        decls[name] = decl

    def _type_alias_stmt(self, decls: dict[str, _Decl], stmt: ast.stmt) -> None:
        name = stmt.name.id  # type: ignore[attr-defined]
        type_params = _type_params(stmt)
        scope = self.scope
        if type_params:
            scope = scope.child({p: f"{self.module}.{name}.{p}" for p in type_params})
        value = TypeBuilder(scope, self.source).convert(stmt.value)  # type: ignore[attr-defined]
        decls[name] = TypeAlias(name, value, type_params, stmt.lineno)

    def _typevar(self, name: str, call: ast.Call, line: int) -> TypeVarDecl:
        callee = dotted_name(call.func) or ""
        kind = _TYPEVAR_KINDS[self.scope.resolve(callee)]
        convert = self.types.convert
        constraints: tuple[TypeExpr, ...] = ()
        if kind is TypeVarKind.TYPEVAR:
            constraints = tuple(convert(arg) for arg in call.args[1:])
        bound: TypeExpr | None = None
        default: TypeExpr | None = None
        covariant = contravariant = False
        for keyword in call.keywords:
            if keyword.arg == "bound":
                bound = convert(keyword.value)
            elif keyword.arg == "default":
                default = convert(keyword.value)
            elif keyword.arg == "covariant":
                covariant = _is_true(keyword.value)
            elif keyword.arg == "contravariant":
                contravariant = _is_true(keyword.value)
        return TypeVarDecl(name, kind, bound, constraints, line, covariant, contravariant, default)

    # classes

    def _class(self, node: ast.ClassDef, scope: Scope, owner: str) -> Class:
        qual = f"{owner}.{node.name}"
        type_params = _type_params(node)
        if type_params:
            # PEP 695 parameters are visible in the bases, the body and nested classes.
            scope = scope.child({name: f"{qual}.{name}" for name in type_params})
        types = self.types if scope is self.scope else TypeBuilder(scope, self.source)
        bases = tuple([types.convert(base) for base in node.bases])
        markers: set[ClassMarker] = set()
        generic_params: tuple[str, ...] = ()
        for base_node, base in zip(node.bases, bases, strict=True):
            head = base.base if type(base) is TSubscript else base
            if type(head) is not TName:
                continue
            resolved = head.resolved
            if resolved in _PROTOCOL:
                markers.add(ClassMarker.PROTOCOL)
                if type(base) is TSubscript:
                    markers.add(ClassMarker.GENERIC)
                    generic_params = _param_names(base_node)
            elif resolved in _GENERIC:
                markers.add(ClassMarker.GENERIC)
                generic_params = _param_names(base_node)
            elif resolved in _TYPED_DICT:
                markers.add(ClassMarker.TYPEDDICT)
            elif resolved in _NAMED_TUPLE:
                markers.update((ClassMarker.NAMEDTUPLE, ClassMarker.FROZEN))
            elif resolved in _ENUM_BASES:
                markers.add(ClassMarker.ENUM)
            elif resolved == "abc.ABC":
                markers.add(ClassMarker.ABSTRACT)
            inherited = self.class_markers.get(resolved)
            if inherited is not None:
                markers.update(inherited & _INHERITED)
                if ClassMarker.NAMEDTUPLE in inherited:
                    markers.add(ClassMarker.FROZEN)
            if _is_exception_base(resolved):
                markers.add(ClassMarker.EXCEPTION)
        for keyword in node.keywords:
            if keyword.arg == "metaclass":
                dotted = dotted_name(keyword.value)
                metaclass = scope.resolve(dotted) if dotted else ""
                if metaclass == "abc.ABCMeta":
                    markers.add(ClassMarker.ABSTRACT)
                elif metaclass in _ENUM_METACLASSES:
                    markers.add(ClassMarker.ENUM)
            elif keyword.arg == "total" and _is_false(keyword.value):
                markers.add(ClassMarker.TOTAL_FALSE)
        decorators, resolved_decorators = self._decorators(node.decorator_list, scope)
        if not resolved_decorators.isdisjoint(_DATACLASS):
            markers.add(ClassMarker.DATACLASS)
            for decorator in node.decorator_list:
                if type(decorator) is ast.Call and any(
                    k.arg == "frozen" and _is_true(k.value) for k in decorator.keywords
                ):
                    markers.add(ClassMarker.FROZEN)
        if ClassMarker.TYPEDDICT not in markers:
            markers.discard(ClassMarker.TOTAL_FALSE)

        body = self.flatten(node.body, module_level=False)
        local = {s.name: f"{qual}.{s.name}" for s in body if type(s) is ast.ClassDef}
        inner = scope.child(local) if local else scope
        inner_types = self.types if inner is self.scope else TypeBuilder(inner, self.source)
        members: dict[str, _Member] = {}
        abstract = False
        for stmt in body:
            self.line = stmt.lineno
            kind = type(stmt)
            if kind in _FUNCTION_DEFS:
                if stmt.decorator_list:  # type: ignore[attr-defined]
                    abstract |= self._class_function(members, stmt, inner, qual)  # type: ignore[arg-type]
                else:
                    self._add_function(members, stmt, inner, qual, True, _NO_DECORATORS)  # type: ignore[arg-type]
            elif kind is ast.ClassDef:
                nested = self._class(stmt, scope, qual)  # type: ignore[arg-type]
                members[nested.name] = nested
            elif kind is ast.AnnAssign:
                target = stmt.target  # type: ignore[attr-defined]
                if type(target) is ast.Name:
                    value = stmt.value  # type: ignore[attr-defined]
                    annotation = inner_types.convert(stmt.annotation)  # type: ignore[attr-defined]
                    members[target.id] = make_attribute(
                        target.id,
                        annotation,
                        value is not None,
                        NO_LITERAL if value is None else literal(value),
                        stmt.lineno,
                    )
            elif kind is ast.Assign:
                self._class_assign(members, stmt)  # type: ignore[arg-type]
        if abstract:
            markers.add(ClassMarker.ABSTRACT)

        methods: list[Function] = []
        properties: list[Property] = []
        attributes: list[Attribute] = []
        classes: list[Class] = []
        for member in members.values():
            if type(member) is _FunctionAcc:
                methods.append(member.build())
            elif type(member) is Function:
                methods.append(member)
            elif type(member) is Property:
                properties.append(member)
            elif type(member) is Attribute:
                attributes.append(member)
            elif type(member) is Class:
                classes.append(member)

        if type_params:
            markers.add(ClassMarker.GENERIC)
        elif generic_params:
            type_params = generic_params
        elif bases:
            type_params = self._typevars_in(bases)
            if type_params:
                markers.add(ClassMarker.GENERIC)
        frozen_markers = frozenset(markers)
        self.class_markers[qual] = frozen_markers
        return Class(
            name=node.name,
            bases=bases,
            markers=frozen_markers,
            methods=tuple(methods),
            properties=tuple(properties),
            attributes=tuple(attributes),
            classes=tuple(classes),
            type_params=type_params,
            decorators=decorators,
            line=node.lineno,
        )

    def _class_function(
        self, members: dict[str, _Member], node: _AnyFunctionDef, scope: Scope, owner: str
    ) -> bool:
        """Add a decorated method or property; True if it is declared abstract."""
        decorators = self._decorators(node.decorator_list, scope)
        resolved = decorators[1]
        abstract = not resolved.isdisjoint(_ABSTRACT_METHOD) or "abc.abstractproperty" in resolved
        if not resolved.isdisjoint(_PROPERTY):
            signature = self._signature(node, scope, owner, method=True)
            members[node.name] = Property(node.name, signature.returns, False, node.lineno)
            return abstract
        for decorator in node.decorator_list:
            if (
                type(decorator) is ast.Attribute
                and decorator.attr in ("setter", "deleter", "getter")
                and type(decorator.value) is ast.Name
                and decorator.value.id == node.name
            ):
                existing = members.get(node.name)
                if type(existing) is Property:
                    if decorator.attr == "setter":
                        members[node.name] = dataclasses.replace(existing, settable=True)
                    return abstract
        self._add_function(members, node, scope, owner, method=True, decorators=decorators)
        return abstract

    def _class_assign(self, members: dict[str, _Member], stmt: ast.Assign) -> None:
        value = stmt.value
        for target in stmt.targets:
            if type(target) is not ast.Name:
                continue
            name = target.id
            member: _Member | None = None
            if type(value) is ast.Name:
                # `__radd__ = __add__`: the same method under a second name.
                source = members.get(value.id)
                if type(source) is _FunctionAcc:
                    member = source.build(name)
                elif type(source) is Function:
                    member = dataclasses.replace(source, name=name)
            if member is None:
                member = Attribute(name, None, True, literal(value), stmt.lineno)
            members[name] = member

    def _typevars_in(self, bases: Iterable[TypeExpr]) -> tuple[str, ...]:
        """This module's TypeVars used in subscripted bases, in order of first appearance."""
        found: dict[str, None] = {}
        prefix = self.module + "."
        stack: list[TypeExpr] = []
        for base in reversed(tuple(bases)):
            if type(base) is TSubscript:
                stack.extend(reversed(base.args))
        while stack:
            expr = stack.pop()
            if type(expr) is TName:
                resolved = expr.resolved
                if resolved.startswith(prefix):
                    name = resolved[len(prefix) :]
                    if self.kinds.get(name) == _TYPEVAR:
                        found.setdefault(name)
            elif type(expr) is TSubscript:
                stack.extend(reversed(expr.args))
            elif type(expr) is TUnion:
                stack.extend(reversed(expr.members))
            elif type(expr) is TList:
                stack.extend(reversed(expr.items))
        return tuple(found)


def _cached_param(
    cache: dict[tuple[str, ...], Param], name: str, kind: ParamKind, annotation: TypeExpr | None
) -> Param:
    """A Param without default, shared between signatures when it is a common one.

    Only unannotated and plain-name parameters are shared (`self`, `x: int`, ...); the key
    holds strings only, so it never depends on object identity. `cache` is per kind.
    """
    if annotation is None:
        key: tuple[str, ...] = (name,)
    elif type(annotation) is TName:
        key = (name, annotation.name, annotation.resolved)
    else:
        return make_param(name, kind, annotation, False, NO_LITERAL)
    found = cache.get(key)
    if found is None:
        found = cache[key] = make_param(name, kind, annotation, False, NO_LITERAL)
    return found


def _dunder_positional(args: list[ast.arg], method: bool) -> int:
    """How many leading parameters are positional-only by the `__x` naming convention."""
    start = 1 if method and args and not _is_positional_dunder(args[0].arg) else 0
    end = start
    while end < len(args) and _is_positional_dunder(args[end].arg):
        end += 1
    return end if end > start else 0


def _param_names(node: ast.expr) -> tuple[str, ...]:
    """Type variable names in `Generic[T, *Ts, Unpack[Us]]`-style subscripts."""
    if type(node) is not ast.Subscript:
        return ()
    index = node.slice
    elements = index.elts if type(index) is ast.Tuple else [index]
    names: list[str] = []
    for element in elements:
        if type(element) is ast.Starred:
            element = element.value
        elif type(element) is ast.Subscript:
            element = element.slice
        if type(element) is ast.Name:
            names.append(element.id)
    return tuple(names)


def _declarations(
    module: Module,
) -> Iterator[Function | Class | Constant | TypeVarDecl | TypeAlias]:
    yield from module.functions
    yield from module.classes
    yield from module.constants
    yield from module.typevars
    yield from module.aliases


def _is_package_path(path: str) -> bool:
    name = path.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return name == "__init__.pyi" or name == "__init__.py"


def parse_module(
    source: str | bytes,
    *,
    module: str,
    path: str = "<string>",
    target: Target = Target(),  # noqa: B008 - frozen, so a shared default is safe
    max_bytes: int = DEFAULT_MAX_BYTES,
    is_package: bool | None = None,
) -> Module:
    """Parse one stub or typed module into a Module, without importing or executing it.

    `module` is the dotted module name (relative imports resolve against it); `path` is only
    recorded and used in errors. `is_package` says whether the file is a package's
    `__init__` (default: decided from `path`). Raises StubTooLargeError over `max_bytes`,
    StubSyntaxError for anything that is not readable Python, and nothing else for any text.
    """
    _check_module_name(module)
    text = decode(source, path, max_bytes)
    with collection_paused():  # the tree and the model are acyclic: see _gc
        tree = parse(text, path)
        assert isinstance(tree, ast.Module)
        if is_package is None:
            is_package = _is_package_path(path)
        parser = _ModuleParser(module, path, is_package, target, SourceText(text))
        try:
            return parser.build(tree)
        except RecursionError:
            raise StubSyntaxError(
                path, parser.line, 1, "declaration is nested too deeply to read"
            ) from None


def parse_type_expr(
    source: str, *, module: Module | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> TypeExpr:
    """Parse a type expression (e.g. a string forward reference) into a TypeExpr.

    With `module`, names resolve through its imports and declarations as in the module
    itself; without, only builtins resolve (`builtins.int`) and other names stay as written.
    """
    path = "<type expression>"
    text = decode(source, path, max_bytes).strip()
    tree = parse(text, path, mode="eval")
    assert isinstance(tree, ast.Expression)
    bindings: dict[str, str] = {}
    fallback = ""
    if module is not None:
        fallback = module.name + "."
        # Later bindings win, as in the module; at equal lines a declaration beats an import.
        entries = [(b.line, 0, b.local, b.target) for b in module.imports]
        for decl in _declarations(module):
            entries.append((decl.line, 1, decl.name, f"{module.name}.{decl.name}"))
        for _, _, local, resolved in sorted(entries):
            bindings[local] = resolved
    try:
        return TypeBuilder(Scope(bindings, fallback), SourceText(text)).convert(tree.body)
    except RecursionError:
        raise StubSyntaxError(path, 1, 1, "type expression is nested too deeply") from None
