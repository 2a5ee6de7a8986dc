"""The one error hierarchy of mochi-py-wrapper.

Refusing an item is not an error: it is a `SkipReport`. Exceptions are raised for bad
arguments to `synthesise` (which carry the argument and value as fields) and, as an internal
guard that must never fire, when generated code fails to compile.
"""

from __future__ import annotations


class WrapperError(Exception):
    """Base class of every exception raised by mochi-py-wrapper."""


class InvalidArgumentError(WrapperError, ValueError):
    """An argument to `synthesise` that cannot be used (empty package, bad alias, ...)."""

    def __init__(self, argument: str, value: str, reason: str) -> None:
        self.argument = argument
        self.value = value
        self.reason = reason
        super().__init__(f"{argument} {value!r}: {reason}")


class InvalidIdentifierError(WrapperError, ValueError):
    """A name that cannot be mangled into a usable identifier; it must be refused instead."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name!r} cannot be used as an identifier: {reason}")


class GeneratedCodeError(WrapperError):
    """Generated source did not compile or parse. An internal-error guard: it means a bug in
    the generator, never bad input, since every name is validated before it is written."""

    def __init__(self, module: str, filename: str, line: int | None, message: str) -> None:
        self.module = module
        self.filename = filename
        self.line = line
        self.message = message
        where = f"{filename}:{line}" if line is not None else filename
        super().__init__(f"generated {where} for {module} is invalid: {message}")
