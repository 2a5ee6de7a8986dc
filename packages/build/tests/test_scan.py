"""The Mochi import scanner: scan_imports over text and scan_project over a directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_build import ImportStatement, ScanError, scan_imports, scan_project


def _specs(text: str) -> list[tuple[str, str]]:
    return [(s.spec, s.alias) for s in scan_imports(text)]


def test_finds_a_simple_import_with_positions() -> None:
    text = 'let x = 1\n  import python "httpx@>=0.27,<0.30" as httpx\n'
    (statement,) = scan_imports(text, path="main.mochi")
    assert statement == ImportStatement(
        path="main.mochi",
        line=2,
        column=3,
        spec="httpx@>=0.27,<0.30",
        alias="httpx",
        spec_line=2,
        spec_column=17,
    )


def test_default_path() -> None:
    assert scan_imports('import python "a" as a')[0].path == "<string>"


def test_several_imports_in_source_order() -> None:
    text = (
        'import python "httpx" as httpx\n'
        'import go "strings" as strings\n'
        'import "./local" as local\n'
        'import python "rich@~=13.0" as rich\n'
    )
    assert _specs(text) == [("httpx", "httpx"), ("rich@~=13.0", "rich")]


def test_any_whitespace_and_comments_between_tokens() -> None:
    text = 'import\n\tpython   /* why */ "numpy"\n  // the alias\n  as\n\n np ;'
    (statement,) = scan_imports(text)
    assert (statement.spec, statement.alias, statement.line, statement.column) == (
        "numpy",
        "np",
        1,
        1,
    )
    assert (statement.spec_line, statement.spec_column) == (2, 21)


def test_line_comments_are_skipped() -> None:
    text = '// import python "a" as a\n# import python "b" as b\nimport python "c" as c'
    assert _specs(text) == [("c", "c")]


def test_block_comments_are_skipped_and_do_not_nest() -> None:
    text = '/* import python "a" as a /* */ import python "b" as b /* x\n */'
    assert _specs(text) == [("b", "b")]


def test_string_contents_are_not_imports() -> None:
    text = 'let s = "import python \\"x\\" as y"\nprint(s)\nimport python "real" as real'
    assert _specs(text) == [("real", "real")]


def test_strings_may_hold_comment_markers() -> None:
    text = 'let s = "// not a comment /*"\nimport python "a" as a'
    assert _specs(text) == [("a", "a")]


def test_identifiers_containing_import_are_not_imports() -> None:
    # `1import` is one number token, so the `python` after it does not follow `import`.
    text = 'let reimport = 1\nlet import_python = 2\nimportpython "x" as y\n1import python'
    assert _specs(text) == []


def test_other_languages_and_auto_are_ignored() -> None:
    text = 'import go "strings" as s auto\nimport python "math" as m auto'
    assert _specs(text) == [("math", "m")]


def test_escapes_are_decoded() -> None:
    text = r'import python "a\"b\\c\u0041\U00000042\x43\104" as a'
    assert scan_imports(text)[0].spec == 'a"b\\cABCD'


def test_simple_escapes() -> None:
    text = r'import python "\a\b\f\n\r\t\v" as a'
    assert scan_imports(text)[0].spec == "\a\b\f\n\r\t\v"


def test_byte_escapes_forming_utf8() -> None:
    assert scan_imports(r'import python "\xc3\xbf" as a')[0].spec == "ÿ"


def test_unicode_text_and_columns_count_characters() -> None:
    text = 'let é = "ÿÿ"; import python "π" as p'
    (statement,) = scan_imports(text)
    assert statement.spec == "π"
    assert statement.column == 15


def test_byte_order_mark_is_skipped() -> None:
    (statement,) = scan_imports('\ufeffimport python "a" as a')
    assert (statement.line, statement.column) == (1, 1)


def test_crlf_line_endings() -> None:
    text = 'let x = 1\r\nimport python "a" as a\r\n'
    (statement,) = scan_imports(text)
    assert (statement.line, statement.column) == (2, 1)


def test_spec_is_not_parsed_here() -> None:
    assert scan_imports('import python "not a spec!" as a')[0].spec == "not a spec!"


def test_non_import_strings_may_span_lines_and_hold_odd_escapes() -> None:
    text = 'let s = "line one\nline two \\q"\nimport python "a" as a'
    assert _specs(text) == [("a", "a")]


def _scan_error(text: str) -> ScanError:
    with pytest.raises(ScanError) as info:
        scan_imports(text, path="app.mochi")
    error = info.value
    assert isinstance(error, ValueError)
    assert error.path == "app.mochi"
    assert str(error).startswith(f"app.mochi:{error.line}:{error.column}: ")
    return error


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("import python", 1, 14, "expected the spec string"),
        ("import python as x", 1, 14, "expected the spec string"),
        ("import python httpx as httpx", 1, 14, "expected the spec string"),
        ('import python "httpx"', 1, 22, "expected `as <alias>`"),
        ('import python "httpx"\nlet x = 1', 1, 22, "expected `as <alias>`"),
        ('import python "httpx" as', 1, 25, "expected an alias"),
        ('import python "httpx" as "x"', 1, 25, "expected an alias"),
        ('import python "httpx" as 1x', 1, 25, "expected an alias"),
        ('import python "httpx" as class', 1, 26, "Python keyword"),
        ('import python "httpx" as fetch', 1, 26, "reserved word in Mochi"),
        ('import python "httpx" as ÿ', 1, 26, "ASCII identifier"),
        ('import python "httpx" as con', 1, 26, "Windows device"),
        ('import python "httpx as httpx', 1, 15, "unterminated string"),
        ('let s = "abc', 1, 9, "unterminated string"),
        ('let s = "abc\\', 1, 9, "unterminated string"),
        ("/* never closed\nimport", 1, 1, "unterminated block comment"),
        ('import python "a\nb" as a', 1, 17, "line break"),
        ('import python "a\\q" as a', 1, 17, "unknown escape"),
        ('import python "a\\x4" as a', 1, 17, "\\x needs two hex digits"),
        ('import python "a\\u12" as a', 1, 17, "\\u needs 4 hex digits"),
        ('import python "a\\U0011FFFF" as a', 1, 17, "not a Unicode scalar value"),
        ('import python "a\\uD800" as a', 1, 17, "not a Unicode scalar value"),
        ('import python "a\\400" as a', 1, 17, "octal"),
        ('import python "a\\\'" as a', 1, 17, "unknown escape"),
        ('import python "\\xff" as a', 1, 15, "valid UTF-8"),
    ],
)
def test_scan_errors(text: str, line: int, column: int, words: str) -> None:
    error = _scan_error(text)
    assert (error.line, error.column) == (line, column), error.message
    assert words in error.message


# ---------------------------------------------------------------------------- properties


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_only_raises_scan_error(text: str) -> None:
    position = _error_position(text)
    if position is None:
        assert all(isinstance(s, ImportStatement) for s in scan_imports(text))
    else:
        assert position[0] >= 1
        assert position[1] >= 1


def _error_position(text: str) -> tuple[int, int] | None:
    """None when `text` scans; the error's (line, column) when it raises ScanError."""
    try:
        scan_imports(text)
    except ScanError as exc:
        return exc.line, exc.column
    return None


