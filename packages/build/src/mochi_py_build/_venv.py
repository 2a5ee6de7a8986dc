"""Phase 0 Venv: the settings, members and dependencies of the workspace project.

A Venv is an immutable value. It is checked when constructed (so an invalid one never
exists) and kept in canonical order (members by path, dependencies by name), so equal
contents give equal values and equal renders whatever order they were added in. Upstream
mutated in place, let the first duplicate member win and the last duplicate dependency win
(reference §3.5, §16.8); here both are errors.
"""

from __future__ import annotations

import enum
import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name

from mochi_py_build._alias import validate_alias
from mochi_py_build._errors import AliasError, DependencyConflictError, VenvError
from mochi_py_build._spec import ImportSpec, SpecSource
from mochi_py_build._url import INDEX_SCHEMES, url_problem

WORKSPACE_PROJECT_NAME = "mochi-python-workspace"
WRAPPER_ROOT = "python_wrap"

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_INDEX_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*", re.ASCII)


class MemberKind(str, enum.Enum):
    """What a workspace member directory holds; values are the on-disk tokens."""

    USER = "user"
    WRAPPER = "wrapper"
    RUNTIME = "runtime"


class RuntimeMode(str, enum.Enum):
    EMBEDDED = "embedded"
    SUBPROCESS = "subprocess"


class AsyncMode(str, enum.Enum):
    PERSISTENT = "persistent"
    """One event loop owned by the runtime, shared by every call (DESIGN.md §5)."""
    PER_CALL = "per-call"


@dataclass(frozen=True)
class VenvMember:
    """A directory of the workspace: `path` is relative to the workspace root, POSIX style."""

    name: str
    path: str
    kind: MemberKind

    @classmethod
    def wrapper(cls, alias: str) -> VenvMember:
        """The member for the wrapper of `import python "..." as <alias>`."""
        return cls(name=alias, path=f"{WRAPPER_ROOT}/{alias}", kind=MemberKind.WRAPPER)


@dataclass(frozen=True)
class PackageIndex:
    """A named package index (the `<index-id>+<url>` of an import spec)."""

    name: str
    url: str


@dataclass(frozen=True)
class Dependency:
    """One `[project.dependencies]` entry.

    `name` is the PEP 503 normalised distribution name, `requirement` a PEP 508 string for
    that name, `aliases` the imports that asked for it (sorted), `index` the package index
    it must come from (None: the default index).
    """

    name: str
    requirement: str
    aliases: tuple[str, ...] = ()
    index: PackageIndex | None = None


