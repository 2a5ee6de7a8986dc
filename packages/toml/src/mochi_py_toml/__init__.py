"""Deterministic TOML read/write for mochi-py, and a splice that replaces one array of tables
inside a larger document."""

from mochi_py_toml._errors import TomlError
from mochi_py_toml._read import load, loads
from mochi_py_toml._splice import replace_array_of_tables
from mochi_py_toml._values import format_key, format_value
from mochi_py_toml._version import __version__
from mochi_py_toml._write import dumps

__all__ = [
    "TomlError",
    "__version__",
    "dumps",
    "format_key",
    "format_value",
    "load",
    "loads",
    "replace_array_of_tables",
]
