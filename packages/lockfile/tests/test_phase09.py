"""Sentinel: the Phase 9 gate end to end, from a two-target build to a drift check."""

from __future__ import annotations

import dataclasses
import types

import pytest

from mochi_py_lockfile import (
    SCHEMA_VERSION,
    Entry,
    LockDriftError,
    Manifest,
    Source,
    check,
    from_build_result,
    parse_toml,
    render_toml,
)


def _two_target_build(fakes: types.SimpleNamespace):  # type: ignore[no-untyped-def]
    # httpx@==0.27.2 as httpx: `async def fetch(url: str) -> str` and `def get(url: str) -> str`.
    httpx = fakes.Wrapper(
        (
            fakes.Item("function", is_async=True, types=(fakes.STR, fakes.STR)),
            fakes.Item("function", types=(fakes.STR, fakes.STR)),
        )
    )
    # util as u: a frozen dataclass `Pair(a: int, b: int)` and `def make() -> Pair`.
    pair = fakes.Type("named", decl_kind="record")
    util = fakes.Wrapper(
        (
            fakes.Item("class", decl_kind="record", types=(fakes.STR, fakes.STR)),
            fakes.Item("function", types=(pair,)),
        )
    )
    return fakes.build(
        (
            fakes.Spec("httpx", specifier="==0.27.2"),
            "httpx",
            httpx,
            "extern python fun httpx.fetch_sync(url: string): string\n",
        ),
        (fakes.Spec("util"), "u", util, "type Pair { a: int, b: int }\n"),
    )


def test_phase9_lockfile_integration(fakes: types.SimpleNamespace) -> None:
    built = _two_target_build(fakes)
    manifest = from_build_result(built.request, built.result)
    assert manifest.schema_version == SCHEMA_VERSION == 1
    assert len(manifest.entries) == 2
    httpx, util = manifest.entries
    assert (httpx.key, util.key) == ("httpx:httpx", "util:u")
    assert httpx.version == "0.27.2"
    assert len(httpx.wrapper_sha256) == 64
    assert "async" in httpx.capabilities
    assert "dataclass" in util.capabilities

    parsed = parse_toml(render_toml(manifest))
    check(manifest, parsed)
    check(parsed, manifest)

    drifted = Manifest(
        entries=(
            dataclasses.replace(httpx, wrapper_sha256="0000"),
            util,
            Entry("ghost", "gh", Source.REGISTRY),
        )
    )
    with pytest.raises(LockDriftError) as info:
        check(parsed, drifted)
    message = str(info.value)
    assert "added ghost:gh" in message
    assert "changed httpx:httpx" in message
    assert "wrapper-sha256" in message
    assert [str(e) for e in info.value.diff.entries] == [
        "added ghost:gh",
        "changed httpx:httpx (wrapper-sha256)",
    ]


def test_phase9_same_distribution_under_two_aliases(fakes: types.SimpleNamespace) -> None:
    built = fakes.build(
        (fakes.Spec("httpx"), "a", fakes.Wrapper(), "shim a\n"),
        (fakes.Spec("httpx"), "b", fakes.Wrapper(), "shim b\n"),
    )
    manifest = from_build_result(built.request, built.result)
    a, b = manifest.entries
    assert (a.key, b.key) == ("httpx:a", "httpx:b")
    assert a.wrapper_sha256 != b.wrapper_sha256
    assert parse_toml(render_toml(manifest)) == manifest


def test_phase9_deterministic_bytes(fakes: types.SimpleNamespace) -> None:
    built = _two_target_build(fakes)
    # Same targets in the other order, with the same shims: the lock bytes are identical.
    reversed_build = fakes.Result(built.result.wrappers[::-1], built.result.shims[::-1])
    request = fakes.Request(built.request.targets[::-1])
    assert render_toml(from_build_result(request, reversed_build)) == render_toml(
        from_build_result(built.request, built.result)
    )
