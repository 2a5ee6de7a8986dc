"""The error hierarchy of mochi-py-build: one base, structured fields, no bare text."""

from __future__ import annotations

from typing import Literal

SpecPart = Literal["spec", "name", "specifier", "index", "url", "rev", "path"]


class BuildError(Exception):
    """Base of every error raised by mochi-py-build."""


class ImportSpecError(BuildError, ValueError):
    """The body of `import python "<spec>" as <alias>` is not a valid import spec.

    `spec` is the raw text, `part` names which part is wrong ("spec", "name", "specifier",
    "index", "url", "rev" or "path") and `column` is the 0-based offset of the offending text
    inside `spec`, so a caller can point at it from the import statement's position.
    """

    def __init__(self, spec: str, part: SpecPart, column: int, message: str) -> None:
        self.spec = spec
        self.part: SpecPart = part
        self.column = column
        self.message = message
        super().__init__(f"import spec {spec!r} (column {column}): {message}")


class AliasError(BuildError, ValueError):
    """The `as <alias>` of an import cannot be used as a wrapper name."""

    def __init__(self, alias: str, message: str) -> None:
        self.alias = alias
        self.message = message
        super().__init__(f"alias {alias!r}: {message}")


class ScanError(BuildError, ValueError):
    """A malformed `import python` statement (or literal around it) in Mochi source.

    `line` and `column` are 1-based and count characters; 0 means the position is unknown
    (e.g. a file that could not be read at all).
    """

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(f"{path}:{line}:{column}: {message}")


class DriverError(BuildError):
    """The driver could not create or remove one of its directories (an OS failure)."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class VenvError(BuildError, ValueError):
    """A workspace venv description that cannot be rendered.

    `field` is the Venv attribute at fault (e.g. "runtime_mode", "members",
    "dependencies"), `key` identifies the entry inside it (a member path, a distribution
    name, an index name; "" for scalar fields) and `value` is the offending value as text.
    """

    def __init__(self, field: str, key: str, value: str, message: str) -> None:
        self.field = field
        self.key = key
        self.value = value
        self.message = message
        where = f"{field}[{key!r}]" if key else field
        super().__init__(f"venv {where}: {message}")


class DependencyConflictError(VenvError):
    """Two imports of one distribution ask for different requirements.

    Upstream silently kept the last one; we refuse and name both sides.
    """

    def __init__(
        self,
        name: str,
        first_aliases: tuple[str, ...],
        first_requirement: str,
        second_aliases: tuple[str, ...],
        second_requirement: str,
    ) -> None:
        self.name = name
        self.first_aliases = first_aliases
        self.first_requirement = first_requirement
        self.second_aliases = second_aliases
        self.second_requirement = second_requirement
        first = _describe(first_aliases)
        second = _describe(second_aliases)
        message = (
            f"distribution {name!r} is required as {first_requirement!r} by {first} and as "
            f"{second_requirement!r} by {second}; make the imports agree on one requirement"
        )
        super().__init__("dependencies", name, second_requirement, message)


def _describe(aliases: tuple[str, ...]) -> str:
    if not aliases:
        return "an unnamed import"
    if len(aliases) == 1:
        return f"alias {aliases[0]!r}"
    return "aliases " + ", ".join(repr(a) for a in aliases)


class PlanError(BuildError, ValueError):
    """A build request that cannot be planned.

    `index` is the 0-based position of the target at fault in `request.targets` (None for
    a problem with the request as a whole: no targets, no driver, a bad setting) and `alias`
    its alias as written ("" when unknown). `field` names what is wrong: "request", "targets",
    "driver", "target", "alias", "spec", "stub_source", "import_name", "base_dir",
    "wrapper", "shim", "venv", "async_mode" or "lock_timeout". For a stub that does not
    parse, `path`, `line` and `column` (1-based; 0 when unknown) point into the stub text.
    The lower-level error, when there is one, is chained as `__cause__`.
    """

    def __init__(
        self,
        field: str,
        message: str,
        *,
        index: int | None = None,
        alias: str = "",
        path: str = "",
        line: int = 0,
        column: int = 0,
    ) -> None:
        self.field = field
        self.message = message
        self.index = index
        self.alias = alias
        self.path = path
        self.line = line
        self.column = column
        where = ""
        if index is not None:
            where = f"target {index} (alias {alias!r}): " if alias else f"target {index}: "
        position = f"{path}:{line}:{column}: " if path else ""
        super().__init__(f"plan: {where}{position}{message}")


class BuildLockedError(BuildError):
    """Another build held the work dir's lock for longer than `timeout` seconds.

    `path` is the lock file (`<work-dir>/.mochi-py.lock`).
    """

    def __init__(self, path: str, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        super().__init__(
            f"{path}: another build of this work dir is running (waited {timeout:g} s); "
            "wait for it to finish or raise lock_timeout"
        )


class WorkspaceError(BuildError):
    """Writing or swapping in `python_workspace/` failed (an OS failure, or a generated file
    that failed its own check). `path` is the file or directory at fault. A failure before
    the swap leaves the previous workspace as it was."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")
