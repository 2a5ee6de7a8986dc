"""Deterministic TOML read/write for mochi-py, and a splice that replaces one array of tables inside a larger document."""

from mochi_py_toml._version import __version__

__all__ = ["__version__"]