_PIECES = st.sampled_from(
    [
        "import",
        " python ",
        ' "httpx" ',
        " as ",
        "httpx",
        "\n",
        "//",
        "/*",
        "*/",
        '"',
        "\\",
        "#",
        ";",
        "\\u00e9",
        "ÿ",
        "\r\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_import_shaped_noise_only_raises_scan_error(text: str) -> None:
    position = _error_position(text)
    assert position is None or min(position) >= 1


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[a-z][a-z0-9]{0,6}(@[<>=]=[0-9]{1,2})?", fullmatch=True),
            st.from_regex(r"[a-z][a-z0-9_]{1,6}", fullmatch=True).filter(
                lambda a: a not in {"if", "in", "as", "on", "for", "let", "var", "fun", "set"}
            ),
        ),
        max_size=5,
    ),
    st.sampled_from(["\n", " ", "\n\n// c\n", " /* c */ ", ";"]),
)
def test_generated_imports_are_all_found(imports: list[tuple[str, str]], separator: str) -> None:
    text = separator.join(f'import python "{spec}" as {alias}' for spec, alias in imports)
    try:
        found = scan_imports(text)
    except ScanError as exc:
        message = exc.message
    else:
        assert [(s.spec, s.alias) for s in found] == imports
        return
    # Only a reserved alias may be refused.
    assert "invalid alias" in message


