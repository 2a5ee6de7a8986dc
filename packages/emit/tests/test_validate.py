"""validate_shim: the subset it accepts, and one test per forbidden form (line and column)."""

from __future__ import annotations

import pytest

from mochi_py_emit import EmitError, ShimSyntaxError, validate_shim


def rejects(text: str, line: int, column: int, *fragments: str) -> ShimSyntaxError:
    with pytest.raises(ShimSyntaxError) as info:
        validate_shim(text)
    err = info.value
    assert (err.line, err.column) == (line, column), err.message
    for fragment in fragments:
        assert fragment in err.message
    assert isinstance(err, EmitError)
    assert isinstance(err, ValueError)
    assert str(err) == f"line {line}, column {column}: {err.message}"
    return err


# --------------------------------------------------------------------------- accepted


ACCEPTED = [
    "",
    "\n\n",
    "// only a comment",
    "// a comment without a final newline",
    "type A = any\n",
    "type A = any",
    "type R { a: int, b: string }\n",
    "type R {}\n",
    "type S = SInt(value: int) | SStr(value: string)\n",
    "type S = One(value: int)\n",
    "type S = Two(a: int, b: list<string>)\n",
    "extern type Handle\n",
    'import python "httpx@>=0.27,<0.30" as httpx\n',
    'import python "a\\"b\\\\c" as a\n',
    "extern python fun a.f(): unit\n",
    "extern python fun a.f(x: int, y: float, z: string, w: bool, v: any): unit\n",
    "extern python fun a.f(x: list<int>, y: set<string>, z: option<float>): stream<int>\n",
    "extern python fun a.f(m: map<string, map<int, list<option<bool>>>>): tuple<int>\n",
    "extern python fun a.f(t: tuple<int, string, float>): fun(): unit\n",
    "extern python fun a.f(cb: fun(int, string): option<int>): fun(fun(int): int): int\n",
    "extern python fun a.f(r: {a: int, b: {c: string}}): {x: int}\n",
    "extern python fun a.f(self: C): C\ntype C = any\n",
    "type B = A\ntype A = any\n",
    "extern python fun a.f(string: int, int: string): unit\n",
    "extern python fun a.load_(class_: int, from_: int): unit\n",
    "   type A = any   // trailing comment\n\t// indented comment\n",
    "// é — unicode in comments is fine\ntype A = any\n",
    "extern python fun a.b(): unit\nextern python fun a.c(): unit\nextern python fun b.b(): unit\n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepts(text: str) -> None:
    validate_shim(text)


# --------------------------------------------------------------------------- forbidden forms


def test_rejects_bytes() -> None:
    rejects("extern python fun a.f(x: bytes): unit\n", 1, 26, "'bytes' is not a type")


def test_rejects_bytes_as_return() -> None:
    rejects("\nextern python fun a.f(): bytes\n", 2, 26, "no bytes type")


def test_rejects_void() -> None:
    rejects("extern python fun a.f(): void\n", 1, 26, "'void' is not a type", "unit")


def test_rejects_async_type() -> None:
    rejects("extern python fun a.f_sync(): async string\n", 1, 31, "'async T' is not a type")


def test_rejects_async_inside_generic() -> None:
    rejects("extern python fun a.f(x: list<async int>): unit\n", 1, 31, "async")


def test_rejects_inline_union_in_param() -> None:
    rejects("extern python fun a.f(x: int | string): unit\n", 1, 30, "no inline unions")


def test_rejects_inline_union_in_return() -> None:
    rejects("extern python fun a.f(): int | string\n", 1, 30, "'A | B' is not a type")


def test_rejects_union_alias() -> None:
    rejects("type U = int | string\n", 1, 14, "sum type")


def test_rejects_optional_of_sum_spelling() -> None:
    # The upstream rendering of Optional[int | str]: ambiguous, never written by emit.
    rejects("extern python fun a.f(x: int | string?): unit\n", 1, 30, "inline unions")


def test_rejects_question_mark_option() -> None:
    rejects("extern python fun a.f(x: int?): unit\n", 1, 29, "'T?'", "option<T>")


def test_rejects_bracket_list() -> None:
    rejects("extern python fun a.f(x: [int]): unit\n", 1, 26, "list<T>")


def test_rejects_bare_parameter_type() -> None:
    rejects("extern python fun a.f(string): unit\n", 1, 23, "parameter without a name")


def test_rejects_bare_generic_parameter_type() -> None:
    rejects("extern python fun a.f(x: int, list<int>): unit\n", 1, 31, "name: T")


def test_rejects_bare_record_parameter_type() -> None:
    rejects("extern python fun a.f({a: int}): unit\n", 1, 23, "parameter without a name")


@pytest.mark.parametrize("word", ["type", "load", "fun", "stream", "none", "set", "async"])
def test_rejects_reserved_word_as_declared_type_name(word: str) -> None:
    rejects(f"type {word} = any\n", 1, 6, "reserved word")


def test_rejects_reserved_word_as_extern_type_name() -> None:
    rejects("extern type match\n", 1, 13, "reserved word")


def test_rejects_reserved_word_as_function_name() -> None:
    rejects("extern python fun a.load(): unit\n", 1, 21, "'load' is a Mochi reserved word")


def test_rejects_reserved_word_as_alias() -> None:
    rejects("extern python fun emit.f(): unit\n", 1, 19, "reserved word")


def test_rejects_reserved_word_as_import_alias() -> None:
    rejects('import python "x" as fetch\n', 1, 22, "reserved word")


def test_rejects_reserved_word_as_parameter_name() -> None:
    rejects("extern python fun a.f(x: int, in: int): unit\n", 1, 31, "parameter name")


def test_rejects_reserved_word_as_record_field() -> None:
    rejects("type R { a: int, load: int }\n", 1, 18, "reserved word", "record field")


def test_rejects_reserved_word_as_inline_record_field() -> None:
    rejects("extern python fun a.f(x: {type: int}): unit\n", 1, 27, "reserved word")


def test_rejects_reserved_word_as_variant_name() -> None:
    rejects("type S = A(value: int) | all(value: string)\n", 1, 26, "variant name")


def test_rejects_reserved_word_as_variant_field() -> None:
    rejects("type S = A(none: int)\n", 1, 12, "reserved word")


def test_rejects_reserved_word_as_type_reference() -> None:
    rejects("extern python fun a.f(x: agent): unit\n", 1, 26, "reserved word, not a type")


@pytest.mark.parametrize("word", ["int", "string", "any", "unit", "list", "map", "option"])
def test_rejects_builtin_type_word_as_declared_name(word: str) -> None:
    rejects(f"type {word} = any\n", 1, 6, "built-in type name")


def test_rejects_undeclared_type_name() -> None:
    rejects(
        "type A = any\n\nextern python fun a.f(x: A, y: B): unit\n", 3, 32, "undeclared type 'B'"
    )


def test_rejects_extern_type_used_as_type() -> None:
    rejects("extern type H\nextern python fun a.f(h: H): unit\n", 2, 26, "type H = any")


def test_rejects_variant_used_as_type() -> None:
    rejects("type S = V(value: int)\nextern python fun a.f(v: V): unit\n", 2, 26, "variant")


def test_rejects_duplicate_type_declaration() -> None:
    rejects("type A = any\ntype A { x: int }\n", 2, 6, "duplicate declaration of 'A'", "line 1")


def test_rejects_type_and_extern_type_with_one_name() -> None:
    rejects("extern type A\ntype A = any\n", 2, 6, "duplicate declaration")


def test_rejects_variant_named_like_a_type() -> None:
    rejects("type A = any\ntype S = A(value: int)\n", 2, 10, "duplicate declaration")


def test_rejects_duplicate_extern_function() -> None:
    rejects(
        "extern python fun a.f(): unit\nextern python fun a.f(x: int): int\n",
        2,
        19,
        "duplicate declaration of a.f",
    )


def test_rejects_extern_functions_with_one_joined_name() -> None:
    rejects(
        "extern python fun a.b_c(): unit\nextern python fun a_b.c(): unit\n",
        2,
        19,
        "called as a_b_c",
    )


def test_rejects_duplicate_import_alias() -> None:
    rejects('import python "x" as a\nimport python "y" as a\n', 2, 22, "duplicate import alias")


def test_rejects_duplicate_parameter_name() -> None:
    rejects("extern python fun a.f(x: int, x: string): unit\n", 1, 31, "duplicate parameter")


def test_rejects_duplicate_record_field() -> None:
    rejects("type R { a: int, a: int }\n", 1, 18, "duplicate field")


def test_rejects_trailing_garbage_after_extern() -> None:
    rejects("extern python fun a.f(): int int\n", 1, 30, "after the declaration")


def test_rejects_trailing_garbage_after_type() -> None:
    rejects("type A = any B\n", 1, 14, "after the declaration")


def test_rejects_two_declarations_on_one_line() -> None:
    rejects("type A = any type B = any\n", 1, 14, "after the declaration")


def test_rejects_trailing_garbage_at_end_of_file() -> None:
    rejects("type A = any\n)", 2, 1, "expected a declaration")


# --------------------------------------------------------------------------- other refusals


def test_rejects_extern_var() -> None:
    rejects("extern var a.VERSION: string\n", 1, 8, "zero-argument getter")


def test_rejects_extern_let() -> None:
    rejects("extern let a.X: int\n", 1, 8, "extern let")


def test_rejects_plain_extern_fun() -> None:
    rejects("extern fun a.f(): unit\n", 1, 8, "expected 'python'")


def test_rejects_missing_return_type() -> None:
    rejects("extern python fun a.f(x: int)\n", 1, 30, "return type", "': unit'")


def test_rejects_function_type_without_return() -> None:
    rejects("extern python fun a.f(g: fun(int)): unit\n", 1, 34, "function type needs")


def test_rejects_generic_without_arguments() -> None:
    rejects("extern python fun a.f(x: list): unit\n", 1, 30, "needs type arguments")


def test_rejects_wrong_generic_arity() -> None:
    rejects("extern python fun a.f(x: map<int>): unit\n", 1, 26, "map takes 2 type arguments")


def test_rejects_list_with_two_arguments() -> None:
    rejects("extern python fun a.f(x: list<int, int>): unit\n", 1, 26, "1 type argument,")


def test_rejects_empty_tuple() -> None:
    rejects("extern python fun a.f(x: tuple<>): unit\n", 1, 32, "expected a type")


def test_rejects_trailing_comma_in_params() -> None:
    rejects("extern python fun a.f(x: int,): unit\n", 1, 30, "parameter without a name")


def test_rejects_unterminated_parameter_list() -> None:
    rejects("extern python fun a.f(x: int\n", 1, 29, "expected ',' or ')'")


def test_rejects_record_split_over_lines() -> None:
    # emit writes one declaration per line; so does the subset.
    rejects("type R {\n  a: int\n}\n", 1, 9, "record field name")


def test_rejects_missing_alias_dot() -> None:
    rejects("extern python fun f(): unit\n", 1, 20, "expected '.'")


def test_rejects_import_without_python() -> None:
    rejects('import "x" as a\n', 1, 8, "expected 'python'")


def test_rejects_empty_import_spec() -> None:
    rejects('import python "" as a\n', 1, 15, "empty")


def test_rejects_unterminated_string() -> None:
    rejects('import python "abc\n', 1, 15, "unterminated string")


def test_rejects_unknown_string_escape() -> None:
    rejects('import python "a\\x41" as a\n', 1, 17, "unknown escape")


def test_rejects_deep_nesting_without_recursion_error() -> None:
    text = "extern python fun a.f(x: " + "list<" * 5000 + "int" + ">" * 5000 + "): unit\n"
    rejects(text, 1, 26 + 5 * 64, "nested more than 64")


def test_rejects_non_ascii_identifier() -> None:
    rejects("type Ça = any\n", 1, 6, "unexpected character 'Ç'", "U+00C7")


def test_rejects_unknown_punctuation() -> None:
    rejects("type A = any;\n", 1, 13, "U+003B")


# --------------------------------------------------------------------------- hidden text


@pytest.mark.parametrize(
    ("char", "code"),
    [
        ("\u2028", "U+2028"),
        ("\u2029", "U+2029"),
        ("\x00", "U+0000"),
        ("\x85", "U+0085"),
        ("\u202e", "U+202E"),
        ("\u200b", "U+200B"),
        ("\ufeff", "U+FEFF"),
        ("\x0b", "U+000B"),
    ],
)
def test_rejects_hidden_characters_in_comments(char: str, code: str) -> None:
    rejects(f"type A = any\n// ab{char}type B = any\n", 2, 6, code)


def test_rejects_hidden_characters_in_strings() -> None:
    rejects('import python "a\u202eb" as a\n', 1, 17, "U+202E")


def test_rejects_hidden_characters_between_tokens() -> None:
    rejects("type A =\u200b any\n", 1, 9, "U+200B")


def test_rejects_carriage_return() -> None:
    rejects("type A = any\r\n", 1, 13, "carriage return")


def test_rejects_carriage_return_in_comment() -> None:
    rejects("// a\rtype B = bytes\n", 1, 5, "carriage return")


def test_comment_may_contain_block_comment_markers() -> None:
    validate_shim("// */ type B = bytes /* still a comment\ntype A = any\n")
