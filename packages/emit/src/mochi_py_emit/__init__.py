"""Phase 6 of mochi-py: Mochi shims (extern declarations) from a wrapper, with a validator."""

from mochi_py_emit._version import __version__

__all__ = ["__version__"]
