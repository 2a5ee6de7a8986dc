"""The typed package the round-trip, mypy and determinism tests wrap (its `__init__.py`)."""

from __future__ import annotations

DEMO = """
from __future__ import annotations

import asyncio
import enum
from dataclasses import dataclass, field
from typing import AsyncIterator, Callable, Iterator, NamedTuple, Optional, TypedDict

from typing_extensions import NotRequired

__all__ = [
    "VERSION", "LIMIT", "Color", "Point", "Line", "Pair", "Movie", "Client", "AsyncClient",
    "BadInput", "add", "load", "scale", "clamp", "window", "count", "shift", "midpoint",
    "pairs", "movie_title", "best", "maybe_point", "fetch", "open_client", "fail",
    "lines_of", "describe", "match", "tally", "pick", "ticks", "ticks_later", "each",
    "offset_by",
]

VERSION: str = "1.2.3"
LIMIT = 10


class Color(enum.Enum):
    RED = 1
    GREEN = 2


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    type: str = "pt"


@dataclass(frozen=True)
class Line:
    start: Point
    end: Point
    tags: list[str] = field(default_factory=list)


class Pair(NamedTuple):
    left: int
    right: str


class Movie(TypedDict):
    title: str
    year: int
    note: NotRequired[str]


class BadInput(ValueError):
    pass


class Client:
    def __init__(self, base: str, *, retries: int = 3) -> None:
        self.base = base
        self.retries = retries
        self.calls = 0

    def get(self, path: str, /, times: int = 1) -> str:
        self.calls += 1
        return f"{self.base}/{path}" * times

    @property
    def name(self) -> str:
        return self.base

    @staticmethod
    def double(x: int) -> int:
        return x * 2

    @classmethod
    def local(cls, port: int) -> Client:
        return cls(f"http://localhost:{port}")

    async def ping(self, n: int) -> int:
        await asyncio.sleep(0)
        return n + self.retries


class AsyncClient:
    def __init__(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[int] = asyncio.Queue()

    async def send(self, value: int) -> int:
        if asyncio.get_running_loop() is not self._loop:
            raise RuntimeError("client used on a different event loop")
        await self._queue.put(value)
        return await self._queue.get()


def add(a: int, b: int) -> int:
    return a + b


def load(path: str, *, strict: bool = False, limit: int = 2) -> list[str]:
    return [path, str(strict), str(limit)]


def scale(x: float, factor: float = 2.0, /, offset: float = 0.0) -> float:
    return x * factor + offset


def clamp(value: int, *, low: int, high: int) -> int:
    return max(low, min(high, value))


def window(items: list[int], size: int = len("abc")) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def count(n: int) -> Iterator[int]:
    yield from range(n)


def shift(p: Point, dx: int) -> Point:
    return Point(p.x + dx, p.y, p.type)


def midpoint(line: Line) -> Point:
    return Point((line.start.x + line.end.x) // 2, (line.start.y + line.end.y) // 2)


def lines_of(n: int) -> list[Line]:
    return [Line(Point(i, i), Point(i + 1, i + 1), [str(i)]) for i in range(n)]


def pairs(n: int) -> list[Pair]:
    return [Pair(i, str(i)) for i in range(n)]


def movie_title(m: Movie) -> str:
    return m["title"] + m.get("note", "")


def best() -> Movie:
    return {"title": "Alien", "year": 1979}


def maybe_point(flag: bool) -> Optional[Point]:
    return Point(1, 2) if flag else None


def describe(c: Color) -> str:
    return c.name


def match(pattern: str, type: str) -> bool:
    return pattern == type


def tally(counts: dict[str, Pair]) -> int:
    return sum(p.left for p in counts.values())


def pick(options: tuple[Point, int]) -> int:
    return options[0].x + options[1]


async def fetch(url: str, *, upper: bool = True) -> str:
    await asyncio.sleep(0)
    return url.upper() if upper else url


async def ticks(n: int) -> AsyncIterator[int]:
    for i in range(n):
        yield i


async def ticks_later(n: int) -> AsyncIterator[int]:
    await asyncio.sleep(0)
    return ticks(n)


def each(points: list[Point], f: Callable[[Point], int]) -> list[int]:
    return [f(p) for p in points]


def offset_by(dx: int) -> Callable[[Point], Point]:
    return lambda p: Point(p.x + dx, p.y, p.type)


async def open_client() -> AsyncClient:
    return AsyncClient()


def fail(message: str) -> int:
    raise BadInput(message)
"""

# Any-typed items: bound only with allow_partial.
ANY_SOURCE = """
from dataclasses import dataclass
from typing import Any


@dataclass
class Cell:
    v: int


def anything(x: Any) -> Any:
    return [Cell(x), (Cell(1), 2), {"k": Cell(3)}]
"""

# A record class that is not public: the wrapper binds it through the runtime's resolve.
PRIVATE_RECORD = {
    "__init__.py": """
from __future__ import annotations

from ._models import Item as _Item


def make(n: int) -> _Item:
    return _Item(n, [str(n)])


def size(item: _Item) -> int:
    return item.n + len(item.labels)
""",
    "_models.py": """
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Item:
    n: int
    labels: list[str]
""",
}

# httpx's shape: `params` / `headers` are defaulted, and unions that include bytes (no Mochi
# type): the functions are bound, those parameters typed `any` (test_defaulted_any.py).
DEFAULTED = """
from __future__ import annotations

from typing import Mapping, Union

QueryParams = Union[str, bytes, Mapping[str, str]]


class Response:
    def __init__(self, text: str) -> None:
        self._text = text

    @property
    def text(self) -> str:
        return self._text


def get(url: str, *, params: QueryParams | None = None, timeout: float = 5.0) -> Response:
    return Response(f"{url} {params!r} {timeout!r}")


class Client:
    def __init__(self, *, headers: dict[str, bytes] | None = None) -> None:
        self.headers = headers or {}

    def get(self, url: str, params: QueryParams | None = None) -> Response:
        return Response(f"{url} {params!r} {sorted(self.headers)!r}")
"""
