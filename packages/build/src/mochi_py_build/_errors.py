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
    inside `spec`, so a caller can point at it from the import statement's position. When the
    spec came from a Mochi file (`build_project`), `path`, `line` and `source_column` locate
    the offending text in that file ("" / 0 otherwise).
    """

    def __init__(
        self,
        spec: str,
        part: SpecPart,
        column: int,
        message: str,
        *,
        path: str = "",
        line: int = 0,
        source_column: int = 0,
    ) -> None:
        self.spec = spec
        self.part: SpecPart = part
        self.column = column
        self.message = message
        # Where the spec sits in a Mochi file, when known (`build_project` fills these):
        # `line` and `source_column` are 1-based, 0 when unknown.
        self.path = path
        self.line = line
        self.source_column = source_column
        where = f"{path}:{line}:{source_column}: " if path else ""
        super().__init__(f"{where}import spec {spec!r} (column {column}): {message}")


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


class ImportConflictError(BuildError, ValueError):
    """Two `import python` lines of one project give the same alias different specs.

    `path`, `line`, `column` (1-based) and `spec` are the later import; `other_path`,
    `other_line`, `other_column` and `other_spec` the earlier one it contradicts.
    """

    def __init__(
        self,
        alias: str,
        *,
        path: str,
        line: int,
        column: int,
        spec: str,
        other_path: str,
        other_line: int,
        other_column: int,
        other_spec: str,
    ) -> None:
        self.alias = alias
        self.path = path
        self.line = line
        self.column = column
        self.spec = spec
        self.other_path = other_path
        self.other_line = other_line
        self.other_column = other_column
        self.other_spec = other_spec
        self.message = (
            f"alias {alias!r} is imported as {spec!r} here but as {other_spec!r} at "
            f"{other_path}:{other_line}:{other_column}; use one spec for the alias everywhere, "
            "or give the other import its own alias"
        )
        super().__init__(f"{path}:{line}:{column}: {self.message}")


class InstallError(BuildError):
    """Installing the imports' distributions with uv failed (Phase 8.1).

    `command` is the uv command line, `returncode` its exit status (None when it did not run
    to completion: not found, timed out) and `stderr` the tail of what it printed. The
    previous venv and workspace are left as they were.
    """

    def __init__(
        self,
        message: str,
        *,
        command: tuple[str, ...] = (),
        returncode: int | None = None,
        stderr: str = "",
    ) -> None:
        self.message = message
        self.command = command
        self.returncode = returncode
        self.stderr = stderr
        super().__init__(message)


class ResolutionError(InstallError, ValueError):
    """The imports' requirements cannot be resolved to one set of distributions.

    `aliases`, `specs` and `locations` (`"<file>:<line>"`, "" when unknown) name the imports
    that uv's `explanation` (trimmed to one line) is about; when it names none of them, all
    imports are listed. `offline` says whether only uv's cache was consulted.
    """

    def __init__(
        self,
        *,
        aliases: tuple[str, ...],
        specs: tuple[str, ...],
        locations: tuple[str, ...],
        explanation: str,
        offline: bool = False,
        command: tuple[str, ...] = (),
        returncode: int | None = None,
        stderr: str = "",
    ) -> None:
        self.aliases = aliases
        self.specs = specs
        self.locations = locations
        self.explanation = explanation
        self.offline = offline
        named = ", ".join(
            (f"{location}: " if location else "") + f"{alias} = {_quoted(spec)}"
            for alias, spec, location in zip(aliases, specs, locations, strict=True)
        )
        hint = ""
        if offline:
            hint = " (offline: only uv's cache was used; run without --offline to download)"
        super().__init__(
            f"cannot resolve {named}: {explanation}{hint}",
            command=command,
            returncode=returncode,
            stderr=stderr,
        )


def _quoted(text: str) -> str:
    # A TOML/JSON style basic string, as the import line writes it.
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


class DiscoveryError(BuildError):
    """No usable stubs for an import in the installed venv (Phase 3 inside 8.1).

    `alias`, `spec` and `distribution` name the import, `path`/`line` its position in the
    project ("" / 0 when unknown); the mochi-py-stubs error is chained as `__cause__`.
    """

    def __init__(
        self,
        alias: str,
        spec: str,
        distribution: str,
        message: str,
        *,
        path: str = "",
        line: int = 0,
    ) -> None:
        self.alias = alias
        self.spec = spec
        self.distribution = distribution
        self.message = message
        self.path = path
        self.line = line
        where = f"{path}:{line}: " if path else ""
        super().__init__(f"{where}{alias} = {_quoted(spec)}: {message}")


class WrapperImportError(BuildError):
    """A generated wrapper does not import against the real installed distribution.

    `alias` and `module` name the wrapper, `exception` is the Python exception's type name
    and `detail` its message, as raised in the built venv. Nothing was swapped in.
    """

    def __init__(self, alias: str, module: str, exception: str, detail: str) -> None:
        self.alias = alias
        self.module = module
        self.exception = exception
        self.detail = detail
        super().__init__(
            f"the wrapper {module} (alias {alias!r}) does not import in the built venv: "
            f"{exception}: {detail}; the previous workspace is unchanged"
        )
