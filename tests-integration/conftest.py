"""Shared fixtures for the cross-package tests, which run against installed wheels."""

from __future__ import annotations

import os
import pathlib

import pytest


@pytest.fixture(scope="session")
def wheel_dir() -> pathlib.Path:
    """Where `nox -s sentinel` put the wheels it built (one folder per package)."""
    value = os.environ.get("MOCHI_PY_WHEEL_DIR")
    if not value:
        pytest.fail("MOCHI_PY_WHEEL_DIR is not set: run these tests through `nox -s sentinel`")
    return pathlib.Path(value)
