"""The shared runtime `_mochi_wrap`: loops, conversions, helpers; its text is constant."""

from __future__ import annotations

import ast
import asyncio
import dataclasses
import importlib
import pathlib
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any, NamedTuple

import pytest

from mochi_py_wrapper import RUNTIME_MODULE, runtime_source, runtime_stub


@pytest.fixture
def rt(runtime_dir: pathlib.Path) -> ModuleType:
    return importlib.import_module(RUNTIME_MODULE)


@dataclasses.dataclass
class Inner:
    type: str
    n: int


@dataclasses.dataclass
class Outer:
    inner: Inner
    items: list[Inner]
    by_key: dict[str, Inner]


class Pt(NamedTuple):
    x: int
    match: int


async def _loop_of() -> asyncio.AbstractEventLoop:
    return asyncio.get_running_loop()


async def _boom() -> None:
    raise KeyError("missing thing")


def test_runtime_text_is_constant_and_valid() -> None:
    assert runtime_source() == runtime_source()
    assert runtime_stub() == runtime_stub()
    compile(runtime_source(), f"{RUNTIME_MODULE}.py", "exec")
    ast.parse(runtime_stub())
    for name in ("run_sync", "run_per_call", "to_mochi", "from_record", "materialise"):
        assert f"def {name}(" in runtime_source()
        assert f"def {name}(" in runtime_stub()
    assert "MISSING" in runtime_source()


def test_to_mochi_converts_records_recursively(rt: ModuleType) -> None:
    value = Outer(Inner("a", 1), [Inner("b", 2)], {"k": Inner("c", 3)})
    assert rt.to_mochi(value) == {
        "inner": {"type_": "a", "n": 1},
        "items": [{"type_": "b", "n": 2}],
        "by_key": {"k": {"type_": "c", "n": 3}},
    }
    assert rt.to_mochi(Pt(1, 2)) == {"x": 1, "match_": 2}
    assert rt.to_mochi((Pt(1, 2), 3)) == ({"x": 1, "match_": 2}, 3)
    assert rt.to_mochi([1, "a", None, 1.5, True]) == [1, "a", None, 1.5, True]
    assert rt.to_mochi(Inner) is Inner  # a dataclass *class* is a handle, not a record
    handle = object()
    assert rt.to_mochi(handle) is handle


def test_from_record_rebuilds_with_unmangled_keys(rt: ModuleType) -> None:
    assert rt.from_record(Inner, {"type_": "a", "n": 1}) == Inner("a", 1)
    assert rt.from_record(Pt, {"x": 1, "match_": 2}) == Pt(1, 2)


def test_materialise(rt: ModuleType) -> None:
    def gen() -> Iterator[int]:
        yield from (1, 2)

    assert rt.materialise(gen()) == [1, 2]
    assert rt.materialise((3, 4)) == [3, 4]
    same = [5]
    assert rt.materialise(same) is same


def test_positional(rt: ModuleType) -> None:
    missing = rt.MISSING
    assert repr(missing) == "MISSING"
    assert rt.positional(1, missing, missing) == (1,)
    assert rt.positional(missing) == ()
    assert rt.positional(1, 2) == (1, 2)
    with pytest.raises(TypeError, match="left out"):
        rt.positional(missing, 2)


def test_resolve(rt: ModuleType) -> None:
    import collections

    assert rt.resolve("collections", "OrderedDict") is collections.OrderedDict
    assert rt.resolve("collections", "OrderedDict.fromkeys") == collections.OrderedDict.fromkeys


def test_run_sync_reuses_one_loop(rt: ModuleType) -> None:
    first = rt.run_sync(_loop_of())
    second = rt.run_sync(_loop_of())
    assert first is second
    assert not first.is_closed()


def test_run_sync_recreates_a_closed_loop(rt: ModuleType) -> None:
    first = rt.run_sync(_loop_of())
    rt.close_loop()
    assert first.is_closed()
    second = rt.run_sync(_loop_of())
    assert second is not first
    assert not second.is_closed()
    first2 = rt.run_sync(_loop_of())
    first2.close()  # closed behind the runtime's back: still recreated
    assert not rt.run_sync(_loop_of()).is_closed()


def test_run_sync_from_other_threads(rt: ModuleType) -> None:
    main_loop = rt.run_sync(_loop_of())
    seen: list[Any] = []

    def worker() -> None:
        seen.append(rt.run_sync(_loop_of()))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [main_loop] * 4


def test_run_sync_inside_a_running_loop_uses_a_helper_thread(rt: ModuleType) -> None:
    persistent = rt.run_sync(_loop_of())

    async def caller() -> Any:
        return rt.run_sync(_loop_of())

    assert asyncio.run(caller()) is persistent


def test_run_sync_on_its_own_loop_refuses_instead_of_deadlocking(rt: ModuleType) -> None:
    async def nested() -> None:
        rt.run_sync(_loop_of())

    with pytest.raises(RuntimeError, match="_async wrapper"):
        rt.run_sync(nested())


def test_exceptions_propagate_unchanged(rt: ModuleType) -> None:
    for run in (rt.run_sync, rt.run_per_call):
        with pytest.raises(KeyError, match="missing thing"):
            run(_boom())

    async def caller() -> None:
        rt.run_sync(_boom())

    with pytest.raises(KeyError, match="missing thing"):
        asyncio.run(caller())


def test_run_per_call_uses_a_fresh_loop_each_time(rt: ModuleType) -> None:
    persistent = rt.run_sync(_loop_of())
    a = rt.run_per_call(_loop_of())
    b = rt.run_per_call(_loop_of())
    assert a is not b
    assert a is not persistent
    assert a.is_closed()
    assert b.is_closed()

    async def caller() -> Any:
        return rt.run_per_call(_loop_of())

    inner = asyncio.run(caller())
    assert inner.is_closed()
