"""Phase 4 of mochi-py: the closed table from Python annotations to Mochi types, with skip reports."""

from mochi_py_typemap._version import __version__

__all__ = ["__version__"]
