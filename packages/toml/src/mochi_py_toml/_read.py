"""Parsing: tomllib (tomli on Python 3.10) behind one error type with a position."""

from __future__ import annotations

import os
import re
import sys
from typing import Any

from mochi_py_toml._errors import TomlError, position
from mochi_py_toml._scan import first_surrogate, nesting_peak

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised by the Python 3.10 gate
    import tomli as tomllib

# tomllib on 3.11-3.13 (and tomli before 2.1) put the position only into the message text;
# newer parsers also set `lineno`/`colno`. Reading the text works for every version, and the
# attributes are preferred where they exist.
_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\Z")
_AT_END = re.compile(r"\s*\(at end of document\)\Z")


def loads(text: str, *, path: str | None = None) -> dict[str, Any]:
    """Parse TOML 1.0 `text`; `path` only labels errors. Raises TomlError on bad input."""
    if not isinstance(text, str):
        raise TypeError(f"loads() takes str, not {type(text).__name__}")
    surrogate = first_surrogate(text)
    if surrogate >= 0:
        # A lone surrogate cannot be encoded as UTF-8, so no TOML file can hold it.
        line, column = position(text, surrogate)
        raise TomlError(
            f"lone surrogate U+{ord(text[surrogate]):04X} cannot be TOML text",
            path=path,
            line=line,
            column=column,
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _from_decode_error(exc, text, path) from None
    except RecursionError:
        # Deeply nested arrays / inline tables exhaust the parser's recursion; report where
        # the nesting peaks instead of letting a RecursionError escape.
        line, column = position(text, nesting_peak(text))
        raise TomlError(
            "arrays or inline tables nested too deeply", path=path, line=line, column=column
        ) from None
    except ValueError as exc:
        # Older tomli releases let a few value errors (impossible dates) escape untyped.
        raise TomlError(str(exc), path=path) from None


def load(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and parse the TOML file at `path` (UTF-8, no BOM). OSError propagates as is."""
    name = os.fspath(path)
    with open(name, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line, column = position(good, len(good))
        raise TomlError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            path=name,
            line=line,
            column=column,
        ) from None
    return loads(text, path=name)


def _from_decode_error(exc: Exception, text: str, path: str | None) -> TomlError:
    message = str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    at_line = _AT_LINE.search(message)
    at_end = _AT_END.search(message)
    if at_line is not None:
        message = message[: at_line.start()]
        if not (isinstance(line, int) and isinstance(column, int)):
            line, column = int(at_line.group(1)), int(at_line.group(2))
    elif at_end is not None:
        message = message[: at_end.start()]
        if not (isinstance(line, int) and isinstance(column, int)):
            line, column = position(text, len(text))
    if not (isinstance(line, int) and isinstance(column, int)):
        line = column = None
    return TomlError(message, path=path, line=line, column=column)
