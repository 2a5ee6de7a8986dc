"""What `mochi-py build` reports per alias: one human line on stderr, one JSON object.

Both come from the ProjectBuild values only (no file system), and carry no absolute path, time
or host name, so the JSON document of two identical builds is the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mochi_py_build import ProjectBuild, TargetReport

# PEP 503 normalisation, to look a distribution up in the resolved versions whatever spelling
# the installer used for its key.
_SEPARATORS = re.compile(r"[-_.]+")


@dataclass(frozen=True)
class AliasSummary:
    """One `import python` target after a build. `skipped_by_reason` is sorted by token."""

    alias: str
    spec: str
    distribution: str
    version: str
    import_name: str
    stub_tier: str
    stub_distribution: str
    stub_version: str
    bound: int
    skipped_by_reason: tuple[tuple[str, int], ...]
    shim_sha256: str
    sources: tuple[str, ...]

    @property
    def skipped(self) -> int:
        return sum(count for _, count in self.skipped_by_reason)

    def line(self) -> str:
        """`httpx  httpx==0.28.1  inline  bound 42  skipped 7 (SkipNoBytesType 3, ...)`."""
        pinned = f"{self.distribution}=={self.version}" if self.version else self.spec
        tier = self.stub_tier
        if self.stub_distribution and self.stub_distribution != self.distribution:
            tier += f" ({self.stub_distribution})"
        text = f"{self.alias}  {pinned}  {tier}  bound {self.bound}  skipped {self.skipped}"
        if self.skipped_by_reason:
            # Most frequent first; equal counts by token, so the line is deterministic.
            ranked = sorted(self.skipped_by_reason, key=lambda pair: (-pair[1], pair[0]))
            text += " (" + ", ".join(f"{reason} {count}" for reason, count in ranked) + ")"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "alias": self.alias,
            "spec": self.spec,
            "distribution": self.distribution,
            "version": self.version,
            "import_name": self.import_name,
            "stub_tier": self.stub_tier,
            "stub_distribution": self.stub_distribution,
            "stub_version": self.stub_version,
            "bound": self.bound,
            "skipped": {"total": self.skipped, "by_reason": dict(self.skipped_by_reason)},
            "shim_sha256": self.shim_sha256,
            "sources": list(self.sources),
        }


def summarise(build: ProjectBuild) -> tuple[AliasSummary, ...]:
    """One AliasSummary per target of `build`, sorted by alias."""
    versions = _normalised(build.install.resolved_versions)
    shims = {shim.alias: shim for shim in build.result.shims}
    sources: dict[str, set[str]] = {}
    for statement in build.imports:
        sources.setdefault(statement.alias, set()).add(statement.path)
    out = [
        _summary(report, versions, shims[report.alias].sha256, sources.get(report.alias, set()))
        for report in build.targets
    ]
    return tuple(sorted(out, key=lambda s: s.alias))


def _summary(
    report: TargetReport, versions: Mapping[str, str], sha256: str, sources: set[str]
) -> AliasSummary:
    spec = report.spec
    return AliasSummary(
        alias=report.alias,
        spec=spec.to_string(),
        distribution=spec.name,
        version=versions.get(_normalise(spec.name), ""),
        import_name=report.import_name,
        stub_tier=str(getattr(report.tier, "value", report.tier)),
        stub_distribution=report.stub_distribution or "",
        stub_version=report.stub_version or "",
        bound=report.bound,
        skipped_by_reason=tuple(sorted(report.skipped_by_reason.items())),
        shim_sha256=sha256,
        sources=tuple(sorted(sources)),
    )


def summary_lines(summaries: Sequence[AliasSummary]) -> list[str]:
    return [summary.line() for summary in summaries]


def _normalise(name: str) -> str:
    return _SEPARATORS.sub("-", name).lower()


def _normalised(versions: Mapping[str, str]) -> dict[str, str]:
    return {_normalise(name): version for name, version in sorted(versions.items())}
