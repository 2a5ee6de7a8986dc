"""The persistent loop keeps loop-bound objects usable across `_sync` calls; per-call does not."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from corpus import DEMO
from wrapper_helpers import Built

from mochi_py_wrapper import AsyncMode, WrapperOptions


def test_persistent_mode_reuses_one_loop(build: Callable[..., Built]) -> None:
    built = build(DEMO, stem="persist")
    assert built.wrapper.loop is AsyncMode.PERSISTENT
    w = built.load()
    # The client holds an asyncio.Queue and the loop it was created on, and checks it.
    client = w.open_client_sync()
    assert w.AsyncClient_send_sync(client, 1) == 1
    assert w.AsyncClient_send_sync(client, 2) == 2


def test_per_call_mode_loses_loop_bound_objects(build: Callable[..., Built]) -> None:
    built = build(DEMO, WrapperOptions(async_mode=AsyncMode.PER_CALL), stem="percall")
    assert built.wrapper.loop is AsyncMode.PER_CALL
    assert "run_per_call as _mochi_run" in built.wrapper.py_source
    w = built.load()
    assert w.fetch_sync("x") == "X"  # a self-contained coroutine works in either mode
    client = w.open_client_sync()
    with pytest.raises(RuntimeError, match="different event loop"):
        w.AsyncClient_send_sync(client, 1)
