"""Phase 9 of mochi-py: the [[python-package]] table of mochi.lock, drift checks and capabilities.

Installs and works alone (its only dependency is mochi-py-toml): build results reach it
through the Protocols below, never through an import of mochi-py-build.
"""

from mochi_py_lockfile._capabilities import extract_capabilities
from mochi_py_lockfile._diff import (
    Diff,
    DiffEntry,
    DiffKind,
    FieldChange,
    check,
    compare_manifests,
)
from mochi_py_lockfile._errors import (
    BuildResultError,
    BuildResultMismatchError,
    DuplicateEntryError,
    LockDriftError,
    LockfileError,
    LockfileFormatError,
    MissingBuildResultError,
    SchemaVersionError,
    SurfaceKindError,
    UnknownCapabilityError,
    UnknownSourceError,
)
from mochi_py_lockfile._from_build import from_build_result
from mochi_py_lockfile._io import read_lock, write_lock
from mochi_py_lockfile._parse import parse_toml
from mochi_py_lockfile._protocols import (
    ItemLike,
    MochiTypeLike,
    RequestLike,
    ResultLike,
    ShimLike,
    SpecLike,
    TargetLike,
    WrapperLike,
)
from mochi_py_lockfile._render import render_toml
from mochi_py_lockfile._schema import Entry, Manifest, Source
from mochi_py_lockfile._version import __version__
from mochi_py_lockfile._vocab import CAPABILITIES, SCHEMA_VERSION

__all__ = [
    "CAPABILITIES",
    "SCHEMA_VERSION",
    "BuildResultError",
    "BuildResultMismatchError",
    "Diff",
    "DiffEntry",
    "DiffKind",
    "DuplicateEntryError",
    "Entry",
    "FieldChange",
    "ItemLike",
    "LockDriftError",
    "LockfileError",
    "LockfileFormatError",
    "Manifest",
    "MissingBuildResultError",
    "MochiTypeLike",
    "RequestLike",
    "ResultLike",
    "SchemaVersionError",
    "ShimLike",
    "Source",
    "SpecLike",
    "SurfaceKindError",
    "TargetLike",
    "UnknownCapabilityError",
    "UnknownSourceError",
    "WrapperLike",
    "__version__",
    "check",
    "compare_manifests",
    "extract_capabilities",
    "from_build_result",
    "parse_toml",
    "read_lock",
    "render_toml",
    "write_lock",
]
