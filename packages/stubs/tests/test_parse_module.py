"""Module-level declarations: constants, aliases, TypeVars, imports, `__all__`, resolution."""

from __future__ import annotations

import sys
import textwrap

import pytest

from mochi_py_stubs import (
    NO_LITERAL,
    Constant,
    ImportBinding,
    InvalidModuleNameError,
    Module,
    StubSyntaxError,
    TConst,
    TName,
    TStr,
    TSubscript,
    TUnion,
    TypeAlias,
    TypeVarDecl,
    TypeVarKind,
    parse_module,
)

INT = TName("int", "builtins.int")


def parse(source: str, module: str = "m", **kwargs: object) -> Module:
    return parse_module(textwrap.dedent(source), module=module, **kwargs)  # type: ignore[arg-type]


def test_constants() -> None:
    module = parse(
        """
        from typing import Final
        import typing
        X: int
        Y: int = 3
        Z = -3
        S = "text"
        T = (1, 2)
        N = None
        F: Final = 1.5
        G: typing.Final[str] = "g"
        CALL = compute()
        __version__: str
        """
    )
    assert [(c.name, c.annotation, c.value) for c in module.constants] == [
        ("X", INT, NO_LITERAL),
        ("Y", INT, 3),
        ("Z", None, -3),
        ("S", None, "text"),
        ("T", None, (1, 2)),
        ("N", None, None),
        ("F", TName("Final", "typing.Final"), 1.5),
        (
            "G",
            TSubscript(TName("typing.Final", "typing.Final"), (TName("str", "builtins.str"),)),
            "g",
        ),
        ("CALL", None, NO_LITERAL),
        ("__version__", TName("str", "builtins.str"), NO_LITERAL),
    ]
    assert module.aliases == ()


def test_type_aliases() -> None:
    module = parse(
        """
        import typing as t
        from typing import Optional, TypeAlias, Union
        import numpy as np
        class Local: ...
        A = Union[int, str]
        B = list[int]
        C = int | None
        D: TypeAlias = "Local"
        E: t.TypeAlias = dict[str, "Local"]
        F = Optional[Local]
        G = Local
        H = int
        I = np.ndarray[int]
        J = t.Callable[..., None]
        K = ValueError
        """
    )
    aliases = {a.name: a.value for a in module.aliases}
    assert set(aliases) == set("ABCDEFGHIJK")
    assert aliases["A"] == TSubscript(
        TName("Union", "typing.Union"), (INT, TName("str", "builtins.str"))
    )
    assert aliases["C"] == TUnion((INT, TConst(None)))
    assert aliases["D"] == TStr("Local")
    assert aliases["G"] == TName("Local", "m.Local")
    assert aliases["H"] == INT
    assert module.constants == ()


def test_name_assignments_that_are_values() -> None:
    module = parse(
        """
        import re
        import os
        FLAGS = re.I | re.M
        SEP = os.sep
        LIMIT = 10
        OTHER = LIMIT
        open_file = open
        """
    )
    assert [c.name for c in module.constants] == ["FLAGS", "SEP", "LIMIT", "OTHER", "open_file"]
    assert module.aliases == ()


def test_newtype_is_an_alias_of_its_base() -> None:
    module = parse("from typing import NewType\nUserId = NewType('UserId', int)\n")
    assert module.aliases == (TypeAlias("UserId", INT, (), 2),)


@pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax needs Python 3.12")
def test_pep695_type_statement() -> None:
    module = parse("type Pair[T] = tuple[T, T]\n")
    (alias,) = module.aliases
    assert alias.name == "Pair"
    assert alias.type_params == ("T",)
    t = TName("T", "m.Pair.T")
    assert alias.value == TSubscript(TName("tuple", "builtins.tuple"), (t, t))


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="checks the pre-3.12 behaviour")
def test_pep695_type_statement_is_a_syntax_error_before_312() -> None:
    with pytest.raises(StubSyntaxError) as info:
        parse_module("X = 1\ntype Pair = tuple[int, int]\n", module="m")
    assert info.value.line == 2


def test_typevars() -> None:
    module = parse(
        """
        import typing
        from typing import TypeVar, ParamSpec
        from typing_extensions import TypeVarTuple
        T = TypeVar("T")
        B = TypeVar("B", bound="Base", covariant=True)
        C = typing.TypeVar("C", int, str, contravariant=True)
        D = TypeVar("D", default=int)
        P = ParamSpec("P")
        Ts = TypeVarTuple("Ts")
        """
    )
    assert module.typevars == (
        TypeVarDecl("T", TypeVarKind.TYPEVAR, line=5),
        TypeVarDecl("B", TypeVarKind.TYPEVAR, TStr("Base"), line=6, covariant=True),
        TypeVarDecl(
            "C",
            TypeVarKind.TYPEVAR,
            constraints=(INT, TName("str", "builtins.str")),
            line=7,
            contravariant=True,
        ),
        TypeVarDecl("D", TypeVarKind.TYPEVAR, line=8, default=INT),
        TypeVarDecl("P", TypeVarKind.PARAMSPEC, line=9),
        TypeVarDecl("Ts", TypeVarKind.TYPEVARTUPLE, line=10),
    )
    assert module.constants == ()
    assert module.aliases == ()


