"""Many files of one import package to a Surface: file paths to module names, then parse."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from keyword import iskeyword

from mochi_py_stubs._errors import InvalidModuleNameError, InvalidStubPathError
from mochi_py_stubs._model import Module, Surface, Target
from mochi_py_stubs._parse import parse_module
from mochi_py_stubs._source import DEFAULT_MAX_BYTES, check_size

_STUBS_SUFFIX = "-stubs"


@dataclasses.dataclass(frozen=True)
class _Candidate:
    path: str
    module: str
    is_package: bool
    # Lower wins among files of one module: `<pkg>-stubs` .pyi, then .pyi, then .py;
    # a package's `__init__` before a same-named module file (as the import system does).
    rank: tuple[int, int, int]


def module_for_path(path: str, package: str) -> tuple[str, bool, bool]:
    """(module name, is a package `__init__`, comes from `<package>-stubs`) for a file path.

    `pkg/__init__.pyi` -> `pkg`; `pkg/sub.pyi` -> `pkg.sub`; `pkg-stubs/sub.pyi` -> `pkg.sub`;
    `pkg.pyi` (a single-module distribution) -> `pkg`.
    """
    if not path or path.startswith("/") or "\\" in path or ":" in path:
        raise InvalidStubPathError(path, "not a relative posix path")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise InvalidStubPathError(path, "not a normalised relative path")
    last = parts[-1]
    if last.endswith(".pyi"):
        stem = last[:-4]
    elif last.endswith(".py"):
        stem = last[:-3]
    else:
        raise InvalidStubPathError(path, "not a .py or .pyi file")
    from_stubs = len(parts) > 1 and parts[0] == package + _STUBS_SUFFIX
    if from_stubs:
        parts[0] = package
    is_package = stem == "__init__"
    names = parts[:-1] if is_package else [*parts[:-1], stem]
    if not names or names[0] != package:
        raise InvalidStubPathError(path, f"not a file of package {package!r}")
    if not all(name.isidentifier() and not iskeyword(name) for name in names):
        raise InvalidStubPathError(path, "does not name an importable module")
    return ".".join(names), is_package, from_stubs


def parse_package(
    root: str | os.PathLike[str],
    files: Sequence[str],
    *,
    package: str,
    target: Target = Target(),  # noqa: B008 - frozen, so a shared default is safe
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Surface:
    """Parse the files (posix paths relative to `root`) of import package `package`.

    Each file becomes one Module; when several files give the same module, a `-stubs` file
    beats a `.pyi` beats a `.py`. Modules come out sorted by name. After parsing,
    `__all__ += sub.__all__`-style references between modules of the surface are resolved
    (see Module.dunder_all_refs).
    """
    if not package.isidentifier() or iskeyword(package):
        raise InvalidModuleNameError(package)
    chosen: dict[str, _Candidate] = {}
    for path in files:
        module, is_package, from_stubs = module_for_path(path, package)
        rank = (0 if from_stubs else 1, 0 if path.endswith(".pyi") else 1, 0 if is_package else 1)
        candidate = _Candidate(path, module, is_package, rank)
        best = chosen.get(module)
        if best is None or (candidate.rank, candidate.path) < (best.rank, best.path):
            chosen[module] = candidate
    modules: list[Module] = []
    for module in sorted(chosen):
        candidate = chosen[module]
        full = os.path.join(os.fspath(root), *candidate.path.split("/"))
        try:
            # Refuse an oversized file before reading it.
            check_size(os.stat(full).st_size, candidate.path, max_bytes)
            with open(full, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InvalidStubPathError(candidate.path, f"cannot read: {exc.strerror}") from None
        modules.append(
            parse_module(
                data,
                module=module,
                path=candidate.path,
                target=target,
                max_bytes=max_bytes,
                is_package=candidate.is_package,
            )
        )
    return Surface(package, _resolve_all_refs(tuple(modules)))


def _resolve_all_refs(modules: tuple[Module, ...]) -> tuple[Module, ...]:
    """Append the `__all__` of referenced modules of the surface (cycle-safe)."""
    by_name = {module.name: module for module in modules}
    if not any(module.dunder_all_refs for module in modules):
        return modules
    done: dict[str, tuple[str, ...]] = {}

    def full_all(name: str, visiting: frozenset[str]) -> tuple[tuple[str, ...] | None, bool]:
        """(names, whether a cycle was cut on the way); only uncut results are memoised."""
        module = by_name.get(name)
        if module is None or module.dunder_all is None:
            return None, False
        if name in done:
            return done[name], False
        names = list(module.dunder_all)
        cut = False
        for ref in module.dunder_all_refs:
            if ref in visiting:
                cut = True
                continue
            found, ref_cut = full_all(ref, visiting | {ref})
            names.extend(found or ())
            cut = cut or ref_cut
        result = tuple(dict.fromkeys(names))
        if not cut:
            done[name] = result
        return result, cut

    out: list[Module] = []
    for module in modules:
        if not module.dunder_all_refs:
            out.append(module)
            continue
        # A reference is unresolved when its module is outside the surface or has no
        # `__all__` (at run time the latter would be an AttributeError).
        unresolved = tuple(
            ref
            for ref in module.dunder_all_refs
            if ref not in by_name or by_name[ref].dunder_all is None
        )
        names, _ = full_all(module.name, frozenset({module.name}))
        out.append(dataclasses.replace(module, dunder_all=names, dunder_all_refs=unresolved))
    return tuple(out)
