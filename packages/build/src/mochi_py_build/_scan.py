"""Find `import python "<spec>" as <alias>` statements in Mochi source.

This is a small lexer, not the Mochi parser: it knows just enough of Mochi's lexical rules
(the front end's lexer in mochilang/mochi `parser/`) to never mistake a comment or a string
literal for an import. Comments are `// ...`, `# ...` and non-nesting `/* ... */`; string
literals are double-quoted with Go `strconv` escapes (the Mochi lexer documents its escape set
as Go's): `\\a \\b \\f \\n \\r \\t \\v \\\\ \\"`, `\\xHH` and `\\ooo` bytes, `\\uXXXX` and
`\\UXXXXXXXX` code points. `;` counts as whitespace, as in Mochi. Columns count characters
(not bytes), 1-based; a leading byte-order mark is skipped.

Only the spec string of an import is decoded (and must be valid); other strings are merely
skipped over, so an odd escape elsewhere in the file is left for the Mochi compiler to report.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mochi_py_build._alias import validate_alias
from mochi_py_build._errors import AliasError, ScanError

# Directories scan_project never enters: generated output and other ecosystems' trees.
_SKIPPED_DIRS = frozenset({"python_workspace", "node_modules"})

_SIMPLE_ESCAPES = {
    "a": 0x07,
    "b": 0x08,
    "f": 0x0C,
    "n": 0x0A,
    "r": 0x0D,
    "t": 0x09,
    "v": 0x0B,
    "\\": 0x5C,
    '"': 0x22,
}
_HEX = frozenset("0123456789abcdefABCDEF")
_OCTAL = frozenset("01234567")


@dataclass(frozen=True)
class ImportStatement:
    """One `import python "<spec>" as <alias>` found in a Mochi file.

    `line`/`column` locate the `import` keyword, `spec_line`/`spec_column` the opening quote
    of the spec string (both 1-based). `spec` is the decoded string, not yet parsed: call
    `parse_spec` and report its errors at the spec position plus the error's column.
    """

    path: str
    line: int
    column: int
    spec: str
    alias: str
    spec_line: int
    spec_column: int


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "string", "other"
    text: str  # the word, the raw string body between the quotes, or the character
    offset: int  # offset of the first character (the opening quote for strings)
    line: int
    column: int


class _Lexer:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.pos = 1 if text.startswith("\ufeff") else 0
        self.line = 1
        self.line_start = self.pos

    def error(self, offset: int, message: str) -> ScanError:
        line, column = self.position(offset)
        return ScanError(self.path, line, column, message)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of `offset` (any offset, not only the current one)."""
        text = self.text
        line = text.count("\n", 0, offset) + 1
        start = text.rfind("\n", 0, offset) + 1
        if start == 0 and text.startswith("\ufeff"):
            start = 1
        return line, offset - start + 1

    def _advance_to(self, new_pos: int) -> None:
        text = self.text
        newlines = text.count("\n", self.pos, new_pos)
        if newlines:
            self.line += newlines
            self.line_start = text.rfind("\n", self.pos, new_pos) + 1
        self.pos = new_pos

    def tokens(self) -> Iterator[_Token]:
        text = self.text
        size = len(text)
        while True:
            self._skip_trivia()
            if self.pos >= size:
                return
            start = self.pos
            char = text[start]
            line, column = self.line, start - self.line_start + 1
            if char == '"':
                end = self._string_end(start)
                yield _Token("string", text[start + 1 : end - 1], start, line, column)
                self._advance_to(end)
            elif _is_word_start(char):
                end = start + 1
                while end < size and _is_word_char(text[end]):
                    end += 1
                yield _Token("word", text[start:end], start, line, column)
                self.pos = end
            elif char.isdigit():
                # Numbers (1, 0x1F, 1.5e3): consumed whole so `1import` is not `import`.
                end = start + 1
                while end < size and (_is_word_char(text[end]) or text[end] == "."):
                    end += 1
                yield _Token("other", text[start:end], start, line, column)
                self.pos = end
            else:
                yield _Token("other", char, start, line, column)
                self.pos = start + 1

    def _skip_trivia(self) -> None:
        text = self.text
        size = len(text)
        while self.pos < size:
            char = text[self.pos]
            if char.isspace() or char == ";":
                self._advance_to(self.pos + 1)
            elif char == "#" or text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = size if end < 0 else end
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    raise self.error(self.pos, "unterminated block comment: add the closing '*/'")
                self._advance_to(end + 2)
            else:
                return

    def _string_end(self, start: int) -> int:
        """Offset just past the closing quote of the string opening at `start`."""
        text = self.text
        size = len(text)
        pos = start + 1
        while pos < size:
            char = text[pos]
            if char == '"':
                return pos + 1
            pos += 2 if char == "\\" else 1
        raise self.error(start, "unterminated string literal: add the closing '\"'")


def _is_word_start(char: str) -> bool:
    return char == "_" or char.isalpha() or unicodedata.category(char) == "So"


def _is_word_char(char: str) -> bool:
    return _is_word_start(char) or unicodedata.category(char)[0] == "N"


