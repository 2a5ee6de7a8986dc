"""compare_manifests / check: added, removed, changed (with fields), reports and JSON."""

from __future__ import annotations

import dataclasses
import json

import pytest

from mochi_py_lockfile import (
    Diff,
    DiffEntry,
    DiffKind,
    Entry,
    FieldChange,
    LockDriftError,
    LockfileError,
    Manifest,
    Source,
    check,
    compare_manifests,
)


def _entry(name: str = "httpx", alias: str = "httpx", **kw: object) -> Entry:
    fields: dict[str, object] = {
        "source": Source.REGISTRY,
        "version": "0.27.2",
        "specifier": "==0.27.2",
        "index_url": "https://idx/simple",
        "git_url": "https://g/r",
        "git_rev": "main",
        "local_path": "../p",
        "wrapper_sha256": "a" * 64,
        "capabilities": ("async", "callable"),
    }
    fields.update(kw)
    return Entry(name, alias, **fields)  # type: ignore[arg-type]


def _manifest(*entries: Entry) -> Manifest:
    return Manifest(entries=entries)


# Attribute, TOML key, a different value for the mutation test.
FLIPS = [
    ("source", "source", Source.GIT),
    ("version", "version", "0.28.0"),
    ("specifier", "specifier", ">=0.27"),
    ("index_url", "index-url", "https://other/simple"),
    ("git_url", "git-url", "https://g/other"),
    ("git_rev", "git-rev", "dev"),
    ("local_path", "local-path", "../q"),
    ("wrapper_sha256", "wrapper-sha256", "0000"),
    ("capabilities", "capabilities", ("async",)),
]


def test_compare_manifests_empty() -> None:
    diff = compare_manifests(_manifest(_entry()), _manifest(_entry()))
    assert diff.empty
    assert not diff
    assert str(diff) == ""
    assert diff.report() == ""
    assert diff.to_json() == {"clean": True, "entries": []}
    check(_manifest(_entry()), _manifest(_entry()))
    check(Manifest(), Manifest())


def test_compare_manifests_classifies_added_removed_changed() -> None:
    old = _manifest(_entry("keep", "k"), _entry("gone", "g"), _entry("httpx", "httpx"))
    new = _manifest(
        _entry("keep", "k"),
        _entry("httpx", "httpx", version="0.28.0", wrapper_sha256="0000"),
        _entry("ghost", "gh"),
    )
    diff = compare_manifests(old, new)
    assert [(e.kind, e.key, e.fields) for e in diff.entries] == [
        (DiffKind.ADDED, "ghost:gh", ()),
        (DiffKind.REMOVED, "gone:g", ()),
        (DiffKind.CHANGED, "httpx:httpx", ("version", "wrapper-sha256")),
    ]
    added, removed, changed = diff.entries
    assert (added.old, added.new) == (None, new.by_key()[("ghost", "gh")])
    assert (removed.old, removed.new) == (old.by_key()[("gone", "g")], None)
    assert changed.changes() == (
        FieldChange("version", "resolution", "0.27.2", "0.28.0"),
        FieldChange("wrapper-sha256", "surface", "a" * 64, "0000"),
    )
    assert added.changes() == ()


def test_compare_manifests_changed_field_list_starts_with_version() -> None:
    diff = compare_manifests(_manifest(_entry()), _manifest(_entry(version="9")))
    assert diff.entries[0].fields[0] == "version"


def test_diff_key_is_name_colon_alias() -> None:
    old = _manifest(_entry("httpx", "a"), _entry("httpx", "b"))
    new = _manifest(_entry("httpx", "a"), _entry("httpx", "b", wrapper_sha256="0000"))
    diff = compare_manifests(old, new)
    assert [(e.key, str(e.kind)) for e in diff.entries] == [("httpx:b", "changed")]
    moved = compare_manifests(_manifest(_entry("httpx", "a")), _manifest(_entry("httpx", "c")))
    assert [str(e) for e in moved.entries] == ["removed httpx:a", "added httpx:c"]


def test_diff_does_not_confuse_colons_in_names() -> None:
    old = _manifest(_entry("a:b", "c"))
    new = _manifest(_entry("a", "b:c"))
    assert [e.kind for e in compare_manifests(old, new).entries] == [
        DiffKind.ADDED,
        DiffKind.REMOVED,
    ]


def test_diff_entry_string_keeps_upstream_form() -> None:
    changed = DiffEntry(DiffKind.CHANGED, "x", "y", fields=("a", "b"))
    assert str(changed) == "changed x:y (a,b)"
    assert str(DiffEntry(DiffKind.ADDED, "x", "y")) == "added x:y"
    assert str(DiffEntry(DiffKind.REMOVED, "x", "y")) == "removed x:y"


def test_diff_kind_tokens() -> None:
    assert [str(k) for k in DiffKind] == ["added", "removed", "changed"]


