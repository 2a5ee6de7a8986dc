"""Pause Python's cyclic garbage collector around a burst of acyclic allocations."""

from __future__ import annotations

import gc
import threading
from types import TracebackType


class _CollectionPaused:
    """`with collection_paused():` runs its body with the cyclic collector off.

    Parsing a stub allocates ~100k short-lived `ast` nodes and model values, none of which
    form reference cycles (they are freed by reference counting), yet each few hundred
    allocations start a collection that walks them all: that was a sixth of
    `parse_module`'s time on typeshed's stdlib. mypy's build turns the collector off while it
    loads its module graph for the same reason; the pause here lasts one call only, since a
    library does not own the process-wide collector.

    The collector is turned back on only if it was on when the outermost pause began:
    pauses nest and may overlap across threads (a depth count under a lock), and a
    program that turned collection off itself finds it still off afterwards. The one
    thing this cannot know about is a `gc.disable()` made by another thread while a pause
    is running: that collector is turned back on when the pause ends.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._resume = False

    def __call__(self) -> _CollectionPaused:
        return self

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._resume:
                gc.enable()


collection_paused = _CollectionPaused()