def test_imports() -> None:
    module = parse(
        """
        from __future__ import annotations
        import os
        import os.path
        import collections.abc as cabc
        import json as json
        from typing import Any, List as L
        from typing import Dict as Dict
        """
    )
    assert module.imports == (
        ImportBinding("os", "os", False, 3),
        ImportBinding("os", "os", False, 4),
        ImportBinding("cabc", "collections.abc", False, 5),
        ImportBinding("json", "json", True, 6),
        ImportBinding("Any", "typing.Any", False, 7),
        ImportBinding("L", "typing.List", False, 7),
        ImportBinding("Dict", "typing.Dict", True, 8),
    )


@pytest.mark.parametrize(
    ("module", "path", "statement", "target"),
    [
        ("pkg.sub", "pkg/sub.pyi", "from . import x", "pkg.x"),
        ("pkg.sub", "pkg/sub.pyi", "from .other import x", "pkg.other.x"),
        ("pkg", "pkg/__init__.pyi", "from . import x", "pkg.x"),
        ("pkg", "pkg/__init__.pyi", "from .sub import x", "pkg.sub.x"),
        ("pkg.a.b", "pkg/a/b.pyi", "from .. import x", "pkg.x"),
        ("pkg.a.b", "pkg/a/b.pyi", "from ..c.d import x", "pkg.c.d.x"),
        ("pkg.a", "pkg/a/__init__.pyi", "from .. import x", "pkg.x"),
    ],
)
def test_relative_imports(module: str, path: str, statement: str, target: str) -> None:
    (binding,) = parse_module(statement + "\n", module=module, path=path).imports
    assert binding.target == target


def test_relative_import_package_flag_overrides_path() -> None:
    (binding,) = parse_module("from . import x\n", module="pkg", is_package=True).imports
    assert binding.target == "pkg.x"


@pytest.mark.parametrize(
    ("module", "path", "statement"),
    [
        ("top", "top.pyi", "from . import x"),
        ("pkg.sub", "pkg/sub.pyi", "from .. import x"),
        ("pkg", "pkg/__init__.pyi", "from ...x import y"),
    ],
)
def test_relative_import_beyond_top_level(module: str, path: str, statement: str) -> None:
    with pytest.raises(StubSyntaxError) as info:
        parse_module("import os\n" + statement + "\n", module=module, path=path)
    assert (info.value.path, info.value.line, info.value.column) == (path, 2, 1)
    assert "beyond the top-level package" in info.value.message


def test_explicit_reexport_forms() -> None:
    module = parse_module(
        "import a as a\nimport b as c\nfrom x import y as y\nfrom x import z\n"
        "from . import sub\nfrom . import sub2 as other\nfrom .mod import w\n",
        module="pkg",
        is_package=True,
    )
    assert [(b.local, b.explicit_reexport) for b in module.imports] == [
        ("a", True),
        ("c", False),
        ("y", True),
        ("z", False),
        ("sub", True),
        ("other", False),
        ("w", False),
    ]


def test_star_imports() -> None:
    module = parse_module("from .core import *\nfrom os import *\n", module="pkg", is_package=True)
    assert module.star_imports == ("pkg.core", "os")
    assert module.imports == ()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("__all__ = ['a', 'b']", ("a", "b")),
        ("__all__ = ('a', 'b')", ("a", "b")),
        ("__all__: list[str] = ['a']", ("a",)),
        ("__all__ = ['a']\n__all__ += ['b']", ("a", "b")),
        ("__all__ = ['a']\n__all__ += ('b', 'a')", ("a", "b")),
        ("__all__ = ['a']\n__all__.extend(['b', 'c'])", ("a", "b", "c")),
        ("__all__ = ['a']\n__all__.append('b')", ("a", "b")),
        ("__all__ = ['a', 'b']\n__all__.remove('a')", ("b",)),
        ("__all__ = ['a'] + ['b']", ("a", "b")),
        ("__all__ = []", ()),
        ("x = 1", None),
        # Not statically known: the statement is ignored.
        ("__all__ = ['a']\n__all__ += names()", ("a",)),
        ("__all__ = [name for name in dir()]", None),
        (
            "import sys\n__all__ = ['a']\nif sys.version_info >= (3, 10):\n"
            "    __all__ += ['new']\nelse:\n    __all__ += ['old']",
            ("a", "new"),
        ),
    ],
)
def test_dunder_all(source: str, expected: tuple[str, ...] | None) -> None:
    assert parse(source).dunder_all == expected


