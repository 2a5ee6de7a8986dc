"""Hostile-input generators shared by the fuzz targets.

Three kinds of input, for each parser: arbitrary text (any code point but lone surrogates
where the input must be UTF-8 text), text built from the parser's own alphabet (so it gets
past the first character), and valid input mutated a little (so it reaches deep states).
The stub generator builds Python stub sources from a small grammar: functions, async
functions, overloads, classes with every marker the surface model knows, constants, aliases,
TypeVars, `__all__`, version branches, with identifiers drawn from plain names, Python and
Mochi keywords, soft keywords, dunders and non-ASCII letters.
"""

from __future__ import annotations

import importlib.util
import keyword
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

# --------------------------------------------------------------------------- text

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
BYTES = st.binary(max_size=400)


@st.composite
def mutated(draw: st.DrawFn, source: str) -> str:
    """`source` with a few edits: deletions, duplications, insertions, line swaps, cuts."""
    text = source
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "swap", "cut", "replace"]))
        if not text:
            kind = "insert"
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        if kind == "delete":
            text = text[:start] + text[end:]
        elif kind == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif kind == "insert":
            noise = draw(st.one_of(TOKEN_NOISE, st.text(max_size=8)))
            text = text[:start] + noise + text[start:]
        elif kind == "cut":
            text = text[:start]
        elif kind == "replace":
            text = text[:start] + draw(TOKEN_NOISE) + text[end:]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


TOKEN_NOISE = st.sampled_from(
    [
        "\n", "\r\n", "\r", "\t", " ", "\x00", "\x0c", "\ufeff", "\u2028", "\\", '"', "'",
        '"""', "#", "[", "]", "[[", "]]", "{", "}", "=", ".", ",", ":", "@", "+", "(", ")",
        "\n    ", "é", "变", "ﬁ", "𝕏", "\u200b", "\u202e", "0x", "1e999", "inf", "nan", "-",
        "true", "false", "async", "def", "class", "import", "from", "if", "else", "lambda",
        "...", "*", "**", "/", "|", "->", "None", "\\u0000", "\\U0010ffff",
    ]
)  # fmt: skip

# --------------------------------------------------------------------------- import specs

_NAME = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,12}[A-Za-z0-9])?", fullmatch=True)
_VERSION = st.lists(st.integers(0, 99), min_size=1, max_size=4).map(
    lambda parts: ".".join(map(str, parts))
)
_CLAUSE = st.builds(
    "{}{}{}".format,
    st.sampled_from(["==", "!=", ">=", "<=", ">", "<", "~=", "===", "=", "=>", ""]),
    _VERSION,
    st.sampled_from(["", ".*", "a1", "rc2", ".post1", ".dev0", "+local", " "]),
)
_SPECIFIER = st.lists(_CLAUSE, min_size=1, max_size=3).map(",".join)
_URL = st.builds(
    "{}://{}{}".format,
    st.sampled_from(["https", "http", "file", "ssh", "git", "", "javascript"]),
    st.from_regex(r"[a-z0-9.-]{0,12}(:[0-9]{0,6})?", fullmatch=True),
    st.from_regex(r"(/[A-Za-z0-9._~%@:+-]{0,8}){0,3}", fullmatch=True),
)
SPEC = st.one_of(
    TEXT,
    _NAME,
    st.builds("{}@{}".format, _NAME, _SPECIFIER),
    st.builds("{}@{}+{}".format, _NAME, _NAME, _URL),
    st.builds("{}@{}@{}+{}".format, _NAME, _SPECIFIER, _NAME, _URL),
    st.builds("{}@git+{}".format, _NAME, _URL),
    st.builds("{}@git+{}#{}".format, _NAME, _URL, st.text(max_size=12)),
    st.builds("{}@path+{}".format, _NAME, st.text(max_size=20)),
    st.text(alphabet=st.sampled_from("ab1-_.@+#/:=<>!~^,* [x]\\%\x00\n"), max_size=40),
)


@st.composite
def mochi_source(draw: st.DrawFn) -> str:
    """Mochi-looking text: import lines mixed with strings, comments and noise."""
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        parts.append(
            draw(
                st.one_of(
                    st.builds(
                        'import python "{}" as {}\n'.format,
                        SPEC,
                        st.one_of(IDENTIFIER, st.text(max_size=6)),
                    ),
                    st.sampled_from(
                        [
                            "// a comment\n",
                            "/* block */",
                            "/* open",
                            '"unterminated',
                            'let s = "import python \\"x\\" as y"\n',
                            "import python\n",
                            "import python x as y\n",
                            'import python "x" as\n',
                            'import python "x" as 1y\n',
                            "fun f() {}\n",
                            "\n",
                        ]
                    ),
                    TEXT,
                )
            )
        )
    return "".join(parts)


