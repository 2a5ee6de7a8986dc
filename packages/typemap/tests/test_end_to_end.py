"""Real stub text through the stubs parser, then lowered: the markers the parser detects
(dataclass, NamedTuple, TypedDict, Protocol, Enum, exceptions, properties, overloads) arrive
as the lowering expects them. (PEP 695 syntax needs Python 3.12 to parse; it is covered with
hand-built models elsewhere.)"""

from __future__ import annotations

import contextlib
import io
import pathlib
import re

from mochi_py_stubs import Surface, parse_module, public_items
from mochi_py_typemap import LoweredClass, LoweredFunction, SkipReason, lower_module

STUB = """
import enum
from dataclasses import dataclass, KW_ONLY
from typing import (
    Any, AsyncIterator, Callable, ClassVar, Generic, Literal, NamedTuple, NotRequired,
    Optional, Protocol, Self, TypedDict, TypeVar, overload,
)

T = TypeVar("T")
Headers = dict[str, str]
K = TypeVar("K")
V = TypeVar("V")
Pair = tuple[K, V]

class Color(enum.Enum):
    RED = 1
    GREEN = 2

@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0
    _: KW_ONLY
    label: "str | None" = None
    ORIGIN: ClassVar["Point"]

class Pair2(NamedTuple):
    left: str
    right: str

class Movie(TypedDict):
    title: str
    year: NotRequired[int]

class Greeter(Protocol):
    def hello(self, name: str) -> str: ...

class HTTPError(Exception):
    status: int

class Box(Generic[T]):
    def __init__(self, item: T) -> None: ...
    def get(self) -> T: ...
    @property
    def size(self) -> int: ...
    @size.setter
    def size(self, value: int) -> None: ...
    def __len__(self) -> int: ...
    def copy(self) -> Self: ...

class Client:
    def __init__(
        self, base_url: str, *, timeout: float = 5.0, headers: Headers | None = None
    ) -> None: ...
    async def get(self, url: str) -> str: ...
    def stream(self, url: str) -> AsyncIterator[str]: ...
    @overload
    def send(self, body: str) -> str: ...
    @overload
    def send(self, body: int) -> int: ...
    @classmethod
    def from_env(cls) -> "Client": ...
    def on(self, callback: Callable[[str], None]) -> None: ...
    def raw(self) -> bytes: ...

def first(items: list[T]) -> T: ...
def mode(m: Literal["r", "w"] = "r") -> Color: ...
def swap(p: Pair[int, str]) -> Pair[str, int]: ...
def anything(x: Any) -> None: ...
def maybe(x: Optional[Point] = None, *args: int, **kwargs: str) -> Movie | None: ...
def number(x: int | float) -> int | float: ...
VERSION: str
LIMIT = 10
"""

SURFACE = Surface("demo", (parse_module(STUB, module="demo", path="demo/__init__.pyi"),))


def by_name(items: tuple[object, ...]) -> dict[str, object]:
    return {i.name: i for i in items}  # type: ignore[attr-defined]


def test_invariant_and_skips() -> None:
    lowered = lower_module(SURFACE)
    assert len(lowered.bound) + len(lowered.skipped) == len(public_items(SURFACE, "demo"))
    assert [(s.item_path, s.reason) for s in lowered.skipped] == [
        ("demo.anything", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT),
    ]
    assert [(s.item_path, s.reason) for s in lowered.member_skips] == [
        ("demo.Box.__len__", SkipReason.DUNDER),
        ("demo.Client.raw", SkipReason.NO_BYTES_TYPE),
        ("demo.Client.send", SkipReason.OVERLOAD_AMBIGUITY),
    ]


def test_functions() -> None:
    bound = by_name(lower_module(SURFACE).bound)
    first = bound["first"]
    assert isinstance(first, LoweredFunction)
    assert [first.params[0].type.render(), first.returns.render()] == ["list<any>", "any"]
    mode = bound["mode"]
    assert isinstance(mode, LoweredFunction)
    assert (mode.params[0].type.render(), mode.params[0].default, mode.returns.render()) == (
        "string",
        "r",
        "Color",
    )
    swap = bound["swap"]
    assert isinstance(swap, LoweredFunction)
    assert [swap.params[0].type.render(), swap.returns.render()] == [
        "tuple<int, string>",
        "tuple<string, int>",
    ]
    maybe = bound["maybe"]
    assert isinstance(maybe, LoweredFunction)
    assert [(p.name, p.type.render()) for p in maybe.params] == [("x", "option<Point>")]
    assert maybe.returns.render() == "option<Movie>"
    number = bound["number"]
    assert isinstance(number, LoweredFunction)
    assert (number.params[0].type.render(), number.returns.render()) == (
        "NumberXUnion",
        "NumberReturnUnion",
    )


