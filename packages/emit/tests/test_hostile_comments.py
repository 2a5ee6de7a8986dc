"""Hostile text in skip details, item paths and package metadata stays inside its comment."""

from __future__ import annotations

import pytest
from emit_helpers import code_lines, demo_wrapper, fun, param, wrapper

from mochi_py_emit import ShimOptions, emit_shim, validate_shim
from mochi_py_typemap import INT, SkipReason, SkipReport

HOSTILE = [
    ("newline", "x\nextern python fun dk.evil(): unit", "\\u000a"),
    ("carriage return", "x\rextern python fun dk.evil(): unit", "\\u000d"),
    ("CRLF", "x\r\nextern python fun dk.evil(): unit", "\\u000d\\u000a"),
    ("line separator", "x\u2028extern python fun dk.evil(): unit", "\\u2028"),
    ("paragraph separator", "x\u2029extern python fun dk.evil(): unit", "\\u2029"),
    ("NUL", "x\x00y", "\\u0000"),
    ("NEL", "x\x85extern python fun dk.evil(): unit", "\\u0085"),
    ("vertical tab", "x\x0bextern", "\\u000b"),
    ("form feed", "x\x0cextern", "\\u000c"),
    ("bidi override", "access\u202e\u2066 // check\u2069\u2066", "\\u202e\\u2066"),
    ("zero width space", "a\u200bb", "\\u200b"),
    ("BOM", "\ufeffx", "\\ufeff"),
    ("tab", "a\tb", "\\u0009"),
    ("private use astral", "a\U000f0000b", "\\U000f0000"),
]


def _shim_with_detail(detail: str, item_path: str = "demokit.f") -> str:
    skip = SkipReport(item_path, SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, detail)
    w = wrapper(externs=(fun("g", param("x", INT), returns=INT),), skipped=(skip,))
    return emit_shim(w).source


@pytest.mark.parametrize(("label", "detail", "escaped"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_detail_cannot_leave_its_comment(label: str, detail: str, escaped: str) -> None:
    source = _shim_with_detail(detail)
    validate_shim(source)
    assert code_lines(source) == ["extern python fun dk.g(x: int): int"], label
    assert escaped in source
    # The skip block is exactly its heading and one entry; nothing else was created.
    assert source.count("\n") == 3 + 1 + 1 + 1 + 2


@pytest.mark.parametrize(("label", "detail", "escaped"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_item_path_cannot_leave_its_comment(label: str, detail: str, escaped: str) -> None:
    source = _shim_with_detail("plain", item_path=f"demokit.{detail}")
    validate_shim(source)
    assert code_lines(source) == ["extern python fun dk.g(x: int): int"], label
    assert escaped in source


def test_block_comment_markers_are_harmless_in_a_line_comment() -> None:
    source = _shim_with_detail("*/ extern python fun dk.evil(): unit /*")
    validate_shim(source)
    assert code_lines(source) == ["extern python fun dk.g(x: int): int"]
    assert "//   demokit.f (SkipUnsupportedTypingConstruct): */ extern python" in source


def test_printable_ascii_is_kept_as_is() -> None:
    source = _shim_with_detail("Optional[Dict[str, 'quoted']] \\n stays ~!")
    assert "Optional[Dict[str, 'quoted']] \\n stays ~!\n" in source


def test_non_ascii_is_escaped() -> None:
    # Homoglyphs and characters whose Unicode class differs between Python versions.
    source = _shim_with_detail("“café” а\x7f")
    assert "\\u201ccaf\\u00e9\\u201d \\u0430\\u007f\n" in source
    assert source.split("\n", 1)[1].isascii()


def test_every_hostile_detail_at_once() -> None:
    skips = tuple(
        SkipReport(f"demokit.f{i}", SkipReason.FORWARD_REF, detail)
        for i, (_, detail, _) in enumerate(HOSTILE)
    )
    base = demo_wrapper()
    w = wrapper(externs=base.externs, types=base.types, skipped=skips)
    source = emit_shim(w).source
    validate_shim(source)
    assert len(code_lines(source)) == len(base.externs) + len(base.types)
    assert len(source.split("\n")) == 3 + 1 + 5 + 1 + 11 + 1 + 1 + len(HOSTILE) + 1


def test_hostile_import_name_and_package_in_banner() -> None:
    w = wrapper(import_name="demo\nextern python fun dk.evil(): unit")
    source = emit_shim(w).source
    validate_shim(source)
    assert code_lines(source) == []
    assert "(import demo\\u000aextern python fun dk.evil(): unit) as dk" in source


def test_empty_detail_has_no_dangling_colon() -> None:
    skip = SkipReport("demokit.f", SkipReason.DUNDER, "")
    source = emit_shim(wrapper(skipped=(skip,)), ShimOptions(header=False)).source
    assert source == "// Skipped (see SKIPPED.txt):\n//   demokit.f (SkipDunder)\n"
