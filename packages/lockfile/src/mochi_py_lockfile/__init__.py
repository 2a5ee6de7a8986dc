"""Phase 9 of mochi-py: the [[python-package]] table of mochi.lock, drift checks and capabilities; installs and works alone."""

from mochi_py_lockfile._version import __version__

__all__ = ["__version__"]
