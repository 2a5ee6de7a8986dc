"""Phase 0 Venv: immutable, canonical order, duplicates and conflicts are errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from mochi_py_build import (
    AsyncMode,
    Dependency,
    DependencyConflictError,
    MemberKind,
    PackageIndex,
    RuntimeMode,
    Venv,
    VenvError,
    VenvMember,
    parse_spec,
)

USER = VenvMember("mochi_user", "mochi_user", MemberKind.USER)


def test_defaults() -> None:
    venv = Venv()
    assert venv.requires_python == ">=3.10"
    assert venv.implementation == "cpython"
    assert venv.runtime_mode is RuntimeMode.EMBEDDED
    assert venv.async_mode is AsyncMode.PERSISTENT
    assert venv.free_threaded is False
    assert venv.stubgen_fallback is True
    assert venv.sidecar_glob == "*_externs.py"
    assert venv.members == ()
    assert venv.dependencies == ()
    venv.validate()


def test_venv_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Venv().free_threaded = True  # type: ignore[misc]


def test_enum_tokens() -> None:
    assert [k.value for k in MemberKind] == ["user", "wrapper", "runtime"]
    assert [m.value for m in RuntimeMode] == ["embedded", "subprocess"]
    assert [m.value for m in AsyncMode] == ["persistent", "per-call"]


def test_string_modes_are_coerced() -> None:
    venv = Venv(runtime_mode="subprocess", async_mode="per-call")  # type: ignore[arg-type]
    assert venv.runtime_mode is RuntimeMode.SUBPROCESS
    assert venv.async_mode is AsyncMode.PER_CALL


def test_requires_python_is_canonical() -> None:
    assert Venv(requires_python=">=3.10, <3.14").requires_python == "<3.14,>=3.10"
    assert Venv(requires_python="").requires_python == ""


def test_wrapper_member_helper() -> None:
    assert VenvMember.wrapper("httpx") == VenvMember(
        "httpx", "python_wrap/httpx", MemberKind.WRAPPER
    )


def test_members_are_sorted_by_path_whatever_the_order() -> None:
    members = [VenvMember.wrapper("regex"), USER, VenvMember.wrapper("httpx")]
    venv = Venv(members=tuple(members))
    assert [m.path for m in venv.members] == [
        "mochi_user",
        "python_wrap/httpx",
        "python_wrap/regex",
    ]
    built = Venv()
    for member in reversed(members):
        built = built.with_member(member)
    assert built == venv


def test_with_member_returns_a_copy() -> None:
    venv = Venv()
    grown = venv.with_member(USER)
    assert venv.members == ()
    assert grown.members == (USER,)


def test_members_given_as_a_list_are_not_shared() -> None:
    members = [USER]
    venv = Venv(members=members)  # type: ignore[arg-type]
    members.append(VenvMember.wrapper("x"))
    assert venv.members == (USER,)


def test_string_member_kind_is_coerced() -> None:
    venv = Venv(members=(VenvMember("rt", "runtime", "runtime"),))  # type: ignore[arg-type]
    assert venv.members[0].kind is MemberKind.RUNTIME


def test_dependencies_sorted_and_merged_across_aliases() -> None:
    venv = (
        Venv()
        .with_dependency("zarr>=2", alias="z")
        .with_dependency("httpx>=0.27,<0.30", alias="httpx")
        .with_dependency("anyio", alias="a")
        .with_dependency("HTTPX <0.30, >=0.27", alias="hx")
    )
    assert [d.name for d in venv.dependencies] == ["anyio", "httpx", "zarr"]
    httpx = venv.dependencies[1]
    assert httpx.requirement == "httpx<0.30,>=0.27"
    assert httpx.aliases == ("httpx", "hx")


def test_dependency_order_does_not_change_the_value() -> None:
    a = Venv().with_dependency("b", alias="b").with_dependency("a", alias="a")
    b = Venv().with_dependency("a", alias="a").with_dependency("b", alias="b")
    assert a == b


def test_with_spec_for_every_source(tmp_path: Path) -> None:
    venv = (
        Venv()
        .with_spec(parse_spec("httpx@>=0.27,<0.30"), alias="httpx")
        .with_spec(parse_spec("rich@git+https://github.com/Textualize/rich.git#v13"), alias="r")
        .with_spec(parse_spec("mylib@path+lib"), alias="m", base_dir=tmp_path)
        .with_spec(parse_spec("torch@>=2.1@pytorch+https://download.pytorch.org/whl"), alias="t")
    )
    by_name = {d.name: d for d in venv.dependencies}
    assert by_name["httpx"].requirement == "httpx<0.30,>=0.27"
    assert by_name["rich"].requirement == "rich @ git+https://github.com/Textualize/rich.git@v13"
    assert by_name["mylib"].requirement == f"mylib @ {(tmp_path / 'lib').as_uri()}"
    assert by_name["torch"].requirement == "torch>=2.1"
    assert by_name["torch"].index == PackageIndex("pytorch", "https://download.pytorch.org/whl")
    assert by_name["httpx"].index is None


def test_with_spec_validates_the_alias() -> None:
    with pytest.raises(ValueError, match="Python keyword"):
        Venv().with_spec(parse_spec("httpx"), alias="class")


# ---------------------------------------------------------------------------- errors


def _venv_error(**kwargs: object) -> VenvError:
    with pytest.raises(VenvError) as info:
        Venv(**kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert info.value.message in str(info.value)
    return info.value


@pytest.mark.parametrize(
    ("kwargs", "field", "value", "words"),
    [
        ({"implementation": "pypy"}, "implementation", "pypy", "unsupported implementation"),
        ({"runtime_mode": "wasm"}, "runtime_mode", "wasm", "unsupported runtime-mode"),
        ({"async_mode": "trio"}, "async_mode", "trio", "unsupported async-mode"),
        ({"requires_python": "3.10+"}, "requires_python", "3.10+", "not a PEP 440"),
        ({"free_threaded": "yes"}, "free_threaded", "'yes'", "True or False"),
        ({"stubgen_fallback": 1}, "stubgen_fallback", "1", "True or False"),
        ({"sidecar_glob": "a\nb"}, "sidecar_glob", "'a\\nb'", "printable"),
    ],
)
def test_bad_settings(kwargs: dict[str, object], field: str, value: str, words: str) -> None:
    error = _venv_error(**kwargs)
    assert (error.field, error.key, error.value) == (field, "", value)
    assert words in error.message


def test_subprocess_and_persistent_together_are_fine() -> None:
    Venv(runtime_mode=RuntimeMode.SUBPROCESS, async_mode=AsyncMode.PERSISTENT).validate()


def test_duplicate_member_path_is_an_error_not_first_wins() -> None:
    with pytest.raises(VenvError) as info:
        Venv().with_member(USER).with_member(VenvMember("other", "mochi_user", MemberKind.USER))
    assert (info.value.field, info.value.key) == ("members", "mochi_user")
    assert "two members" in info.value.message


@pytest.mark.parametrize(
    ("member", "key", "words"),
    [
        (VenvMember("", "a", MemberKind.USER), "a", "not an ASCII identifier"),
        (VenvMember("a-b", "a", MemberKind.USER), "a", "not an ASCII identifier"),
        (VenvMember("a", "", MemberKind.USER), "", "non-empty"),
        (VenvMember("a", "/abs", MemberKind.USER), "/abs", "relative"),
        (VenvMember("a", "C:/x", MemberKind.USER), "C:/x", "relative"),
        (VenvMember("a", "../x", MemberKind.USER), "../x", "'..'"),
        (VenvMember("a", "x//y", MemberKind.USER), "x//y", "empty"),
        (VenvMember("a", "x/", MemberKind.USER), "x/", "empty"),
        (VenvMember("a", "x\\y", MemberKind.USER), "x\\y", "'/'"),
        (VenvMember("a", "x\ny", MemberKind.USER), "x\ny", "printable"),
        (VenvMember("con", "python_wrap/con", MemberKind.WRAPPER), "python_wrap/con", "Windows"),
        (
            VenvMember("httpx", "wrappers/httpx", MemberKind.WRAPPER),
            "wrappers/httpx",
            "python_wrap/",
        ),
        (VenvMember("a", "a", "plugin"), "a", "unknown member kind"),  # type: ignore[arg-type]
    ],
)
def test_bad_members(member: VenvMember, key: str, words: str) -> None:
    error = _venv_error(members=(member,))
    assert (error.field, error.key) == ("members", key)
    assert words in error.message


def test_two_aliases_with_different_requirements_conflict() -> None:
    venv = Venv().with_dependency("httpx>=0.27", alias="httpx")
    with pytest.raises(DependencyConflictError) as info:
        venv.with_dependency("httpx==0.26.0", alias="old_httpx")
    error = info.value
    assert isinstance(error, VenvError)
    assert isinstance(error, ValueError)
    assert error.name == "httpx"
    assert (error.first_aliases, error.first_requirement) == (("httpx",), "httpx>=0.27")
    assert (error.second_aliases, error.second_requirement) == (("old_httpx",), "httpx==0.26.0")
    assert "'httpx'" in error.message
    assert "'old_httpx'" in error.message
    assert (error.field, error.key) == ("dependencies", "httpx")


def test_same_requirement_from_different_indexes_conflicts() -> None:
    venv = Venv().with_dependency("torch", alias="a", index=PackageIndex("x", "https://x.org"))
    with pytest.raises(DependencyConflictError) as info:
        venv.with_dependency("torch", alias="b")
    assert "index x" in info.value.first_requirement


def test_one_index_name_with_two_urls_is_an_error() -> None:
    venv = Venv().with_dependency("torch", alias="a", index=PackageIndex("x", "https://x.org"))
    with pytest.raises(VenvError) as info:
        venv.with_dependency("numpy", alias="b", index=PackageIndex("x", "https://y.org"))
    assert (info.value.field, info.value.key) == ("dependencies", "x")
    assert "two URLs" in info.value.message


@pytest.mark.parametrize(
    ("dependency", "key", "words"),
    [
        (Dependency("httpx", "httpx>="), "", "not a PEP 508"),
        (Dependency("HTTPX", "httpx"), "HTTPX", "normalised name"),
        (Dependency("rich", "httpx"), "rich", "normalised name"),
        (Dependency("httpx", "httpx", aliases=("class",)), "httpx", "Python keyword"),
        (
            Dependency("mochi-python-workspace", "mochi-python-workspace"),
            "mochi-python-workspace",
            "itself",
        ),
        (Dependency("t", "t", index=PackageIndex("a b", "https://x.org")), "t", "index name"),
        (Dependency("t", "t", index=PackageIndex("a", "not a url")), "t", "bad index URL"),
    ],
)
def test_bad_dependencies(dependency: Dependency, key: str, words: str) -> None:
    error = _venv_error(dependencies=(dependency,))
    assert (error.field, error.key) == ("dependencies", key)
    assert words in error.message


def test_bad_requirement_via_with_dependency() -> None:
    with pytest.raises(VenvError) as info:
        Venv().with_dependency("not a requirement!!")
    assert info.value.value == "not a requirement!!"
