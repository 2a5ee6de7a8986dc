"""A line scanner that tells table headers from everything else in TOML text.

Hand-written because no library this package may use (tomllib / tomli, tomli-w) reports where
things are: they give values, not positions, and they drop comments. tomlkit would preserve the
bytes, but DESIGN.md section 2 limits mochi-py-toml to tomli and tomli-w. The scanner is kept
small on purpose: it is run on text tomllib has already accepted, so it only needs to know
enough lexical structure to decide, for each physical line, whether the line starts at
statement level (not inside a multi-line string, array or inline table) and what it starts
with. It never raises, whatever the text, because it also locates the nesting that made the
parser give up (see `nesting_peak`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

_ML_BASIC = '"""'
_ML_LITERAL = "'''"
# TOML's whitespace is space and tab; "\r" only ever comes before "\n" in valid text.
_BLANK = " \t\r\n"


class LineKind(enum.Enum):
    BLANK = "blank"  # only whitespace, at statement level
    COMMENT = "comment"  # only whitespace and a comment, at statement level
    HEADER = "header"  # a [table] or [[array-of-tables]] header
    STATEMENT = "statement"  # a key/value pair starts here
    CONTINUATION = "continuation"  # inside a multi-line string, array or inline table


@dataclass(frozen=True)
class Line:
    """One physical line: `text[start:end]`, its `\\n` (if any) included."""

    start: int
    end: int
    kind: LineKind


@dataclass(frozen=True)
class _State:
    """Where a line ends: inside which multi-line string, and how deep in brackets."""

    string: str | None = None
    depth: int = 0
    peak: int = 0
    peak_at: int = 0


def scan_lines(text: str) -> tuple[Line, ...]:
    """Every physical line of `text`, classified. Empty text has no lines."""
    lines = []
    state = _State()
    start = 0
    while start < len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline + 1
        lines.append(Line(start, end, _classify(text[start:end], state)))
        state = _advance(text, start, end, state)
        start = end
    return tuple(lines)


def nesting_peak(text: str) -> int:
    """Index of the bracket that opens the deepest array / inline table nesting in `text`."""
    state = _State()
    start = 0
    while start < len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline + 1
        state = _advance(text, start, end, state)
        start = end
    return state.peak_at


def _classify(line: str, state: _State) -> LineKind:
    if state.string is not None or state.depth > 0:
        return LineKind.CONTINUATION
    stripped = line.strip(_BLANK)
    if not stripped:
        return LineKind.BLANK
    if stripped.startswith("#"):
        return LineKind.COMMENT
    if stripped.startswith("["):
        # At statement level a "[" can only open a header: a value always starts on the
        # line of its "=", and array values are then tracked by `depth`.
        return LineKind.HEADER
    return LineKind.STATEMENT


def _advance(text: str, pos: int, end: int, state: _State) -> _State:
    """The state after scanning `text[pos:end]` (one line) from `state`."""
    string, depth, peak, peak_at = state.string, state.depth, state.peak, state.peak_at
    while pos < end:
        if string == _ML_BASIC:
            char = text[pos]
            if char == "\\":
                pos += 2
            elif text.startswith(_ML_BASIC, pos):
                # Up to two quotes may stand right before the closing delimiter.
                pos = _skip_run(text, pos, '"')
                string = None
            else:
                pos += 1
            continue
        if string == _ML_LITERAL:
            if text.startswith(_ML_LITERAL, pos):
                pos = _skip_run(text, pos, "'")
                string = None
            else:
                pos += 1
            continue
        char = text[pos]
        if char == "#":
            break
        if char == '"':
            if text.startswith(_ML_BASIC, pos):
                string = _ML_BASIC
                pos += 3
            else:
                pos = _skip_basic(text, pos + 1, end)
            continue
        if char == "'":
            if text.startswith(_ML_LITERAL, pos):
                string = _ML_LITERAL
                pos += 3
            else:
                closing = text.find("'", pos + 1, end)
                pos = end if closing < 0 else closing + 1
            continue
        if char in "[{":
            depth += 1
            if depth > peak:
                peak, peak_at = depth, pos
        elif char in "]}":
            # Clamped so that stray closers in invalid text cannot hide later nesting.
            depth = max(depth - 1, 0)
        pos += 1
    return _State(string, depth, peak, peak_at)


def _skip_basic(text: str, pos: int, end: int) -> int:
    """Index just past the `"` closing a one-line basic string whose body starts at `pos`."""
    while pos < end:
        char = text[pos]
        if char == "\\":
            pos += 2
        elif char == '"':
            return pos + 1
        elif char == "\n":
            return pos
        else:
            pos += 1
    return end


def _skip_run(text: str, pos: int, quote: str) -> int:
    while pos < len(text) and text[pos] == quote:
        pos += 1
    return pos


def first_surrogate(text: str) -> int:
    """The index of the first lone surrogate in `text`, or -1. Most text is ASCII, answered
    at once; other text is encoded, which stops at the first one (a regex scan took 4% of
    `tomllib.loads`'s time on a 1.4 MB lock). `loads` checks the document, `dumps` each
    string and key."""
    if text.isascii():
        return -1
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # surrogates are the only str UTF-8 cannot encode
        return exc.start
    return -1