@dataclass(frozen=True)
class Venv:
    """The workspace project description rendered by `render_pyproject`."""

    requires_python: str = ">=3.10"
    implementation: str = "cpython"
    runtime_mode: RuntimeMode = RuntimeMode.EMBEDDED
    async_mode: AsyncMode = AsyncMode.PERSISTENT
    free_threaded: bool = False
    stubgen_fallback: bool = True
    sidecar_glob: str = "*_externs.py"
    members: tuple[VenvMember, ...] = field(default=())
    dependencies: tuple[Dependency, ...] = field(default=())

    def __post_init__(self) -> None:
        # Canonical forms first (so equality ignores insertion order), then the checks.
        object.__setattr__(
            self, "runtime_mode", _enum(RuntimeMode, "runtime_mode", self.runtime_mode)
        )
        object.__setattr__(self, "async_mode", _enum(AsyncMode, "async_mode", self.async_mode))
        object.__setattr__(self, "requires_python", _requires_python(self.requires_python))
        members = tuple(_member(m) for m in self.members)
        object.__setattr__(self, "members", tuple(sorted(members, key=lambda m: m.path)))
        object.__setattr__(self, "dependencies", _merge_dependencies(self.dependencies))
        self.validate()

    def validate(self) -> None:
        """Raise VenvError if any setting, member or dependency is unusable.

        Construction already runs this; it is public so callers can state the check.
        """
        if self.implementation != "cpython":
            raise VenvError(
                "implementation",
                "",
                str(self.implementation),
                f"unsupported implementation {self.implementation!r}: only 'cpython' is supported",
            )
        for flag in ("free_threaded", "stubgen_fallback"):
            value = getattr(self, flag)
            if not isinstance(value, bool):
                raise VenvError(flag, "", repr(value), f"{flag} must be True or False")
        if not isinstance(self.sidecar_glob, str) or not self.sidecar_glob.isprintable():
            raise VenvError(
                "sidecar_glob",
                "",
                repr(self.sidecar_glob),
                "the sidecar glob must be printable text",
            )
        _check_members(self.members)
        _check_dependencies(self.dependencies)

    def with_member(self, member: VenvMember) -> Venv:
        """A copy with `member` added; a member with the same path is an error."""
        return replace(self, members=(*self.members, member))

    def with_dependency(
        self,
        requirement: str,
        *,
        alias: str = "",
        index: PackageIndex | None = None,
    ) -> Venv:
        """A copy with the PEP 508 `requirement` added for import `alias`.

        The same requirement asked for again (by another alias) is merged; a different
        requirement, or a different index, for the same distribution is a
        DependencyConflictError naming both aliases.
        """
        name, canonical = _canonical_requirement(requirement)
        dependency = Dependency(
            name=name,
            requirement=canonical,
            aliases=(alias,) if alias else (),
            index=index,
        )
        return replace(self, dependencies=(*self.dependencies, dependency))

    def with_spec(
        self,
        spec: ImportSpec,
        *,
        alias: str,
        base_dir: str | os.PathLike[str] | None = None,
    ) -> Venv:
        """A copy with the dependency that `import python "<spec>" as <alias>` needs.

        `base_dir` resolves a relative `path+` spec (see `ImportSpec.requirement`). The
        wrapper member is not added here: use `with_member(VenvMember.wrapper(alias))`.
        """
        validate_alias(alias)
        index = None
        if spec.source is SpecSource.INDEX:
            index = PackageIndex(name=spec.index_id, url=spec.index_url)
        return self.with_dependency(spec.requirement(base_dir=base_dir), alias=alias, index=index)


def _enum(kind: type[enum.Enum], name: str, value: object) -> enum.Enum:
    try:
        return kind(value)
    except ValueError:
        allowed = " or ".join(repr(m.value) for m in kind)
        raise VenvError(
            name, "", str(value), f"unsupported {name.replace('_', '-')} {value!r}: use {allowed}"
        ) from None


def _requires_python(value: str) -> str:
    if value == "":
        return ""
    try:
        return str(SpecifierSet(value))
    except (InvalidSpecifier, TypeError):
        raise VenvError(
            "requires_python",
            "",
            str(value),
            f"{value!r} is not a PEP 440 specifier: write e.g. >=3.10",
        ) from None


def _member(member: VenvMember) -> VenvMember:
    try:
        kind = MemberKind(member.kind)
    except ValueError:
        raise VenvError(
            "members",
            str(member.path),
            str(member.kind),
            f"unknown member kind {member.kind!r}: use 'user', 'wrapper' or 'runtime'",
        ) from None
    return member if member.kind is kind else replace(member, kind=kind)


def _check_members(members: tuple[VenvMember, ...]) -> None:
    seen: set[str] = set()
    for member in members:
        path = member.path
        problem = _path_problem(path)
        if problem:
            raise VenvError("members", path, path, problem)
        if path in seen:
            raise VenvError("members", path, path, f"two members have the path {path!r}: keep one")
        seen.add(path)
        name = member.name
        if not _IDENTIFIER.fullmatch(name):
            raise VenvError(
                "members", path, name, f"member name {name!r} is not an ASCII identifier"
            )
        if member.kind is MemberKind.WRAPPER:
            try:
                _validated_alias(name)
            except AliasError as exc:
                raise VenvError("members", path, name, exc.message) from None
            if path != f"{WRAPPER_ROOT}/{name}":
                raise VenvError(
                    "members",
                    path,
                    path,
                    f"a wrapper member lives at {WRAPPER_ROOT}/<alias>: expected "
                    f"{WRAPPER_ROOT}/{name}",
                )


# Every Venv re-checks all its members and dependencies, and a plan adds them one at a time:
# these per-item checks are memoised (unhashable input is checked as before, uncached) so
# planning N aliases does not repeat them N^2 times. A failure raises every time.
_memoised_alias_check = functools.lru_cache(maxsize=4096)(validate_alias)