def test_capabilities_compare_element_wise() -> None:
    diff = compare_manifests(
        _manifest(_entry(capabilities=())), _manifest(_entry(capabilities=("list",)))
    )
    (entry,) = diff.entries
    assert entry.fields == ("capabilities",)
    assert entry.changes()[0] == FieldChange("capabilities", "surface", (), ("list",))


def test_extra_keys_are_not_compared() -> None:
    old = _manifest(_entry(extra=(("future", '"x"'),)))
    check(old, _manifest(_entry()))


@pytest.mark.parametrize(("attr", "key", "value"), FLIPS)
def test_check_fails_naming_exactly_the_flipped_field(attr: str, key: str, value: object) -> None:
    """Mutation test: every compared field of every entry is covered by the check."""
    entries = (_entry("a", "x"), _entry("a", "y"), _entry("b", "x", source=Source.PATH))
    base = _manifest(*entries)
    for index in range(len(entries)):
        mutated = list(entries)
        mutated[index] = dataclasses.replace(entries[index], **{attr: value})
        with pytest.raises(LockDriftError) as info:
            check(base, _manifest(*mutated))
        (changed,) = info.value.diff.entries
        assert changed.kind is DiffKind.CHANGED
        assert changed.key == entries[index].key
        assert changed.fields == (key,)
        report = info.value.diff.report().splitlines()
        assert len(report) == 1
        assert report[0].startswith(f"changed {entries[index].key}: {key} (")
        drift = "surface" if key in ("wrapper-sha256", "capabilities") else "resolution"
        assert f"({drift} drift)" in report[0]


@pytest.mark.parametrize("attr", ["name", "alias"])
def test_flipping_name_or_alias_is_removed_plus_added(attr: str) -> None:
    entry = _entry("a", "x")
    flipped = dataclasses.replace(entry, **{attr: "other"})
    diff = compare_manifests(_manifest(entry), _manifest(flipped))
    assert sorted(str(e) for e in diff.entries) == sorted(["removed a:x", f"added {flipped.key}"])


def test_check_error_message_contains_every_problem() -> None:
    old = _manifest(_entry(), _entry("gone", "g"))
    new = _manifest(_entry(version="9", capabilities=()), _entry("ghost", "gh"))
    with pytest.raises(LockDriftError) as info:
        check(old, new)
    error = info.value
    assert isinstance(error, LockfileError)
    assert not isinstance(error, ValueError), "drift is not bad input"
    message = str(error)
    assert message.startswith("lockfile drift (4 problems):\n")
    assert "added ghost:gh" in message
    assert "removed gone:g" in message
    assert 'changed httpx:httpx: version (resolution drift): "0.27.2" -> "9"' in message
    assert (
        'changed httpx:httpx: capabilities (surface drift): ["async", "callable"] -> []' in message
    )


def test_report_has_one_line_per_problem_even_for_hostile_values() -> None:
    old = _manifest(_entry("n\u2028x", "a\nb", local_path="p\r\nq"))
    new = _manifest(_entry("n\u2028x", "a\nb", local_path="p\x00\u2029"), _entry('e"v\\il', "x\ny"))
    report = compare_manifests(old, new).report()
    lines = report.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('added "e\\"v\\\\il":"x\\ny": ')
    assert lines[1] == (
        'changed "n\\u2028x":"a\\nb": local-path (resolution drift): '
        '"p\\r\\nq" -> "p\\u0000\\u2029"'
    )


def test_report_shows_absent_values() -> None:
    diff = compare_manifests(_manifest(_entry(git_rev="")), _manifest(_entry(git_rev="main")))
    assert diff.report() == 'changed httpx:httpx: git-rev (resolution drift): (absent) -> "main"'


def test_to_json_is_stable_and_serialisable() -> None:
    old = _manifest(_entry(), _entry("gone", "g"))
    new = _manifest(_entry(wrapper_sha256="0000", capabilities=("list",)), _entry("new", "n"))
    data = compare_manifests(old, new).to_json()
    assert json.loads(json.dumps(data)) == data
    assert data == {
        "clean": False,
        "entries": [
            {"kind": "removed", "key": "gone:g", "name": "gone", "alias": "g", "fields": []},
            {
                "kind": "changed",
                "key": "httpx:httpx",
                "name": "httpx",
                "alias": "httpx",
                "fields": [
                    {
                        "field": "wrapper-sha256",
                        "drift": "surface",
                        "old": "a" * 64,
                        "new": "0000",
                    },
                    {
                        "field": "capabilities",
                        "drift": "surface",
                        "old": ["async", "callable"],
                        "new": ["list"],
                    },
                ],
            },
            {"kind": "added", "key": "new:n", "name": "new", "alias": "n", "fields": []},
        ],
    }


def test_diff_is_a_value() -> None:
    diff = compare_manifests(_manifest(_entry()), _manifest())
    assert diff == Diff((DiffEntry(DiffKind.REMOVED, "httpx", "httpx", old=_entry()),))
    assert hash(diff) == hash(compare_manifests(_manifest(_entry()), _manifest()))
