"""collection_paused: the cyclic collector is off inside, and back as it was afterwards."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from mochi_py_stubs import StubSyntaxError, collection_paused, parse_module


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_off_inside_and_on_after() -> None:
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_resume_only_at_the_outermost() -> None:
    with collection_paused():
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_resumes_after_an_error() -> None:
    with pytest.raises(KeyError), collection_paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_a_collector_the_program_turned_off_stays_off() -> None:
    gc.disable()
    with collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
    parse_module("x: int\n", module="m")
    assert not gc.isenabled()


def test_parse_module_pauses_and_resumes() -> None:
    seen: list[bool] = []

    def collecting(phase: str, info: dict[str, int]) -> None:
        seen.append(True)

    source = "".join(
        f"def f{i}(a: int, b: list[str] | None = None) -> int: ...\n" for i in range(3000)
    )
    gc.callbacks.append(collecting)
    try:
        parse_module(source, module="m")
    finally:
        gc.callbacks.remove(collecting)
    assert seen == []  # ~50k allocations and not one collection
    assert gc.isenabled()


def test_parse_module_resumes_after_a_syntax_error() -> None:
    with pytest.raises(StubSyntaxError):
        parse_module("def (:\n", module="m")
    assert gc.isenabled()


def test_overlapping_pauses_across_threads_end_with_the_collector_on() -> None:
    start = threading.Barrier(8)

    def work() -> None:
        start.wait()
        for _ in range(200):
            with collection_paused():
                parse_module("x: int\n", module="m")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.isenabled()
