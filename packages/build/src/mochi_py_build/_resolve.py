"""Phase 8.1, step 1: resolve the imports to pinned requirements with `uv pip compile`.

The input is a pyproject rendered from the imports exactly as the workspace pyproject will
declare them (same requirements, same `[tool.uv]` index routing), written to a scratch
directory outside the project; the output is one pinned requirement per distribution of the
resolution, for the given interpreter. Resolving writes nothing to the project or the venv,
so a failure here leaves everything as it was; it is reported as a ResolutionError naming
the imports uv's explanation is about.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from mochi_py_build._errors import InstallError, ResolutionError
from mochi_py_build._interpreter import Interpreter
from mochi_py_build._pyproject import render_pyproject
from mochi_py_build._requirements import InstallRequirement
from mochi_py_build._spec import SpecSource
from mochi_py_build._uv import one_line, run_uv, tail
from mochi_py_build._venv import Venv

RESOLVE_PYPROJECT = "pyproject.toml"
CONSTRAINTS = "constraints.txt"

# uv's chatter around an error, not part of the explanation.
_NOISE = re.compile(r"^(Using (C?Python|Python)\b|Resolved \d+|Audited \d+)", re.IGNORECASE)
_PREFIX = re.compile(r"^(error|cause|caused by):\s*", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")


@dataclass(frozen=True)
class Pin:
    """One distribution of a resolution: `name` (PEP 503) pinned to `version`, or, for a
    direct reference (path, git, URL), to `url` with `version` "". `text` is the canonical
    requirement line."""

    name: str
    text: str
    version: str
    url: str


def parse_pins(text: str) -> tuple[Pin, ...]:
    """The pins of `uv pip compile` output (requirements.txt format), sorted by name.

    Comments, blank lines and option lines are skipped. Every requirement must be an exact
    pin (`==`/`===`) or a direct reference; anything else means uv printed something this
    code does not understand, an InstallError.
    """
    pins: dict[str, Pin] = {}
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement as exc:
            raise InstallError(f"uv printed a requirement that does not parse: {line!r}") from exc
        name = canonicalize_name(requirement.name)
        marker = f" ; {requirement.marker}" if requirement.marker is not None else ""
        extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
        if requirement.url is not None:
            pin = Pin(name, f"{name}{extras} @ {requirement.url}{marker}", "", requirement.url)
        else:
            clauses = list(requirement.specifier)
            if len(clauses) != 1 or clauses[0].operator not in ("==", "==="):
                raise InstallError(f"uv printed a requirement that is not pinned: {line!r}")
            clause = clauses[0]
            text_pin = f"{name}{extras}{clause.operator}{clause.version}{marker}"
            pin = Pin(name, text_pin, clause.version, "")
        if pins.get(name, pin) != pin:
            raise InstallError(f"uv printed two pins for {name!r}")
        pins[name] = pin
    return tuple(pins[name] for name in sorted(pins))


def render_resolve_project(
    requirements: Sequence[InstallRequirement], base_dir: str | os.PathLike[str] | None
) -> str:
    """The pyproject uv resolves: the workspace pyproject's dependencies and index routing.

    Raises DependencyConflictError (a ValueError) when two imports ask for one
    distribution with different requirements.
    """
    venv = Venv()
    for requirement in requirements:
        venv = venv.with_spec(requirement.spec, alias=requirement.alias, base_dir=base_dir)
    return render_pyproject(venv)


def check_paths(
    requirements: Sequence[InstallRequirement], base_dir: str | os.PathLike[str] | None
) -> None:
    """A `path+` import must name an existing directory (checked before uv, so the error
    names the import instead of a file URL)."""
    for requirement in requirements:
        spec = requirement.spec
        if spec.source is not SpecSource.PATH:
            continue
        if not os.path.isabs(spec.local_path) and base_dir is None:
            problem = (
                f"the path {spec.local_path!r} is relative: pass base_dir (the project "
                "directory) to resolve it"
            )
        else:
            directory = os.path.join(os.fspath(base_dir or ""), spec.local_path)
            if os.path.isdir(directory):
                continue
            problem = (
                f"the directory {spec.local_path!r} does not exist (relative paths are "
                "resolved against the project directory)"
            )
        raise ResolutionError(
            aliases=(requirement.alias,),
            specs=(spec.to_string(),),
            locations=(requirement.location,),
            explanation=problem,
        )


def resolve(
    requirements: Sequence[InstallRequirement],
    *,
    base_dir: str | os.PathLike[str] | None,
    interpreter: Interpreter,
    offline: bool,
    timeout: float,
    scratch: Path,
) -> tuple[Pin, ...]:
    """Resolve `requirements` for `interpreter`; leaves `pyproject.toml` (the input) and
    `constraints.txt` (the pins) in `scratch` for the install step."""
    check_paths(requirements, base_dir)
    (scratch / RESOLVE_PYPROJECT).write_text(
        render_resolve_project(requirements, base_dir), encoding="utf-8"
    )
    args = [
        "pip",
        "compile",
        RESOLVE_PYPROJECT,
        "--python",
        interpreter.executable,
        "--no-header",
        "--no-annotate",
    ]
    if offline:
        args.append("--offline")
    result = run_uv(args, cwd=scratch, timeout=timeout)
    if result.returncode != 0:
        explanation = explain(result.stderr) or f"uv exited with status {result.returncode}"
        culprits = failing_imports(requirements, explanation)
        raise ResolutionError(
            aliases=tuple(r.alias for r in culprits),
            specs=tuple(r.spec.to_string() for r in culprits),
            locations=tuple(r.location for r in culprits),
            explanation=explanation,
            offline=offline,
            command=tuple(result.args),
            returncode=result.returncode,
            stderr=tail(result.stderr),
        )
    pins = parse_pins(result.stdout)
    (scratch / CONSTRAINTS).write_text(result.stdout, encoding="utf-8")
    return pins


def explain(stderr: str) -> str:
    """uv's explanation of a failure, as one line without its progress chatter."""
    lines = []
    for raw in stderr.splitlines():
        line = raw.strip()
        if not line or _NOISE.match(line):
            continue
        lines.append(_PREFIX.sub("", line))
    return one_line("\n".join(lines))


def failing_imports(
    requirements: Sequence[InstallRequirement], explanation: str
) -> tuple[InstallRequirement, ...]:
    """The imports whose distribution `explanation` mentions; all of them when it names none
    (uv words its explanations about distributions, not about our imports)."""
    mentioned = {canonicalize_name(token) for token in _NAME_TOKEN.findall(explanation)}
    named = tuple(r for r in requirements if r.spec.name in mentioned)
    return named or tuple(requirements)
