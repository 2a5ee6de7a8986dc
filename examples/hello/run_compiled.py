"""What the compiled examples/hello program does, without the Mochi compiler.

The Mochi compiler's Python target copies `main_externs.py` (next to `main.mochi`) into its
output as the module `mochi_user_main_externs`, and the compiled module imports the joined
names from it and calls them with positional arguments. This script does exactly that, so
run it with the Python of the venv `mochi-py build` made:

    python_workspace/.venv/bin/python run_compiled.py
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_sidecar() -> object:
    spec = importlib.util.spec_from_file_location(
        "mochi_user_main_externs", HERE / "main_externs.py"
    )
    if spec is None or spec.loader is None:
        raise SystemExit("main_externs.py is missing: run `mochi-py build` first")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    load_sidecar()
    from mochi_user_main_externs import wcwidth_ljust, wcwidth_wcswidth

    greeting = "こんにちは, Mochi"
    print(wcwidth_ljust(greeting, 24) + "|")
    print(greeting, "is", wcwidth_wcswidth(greeting), "terminal columns wide")


if __name__ == "__main__":
    main()
