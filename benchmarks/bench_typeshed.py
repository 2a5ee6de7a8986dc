"""(a) Parse + lower typeshed's stdlib stubs vs bare `ast.parse` of the same files.

The corpus is every `typeshed/stdlib/**/*.pyi` of the installed mypy, read once before any
timing (`bench_stubs_parse.load_corpus`). The subject parses each file with
`mochi_py_stubs.parse_module`, puts the modules of one top-level package into a Surface and
lowers every module of it with `mochi_py_typemap.lower_module`, the package's own module
first. Both sides are timed package by package, alternately, and summed, so a change of
machine load during a pass hits both alike. The parse and lower shares of the subject are
reported too.

A build does less: for `import python "<pkg>"` it parses every file of the package but lowers
only the package's own module (the others are read for what it re-exports). `build_ratio`
reports that share of the same run (parse + lowering of the package modules only), for
information; the target is judged on every module lowered.

`parse_module` and `lower_module` run with Python's cyclic garbage collector paused
(`mochi_py_stubs.collection_paused`); the baseline is `ast.parse` as any caller runs it, with
the collector on, and about a quarter of its time goes to collections. So that this part of
the ratio is visible, `ratio_vs_paused_ast` compares the subject with `ast.parse` run under
the same pause (for information).
"""

from __future__ import annotations

import ast
import gc
from collections.abc import Callable
from itertools import groupby

from _harness import Result, Spread, Target, clock, peak_memory, ratio_spread
from bench_stubs_parse import load_corpus, typeshed_stdlib

from mochi_py_stubs import Surface, collection_paused, parse_module
from mochi_py_typemap import lower_module

TARGET = Target("ratio", "<=", 2.0)

Group = tuple[str, tuple[tuple[str, str, bytes], ...]]


def _groups() -> list[Group]:
    corpus = load_corpus(typeshed_stdlib())
    corpus.sort(key=lambda entry: (entry[0].split(".")[0], entry[0]))
    return [
        (package, tuple(files))
        for package, files in groupby(corpus, key=lambda entry: entry[0].split(".")[0])
    ]


def _lower_group(
    package: str, files: tuple[tuple[str, str, bytes], ...]
) -> tuple[float, float, float]:
    """Parse and lower one package; return (parse seconds, seconds lowering the package's
    own module, seconds lowering the others)."""
    start = clock()
    modules = tuple(parse_module(data, module=module, path=path) for module, path, data in files)
    parsed = clock()
    surface = Surface(package, modules)
    lower_module(surface, package)
    own = clock()
    for module in modules:
        if module.name != package:
            lower_module(surface, module.name)
    return parsed - start, own - parsed, clock() - own


def run(repeats: int) -> Result:
    groups = _groups()
    parse_seconds: list[float] = []
    lower_seconds: list[float] = []
    build_seconds: list[float] = []
    base: list[float] = []
    paused_base: list[float] = []
    subj: list[float] = []

    def one_pass(ast_first: bool) -> None:
        total_ast = total_paused = total_parse = total_lower = total_own = 0.0
        for package, files in groups:
            # Interleaved per package: see the module docstring.
            def bare(files: tuple[tuple[str, str, bytes], ...] = files) -> float:
                start = clock()
                for _, _, data in files:
                    ast.parse(data)
                return clock() - start

            def paused(files: tuple[tuple[str, str, bytes], ...] = files) -> float:
                start = clock()
                for _, _, data in files:
                    with collection_paused():
                        ast.parse(data)
                return clock() - start

            if ast_first:
                total_ast += bare()
                total_paused += paused()
            p, own, rest = _lower_group(package, files)
            if not ast_first:
                total_paused += paused()
                total_ast += bare()
            total_parse += p
            total_lower += own + rest
            total_own += own
        base.append(total_ast)
        paused_base.append(total_paused)
        subj.append(total_parse + total_lower)
        parse_seconds.append(total_parse)
        lower_seconds.append(total_lower)
        build_seconds.append(total_parse + total_own)

    for number in range(repeats):
        gc.collect()
        one_pass(ast_first=number % 2 == 0)

    memory = {
        "baseline": peak_memory(_each(groups, lambda p, f: [ast.parse(d) for _, _, d in f])),
        "subject": peak_memory(_each(groups, _lower_group)),
    }
    files = sum(len(f) for _, f in groups)
    return Result(
        key="a",
        title="(a) parse+lower typeshed stdlib",
        baseline="ast.parse of every stub",
        subject="parse_module + lower_module per module",
        repeats=repeats,
        seconds={
            "baseline": Spread.of(base),
            "baseline_gc_paused": Spread.of(paused_base),
            "subject": Spread.of(subj),
            "subject_parse": Spread.of(parse_seconds),
            "subject_lower": Spread.of(lower_seconds),
        },
        figures={
            "ratio": ratio_spread(base, subj),
            "parse_ratio": ratio_spread(base, parse_seconds),
            "lower_ratio": ratio_spread(base, lower_seconds),
            "build_ratio": ratio_spread(base, build_seconds),
            "ratio_vs_paused_ast": ratio_spread(paused_base, subj),
        },
        targets=(TARGET,),
        memory=memory,
        info={
            "files": files,
            "packages": len(groups),
            "bytes": sum(len(d) for _, f in groups for _, _, d in f),
        },
    )


def _each(
    groups: list[Group], action: Callable[[str, tuple[tuple[str, str, bytes], ...]], object]
) -> Callable[[], None]:
    def go() -> None:
        for package, files in groups:
            action(package, files)

    return go
