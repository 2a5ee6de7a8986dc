"""Same inputs, same bytes: across calls, processes, hash seeds and definition order."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

from corpus import DEMO
from hostile import HOSTILE
from wrapper_helpers import write_package

from mochi_py_wrapper import synthesise

_HERE = pathlib.Path(__file__).resolve().parent

_SCRIPT = """
import hashlib, pathlib, sys
sys.path.insert(0, sys.argv[1])
from corpus import DEMO
from hostile import HOSTILE
from wrapper_helpers import write_package
from mochi_py_wrapper import synthesise
root = pathlib.Path(sys.argv[2])
digest = hashlib.sha256()
for name, text in (("ddemo", DEMO), ("dhostile", HOSTILE)):
    surface = write_package(root, name, {"__init__.py": text})
    w = synthesise(name, name, "al", surface)
    # items hold stub Class values whose frozenset markers repr in hash order: compare
    # what the items say instead.
    items = [(i.name, i.path, i.kind, i.types) for i in w.items]
    digest.update(repr((w.py_source, w.pyi_source, w.externs, w.types, w.skipped,
                        w.name_map, items)).encode())
print(digest.hexdigest())
"""


def test_same_input_same_bytes(tmp_path: pathlib.Path) -> None:
    surface = write_package(tmp_path, "same", {"__init__.py": DEMO})
    first = synthesise("same", "same", "al", surface)
    second = synthesise("same", "same", "al", surface)
    assert first == second
    assert first.py_source == second.py_source
    assert first.pyi_source == second.pyi_source


def test_across_hash_seeds(tmp_path: pathlib.Path) -> None:
    digests = set()
    for seed in ("0", "1", "12345", "random"):
        root = tmp_path / f"seed_{seed}"
        proc = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(_HERE), str(root)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        digests.add(proc.stdout.strip())
    assert len(digests) == 1


_DEFS = [
    "def alpha(x: int) -> int:\n    return x\n",
    "def load(x: str, *, flag: bool = False) -> str:\n    return x\n",
    "VERSION: str = '1'\n",
    "class Box:\n    def size(self) -> int:\n        return 1\n",
    "async def zeta(n: int) -> list[int]:\n    return [n]\n",
]


def test_definition_order_does_not_matter(tmp_path: pathlib.Path) -> None:
    forward = write_package(tmp_path / "a", "ordered", {"__init__.py": "\n\n".join(_DEFS)})
    backward = write_package(
        tmp_path / "b", "ordered", {"__init__.py": "\n\n".join(reversed(_DEFS))}
    )
    a = synthesise("ordered", "ordered", "o", forward)
    b = synthesise("ordered", "ordered", "o", backward)
    assert a.py_source == b.py_source
    assert a.pyi_source == b.pyi_source
    assert a.externs == b.externs


def test_no_absolute_paths_in_output(tmp_path: pathlib.Path) -> None:
    surface = write_package(tmp_path, "nopath", {"__init__.py": HOSTILE})
    w = synthesise("nopath", "nopath", "al", surface)
    assert str(tmp_path) not in w.py_source + w.pyi_source
    assert str(tmp_path) not in repr(w.skipped)
