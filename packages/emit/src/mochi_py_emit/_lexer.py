"""Tokens of the shim subset, read lazily so errors surface in file order.

Hand-written rather than a regex table: every rejection needs an exact line and column and
a reason (a hidden bidi control inside a comment, a carriage return, an unknown escape), and
the accepted alphabet is deliberately tiny (ASCII identifiers, a dozen punctuation marks,
double-quoted strings, `//` comments).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from mochi_py_emit._errors import ShimSyntaxError

IDENT = "ident"
STRING = "string"
PUNCT = "punct"
NEWLINE = "newline"
EOF = "eof"

PUNCTUATION = frozenset("(){}<>,:.|=?[]")

# Characters that can end a line for some reader, hide text (bidi overrides, zero-width
# marks) or are not characters at all: rejected everywhere, comments and strings included.
HIDDEN_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))

_STRING_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    line: int
    column: int

    def describe(self) -> str:
        if self.kind == NEWLINE:
            return "end of line"
        if self.kind == EOF:
            return "end of file"
        if self.kind == STRING:
            return "a string"
        return repr(self.text)


def _is_ident_start(ch: str) -> bool:
    return ch.isascii() and (ch.isalpha() or ch == "_")


def _is_ident_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def is_hidden(ch: str) -> bool:
    """A character that must never appear raw in a shim (tab is the one allowed control)."""
    return ch != "\t" and unicodedata.category(ch) in HIDDEN_CATEGORIES


def codepoint(ch: str) -> str:
    return f"U+{ord(ch):04X}"


class Lexer:
    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._line = 1
        self._column = 1

    def _error(
        self, message: str, line: int | None = None, column: int | None = None
    ) -> ShimSyntaxError:
        return ShimSyntaxError(
            self._line if line is None else line,
            self._column if column is None else column,
            message,
        )

    def _advance(self, count: int = 1) -> None:
        self._pos += count
        self._column += count

    def _check_visible(self, ch: str) -> None:
        if ch == "\r":
            raise self._error("carriage return (U+000D): shims use \\n line endings")
        if is_hidden(ch):
            raise self._error(
                f"control or format character {codepoint(ch)} (it could end a comment or hide text)"
            )

    def next_token(self) -> Token:
        text = self._text
        while self._pos < len(text):
            ch = text[self._pos]
            if ch in " \t":
                self._advance()
            elif text.startswith("//", self._pos):
                self._skip_comment()
            else:
                break
        line, column = self._line, self._column
        if self._pos >= len(text):
            return Token(EOF, "", line, column)
        ch = text[self._pos]
        if ch == "\n":
            self._pos += 1
            self._line += 1
            self._column = 1
            return Token(NEWLINE, "\n", line, column)
        if _is_ident_start(ch):
            end = self._pos + 1
            while end < len(text) and _is_ident_char(text[end]):
                end += 1
            word = text[self._pos : end]
            self._advance(end - self._pos)
            return Token(IDENT, word, line, column)
        if ch in PUNCTUATION:
            self._advance()
            return Token(PUNCT, ch, line, column)
        if ch == '"':
            return self._string()
        self._check_visible(ch)
        raise self._error(f"unexpected character {ch!r} ({codepoint(ch)})")

    def _skip_comment(self) -> None:
        text = self._text
        while self._pos < len(text) and text[self._pos] != "\n":
            self._check_visible(text[self._pos])
            self._advance()

    def _string(self) -> Token:
        text = self._text
        line, column = self._line, self._column
        self._advance()  # the opening quote
        out: list[str] = []
        while True:
            if self._pos >= len(text) or text[self._pos] == "\n":
                raise self._error("unterminated string", line, column)
            ch = text[self._pos]
            if ch == '"':
                self._advance()
                return Token(STRING, "".join(out), line, column)
            if ch == "\\":
                esc = text[self._pos + 1 : self._pos + 2]
                if esc not in _STRING_ESCAPES:
                    shown = repr(esc) if esc else "end of file"
                    raise self._error(f"unknown escape \\ followed by {shown} in a string")
                out.append(_STRING_ESCAPES[esc])
                self._advance(2)
                continue
            self._check_visible(ch)
            out.append(ch)
            self._advance()
