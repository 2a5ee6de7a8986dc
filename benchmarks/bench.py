"""`nox -s bench`: mochi-py's performance figures, each a ratio measured in the same run.

(a) parse+lower of typeshed's stdlib stubs vs bare `ast.parse`;
(b) Plan+Build of a 200-alias request vs plain file writes of the same bytes;
(c) render+parse+check of a 5,000-entry lock vs `tomllib.loads` of the same text;
(d) a no-op rebuild vs a cold build;
(e) per-call overhead of a sync wrapper vs a direct call, and of `_sync` on the persistent
    loop vs `asyncio.run` per call.

Every figure is given as min / median / max over the repeats (the spread is the machine's
noise) and judged on the median: PASS or MISS per target. Peak memory (tracemalloc) is
measured for (a) and (c) in a separate pass. The figures, the Python version and
`os.cpu_count()` are also written as JSON (default: `bench-results.json` at the repo root).
The exit status is 0 whatever the figures (ratios on a shared machine are informative) unless
`--strict` is given, which makes a MISS exit 1.

Which build of mochi-py-stubs and mochi-py-typemap is measured is printed first and written as
`build`: "mypyc" when their hot modules are compiled extension modules (the compiled build of
their READMEs; `nox -s "bench(build='mypyc')"`), "pure" otherwise (`bench(build='pure')`).

Each benchmark runs in a fresh Python process (`--in-process` runs them all in this one): what
one leaves behind (cached Surfaces and their indexes after (a), a heap the collector has to
walk) changed the timings of the next; (c) measured after (a) spread twice as wide.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.machinery
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _harness import Result, Spread

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "bench-results.json"
KEYS = ("a", "b", "c", "d", "e")


def compiled_modules() -> tuple[str, ...]:
    """The modules a compiled build compiles: the `include` lists of the mypyc build hook in
    the packages' pyproject.toml files (what a pure build leaves as Python)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: mochi-py-toml brings tomli along
        import tomli as tomllib
    names: list[str] = []
    for pyproject in sorted(ROOT.glob("packages/*/pyproject.toml")):
        tool = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {})
        wheel = tool.get("hatch", {}).get("build", {}).get("targets", {}).get("wheel", {})
        for path in wheel.get("hooks", {}).get("mypyc", {}).get("include", []):
            parts = Path(path).relative_to("src").with_suffix("").parts
            names.append(".".join(parts))
    return tuple(names)


def build_kind() -> tuple[str, dict[str, str]]:
    """("mypyc" | "pure" | "mixed", module -> "compiled" | "python") for compiled_modules()."""
    kinds = {}
    for name in compiled_modules():
        path = getattr(importlib.import_module(name), "__file__", None) or ""
        compiled = path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
        kinds[name] = "compiled" if compiled else "python"
    found = set(kinds.values())
    kind = "mixed" if len(found) > 1 else "mypyc" if found == {"compiled"} else "pure"
    return kind, kinds


def _runner(key: str) -> Callable[[int], Result]:
    # Imported on demand, so `--only c` needs nothing the other benchmarks need (mypy, uv).
    if key == "a":
        from bench_typeshed import run
    elif key == "b":
        from bench_build import run
    elif key == "c":
        from bench_lock import run
    elif key == "d":
        from bench_rebuild import run
    else:
        from bench_wrapper import run
    return run


def _row(label: str, spread: Spread, seconds: bool = False) -> str:
    if not seconds:
        return f"    {label:<22} {spread.min:10.3f} {spread.median:10.3f} {spread.max:10.3f}"
    # One unit per row, chosen by the median, so sub-millisecond sides stay readable.
    scale, unit = 1e-9, "ns"
    for scale, unit in ((1.0, "s"), (1e-3, "ms"), (1e-6, "us"), (1e-9, "ns")):  # noqa: B007
        if spread.median >= scale:
            break
    values = (spread.min / scale, spread.median / scale, spread.max / scale)
    return f"    {label:<22} {values[0]:10.3f} {values[1]:10.3f} {values[2]:10.3f}  {unit}"


def report(result: Result) -> str:
    lines = [
        f"{result.title}  [{result.repeats} repeats]",
        f"    subject:  {result.subject}",
        f"    baseline: {result.baseline}",
        f"    {'':<22} {'min':>10} {'median':>10} {'max':>10}",
    ]
    lines += [_row(name, spread, seconds=True) for name, spread in result.seconds.items()]
    lines += [_row(name, spread) for name, spread in result.figures.items()]
    for side, peak in result.memory.items():
        lines.append(f"    peak memory {side:<10} {peak / 2**20:10.1f} MiB")
    if result.info:
        shown = ", ".join(f"{k}={v}" for k, v in sorted(result.info.items()))
        lines.append(f"    ({shown})")
    lines += [f"    note: {note}" for note in result.notes]
    for target, value, ok in result.verdicts():
        verdict = "PASS" if ok else "MISS"
        lines.append(
            f"    {verdict}: {target.describe()} (median {value:.3f}{target.unit.strip()})"
        )
    return "\n".join(lines)


def _settle() -> None:
    """Between benchmarks: write dirty pages out now ((b) and (d) write hundreds of files,
    (b)'s baseline without fsync) and free the last one's garbage, so neither lands in the
    timings of the next."""
    if hasattr(os, "sync"):
        os.sync()
    gc.collect()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats of each side")
    parser.add_argument("--only", nargs="+", choices=KEYS, default=list(KEYS), metavar="KEY")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--in-process", action="store_true", help="run every benchmark in this process"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    build, modules = build_kind()
    if not args.child:
        compiled = sum(kind == "compiled" for kind in modules.values())
        print(f"bench: build {build} ({compiled} of {len(modules)} hook modules compiled)")
    entries: dict[str, dict[str, Any]] = {}
    missed: list[str] = []
    started = time.perf_counter()
    for key in sorted(set(args.only)):
        if not args.child:
            print(f"bench: running ({key}) ...", file=sys.stderr, flush=True)
        if args.in_process or args.child:
            result = _runner(key)(args.repeats)
            print(report(result), flush=True)
            print(flush=True)
            entry, passed = result.as_json(), result.passed()
            _settle()
        else:
            entry, passed = _run_apart(key, args.repeats)
        entries[key] = entry
        if not passed:
            missed.append(str(entry["title"]))

    document = {
        "schema": 1,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu_count": os.cpu_count(),
        "build": build,
        "build_modules": modules,
        "repeats": args.repeats,
        "judged_on": "median",
        "benchmarks": entries,
        "missed": missed,
    }
    args.output.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", "utf-8")
    if args.child:
        return 0
    elapsed = time.perf_counter() - started
    summary = "all targets met" if not missed else "MISSED: " + "; ".join(missed)
    print(f"bench: {build} build: {summary} ({elapsed:.0f} s; results in {args.output})")
    return 1 if missed and args.strict else 0


def _run_apart(key: str, repeats: int) -> tuple[dict[str, Any], bool]:
    """Run one benchmark in a fresh process (it prints its report); its JSON entry and
    whether it met its targets."""
    _settle()
    with tempfile.TemporaryDirectory(prefix="mochi-bench-") as scratch:
        output = Path(scratch) / "result.json"
        command = [sys.executable, __file__, "--only", key, "--repeats", str(repeats)]
        done = subprocess.run([*command, "--output", str(output), "--child"], check=False)
        if done.returncode != 0:
            raise SystemExit(f"bench: ({key}) failed (exit status {done.returncode})")
        document = json.loads(output.read_text("utf-8"))
    return document["benchmarks"][key], not document["missed"]


if __name__ == "__main__":
    sys.exit(main())
