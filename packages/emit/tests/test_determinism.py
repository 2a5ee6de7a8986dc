"""Same Wrapper, same bytes: across calls, input orders and PYTHONHASHSEED values."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

from emit_helpers import demo_wrapper

from mochi_py_emit import ShimOptions, emit_shim

_TESTS = pathlib.Path(__file__).resolve().parent

_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import emit_helpers
from mochi_py_emit import emit_shim
shim = emit_shim(emit_helpers.demo_wrapper())
sys.stdout.write(shim.sha256 + "\\n" + shim.source)
"""


def test_repeated_emits_are_identical() -> None:
    first = emit_shim(demo_wrapper())
    for _ in range(3):
        again = emit_shim(demo_wrapper())
        assert again == first
        assert again.source.encode("utf-8") == first.source.encode("utf-8")


def test_no_absolute_paths() -> None:
    source = emit_shim(demo_wrapper()).source
    assert str(_TESTS) not in source
    assert "/" not in source.replace("//", "")


def test_same_bytes_across_hash_seeds() -> None:
    outputs = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(_TESTS)],
            capture_output=True,
            env=env,
            check=True,
            timeout=120,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    (output,) = outputs
    digest, _, source = output.decode("utf-8").partition("\n")
    assert source == emit_shim(demo_wrapper()).source
    assert digest == emit_shim(demo_wrapper(), ShimOptions()).sha256
