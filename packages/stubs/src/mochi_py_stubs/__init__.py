"""Phase 3 of mochi-py: PEP 561 stub discovery in an environment and an ast-based surface parser for .pyi/.py files."""

from mochi_py_stubs._version import __version__

__all__ = ["__version__"]
