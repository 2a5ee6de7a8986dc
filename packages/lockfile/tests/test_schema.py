"""Source, Entry and Manifest: the value types and the invariants their constructors keep."""

from __future__ import annotations

import pytest

from mochi_py_lockfile import (
    CAPABILITIES,
    SCHEMA_VERSION,
    DuplicateEntryError,
    Entry,
    LockfileError,
    LockfileFormatError,
    Manifest,
    SchemaVersionError,
    Source,
    UnknownCapabilityError,
    UnknownSourceError,
)


def test_source_valid_admits_exactly_four_sources() -> None:
    assert [s.value for s in Source] == ["registry", "index", "git", "path"]
    for token in ("registry", "index", "git", "path"):
        assert Source.parse(token).value == token
        assert str(Source.parse(token)) == token
    for bad in ("", "madeup", "Registry", "REGISTRY", " git", "git ", "pypi", "url", None, 1):
        with pytest.raises(UnknownSourceError) as info:
            Source.parse(bad)
        assert info.value.token == bad
        assert info.value.key == "source"
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, LockfileError)


def test_manifest_sort_is_name_then_alias() -> None:
    given = [
        Entry("z", "a", Source.REGISTRY),
        Entry("a", "b", Source.REGISTRY),
        Entry("a", "a", Source.REGISTRY),
    ]
    snapshot = list(given)
    manifest = Manifest(entries=tuple(given))
    assert [e.key for e in manifest.entries] == ["a:a", "a:b", "z:a"]
    assert given == snapshot, "the caller's sequence must not be reordered"
    assert manifest.sorted() == manifest
    # Code point order: upper case before lower case, as upstream's byte sort.
    mixed = Manifest(entries=(Entry("b", "x", Source.GIT), Entry("B", "x", Source.GIT)))
    assert [e.name for e in mixed.entries] == ["B", "b"]


def test_manifest_accepts_any_iterable_and_stores_a_tuple() -> None:
    manifest = Manifest(entries=iter([Entry("a", "a", Source.PATH)]))  # type: ignore[arg-type]
    assert isinstance(manifest.entries, tuple)
    assert manifest.schema_version == SCHEMA_VERSION == 1


def test_manifest_rejects_duplicate_name_alias() -> None:
    with pytest.raises(DuplicateEntryError) as info:
        Manifest(entries=(Entry("a", "x", Source.REGISTRY), Entry("a", "x", Source.GIT)))
    assert (info.value.name, info.value.alias) == ("a", "x")
    assert isinstance(info.value, ValueError)


def test_same_distribution_under_two_aliases_is_two_entries() -> None:
    manifest = Manifest(entries=(Entry("a", "y", Source.GIT), Entry("a", "x", Source.GIT)))
    assert [e.key for e in manifest.entries] == ["a:x", "a:y"]


@pytest.mark.parametrize("version", [0, 2, 99, -1])
def test_manifest_rejects_unsupported_schema_version(version: int) -> None:
    with pytest.raises(SchemaVersionError) as info:
        Manifest(schema_version=version)
    assert info.value.found == version
    assert info.value.key == "schema-version"


@pytest.mark.parametrize("version", [True, 1.0, "1", None])
def test_manifest_rejects_non_integer_schema_version(version: object) -> None:
    with pytest.raises(SchemaVersionError) as info:
        Manifest(schema_version=version)  # type: ignore[arg-type]
    assert info.value.found is version


def test_manifest_rejects_non_entries() -> None:
    with pytest.raises(LockfileFormatError):
        Manifest(entries=({"name": "a"},))  # type: ignore[arg-type]


def test_entry_key_is_name_colon_alias() -> None:
    assert Entry("httpx", "hx", Source.REGISTRY).key == "httpx:hx"


def test_entry_accepts_a_source_token_and_checks_it() -> None:
    assert Entry("a", "a", "git").source is Source.GIT  # type: ignore[arg-type]
    with pytest.raises(UnknownSourceError) as info:
        Entry("a", "a", "svn")  # type: ignore[arg-type]
    assert info.value.token == "svn"