# ---------------------------------------------------------------------------- scan_project


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_scan_project_walks_sorted_relative_paths(tmp_path: Path) -> None:
    _write(tmp_path, "main.mochi", 'import python "httpx" as httpx\n')
    _write(tmp_path, "lib/b.mochi", 'import python "rich" as rich\n')
    _write(tmp_path, "lib/a.mochi", 'import python "numpy" as np\nimport python "attrs" as at\n')
    _write(tmp_path, "lib/notes.txt", 'import python "nope" as nope\n')
    _write(tmp_path, "Z.mochi", "let x = 1\n")
    found = scan_project(tmp_path)
    assert [(s.path, s.line, s.spec, s.alias) for s in found] == [
        ("lib/a.mochi", 1, "numpy", "np"),
        ("lib/a.mochi", 2, "attrs", "at"),
        ("lib/b.mochi", 1, "rich", "rich"),
        ("main.mochi", 1, "httpx", "httpx"),
    ]


def test_scan_project_skips_generated_hidden_and_vendor_dirs(tmp_path: Path) -> None:
    _write(tmp_path, "app.mochi", 'import python "a" as a\n')
    for skipped in (
        "python_workspace/python_wrap/a/a_shim.mochi",
        ".venv/lib/x.mochi",
        ".git/y.mochi",
        "node_modules/pkg/z.mochi",
        "src/.hidden/w.mochi",
        "src/.#app.mochi",
    ):
        _write(tmp_path, skipped, 'import python "skip" as skip\n')
    assert [s.spec for s in scan_project(tmp_path)] == ["a"]


def test_scan_project_does_not_follow_directory_links(tmp_path: Path) -> None:
    _write(tmp_path, "app.mochi", 'import python "a" as a\n')
    try:
        os.symlink(tmp_path, tmp_path / "loop", target_is_directory=True)
    except (OSError, NotImplementedError):
        pytest.skip("symlinks are not available here")
    assert [s.path for s in scan_project(tmp_path)] == ["app.mochi"]


def test_scan_project_accepts_str_root(tmp_path: Path) -> None:
    _write(tmp_path, "app.mochi", 'import python "a" as a\n')
    assert len(scan_project(str(tmp_path))) == 1


def test_scan_project_reports_errors_with_relative_path(tmp_path: Path) -> None:
    _write(tmp_path, "ok.mochi", 'import python "a" as a\n')
    _write(tmp_path, "sub/bad.mochi", 'let x = 1\nimport python "a"\n')
    with pytest.raises(ScanError) as info:
        scan_project(tmp_path)
    assert (info.value.path, info.value.line, info.value.column) == ("sub/bad.mochi", 2, 18)


def test_scan_project_reports_invalid_utf8_position(tmp_path: Path) -> None:
    (tmp_path / "bad.mochi").write_bytes(b'let x = 1\nlet s = "ab\xff"\n')
    with pytest.raises(ScanError) as info:
        scan_project(tmp_path)
    assert (info.value.path, info.value.line, info.value.column) == ("bad.mochi", 2, 12)
    assert "UTF-8" in info.value.message


def test_scan_project_refuses_a_file_root(tmp_path: Path) -> None:
    target = tmp_path / "app.mochi"
    target.write_text("", encoding="utf-8")
    with pytest.raises(ScanError) as info:
        scan_project(target)
    assert info.value.path == str(target)
    assert "not a directory" in info.value.message


def test_scan_project_empty_dir(tmp_path: Path) -> None:
    assert scan_project(tmp_path) == ()
