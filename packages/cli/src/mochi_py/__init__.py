"""The mochi-py command: build Python packages into a Mochi project and pin them in mochi.lock."""

from mochi_py._version import __version__

__all__ = ["__version__"]
