"""The checks `build` and `lock` run before anything expensive: the project's imports parse,
and no hand-written sidecar stands where a generated one must go.

`build_project` parses the same specs again; doing it here first costs microseconds and lets
every bad spec be reported at its `file:line:column`, before any install starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mochi_py._errors import ProjectError, SpecError
from mochi_py._sidecar import check_sidecars
from mochi_py_build import ImportSpecError, ImportStatement, parse_spec, scan_project

LOCK_FILENAME = "mochi.lock"


@dataclass(frozen=True)
class Project:
    """A project directory. `root` is the path as the user gave it (relative paths stay
    relative, so no absolute path reaches a message or the JSON summary)."""

    root: Path

    @property
    def shown(self) -> str:
        return str(self.root)

    @property
    def lock_path(self) -> Path:
        return self.root / LOCK_FILENAME

    def show(self, relative: str) -> str:
        """A project-relative POSIX path as the user should read it (`app/main.mochi`)."""
        if self.shown in ("", "."):
            return relative
        return os.path.join(self.shown, *PurePosixPath(relative).parts)


def open_project(path: str) -> Project:
    root = Path(path)
    if not root.is_dir():
        what = "does not exist" if not os.path.lexists(root) else "is not a directory"
        raise ProjectError(path, f"{what}; pass the directory that holds your *.mochi files")
    return Project(root)


def preflight(project: Project, *, sidecars: bool) -> tuple[ImportStatement, ...]:
    """Every import of the project, with each spec parsed once; with `sidecars`, also refuse
    a hand-written `<stem>_externs.py` where one must be generated."""
    statements = scan_project(project.root)
    for statement in statements:
        try:
            parse_spec(statement.spec)
        except ImportSpecError as exc:
            # spec_column is the opening quote; the error's column is 0-based in the decoded
            # spec, which matches the source exactly unless the spec used escapes.
            raise SpecError(
                project.show(statement.path),
                statement.spec_line,
                statement.spec_column + 1 + exc.column,
                statement.spec,
                exc.part,
                exc.message,
            ) from exc
    if sidecars:
        check_sidecars(project.root, (s.path for s in statements), project.show)
    return statements
