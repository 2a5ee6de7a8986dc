"""Reading and (atomically) writing the `[[python-package]]` tables of a mochi.lock file."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile

import mochi_py_toml
from mochi_py_lockfile._errors import LockfileError, LockfileFormatError
from mochi_py_lockfile._parse import parse_toml
from mochi_py_lockfile._positions import Positions
from mochi_py_lockfile._render import entry_table, render_toml
from mochi_py_lockfile._schema import Manifest, check_schema_version
from mochi_py_lockfile._vocab import SCHEMA_VERSION, TABLE

__all__ = ["read_lock", "write_lock"]

_COMMENT = re.compile(r"[ \t]*#")
# Mode for a lock written from scratch (reference §2.1); an existing file keeps its own.
_NEW_FILE_MODE = 0o644


def read_lock(path: str | os.PathLike[str]) -> Manifest:
    """The Manifest in the lock file at `path` (see `parse_toml` for the errors).

    OSError (missing file, permissions) propagates unchanged; undecodable bytes raise
    LockfileFormatError.
    """
    name = os.fspath(path)
    return parse_toml(_read_text(name), path=name)


def write_lock(path: str | os.PathLike[str], manifest: Manifest) -> None:
    """Write `manifest` into the lock file at `path`, atomically.

    No file: write `render_toml(manifest)`. A file that is exactly what `render_toml` writes
    (a standalone lock): re-render it, keeping the upstream layout. Any other file: replace
    only its `[[python-package]]` tables (via mochi_py_toml.replace_array_of_tables), leaving
    every other byte as it was; a missing top-level `schema-version` is added after the
    leading comment block, a different one is refused with SchemaVersionError. The new bytes
    go to a temporary file in the same directory, are fsynced, then renamed over `path`: on
    any failure the old file is untouched and the temporary file is removed.

    In a spliced file the tables are written by mochi-py-toml's writer, which puts
    table-valued extra keys after the plain ones (TOML needs sub-tables last); every value
    survives, only that order can change.
    """
    name = os.fspath(path)
    try:
        existing: str | None = _read_text(name)
    except FileNotFoundError:
        existing = None
    text = render_toml(manifest) if existing is None else _splice(existing, manifest, name)
    _atomic_write(name, text.encode("utf-8"))


def _read_text(name: str) -> str:
    with open(name, "rb") as fh:
        data = fh.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LockfileFormatError(
            f"not UTF-8 (byte {exc.start}); save the file as UTF-8", path=name, line=line
        ) from exc


def _splice(existing: str, manifest: Manifest, name: str) -> str:
    try:
        document = mochi_py_toml.loads(existing, path=name)
    except mochi_py_toml.TomlError as exc:
        raise LockfileFormatError(
            f"not valid TOML: {exc.message}; fix the file before writing the lock",
            path=name,
            line=exc.line,
            column=exc.column,
        ) from exc
    if "schema-version" in document:
        try:
            check_schema_version(document["schema-version"])
        except LockfileError as exc:
            found = Positions(existing).top_key("schema-version")
            exc.add_context(path=name, line=found[0] if found else None)
            exc.message += "; refusing to overwrite it"
            raise
        with contextlib.suppress(LockfileError):
            if render_toml(parse_toml(existing)) == existing:
                # Our own standalone layout: re-render so the file keeps upstream's bytes.
                return render_toml(manifest)
    else:
        existing = _insert_schema_version(existing)
    tables = [entry_table(entry) for entry in manifest.entries]
    try:
        return mochi_py_toml.replace_array_of_tables(existing, TABLE, tables)
    except mochi_py_toml.TomlError as exc:
        raise LockfileFormatError(
            f"cannot replace the [[{TABLE}]] tables: {exc.message}",
            path=name,
            line=exc.line,
            column=exc.column,
            key=TABLE,
        ) from exc


def _insert_schema_version(text: str) -> str:
    """`text` with `schema-version = 1` after its leading comment block.

    The block is the run of comment and blank lines at the top; the key goes right after its
    last comment line (blank lines that follow stay below it), or first when there is none.
    Lines are split on `\\n` only, as TOML counts them (`str.splitlines` would also split
    inside a comment at U+2028 and the like); a CRLF file gets a CRLF line.
    """
    pieces = text.split("\n")
    newline = "\r\n" if len(pieces) > 1 and pieces[0].endswith("\r") else "\n"
    line = f"schema-version = {SCHEMA_VERSION}{newline}"
    block = 0
    for index, piece in enumerate(pieces):
        if _COMMENT.match(piece):
            block = index + 1
        elif piece.strip(" \t\r"):
            break
    if block == 0:
        return line + text
    return "\n".join(pieces[:block]) + "\n" + line + "\n".join(pieces[block:])


def _atomic_write(name: str, data: bytes) -> None:
    directory = os.path.dirname(os.path.abspath(name))
    try:
        mode = stat.S_IMODE(os.stat(name).st_mode)
    except FileNotFoundError:
        mode = _NEW_FILE_MODE
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(name)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, mode)
        os.replace(temp, name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: str) -> None:
    # Makes the rename itself durable; not possible on every platform (Windows cannot open a
    # directory), and the file is already complete and in place, so failure here is ignored.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
