"""replace_array_of_tables: one array of tables replaced, every other byte left alone."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mochi_py_toml._splice as splice_module
from mochi_py_toml import TomlError, dumps, format_key, format_value, loads
from mochi_py_toml import replace_array_of_tables as splice

NAME = "python-package"
NEW = [{"name": "new", "capabilities": ["async"]}]
NEW_TEXT = dumps({NAME: NEW})

LOCK = """\
# Auto-generated MEP-71 python lockfile. Do not edit by hand.
schema-version = 1

# other tool's table
[tool.other]
x = 1

# describes the first package
[[python-package]]
name = "a"

[python-package.meta]
k = 1

# about z
[z]
y = \"\"\"
[[python-package]]
\"\"\"

[[python-package]]
name = "b"
"""


def test_replaces_every_table_at_the_first_ones_place() -> None:
    assert splice(LOCK, NAME, NEW) == (
        "# Auto-generated MEP-71 python lockfile. Do not edit by hand.\n"
        "schema-version = 1\n"
        "\n"
        "# other tool's table\n"
        "[tool.other]\n"
        "x = 1\n"
        "\n" + NEW_TEXT + "\n"
        "# about z\n"
        "[z]\n"
        'y = """\n'
        "[[python-package]]\n"
        '"""\n'
    )


def test_empty_tables_remove_the_array() -> None:
    assert splice(LOCK, NAME, []) == (
        "# Auto-generated MEP-71 python lockfile. Do not edit by hand.\n"
        "schema-version = 1\n"
        "\n"
        "# other tool's table\n"
        "[tool.other]\n"
        "x = 1\n"
        "\n"
        "# about z\n"
        "[z]\n"
        'y = """\n'
        "[[python-package]]\n"
        '"""\n'
    )


def test_absent_array_is_appended_after_one_blank_line() -> None:
    assert splice("a = 1\n", NAME, NEW) == "a = 1\n\n" + NEW_TEXT
    assert splice("a = 1", NAME, NEW) == "a = 1\n\n" + NEW_TEXT
    assert splice("a = 1\n\n", NAME, NEW) == "a = 1\n\n" + NEW_TEXT
    assert splice("# only a comment", NAME, NEW) == "# only a comment\n\n" + NEW_TEXT
    assert splice("", NAME, NEW) == NEW_TEXT


def test_absent_array_and_no_tables_leaves_the_text_alone() -> None:
    assert splice("a = 1", NAME, []) == "a = 1"
    assert splice("", NAME, []) == ""


def test_the_first_table_at_the_top() -> None:
    text = "[[python-package]]\nname = 'a'\n\n# about t\n[t]\nx = 1\n"
    assert splice(text, NAME, NEW) == NEW_TEXT + "\n# about t\n[t]\nx = 1\n"
    assert splice(text, NAME, []) == "# about t\n[t]\nx = 1\n"


def test_the_array_at_the_end_without_final_newline() -> None:
    text = "[t]\nx = 1\n[[python-package]]\nname = 'a'"
    assert splice(text, NAME, NEW) == "[t]\nx = 1\n\n" + NEW_TEXT
    assert splice(text, NAME, []) == "[t]\nx = 1\n"


def test_result_is_the_same_as_a_fresh_render() -> None:
    once = splice(LOCK, NAME, NEW)
    assert splice(once, NAME, NEW) == once
    assert loads(once)[NAME] == NEW


def test_crlf_documents_get_crlf() -> None:
    text = LOCK.replace("\n", "\r\n")
    result = splice(text, NAME, NEW)
    assert result == splice(LOCK, NAME, NEW).replace("\n", "\r\n")
    assert "\n" not in result.replace("\r\n", "")
    appended = splice("a = 1\r\n", NAME, NEW)
    assert appended == "a = 1\r\n\r\n" + NEW_TEXT.replace("\n", "\r\n")


def test_sub_tables_anywhere_are_removed() -> None:
    text = (
        "[[python-package]]\n"
        "name = 'a'\n"
        "[[python-package.files]]\n"
        "path = 'x'\n"
        "[other]\n"
        "k = 1\n"
        "# the last package's extra table\n"
        "[python-package.extra]\n"
        "e = 2\n"
    )
    assert splice(text, NAME, NEW) == NEW_TEXT + "\n[other]\nk = 1\n"


def test_header_spellings() -> None:
    text = (
        '[[ "python-package" ]]  # quoted, spaced, commented\n'
        "name = 'a'\n"
        "[[ python-package . 'files' ]]\n"
        "[t]\n"
    )
    assert splice(text, NAME, []) == "[t]\n"


