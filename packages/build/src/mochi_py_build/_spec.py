"""Phase 7: the body of `import python "<spec>" as <alias>`.

Grammar (the first `@` separates the distribution name from its qualifier):

    name                                  registry, any version
    name@<PEP 440 specifier set>          registry, e.g. httpx@>=0.27,<0.30
    name@<index-id>+<index-url>           a named package index, any version
    name@<specifier>@<index-id>+<url>     a named package index with a version range
    name@git+<url>[#<rev>]                a git repository, optionally at a revision
    name@path+<dir>                       a local source directory

Names follow PEP 508 and are normalised per PEP 503; specifiers are PEP 440 and are parsed
by `packaging`, never by hand. The specifier-before-index form is our addition: upstream
could not pin a version on an index import (reference §16.14).
"""

from __future__ import annotations

import enum
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from packaging.utils import InvalidName, canonicalize_name
from packaging.version import InvalidVersion, Version

from mochi_py_build._errors import ImportSpecError, SpecPart
from mochi_py_build._url import GIT_SCHEMES, INDEX_SCHEMES, url_problem

# A qualifier starting with one of these is a version specifier (`^` and a lone `~` are
# not PEP 440, but starting with them means the user meant a range: we say which to write).
_SPECIFIER_START = frozenset("<>=!~^")
# uv's rule for index names: ASCII alphanumerics, `-`, `_` and `.`.
_INDEX_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*", re.ASCII)
_NAME_CHAR = re.compile(r"[A-Za-z0-9._-]", re.ASCII)
_NAME_SEPARATORS = frozenset("._-")
# Characters in a git revision that pip/uv would read as URL syntax (a leading `-`, which
# git could take for an option, is refused separately).
_REV_FORBIDDEN = frozenset("@#?")


class SpecSource(enum.Enum):
    """Where a distribution comes from; the values are the lockfile's `source` tokens."""

    REGISTRY = "registry"
    INDEX = "index"
    GIT = "git"
    PATH = "path"


@dataclass(frozen=True)
class ImportSpec:
    """A parsed import spec. Text fields that do not apply to the source are ""."""

    name: str
    """PEP 503 normalised distribution name (`scikit-learn`, `ruamel-yaml`)."""
    raw_name: str
    """The name as written in the import."""
    source: SpecSource
    specifier: str = ""
    """Canonical PEP 440 specifier set text (`str(SpecifierSet(...))`), "" for any version."""
    index_id: str = ""
    index_url: str = ""
    git_url: str = ""
    """Repository URL without the `git+` prefix."""
    git_rev: str = ""
    local_path: str = ""
    """The directory exactly as written in the import (usually relative to the project)."""

    def to_string(self) -> str:
        """The spec text; `parse_spec(spec.to_string()) == spec` for every parsed spec."""
        if self.source is SpecSource.GIT:
            rev = f"#{self.git_rev}" if self.git_rev else ""
            return f"{self.raw_name}@git+{self.git_url}{rev}"
        if self.source is SpecSource.PATH:
            return f"{self.raw_name}@path+{self.local_path}"
        if self.source is SpecSource.INDEX:
            version = f"{self.specifier}@" if self.specifier else ""
            return f"{self.raw_name}@{version}{self.index_id}+{self.index_url}"
        if self.specifier:
            return f"{self.raw_name}@{self.specifier}"
        return self.raw_name

    def requirement(self, *, base_dir: str | os.PathLike[str] | None = None) -> str:
        """The PEP 508 requirement to put in the workspace pyproject's dependencies.

        registry / index: `name<specifier>` (the index itself is configured separately,
        under `[tool.uv]`); git: `name @ git+<url>[@<rev>]`; path: `name @ file:///<abs>`.

        A relative `local_path` is resolved against `base_dir` (the project directory that
        holds the importing Mochi file); it is required then. The absolute `file://` URL is
        machine-specific: it belongs only in the install pyproject, never in mochi.lock or
        a shim, which keep `local_path` as written.
        """
        if self.source is SpecSource.GIT:
            rev = f"@{self.git_rev}" if self.git_rev else ""
            return f"{self.name} @ git+{self.git_url}{rev}"
        if self.source is SpecSource.PATH:
            local = self.local_path
            if not os.path.isabs(local):
                if base_dir is None:
                    raise ValueError(
                        f"import spec {self.to_string()!r} has the relative path {local!r}: "
                        "pass base_dir to resolve it"
                    )
                local = os.path.join(os.fspath(base_dir), local)
            uri = Path(os.path.normpath(os.path.abspath(local))).as_uri()
            return f"{self.name} @ {uri}"
        return f"{self.name}{self.specifier}"


