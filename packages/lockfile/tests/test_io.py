"""read_lock / write_lock: new files, splicing into a larger mochi.lock, atomicity."""

from __future__ import annotations

import dataclasses
import os
import pathlib
import stat

import pytest

from mochi_py_lockfile import (
    Entry,
    LockfileFormatError,
    Manifest,
    SchemaVersionError,
    Source,
    read_lock,
    render_toml,
    write_lock,
)

MANIFEST = Manifest(
    entries=(
        Entry("httpx", "httpx", Source.REGISTRY, version="0.27.2", specifier="==0.27.2"),
        Entry("util", "u", Source.PATH, local_path="../util", capabilities=("dataclass",)),
    )
)
OTHER_TABLES_HEAD = """# mochi.lock: workspace lock (MEP-57).
# Hand comments stay.
schema-version = 1

[workspace]
members = ["app", "lib"]  # trailing comment

[[go-package]]
name = "x"
"""
OTHER_TABLES_TAIL = """
# Tail comment, after the python tables.
[[npm-package]]
name = 'left-pad'   # literal string, odd spacing
"""
OLD_PYTHON = """
[[python-package]]
name = "old"
alias = "old"
source = "registry"
"""


def _files(directory: pathlib.Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_write_lock_new_file_is_render_toml(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mochi.lock"
    write_lock(path, MANIFEST)
    assert path.read_bytes() == render_toml(MANIFEST).encode("utf-8")
    assert read_lock(path) == MANIFEST
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert _files(tmp_path) == ["mochi.lock"]


def test_write_lock_accepts_str_paths(tmp_path: pathlib.Path) -> None:
    path = str(tmp_path / "mochi.lock")
    write_lock(path, MANIFEST)
    assert read_lock(path) == MANIFEST


def test_write_lock_rewrites_its_own_layout_byte_for_byte(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mochi.lock"
    write_lock(path, Manifest(entries=MANIFEST.entries[:1]))
    write_lock(path, MANIFEST)
    assert path.read_text(encoding="utf-8") == render_toml(MANIFEST)


def test_write_lock_splice_keeps_other_tables_and_comments(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mochi.lock"
    path.write_bytes((OTHER_TABLES_HEAD + OLD_PYTHON + OTHER_TABLES_TAIL).encode())
    write_lock(path, MANIFEST)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(OTHER_TABLES_HEAD)
    assert text.endswith(OTHER_TABLES_TAIL)
    assert '"old"' not in text
    assert read_lock(path) == MANIFEST
    # Writing the same manifest again changes nothing.
    before = path.read_bytes()
    write_lock(path, MANIFEST)
    assert path.read_bytes() == before


def test_write_lock_splice_appends_when_there_were_no_python_tables(
    tmp_path: pathlib.Path,
) -> None:
    path = tmp_path / "mochi.lock"
    original = OTHER_TABLES_HEAD + OTHER_TABLES_TAIL
    path.write_text(original, encoding="utf-8")
    write_lock(path, MANIFEST)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)
    assert read_lock(path) == MANIFEST


def test_write_lock_inserts_schema_version_after_leading_comments(
    tmp_path: pathlib.Path,
) -> None:
    path = tmp_path / "mochi.lock"
    path.write_text("# one\n# two\n\n[workspace]\nmembers = []\n", encoding="utf-8")
    write_lock(path, MANIFEST)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# one\n# two\nschema-version = 1\n\n[workspace]\nmembers = []\n")
    assert read_lock(path) == MANIFEST


@pytest.mark.parametrize(
    ("original", "head"),
    [
        ("[workspace]\nx = 1\n", "schema-version = 1\n[workspace]\nx = 1\n"),
        ("", "schema-version = 1\n"),
        ("# only a comment", "# only a comment\nschema-version = 1\n"),
        ("\n# after a blank\nx = 1\n", "\n# after a blank\nschema-version = 1\nx = 1\n"),
        ("# c\u2028still the comment\nx = 1\n", "# c\u2028still the comment\nschema-version = 1\n"),
        ("# crlf\r\nx = 1\r\n", "# crlf\r\nschema-version = 1\r\nx = 1\r\n"),
    ],
)
def test_write_lock_schema_version_insertion_cases(
    tmp_path: pathlib.Path, original: str, head: str
) -> None:
    path = tmp_path / "mochi.lock"
    path.write_bytes(original.encode("utf-8"))
    write_lock(path, MANIFEST)
    text = path.read_bytes().decode("utf-8")
    assert text.startswith(head)
    assert read_lock(path) == MANIFEST


@pytest.mark.parametrize("value", ["2", '"1"', "true"])
def test_write_lock_refuses_a_different_schema_version(tmp_path: pathlib.Path, value: str) -> None:
    path = tmp_path / "mochi.lock"
    original = f"# keep\nschema-version = {value}\n[workspace]\n".encode()
    path.write_bytes(original)
    with pytest.raises(SchemaVersionError) as info:
        write_lock(path, MANIFEST)
    assert (info.value.path, info.value.line, info.value.key) == (str(path), 2, "schema-version")
    assert "refusing to overwrite" in info.value.message
    assert path.read_bytes() == original
    assert _files(tmp_path) == ["mochi.lock"]


def test_write_lock_refuses_invalid_toml(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mochi.lock"
    original = b"schema-version = 1\n[broken\n"
    path.write_bytes(original)
    with pytest.raises(LockfileFormatError) as info:
        write_lock(path, MANIFEST)
    assert (info.value.path, info.value.line) == (str(path), 2)
    assert path.read_bytes() == original


def test_write_lock_refuses_python_package_defined_another_way(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mochi.lock"
    original = b'schema-version = 1\n[python-package]\nname = "x"\n'
    path.write_bytes(original)
    with pytest.raises(LockfileFormatError) as info:
        write_lock(path, MANIFEST)
    assert info.value.key == "python-package"
    assert path.read_bytes() == original


def test_write_lock_keeps_the_existing_file_mode(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mochi.lock"
    path.write_text(OTHER_TABLES_HEAD, encoding="utf-8")
    path.chmod(0o600)
    write_lock(path, MANIFEST)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_write_lock_failure_leaves_old_bytes_and_no_temp_file(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "mochi.lock"
    original = (OTHER_TABLES_HEAD + OLD_PYTHON).encode()
    path.write_bytes(original)

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class HalfWritten:
            """A file object that writes a few bytes, then fails like a full disk."""

            def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
                self._fh = real_fdopen(fd, "wb")

            def __enter__(self) -> HalfWritten:
                return self

            def __exit__(self, *exc: object) -> None:
                self._fh.close()

            def write(self, data: bytes) -> int:
                self._fh.write(data[:10])
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fdopen", HalfWritten)
    else:
        monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="No space left"):
        write_lock(path, MANIFEST)
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert _files(tmp_path) == ["mochi.lock"]


def test_write_lock_failure_on_a_new_file_leaves_nothing(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_lock(tmp_path / "mochi.lock", MANIFEST)
    monkeypatch.undo()
    assert _files(tmp_path) == []


def test_read_lock_names_the_file_in_errors(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bad.lock"
    path.write_text('schema-version = 1\n[[python-package]]\nname = "a"\n', encoding="utf-8")
    with pytest.raises(LockfileFormatError) as info:
        read_lock(path)
    assert (info.value.path, info.value.entry, info.value.key) == (str(path), 0, "alias")
    assert str(info.value).startswith(f"{path}:2:1: python-package[0].alias: ")


def test_read_lock_rejects_non_utf8(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "latin1.lock"
    path.write_bytes(b"schema-version = 1\n# caf\xe9\n")
    with pytest.raises(LockfileFormatError) as info:
        read_lock(path)
    assert (info.value.path, info.value.line) == (str(path), 2)
    assert "UTF-8" in info.value.message


def test_read_lock_missing_file_is_an_oserror(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_lock(tmp_path / "absent.lock")


def test_spliced_file_is_readable_with_extras(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "mochi.lock"
    path.write_text(OTHER_TABLES_HEAD, encoding="utf-8")
    manifest = Manifest(
        entries=(
            Entry(
                "a",
                "a",
                Source.GIT,
                git_url="https://g/r",
                extra=(("attestation", '{ kind = "slsa", level = 3 }'), ("n", "1")),
            ),
        )
    )
    write_lock(path, manifest)
    (entry,) = read_lock(path).entries
    # The splice's TOML writer puts table values after plain ones; the values all survive.
    assert dataclasses.replace(entry, extra=()) == dataclasses.replace(
        manifest.entries[0], extra=()
    )
    assert entry.extra_values() == {"attestation": {"kind": "slsa", "level": 3}, "n": 1}
    assert [key for key, _ in entry.extra] == ["n", "attestation"]
