"""Equal type expressions of one module are one object (hash-consing in the parser), which is
what lets typemap map each distinct annotation of a module once. Sharing must never merge
expressions that only compare equal (`1 == True`, `0.0 == -0.0`) and must not cross modules.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_stubs import Function, Module, TConst, TSubscript, TUnion, parse_module


def _params(module: Module, name: str) -> list[object]:
    found = [f for f in module.functions if f.name == name]
    assert len(found) == 1
    fn: Function = found[0]
    return [p.annotation for p in fn.signature.params]


def test_equal_annotations_of_a_module_are_one_object() -> None:
    module = parse_module(
        "from typing import Literal\n"
        "def f(a: int | None, b: dict[str, list[int]], c: Literal['x', 1]) -> None: ...\n"
        "def g(a: int | None, b: dict[str, list[int]], c: Literal['x', 1]) -> None: ...\n"
        "class C:\n"
        "    def m(self, a: int | None, b: dict[str, list[int]]) -> None: ...\n",
        module="m",
    )
    f, g = _params(module, "f"), _params(module, "g")
    assert all(x is y for x, y in zip(f, g, strict=True))
    (cls,) = module.classes
    (method,) = cls.methods
    _, a, b = (p.annotation for p in method.signature.params)
    assert a is f[0]
    assert b is f[1]
    assert isinstance(f[0], TUnion)
    assert isinstance(f[1], TSubscript)


def test_constants_that_only_compare_equal_stay_apart() -> None:
    module = parse_module(
        "from typing import Literal\n"
        "def f(a: Literal[1], b: Literal[True], c: Literal[1.0], d: Literal[0.0],"
        " e: Literal[-0.0], h: Literal[b'1']) -> None: ...\n",
        module="m",
    )
    args = []
    for annotation in _params(module, "f"):
        assert isinstance(annotation, TSubscript)
        (arg,) = annotation.args
        assert isinstance(arg, TConst)
        args.append(arg.value)
    assert [type(v) for v in args] == [int, bool, float, float, float, bytes]
    assert str(args[4]) == "-0.0"
    lits = _params(module, "f")
    assert len({id(x) for x in lits}) == len(lits)


def test_modules_do_not_share_expressions() -> None:
    source = "def f(a: int | None) -> None: ...\n"
    one = parse_module(source, module="m")
    two = parse_module(source, module="m")
    assert _params(one, "f")[0] == _params(two, "f")[0]
    assert _params(one, "f")[0] is not _params(two, "f")[0]


def test_a_class_scope_keeps_its_own_names() -> None:
    # Inside a class that defines `T`, `list[T]` means something else than at module level.
    module = parse_module(
        "class T: ...\n"
        "def f(a: list[T]) -> None: ...\n"
        "class Box:\n"
        "    class T: ...\n"
        "    def m(self, a: list[T]) -> None: ...\n",
        module="m",
    )
    (outer,) = _params(module, "f")
    box = next(c for c in module.classes if c.name == "Box")
    (method,) = box.methods
    inner = method.signature.params[1].annotation
    assert isinstance(outer, TSubscript)
    assert isinstance(inner, TSubscript)
    assert outer != inner
    assert outer.args[0].resolved == "m.T"  # type: ignore[union-attr]
    assert inner.args[0].resolved == "m.Box.T"  # type: ignore[union-attr]


_ATOMS = st.sampled_from(["int", "str", "None", "list[int]", "'Fwd'", "Literal[1]", "bytes"])


@st.composite
def _annotation(draw: st.DrawFn) -> str:
    return " | ".join(draw(st.lists(_ATOMS, min_size=1, max_size=3)))


@settings(max_examples=100, deadline=None)
@given(st.lists(_annotation(), min_size=2, max_size=6))
def test_sharing_follows_equality(annotations: list[str]) -> None:
    header = "from typing import Literal\n"
    body = "".join(f"def f{i}(a: {a}) -> None: ...\n" for i, a in enumerate(annotations))
    module = parse_module(header + body, module="m")
    parsed = [_params(module, f"f{i}")[0] for i in range(len(annotations))]
    for x in parsed:
        for y in parsed:
            assert (x is y) == (x == y)
