"""`python -m mochi_py`: the same command as `mochi-py`."""

from __future__ import annotations

import sys

from mochi_py._cli import main

if __name__ == "__main__":
    sys.exit(main())
