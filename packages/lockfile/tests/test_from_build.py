"""from_build_result: one Entry per build target, through the Protocols (fakes here)."""

from __future__ import annotations

import hashlib
import types

import pytest

from mochi_py_lockfile import (
    BuildResultError,
    BuildResultMismatchError,
    LockfileError,
    MissingBuildResultError,
    Source,
    SurfaceKindError,
    UnknownSourceError,
    from_build_result,
)


def _one(fakes: types.SimpleNamespace, spec: object, alias: str = "mn", **kw: object):  # type: ignore[no-untyped-def]
    built = fakes.build((spec, alias, fakes.Wrapper(), "extern python fun mn.f(): int\n"))
    (entry,) = from_build_result(built.request, built.result, **kw).entries
    return entry


def test_from_build_result_registry_entry(fakes: types.SimpleNamespace) -> None:
    entry = _one(fakes, fakes.Spec("minimal"))
    assert (entry.name, entry.alias, entry.source) == ("minimal", "mn", Source.REGISTRY)
    shim = "extern python fun mn.f(): int\n"
    assert entry.wrapper_sha256 == hashlib.sha256(shim.encode()).hexdigest()
    assert entry.version == entry.specifier == ""
    assert entry.capabilities == ()


def test_from_build_result_exact_pin_populates_version(fakes: types.SimpleNamespace) -> None:
    entry = _one(fakes, fakes.Spec("pydantic", specifier="==2.6.1"))
    assert entry.version == "2.6.1"
    assert entry.specifier == "==2.6.1"


@pytest.mark.parametrize(
    ("specifier", "version"),
    [
        ("==2.6.1", "2.6.1"),
        ("== 2.6.1", "2.6.1"),
        ("==1.0.post1", "1.0.post1"),
        ("==1.0+local.7", "1.0+local.7"),
        ("==2.*", ""),
        ("===2.6.1", ""),
        (">=2.0, <3.0", ""),
        ("==2.0, !=2.0.1", ""),
        ("~=2.0", ""),
        ("!=2.0", ""),
        ("==", ""),
        ("", ""),
    ],
)
def test_from_build_result_pin_table(
    fakes: types.SimpleNamespace, specifier: str, version: str
) -> None:
    assert _one(fakes, fakes.Spec("p", specifier=specifier)).version == version


def test_from_build_result_open_range_leaves_version_empty(fakes: types.SimpleNamespace) -> None:
    entry = _one(fakes, fakes.Spec("requests", specifier=">=2.0, <3.0"))
    assert entry.version == ""
    assert entry.specifier == ">=2.0, <3.0"


def test_from_build_result_git_entry(fakes: types.SimpleNamespace) -> None:
    spec = fakes.Spec("repo", source="git", git_url="https://github.com/user/repo", git_rev="main")
    entry = _one(fakes, spec)
    assert entry.source is Source.GIT
    assert (entry.git_url, entry.git_rev) == ("https://github.com/user/repo", "main")
    assert entry.version == ""


def test_from_build_result_path_entry(fakes: types.SimpleNamespace) -> None:
    entry = _one(fakes, fakes.Spec("sibling", source="path", local_path="../sibling"))
    assert (entry.source, entry.local_path) == (Source.PATH, "../sibling")


def test_from_build_result_index_entry(fakes: types.SimpleNamespace) -> None:
    spec = fakes.Spec(
        "corp", source="index", index_url="https://pypi.corp/simple", specifier="==1.2"
    )
    entry = _one(fakes, spec)
    assert (entry.source, entry.index_url, entry.version) == (
        Source.INDEX,
        "https://pypi.corp/simple",
        "1.2",
    )


def test_from_build_result_pin_applies_only_to_registry_and_index(
    fakes: types.SimpleNamespace,
) -> None:
    spec = fakes.Spec("repo", source="git", git_url="https://x/y", specifier="==1.0")
    assert _one(fakes, spec).version == ""


def test_from_build_result_accepts_an_enum_source(fakes: types.SimpleNamespace) -> None:
    entry = _one(fakes, fakes.Spec("repo", source=fakes.SourceKind.GIT, git_url="https://x/y"))
    assert entry.source is Source.GIT