def parse_spec(raw: str) -> ImportSpec:
    """Parse the text between the quotes of `import python "<spec>" as <alias>`.

    Raises ImportSpecError (a ValueError) naming the part and 0-based column at fault.
    """
    if raw == "":
        _fail(raw, "spec", 0, 'the import spec is empty: write a distribution name, e.g. "httpx"')
    if raw != raw.strip():
        column = 0 if raw[0].isspace() else len(raw.rstrip())
        _fail(raw, "spec", column, "the import spec has leading or trailing whitespace: remove it")
    at = raw.find("@")
    raw_name = raw if at < 0 else raw[:at]
    name = _parse_name(raw, raw_name)
    if at < 0:
        return ImportSpec(name=name, raw_name=raw_name, source=SpecSource.REGISTRY)
    start = at + 1
    rest = raw[start:]
    if rest == "":
        _fail(
            raw,
            "spec",
            start,
            "nothing follows '@': write a version range (name@>=1.0), git+<url>, "
            "path+<dir> or <index-id>+<url>, or drop the '@'",
        )
    if rest.startswith("git+"):
        return _parse_git(raw, raw_name, name, start + len("git+"))
    if rest.startswith("path+"):
        return _parse_path(raw, raw_name, name, start + len("path+"))
    if rest[0] in _SPECIFIER_START or rest[0].isspace():
        return _parse_versioned(raw, raw_name, name, start)
    plus = rest.find("+")
    if plus < 0 or ("://" not in rest[plus:] and _is_version(rest[:plus])):
        # `name@1.0` or `name@1.0+local`: a bare version, not an index.
        specifier = _parse_specifier(raw, start, len(raw))
        return ImportSpec(
            name=name, raw_name=raw_name, source=SpecSource.REGISTRY, specifier=specifier
        )
    index_id, index_url = _parse_index(raw, start)
    return ImportSpec(
        name=name,
        raw_name=raw_name,
        source=SpecSource.INDEX,
        index_id=index_id,
        index_url=index_url,
    )


def _fail(raw: str, part: SpecPart, column: int, message: str) -> NoReturn:
    raise ImportSpecError(raw, part, column, message)


def _parse_name(raw: str, name: str) -> str:
    if name == "":
        _fail(
            raw, "name", 0, "the distribution name before '@' is empty: write it, e.g. httpx@>=1.0"
        )
    bracket = name.find("[")
    if bracket >= 0:
        _fail(
            raw,
            "name",
            bracket,
            "extras are not supported in import specs: remove the [...] part and import "
            "the extra's own distributions separately if you need them",
        )
    for column, char in enumerate(name):
        if char.isspace() or not char.isprintable():
            what = "whitespace" if char.isspace() else "a control character"
            _fail(
                raw, "name", column, f"the distribution name contains {what} ({char!r}): remove it"
            )
    try:
        return canonicalize_name(name, validate=True)
    except InvalidName:
        pass
    # packaging says no; find where, to point at it.
    for column, char in enumerate(name):
        if not _NAME_CHAR.fullmatch(char):
            _fail(
                raw,
                "name",
                column,
                f"the distribution name contains {char!r}: PEP 508 names use only ASCII "
                "letters, digits, '-', '_' and '.'",
            )
    if name[0] in _NAME_SEPARATORS:
        _fail(raw, "name", 0, "the distribution name must begin with a letter or digit")
    _fail(raw, "name", len(name) - 1, "the distribution name must end with a letter or digit")