def test_classes() -> None:
    lowered = lower_module(SURFACE)
    bound = by_name(lowered.bound)
    point = bound["Point"]
    assert isinstance(point, LoweredClass)
    assert point.decl_kind == "record"
    assert [(f.name, f.type.render(), f.has_default) for f in point.fields] == [
        ("x", "int", False),
        ("y", "int", True),
        ("label", "option<string>", True),
    ]
    assert point.constructor is not None
    assert [p.kind.value for p in point.constructor.params] == [
        "positional-or-keyword",
        "positional-or-keyword",
        "keyword-only",
    ]
    assert [(g.name, g.returns.render()) for g in point.properties] == [("ORIGIN", "Point")]
    assert by_name(lowered.bound)["Pair2"].decl_kind == "record"  # type: ignore[attr-defined]
    movie = bound["Movie"]
    assert isinstance(movie, LoweredClass)
    assert [(f.name, f.type.render()) for f in movie.fields] == [
        ("title", "string"),
        ("year", "option<int>"),
    ]
    greeter = bound["Greeter"]
    assert isinstance(greeter, LoweredClass)
    assert (greeter.is_protocol, greeter.constructor) == (True, None)
    assert [m.name for m in greeter.methods] == ["hello"]
    color = bound["Color"]
    assert isinstance(color, LoweredClass)
    assert (color.decl_kind, color.members) == ("enum", ("RED", "GREEN"))
    err = bound["HTTPError"]
    assert isinstance(err, LoweredClass)
    assert err.decl_kind == "exception"
    box = bound["Box"]
    assert isinstance(box, LoweredClass)
    assert box.constructor is not None
    assert box.constructor.params[0].type.render() == "any"
    assert [(m.name, m.returns.render()) for m in box.methods] == [("get", "any"), ("copy", "Box")]
    assert [(p.name, p.returns.render()) for p in box.properties] == [("size", "int")]
    client = bound["Client"]
    assert isinstance(client, LoweredClass)
    assert client.constructor is not None
    assert [(p.name, p.type.render(), p.has_default) for p in client.constructor.params] == [
        ("base_url", "string", False),
        ("timeout", "float", True),
        ("headers", "option<map<string, string>>", True),
    ]
    assert [(m.name, m.binding, m.is_async, m.returns.render()) for m in client.methods] == [
        ("get", "method", True, "string"),
        ("stream", "method", False, "stream<string>"),
        ("from_env", "classmethod", False, "Client"),
        ("on", "method", False, "unit"),
    ]
    assert client.methods[3].params[0].type.render() == "fun(string): unit"


def test_aliases_typevars_constants() -> None:
    bound = by_name(lower_module(SURFACE).bound)
    assert bound["T"].target.render() == "any"  # type: ignore[attr-defined]
    assert bound["Headers"].target.render() == "map<string, string>"  # type: ignore[attr-defined]
    assert bound["Pair"].target.render() == "tuple<any, any>"  # type: ignore[attr-defined]
    assert bound["VERSION"].type.render() == "string"  # type: ignore[attr-defined]
    assert bound["LIMIT"].type.render() == "int"  # type: ignore[attr-defined]


def test_declarations() -> None:
    lowered = lower_module(SURFACE)
    assert [d.render() for d in lowered.types] == [
        "type Box = any",
        "type Client = any",
        "type Color = any",
        "type Greeter = any",
        "type HTTPError = any",
        "type Movie { title: string, year: option<int> }",
        "type NumberReturnUnion = NumberReturnUnionInt(value: int)"
        " | NumberReturnUnionFloat(value: float)",
        "type NumberXUnion = NumberXUnionInt(value: int) | NumberXUnionFloat(value: float)",
        "type Pair2 { left: string, right: string }",
        "type Point { x: int, y: int, label: option<string> }",
    ]


def test_readme_example_runs_and_prints_what_it_says() -> None:
    readme = pathlib.Path(__file__).resolve().parents[1] / "README.md"
    (code,) = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)[:1]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(readme), "exec"), {})
    expected = [
        line.split("# ", 1)[1].split("   (")[0]
        for line in code.splitlines()
        if line.startswith("# ")
    ]
    assert out.getvalue().splitlines() == expected