def test_dunder_all_references_are_recorded() -> None:
    module = parse_module(
        "from . import sub\nfrom .other import *\n__all__ = ['a']\n"
        "__all__ += sub.__all__\n__all__.extend(other.__all__)\n",
        module="pkg",
        is_package=True,
    )
    assert module.dunder_all == ("a",)
    assert module.dunder_all_refs == ("pkg.sub", "pkg.other")


def test_dunder_all_is_not_a_constant() -> None:
    assert parse("__all__ = ['x']\nx = 1\n").constants == (Constant("x", None, 1, 2),)


def test_name_resolution() -> None:
    module = parse_module(
        textwrap.dedent(
            """
            import typing as t
            import collections.abc
            from typing import List as L
            from .types import Thing
            import numpy as np
            class Local: ...
            def f(
                a: t.Protocol,
                b: L[int],
                c: Thing,
                d: np.ndarray,
                e: Local,
                f: int,
                g: Later,
                h: Unknown,
                i: collections.abc.Mapping,
                j: object,
            ) -> None: ...
            class Later: ...
            """
        ),
        module="pkg.mod",
    )
    (f,) = module.functions
    resolved = {p.name: p.annotation for p in f.signature.params}
    assert resolved["a"] == TName("t.Protocol", "typing.Protocol")
    assert resolved["b"] == TSubscript(TName("L", "typing.List"), (INT,))
    assert resolved["c"] == TName("Thing", "pkg.types.Thing")
    assert resolved["d"] == TName("np.ndarray", "numpy.ndarray")
    assert resolved["e"] == TName("Local", "pkg.mod.Local")
    assert resolved["f"] == INT
    assert resolved["g"] == TName("Later", "pkg.mod.Later")  # defined further down
    assert resolved["h"] == TName("Unknown", "pkg.mod.Unknown")  # bound nowhere
    assert resolved["i"] == TName("collections.abc.Mapping", "collections.abc.Mapping")
    assert resolved["j"] == TName("object", "builtins.object")


def test_local_name_shadows_builtin() -> None:
    (f,) = parse("class int: ...\ndef f(x: int) -> None: ...\n", module="fake").functions
    assert f.signature.params[0].annotation == TName("int", "fake.int")


def test_try_except_import_error_reads_the_try_body() -> None:
    module = parse(
        """
        try:
            from fast import speedy as impl
        except ImportError:
            from slow import plodding as impl
        else:
            OK = True
        finally:
            DONE = True
        """
    )
    assert [(b.local, b.target) for b in module.imports] == [("impl", "fast.speedy")]
    assert [c.name for c in module.constants] == ["OK", "DONE"]


def test_type_checking_branch_is_taken() -> None:
    module = parse(
        """
        from typing import TYPE_CHECKING
        import typing
        if TYPE_CHECKING:
            from a import A
        else:
            A = object
        if typing.TYPE_CHECKING:
            from b import B
        if not TYPE_CHECKING:
            from c import C
        """
    )
    assert [b.local for b in module.imports] == ["TYPE_CHECKING", "typing", "A", "B"]
    assert module.constants == ()


def test_main_guard_is_not_read() -> None:
    module = parse("if __name__ == '__main__':\n    def main(): ...\n")
    assert module.functions == ()


@pytest.mark.parametrize("bad", ["", "1abc", "a..b", "a.", "a-b", "a b", "pkg.class"])
def test_invalid_module_name(bad: str) -> None:
    with pytest.raises(InvalidModuleNameError) as info:
        parse_module("x = 1\n", module=bad)
    assert info.value.module == bad
    assert isinstance(info.value, ValueError)


def test_path_is_recorded() -> None:
    module = parse_module("x = 1\n", module="pkg.sub", path="pkg/sub.pyi")
    assert (module.name, module.path) == ("pkg.sub", "pkg/sub.pyi")


def test_bytes_and_str_give_the_same_module() -> None:
    source = "import os\ndef f(x: int = 1) -> str: ...\nclass C:\n    y: bytes\n"
    assert parse_module(source, module="m") == parse_module(source.encode(), module="m")


def test_declarations_keep_first_position_and_last_value() -> None:
    module = parse("X = 1\nY = 2\nX = 3\n")
    assert [(c.name, c.value) for c in module.constants] == [("X", 3), ("Y", 2)]
