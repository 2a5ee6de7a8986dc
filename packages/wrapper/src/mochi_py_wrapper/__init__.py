"""Phase 5 of mochi-py: Python wrapper modules (<pkg>_externs.py/.pyi) and the shared runtime."""

from mochi_py_wrapper._version import __version__

__all__ = ["__version__"]
