"""The Wrapper value: the contract between mochi-py-wrapper and mochi-py-emit.

Everything here is a frozen dataclass holding tuples, so a Wrapper can be compared, hashed and
shared. `synthesise` (in `_synth.py`) is the only producer; emit reads `externs`, `types`,
`skipped` and `name_map`, the lockfile reads `items`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from mochi_py_stubs import ParamKind
from mochi_py_typemap import LoweredItem, MochiType, SkipReport, TypeDecl


class AsyncMode(enum.Enum):
    """How a `<name>_sync` entry drives its coroutine. The value is the on-disk token."""

    # Default: one event loop owned by the runtime, reused by every call, so objects bound to
    # a loop (an httpx.AsyncClient, an asyncio.Queue) survive from one call to the next.
    PERSISTENT = "persistent"
    # Opt-in: asyncio.run per call; loop-bound objects do not survive between calls.
    PER_CALL = "per-call"


@dataclass(frozen=True)
class WrapperOptions:
    # Bind Any-typed items as `any` instead of skipping them (passed to typemap).
    allow_partial: bool = False
    async_mode: AsyncMode = AsyncMode.PERSISTENT


class ExternKind(enum.Enum):
    FUNCTION = "function"  # module function:              <alias>.<name>(...)
    CONSTRUCTOR = "constructor"  # class constructor:      <alias>.<Class>(...): <Class>
    METHOD = (
        "method"  # instance/class/static method:     <alias>.<Class>_<method>(self: <Class>, ...)
    )
    PROPERTY = "property"  # property / attribute getter:  <alias>.<Class>_<prop>(self: <Class>): T
    CONSTANT = "constant"  # zero-argument getter:         <alias>.<NAME>(): T


@dataclass(frozen=True)
class ExternParam:
    """One bound parameter of an Extern.

    `name` is Mochi-safe (mangled when needed) and is also the Python wrapper's parameter name;
    `python_name` is the real parameter's name (the keyword used when calling the package).
    Defaulted parameters are not in the shim: Mochi cannot omit an argument (fewer arguments is
    partial application). The Python wrapper keeps them keyword-only with a sentinel default,
    so the real default applies when a Python caller omits them.
    """

    name: str
    python_name: str
    type: MochiType
    kind: ParamKind
    has_default: bool


@dataclass(frozen=True)
class Extern:
    """One callable: declared in the shim, defined in `<module>.py`.

    `mochi_name` is the name after `<alias>.` in the shim and the Python function's name in
    `<module>.py` ("get", "Client_get", "fetch_sync", "VERSION"); `joined_name` is
    `f"{alias}_{mochi_name}"`, the name compiled Mochi code calls (DESIGN.md §6).
    `params` are in call order; instance methods and properties start with `self` (typed with
    the class's NamedType); class and static methods have no receiver parameter.
    When `is_async`, `mochi_name` ends in `_sync` and `<module>.py` also defines
    `async_name` (`<base>_async`).
    """

    kind: ExternKind
    mochi_name: str
    joined_name: str
    python_path: str
    params: tuple[ExternParam, ...]
    returns: MochiType
    is_async: bool

    @property
    def shim_params(self) -> tuple[ExternParam, ...]:
        """The parameters the shim declares: every parameter without a default, in order."""
        return tuple(p for p in self.params if not p.has_default)

    @property
    def async_name(self) -> str | None:
        """`<base>_async` for an async extern (its awaitable twin in `<module>.py`), else None."""
        if not self.is_async:
            return None
        return self.mochi_name.removesuffix("_sync") + "_async"


@dataclass(frozen=True)
class Wrapper:
    """A synthesised wrapper for one `import python "..." as <alias>`.

    `items` are typemap's bound items that survived identifier validation; `externs` are sorted
    by `mochi_name` (code-point order); `types` (sorted by name) are the named types the shim
    declares; `skipped` (sorted by item path) holds every refusal, typemap's and the wrapper's;
    `name_map` holds `(mochi name, python name)` for every mangled identifier, sorted.
    """

    package: str
    import_name: str
    alias: str
    module: str
    options: WrapperOptions
    items: tuple[LoweredItem, ...]
    externs: tuple[Extern, ...]
    types: tuple[TypeDecl, ...]
    skipped: tuple[SkipReport, ...]
    name_map: tuple[tuple[str, str], ...]
    py_source: str
    pyi_source: str

    @property
    def loop(self) -> AsyncMode:
        return self.options.async_mode