# --------------------------------------------------------------------------- TOML


_KEY = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,10}", fullmatch=True),
    st.text(max_size=8).map(lambda k: '"' + k.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)
_SCALAR = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True).map(repr),
    st.sampled_from(["true", "false", "inf", "-inf", "nan", "1979-05-27T07:32:00Z", "07:32:00"]),
    st.text(max_size=12).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.text(max_size=12).map(lambda s: "'" + s + "'"),
    st.just('"""\nmulti\nline"""'),
)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(_KEY, inner), max_size=3).map(
            lambda kvs: "{" + ", ".join(f"{k} = {v}" for k, v in kvs) + "}"
        ),
    ),
    max_leaves=6,
)
_LINE = st.one_of(
    st.builds("{} = {}\n".format, _KEY, _VALUE),
    st.builds("{}.{} = {}\n".format, _KEY, _KEY, _VALUE),
    st.builds("[{}]\n".format, _KEY),
    st.builds("[[{}]]\n".format, st.one_of(_KEY, st.just("python-package"))),
    st.builds("[python-package.{}]\n".format, _KEY),
    st.sampled_from(["# comment\n", "\n", "schema-version = 1\n", "[[python-package]]\n"]),
)
TOML_TEXT = st.one_of(TEXT, st.lists(_LINE, max_size=12).map("".join))


def lock_text_samples() -> list[str]:
    """Valid lock documents to mutate: rendered by mochi-py-lockfile itself."""
    from mochi_py_lockfile import CAPABILITIES, Entry, Manifest, Source, render_toml

    entries = [
        Entry("httpx", "httpx", Source.REGISTRY, version="0.27.2", specifier=">=0.27,<0.30",
              wrapper_sha256="a" * 64, capabilities=("async", "callable")),
        Entry("util", "u", Source.GIT, git_url="https://github.com/u/r", git_rev="main"),
        Entry("local", "lc", Source.PATH, local_path="../lib é", extra=(("future", "[1, 2]"),)),
        Entry("idx", "ix", Source.INDEX, index_url="https://idx/simple", version="1",
              capabilities=tuple(sorted(CAPABILITIES))),
    ]  # fmt: skip
    documents = [render_toml(Manifest(entries=tuple(entries[:n]))) for n in range(5)]
    documents.append('[tool.other]\nkeep = "me"\n\n' + documents[2])
    return documents


# --------------------------------------------------------------------------- stubs


MOCHI_WORDS = ("type", "fun", "let", "var", "load", "save", "stream", "match", "emit", "none")
SOFT_KEYWORDS = ("match", "case", "type", "_")
UNICODE_NAMES = ("é", "naïve", "变量", "ﬁle", "Ω", "𝔘nicode", "ǅ", "x\u0301")
_SAFE_IDENTIFIER = st.one_of(
    st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True).filter(
        lambda name: not keyword.iskeyword(name)
    ),
    st.from_regex(r"[A-Z][A-Za-z0-9]{0,8}", fullmatch=True).filter(
        lambda name: not keyword.iskeyword(name)
    ),
    st.sampled_from(MOCHI_WORDS + SOFT_KEYWORDS + UNICODE_NAMES),
    st.from_regex(r"__[a-z]{1,6}__", fullmatch=True),
)
# A Python keyword one time in fifty: a syntax error on purpose, rare enough that most
# generated stubs still parse and reach the later phases.
# (Not n == 0: hypothesis favours the ends of a range.)
IDENTIFIER = st.integers(0, 49).flatmap(
    lambda n: st.sampled_from(sorted(keyword.kwlist)) if n == 17 else _SAFE_IDENTIFIER
)

