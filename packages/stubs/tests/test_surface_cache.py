"""SurfaceCache: a value derived once per Surface, kept for the last few Surfaces used."""

from __future__ import annotations

import threading

import pytest

from mochi_py_stubs import Surface, SurfaceCache, parse_module


def _surface(name: str = "pkg") -> Surface:
    return Surface(name, (parse_module("x: int\n", module=name),))


def test_derived_once_per_surface_and_matched_by_identity() -> None:
    calls: list[Surface] = []

    def derive(surface: Surface) -> object:
        calls.append(surface)
        return object()

    cache = SurfaceCache(derive)
    one = _surface()
    assert cache(one) is cache(one)
    assert calls == [one]
    equal = _surface()
    assert equal == one
    assert cache(equal) is not cache(one)  # equal by value is not the same Surface
    assert calls == [one, equal]


def test_the_least_recently_added_is_dropped() -> None:
    cache = SurfaceCache(lambda surface: object(), size=2)
    first, second, third = _surface("a"), _surface("b"), _surface("c")
    kept = cache(first)
    cache(second)
    assert cache(first) is kept
    cache(third)
    assert cache(first) is not kept  # derived again: it had fallen out


def test_a_size_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one Surface"):
        SurfaceCache(lambda surface: surface, size=0)


def test_threads_all_get_a_value() -> None:
    cache = SurfaceCache(lambda surface: surface.package)
    surface = _surface()
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(cache(surface))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["pkg"] * 8
