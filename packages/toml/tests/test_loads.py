"""Reading TOML: loads / load, and the positions their errors carry."""

from __future__ import annotations

import pathlib
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mochi_py_toml._read as read_module
from mochi_py_toml import TomlError, dumps, load, loads
from mochi_py_toml._read import _from_decode_error


def test_loads_returns_the_document() -> None:
    assert loads('a = 1\n[t]\nb = "x"\n') == {"a": 1, "t": {"b": "x"}}


def test_loads_empty_text_is_an_empty_document() -> None:
    assert loads("") == {}


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a = ", 1, 5, "Invalid value"),  # "(at end of document)" in tomllib's text
        ("a = 1\nb = [1,\n", 3, 1, "Invalid value"),
        ("a = 1\na = 2\n", 2, 6, "Cannot overwrite a value"),
        ("a = 1 b\n", 1, 7, "Expected newline or end of document after a statement"),
        ("[t]\n[t]\n", 2, 3, "Cannot declare ('t',) twice"),
        ("ok = 1\n= 2\n", 2, 1, "Invalid statement"),
        ("a = 1979-02-29\n", 1, 5, "Invalid date or datetime"),
        ("a = 1\rb = 2\n", 1, 6, "Expected newline or end of document after a statement"),
    ],
)
def test_syntax_errors_carry_line_and_column(
    text: str, line: int, column: int, message: str
) -> None:
    with pytest.raises(TomlError) as info:
        loads(text, path="conf/x.toml")
    error = info.value
    assert (error.path, error.line, error.column) == ("conf/x.toml", line, column)
    assert error.message == message
    assert str(error) == f"conf/x.toml:{line}:{column}: {message}"


def test_errors_without_path_have_none() -> None:
    with pytest.raises(TomlError) as info:
        loads("a = ")
    assert info.value.path is None
    assert str(info.value) == "1:5: Invalid value"


def test_lone_surrogate_is_rejected_with_its_position() -> None:
    with pytest.raises(TomlError) as info:
        loads('a = 1\nb = "x\ud800"\n', path="p")
    error = info.value
    assert (error.path, error.line, error.column) == ("p", 2, 7)
    assert "U+D800" in error.message


def test_lone_surrogate_in_a_comment_is_rejected_too() -> None:
    with pytest.raises(TomlError) as info:
        loads("# \udfff\n")
    assert (info.value.line, info.value.column) == (1, 3)


def test_deep_nesting_is_a_toml_error_at_the_deepest_bracket() -> None:
    depth = 5000
    text = "a = 1\nb = " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(TomlError) as info:
        loads(text, path="deep.toml")
    error = info.value
    assert (error.path, error.line, error.column) == ("deep.toml", 2, 4 + depth)
    assert "nested too deeply" in error.message


def test_deep_inline_tables_are_a_toml_error() -> None:
    depth = 3000
    with pytest.raises(TomlError) as info:
        loads("a = " + "{ b = " * depth + "1" + " }" * depth)
    assert info.value.line == 1
    assert info.value.column == 5 + 6 * (depth - 1)


def test_moderate_nesting_is_fine() -> None:
    assert loads("a = " + "[" * 100 + "]" * 100)["a"] is not None


def test_bytes_are_a_type_error() -> None:
    with pytest.raises(TypeError):
        loads(b"a = 1")  # type: ignore[arg-type]


# TOML 1.1 syntax that newer parsers accept. mochi-py reads TOML 1.0 on every Python: tomllib on
# 3.11-3.13 rejects all of these, and the tomli requirement is capped below 2.4 for 3.10.
TOML_1_1_ONLY = [
    'a = "\\e"',
    'a = "\\x41"',
    'a = """\\x41"""',
    "a = { b = 1, }",
    "a = {\n  b = 1\n}",
    "a = { b = 1, # comment\n c = 2 }",
    "a = 07:32",
    "a = 1979-05-27T07:32Z",
    "a = 1979-05-27 07:32",
]


@pytest.mark.parametrize("text", TOML_1_1_ONLY)
def test_toml_1_1_only_syntax_is_rejected(text: str) -> None:
    with pytest.raises(TomlError) as info:
        loads(text)
    assert info.value.line is not None
    assert info.value.column is not None


@pytest.mark.skipif(sys.version_info >= (3, 11), reason="tomli is only used on Python 3.10")
def test_tomli_is_capped_below_toml_1_1() -> None:
    from importlib.metadata import version

    from packaging.version import Version

    assert Version(version("tomli")) < Version("2.4")


class _TextOnlyError(ValueError):
    """What tomllib 3.11-3.13 raises: the position only in the text."""


class _AttributeError(ValueError):
    """What tomli >= 2.1 raises: the position also as attributes."""

    def __init__(self, message: str, lineno: int, colno: int) -> None:
        super().__init__(message)
        self.lineno = lineno
        self.colno = colno