_ATOM = st.sampled_from(
    [
        "int", "str", "float", "bool", "bytes", "complex", "None", "object", "Any", "Self",
        "T", "P", "Ts", "Point", "Color", "Box", "Missing", "typing.Any", "os.PathLike",
        "Never", "NoReturn", "LiteralString", "AnyStr", "type", "...", "1", "'Point'",
        "'Box[int]'", "\"int | None\"",
    ]
)  # fmt: skip
_GENERIC = st.sampled_from(
    [
        "list", "dict", "set", "frozenset", "tuple", "Optional", "Union", "Literal", "Callable",
        "Sequence", "Mapping", "Iterable", "Iterator", "AsyncIterator", "Awaitable",
        "Coroutine", "Generator", "AsyncGenerator", "Annotated", "Final", "ClassVar", "type",
        "Box", "Required", "NotRequired", "TypeGuard", "Concatenate", "Unpack",
    ]
)  # fmt: skip
ANNOTATION = st.recursive(
    _ATOM,
    lambda inner: st.one_of(
        st.builds(
            "{}[{}]".format, _GENERIC, st.lists(inner, min_size=1, max_size=3).map(", ".join)
        ),
        st.builds("{} | {}".format, inner, inner),
        st.builds("Callable[[{}], {}]".format, st.lists(inner, max_size=2).map(", ".join), inner),
        st.builds("Literal[{}]".format, st.sampled_from(["1", "True", "'a'", "b'x'", "None", "1.5",
                                                         "Color.RED", "-1", "1, 'a'"])),
    ),
    max_leaves=5,
)  # fmt: skip


@st.composite
def _params(draw: st.DrawFn, method: bool) -> str:
    params = ["self"] if method else []
    seen = set(params)
    defaulted = False
    for _ in range(draw(st.integers(0, 4))):
        name = draw(IDENTIFIER)
        if name in seen:
            continue
        seen.add(name)
        annotation = draw(st.one_of(st.none(), ANNOTATION))
        text = name if annotation is None else f"{name}: {annotation}"
        # Once one parameter has a default, the later ones need one too (else: SyntaxError).
        defaulted = defaulted or draw(st.booleans())
        if defaulted:
            text += " = " + draw(st.sampled_from(["...", "1", "None", "'x'", "b''", "(1, 2)"]))
        params.append(text)
    marker = draw(st.sampled_from(["", "", "*args: int", "**kwargs: str", "*, kw: int", "/"]))
    if marker == "/" and params:
        params.insert(1, marker)
    elif marker:
        params.append(marker)
    return ", ".join(params)


@st.composite
def _function(draw: st.DrawFn, indent: str = "", method: bool = False) -> str:
    name = draw(IDENTIFIER)
    decorators = draw(
        st.lists(
            st.sampled_from(
                ["@overload", "@staticmethod", "@classmethod", "@property", "@abstractmethod",
                 "@final", f"@{name}.setter", "@deprecated('x')", "@functools.cache"]
                if method
                else ["@overload", "@final", "@deprecated('x')"]
            ),
            max_size=2,
        )
    )  # fmt: skip
    prefix = "async def" if draw(st.booleans()) and not draw(st.booleans()) else "def"
    returns = draw(st.one_of(st.none(), ANNOTATION))
    arrow = f" -> {returns}" if returns is not None else ""
    lines = [f"{indent}{d}" for d in decorators]
    lines.append(f"{indent}{prefix} {name}({draw(_params(method))}){arrow}: ...")
    return "\n".join(lines)


@st.composite
def _class(draw: st.DrawFn, depth: int = 0) -> str:
    name = draw(IDENTIFIER)
    bases = draw(
        st.lists(
            st.sampled_from(
                ["Protocol", "Enum", "IntEnum", "NamedTuple", "TypedDict", "Generic[T]",
                 "Exception", "ABC", "Point", "Box[int]", "object", "metaclass=ABCMeta",
                 "total=False", "str"]
            ),
            max_size=2,
        )
    )  # fmt: skip
    bases.sort(key=lambda base: "=" in base)  # keyword arguments come last
    decorator = draw(st.sampled_from(["", "", "@dataclass", "@dataclass(frozen=True)", "@final"]))
    lines = [decorator] if decorator else []
    lines.append(f"class {name}({', '.join(bases)}):" if bases else f"class {name}:")
    body = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["attr", "attr", "method", "nested", "assign", "kwonly"]))
        if kind == "attr":
            body.append(f"    {draw(IDENTIFIER)}: {draw(ANNOTATION)}")
        elif kind == "assign":
            value = draw(st.sampled_from(["1", "'a'", "...", "auto()"]))
            body.append(f"    {draw(IDENTIFIER)} = {value}")
        elif kind == "kwonly":
            body.append("    _: KW_ONLY")
        elif kind == "nested" and depth < 1:
            inner = draw(_class(depth + 1))
            body.append("\n".join("    " + line for line in inner.split("\n")))
        else:
            body.append(draw(_function("    ", method=True)))
    lines.extend(body or ["    ..."])
    return "\n".join(lines)


