"""The one error type of mochi-py-toml."""

from __future__ import annotations

from typing import Any


class TomlError(ValueError):
    """Bad TOML input, or a value that TOML cannot hold.

    Structured fields: `message` (what is wrong, without the position), `path` (the file, when
    known), `line` and `column` (1-based, in characters, when known) and `key_path` (where in
    a document being written the bad value sits, e.g. ``python-package[1].name``).
    ``str(err)`` is ``<path>:<line>:<column>: <message>``, leaving out the parts that are None.
    """

    message: str
    path: str | None
    line: int | None
    column: int | None
    key_path: str | None

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key_path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.key_path = key_path

    def __str__(self) -> str:
        where = [str(part) for part in (self.path, self.line, self.column) if part is not None]
        if not where:
            return self.message
        return ":".join(where) + ": " + self.message

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{name}={value!r}"
            for name, value in (
                ("path", self.path),
                ("line", self.line),
                ("column", self.column),
                ("key_path", self.key_path),
            )
            if value is not None
        )
        return f"TomlError({self.message!r}{', ' if fields else ''}{fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        # The keyword-only fields would be lost by BaseException's default pickling, which
        # replays only `args`; multiprocessing and pytest-xdist pickle exceptions.
        return (_rebuild, (self.message, self.path, self.line, self.column, self.key_path))


def _rebuild(
    message: str,
    path: str | None,
    line: int | None,
    column: int | None,
    key_path: str | None,
) -> TomlError:
    return TomlError(message, path=path, line=line, column=column, key_path=key_path)


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of `text[index]`, counted the way tomllib counts them.

    Only `\\n` ends a line (TOML's rule), and the column counts characters, not bytes.
    """
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return line, column