def test_from_build_result_rejects_an_unknown_source(fakes: types.SimpleNamespace) -> None:
    built = fakes.build(
        (fakes.Spec("ok"), "ok", None, "a"), (fakes.Spec("bad", source="svn"), "b", None, "b")
    )
    with pytest.raises(UnknownSourceError) as info:
        from_build_result(built.request, built.result)
    assert info.value.token == "svn"
    assert info.value.entry == 1, "the request's target index"


def test_from_build_result_prefers_the_resolved_version(fakes: types.SimpleNamespace) -> None:
    resolved = {"Requests": "2.32.3", "my_pkg": "0.1.0"}

    def version(spec: object) -> str:
        return str(_one(fakes, spec, resolved_versions=resolved).version)

    assert version(fakes.Spec("requests", specifier=">=2")) == "2.32.3"
    # Resolved wins over a pin, and applies to every source.
    assert version(fakes.Spec("requests", specifier="==2.0")) == "2.32.3"
    assert version(fakes.Spec("my-pkg", source="path", local_path="../p")) == "0.1.0"
    assert version(fakes.Spec("other", specifier="==3")) == "3"


def test_from_build_result_rejects_conflicting_resolved_versions(
    fakes: types.SimpleNamespace,
) -> None:
    with pytest.raises(BuildResultError):
        _one(fakes, fakes.Spec("a-b"), resolved_versions={"a_b": "1", "A.B": "2"})
    with pytest.raises(BuildResultError):
        _one(fakes, fakes.Spec("a"), resolved_versions={"a": 1})


def test_from_build_result_mismatch_rejected(fakes: types.SimpleNamespace) -> None:
    built = fakes.build((fakes.Spec("a"), "a", None, "x"), (fakes.Spec("b"), "b", None, "y"))
    fewer_shims = fakes.Result(built.result.wrappers, built.result.shims[:1])
    with pytest.raises(BuildResultMismatchError) as info:
        from_build_result(built.request, fewer_shims)
    assert (info.value.targets, info.value.wrappers, info.value.shims) == (2, 2, 1)
    fewer_wrappers = fakes.Result(built.result.wrappers[:1], built.result.shims)
    with pytest.raises(BuildResultMismatchError) as info:
        from_build_result(built.request, fewer_wrappers)
    assert (info.value.targets, info.value.wrappers, info.value.shims) == (2, 1, 2)
    assert isinstance(info.value, ValueError)
    assert "targets=2 wrappers=1 shims=2" in str(info.value)


def test_from_build_result_nil_result_rejected(fakes: types.SimpleNamespace) -> None:
    built = fakes.build((fakes.Spec("a"), "a", None, "x"))
    with pytest.raises(MissingBuildResultError) as info:
        from_build_result(built.request, None)
    assert isinstance(info.value, LockfileError)
    assert isinstance(info.value, ValueError)


def test_from_build_result_entries_sorted_and_input_untouched(
    fakes: types.SimpleNamespace,
) -> None:
    built = fakes.build(
        (fakes.Spec("z"), "a", None, "1"),
        (fakes.Spec("a"), "b", None, "2"),
        (fakes.Spec("a"), "a", None, "3"),
    )
    before = built.request.targets
    manifest = from_build_result(built.request, built.result)
    assert [e.key for e in manifest.entries] == ["a:a", "a:b", "z:a"]
    assert built.request.targets == before
    # Each target keeps its own shim hash after sorting.
    assert manifest.by_key()[("z", "a")].wrapper_sha256 == hashlib.sha256(b"1").hexdigest()


def test_from_build_result_rejects_unknown_surface_kinds(fakes: types.SimpleNamespace) -> None:
    wrapper = fakes.Wrapper((fakes.Item("function", types=(fakes.Type("union"),)),))
    built = fakes.build((fakes.Spec("a"), "a", wrapper, "x"))
    with pytest.raises(SurfaceKindError) as info:
        from_build_result(built.request, built.result)
    assert (info.value.item, info.value.field, info.value.kind) == (0, "kind", "union")
    assert info.value.entry == 0
