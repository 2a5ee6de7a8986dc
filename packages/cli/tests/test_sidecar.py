"""The sidecar text: only validated names, deterministic, never over a hand-written file."""

from __future__ import annotations

import keyword
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py import SIDECAR_BANNER, CliError, SidecarConflictError, SidecarNameClashError
from mochi_py import render_sidecar as render
from mochi_py._sidecar import apply_sidecars, plan_sidecars, sidecar_path
from mochi_py_typemap import INT
from mochi_py_wrapper import Extern, ExternKind, Wrapper, WrapperOptions


def wrapper(alias: str, *names: str, module: str = "pkg_externs") -> Wrapper:
    externs = tuple(
        Extern(ExternKind.FUNCTION, name, f"{alias}_{name}", f"pkg.{name}", (), INT, False)
        for name in sorted(names)
    )
    return Wrapper(
        package="pkg",
        import_name="pkg",
        alias=alias,
        module=module,
        options=WrapperOptions(),
        items=(),
        externs=externs,
        types=(),
        skipped=(),
        name_map=(),
        py_source="",
        pyi_source="",
    )


def test_layout() -> None:
    text = render("app/main.mochi", [wrapper("b", "g"), wrapper("a", "f", "VERSION")])
    assert text.startswith(SIDECAR_BANNER + "\n")
    body = text.split("\n\n", 1)[1]
    assert body == (
        "from python_wrap.a.pkg_externs import (\n"
        "    VERSION as a_VERSION,\n"
        "    f as a_f,\n"
        ")\n"
        "\n"
        "from python_wrap.b.pkg_externs import (\n"
        "    g as b_g,\n"
        ")\n"
        "\n"
        "__all__ = [\n"
        "    'a_VERSION',\n"
        "    'a_f',\n"
        "    'b_g',\n"
        "]\n"
    )


def test_an_alias_without_bound_items_imports_nothing() -> None:
    text = render("main.mochi", [wrapper("a")])
    assert "import" not in text.split("\n\n", 1)[1]
    assert text.endswith("__all__ = [\n]\n")


def test_joined_name_clash_is_refused() -> None:
    with pytest.raises(SidecarNameClashError) as caught:
        render("main.mochi", [wrapper("a", "b_c"), wrapper("a_b", "c")])
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.path, error.name, error.first, error.second) == (
        "main_externs.py",
        "a_b_c",
        "a.b_c",
        "a_b.c",
    )


@pytest.mark.parametrize(
    ("alias", "name", "module"),
    [
        ("a", "x; import os", "pkg_externs"),
        ("a", "class", "pkg_externs"),
        ("a", "ok", "pkg_externs.evil"),
        ("a/b", "ok", "pkg_externs"),
        ("a", "café", "pkg_externs"),
    ],
)
def test_names_that_are_not_plain_identifiers_never_reach_the_text(
    alias: str, name: str, module: str
) -> None:
    with pytest.raises(CliError) as caught:
        render("main.mochi", [wrapper(alias, name, module=module)])
    assert caught.value.path == "main_externs.py"


def test_sidecar_path() -> None:
    assert sidecar_path("main.mochi") == "main_externs.py"
    assert sidecar_path("app/sub/tool.mochi") == "app/sub/tool_externs.py"


_IDENT = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,8}", fullmatch=True).filter(
    lambda s: not keyword.iskeyword(s)
)


@settings(max_examples=200, deadline=None)
@given(
    aliases=st.dictionaries(
        st.text(string.ascii_lowercase, min_size=1, max_size=4).filter(
            lambda s: not keyword.iskeyword(s)
        ),
        st.sets(_IDENT, max_size=5),
        min_size=1,
        max_size=4,
    ),
    reverse=st.booleans(),
)
def test_property_compiles_binds_every_joined_name_and_ignores_order(
    aliases: dict[str, set[str]], reverse: bool
) -> None:
    wrappers = [wrapper(alias, *names) for alias, names in aliases.items()]
    joined = [f"{alias}_{name}" for alias, names in aliases.items() for name in names]
    if len(set(joined)) != len(joined):
        with pytest.raises(SidecarNameClashError):
            render("main.mochi", wrappers)
        return
    text = render("main.mochi", wrappers)
    assert text == render("main.mochi", wrappers[::-1] if reverse else wrappers)
    compile(text, "main_externs.py", "exec")
    namespace: dict[str, object] = {}
    # Execute only the __all__ part: the imports need the built venv.
    exec(text[text.index("__all__") :], namespace)
    assert namespace["__all__"] == sorted(joined)


def test_apply_writes_skips_identical_and_removes_stale(tmp_path: Path) -> None:
    (tmp_path / "main.mochi").write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    stale = tmp_path / "sub" / "old_externs.py"
    stale.write_text(SIDECAR_BANNER + "\n", encoding="utf-8")
    mine = tmp_path / "sub" / "mine_externs.py"
    mine.write_text("# my own\n", encoding="utf-8")
    planned = plan_sidecars([("main.mochi", "a")], {"a": wrapper("a", "f")})
    first = apply_sidecars(tmp_path, planned)
    assert (first.written, first.unchanged, first.removed) == (
        ("main_externs.py",),
        (),
        ("sub/old_externs.py",),
    )
    assert not stale.exists()
    assert mine.read_text(encoding="utf-8") == "# my own\n"  # not ours: never touched
    assert (tmp_path / "main_externs.py").stat().st_mode & 0o777 == 0o644
    second = apply_sidecars(tmp_path, planned)
    assert (second.written, second.unchanged, second.removed) == ((), ("main_externs.py",), ())
    third = apply_sidecars(tmp_path, ())
    assert third.removed == ("main_externs.py",)


def test_apply_refuses_a_hand_written_sidecar(tmp_path: Path) -> None:
    target = tmp_path / "main_externs.py"
    target.write_text("def greet_hello(x):\n    return x\n", encoding="utf-8")
    planned = plan_sidecars([("main.mochi", "a")], {"a": wrapper("a", "f")})
    with pytest.raises(SidecarConflictError) as caught:
        apply_sidecars(tmp_path, planned)
    assert (caught.value.path, caught.value.source) == ("main_externs.py", "main.mochi")
    assert target.read_text(encoding="utf-8").startswith("def greet_hello")
