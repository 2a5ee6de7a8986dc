"""Which source files under an import package an `import` statement can reach.

Wheels ship more than modules: numpy has `numpy/typing/tests/data/pass/*.py` (`pass` is a
keyword), scipy and scikit-learn have data directories of `.py` files without `__init__.py`.
No `import` reaches those, so they are not part of the surface: a file is kept only when
every directory from the top-level package down to it is a package (has an `__init__`) with
a name that is an identifier and not a keyword, and its own stem is one too. The top-level
directory itself is exempt from the `__init__` rule (it may be a namespace package or a
`<name>-stubs` directory, which is named after the package rather than importable as is).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from keyword import iskeyword
from pathlib import Path

# Subpackages that hold a package's own tests: not public API. mypy's stubgen drops modules
# under them anyway (after looking them up, which is where it fails on data directories).
TEST_PACKAGES = frozenset({"tests", "test", "testing"})
# Compiled extension modules can be a package's `__init__` (`__init__.cpython-312-...so`).
_EXTENSION_SUFFIXES = (".so", ".pyd")


@dataclass(frozen=True)
class Walk:
    """`files`: sorted posix paths relative to the walked root; `excluded`: how many source
    files under the package were left out because no import statement can reach them."""

    files: tuple[str, ...]
    excluded: int


def is_name_part(name: str) -> bool:
    """One component of a dotted module name: an identifier that is not a keyword."""
    return name.isidentifier() and not iskeyword(name)


def _is_package(filenames: list[str]) -> bool:
    for name in filenames:
        if name in ("__init__.py", "__init__.pyi"):
            return True
        if name.startswith("__init__.") and name.endswith(_EXTENSION_SUFFIXES):
            return True
    return False


def walk_package(root: Path, top: str, *, with_py: bool) -> Walk:
    """The `.pyi` (and, `with_py`, `.py`) files under `root/top` that name importable modules.

    A `.pyi` hides its `.py` twin (that is not an exclusion). `__pycache__` is never entered
    and symlinked directories are not followed, so a link loop cannot hang discovery.
    Directories are visited in sorted order, so the result does not depend on the file
    system's listing order.
    """
    suffixes = (".pyi", ".py") if with_py else (".pyi",)
    chosen: dict[str, str] = {}
    excluded = 0
    base = root / top
    importable = {str(base)}
    for directory, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        sources = sorted(f for f in filenames if f.endswith(suffixes))
        reachable = directory in importable or (
            os.path.dirname(directory) in importable
            and is_name_part(os.path.basename(directory))
            and _is_package(filenames)
        )
        if not reachable:
            # Everything below is unreachable too: its parent chain is broken here.
            excluded += len(sources)
            continue
        importable.add(directory)
        relative = Path(directory).relative_to(root).as_posix()
        for filename in sources:
            stem = filename[:-4] if filename.endswith(".pyi") else filename[:-3]
            if not is_name_part(stem):
                excluded += 1
                continue
            key = f"{relative}/{stem}"
            if filename.endswith(".pyi") or key not in chosen:
                chosen[key] = f"{relative}/{filename}"
    return Walk(tuple(sorted(chosen.values())), excluded)


def is_test_module(module: str) -> bool:
    """A module inside a `tests` / `test` / `testing` subpackage (or that subpackage)."""
    return any(part in TEST_PACKAGES for part in module.split(".")[1:])
