"""Pause Python's cyclic garbage collector around a burst of acyclic allocations."""

from __future__ import annotations

import gc
import os
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
    pauses nest and may overlap across threads (a depth per thread, under a lock), and a
    program that turned collection off itself finds it still off afterwards. What this cannot
    know about is a `gc.disable()` made by another thread while a pause is running: that
    collector is turned back on when the pause ends.

    Failure modes are chosen to leave the collector on. An exception that interrupts a pause
    half-way (KeyboardInterrupt at the wrong bytecode) can at worst leave this object thinking
    a pause is still running, which makes later pauses no-ops; a collector it turned off is
    remembered as its own and turned back on by the next pause that ends. After `os.fork`,
    the child keeps only the pauses of the thread that forked (the others do not exist there).
    """

    def __init__(self) -> None:
        # Re-entrant: a signal handler may parse a stub while its thread is inside a pause.
        self._lock = threading.RLock()
        self._depths: dict[int, int] = {}  # thread ident -> nesting depth
        self._resume = False  # turn the collector back on when the last pause ends
        self._paused_it = False  # this object turned the collector off (and not yet on)
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._after_fork_in_child)

    def __call__(self) -> _CollectionPaused:
        return self

    def __enter__(self) -> None:
        me = threading.get_ident()
        with self._lock:
            outermost = not self._depths
            self._depths[me] = self._depths.get(me, 0) + 1
            if outermost:
                try:
                    # A collector a pause cut short left off is still this object's to
                    # turn back on.
                    self._resume = gc.isenabled() or self._paused_it
                    self._paused_it = True
                    gc.disable()
                except BaseException:
                    self._leave(me)
                    raise

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        with self._lock:
            self._leave(threading.get_ident())

    def _leave(self, me: int) -> None:
        depth = self._depths.pop(me, 1)
        try:
            if depth > 1:
                self._depths[me] = depth - 1
        finally:
            if not self._depths and self._paused_it:
                self._paused_it = False
                if self._resume:
                    gc.enable()

    def _after_fork_in_child(self) -> None:
        self._lock = threading.RLock()
        me = threading.get_ident()
        self._depths = {me: self._depths[me]} if me in self._depths else {}
        if not self._depths and self._paused_it:
            self._paused_it = False
            if self._resume:
                gc.enable()


collection_paused = _CollectionPaused()
