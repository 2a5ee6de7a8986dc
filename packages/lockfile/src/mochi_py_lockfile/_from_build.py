"""A Manifest from a Phase 8 build request and result (reference §12.3)."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping

from mochi_py_lockfile._capabilities import extract_capabilities
from mochi_py_lockfile._errors import (
    BuildResultError,
    BuildResultMismatchError,
    LockfileError,
    MissingBuildResultError,
)
from mochi_py_lockfile._protocols import RequestLike, ResultLike
from mochi_py_lockfile._schema import Entry, Manifest, Source
from mochi_py_lockfile._text import show
from mochi_py_lockfile._vocab import SCHEMA_VERSION

__all__ = ["from_build_result", "pinned_version"]

# PEP 503 normalisation is one regex (the PEP gives it verbatim); packaging is not an allowed
# dependency of this distribution.
_SEPARATORS = re.compile(r"[-_.]+")
# Characters that cannot appear in a single exact version (operators, clause separators,
# wildcards, whitespace): any of them means the specifier is not a plain `==X` pin.
_NOT_IN_VERSION = re.compile(r"[\s,<>=!~*;]")


def from_build_result(
    request: RequestLike,
    result: ResultLike | None,
    *,
    resolved_versions: Mapping[str, str] | None = None,
) -> Manifest:
    """One Entry per request target, in a Manifest sorted by (name, alias).

    `version` is `resolved_versions[name]` when the install resolved the distribution (keys
    are compared PEP 503-normalised), else the pinned version of a registry/index spec whose
    specifier is a single `==X` clause, else "". Raises MissingBuildResultError for a None
    result and BuildResultMismatchError when the target, wrapper and shim counts differ.
    """
    if result is None:
        raise MissingBuildResultError()
    targets = list(request.targets)
    wrappers = list(result.wrappers)
    shims = list(result.shims)
    if not len(targets) == len(wrappers) == len(shims):
        raise BuildResultMismatchError(
            targets=len(targets), wrappers=len(wrappers), shims=len(shims)
        )
    resolved = _normalised_versions(resolved_versions or {})
    entries = []
    for index, (target, wrapper, shim) in enumerate(zip(targets, wrappers, shims, strict=True)):
        spec = target.spec
        try:
            source = Source.parse(_token(spec.source))
            version = resolved.get(_normalise(spec.name), "")
            if not version and source in (Source.REGISTRY, Source.INDEX):
                version = pinned_version(spec.specifier or "")
            entries.append(
                Entry(
                    name=spec.name,
                    alias=target.alias,
                    source=source,
                    version=version,
                    specifier=spec.specifier or "",
                    index_url=spec.index_url or "",
                    git_url=spec.git_url or "",
                    git_rev=spec.git_rev or "",
                    local_path=spec.local_path or "",
                    wrapper_sha256=shim.sha256 or "",
                    capabilities=extract_capabilities(wrapper),
                )
            )
        except LockfileError as exc:
            # Say which target went wrong; the entry index is the request's target index.
            exc.add_context(entry=index)
            raise
    return Manifest(SCHEMA_VERSION, tuple(entries))


def pinned_version(specifier: str) -> str:
    """The version of a specifier that is exactly one `==X` clause without wildcard, else "".

    Hand-written because packaging is not an allowed import here, and none is needed: the
    specifier is already canonical PEP 440 text, so a pin is `==` followed by one version
    token. `===` (arbitrary equality) is not a version and yields "".
    """
    text = specifier.strip()
    if not text.startswith("==") or text.startswith("==="):
        return ""
    version = text[2:].strip()
    if not version or _NOT_IN_VERSION.search(version):
        return ""
    return version


def _token(source: str | enum.Enum) -> object:
    return source.value if isinstance(source, enum.Enum) else source


def _normalise(name: str) -> str:
    return _SEPARATORS.sub("-", name).lower()


def _normalised_versions(versions: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in sorted(versions):
        version = versions[name]
        if not isinstance(version, str):
            raise BuildResultError(
                f"resolved version of {show(name)} must be a string, not {version!r}"
            )
        key = _normalise(name)
        if out.get(key, version) != version:
            raise BuildResultError(
                f"resolved_versions names {show(key)} twice with different versions "
                f"({show(out[key])} and {show(version)}); pass one version per distribution"
            )
        out[key] = version
    return out
