"""collection_paused: the cyclic collector is off inside, and back as it was afterwards."""

from __future__ import annotations

import gc
import os
import threading
import warnings
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


class _InterruptedDisable:
    """`gc` as seen by _gc, whose disable() is interrupted right after it took effect (a
    KeyboardInterrupt landing on the next bytecode)."""

    def __init__(self) -> None:
        self.interrupted = False

    def __getattr__(self, name: str) -> object:
        return getattr(gc, name)

    def disable(self) -> None:
        gc.disable()
        if not self.interrupted:
            self.interrupted = True
            raise KeyboardInterrupt


def test_an_interrupted_pause_leaves_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from mochi_py_stubs import _gc

    monkeypatch.setattr(_gc, "gc", _InterruptedDisable())
    with pytest.raises(KeyboardInterrupt), collection_paused():
        pass  # pragma: no cover - never entered
    assert gc.isenabled()
    with collection_paused():  # and pausing still works
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_an_interrupted_pause_left_off_is_turned_back_on() -> None:
    from mochi_py_stubs import _gc

    # What an exit interrupted just before turning the collector back on leaves behind.
    gc.disable()
    _gc.collection_paused._paused_it = True
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork")
def test_after_fork_the_pauses_of_other_threads_do_not_hold_the_child() -> None:
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with collection_paused():
            inside.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    inside.wait(30)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # forking with threads
            child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            ok = gc.isenabled()  # the holder does not exist here: its pause is over
            with collection_paused():
                ok = ok and not gc.isenabled()
            os._exit(0 if ok and gc.isenabled() else 1)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        release.set()
        holder.join()
    assert gc.isenabled()
