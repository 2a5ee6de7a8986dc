"""Same inputs, same values: across processes and hash seeds, and wherever the files live."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

_PROGRAM = textwrap.dedent(
    """
    import dataclasses, enum, sys
    from mochi_py_stubs import parse_package, public_items

    def canonical(value):
        # frozenset iteration order depends on the hash seed: sort it for printing.
        if dataclasses.is_dataclass(value):
            return (type(value).__name__,) + tuple(
                (f.name, canonical(getattr(value, f.name))) for f in dataclasses.fields(value)
            )
        if isinstance(value, frozenset):
            return ("frozenset",) + tuple(sorted(repr(canonical(v)) for v in value))
        if isinstance(value, tuple):
            return tuple(canonical(v) for v in value)
        if isinstance(value, enum.Enum):
            return value.value
        return value

    root, *files = sys.argv[1:]
    surface = parse_package(root, files, package="pkg")
    print(repr(canonical(surface)))
    print(repr(canonical(public_items(surface))))
    """
)

_FILES = {
    "pkg/__init__.pyi": (
        "import sys\nfrom ._core import *\nfrom .models import Model as Model, Kind as Kind\n"
        "from typing import TypeVar, Generic, Protocol\nT = TypeVar('T')\n"
        "class Box(Generic[T], Protocol):\n    def get(self) -> T: ...\n"
        "if sys.version_info >= (3, 11):\n    def new() -> None: ...\n"
    ),
    "pkg/_core.pyi": "__all__ = ['run', 'Error']\ndef run(*, fast: bool = True) -> int: ...\n"
    "class Error(ValueError): ...\n",
    "pkg/models.pyi": "from dataclasses import dataclass\nimport enum\n@dataclass(frozen=True)\n"
    "class Model:\n    name: str\n    size: int = 0\nclass Kind(enum.Enum):\n    A = 1\n",
}


def _write(root: Path) -> list[str]:
    for path, text in _FILES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return list(_FILES)


def _run(root: Path, files: list[str], seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    result = subprocess.run(
        [sys.executable, "-c", _PROGRAM, str(root), *files],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    return result.stdout


def test_same_output_across_hash_seeds_and_locations(tmp_path: Path) -> None:
    first = _write(tmp_path / "a")
    second = _write(tmp_path / "elsewhere" / "b")
    outputs = {
        _run(tmp_path / "a", first, "0"),
        _run(tmp_path / "a", list(reversed(first)), "12345"),
        _run(tmp_path / "elsewhere" / "b", second, "random"),
    }
    assert len(outputs) == 1
    (output,) = outputs
    assert str(tmp_path) not in output  # no absolute path leaks into the values