def _parse_versioned(raw: str, raw_name: str, name: str, start: int) -> ImportSpec:
    """`name@<specifier>` or `name@<specifier>@<index-id>+<url>`."""
    second_at = raw.find("@", start)
    if second_at < 0:
        specifier = _parse_specifier(raw, start, len(raw))
        return ImportSpec(
            name=name, raw_name=raw_name, source=SpecSource.REGISTRY, specifier=specifier
        )
    specifier = _parse_specifier(raw, start, second_at)
    if second_at + 1 == len(raw):
        _fail(
            raw,
            "index",
            second_at + 1,
            "nothing follows the second '@': write <index-id>+<index-url>, or drop the '@'",
        )
    index_id, index_url = _parse_index(raw, second_at + 1)
    return ImportSpec(
        name=name,
        raw_name=raw_name,
        source=SpecSource.INDEX,
        specifier=specifier,
        index_id=index_id,
        index_url=index_url,
    )


def _is_version(text: str) -> bool:
    try:
        Version(text)
    except InvalidVersion:
        return False
    return True


def _parse_specifier(raw: str, start: int, end: int) -> str:
    text = raw[start:end]
    for column, char in enumerate(text, start):
        # Spaces between clauses are fine (PEP 508 allows them); line breaks and controls not.
        if char not in " \t" and (char.isspace() or not char.isprintable()):
            _fail(raw, "specifier", column, f"the version specifier contains {char!r}: remove it")
    clause_start = start
    for clause in text.split(","):
        _check_clause(raw, clause, clause_start)
        clause_start += len(clause) + 1
    try:
        canonical = str(SpecifierSet(text))
    except InvalidSpecifier:
        canonical = ""  # _check_clause accepted every clause; the set as a whole is empty
    if canonical == "":
        _fail(raw, "specifier", start, "the version specifier is empty: write e.g. >=1.0")
    return canonical


def _check_clause(raw: str, clause: str, start: int) -> None:
    stripped = clause.strip()
    column = start + (len(clause) - len(clause.lstrip()))
    if stripped == "":
        _fail(
            raw, "specifier", column, "empty clause in the version specifier: remove the extra ','"
        )
    if stripped.startswith("^"):
        _fail(
            raw,
            "specifier",
            column,
            "caret ranges are not PEP 440" + _range_hint(stripped[1:], caret=True),
        )
    if stripped.startswith("~") and not stripped.startswith("~="):
        _fail(
            raw,
            "specifier",
            column,
            "a lone '~' is not PEP 440" + _range_hint(stripped[1:], caret=False),
        )
    try:
        Specifier(stripped)
    except InvalidSpecifier:
        if _is_version(stripped):
            newer = "" if "+" in stripped else f" (or >={stripped} for that version or newer)"
            _fail(
                raw,
                "specifier",
                column,
                f"{stripped!r} is a version, not a specifier: write =={stripped}{newer}",
            )
        _fail(
            raw,
            "specifier",
            column,
            f"{stripped!r} is not a PEP 440 version specifier: write e.g. >=1.0,<2.0 or ==1.4.2",
        )


def _range_hint(version_text: str, *, caret: bool) -> str:
    """`: write >=1.2,<2.0` for `^1.2` (npm/Cargo/Poetry meaning), or a generic hint."""
    try:
        version = Version(version_text.strip())
    except InvalidVersion:
        return ": write an explicit range such as >=1.0,<2.0"
    release = list(version.release)
    if caret:
        # ^1.2.3 -> <2.0.0, ^0.2.3 -> <0.3.0, ^0.0.3 -> <0.0.4: bump the first non-zero part.
        bump = next((i for i, part in enumerate(release) if part != 0), len(release) - 1)
    else:
        # ~1.2.3 -> <1.3.0, ~1.2 -> <1.3, ~1 -> <2.
        bump = min(1, len(release) - 1)
    upper = [*release[:bump], release[bump] + 1] + [0] * (len(release) - bump - 1)
    lower_text = ".".join(str(part) for part in release)
    upper_text = ".".join(str(part) for part in upper)
    return f": write >={lower_text},<{upper_text}"


