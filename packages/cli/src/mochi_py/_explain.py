"""`explain` and `shim`: what the last build bound for one alias, read from the workspace.

Reading the files (rather than planning again) is deliberate: it is instant, needs no venv
or network, and shows exactly what the project runs against, i.e. what `mochi.lock` pins
(`lock --check` is the command that says whether a fresh plan would differ).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mochi_py._errors import CliError, WorkspaceMissingError

WRAPPER_ROOT = "python_wrap"
SKIPPED_FILENAME = "SKIPPED.txt"
SHIM_SUFFIX = "_shim.mochi"


@dataclass(frozen=True)
class Skip:
    """One line of SKIPPED.txt: the fields as written (escaped, so each is one line)."""

    item_path: str
    reason: str
    detail: str


@dataclass(frozen=True)
class AliasView:
    """The built files of one alias. `shim_path` is relative to the workspace, POSIX."""

    alias: str
    shim_path: str
    shim_text: str
    skips: tuple[Skip, ...]

    @property
    def declarations(self) -> tuple[str, ...]:
        """Every `extern ...` line of the shim, in file order (sorted by name)."""
        return tuple(line for line in self.shim_text.splitlines() if line.startswith("extern "))

    @property
    def types(self) -> tuple[str, ...]:
        """Every `type ...` declaration line of the shim, in file order."""
        return tuple(line for line in self.shim_text.splitlines() if line.startswith("type "))

    def explain(self) -> str:
        lines = [f"{self.alias}: {self.shim_path}"]
        lines.append(f"declarations {len(self.declarations)}:")
        lines += [f"  {d}" for d in self.declarations]
        if self.types:
            lines.append(f"types {len(self.types)}:")
            lines += [f"  {t}" for t in self.types]
        lines.append(f"skipped {len(self.skips)}:")
        lines += [
            f"  {s.item_path}  {s.reason}" + (f"  {s.detail}" if s.detail else "")
            for s in self.skips
        ]
        return "\n".join(lines) + "\n"


def built_aliases(workspace: Path) -> tuple[str, ...]:
    root = workspace / WRAPPER_ROOT
    try:
        entries = sorted(os.listdir(root))
    except OSError:
        return ()
    return tuple(name for name in entries if (root / name / "__init__.py").is_file())


def read_alias(workspace: Path, alias: str, *, shown: str) -> AliasView:
    """The files of `alias` (already validated) in `workspace`; `shown` is how to name the
    workspace in messages."""
    directory = workspace / WRAPPER_ROOT / alias
    shims = sorted(directory.glob(f"*{SHIM_SUFFIX}")) if directory.is_dir() else []
    if len(shims) != 1:
        if not shims:
            raise WorkspaceMissingError(shown, alias, built_aliases(workspace))
        raise CliError(f"{shown}/{WRAPPER_ROOT}/{alias}", "holds several shims; rebuild it")
    shim = shims[0]
    shim_path = f"{WRAPPER_ROOT}/{alias}/{shim.name}"
    try:
        text = shim.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"{shown}/{shim_path}", f"cannot read: {exc}; rebuild it") from exc
    return AliasView(alias, shim_path, text, _read_skipped(directory / SKIPPED_FILENAME))


def _read_skipped(path: Path) -> tuple[Skip, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()  # a wrapper that refused nothing has no SKIPPED.txt
    out = []
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        # Fields are escaped by the build (a tab is written `\t`), so split is exact.
        fields = [*line.split("\t", 2), "", ""]
        out.append(Skip(fields[0], fields[1], fields[2]))
    return tuple(out)
