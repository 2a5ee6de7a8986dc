"""Test setup: the shared helper module is importable (pytest runs in importlib mode), and one
project is built once per session for the tests that only read what a build wrote."""

from __future__ import annotations

import pathlib
import sys

import pytest

_HERE = str(pathlib.Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

import cli_helpers  # noqa: E402  (needs the path above)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> cli_helpers.Built:
    """A project importing the local `greet` package, built offline once."""
    root = tmp_path_factory.mktemp("built")
    return cli_helpers.build_sample(root)
