"""Source text in, `ast` tree out: size limit, decoding, and every parse failure typed.

`ast.parse` is the only parser; this module exists so that no input text can make it (or the
decoding before it) raise anything but StubSyntaxError / StubTooLargeError. Hostile input
reaches several distinct failure modes of CPython: SyntaxError, ValueError (null bytes on
3.10, surrogates in a str), RecursionError and MemoryError ("too complex to parse").
"""

from __future__ import annotations

import ast
import codecs
import io
import tokenize
import warnings

from mochi_py_stubs._errors import StubSyntaxError, StubTooLargeError

DEFAULT_MAX_BYTES = 8 * 1024 * 1024

_BOM = "\ufeff"


def check_size(size: int, path: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise StubTooLargeError(path, size, max_bytes)


def _position(data: str | bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in `data` (column in the units of `data`)."""
    if isinstance(data, bytes):
        line, start = data.count(b"\n", 0, offset), data.rfind(b"\n", 0, offset)
    else:
        line, start = data.count("\n", 0, offset), data.rfind("\n", 0, offset)
    return line + 1, offset - start


def decode(source: str | bytes, path: str, max_bytes: int) -> str:
    """The source as text: size-checked, no null bytes, PEP 263 / BOM decoded."""
    if isinstance(source, str):
        # A str cannot be longer in bytes than 4 per character, nor shorter than 1; only
        # measure exactly in between, so a 10 MB text is refused without encoding it.
        if len(source) > max_bytes:
            raise StubTooLargeError(path, len(source), max_bytes)
        if len(source) * 4 > max_bytes:
            check_size(len(source.encode("utf-8", "surrogatepass")), path, max_bytes)
        text = source[1:] if source.startswith(_BOM) else source
    else:
        check_size(len(source), path, max_bytes)
        text = _decode_bytes(source, path)
    # Again on the text: a codec named by a cookie (unicode_escape) can produce a null.
    nul = text.find("\0")
    if nul >= 0:
        line, column = _position(text, nul)
        raise StubSyntaxError(path, line, column, "source contains a null byte")
    return text


def _decode_bytes(data: bytes, path: str) -> str:
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _position(data, nul)
        raise StubSyntaxError(path, line, column, "source contains a null byte")
    # Fast path for the usual file: no BOM and no coding cookie in the first two lines.
    second_newline = data.find(b"\n", data.find(b"\n") + 1)
    head = data if second_newline < 0 else data[:second_newline]
    if not data.startswith(codecs.BOM_UTF8) and b"coding" not in head:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, column = _position(data, exc.start)
            raise StubSyntaxError(
                path, line, column, f"source is not valid utf-8: {exc.reason}"
            ) from None
    try:
        # The stdlib's own PEP 263 reader: BOM, `# -*- coding: ... -*-` on line 1 or 2.
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise StubSyntaxError(path, 1, 1, str(exc.msg)) from None
    try:
        if encoding == "utf-8-sig":
            encoding = "utf-8"
            data = data[3:] if data.startswith(codecs.BOM_UTF8) else data
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise StubSyntaxError(
            path, line, column, f"source is not valid {encoding}: {exc.reason}"
        ) from None
    except LookupError as exc:  # a cookie naming a codec that is not a text encoding
        raise StubSyntaxError(path, 1, 1, f"unusable encoding {encoding!r}: {exc}") from None


def parse(text: str, path: str, mode: str = "exec") -> ast.AST:
    """`ast.parse`, with every failure turned into StubSyntaxError."""
    try:
        # The compiler warns about things like invalid escapes ('\d') in perfectly readable
        # source; under `-W error` such a warning would even become a SyntaxError. Neither
        # has anything to do with the surface, so warnings are off while parsing.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=path, mode=mode)
    except SyntaxError as exc:  # includes IndentationError / TabError
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else 0
        column = exc.offset if isinstance(exc.offset, int) and exc.offset > 0 else 0
        raise StubSyntaxError(path, line, column, str(exc.msg)) from None
    except UnicodeEncodeError as exc:  # lone surrogates in a str
        line, column = _position(text, exc.start)
        raise StubSyntaxError(path, line, column, f"invalid character: {exc.reason}") from None
    except RecursionError:
        raise StubSyntaxError(path, 0, 0, "source is nested too deeply to parse") from None
    except MemoryError:
        # CPython reports "parser stack overflowed" for deep nesting as MemoryError.
        raise StubSyntaxError(path, 0, 0, "source is too complex to parse") from None
    except ValueError as exc:  # e.g. integer literals over the int max-str-digits limit
        raise StubSyntaxError(path, 0, 0, str(exc)) from None


_SEGMENT_LIMIT = 200


class SourceText:
    """A parsed module's text, to quote an expression exactly as written (for messages).

    Quoting the source rather than `ast.unparse` keeps messages identical on every Python
    version (3.10 unparses `lambda: 1` as `lambda : 1`). The lines are split only when a
    quote is first needed, which in ordinary stubs is never.
    """

    __slots__ = ("_lines", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: list[str] | None = None

    def segment(self, node: ast.AST) -> str:
        """The node's source on one line, whitespace runs collapsed, at most 200 characters."""
        lines = self._lines
        if lines is None:
            # The line breaks of the tokenizer: \r\n, \r and \n (not \f or \v).
            lines = self._lines = self._text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        first = getattr(node, "lineno", None)
        last = getattr(node, "end_lineno", None)
        start = getattr(node, "col_offset", None)
        end = getattr(node, "end_col_offset", None)
        if first is None or last is None or start is None or end is None:
            return "<expression>"
        # Column offsets count UTF-8 bytes.
        if first == last:
            text = _utf8_slice(lines[first - 1], start, end)
        else:
            pieces = [_utf8_slice(lines[first - 1], start, None)]
            pieces.extend(lines[first : min(last - 1, first + _SEGMENT_LIMIT)])
            pieces.append(_utf8_slice(lines[last - 1], 0, end))
            text = " ".join(pieces)
        text = " ".join(text[: _SEGMENT_LIMIT * 4].split())
        if len(text) > _SEGMENT_LIMIT:
            return text[: _SEGMENT_LIMIT - 3] + "..."
        return text


def _utf8_slice(line: str, start: int, end: int | None) -> str:
    if line.isascii():
        return line[start:end]
    return line.encode("utf-8", "surrogatepass")[start:end].decode("utf-8", "replace")
