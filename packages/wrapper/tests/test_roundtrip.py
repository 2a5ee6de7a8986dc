"""Generated wrappers imported and called against a real typed package written to tmp_path."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from corpus import DEMO
from wrapper_helpers import Built

from mochi_py_wrapper import ExternKind


@pytest.fixture
def demo(build: Callable[..., Built]) -> tuple[ModuleType, ModuleType]:
    built = build(DEMO, stem="demo")
    wrapper = built.load()
    return wrapper, sys.modules[built.wrapper.import_name]


def test_sync_function(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    assert w.add(2, 3) == 5


def test_mangled_name_calls_the_real_function(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    assert not hasattr(w, "load")  # `load` is a Mochi reserved word
    assert w.load_("p") == ["p", "False", "2"]
    assert w.match_("a", "a") is True  # `match` and the parameter `type` are mangled


def test_defaults_omitted_and_given(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    assert w.load_("p", limit=5) == ["p", "False", "5"]
    assert w.load_("p", strict=True, limit=7) == ["p", "True", "7"]
    # A default that is a call in the source (`len("abc")`) is the package's, not copied.
    assert w.window([1, 2, 3, 4]) == [[1, 2, 3], [4]]
    assert w.window([1, 2, 3, 4], size=2) == [[1, 2], [3, 4]]


def test_defaulted_params_are_keyword_only(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    with pytest.raises(TypeError):
        w.load_("p", True)


def test_keyword_only_params_are_passed_by_keyword(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    # Mochi passes arguments positionally; the wrapper hands them on by keyword.
    assert w.clamp(50, 0, 10) == 10
    assert w.clamp(value=-5, low=0, high=10) == 0


def test_positional_only_params(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    assert w.scale(3.0) == 6.0
    assert w.scale(3.0, factor=3.0) == 9.0
    assert w.scale(3.0, offset=1.0) == 7.0
    assert w.scale(3.0, factor=1.0, offset=1.0) == 4.0


def test_iterator_is_materialised(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    assert w.count(3) == [0, 1, 2]


def test_constants_are_getters(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    assert w.VERSION() == "1.2.3"
    assert w.LIMIT() == 10


def test_exceptions_propagate_unchanged(demo: tuple[ModuleType, ModuleType]) -> None:
    w, real = demo
    with pytest.raises(real.BadInput, match=r"^no way$") as info:
        w.fail("no way")
    assert type(info.value).__name__ == "BadInput"
    assert str(info.value) == "no way"


def test_class_constructor_methods_properties(demo: tuple[ModuleType, ModuleType]) -> None:
    w, real = demo
    client = w.Client("http://h")
    assert isinstance(client, real.Client)  # an opaque handle is the object itself
    assert client.retries == 3
    assert w.Client("http://h", retries=1).retries == 1
    assert w.Client_get(client, "a") == "http://h/a"
    assert w.Client_get(client, "a", times=2) == "http://h/ahttp://h/a"
    assert client.calls == 2  # state lives in the handle
    assert w.Client_name(client) == "http://h"
    assert w.Client_double(21) == 42  # staticmethod: no receiver
    assert w.Client_name(w.Client_local(8080)) == "http://localhost:8080"  # classmethod


def test_enum_members_are_getters(demo: tuple[ModuleType, ModuleType]) -> None:
    w, real = demo
    assert w.Color_RED() is real.Color.RED
    assert w.describe(w.Color_GREEN()) == "GREEN"


def test_dataclass_crosses_as_dict_both_ways(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    p = w.Point(1, 2)
    # The field `type` is a Mochi reserved word: its key is mangled like an identifier.
    assert p == {"x": 1, "y": 2, "type_": "pt"}
    assert w.shift(p, 10) == {"x": 11, "y": 2, "type_": "pt"}
    assert w.Point(1, 2, type_="q") == {"x": 1, "y": 2, "type_": "q"}


def test_nested_records(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    line = w.Line(w.Point(0, 0), w.Point(4, 6))
    assert line == {
        "start": {"x": 0, "y": 0, "type_": "pt"},
        "end": {"x": 4, "y": 6, "type_": "pt"},
        "tags": [],
    }
    assert w.midpoint(line) == {"x": 2, "y": 3, "type_": "pt"}
    assert w.lines_of(1) == [
        {
            "start": {"x": 0, "y": 0, "type_": "pt"},
            "end": {"x": 1, "y": 1, "type_": "pt"},
            "tags": ["0"],
        }
    ]


def test_optional_record(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    assert w.maybe_point(True) == {"x": 1, "y": 2, "type_": "pt"}
    assert w.maybe_point(False) is None


def test_namedtuple_crosses_as_dict(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    assert w.Pair(1, "a") == {"left": 1, "right": "a"}
    assert w.pairs(2) == [{"left": 0, "right": "0"}, {"left": 1, "right": "1"}]
    assert w.tally({"a": {"left": 2, "right": "x"}, "b": {"left": 3, "right": "y"}}) == 5
    assert w.pick(({"x": 5, "y": 0, "type_": "pt"}, 2)) == 7


def test_typeddict_crosses_as_dict(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    assert w.best() == {"title": "Alien", "year": 1979, "note": None}
    assert w.movie_title({"title": "Up", "year": 2009, "note": None}) == "Up"
    assert w.movie_title({"title": "Up", "year": 2009, "note": "!"}) == "Up!"
    assert w.Movie("Heat", 1995) == {"title": "Heat", "year": 1995, "note": None}


def test_async_function_sync_and_async_entries(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    assert w.fetch_sync("abc") == "ABC"
    assert w.fetch_sync("abc", upper=False) == "abc"
    assert asyncio.run(w.fetch_async("xyz")) == "XYZ"
    client = w.Client("h", retries=2)
    assert w.Client_ping_sync(client, 1) == 3
    assert asyncio.run(w.Client_ping_async(client, 5)) == 7


def test_sync_entry_inside_a_running_loop(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo

    async def caller() -> str:
        # A blocking call from async code: the runtime drives its loop in a helper thread.
        return str(w.fetch_sync("in"))

    assert asyncio.run(caller()) == "IN"


def test_extern_kinds(build: Callable[..., Built]) -> None:
    wrapper = build(DEMO, stem="kinds").wrapper
    kinds = {e.mochi_name: e.kind for e in wrapper.externs}
    assert kinds["add"] is ExternKind.FUNCTION
    assert kinds["Client"] is ExternKind.CONSTRUCTOR
    assert kinds["Client_get"] is ExternKind.METHOD
    assert kinds["Client_name"] is ExternKind.PROPERTY
    assert kinds["VERSION"] is ExternKind.CONSTANT
    assert kinds["Color_RED"] is ExternKind.CONSTANT
    assert kinds["fetch_sync"] is ExternKind.FUNCTION
    names = [e.mochi_name for e in wrapper.externs]
    assert names == sorted(names)
    by_name = {e.mochi_name: e for e in wrapper.externs}
    get = by_name["Client_get"]
    assert [p.name for p in get.params] == ["self", "path", "times"]
    assert [p.name for p in get.shim_params] == ["self", "path"]
    assert by_name["fetch_sync"].is_async
    assert by_name["fetch_sync"].async_name == "fetch_async"
    assert by_name["load_"].joined_name == "al_load_"
    assert by_name["load_"].python_path.endswith(".load")


async def _collect(stream: Any) -> list[Any]:
    return [x async for x in stream]


def test_async_streams(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    # An async generator function gives its stream directly ...
    assert asyncio.run(_collect(w.ticks_sync(3))) == [0, 1, 2]
    # ... a coroutine returning a stream is run first; both entries give the stream.
    assert asyncio.run(_collect(w.ticks_later_sync(2))) == [0, 1]

    async def via_async() -> list[Any]:
        return await _collect(await w.ticks_async(2)) + await _collect(await w.ticks_later_async(1))

    assert asyncio.run(via_async()) == [0, 1, 0]


def test_callbacks_convert_both_ways(demo: tuple[ModuleType, ModuleType]) -> None:
    w, _ = demo
    seen: list[Any] = []

    def mochi_callback(p: dict[str, Any]) -> int:
        seen.append(p)
        return int(p["x"]) * 10

    points = [w.Point(1, 2), w.Point(3, 4)]
    assert w.each(points, mochi_callback) == [10, 30]
    assert seen == points  # the callback saw records as dicts, not Point objects
    move = w.offset_by(5)  # a Python function handed to Mochi takes and returns dicts
    assert move(w.Point(1, 1)) == {"x": 6, "y": 1, "type_": "pt"}