def test_look_alike_tables_are_kept() -> None:
    text = (
        "[python-package-extra]\n"
        "a = 1\n"
        "[tool.python-package]\n"
        "b = 2\n"
        '["python-package.x"]\n'
        "c = 3\n"
        "[[python-package]]\n"
        "name = 'a'\n"
    )
    kept = text[: text.index("[[python-package]]")]
    assert splice(text, NAME, NEW) == kept + "\n" + NEW_TEXT


def test_lines_inside_values_are_not_headers() -> None:
    text = (
        "[t]\n"
        "arr = [\n"
        "  [1],\n"
        '  ["[[python-package]]"],\n'
        "]\n"
        "ml = '''\n"
        "[[python-package]]\n"
        "'''\n"
        'esc = """\\"""\n'
        "[python-package.x]\n"
        '"""\n'
        'quotes = """a""""\n'
        "s = '[[python-package]]' # [[python-package]]\n"
        "inline = { a = [\n"
        "[1]] }\n"
        "[[python-package]]\n"
        "name = 'a'\n"
    )
    kept = text[: text.index("[[python-package]]\nname")]
    assert splice(text, NAME, NEW) == kept + "\n" + NEW_TEXT
    assert loads(splice(text, NAME, NEW))["t"] == loads(text)["t"]


def test_other_names_work_too() -> None:
    text = '[["odd key"]]\nv = 1\n[t]\n'
    assert splice(text, "odd key", [{"v": 2}]) == '[["odd key"]]\nv = 2\n\n[t]\n'


def test_invalid_document_is_rejected_with_its_position() -> None:
    with pytest.raises(TomlError) as info:
        splice("a = 1\nb = [\n", NAME, NEW)
    assert (info.value.line, info.value.column) == (3, 1)


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("python-package = []\n", 1, 1, "key/value line"),
        ("a = 1\n  python-package = [{ name = 'x' }]\n", 2, 3, "key/value line"),
        ("python-package.x = 1\n", 1, 1, "key/value line"),
        ('"python-package" = { a = 1 }\n[t]\n', 1, 1, "key/value line"),
        ("a = 1\n[python-package]\nx = 1\n", 2, 1, "opened by [python-package]"),
        ("[t]\n [python-package.sub]\n", 2, 2, "opened by [python-package.sub]"),
        ("[[python-package.sub]]\n", 1, 1, "opened by [[python-package.sub]]"),
    ],
)
def test_name_defined_another_way_cannot_be_spliced(
    text: str, line: int, column: int, fragment: str
) -> None:
    with pytest.raises(TomlError) as info:
        splice(text, NAME, NEW)
    error = info.value
    assert (error.line, error.column) == (line, column)
    assert fragment in error.message
    assert "cannot be spliced" in error.message


def test_name_in_another_table_is_not_ours() -> None:
    text = "[t]\npython-package = [1]\n"
    assert splice(text, NAME, NEW) == text + "\n" + NEW_TEXT


@pytest.mark.parametrize(
    ("tables", "key_path", "fragment"),
    [
        ([{"name": "a"}, {"name": None}], "python-package[1].name", "None"),
        ([{"name": "a"}, "b"], "python-package[1]", "holds mappings, not str"),
        ("abc", "python-package", "sequence of mappings"),
        (None, "python-package", "sequence of mappings"),
        ([{"v": {1, 2}}], "python-package[0].v", "set"),
    ],
)
def test_unwritable_tables_name_their_key_path(tables: Any, key_path: str, fragment: str) -> None:
    with pytest.raises(TomlError) as info:
        splice(LOCK, NAME, tables)
    assert info.value.key_path == key_path
    assert fragment in info.value.message


def test_bad_name_is_rejected() -> None:
    with pytest.raises(TomlError):
        splice(LOCK, "x\ud800", NEW)