def _parse_index(raw: str, start: int) -> tuple[str, str]:
    """`<index-id>+<index-url>` starting at `start`."""
    plus = raw.find("+", start)
    if plus < 0:
        _fail(raw, "index", start, "expected <index-id>+<index-url> after '@'")
    index_id = raw[start:plus]
    if index_id == "":
        _fail(
            raw,
            "index",
            start,
            "the index identifier before '+' is empty: name the index, "
            "e.g. torch@pytorch+https://download.pytorch.org/whl/cpu",
        )
    if not _INDEX_ID.fullmatch(index_id):
        first_ok = _INDEX_ID.fullmatch(index_id[0]) is not None
        bad = (
            0
            if not first_ok
            else next(i for i, c in enumerate(index_id) if not _NAME_CHAR.fullmatch(c))
        )
        _fail(
            raw,
            "index",
            start + bad,
            f"the index identifier {index_id!r} must start with an ASCII letter or digit and "
            "contain only letters, digits, '-', '_' and '.'",
        )
    url = raw[plus + 1 :]
    url_start = plus + 1
    if url == "":
        _fail(raw, "url", url_start, "the index URL after '+' is empty: write https://host/simple")
    problem = url_problem(url, INDEX_SCHEMES)
    if problem is not None:
        _fail(raw, "url", url_start + problem.offset, f"bad index URL: {problem.message}")
    return index_id, url


def _parse_git(raw: str, raw_name: str, name: str, start: int) -> ImportSpec:
    body = raw[start:]
    if body == "":
        _fail(
            raw, "url", start, "the git URL after 'git+' is empty: write git+https://host/repo.git"
        )
    hash_at = body.find("#")
    url = body if hash_at < 0 else body[:hash_at]
    rev = "" if hash_at < 0 else body[hash_at + 1 :]
    if url == "":
        _fail(
            raw,
            "url",
            start,
            "the git URL is empty before '#': write git+https://host/repo.git#rev",
        )
    problem = url_problem(url, GIT_SCHEMES)
    if problem is not None:
        _fail(raw, "url", start + problem.offset, f"bad git URL: {problem.message}")
    # pip and uv read the last '@' after the host as the revision separator.
    authority_end = url.find("/", url.find("://") + 3)
    if authority_end >= 0 and "@" in url[authority_end:]:
        _fail(
            raw,
            "url",
            start + authority_end + url[authority_end:].find("@"),
            "'@' in the git URL's path would be read as a revision: percent-encode it as %40, "
            "and give a revision with #rev",
        )
    if hash_at >= 0:
        rev_start = start + hash_at + 1
        if rev == "":
            _fail(
                raw,
                "rev",
                rev_start,
                "the git revision after '#' is empty: write a branch, tag or commit, "
                "or drop the '#'",
            )
        _check_rev(raw, rev, rev_start)
    spec = ImportSpec(name=name, raw_name=raw_name, source=SpecSource.GIT, git_url=url, git_rev=rev)
    # The requirement goes into the workspace pyproject: make sure packaging accepts it.
    try:
        Requirement(spec.requirement())
    except InvalidRequirement as exc:
        _fail(raw, "url", start, f"the git URL does not form a valid requirement: {exc}")
    return spec


def _check_rev(raw: str, rev: str, start: int) -> None:
    if rev.startswith("-"):
        _fail(raw, "rev", start, "a git revision cannot start with '-'")
    for offset, char in enumerate(rev):
        if char.isspace() or not char.isprintable() or not char.isascii():
            _fail(raw, "rev", start + offset, f"the git revision contains {char!r}")
        if char in _REV_FORBIDDEN:
            _fail(
                raw,
                "rev",
                start + offset,
                f"the git revision contains {char!r}, which pip and uv read as URL syntax",
            )


def _parse_path(raw: str, raw_name: str, name: str, start: int) -> ImportSpec:
    local = raw[start:]
    if local == "":
        _fail(raw, "path", start, "the path after 'path+' is empty: write path+../mylib")
    for offset, char in enumerate(local):
        if char == "\x00":
            _fail(raw, "path", start + offset, "the path contains a NUL character")
        if not char.isprintable():
            _fail(raw, "path", start + offset, f"the path contains the control character {char!r}")
    normalised = posixpath.normpath(local)
    if normalised in (".", "/", "//"):
        _fail(
            raw,
            "path",
            start,
            f"{local!r} is not a usable directory (it is {normalised!r}): point at the "
            "distribution's own directory, e.g. path+../mylib",
        )
    return ImportSpec(name=name, raw_name=raw_name, source=SpecSource.PATH, local_path=local)
