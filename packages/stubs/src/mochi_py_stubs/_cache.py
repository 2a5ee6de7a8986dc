"""Values derived from a Surface, kept for the few Surfaces in use."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from mochi_py_stubs._model import Surface

T = TypeVar("T")


class SurfaceCache(Generic[T]):
    """`derive(surface)` computed once per Surface and kept for the last `size` Surfaces used.

    A build lowers every module of a package against one Surface, and each lowering asks for
    the same derived index. Surfaces are matched by identity: hashing a whole Surface on
    every lookup would cost more than deriving the value. The cache holds strong references,
    so an id cannot be reused by another Surface while it is cached; a Surface is frozen, so
    a value derived from it never goes stale. Thread-safe: two threads may derive the same
    value once each, and one of them is kept.
    """

    def __init__(self, derive: Callable[[Surface], T], size: int = 4) -> None:
        if size < 1:
            raise ValueError(f"a SurfaceCache holds at least one Surface, not {size}")
        self._derive = derive
        self._size = size
        self._entries: list[tuple[Surface, T]] = []
        self._lock = threading.Lock()

    def __call__(self, surface: Surface) -> T:
        with self._lock:
            for cached, value in self._entries:
                if cached is surface:
                    return value
        value = self._derive(surface)
        with self._lock:
            self._entries.insert(0, (surface, value))
            del self._entries[self._size :]
        return value
