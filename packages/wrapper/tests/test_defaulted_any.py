"""A defaulted parameter that typemap types `any` (its annotation has no Mochi type) stays a
keyword-only wrapper parameter with the sentinel default, passes a Python caller's value
through unchanged, and is not declared in the shim."""

from __future__ import annotations

from collections.abc import Callable

from corpus import DEFAULTED
from wrapper_helpers import Built

from mochi_py_stubs import ParamKind
from mochi_py_typemap import ANY, STRING, SkipReason
from mochi_py_wrapper import Extern, ExternKind


def _extern(built: Built, name: str) -> Extern:
    (found,) = [e for e in built.wrapper.externs if e.mochi_name == name]
    return found


def test_the_function_is_bound_with_an_any_keyword_parameter(
    build: Callable[..., Built],
) -> None:
    built = build(DEFAULTED, stem="defaulted")
    get = _extern(built, "get")
    assert get.kind is ExternKind.FUNCTION
    assert [(p.name, p.type, p.has_default) for p in get.params] == [
        ("url", STRING, False),
        ("params", ANY, True),
        ("timeout", get.params[2].type, True),
    ]
    assert [p.name for p in get.shim_params] == ["url"]
    assert get.params[1].kind is ParamKind.KEYWORD_ONLY
    ctor = _extern(built, "Client")
    assert ctor.kind is ExternKind.CONSTRUCTOR
    assert [(p.name, p.type) for p in ctor.params] == [("headers", ANY)]
    assert ctor.shim_params == ()
    method = _extern(built, "Client_get")
    assert [p.name for p in method.shim_params] == ["self", "url"]
    pyi = built.wrapper.pyi_source
    assert "def get(url: str, *, params: _t.Any = ..., timeout: float = ...)" in pyi
    assert "def Client(*, headers: _t.Any = ...)" in pyi
    notes = {s.item_path: s.reason for s in built.wrapper.skipped}
    module = built.wrapper.import_name
    assert notes[f"{module}.get.params"] is SkipReason.NO_BYTES_TYPE
    assert notes[f"{module}.Client.__init__.headers"] is SkipReason.NO_BYTES_TYPE
    assert notes[f"{module}.Client.get.params"] is SkipReason.NO_BYTES_TYPE
    assert f"{module}.get" not in notes


def test_python_callers_pass_any_value_through(build: Callable[..., Built]) -> None:
    m = build(DEFAULTED, stem="defaultedrun").load()
    assert m.Response_text(m.get("u")) == "u None 5.0"
    assert m.Response_text(m.get("u", params=b"a=1")) == "u b'a=1' 5.0"
    assert m.Response_text(m.get("u", params={"a": "1"}, timeout=1.0)) == "u {'a': '1'} 1.0"
    client = m.Client(headers={"x": b"1"})
    assert m.Response_text(m.Client_get(client, "v")) == "v None ['x']"
    assert m.Response_text(m.Client_get(client, "v", params=b"q")) == "v b'q' ['x']"
    assert m.Response_text(m.Client_get(m.Client(), "w")) == "w None []"
