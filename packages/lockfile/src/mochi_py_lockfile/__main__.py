"""`python -m mochi_py_lockfile`: the same command as `mochi-py-lock`."""

from __future__ import annotations

import sys

from mochi_py_lockfile._cli import main

if __name__ == "__main__":
    sys.exit(main())