_HEADER = """\
import sys
import typing
import os
from abc import ABC, ABCMeta, abstractmethod
from dataclasses import KW_ONLY, dataclass
from enum import Enum, IntEnum, auto
from typing import (Any, AnyStr, AsyncGenerator, AsyncIterator, Awaitable, Callable, ClassVar,
    Concatenate, Coroutine, Final, Generator, Generic, Iterable, Iterator, Literal, Mapping,
    NamedTuple, NoReturn, Optional, ParamSpec, Protocol, Sequence, TypedDict, TypeVar, Union,
    overload, final)
from typing_extensions import (Annotated, LiteralString, Never, NotRequired, Required, Self,
    TypeAlias, TypeGuard, TypeVarTuple, Unpack, deprecated)
"""


@st.composite
def stub_source(draw: st.DrawFn) -> str:
    """A stub module from the grammar above (usually valid Python, sometimes not)."""
    parts = [_HEADER] if draw(st.integers(0, 9)) else []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(
            st.sampled_from(["function", "function", "class", "class", "constant", "alias",
                             "typevar", "all", "branch", "reexport", "garbage"])
        )  # fmt: skip
        if kind == "function":
            parts.append(draw(_function()))
        elif kind == "class":
            parts.append(draw(_class()))
        elif kind == "constant":
            form = draw(
                st.sampled_from(["{}: int", "{} = 1", "{} = 'x'", "{}: Final = 2", "{} = (1, 'a')",
                                 "{}: Final[str] = 'x'", "{}: Any", "{} = b''", "{} = ..."])
            )  # fmt: skip
            parts.append(form.format(draw(IDENTIFIER)))
        elif kind == "alias":
            # `type X = ...` is 3.12 syntax: a syntax error on older interpreters.
            form = draw(st.sampled_from(["{} = {}", "{}: TypeAlias = {}"] * 3 + ["type {} = {}"]))
            parts.append(form.format(draw(IDENTIFIER), draw(ANNOTATION)))
        elif kind == "typevar":
            parts.append(draw(st.sampled_from([
                "T = TypeVar('T')", "T = TypeVar('T', bound=int)", "T = TypeVar('T', int, str)",
                "P = ParamSpec('P')", "Ts = TypeVarTuple('Ts')", "U = TypeVar('T')",
            ])))  # fmt: skip
        elif kind == "all":
            names = draw(st.lists(IDENTIFIER, max_size=4))
            parts.append(draw(st.sampled_from(["__all__ = {}", "__all__ += {}"])).format(names))
        elif kind == "branch":
            condition = draw(st.sampled_from([
                "sys.version_info >= (3, 11)", "sys.version_info < (3, 9)",
                "sys.platform == 'win32'", "sys.platform.startswith('linux')", "TYPE_CHECKING",
            ]))  # fmt: skip
            body = draw(_function("    "))
            parts.append(f"if {condition}:\n{body}\nelse:\n    {draw(IDENTIFIER)}: int")
        elif kind == "reexport":
            parts.append(draw(st.sampled_from([
                "from os import path as path", "from .sub import x as x", "from . import y",
                "from collections.abc import Sequence as Sequence", "import json as json",
                "from typing import *",
            ])))  # fmt: skip
        elif draw(st.integers(0, 9)) == 5:  # raw noise, rarely: it is nearly always fatal
            parts.append(draw(st.one_of(TOKEN_NOISE, st.text(max_size=20))))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- typeshed


@cache
def typeshed_stubs() -> tuple[tuple[str, str], ...]:
    """(module name, text) of every stdlib stub of the installed mypy (empty without mypy)."""
    spec = importlib.util.find_spec("mypy")
    if spec is None or not spec.submodule_search_locations:
        return ()
    root = Path(next(iter(spec.submodule_search_locations))) / "typeshed" / "stdlib"
    out = []
    for path in sorted(root.rglob("*.pyi")):
        parts = path.relative_to(root).as_posix()[: -len(".pyi")].split("/")
        if parts[-1] == "__init__":
            parts.pop()
        out.append((".".join(parts), path.read_text(encoding="utf-8")))
    return tuple(out)
