"""The closed vocabularies of the `[[python-package]]` table (reference §12.1, compat)."""

from __future__ import annotations

SCHEMA_VERSION = 1
"""The only `schema-version` this build reads and writes."""

TABLE = "python-package"
"""Name of the array of tables inside mochi.lock."""

CAPABILITIES: tuple[str, ...] = (
    "async",
    "dataclass",
    "protocol",
    "callable",
    "stream",
    "map",
    "set",
    "list",
    "optional",
    "sum",
    "tuple",
    "constant",
    "typevar",
)
"""Every capability token, in the order the seed lists them (entries store them sorted)."""

# TOML key -> Entry attribute, in the fixed on-disk key order (compat).
KEYS: tuple[tuple[str, str], ...] = (
    ("name", "name"),
    ("alias", "alias"),
    ("source", "source"),
    ("version", "version"),
    ("specifier", "specifier"),
    ("index-url", "index_url"),
    ("git-url", "git_url"),
    ("git-rev", "git_rev"),
    ("local-path", "local_path"),
    ("wrapper-sha256", "wrapper_sha256"),
    ("capabilities", "capabilities"),
)
KNOWN_KEYS = frozenset(key for key, _ in KEYS)
REQUIRED_KEYS: tuple[str, ...] = ("name", "alias", "source")
OPTIONAL_STRING_KEYS: tuple[str, ...] = (
    "version",
    "specifier",
    "index-url",
    "git-url",
    "git-rev",
    "local-path",
    "wrapper-sha256",
)

# Fields a drift check compares, in upstream's order; name and alias are the entry's key.
RESOLUTION_FIELDS: tuple[str, ...] = (
    "source",
    "version",
    "specifier",
    "index-url",
    "git-url",
    "git-rev",
    "local-path",
)
SURFACE_FIELDS: tuple[str, ...] = ("wrapper-sha256", "capabilities")
COMPARED_FIELDS: tuple[str, ...] = RESOLUTION_FIELDS + SURFACE_FIELDS