@pytest.mark.parametrize("key", ["name", "alias"])
def test_entry_rejects_empty_name_or_alias(key: str) -> None:
    fields = {"name": "a", "alias": "a", key: ""}
    with pytest.raises(LockfileFormatError) as info:
        Entry(source=Source.REGISTRY, **fields)
    assert info.value.key == key


@pytest.mark.parametrize(
    ("attr", "key"),
    [
        ("name", "name"),
        ("version", "version"),
        ("index_url", "index-url"),
        ("wrapper_sha256", "wrapper-sha256"),
    ],
)
def test_entry_rejects_non_string_fields(attr: str, key: str) -> None:
    fields: dict[str, object] = {"name": "a", "alias": "a", "source": Source.GIT, attr: 3}
    with pytest.raises(LockfileFormatError) as info:
        Entry(**fields)  # type: ignore[arg-type]
    assert info.value.key == key


def test_entry_capabilities_must_be_known_sorted_unique() -> None:
    assert Entry("a", "a", Source.GIT, capabilities=("async", "list")).capabilities == (
        "async",
        "list",
    )
    with pytest.raises(UnknownCapabilityError) as unknown:
        Entry("a", "a", Source.GIT, capabilities=("net",))
    assert unknown.value.token == "net"
    assert unknown.value.key == "capabilities"
    for bad in (("list", "async"), ("async", "async")):
        with pytest.raises(LockfileFormatError) as info:
            Entry("a", "a", Source.GIT, capabilities=bad)
        assert info.value.key == "capabilities"
        assert '"async", "list"' in info.value.message or '["async"]' in info.value.message
    with pytest.raises(LockfileFormatError) as wrong_type:
        Entry("a", "a", Source.GIT, capabilities="async")  # type: ignore[arg-type]
    assert wrong_type.value.key == "capabilities"


def test_capability_vocabulary_is_closed_and_complete() -> None:
    assert CAPABILITIES == (
        "async",
        "dataclass",
        "protocol",
        "callable",
        "stream",
        "map",
        "set",
        "list",
        "optional",
        "sum",
        "tuple",
        "constant",
        "typevar",
    )
    assert Entry("a", "a", Source.GIT, capabilities=tuple(sorted(CAPABILITIES))).capabilities


def test_entry_extra_keeps_canonical_toml_text() -> None:
    entry = Entry(
        "a", "a", Source.GIT, extra=(("future-key", '"x"'), ("n", "3"), ("l", '["a", "b"]'))
    )
    assert entry.extra_values() == {"future-key": "x", "n": 3, "l": ["a", "b"]}


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ((("name", '"x"'),), "name"),  # a known key
        ((("k", '"x"'), ("k", '"y"')), "k"),  # twice
        ((("k", '"x"\nversion = "1"'),), "k"),  # smuggles a second key
        ((("k", "'x'"),), "k"),  # valid TOML, not the canonical spelling
        ((("k", "not toml"),), "k"),
        ((("k", "1 # comment"),), "k"),
    ],
)
def test_entry_rejects_bad_extra(extra: tuple[tuple[str, str], ...], key: str) -> None:
    with pytest.raises(LockfileFormatError) as info:
        Entry("a", "a", Source.GIT, extra=extra)
    assert info.value.key == key


def test_entry_rejects_malformed_extra_pairs() -> None:
    for bad in ("x", (("k",),), ((1, '"x"'),)):
        with pytest.raises(LockfileFormatError):
            Entry("a", "a", Source.GIT, extra=bad)  # type: ignore[arg-type]


def test_error_str_names_location_item_and_message() -> None:
    error = LockfileFormatError("bad", path="mochi.lock", line=3, column=5, entry=1, key="alias")
    assert str(error) == "mochi.lock:3:5: python-package[1].alias: bad"
    assert str(LockfileFormatError("bad", line=2)) == "line 2: bad"
    assert str(LockfileFormatError("bad")) == "bad"
    error.add_context(path="other", line=9, entry=4)
    assert (error.path, error.line, error.entry) == ("mochi.lock", 3, 1), "raiser's values win"