def _validated_alias(alias: str) -> None:
    try:
        _memoised_alias_check(alias)
    except TypeError:  # unhashable, so not a string: let the check itself say what is wrong
        validate_alias(alias)


def _path_problem(path: str) -> str:
    try:
        return _memoised_path_problem(path)
    except TypeError:  # unhashable (not a string)
        return _uncached_path_problem(path)


def _uncached_path_problem(path: str) -> str:
    if not isinstance(path, str) or path == "":
        return "a member path must be a non-empty relative path"
    if not path.isprintable() or "\\" in path:
        return "a member path must be printable and use '/' as separator"
    if path.startswith("/") or re.match(r"[A-Za-z]:", path):
        return "a member path must be relative to the workspace"
    if any(part in ("", ".", "..") for part in path.split("/")):
        return "a member path must not have empty, '.' or '..' parts"
    return ""


_memoised_path_problem = functools.lru_cache(maxsize=4096)(_uncached_path_problem)


def _parse_requirement(requirement: str) -> Requirement:
    """Parse, with the name normalised so equal requirements compare equal as text."""
    try:
        parsed = Requirement(requirement)
    except InvalidRequirement as exc:
        raise VenvError(
            "dependencies", "", requirement, f"not a PEP 508 requirement: {exc}"
        ) from None
    parsed.name = canonicalize_name(parsed.name)
    return parsed


@functools.lru_cache(maxsize=4096)
def _canonical_requirement(requirement: str) -> tuple[str, str]:
    """(normalised name, canonical text) of a PEP 508 requirement. Memoised: every Venv
    re-checks all its dependencies, and a plan adds them one at a time, so planning N aliases
    parsed N^2 requirements (a measured 5 s for 200); a failure raises every time."""
    parsed = _parse_requirement(requirement)
    return parsed.name, str(parsed)


def _merge_dependencies(dependencies: Iterable[Dependency]) -> tuple[Dependency, ...]:
    merged: dict[str, Dependency] = {}
    for dependency in dependencies:
        normalised, canonical = _canonical_requirement(dependency.requirement)
        name = dependency.name
        if name != normalised:
            raise VenvError(
                "dependencies",
                name,
                dependency.requirement,
                f"the key must be the normalised name of the requirement: {normalised!r}",
            )
        current = Dependency(
            name=name,
            requirement=canonical,
            aliases=tuple(sorted(set(dependency.aliases))),
            index=dependency.index,
        )
        previous = merged.get(name)
        if previous is None:
            merged[name] = current
            continue
        if previous.requirement != current.requirement or previous.index != current.index:
            raise DependencyConflictError(
                name,
                previous.aliases,
                _describe_requirement(previous),
                current.aliases,
                _describe_requirement(current),
            )
        aliases = tuple(sorted(set(previous.aliases) | set(current.aliases)))
        merged[name] = replace(previous, aliases=aliases)
    return tuple(merged[name] for name in sorted(merged))


def _describe_requirement(dependency: Dependency) -> str:
    if dependency.index is None:
        return dependency.requirement
    return f"{dependency.requirement} from index {dependency.index.name} ({dependency.index.url})"


def _check_dependencies(dependencies: tuple[Dependency, ...]) -> None:
    indexes: dict[str, str] = {}
    for dependency in dependencies:
        name = dependency.name
        if name == WORKSPACE_PROJECT_NAME:
            raise VenvError(
                "dependencies",
                name,
                dependency.requirement,
                "the workspace cannot depend on itself",
            )
        for alias in dependency.aliases:
            try:
                _validated_alias(alias)
            except AliasError as exc:
                raise VenvError("dependencies", name, alias, exc.message) from None
        index = dependency.index
        if index is None:
            continue
        if not _INDEX_NAME.fullmatch(index.name):
            raise VenvError(
                "dependencies",
                name,
                index.name,
                f"index name {index.name!r} must be ASCII letters, digits, '-', '_' or '.'",
            )
        problem = url_problem(index.url, INDEX_SCHEMES)
        if problem is not None:
            raise VenvError("dependencies", name, index.url, f"bad index URL: {problem.message}")
        known = indexes.setdefault(index.name, index.url)
        if known != index.url:
            raise VenvError(
                "dependencies",
                index.name,
                index.url,
                f"index {index.name!r} is given two URLs, {known!r} and {index.url!r}: "
                "use one URL per index name",
            )