def test_self_check_guards_against_a_wrong_splice(monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulate a scanner bug that would remove the wrong lines: the guard must refuse.
    def wrong(text: str, lines: Any, name: str) -> frozenset[int]:
        return frozenset({4})

    monkeypatch.setattr(splice_module, "_removed_lines", wrong)
    with pytest.raises(TomlError) as info:
        splice(LOCK, NAME, NEW)
    assert info.value.message.startswith("internal error")


def test_self_check_guards_against_invalid_output(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, lines: Any, removed: Any, block: str, newline: str) -> str:
        return "[[[\n"

    monkeypatch.setattr(splice_module, "_replace", broken)
    with pytest.raises(TomlError) as info:
        splice(LOCK, NAME, NEW)
    assert info.value.message.startswith("internal error")


# --------------------------------------------------------------------------- property

# Comments may hold any character but control characters (tab aside) and line breaks.
COMMENT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc",)) | st.sampled_from("\t#[]\"'="),
    max_size=15,
).map(lambda text: "#" + text)
HOSTILE = st.text(
    st.characters(codec="utf-8") | st.sampled_from(list("\"'\\\n\r\x7f\u2028\ufeff[]#")),
    max_size=10,
)
SCALAR = st.one_of(HOSTILE, st.integers(-5, 5), st.booleans(), st.floats(allow_nan=False))
VALUE = st.one_of(SCALAR, st.lists(SCALAR, max_size=3))
# Values whose text contains lines that look like headers of the array being replaced.
TRAPS = [
    'trap = """\n[[python-package]]\n[python-package.x]\n"""',
    "trap = '''\n[[python-package]]\n'''",
    'trap = """\\"""\n[[python-package]]\n"""',
    'trap = [\n  ["[[python-package]]"],\n  [1],\n]',
    "trap = 'x' # [[python-package]]",
]


@st.composite
def key_values(draw: st.DrawFn, prefix: str) -> list[str]:
    """Key/value lines (maybe a comment between them); the last line is a key/value."""
    lines = []
    for index in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            lines.append(draw(COMMENT))
        key = format_key(f"{prefix}{index}" + draw(st.sampled_from(["", " x", ".y"])))
        lines.append(f"{key} = {format_value(draw(VALUE))}")
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(TRAPS)))
    return lines


@st.composite
def other_block(draw: st.DrawFn, index: int) -> str:
    header = draw(
        st.sampled_from(
            [
                f"[t{index}]",
                f"[[arr{index}]]",
                f"[tool.t{index}]",
                f'["odd {index}"]',
                f"[python-package-{index}]",
                f"[deep{index}.python-package]",
            ]
        )
    )
    comments = draw(st.lists(COMMENT, max_size=2))
    return "".join(line + "\n" for line in [*comments, header, *draw(key_values("k"))])


@st.composite
def package_block(draw: st.DrawFn) -> str:
    header = draw(
        st.sampled_from(
            ["[[python-package]]", '[["python-package"]]', "[[ python-package ]] # pkg"]
        )
    )
    lines = [*draw(st.lists(COMMENT, max_size=2)), header, *draw(key_values("p"))]
    if draw(st.booleans()):
        lines += [draw(st.sampled_from(["[python-package.meta]", "[[python-package.files]]"]))]
        lines += draw(key_values("m"))
    return "".join(line + "\n" for line in lines)


TABLES = st.lists(
    st.dictionaries(
        st.sampled_from(["name", "alias", "odd key", "v"]),
        VALUE | st.dictionaries(st.sampled_from(["a", "b"]), SCALAR, max_size=2),
        max_size=3,
    ),
    max_size=3,
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[str], list[bool]]:
    """The document's parts (root first, when there is one) and which are packages."""
    parts: list[str] = []
    packages: list[bool] = []
    if draw(st.booleans()):
        comments = draw(st.lists(COMMENT, max_size=2))
        parts.append("".join(line + "\n" for line in [*comments, *draw(key_values("r"))]))
        packages.append(False)
    for index in range(draw(st.integers(0, 5))):
        is_package = draw(st.booleans())
        parts.append(draw(package_block()) if is_package else draw(other_block(index)))
        packages.append(is_package)
    return parts, packages


@settings(max_examples=150, deadline=None)
@given(documents(), TABLES, st.booleans())
def test_splice_keeps_everything_else_byte_for_byte(
    document: tuple[list[str], list[bool]], tables: list[dict[str, Any]], crlf: bool
) -> None:
    parts, packages = document
    # Parts are separated by one blank line.
    text = "\n".join(parts)
    rendered = dumps({NAME: tables}) if tables else ""
    if True in packages:
        first = packages.index(True)
        kept = [part for part, is_package in zip(parts, packages, strict=True) if not is_package]
        if rendered:
            kept.insert(first, rendered)
        expected = "\n".join(kept)
    elif not rendered:
        expected = text
    else:
        expected = text + "\n" + rendered if text else rendered
    if crlf and text:
        text, expected = text.replace("\n", "\r\n"), expected.replace("\n", "\r\n")
    original = loads(text)
    result = splice(text, NAME, tables)
    assert result == expected
    spliced = loads(result)
    assert {k: v for k, v in spliced.items() if k != NAME} == {
        k: v for k, v in original.items() if k != NAME
    }
    assert spliced.get(NAME) == (loads(rendered)[NAME] if tables else None)
