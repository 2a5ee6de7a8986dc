"""allow_partial, private record classes (bound through the runtime's resolve), hot paths."""

from __future__ import annotations

from collections.abc import Callable

from corpus import ANY_SOURCE, DEMO, PRIVATE_RECORD
from wrapper_helpers import Built

from mochi_py_typemap import SkipReason
from mochi_py_wrapper import WrapperOptions


def test_any_is_skipped_unless_partial(build: Callable[..., Built]) -> None:
    strict = build(ANY_SOURCE, stem="strict").wrapper
    assert "anything" not in {e.mochi_name for e in strict.externs}
    assert any(s.item_path.endswith(".anything") for s in strict.skipped)
    assert all(s.reason is not SkipReason.INVALID_IDENTIFIER for s in strict.skipped)

    built = build(ANY_SOURCE, WrapperOptions(allow_partial=True), stem="partial")
    assert "anything" in {e.mochi_name for e in built.wrapper.externs}
    m = built.load()
    # `any` results go through the runtime's generic to_mochi.
    assert m.anything(5) == [{"v": 5}, ({"v": 1}, 2), {"k": {"v": 3}}]


def test_private_record_class_is_resolved_at_import(build: Callable[..., Built]) -> None:
    built = build(PRIVATE_RECORD, stem="private")
    source = built.wrapper.py_source
    assert "_mochi_resolve(" in source
    m = built.load()
    item = m.make(2)
    assert item == {"n": 2, "labels": ["2"]}
    assert m.size(item) == 3


def test_plain_sync_call_is_one_direct_return(build: Callable[..., Built]) -> None:
    source = build(DEMO, stem="hot").wrapper.py_source
    # No conversion, no defaults: no allocation beyond the call itself.
    assert "def add(a: int, b: int) -> int:\n    return _mochi_src.add(a, b)\n" in source
    assert (
        "def fetch_sync(url: str, *, upper: bool = _MISSING) -> str:\n"
        "    _mochi_kw: _t.Dict[str, _t.Any] = {}\n" in source
    )
