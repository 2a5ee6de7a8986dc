"""Type-directed conversions between Python values and what Mochi sees.

Records cross as dicts keyed by their Mochi field names; lists are materialised; values typed
`any` go through the runtime's generic `to_mochi`; functions are wrapped so their arguments
and results convert too. Each conversion a wrapper needs becomes a
small helper function of the generated module, written once and named deterministically;
a type that needs no conversion gets none, so the common call path stays a direct call.
"""

from __future__ import annotations

from mochi_py_typemap import (
    FunType,
    ListType,
    MapType,
    MochiType,
    NamedType,
    OptionType,
    RecordDecl,
    ScalarType,
    TupleType,
    TypeDecl,
    TypeVarType,
)
from mochi_py_wrapper._classes import ClassSite
from mochi_py_wrapper._names import is_plain_attribute, mangle

OUT = "out"  # Python -> Mochi (return values)
IN = "in"  # Mochi -> Python (arguments)


class Converters:
    """Collects the helper functions (and class bindings) the externs of one module need.

    `classes` maps a record's fully qualified class name to an expression for the class when
    the module exposes it (`_mochi_src.Point`); other record classes are bound once at import
    through the runtime's `resolve`.
    """

    def __init__(
        self, types: tuple[TypeDecl, ...], sites: dict[str, ClassSite], classes: dict[str, str]
    ) -> None:
        self.records = {d.name: d for d in types if isinstance(d, RecordDecl)}
        self.sites = sites
        self.classes = classes
        self.helpers: list[str] = []  # function definitions, in order of first use
        self.bindings: list[str] = []  # module-level `_mochi_cls_X = ...` lines
        self.runtime: set[str] = set()  # runtime names used (without the `_mochi_` prefix)
        self._names: dict[tuple[str, MochiType], str] = {}
        self._counter = 0

    # ------------------------------------------------------------------ public

    def fn(self, t: MochiType, direction: str) -> str | None:
        """The name of a callable converting a value of type `t`, or None (identity)."""
        if isinstance(t, (ScalarType, TypeVarType)):
            if direction == OUT and (isinstance(t, TypeVarType) or t.name == "any"):
                self.runtime.add("to_mochi")
                return "_mochi_to_mochi"
            return None
        if isinstance(t, NamedType):
            if t.decl_kind == "record" and t.name in self.records:
                return self._record(self.records[t.name], direction)
            return None
        key = (direction, t)
        if key in self._names:
            return self._names[key]
        body = self._structural(t, direction)
        if body is None:
            return None
        if body.startswith("_mochi_"):  # a runtime helper used as is
            return body
        self._counter += 1
        name = f"_mochi_{direction}_{self._counter}"
        self._names[key] = name
        self.helpers.append(_helper(name, [f"return {body}"]))
        return name

    # ------------------------------------------------------------------ structure

    def _structural(self, t: MochiType, direction: str) -> str | None:
        if isinstance(t, ListType):
            elem = self.fn(t.elem, direction)
            if elem is None:
                if direction == OUT:  # iterators and generators become lists
                    self.runtime.add("materialise")
                    return "_mochi_materialise"
                return None
            return f"[{elem}(e) for e in v]"
        if isinstance(t, OptionType):
            inner = self.fn(t.inner, direction)
            return None if inner is None else f"None if v is None else {inner}(v)"
        if isinstance(t, MapType):
            value = self.fn(t.value, direction)
            return None if value is None else f"{{k: {value}(x) for k, x in v.items()}}"
        if isinstance(t, TupleType):
            parts = [self.fn(e, direction) for e in t.elems]
            if all(p is None for p in parts):
                return None
            items = [f"v[{i}]" if p is None else f"{p}(v[{i}])" for i, p in enumerate(parts)]
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        if isinstance(t, FunType):
            # A function crossing one way is called the other way: its arguments convert in
            # the opposite direction, its result in this one.
            flip = OUT if direction == IN else IN
            args = [f"a{i}" for i in range(len(t.params))]
            convs = [self.fn(p, flip) for p in t.params]
            result = self.fn(t.returns, direction)
            if result is None and all(c is None for c in convs):
                return None
            passed = ", ".join(
                a if c is None else f"{c}({a})" for a, c in zip(args, convs, strict=True)
            )
            call = f"v({passed})" if result is None else f"{result}(v({passed}))"
            return f"lambda {', '.join(args)}: {call}" if args else f"lambda: {call}"
        return None  # sets and streams cross as they are

    # ------------------------------------------------------------------ records

    def _record(self, decl: RecordDecl, direction: str) -> str:
        key = (direction, NamedType(decl.name, "record", decl.python_name))
        if key in self._names:
            return self._names[key]
        name = f"_mochi_{direction}_{decl.name}"
        self._names[key] = name  # before the body: a record may contain itself
        flavour = self.sites[decl.python_name].flavour
        if direction == OUT:
            lines = self._record_out(decl, flavour)
        else:
            lines = self._record_in(decl, flavour)
        self.helpers.append(_helper(name, lines))
        return name

    def _record_out(self, decl: RecordDecl, flavour: str) -> list[str]:
        entries = []
        for field, t in decl.fields:
            if flavour == "typeddict":
                # A key that may be absent (total=False / NotRequired) is typed option<T>.
                read = f"v.get({field!r})" if isinstance(t, OptionType) else f"v[{field!r}]"
            elif is_plain_attribute(field):
                read = f"v.{field}"
            else:
                self.runtime.add("getattr")
                read = f"_mochi_getattr(v, {field!r})"
            conv = self.fn(t, OUT)
            value = read if conv is None else f"{conv}({read})"
            entries.append(f"    {mangle(field)!r}: {value},")
        if not entries:
            return ["return {}"]
        return ["return {", *entries, "}"]

    def _record_in(self, decl: RecordDecl, flavour: str) -> list[str]:
        values = []
        for field, t in decl.fields:
            conv = self.fn(t, IN)
            read = f"v[{mangle(field)!r}]"
            values.append((field, t, read if conv is None else f"{conv}({read})"))
        if flavour == "typeddict":
            # TypedDicts stay dicts; an optional key Mochi sends as none is left out.
            required = [
                f"    {f!r}: {val}," for f, t, val in values if not isinstance(t, OptionType)
            ]
            optional = [(f, val) for f, t, val in values if isinstance(t, OptionType)]
            if not optional:
                return ["return {", *required, "}"] if required else ["return {}"]
            # `_t.Dict`, not `dict`: an extern of this module may be called `dict`.
            lines = ["d: _t.Dict[str, _t.Any] = {", *required, "}"]
            for f, val in optional:
                lines.append(f"if v.get({mangle(f)!r}) is not None:")
                lines.append(f"    d[{f!r}] = {val}")
            return [*lines, "return d"]
        cls = self._class_expr(decl)
        if all(is_plain_attribute(f) for f, _, _ in values):
            args = [f"    {f}={val}," for f, _, val in values]
        else:
            args = ["    **{", *(f"        {f!r}: {val}," for f, _, val in values), "    },"]
        return [f"return {cls}(", *args, ")"] if args else [f"return {cls}()"]

    def _class_expr(self, decl: RecordDecl) -> str:
        known = self.classes.get(decl.python_name)
        if known is not None:
            return known
        site = self.sites[decl.python_name]
        name = f"_mochi_cls_{decl.name}"
        self.runtime.add("resolve")
        line = f"{name}: _t.Any = _mochi_resolve({site.module!r}, {site.qualname!r})"
        if line not in self.bindings:
            self.bindings.append(line)
        return name


def _helper(name: str, body: list[str]) -> str:
    lines = [f"def {name}(v: _t.Any) -> _t.Any:"]
    lines.extend("    " + line for line in body)
    return "\n".join(lines) + "\n"
