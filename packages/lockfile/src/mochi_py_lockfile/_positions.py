"""Best-effort line/column lookup for errors about an already-parsed lock document.

mochi-py-toml returns plain values without source positions, so after a successful parse the
only way to point at a bad entry or key is to find its header or key line in the text. This is
a hint for the message, never a decision: every lookup answers None unless the match is
unambiguous (e.g. the number of `[[python-package]]` header lines equals the number of
entries), so odd documents (inline arrays of tables, headers inside multi-line strings) get
no line rather than a wrong one.
"""

from __future__ import annotations

import functools
import re

from mochi_py_lockfile._vocab import TABLE

__all__ = ["Positions"]

_NAME = rf"(?:{re.escape(TABLE)}|\"{re.escape(TABLE)}\"|'{re.escape(TABLE)}')"
_ENTRY_HEADER = re.compile(rf"^([ \t]*)\[\[[ \t]*{_NAME}[ \t]*\]\][ \t]*(?:#.*)?$")
_TABLE_MENTION = re.compile(rf"^([ \t]*)(?:\[\[?[ \t]*)?{_NAME}[ \t]*(?:\]|=)")
_ANY_HEADER = re.compile(r"^[ \t]*\[")

Position = tuple[int, int]


class Positions:
    """Line lookups over one document's text (lines split on `\\n` only, as TOML counts)."""

    def __init__(self, text: str) -> None:
        # Split on the first lookup, not here: a parse builds one for every document and
        # asks it nothing unless an entry is bad (splitting a 1.4 MB lock took 4 ms).
        self._text = text

    @functools.cached_property
    def _lines(self) -> list[str]:
        return self._text.split("\n")

    @functools.cached_property
    def _top_end(self) -> int:
        first_header = next(
            (i for i, line in enumerate(self._lines) if _ANY_HEADER.match(line)), None
        )
        return len(self._lines) if first_header is None else first_header

    def top_key(self, key: str) -> Position | None:
        """Where a top-level `key = ...` line is (before the first table header)."""
        return self._key_in(key, 0, self._top_end)

    def table(self) -> Position | None:
        """The one line that introduces `python-package`, if there is exactly one."""
        found = [i for i, line in enumerate(self._lines) if _TABLE_MENTION.match(line)]
        return self._position(found[0], _TABLE_MENTION) if len(found) == 1 else None

    def entry(self, index: int, count: int, key: str | None = None) -> Position | None:
        """Entry `index` of `count`: its `key` line when found, else its header line."""
        headers = [i for i, line in enumerate(self._lines) if _ENTRY_HEADER.match(line)]
        if len(headers) != count or not 0 <= index < count:
            return None
        start = headers[index]
        end = next(
            (i for i in range(start + 1, len(self._lines)) if _ANY_HEADER.match(self._lines[i])),
            len(self._lines),
        )
        if key is not None:
            found = self._key_in(key, start + 1, end)
            if found is not None:
                return found
        return self._position(start, _ENTRY_HEADER)

    def _key_in(self, key: str, start: int, end: int) -> Position | None:
        spelled = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
        pattern = re.compile(rf"^([ \t]*){spelled}[ \t]*=")
        found = [i for i in range(start, end) if pattern.match(self._lines[i])]
        return self._position(found[0], pattern) if len(found) == 1 else None

    def _position(self, index: int, pattern: re.Pattern[str]) -> Position:
        match = pattern.match(self._lines[index])
        indent = len(match.group(1)) if match else 0
        return index + 1, indent + 1
