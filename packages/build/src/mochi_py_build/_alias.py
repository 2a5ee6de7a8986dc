"""Which `as <alias>` names are usable.

An alias becomes a directory (`python_wrap/<alias>/`), a Python package name
(`python_wrap.<alias>`), the prefix of every Mochi extern (`extern python fun <alias>.f`) and
of every joined name in the generated sidecar (`<alias>_f`). So it must be a plain ASCII
identifier that is legal in all three languages and on every file system; upstream joined it
into paths unchecked (reference §16.2).
"""

from __future__ import annotations

import keyword
import re

from mochi_py_build._errors import AliasError

MAX_ALIAS_LENGTH = 64

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)

# Soft keywords of every supported Python (3.10 has `_`, `case`, `match`; 3.12 adds `type`),
# spelled out so the answer does not depend on the interpreter running the build.
_PYTHON_SOFT_KEYWORDS = frozenset({"_", "case", "match", "type"})

# DESIGN.md §6: words the Mochi front end reserves, plus the literal tokens `true`, `false`
# and `null`, which its lexer never produces as identifiers.
# fmt: off
MOCHI_RESERVED_WORDS = frozenset((
    "test", "expect", "agent", "intent", "on", "close", "stream", "emit", "type", "fun",
    "extern", "import", "return", "break", "continue", "let", "var", "if", "else", "then",
    "for", "while", "in", "generate", "match", "when", "fetch", "load", "save", "package",
    "export", "fact", "rule", "all", "none", "try", "catch", "not", "set", "omap", "async",
    "await", "spawn", "true", "false", "null",
))
# fmt: on

# Device names Windows refuses as file or directory names, whatever the case.
_WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(1, 10)]
    + [f"lpt{i}" for i in range(1, 10)]
)


def validate_alias(alias: str) -> str:
    """Return `alias` unchanged if it can name a wrapper, else raise AliasError."""
    if alias == "":
        raise AliasError(alias, "the alias is empty: write `as <name>`, e.g. `as httpx`")
    if len(alias) > MAX_ALIAS_LENGTH:
        raise AliasError(
            alias, f"the alias is {len(alias)} characters long; use at most {MAX_ALIAS_LENGTH}"
        )
    if "/" in alias or "\\" in alias or "." in alias:
        raise AliasError(
            alias, "the alias must be a single name, not a path: use letters, digits and '_'"
        )
    if not _IDENTIFIER.fullmatch(alias):
        raise AliasError(
            alias,
            "the alias must be an ASCII identifier: a letter or '_' followed by letters, "
            "digits or '_'",
        )
    if keyword.iskeyword(alias) or alias in _PYTHON_SOFT_KEYWORDS:
        raise AliasError(alias, f"the alias is a Python keyword: choose another, e.g. {alias}_")
    if alias in MOCHI_RESERVED_WORDS:
        raise AliasError(
            alias, f"the alias is a reserved word in Mochi: choose another, e.g. {alias}_"
        )
    if alias.lower() in _WINDOWS_DEVICES:
        raise AliasError(
            alias,
            f"the alias is a Windows device name and cannot be a directory: choose another, "
            f"e.g. {alias}_",
        )
    if alias.lower().startswith("_mochi"):
        raise AliasError(alias, "names starting with '_mochi' are reserved for mochi-py itself")
    if alias.startswith("__") and alias.endswith("__"):
        raise AliasError(
            alias, "the alias is a dunder name, which Python reserves: drop the underscores"
        )
    return alias
