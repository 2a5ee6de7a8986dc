"""The error hierarchy of mochi-py-stubs: one base, structured fields, no bare text."""

from __future__ import annotations


class StubsError(Exception):
    """Base of every error raised by mochi-py-stubs."""


class StubSyntaxError(StubsError, ValueError):
    """A stub or typed module that cannot be read as Python source.

    `line` and `column` are 1-based; 0 means the position is unknown (an interpreter limit
    such as a recursion or memory error inside `ast.parse` carries no position). For
    undecodable bytes the column counts bytes, otherwise characters.
    """

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(f"{path}:{line}:{column}: {message}")


class StubTooLargeError(StubsError, ValueError):
    """A source file over the `max_bytes` limit; refused before parsing."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        self.path = path
        self.size = size
        self.limit = limit
        super().__init__(f"{path}: {size} bytes is over the limit of {limit} bytes")


class InvalidModuleNameError(StubsError, ValueError):
    """A module or package name that is not a dotted Python identifier."""

    def __init__(self, module: str) -> None:
        self.module = module
        super().__init__(f"{module!r} is not a dotted Python identifier")


class ModuleNotInSurfaceError(StubsError, ValueError):
    """`public_items` was asked about a module the surface does not contain."""

    def __init__(self, module: str, package: str) -> None:
        self.module = module
        self.package = package
        super().__init__(f"module {module!r} is not part of the surface of {package!r}")


class InvalidStubPathError(StubsError, ValueError):
    """A file path handed to `parse_package` that cannot name a module of the package."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class EnvironmentNotFoundError(StubsError, ValueError):
    """The environment is neither a site-packages directory nor a venv with one."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class DistributionNotFoundError(StubsError, ValueError):
    """No installed distribution of that (PEP 503 normalised) name in the environment."""

    def __init__(self, distribution: str, site_packages: str) -> None:
        self.distribution = distribution
        self.site_packages = site_packages
        super().__init__(f"distribution {distribution!r} is not installed in {site_packages}")


class NoStubsFoundError(StubsError, ValueError):
    """No PEP 561 tier provides stubs; `looked_for` lists what was tried, in order."""

    def __init__(self, distribution: str, package: str, looked_for: tuple[str, ...]) -> None:
        self.distribution = distribution
        self.package = package
        self.looked_for = looked_for
        super().__init__(
            f"no PEP 561 stubs found for {distribution!r} (import {package!r}); looked for: "
            + "; ".join(looked_for)
        )


class StubgenError(StubsError):
    """mypy's stubgen failed, timed out or produced nothing; `stderr` is its own output."""

    def __init__(
        self, package: str, message: str, *, stderr: str = "", returncode: int | None = None
    ) -> None:
        self.package = package
        self.message = message
        self.stderr = stderr
        self.returncode = returncode
        detail = f": {stderr.strip()}" if stderr.strip() else ""
        super().__init__(f"stubgen for {package!r}: {message}{detail}")


class StubgenUnavailableError(StubgenError):
    """stubgen was allowed but mypy is not installed (`pip install mochi-py-stubs[stubgen]`)."""
