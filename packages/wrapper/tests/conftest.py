"""Test setup: make the shared helper modules importable (pytest runs in importlib mode)."""

from __future__ import annotations

import pathlib
import sys

_HERE = str(pathlib.Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from wrapper_helpers import build, runtime_dir  # noqa: E402

__all__ = ["build", "runtime_dir"]
