"""The one error hierarchy of mochi-py-typemap.

Refusing a Python type is not an error: it is a `SkipReport` value. Exceptions are raised only
for bad input to this package's own API (an invalid Mochi type value, an unknown module), and
they carry the offending pieces as fields so callers can report them without parsing text.
"""

from __future__ import annotations


class TypemapError(Exception):
    """Base class of every exception raised by mochi-py-typemap."""


class InvalidTypeError(TypemapError, ValueError):
    """A Mochi type or declaration value was constructed with a field it cannot hold."""

    def __init__(self, type_name: str, field: str, value: str, reason: str) -> None:
        self.type_name = type_name
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{type_name}.{field} = {value!r}: {reason}")


class InvalidIdentifierError(TypemapError, ValueError):
    """A name that cannot become a Mochi identifier (not ASCII, empty, not an identifier)."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name!r} is not usable as a Mochi identifier: {reason}")


class UnknownModuleError(TypemapError, ValueError):
    """A module name that is not part of the Surface being lowered."""

    def __init__(self, module: str, package: str, known: tuple[str, ...]) -> None:
        self.module = module
        self.package = package
        self.known = known
        shown = ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
        super().__init__(
            f"module {module!r} is not part of the surface of package {package!r}"
            f" (modules: {shown or 'none'})"
        )
