"""The values emit takes and returns: ShimOptions and Shim."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from mochi_py_emit._errors import InvalidFieldError

DEFAULT_GENERATOR = "mochi-py"


def _check_generator(value: str) -> None:
    def fail(reason: str) -> InvalidFieldError:
        return InvalidFieldError("ShimOptions", "generator", value, reason)

    if not value:
        raise fail("must not be empty")
    # Printable ASCII only: no newline, tab or other control character, no bidi control or
    # line separator that could break or disguise the banner comment it is printed into, and
    # nothing whose classification depends on the Python version's Unicode database.
    for ch in value:
        if not " " <= ch <= "~":
            raise fail(f"must be one line of printable ASCII (contains U+{ord(ch):04X})")
    if value != value.strip():
        raise fail("must not start or end with a space")


@dataclass(frozen=True)
class ShimOptions:
    """How a shim is printed. The defaults are what `mochi-py build` uses.

    header: print the three-line banner. include_skip_report: print the skipped items as
    comments. generator: the tool named in the banner (one line of printable ASCII). Every
    option changes the shim bytes, hence `wrapper-sha256` in mochi.lock.
    """

    header: bool = True
    include_skip_report: bool = True
    generator: str = DEFAULT_GENERATOR

    def __post_init__(self) -> None:
        _check_generator(self.generator)


def sha256_hex(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Shim:
    """One emitted shim: the text of `<module>.mochi` and its SHA-256.

    `module` is `<package_ident>_shim` (package with `-` and `.` replaced by `_`); `sha256`
    is the lowercase hex SHA-256 of `source` encoded as UTF-8, the lock's `wrapper-sha256`.
    Leave `sha256` out to have it computed; a value that is not the hash of `source` is
    refused, so a Shim never carries the hash of other bytes.
    """

    package: str
    alias: str
    module: str
    source: str
    sha256: str = ""

    def __post_init__(self) -> None:
        digest = sha256_hex(self.source)
        if not self.sha256:
            object.__setattr__(self, "sha256", digest)
        elif self.sha256 != digest:
            raise InvalidFieldError(
                "Shim", "sha256", self.sha256, f"is not the SHA-256 of source ({digest})"
            )

    @property
    def filename(self) -> str:
        """`<module>.mochi`, the file name in `python_wrap/<alias>/`."""
        return f"{self.module}.mochi"