def _decode(lexer: _Lexer, token: _Token) -> str:
    """Decode the body of a Mochi string literal (Go strconv rules) or raise ScanError."""
    body = token.text
    base = token.offset + 1
    out = bytearray()
    i = 0
    size = len(body)
    while i < size:
        char = body[i]
        if char == "\n":
            raise lexer.error(
                base + i, "the import spec string contains a line break: keep it on one line"
            )
        if char != "\\":
            out += char.encode("utf-8", "surrogatepass")
            i += 1
            continue
        if i + 1 >= size:
            raise lexer.error(base + i, "a backslash ends the string: write \\\\ for a backslash")
        code = body[i + 1]
        if code in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[code])
            i += 2
        elif code == "x":
            digits = body[i + 2 : i + 4]
            if len(digits) != 2 or not set(digits) <= _HEX:
                raise lexer.error(base + i, "\\x needs two hex digits, e.g. \\x41")
            out.append(int(digits, 16))
            i += 4
        elif code in _OCTAL:
            digits = body[i + 1 : i + 4]
            if len(digits) != 3 or not set(digits) <= _OCTAL or int(digits, 8) > 0xFF:
                raise lexer.error(base + i, "an octal escape needs three digits up to \\377")
            out.append(int(digits, 8))
            i += 4
        elif code in "uU":
            width = 4 if code == "u" else 8
            digits = body[i + 2 : i + 2 + width]
            if len(digits) != width or not set(digits) <= _HEX:
                raise lexer.error(base + i, f"\\{code} needs {width} hex digits")
            value = int(digits, 16)
            if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
                raise lexer.error(base + i, f"\\{code}{digits} is not a Unicode scalar value")
            out += chr(value).encode("utf-8")
            i += 2 + width
        else:
            raise lexer.error(base + i, f"unknown escape \\{code} in the import spec string")
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        message = "the import spec string's byte escapes do not form valid UTF-8"
        raise lexer.error(token.offset, message) from None


def scan_imports(text: str, *, path: str = "<string>") -> tuple[ImportStatement, ...]:
    """Every `import python "<spec>" as <alias>` statement in `text`, in source order.

    Raises ScanError for an `import python` without a spec string, an unterminated string or
    block comment, a bad escape in the spec string, and a missing or invalid alias.
    """
    lexer = _Lexer(text, path)
    tokens = list(lexer.tokens())
    found: list[ImportStatement] = []
    for index, token in enumerate(tokens):
        if token.kind != "word" or token.text != "import":
            continue
        following = tokens[index + 1 : index + 5]
        if not following or following[0].kind != "word" or following[0].text != "python":
            continue
        python = following[0]
        if len(following) < 2 or following[1].kind != "string":
            raise lexer.error(
                python.offset + len(python.text),
                "expected the spec string after `import python`, "
                'e.g. import python "httpx" as httpx',
            )
        spec_token = following[1]
        spec = _decode(lexer, spec_token)
        spec_end = spec_token.offset + len(spec_token.text) + 2
        if len(following) < 3 or following[2].kind != "word" or following[2].text != "as":
            raise lexer.error(spec_end, "expected `as <alias>` after the spec string")
        as_token = following[2]
        if len(following) < 4 or following[3].kind != "word":
            raise lexer.error(as_token.offset + 2, "expected an alias name after `as`")
        alias_token = following[3]
        try:
            alias = validate_alias(alias_token.text)
        except AliasError as exc:
            message = f"invalid alias {alias_token.text!r}: {exc.message}"
            raise lexer.error(alias_token.offset, message) from None
        found.append(
            ImportStatement(
                path=path,
                line=token.line,
                column=token.column,
                spec=spec,
                alias=alias,
                spec_line=spec_token.line,
                spec_column=spec_token.column,
            )
        )
    return tuple(found)


def scan_project(root: str | os.PathLike[str]) -> tuple[ImportStatement, ...]:
    """Scan every `*.mochi` file under `root`, in sorted path order.

    Paths in the result are POSIX paths relative to `root`. Hidden directories and files
    (names starting with '.', which covers `.venv/`, `.git/` and editor lock files),
    `python_workspace/` and `node_modules/` are skipped; directory symlinks are not followed,
    so a link cannot make the scan loop or leave the project.
    """
    base = Path(root)
    if not base.is_dir():
        raise ScanError(os.fspath(root), 0, 0, "not a directory: pass the project directory")
    files: list[tuple[str, str]] = []
    for directory, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in _SKIPPED_DIRS]
        for filename in filenames:
            if filename.endswith(".mochi") and not filename.startswith("."):
                full = os.path.join(directory, filename)
                relative = PurePosixPath(Path(os.path.relpath(full, base))).as_posix()
                files.append((relative, full))
    files.sort()
    found: list[ImportStatement] = []
    for relative, full in files:
        found.extend(scan_imports(_read_source(relative, full), path=relative))
    return tuple(found)


def _read_source(relative: str, full: str) -> str:
    try:
        data = Path(full).read_bytes()
    except OSError as exc:
        raise ScanError(relative, 0, 0, f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        raise ScanError(
            relative, line, column, "the file is not valid UTF-8: save it as UTF-8"
        ) from exc