def test_position_is_read_from_the_message_text() -> None:
    error = _from_decode_error(_TextOnlyError("Bad thing (at line 4, column 2)"), "", "p")
    assert (error.message, error.path, error.line, error.column) == ("Bad thing", "p", 4, 2)


def test_end_of_document_is_turned_into_a_position() -> None:
    error = _from_decode_error(_TextOnlyError("Bad (at end of document)"), "a\nbc", None)
    assert (error.message, error.line, error.column) == ("Bad", 2, 3)


def test_position_attributes_win_over_the_text() -> None:
    raised = _AttributeError("Bad (at line 9, column 9)", lineno=2, colno=3)
    error = _from_decode_error(raised, "", None)
    assert (error.message, error.line, error.column) == ("Bad", 2, 3)


def test_no_position_at_all_gives_none() -> None:
    error = _from_decode_error(_TextOnlyError("Bad"), "", None)
    assert (error.message, error.line, error.column) == ("Bad", None, None)


def test_untyped_value_errors_from_the_parser_become_toml_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Old tomli releases let a few ValueErrors (impossible dates) escape untyped.
    def raising(text: str) -> dict[str, Any]:
        raise ValueError("day is out of range for month")

    monkeypatch.setattr(read_module.tomllib, "loads", raising)
    with pytest.raises(TomlError) as info:
        loads("a = 1", path="p")
    assert (info.value.message, info.value.path) == ("day is out of range for month", "p")


def test_load_reads_utf8_bytes(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes('name = "h\u00e9"\r\n'.encode())
    assert load(path) == {"name": "h\u00e9"}
    assert load(str(path)) == {"name": "h\u00e9"}


def test_load_undecodable_bytes(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pathlib.Path("bad.toml").write_bytes(b'a = 1\nb = "\xc3\xa9\xff"\n')
    with pytest.raises(TomlError) as info:
        load("bad.toml")
    error = info.value
    assert (error.path, error.line, error.column) == ("bad.toml", 2, 7)
    assert "not UTF-8" in error.message
    assert str(error).startswith("bad.toml:2:7: ")


def test_load_rejects_a_byte_order_mark(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbfa = 1\n")
    with pytest.raises(TomlError) as info:
        load(path)
    assert (info.value.path, info.value.line, info.value.column) == (str(path), 1, 1)


def test_load_syntax_error_names_the_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("a = 1\nb =\n", encoding="utf-8")
    with pytest.raises(TomlError) as info:
        load(path)
    assert (info.value.path, info.value.line, info.value.column) == (str(path), 2, 4)


def test_load_missing_file_is_an_os_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "absent.toml")


# --------------------------------------------------------------------------- fuzzing

_TOMLISH = st.text(alphabet="[]{}=\"'#\n\r\t .,:-+_\\abcenxtruf0123456789Z\x00\x7f\ud800é")


def _loads_or_toml_error(text: str) -> None:
    error: TomlError | None = None
    try:
        result = loads(text)
    except TomlError as exc:
        error = exc
    else:
        assert isinstance(result, dict)
    if error is not None and error.line is not None:
        assert error.line >= 1
        assert error.column is not None
        assert error.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_raises_only_toml_error(text: str) -> None:
    _loads_or_toml_error(text)


@settings(max_examples=200, deadline=None)
@given(_TOMLISH)
def test_toml_looking_text_raises_only_toml_error(text: str) -> None:
    _loads_or_toml_error(text)


_VALID = dumps(
    {
        "schema-version": 1,
        "s": 'q"\\\t\u2028',
        "arr": [1, [2.5, "x"], {"k": True}],
        "when": "1979-05-27",
        "t": {"x": {"y": [1, 2]}, "z": "zz"},
        "python-package": [{"name": "a", "capabilities": ["async"]}, {"name": "b"}],
    }
)


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    text = _VALID
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        piece = draw(st.text(alphabet="[]{}=\"'#\n,.\\ 1aZ:-", min_size=1, max_size=3))
        if action == "insert":
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + len(piece) :]
        elif action == "replace":
            text = text[:at] + piece + text[at + len(piece) :]
        else:
            text = text[:at] + text[at : at + 20] + text[at:]
    return text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_mutations_of_valid_toml_raise_only_toml_error(text: str) -> None:
    _loads_or_toml_error(text)


_SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=())


@given(st.text(alphabet=st.one_of(st.characters(), _SURROGATES)))
def test_the_first_lone_surrogate_is_found_whatever_the_text(text: str) -> None:
    import re

    from mochi_py_toml._scan import first_surrogate

    expected = re.search("[\ud800-\udfff]", text)
    assert first_surrogate(text) == (-1 if expected is None else expected.start())
