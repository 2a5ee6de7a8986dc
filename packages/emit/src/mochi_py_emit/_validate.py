"""`validate_shim`: a recursive-descent checker for exactly the Mochi subset emit writes.

Grammar (one declaration per line; `//` comments and blank lines anywhere):

    file     := { [decl] NEWLINE } [decl] EOF
    decl     := 'type' NAME '{' [field {',' field}] '}'
              | 'type' NAME '=' variant {'|' variant}
              | 'type' NAME '=' type
              | 'extern' 'type' NAME
              | 'extern' 'python' 'fun' NAME '.' NAME '(' [param {',' param}] ')' ':' type
              | 'import' 'python' STRING 'as' NAME
    variant  := NAME '(' field {',' field} ')'
    field    := NAME ':' type          param := NAME ':' type
    type     := 'int' | 'float' | 'string' | 'bool' | 'any' | 'unit'
              | ('list' | 'set' | 'option' | 'stream') '<' type '>'
              | 'map' '<' type ',' type '>' | 'tuple' '<' type {',' type} '>'
              | 'fun' '(' [type {',' type}] ')' ':' type
              | '{' field {',' field} '}'
              | NAME                   (declared with `type` somewhere in the file)

Everything else is refused with the position and the reason, in particular the forms the
Mochi front end does not accept or that emit never writes (`bytes`, `void`, `async T`,
`A | B` in a type position, `T?`, `[T]`, a bare parameter type, `extern var`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from mochi_py_emit._errors import ShimSyntaxError
from mochi_py_emit._lexer import EOF, IDENT, NEWLINE, PUNCT, STRING, Lexer, Token
from mochi_py_emit._vocab import BUILTIN_TYPE_WORDS, GENERICS, NOT_TYPES, RESERVED, SCALARS

# Deeper types are refused rather than risking RecursionError on hostile input; emitted
# types are far shallower (typemap types nest a handful of levels).
MAX_TYPE_DEPTH = 64

_TYPE = "type"
_EXTERN_TYPE = "extern type"
_VARIANT = "variant"


@dataclass(frozen=True)
class _Declared:
    kind: str
    line: int
    column: int


class _Parser:
    def __init__(self, text: str) -> None:
        self._lexer = Lexer(text)
        self._buffer: list[Token] = []
        # One namespace for type names, `extern type` names and variant constructors: a
        # variant named like a type would be ambiguous where Mochi expects a constructor.
        self._types: dict[str, _Declared] = {}
        self._aliases: dict[str, _Declared] = {}
        # Keyed by the joined name compiled code calls (`a.b_c` and `a_b.c` both give a_b_c).
        self._functions: dict[str, _Declared] = {}
        self._refs: list[Token] = []

    # ------------------------------------------------------------------ token plumbing

    def _peek(self, ahead: int = 0) -> Token:
        while len(self._buffer) <= ahead:
            self._buffer.append(self._lexer.next_token())
        return self._buffer[ahead]

    def _next(self) -> Token:
        tok = self._peek()
        self._buffer.pop(0)
        return tok

    @staticmethod
    def _fail(tok: Token, message: str) -> NoReturn:
        raise ShimSyntaxError(tok.line, tok.column, message)

    def _is(self, tok: Token, text: str) -> bool:
        return tok.kind in (PUNCT, IDENT) and tok.text == text

    def _expect(self, text: str, context: str) -> Token:
        tok = self._next()
        if not self._is(tok, text):
            self._fail(tok, f"expected {text!r} {context}, found {tok.describe()}")
        return tok

    def _name(self, role: str) -> Token:
        tok = self._next()
        if tok.kind != IDENT:
            self._fail(tok, f"expected {role}, found {tok.describe()}")
        if tok.text in RESERVED:
            self._fail(tok, f"{tok.text!r} is a Mochi reserved word and cannot be {role}")
        return tok

    # ------------------------------------------------------------------ file

    def parse(self) -> None:
        while True:
            tok = self._peek()
            if tok.kind == EOF:
                break
            if tok.kind == NEWLINE:
                self._next()
                continue
            self._declaration()
            end = self._next()
            if end.kind not in (NEWLINE, EOF):
                self._fail(end, f"unexpected {end.describe()} after the declaration")
            if end.kind == EOF:
                break
        self._check_references()

    def _declaration(self) -> None:
        tok = self._next()
        if self._is(tok, "type"):
            self._type_declaration()
        elif self._is(tok, "extern"):
            self._extern_declaration()
        elif self._is(tok, "import"):
            self._import_declaration()
        else:
            self._fail(
                tok, f"expected a declaration (type, extern, import), found {tok.describe()}"
            )

    def _declare_type(self, tok: Token, kind: str) -> None:
        if tok.text in BUILTIN_TYPE_WORDS:
            self._fail(tok, f"{tok.text!r} is a built-in type name and cannot be declared")
        previous = self._types.get(tok.text)
        if previous is not None:
            self._fail(
                tok,
                f"duplicate declaration of {tok.text!r} "
                f"(first declared as a {previous.kind} at line {previous.line})",
            )
        self._types[tok.text] = _Declared(kind, tok.line, tok.column)

    # ------------------------------------------------------------------ declarations

    def _type_declaration(self) -> None:
        name = self._name("a declared type name")
        self._declare_type(name, _TYPE)
        tok = self._next()
        if self._is(tok, "{"):
            if self._is(self._peek(), "}"):
                self._next()
                return
            self._fields("}", "a record field name", depth=0)
            return
        if not self._is(tok, "="):
            self._fail(tok, f"expected '{{' or '=' after the type name, found {tok.describe()}")
        first, second = self._peek(), self._peek(1)
        is_variant = (
            first.kind == IDENT
            and first.text not in BUILTIN_TYPE_WORDS
            and first.text not in RESERVED
            and self._is(second, "(")
        )
        if not is_variant:
            self._type(depth=0)
            return
        self._variant()
        while self._is(self._peek(), "|"):
            self._next()
            self._variant()

    def _variant(self) -> None:
        name = self._name("a variant name")
        self._declare_type(name, _VARIANT)
        self._expect("(", "after the variant name")
        self._fields(")", "a variant field name", depth=0)

    def _extern_declaration(self) -> None:
        tok = self._next()
        if self._is(tok, "type"):
            self._declare_type(self._name("a declared type name"), _EXTERN_TYPE)
            return
        if self._is(tok, "var") or self._is(tok, "let"):
            self._fail(
                tok,
                f"'extern {tok.text}' is not in the shim subset: expose a constant as a "
                "zero-argument getter 'extern python fun a.NAME(): T'",
            )
        if not self._is(tok, "python"):
            self._fail(tok, f"expected 'python' or 'type' after 'extern', found {tok.describe()}")
        self._expect("fun", "after 'extern python'")
        alias = self._name("an import alias")
        self._expect(".", "between the alias and the function name")
        member = self._name("an extern function name")
        joined = f"{alias.text}_{member.text}"
        previous = self._functions.get(joined)
        if previous is not None:
            self._fail(
                alias,
                f"duplicate declaration of {alias.text}.{member.text} (called as {joined}; "
                f"first declared at line {previous.line})",
            )
        self._functions[joined] = _Declared("function", alias.line, alias.column)
        self._expect("(", "after the function name")
        self._params()
        colon = self._next()
        if not self._is(colon, ":"):
            self._fail(
                colon,
                "an extern function needs a return type ': R' (': unit' when it returns "
                f"nothing), found {colon.describe()}",
            )
        self._type(depth=0)

    def _params(self) -> None:
        if self._is(self._peek(), ")"):
            self._next()
            return
        seen: dict[str, Token] = {}
        while True:
            tok = self._peek()
            if tok.kind != IDENT or not self._is(self._peek(1), ":"):
                self._fail(
                    tok,
                    f"parameter without a name: write 'name: T' (found {tok.describe()}; "
                    "a bare type would declare a parameter named after it)",
                )
            name = self._name("a parameter name")
            if name.text in seen:
                self._fail(name, f"duplicate parameter name {name.text!r}")
            seen[name.text] = name
            self._next()  # ':'
            self._type(depth=0)
            tok = self._next()
            if self._is(tok, ")"):
                return
            if not self._is(tok, ","):
                self._fail(
                    tok, f"expected ',' or ')' in the parameter list, found {tok.describe()}"
                )

    def _import_declaration(self) -> None:
        self._expect("python", "after 'import'")
        spec = self._next()
        if spec.kind != STRING:
            self._fail(spec, f"expected the quoted import spec, found {spec.describe()}")
        if not spec.text:
            self._fail(spec, "the import spec is empty")
        self._expect("as", "after the import spec")
        alias = self._name("an import alias")
        previous = self._aliases.get(alias.text)
        if previous is not None:
            self._fail(
                alias,
                f"duplicate import alias {alias.text!r} (first at line {previous.line})",
            )
        self._aliases[alias.text] = _Declared("alias", alias.line, alias.column)

    def _fields(self, close: str, role: str, depth: int) -> None:
        """`f: T, g: U` up to and including `close`; at least one field."""
        seen: set[str] = set()
        while True:
            name = self._name(role)
            if name.text in seen:
                self._fail(name, f"duplicate field name {name.text!r}")
            seen.add(name.text)
            self._expect(":", f"after the field name {name.text!r}")
            self._type(depth)
            tok = self._next()
            if self._is(tok, close):
                return
            if not self._is(tok, ","):
                self._fail(tok, f"expected ',' or {close!r}, found {tok.describe()}")

    # ------------------------------------------------------------------ types

    def _type(self, depth: int) -> None:
        tok = self._next()
        if depth >= MAX_TYPE_DEPTH:
            self._fail(tok, f"type nested more than {MAX_TYPE_DEPTH} levels deep")
        if tok.kind == IDENT:
            self._named_or_builtin(tok, depth)
        elif self._is(tok, "{"):
            self._fields("}", "a record field name", depth + 1)
        elif self._is(tok, "["):
            self._fail(tok, "'[T]' is not in the shim subset: write list<T>")
        else:
            self._fail(tok, f"expected a type, found {tok.describe()}")
        after = self._peek()
        if self._is(after, "?"):
            self._fail(after, "'T?' is not in the shim subset: write option<T>")
        if self._is(after, "|"):
            self._fail(
                after,
                "'A | B' is not a type: Mochi has no inline unions; declare a sum type "
                "'type S = A(value: T) | B(value: U)'",
            )

    def _named_or_builtin(self, tok: Token, depth: int) -> None:
        word = tok.text
        if word in SCALARS:
            return
        arity = GENERICS.get(word, -1)
        if arity != -1:
            self._generic(tok, arity, depth)
            return
        if word == "fun":
            self._expect("(", "after 'fun' in a function type")
            if self._is(self._peek(), ")"):
                self._next()
            else:
                self._type_list(")", depth + 1)
            colon = self._next()
            if not self._is(colon, ":"):
                self._fail(colon, f"a function type needs ': R', found {colon.describe()}")
            self._type(depth + 1)
            return
        if word in NOT_TYPES:
            self._fail(tok, f"{word!r} is not a type: {NOT_TYPES[word]}")
        if word == "async":
            self._fail(
                tok,
                "'async T' is not a type: an async function's entry returns the awaited type",
            )
        if word in RESERVED:
            self._fail(tok, f"{word!r} is a Mochi reserved word, not a type")
        self._refs.append(tok)

    def _generic(self, tok: Token, arity: int | None, depth: int) -> None:
        opener = self._next()
        if not self._is(opener, "<"):
            self._fail(opener, f"{tok.text!r} needs type arguments: {tok.text}<...>")
        count = self._type_list(">", depth + 1)
        if arity is not None and count != arity:
            plural = "s" if arity != 1 else ""
            self._fail(tok, f"{tok.text} takes {arity} type argument{plural}, got {count}")

    def _type_list(self, close: str, depth: int) -> int:
        """`T, U, ...` up to and including `close`; at least one type. Returns the count."""
        count = 0
        while True:
            self._type(depth)
            count += 1
            tok = self._next()
            if self._is(tok, close):
                return count
            if not self._is(tok, ","):
                self._fail(tok, f"expected ',' or {close!r}, found {tok.describe()}")

    def _check_references(self) -> None:
        # Types may be used before they are declared (they are printed sorted by name), so
        # references are resolved once the whole file is read.
        for tok in self._refs:
            declared = self._types.get(tok.text)
            if declared is None:
                self._fail(tok, f"undeclared type {tok.text!r}")
            if declared.kind == _EXTERN_TYPE:
                self._fail(
                    tok,
                    f"{tok.text!r} is declared with 'extern type', which does not make it "
                    f"usable as a type; declare 'type {tok.text} = any'",
                )
            if declared.kind == _VARIANT:
                self._fail(tok, f"{tok.text!r} is a sum variant, not a type")


def validate_shim(text: str) -> None:
    """Check `text` against the shim grammar; raise ShimSyntaxError (line, column, message)
    at the first problem. Returns None when the text is a valid shim."""
    _Parser(text).parse()
