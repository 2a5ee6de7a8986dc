"""Hostile names and texts in a package never reach generated code except validated."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

import pytest
from hostile import HOSTILE
from wrapper_helpers import Built

from mochi_py_typemap import SkipReason
from mochi_py_wrapper import Wrapper

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\Z", re.ASCII)
_ALLOWED_IMPORTS = {"typing", "builtins", "importlib"}


def _extern_names(wrapper: Wrapper) -> list[str]:
    names = []
    for e in wrapper.externs:
        names.append(e.mochi_name)
        if e.async_name is not None:
            names.append(e.async_name)
    return names


def assert_only_expected(source: str, wrapper: Wrapper, *, stub: bool) -> None:
    """The module holds only the expected imports, `_mochi_*`/`__all__` assignments, private
    helper functions and one function per extern; every string literal is an identifier or
    a dotted path (no text from the stub survives as data, let alone as code)."""
    tree = ast.parse(source)
    defs: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            assert node.module in ("__future__", "_mochi_wrap"), ast.dump(node)
            assert node.level == 0  # absolute import of the runtime (reference §16.5)
        elif isinstance(node, ast.Import):
            (alias,) = node.names
            if alias.name == wrapper.import_name:
                assert alias.asname == "_src"
            else:
                assert alias.name in _ALLOWED_IMPORTS, alias.name
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                assert isinstance(target, ast.Name), ast.dump(node)
                assert (
                    target.id == "__all__"
                    or target.id.startswith("_mochi_")
                    or (target.id == "_src" and not stub)
                ), target.id
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.name.startswith("_mochi_"):
                assert not stub
            else:
                defs.append(node.name)
        else:
            raise AssertionError(f"unexpected top-level statement: {ast.dump(node)}")
    assert sorted(defs) == sorted(_extern_names(wrapper))
    assert len(defs) == len(set(defs))
    for sub in ast.walk(tree):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            assert _IDENT.match(sub.value), sub.value
        if isinstance(sub, ast.Expr) and not isinstance(sub.value, ast.Constant):
            # bare expression statements only in stub bodies (`...`)
            raise AssertionError(ast.dump(sub))


@pytest.fixture
def hostile(build: Callable[..., Built]) -> Built:
    return build(HOSTILE, stem="hostile", alias="h")


def test_generated_code_compiles_and_holds_nothing_unexpected(hostile: Built) -> None:
    w = hostile.wrapper
    compile(w.py_source, "w.py", "exec")
    assert_only_expected(w.py_source, w, stub=False)
    assert_only_expected(w.pyi_source, w, stub=True)


def test_no_stub_text_reaches_the_output(hostile: Built) -> None:
    w = hostile.wrapper
    for text in ("import os", "pwned", "abs(", "Quotes", "\u202e", "\ufb01", "caf\u00e9"):
        assert text not in w.py_source
        assert text not in w.pyi_source


def test_reserved_words_and_keywords_are_mangled_and_recorded(hostile: Built) -> None:
    w = hostile.wrapper
    assert set(w.name_map) >= {
        ("fetch_", "fetch"),
        ("load_", "load"),
        ("load__", "load_"),  # one more underscore keeps the mapping reversible
        ("class__", "class_"),
        ("match_", "match"),
        ("type_", "type"),
        ("lambda__", "lambda_"),
    }
    names = {e.mochi_name for e in w.externs}
    assert {"fetch_", "load_", "load__", "class__", "match_", "type_", "ok"} <= names
    assert not names & {"fetch", "load", "match", "type", "class_"}


def test_mangled_wrappers_call_the_right_functions(hostile: Built) -> None:
    m = hostile.load()
    assert m.load_("p") == "load:p"
    assert m.load__("p") == "load_:p"
    assert m.class__(1, 2, 3) == 6
    assert m.class__(1, 2, 3, self=4) == 10
    assert m.type_(5) == 5
    assert m.Rec("a", 1) == {"type_": "a", "lambda__": 1}
    assert m.with_default() == 7 + len("\\'; import os; '")
    assert m.with_default(x=1, y="") == 1
    assert m.BANNER().startswith('"""')  # the value is data, read at run time


def _skips(w: Wrapper) -> dict[str, SkipReason]:
    return {s.item_path: s.reason for s in w.skipped}


def test_refusals_are_skip_reports(hostile: Built) -> None:
    w = hostile.wrapper
    skips = _skips(w)
    pkg = w.import_name
    for name in (
        "a'b",
        "x\nimport os",
        "\ufb01le",
        "caf\u00e9",
        "bidi\u202egood",
        "evil; import os",
        "__import__",
        "_src",
        "_mochi_x",
        "hidden",  # its parameter is not ASCII
        "\u00e9",
    ):
        assert f"{pkg}.{name}" in skips, name
    assert skips[f"{pkg}._src"] is SkipReason.INVALID_IDENTIFIER
    assert skips[f"{pkg}.__import__"] is SkipReason.INVALID_IDENTIFIER


def test_collisions_refuse_both_sides(hostile: Built) -> None:
    w = hostile.wrapper
    pkg = w.import_name
    by_path = {s.item_path: s for s in w.skipped}
    method, function = by_path[f"{pkg}.Client.get"], by_path[f"{pkg}.Client_get"]
    assert f"{pkg}.Client_get" in method.detail
    assert f"{pkg}.Client.get" in function.detail
    assert "Client_get" not in {e.mochi_name for e in w.externs}
    client = next(i for i in w.items if i.name == "Client")
    assert getattr(client, "methods", None) == ()  # the refused member is pruned from items
