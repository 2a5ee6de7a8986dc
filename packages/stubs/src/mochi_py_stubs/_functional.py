"""The functional forms of NamedTuple, namedtuple and TypedDict, as Class values.

`X = NamedTuple("X", [("a", int)])`, `X = namedtuple("X", "a b")` and
`X = TypedDict("X", {"a": int}, total=False)` declare classes; only their simple, fully
literal spellings are understood (the parser keeps anything else as a Constant).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from mochi_py_stubs._model import Attribute, Class, ClassMarker, TypeExpr

Convert = Callable[[ast.expr], TypeExpr]


def _str_value(node: ast.expr) -> str | None:
    if type(node) is ast.Constant and type(node.value) is str:
        return node.value
    return None


def _is_false(node: ast.expr) -> bool:
    return type(node) is ast.Constant and node.value is False


def functional_class(
    name: str, kind: str, call: ast.Call, line: int, convert: Convert
) -> Class | None:
    """`NamedTuple("X", [("a", int)])`, `namedtuple("X", "a b")`, `TypedDict("X", {...})`.

    Only the simple, fully literal forms; anything else stays a Constant.
    """
    args = call.args
    if len(args) < 2 and not (kind == "namedtuple" and call.keywords):
        return None
    attributes: list[Attribute] = []
    markers: set[ClassMarker] = set()
    if kind == "typeddict":
        fields = args[1]
        if type(fields) is not ast.Dict:
            return None
        for key, value in zip(fields.keys, fields.values, strict=True):
            field = None if key is None else _str_value(key)
            if field is None:
                return None
            attributes.append(Attribute(field, convert(value), line=line))
        markers.add(ClassMarker.TYPEDDICT)
        if any(k.arg == "total" and _is_false(k.value) for k in call.keywords):
            markers.add(ClassMarker.TOTAL_FALSE)
    elif kind == "namedtuple":
        if len(args) >= 2:
            items = args[1]
            if type(items) not in (ast.List, ast.Tuple):
                return None
            for item in items.elts:  # type: ignore[attr-defined]
                if type(item) is not ast.Tuple or len(item.elts) != 2:
                    return None
                field = _str_value(item.elts[0])
                if field is None:
                    return None
                attributes.append(Attribute(field, convert(item.elts[1]), line=line))
        else:  # keyword form: NamedTuple("X", a=int)
            for keyword in call.keywords:
                if keyword.arg is None:
                    return None
                attributes.append(Attribute(keyword.arg, convert(keyword.value), line=line))
        markers.update((ClassMarker.NAMEDTUPLE, ClassMarker.FROZEN))
    else:
        fields_node = args[1]
        text = _str_value(fields_node)
        names: list[str] = []
        if text is not None:
            names = text.replace(",", " ").split()
        elif type(fields_node) in (ast.List, ast.Tuple):
            for item in fields_node.elts:  # type: ignore[attr-defined]
                field = _str_value(item)
                if field is None:
                    return None
                names.append(field)
        else:
            return None
        defaults = 0
        for keyword in call.keywords:
            if keyword.arg == "defaults":
                if type(keyword.value) not in (ast.List, ast.Tuple):
                    return None
                defaults = len(keyword.value.elts)  # type: ignore[attr-defined]
        first_default = len(names) - defaults
        attributes = [
            Attribute(field, None, has_default=i >= first_default, line=line)
            for i, field in enumerate(names)
        ]
        markers.update((ClassMarker.NAMEDTUPLE, ClassMarker.FROZEN))
    return Class(name, (), frozenset(markers), attributes=tuple(attributes), line=line)
