"""Benchmark: mochi-py-stubs' `parse_module` against bare `ast.parse` on typeshed's stdlib.

Reads every `.pyi` of the typeshed copy that the installed mypy ships, then times, best of
several repeats (`time.perf_counter`), bare `ast.parse` of all of them and `parse_module` of
all of them (which includes decoding, `ast.parse` and the walk), each file timed with both
in turn so that a change in machine load affects both sides alike.
The target is a ratio of at most 1.5 for the parser alone, so that a later type-lowering
step fits in a 2.0 total.

Run it as a script (`python benchmarks/bench_stubs_parse.py [--repeats N]`), or call
`run()`, which returns the figures as a dict, e.g. from a `nox -s bench` session. Needs
mochi-py-stubs and mypy (for the stubs only; mypy itself is never run) installed.
"""

from __future__ import annotations

import argparse
import ast
import gc
import importlib.util
import sys
import time
from pathlib import Path

TARGET_RATIO = 1.5


def typeshed_stdlib() -> Path:
    """The `typeshed/stdlib` directory inside the installed mypy package."""
    spec = importlib.util.find_spec("mypy")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("mypy is not installed: its bundled typeshed stubs are the corpus")
    root = Path(next(iter(spec.submodule_search_locations))) / "typeshed" / "stdlib"
    if not root.is_dir():
        raise SystemExit(f"no typeshed stdlib directory at {root}")
    return root


def load_corpus(root: Path) -> list[tuple[str, str, bytes]]:
    """(module name, relative path, bytes) for every stub, in a fixed order."""
    corpus = []
    for path in sorted(root.rglob("*.pyi")):
        relative = path.relative_to(root).as_posix()
        parts = relative[: -len(".pyi")].split("/")
        if parts[-1] == "__init__":
            parts.pop()
        corpus.append((".".join(parts), relative, path.read_bytes()))
    return corpus


def run(repeats: int = 5) -> dict[str, float]:
    """Time both passes; return the best time of each, their ratio and the corpus size."""
    from mochi_py_stubs import parse_module

    corpus = load_corpus(typeshed_stdlib())
    clock = time.perf_counter
    best_ast = best_parser = float("inf")
    for _ in range(repeats):
        gc.collect()
        # The two are timed file by file, alternately, and summed: on a shared machine the
        # load changes over a pass, and interleaving exposes both to the same conditions.
        total_ast = total_parser = 0.0
        for module, path, data in corpus:
            start = clock()
            ast.parse(data)
            middle = clock()
            parse_module(data, module=module, path=path)
            end = clock()
            total_ast += middle - start
            total_parser += end - middle
        best_ast = min(best_ast, total_ast)
        best_parser = min(best_parser, total_parser)
    return {
        "files": float(len(corpus)),
        "bytes": float(sum(len(data) for _, _, data in corpus)),
        "repeats": float(repeats),
        "ast_parse_seconds": best_ast,
        "parse_module_seconds": best_parser,
        "ratio": best_parser / best_ast,
        "target_ratio": TARGET_RATIO,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed passes of each (best wins)")
    args = parser.parse_args(argv)
    figures = run(args.repeats)
    print(f"corpus:        {int(figures['files'])} stubs, {int(figures['bytes'])} bytes")
    print(f"ast.parse:     {figures['ast_parse_seconds']:.3f} s (best of {args.repeats})")
    print(f"parse_module:  {figures['parse_module_seconds']:.3f} s (best of {args.repeats})")
    verdict = "ok" if figures["ratio"] <= TARGET_RATIO else "OVER TARGET"
    print(f"ratio:         {figures['ratio']:.2f} (target <= {TARGET_RATIO}) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
