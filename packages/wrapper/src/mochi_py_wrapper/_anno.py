"""Python annotations for MochiTypes, shared by the `.py` and the `.pyi` (same signatures)."""

from __future__ import annotations

from mochi_py_typemap import (
    FunType,
    ListType,
    MapType,
    MochiType,
    NamedType,
    OptionType,
    ScalarType,
    SetType,
    StreamType,
    TupleType,
    TypeVarType,
)

_SCALARS = {"int": "int", "float": "float", "string": "str", "bool": "bool"}
BUILTIN_NAMES = frozenset({"int", "float", "str", "bool", "list", "dict", "set", "tuple"})


class Annotator:
    """Renders annotations. `classes` maps a fully qualified class name to the expression
    naming it (`_src.Client`); a class not in it is `Any`. `shadowed` are builtin names that
    an extern of the module redefines, so annotations reach them through `_b` (builtins)."""

    def __init__(self, classes: dict[str, str], shadowed: frozenset[str]) -> None:
        self.classes = classes
        self.shadowed = shadowed
        self.uses_builtins = False

    def _builtin(self, name: str) -> str:
        if name in self.shadowed:
            self.uses_builtins = True
            return f"_b.{name}"
        return name

    def render(self, t: MochiType) -> str:
        if isinstance(t, ScalarType):
            if t.name == "any":
                return "_t.Any"
            if t.name == "unit":
                return "None"
            return self._builtin(_SCALARS[t.name])
        if isinstance(t, TypeVarType):
            return "_t.Any"
        if isinstance(t, ListType):
            return f"{self._builtin('list')}[{self.render(t.elem)}]"
        if isinstance(t, SetType):
            return f"{self._builtin('set')}[{self.render(t.elem)}]"
        if isinstance(t, MapType):
            return f"{self._builtin('dict')}[{self.render(t.key)}, {self.render(t.value)}]"
        if isinstance(t, TupleType):
            inner = ", ".join(self.render(e) for e in t.elems)
            return f"{self._builtin('tuple')}[{inner}]"
        if isinstance(t, OptionType):
            return f"{self.render(t.inner)} | None"
        if isinstance(t, FunType):
            params = ", ".join(self.render(p) for p in t.params)
            return f"_t.Callable[[{params}], {self.render(t.returns)}]"
        if isinstance(t, StreamType):
            return f"_t.AsyncIterator[{self.render(t.elem)}]"
        return self._named(t)

    def _named(self, t: NamedType) -> str:
        if t.decl_kind == "record":
            return f"{self._builtin('dict')}[{self._builtin('str')}, _t.Any]"
        return self.classes.get(t.python_name, "_t.Any")
