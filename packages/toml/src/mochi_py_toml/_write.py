"""Deterministic TOML documents: our table walk around tomli-w's key/value lines."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import tomli_w

from mochi_py_toml._values import format_key, plain_document


def dumps(document: Mapping[str, Any]) -> str:
    """`document` as TOML text with `\\n` newlines; the same input gives the same bytes.

    Keys keep the order given (callers sort), except that in each table the plain values come
    before the sub-tables. A non-empty list of mappings is always written as an array of
    tables (`[[name]]`), whatever its size. Raises TomlError, naming the key path, for values
    TOML cannot hold.
    """
    return "".join(_table(plain_document(document), name="", array_item=False))


def _table(table: dict[str, Any], *, name: str, array_item: bool) -> Iterator[str]:
    # tomli-w walks tables itself but picks `[[name]]` or an inline `name = [{...}]` for a
    # list of tables by a line-length heuristic. A splice must always get real `[[name]]`
    # headers (an inline array after other tables would land inside the last of them), so
    # the walk over tables is ours and tomli-w renders only each table's key/value lines.
    plain: dict[str, Any] = {}
    children: list[tuple[str, dict[str, Any], bool]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            children.append((key, value, False))
        elif _is_array_of_tables(value):
            children.extend((key, item, True) for item in value)
        else:
            plain[key] = value
    written = False
    if array_item or (name and (plain or not children)):
        # A table holding only sub-tables needs no header of its own (the same rule as
        # tomli-w); an empty one does, or it would vanish.
        yield f"[[{name}]]\n" if array_item else f"[{name}]\n"
        written = True
    if plain:
        # Only values that are not tables reach tomli-w here, so it writes `key = value`
        # lines and never a header.
        yield tomli_w.dumps(plain, multiline_strings=False, indent=4)
        written = True
    for key, child, is_item in children:
        if written:
            yield "\n"
        written = True
        child_name = f"{name}.{format_key(key)}" if name else format_key(key)
        yield from _table(child, name=child_name, array_item=is_item)


def _is_array_of_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
