"""The one error hierarchy of mochi-py-emit.

Every exception carries the facts as fields (the option, the name, the line and column), so a
caller can report or test them without parsing the message.
"""

from __future__ import annotations


class EmitError(Exception):
    """Base class of every exception raised by mochi-py-emit."""


class InvalidFieldError(EmitError, ValueError):
    """A field of ShimOptions or Shim that cannot be used: a generator name spanning two
    lines, a sha256 that is not the hash of the source. `owner` is the class name."""

    def __init__(self, owner: str, field: str, value: str, reason: str) -> None:
        self.owner = owner
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{owner}.{field} {value!r}: {reason}")


class InvalidWrapperError(EmitError, ValueError):
    """A Wrapper that emit refuses to print.

    The wrapper is supposed to have validated and mangled every name already; this is the
    second line of defence. `where` names the offending part ("alias", "type", "extern",
    "param", "field", "variant", "package"), `item` the declaration it belongs to ("" when it
    is the wrapper itself), `name` the offending value.
    """

    def __init__(self, where: str, item: str, name: str, reason: str) -> None:
        self.where = where
        self.item = item
        self.name = name
        self.reason = reason
        owner = f" of {item}" if item else ""
        super().__init__(f"{where} {name!r}{owner}: {reason}")


class ShimSyntaxError(EmitError, ValueError):
    """Shim text outside the grammar `validate_shim` accepts. `line` and `column` are 1-based;
    the column counts code points."""

    def __init__(self, line: int, column: int, message: str) -> None:
        self.line = line
        self.column = column
        self.message = message
        super().__init__(f"line {line}, column {column}: {message}")


class GeneratedShimError(EmitError):
    """An emitted shim failed its own validation. An internal guard that should never fire:
    it means emit wrote text its validator rejects, which is a bug, not bad input."""

    def __init__(self, package: str, line: int, column: int, message: str) -> None:
        self.package = package
        self.line = line
        self.column = column
        self.message = message
        super().__init__(
            f"the shim emitted for {package!r} is invalid at line {line}, column {column}: "
            f"{message}"
        )
