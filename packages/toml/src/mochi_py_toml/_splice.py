"""Replace one array of tables inside a larger TOML document, leaving every other byte alone.

This is how mochi.lock is rewritten without touching the tables other tools keep in it. The
document is located line by line with `_scan` (hand-written: see its docstring for why no
allowed library can do this), while every key path is decoded by tomllib itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn

from mochi_py_toml._errors import TomlError, position
from mochi_py_toml._read import loads
from mochi_py_toml._scan import Line, LineKind, scan_lines
from mochi_py_toml._values import format_key
from mochi_py_toml._write import dumps

_AROUND = (LineKind.BLANK, LineKind.COMMENT)


def replace_array_of_tables(
    document_text: str, name: str, tables: Sequence[Mapping[str, Any]]
) -> str:
    """`document_text` with its `[[name]]` array of tables replaced by `tables`.

    Every `[[name]]` table and every `[name.x]` / `[[name.x]]` sub-table is removed, with
    the comment and blank lines directly above its header; the tables, rendered by `dumps`,
    take the place of the first one removed, or are appended at the end (after one blank
    line) when there was none. An empty `tables` removes the array. Everything else keeps its
    exact bytes, and `\\r\\n` documents get `\\r\\n` in the new text too. Raises TomlError when
    the document is not valid TOML, when `name` is defined some other way (a key/value line,
    a dotted key, a `[name]` table), or when a table cannot be written as TOML.
    """
    shown = format_key(name)
    block = _render(name, tables)
    original = loads(document_text)
    lines = scan_lines(document_text)
    removed = _removed_lines(document_text, lines, name)
    if not removed and name in original:
        _refuse(document_text, lines, name)
    if _uses_crlf(document_text):
        block = block.replace("\n", "\r\n")
        newline = "\r\n"
    else:
        newline = "\n"
    if removed:
        result = _replace(document_text, lines, removed, block, newline)
    else:
        result = _append(document_text, block, newline)
    _self_check(original, result, name, block, shown)
    return result


def _render(name: str, tables: object) -> str:
    # `tables` is typed loosely on purpose: callers are other packages, and a str (which is a
    # Sequence) or a list of non-mappings must be a TomlError rather than a wrong document.
    shown = format_key(name)
    if isinstance(tables, (str, bytes)) or not isinstance(tables, Sequence):
        raise TomlError(
            f"{shown}: the tables must be a sequence of mappings, not {type(tables).__name__}",
            key_path=shown,
        )
    items: list[object] = list(tables)
    for index, table in enumerate(items):
        if not isinstance(table, Mapping):
            where = f"{shown}[{index}]"
            raise TomlError(
                f"{where}: an array of tables holds mappings, not {type(table).__name__}",
                key_path=where,
            )
    return dumps({name: items}) if items else ""


def _header_path(text: str, line: Line) -> tuple[tuple[str, ...], bool]:
    """The key path of a header line and whether it is `[[...]]`, as tomllib reads it."""
    # Parsing the header line on its own decodes quoted keys, escapes and dotted keys with
    # spaces exactly as tomllib does: `[a."b c"]` gives {"a": {"b c": {}}}.
    node: Any = loads(text[line.start : line.end])
    path: list[str] = []
    while True:
        ((key, node),) = node.items()
        path.append(key)
        if isinstance(node, list):
            return tuple(path), True
        if not node:
            return tuple(path), False


def _removed_lines(text: str, lines: tuple[Line, ...], name: str) -> frozenset[int]:
    headers = [i for i, line in enumerate(lines) if line.kind is LineKind.HEADER]
    paths = {i: _header_path(text, lines[i]) for i in headers}
    if (name,) not in {path for path, is_array in paths.values() if is_array}:
        return frozenset()
    targets = {i for i in headers if paths[i][0][0] == name}
    removed: set[int] = set()
    for position_in_headers, i in enumerate(headers):
        if i not in targets:
            continue
        above = i - 1
        while above >= 0 and lines[above].kind in _AROUND:
            # Comment and blank lines right above a header describe it: they go with it.
            removed.add(above)
            above -= 1
        later = headers[position_in_headers + 1 :]
        stop = later[0] if later else len(lines)
        if later and stop not in targets:
            # ...so the ones right above the next, kept header stay with that header.
            while stop - 1 > i and lines[stop - 1].kind in _AROUND:
                stop -= 1
        removed.update(range(i, stop))
    return frozenset(removed)


def _refuse(text: str, lines: tuple[Line, ...], name: str) -> NoReturn:
    """Raise the TomlError for a `name` defined other than by `[[name]]` headers."""
    shown = format_key(name)
    in_root = True
    for index, line in enumerate(lines):
        if line.kind is LineKind.HEADER:
            in_root = False
            path, is_array = _header_path(text, line)
            if path[0] == name:
                header = ".".join(format_key(part) for part in path)
                header = f"[[{header}]]" if is_array else f"[{header}]"
                raise _cannot_splice(
                    text,
                    line,
                    f"{shown} is a table here (opened by {header}), not an array of "
                    f"[[{shown}]] tables, so it cannot be spliced",
                )
        elif line.kind is LineKind.STATEMENT and in_root:
            end = index + 1
            while end < len(lines) and lines[end].kind is LineKind.CONTINUATION:
                end += 1
            if name in loads(text[line.start : lines[end - 1].end]):
                raise _cannot_splice(
                    text,
                    line,
                    f"{shown} is set by a key/value line here, not by [[{shown}]] headers, "
                    "so it cannot be spliced",
                )
    raise TomlError(f"{shown} is not written as [[{shown}]] tables, so it cannot be spliced")


def _cannot_splice(text: str, line: Line, message: str) -> TomlError:
    content = text[line.start : line.end]
    start = line.start + len(content) - len(content.lstrip(" \t"))
    row, column = position(text, start)
    return TomlError(message, line=row, column=column)


def _replace(
    text: str, lines: tuple[Line, ...], removed: frozenset[int], block: str, newline: str
) -> str:
    first = min(removed)
    before = text[: lines[first].start]
    after = "".join(
        text[line.start : line.end]
        for index, line in enumerate(lines)
        if index > first and index not in removed
    )
    if block:
        if before and not _ends_with_blank_line(before):
            block = newline + block
        if after and not _starts_with_blank_line(after):
            block += newline
    elif not before:
        # The removed tables opened the document: the blank lines that separated them from
        # what follows would now open it instead.
        while after and _starts_with_blank_line(after) and "\n" in after:
            after = after.partition("\n")[2]
    return before + block + after


def _append(text: str, block: str, newline: str) -> str:
    if not block or not text:
        return text + block
    if not text.endswith("\n"):
        text += newline
    if not _ends_with_blank_line(text):
        text += newline
    return text + block


def _ends_with_blank_line(text: str) -> bool:
    if not text.endswith("\n"):
        return False
    last = text[:-1].rpartition("\n")[2]
    return not last.strip(" \t\r")


def _starts_with_blank_line(text: str) -> bool:
    return not text.partition("\n")[0].strip(" \t\r")


def _uses_crlf(text: str) -> bool:
    newline = text.find("\n")
    return newline > 0 and text[newline - 1] == "\r"


def _self_check(original: dict[str, Any], result: str, name: str, block: str, shown: str) -> None:
    # A guard against a scanner bug corrupting someone's file: it should never fire.
    problem = f"internal error: splicing [[{shown}]] would change the document wrongly"
    try:
        spliced = loads(result)
        expected = loads(block).get(name) if block else None
    except TomlError as exc:
        raise TomlError(f"{problem} ({exc.message})") from None
    others = {key: value for key, value in spliced.items() if key != name}
    kept = {key: value for key, value in original.items() if key != name}
    if not _same(others, kept) or not _same(spliced.get(name), expected):
        raise TomlError(problem)


def _same(left: Any, right: Any) -> bool:
    """Equality of parsed TOML values in which NaN equals NaN and types must match."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)
