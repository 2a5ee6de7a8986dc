"""Regression tests for the fast paths added after `nox -s bench` (c) measured render + parse +
check of a 5,000-entry lock at 4x `tomllib.loads`: pre-encoded key prefixes and plain strings
in `render_toml`, no re-validation of empty capabilities / extras, the enum's own lookup in
`Source.parse`, and equal entries skipped field-by-field in `compare_manifests`. Each must give
exactly what the general path gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_lockfile import (
    CAPABILITIES,
    Entry,
    LockfileFormatError,
    Manifest,
    Source,
    UnknownSourceError,
    compare_manifests,
    parse_toml,
    render_toml,
)
from mochi_py_toml import format_key, format_value

# Every string TOML can hold (no lone surrogates), weighted towards the printable-ASCII
# boundary the fast path decides on: quotes, backslashes, DEL, controls, non-ASCII.
_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(' !"#[\\]^~\x7f\x00\x1f\té'),
        st.characters(blacklist_categories=("Cs",)),
    ),
    min_size=1,
    max_size=30,
)


def _reference_render(manifest: Manifest) -> str:
    """The general path: every key and value through format_key / format_value."""
    lines = [
        "# Auto-generated MEP-71 python lockfile. Do not edit by hand.",
        "# Regenerate via `mochi pkg lock`.",
        f"schema-version = {manifest.schema_version}",
        "",
    ]
    for entry in manifest.entries:
        lines.append("[[python-package]]")
        pairs: list[tuple[str, str]] = [
            ("name", format_value(entry.name)),
            ("alias", format_value(entry.alias)),
            ("source", format_value(entry.source.value)),
        ]
        for key, attr in (
            ("version", "version"),
            ("specifier", "specifier"),
            ("index-url", "index_url"),
            ("git-url", "git_url"),
            ("git-rev", "git_rev"),
            ("local-path", "local_path"),
            ("wrapper-sha256", "wrapper_sha256"),
        ):
            value = getattr(entry, attr)
            if value:
                pairs.append((key, format_value(value)))
        if entry.capabilities:
            tokens = ", ".join(format_value(t) for t in entry.capabilities)
            pairs.append(("capabilities", f"[{tokens}]"))
        pairs.extend(entry.extra)
        lines += [f"{format_key(k)} = {v}" for k, v in pairs]
        lines.append("")
    return "\n".join(lines) + "\n"


@st.composite
def _entries(draw: st.DrawFn) -> Entry:
    optional = st.one_of(st.just(""), _TEXT)
    return Entry(
        name=draw(_TEXT),
        alias=draw(_TEXT),
        source=draw(st.sampled_from(list(Source))),
        version=draw(optional),
        specifier=draw(optional),
        index_url=draw(optional),
        git_url=draw(optional),
        git_rev=draw(optional),
        local_path=draw(optional),
        wrapper_sha256=draw(optional),
        capabilities=tuple(sorted(draw(st.sets(st.sampled_from(CAPABILITIES))))),
        extra=tuple(
            (key, format_value(value))
            for key, value in draw(
                st.dictionaries(
                    st.sampled_from(["future-key", "x y", "é"]),
                    st.one_of(st.integers(-5, 5), _TEXT, st.lists(st.booleans(), max_size=2)),
                    max_size=2,
                )
            ).items()
        ),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(_entries(), max_size=4, unique_by=lambda e: (e.name, e.alias)))
def test_render_equals_the_general_encoder(entries: list[Entry]) -> None:
    manifest = Manifest(entries=tuple(entries))
    text = render_toml(manifest)
    assert text == _reference_render(manifest)
    assert parse_toml(text) == manifest


@pytest.mark.parametrize("text", ["plain", 'say "hi"', "back\\slash", "tab\t", "del\x7f", "é"])
def test_render_quotes_each_kind_of_string_like_format_value(text: str) -> None:
    entry = Entry(name=text, alias="a", source=Source.REGISTRY, version=text)
    lines = render_toml(Manifest(entries=(entry,))).splitlines()
    assert f"name = {format_value(text)}" in lines
    assert f"version = {format_value(text)}" in lines


def test_empty_capabilities_and_extra_in_any_sequence_become_tuples() -> None:
    entry = Entry(name="n", alias="a", source="path", capabilities=[], extra=[])  # type: ignore[arg-type]
    assert entry.capabilities == ()
    assert entry.extra == ()
    assert entry.source is Source.PATH


@pytest.mark.parametrize("bad", [None, "async", 3])
def test_a_non_sequence_capabilities_is_still_rejected(bad: object) -> None:
    with pytest.raises(LockfileFormatError) as info:
        Entry(name="n", alias="a", source=Source.GIT, capabilities=bad)  # type: ignore[arg-type]
    assert info.value.key == "capabilities"


@pytest.mark.parametrize("token", ["REGISTRY", "Registry", " registry", "", "git+", "pathx"])
def test_source_parse_takes_only_the_exact_token(token: str) -> None:
    with pytest.raises(UnknownSourceError):
        Source.parse(token)


def test_equal_entries_but_for_extra_keys_do_not_drift() -> None:
    plain = Entry(name="n", alias="a", source=Source.REGISTRY, version="1")
    with_extra = Entry(
        name="n", alias="a", source=Source.REGISTRY, version="1", extra=(("k", "1"),)
    )
    changed = Entry(name="n", alias="a", source=Source.REGISTRY, version="2")
    assert not compare_manifests(Manifest(entries=(plain,)), Manifest(entries=(with_extra,)))
    diff = compare_manifests(Manifest(entries=(plain,)), Manifest(entries=(changed,)))
    (only,) = diff.entries
    assert only.fields == ("version",)
