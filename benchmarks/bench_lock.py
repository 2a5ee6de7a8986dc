"""(c) Render + parse + check of a 5,000-entry lock vs `tomllib.loads` of the same text.

The manifest mixes the four sources, optional keys and capability lists the way a large
project's mochi.lock would. The subject is the whole `mochi-py lock --check` path of
mochi-py-lockfile: `render_toml` (what a build would write), `parse_toml` of that text (what is
on disk) and `check` of one against the other; the baseline only decodes the TOML text.
Each repeat calls both sides three times, alternately, and keeps each side's fastest call.
"""

from __future__ import annotations

import hashlib
import sys

from _harness import Result, Spread, Target, paired_best, peak_memory, ratio_spread

from mochi_py_lockfile import (
    CAPABILITIES,
    Entry,
    Manifest,
    Source,
    check,
    parse_toml,
    render_toml,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: tomli is what tomllib was made from
    import tomli as tomllib

TARGET = Target("ratio", "<=", 1.5)
ENTRIES = 5000
RUNS = 3  # calls per side in each repeat; the fastest counts (see `paired_best`)


def manifest(count: int = ENTRIES) -> Manifest:
    """A deterministic manifest of `count` entries."""
    sources = (Source.REGISTRY, Source.INDEX, Source.GIT, Source.PATH)
    entries = []
    for i in range(count):
        source = sources[i % len(sources)]
        registry_like = source in (Source.REGISTRY, Source.INDEX)
        entries.append(
            Entry(
                name=f"lib-{i:05d}",
                alias=f"lib_{i:05d}",
                source=source,
                version=f"{i % 7}.{i % 13}.{i % 3}",
                specifier=f">={i % 7}.0,<{i % 7 + 1}.0" if registry_like else "",
                index_url="https://pypi.example.org/simple" if source is Source.INDEX else "",
                git_url=f"https://github.com/example/lib{i}.git" if source is Source.GIT else "",
                git_rev=hashlib.sha1(str(i).encode()).hexdigest() if source is Source.GIT else "",
                local_path=f"../vendor/lib-{i}" if source is Source.PATH else "",
                wrapper_sha256=hashlib.sha256(str(i).encode()).hexdigest(),
                capabilities=tuple(sorted(CAPABILITIES[: i % 6])),
            )
        )
    return Manifest(entries=tuple(entries))


def run(repeats: int) -> Result:
    planned = manifest()
    text = render_toml(planned)

    def subject() -> None:
        check(parse_toml(render_toml(planned)), planned)

    def baseline() -> None:
        tomllib.loads(text)

    # A side is one call of a few hundred ms, where a shared machine's noise moved single
    # calls by a fifth either way: each repeat keeps the fastest of three calls per side.
    base, subj = paired_best(baseline, subject, repeats, RUNS)
    return Result(
        key="c",
        title="(c) lock render+parse+check",
        baseline="tomllib.loads of the lock text",
        subject="render_toml + parse_toml + check",
        repeats=repeats,
        seconds={"baseline": Spread.of(base), "subject": Spread.of(subj)},
        figures={"ratio": ratio_spread(base, subj)},
        targets=(TARGET,),
        memory={"baseline": peak_memory(baseline), "subject": peak_memory(subject)},
        info={
            "entries": len(planned.entries),
            "bytes": len(text.encode("utf-8")),
            "timing": f"fastest of {RUNS} alternating calls per side per repeat",
        },
    )
