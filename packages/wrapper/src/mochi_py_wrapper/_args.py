"""Validation of synthesise()'s own arguments: the names that reach file names and code."""

from __future__ import annotations

import keyword
import re

from mochi_py_wrapper._errors import InvalidArgumentError
from mochi_py_wrapper._names import WORDS, refusal

# PEP 508 distribution names, ASCII only. Hand-written because this package may not depend on
# `packaging` (DESIGN.md §2); the rule is one line of the spec.
_DIST_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\Z", re.ASCII)
_ASCII_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z", re.ASCII)


def normalise_package(package: str) -> str:
    """The PEP 503 normalised distribution name (`Scikit_Learn` -> `scikit-learn`)."""
    if not package:
        raise InvalidArgumentError("package", package, "the package name is empty")
    if not _DIST_NAME.match(package):
        raise InvalidArgumentError(
            "package", package, "not a distribution name (PEP 508: letters, digits, '-_.')"
        )
    return re.sub(r"[-_.]+", "-", package).lower()


def package_ident(normalised: str) -> str:
    """`scikit-learn` -> `scikit_learn`: a valid identifier for file and module names."""
    ident = normalised.replace("-", "_").replace(".", "_")
    # A distribution may start with a digit (`3to2`); a module name may not.
    return "_" + ident if ident[0].isdigit() else ident


def check_import_name(import_name: str) -> None:
    """A dotted path of ASCII identifiers (`yaml`, `google.protobuf`)."""
    if not import_name:
        raise InvalidArgumentError("import_name", import_name, "the import name is empty")
    for part in import_name.split("."):
        if not _ASCII_IDENTIFIER.match(part):
            raise InvalidArgumentError(
                "import_name",
                import_name,
                f"component {part!r} is not an ASCII identifier",
            )


def importable_by_statement(import_name: str) -> bool:
    """`import <import_name> as _src` parses (no component is a hard keyword)."""
    return not any(keyword.iskeyword(part) for part in import_name.split("."))


def check_alias(alias: str) -> None:
    """The alias names a directory, a Python package and a Mochi identifier prefix: an ASCII
    identifier that is neither a keyword nor a Mochi reserved word (`load_` is fine)."""
    reason = refusal(alias)
    if reason is None and alias in WORDS:
        reason = "is a Python keyword or a Mochi reserved word"
    if reason is not None:
        raise InvalidArgumentError("alias", alias, reason)
