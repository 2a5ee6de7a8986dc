"""Static reading of `__all__`: the list/tuple literals and the operations on it.

Understood: `__all__ = [...]` / `(...)` (also annotated), `__all__ += [...]`,
`__all__.extend([...])`, `__all__.append("x")`, `__all__.remove("x")`, `+` of those, and
`m.__all__` of another module (recorded as a reference, see Module.dunder_all_refs). Any
other statement about `__all__` is not static and is ignored.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from mochi_py_stubs._conditions import dotted_name


def _str_value(node: ast.expr) -> str | None:
    if type(node) is ast.Constant and type(node.value) is str:
        return node.value
    return None


class DunderAll:
    """Accumulates `__all__` over a module's statements, in order."""

    def __init__(self, resolve: Callable[[str], str]) -> None:
        self._resolve = resolve
        self._names: list[str] | None = None
        self._refs: list[str] = []

    def names(self) -> tuple[str, ...] | None:
        """The names, duplicates dropped (first kept); None if `__all__` was never set."""
        return None if self._names is None else tuple(dict.fromkeys(self._names))

    def refs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self._refs))

    def _value(self, node: ast.expr) -> tuple[list[str], list[str]] | None:
        """Names and referenced modules of an `__all__` expression, None if not static."""
        names: list[str] = []
        refs: list[str] = []
        stack = [node]
        while stack:  # iterative: `+` chains nest to the left
            current = stack.pop()
            if type(current) is ast.BinOp and type(current.op) is ast.Add:
                stack.extend((current.right, current.left))
            elif type(current) is ast.List or type(current) is ast.Tuple:
                for elt in current.elts:
                    value = _str_value(elt)
                    if value is None:
                        return None
                    names.append(value)
            elif type(current) is ast.Attribute and current.attr == "__all__":
                owner = dotted_name(current.value)
                if owner is None:
                    return None
                refs.append(self._resolve(owner))
            else:
                return None
        return names, refs

    def assign(self, node: ast.expr) -> None:
        """`__all__ = node`."""
        value = self._value(node)
        if value is not None:
            self._names, self._refs = value

    def extend(self, node: ast.expr) -> None:
        """`__all__ += node` / `__all__.extend(node)`."""
        value = self._value(node)
        if value is not None:
            if self._names is None:
                self._names = []
            self._names.extend(value[0])
            self._refs.extend(value[1])

    def call(self, node: ast.expr) -> None:
        """An expression statement: `__all__.extend(...)`, `.append("x")`, `.remove("x")`."""
        if type(node) is not ast.Call or node.keywords or len(node.args) != 1:
            return
        func = node.func
        if not (
            type(func) is ast.Attribute
            and type(func.value) is ast.Name
            and func.value.id == "__all__"
        ):
            return
        if func.attr == "extend":
            self.extend(node.args[0])
            return
        name = _str_value(node.args[0])
        if name is None:
            return
        if func.attr == "append":
            if self._names is None:
                self._names = []
            self._names.append(name)
        elif func.attr == "remove" and self._names is not None and name in self._names:
            self._names.remove(name)
