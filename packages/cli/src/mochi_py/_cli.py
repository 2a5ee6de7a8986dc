"""`mochi-py`: build the Python packages a Mochi project imports, and pin them in mochi.lock.

Exit codes (DESIGN.md §9): 0 ok, 1 drift (`lock --check`), 2 bad input, usage, or a state the
user must fix (a failed install, a hand-written sidecar in the way). Every such error is one
line on stderr naming the file, the position when there is one, and what to do; an
exception of any other kind is a bug in mochi-py and keeps its traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from mochi_py._errors import CliError
from mochi_py._explain import AliasView, read_alias
from mochi_py._project import Project, open_project, preflight
from mochi_py._sidecar import SidecarChanges, apply_sidecars, plan_sidecars
from mochi_py._summary import summarise
from mochi_py._version import __version__
from mochi_py_build import BuildError, ProjectBuild, build_project, validate_alias
from mochi_py_emit import EmitError
from mochi_py_lockfile import (
    SCHEMA_VERSION,
    LockfileError,
    Manifest,
    compare_manifests,
    from_build_result,
    read_lock,
    write_lock,
)
from mochi_py_stubs import StubsError
from mochi_py_toml import TomlError
from mochi_py_typemap import TypemapError
from mochi_py_wrapper import WrapperError

__all__ = ["main"]

PROG = "mochi-py"
EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_BAD_INPUT = 2
WORKSPACE_DIRNAME = "python_workspace"

# The error bases of every package the command drives: all of them are reported in one line.
# mochi-py-build wraps its siblings' errors, the others are listed in case one slips through.
_REPORTED = (
    CliError,
    BuildError,
    LockfileError,
    StubsError,
    TypemapError,
    WrapperError,
    EmitError,
    TomlError,
)


class _UsageError(Exception):
    """Raised instead of argparse's print-usage-and-exit, so main() reports one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Build the Python packages a Mochi project imports, and pin them.",
        epilog="Exit status: 0 ok, 1 drift (lock --check), 2 bad input, usage or failure.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser(
        "build", help="install, discover stubs, build python_workspace/, write mochi.lock"
    )
    _project_argument(build)
    _planning_options(build)
    build.add_argument("--json", action="store_true", help="print a JSON summary on stdout")

    lock = commands.add_parser(
        "lock", help="write mochi.lock from a fresh plan, or --check it against one"
    )
    _project_argument(lock)
    _planning_options(lock)
    lock.add_argument(
        "--check", action="store_true", help="do not write: exit 1 when mochi.lock drifted"
    )
    lock.add_argument("--json", action="store_true", help="print the result as JSON")

    explain = commands.add_parser("explain", help="the bound surface and the skips of ALIAS")
    explain.add_argument("alias", metavar="ALIAS")
    _project_argument(explain)
    _work_dir_option(explain)

    shim = commands.add_parser("shim", help="print the Mochi shim (extern declarations) of ALIAS")
    shim.add_argument("alias", metavar="ALIAS")
    _project_argument(shim)
    _work_dir_option(shim)
    return parser


def _project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "project",
        metavar="PROJECT",
        nargs="?",
        default=".",
        help="the directory holding the *.mochi files (default: the current one)",
    )


def _work_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--work-dir",
        metavar="DIR",
        default=None,
        help="where python_workspace/ lives (default: PROJECT)",
    )


def _planning_options(parser: argparse.ArgumentParser) -> None:
    _work_dir_option(parser)
    parser.add_argument(
        "--offline", action="store_true", help="use only what is installed or cached; no network"
    )
    parser.add_argument(
        "--no-stubgen",
        dest="stubgen",
        action="store_false",
        help="never generate stubs with mypy's stubgen for an untyped package",
    )
    parser.add_argument(
        "--python",
        metavar="X",
        default=None,
        help="the interpreter of the project venv (a version like 3.12, or a path)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: sys.argv[1:]) and return the exit status."""
    stdout, stderr = sys.stdout, sys.stderr
    try:
        args = _parser().parse_args(list(argv) if argv is not None else None)
    except _UsageError as exc:
        _error(stderr, f"{exc}; run `{PROG} --help` for usage")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help / --version print and exit 0
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    commands: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
        "build": _build,
        "lock": _lock,
        "explain": _explain,
        "shim": _shim,
    }
    try:
        return commands[args.command](args, stdout, stderr)
    except _REPORTED as exc:
        _error(stderr, str(exc))
    except OSError as exc:
        where = exc.filename if exc.filename is not None else "?"
        _error(stderr, f"{where}: {exc.strerror or exc}; check the path and its permissions")
    except KeyboardInterrupt:
        _error(stderr, "interrupted")
        return 130
    return EXIT_BAD_INPUT


# --------------------------------------------------------------------------- build


def _build(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    project = open_project(args.project)
    statements = preflight(project, sidecars=True)
    if not statements:
        return _nothing_to_build(project, args.json, stdout, stderr)
    built = _build_project(project, args, stderr, write=True)
    manifest = from_build_result(
        built.request, built.result, resolved_versions=built.install.resolved_versions
    )
    wrappers = {wrapper.alias: wrapper for wrapper in built.result.wrappers}
    # Rendered before the lock is written, so a sidecar that cannot be made (a joined-name
    # clash) leaves mochi.lock as it was.
    planned = plan_sidecars(((s.path, s.alias) for s in built.imports), wrappers, project.show)
    lock_changed = _write_lock(project, manifest)
    changes = apply_sidecars(project.root, planned, project.show)

    summaries = summarise(built)
    for summary in summaries:
        _say(stderr, summary.line())
    verb = "updated" if lock_changed else "unchanged"
    _say(stderr, f"{project.show('mochi.lock')}: {verb} ({_entries(len(manifest.entries))})")
    for path in changes.written:
        _say(stderr, f"{project.show(path)}: written")
    for path in changes.removed:
        _say(stderr, f"{project.show(path)}: removed (its Mochi file has no imports left)")
    if args.json:
        document = {
            "aliases": [summary.to_json() for summary in summaries],
            "install": {
                "python": ".".join(str(part) for part in built.install.python_version),
                "reused": built.install.reused,
            },
            "lock": {"path": project.show("mochi.lock"), "changed": lock_changed},
            "sidecars": _changes_json(project, changes),
            "workspace": _shown_workspace(project, args.work_dir),
        }
        _print_json(stdout, document)
    return EXIT_OK


def _nothing_to_build(project: Project, as_json: bool, stdout: TextIO, stderr: TextIO) -> int:
    """No `import python` line anywhere: drop what earlier builds left in the lock and the
    sidecars (a lock that does not exist is not created), build nothing."""
    _say(stderr, f"no `import python` lines in the *.mochi files under {project.shown}")
    lock_changed = False
    if project.lock_path.exists():
        lock_changed = _write_lock(project, Manifest(SCHEMA_VERSION, ()))
    changes = apply_sidecars(project.root, (), project.show)
    for path in changes.removed:
        _say(stderr, f"{project.show(path)}: removed (its Mochi file has no imports left)")
    if as_json:
        document = {
            "aliases": [],
            "lock": {"path": project.show("mochi.lock"), "changed": lock_changed},
            "sidecars": _changes_json(project, changes),
        }
        _print_json(stdout, document)
    return EXIT_OK


def _build_project(
    project: Project, args: argparse.Namespace, stderr: TextIO, *, write: bool
) -> ProjectBuild:
    try:
        return build_project(
            project.root,
            work_dir=args.work_dir,
            offline=args.offline,
            allow_stubgen=args.stubgen,
            python=args.python,
            progress=lambda line: _say(stderr, line),
            write=write,
        )
    except BuildError as exc:
        # mochi-py-build names Mochi files relative to the project; show them as the user
        # names them (`app/main.mochi:3:1`), so the location can be opened as printed.
        path = getattr(exc, "path", None)
        text = str(exc)
        if (
            isinstance(path, str)
            and path.endswith(".mochi")
            and text.startswith(path)
            and not Path(path).is_absolute()
        ):
            raise CliError("", project.show(path) + text[len(path) :]) from exc
        raise


def _write_lock(project: Project, manifest: Manifest) -> bool:
    """Write mochi.lock atomically; True when its bytes changed."""
    path = project.lock_path
    before = path.read_bytes() if path.exists() else None
    write_lock(path, manifest)
    return path.read_bytes() != before


def _changes_json(project: Project, changes: SidecarChanges) -> dict[str, list[str]]:
    return {
        "written": [project.show(p) for p in changes.written],
        "unchanged": [project.show(p) for p in changes.unchanged],
        "removed": [project.show(p) for p in changes.removed],
    }


def _shown_workspace(project: Project, work_dir: str | None) -> str:
    if work_dir is None:
        return project.show(WORKSPACE_DIRNAME)
    return str(Path(work_dir) / WORKSPACE_DIRNAME)


# --------------------------------------------------------------------------- lock


def _lock(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    project = open_project(args.project)
    shown_lock = project.show("mochi.lock")
    old: Manifest | None = None
    if args.check:
        # Read first: a missing or broken lock is reported before any install work.
        try:
            old = read_lock(project.lock_path)
        except FileNotFoundError:
            raise CliError(
                shown_lock, "not found; run `mochi-py build` to create it, then commit it"
            ) from None
    statements = preflight(project, sidecars=False)
    if statements:
        built = _build_project(project, args, stderr, write=False)
        planned = from_build_result(
            built.request, built.result, resolved_versions=built.install.resolved_versions
        )
    else:
        planned = Manifest(SCHEMA_VERSION, ())
    if old is None:
        changed = _write_lock(project, planned)
        _say(stderr, f"{shown_lock}: {'updated' if changed else 'unchanged'}")
        if args.json:
            _print_json(stdout, {"lock": {"path": shown_lock, "changed": changed}})
        return EXIT_OK
    diff = compare_manifests(old, planned)
    if args.json:
        _print_json(stdout, {"lock": {"path": shown_lock}, **diff.to_json()})
    elif diff:
        print(diff.report(), file=stdout)
    if diff:
        _error(stderr, f"{shown_lock}: drifted from the plan; run `mochi-py build` and commit it")
        return EXIT_DRIFT
    _say(stderr, f"{shown_lock}: up to date ({_entries(len(planned.entries))})")
    return EXIT_OK


# --------------------------------------------------------------------------- explain / shim


def _explain(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    view = _alias_view(args)
    stdout.write(view.explain())
    return EXIT_OK


def _shim(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    view = _alias_view(args)
    stdout.write(view.shim_text)
    return EXIT_OK


def _alias_view(args: argparse.Namespace) -> AliasView:
    project = open_project(args.project)
    alias = validate_alias(args.alias)
    if args.work_dir is None:
        workspace, shown = project.root / WORKSPACE_DIRNAME, project.show(WORKSPACE_DIRNAME)
    else:
        workspace = Path(args.work_dir) / WORKSPACE_DIRNAME
        shown = str(workspace)
    return read_alias(workspace, alias, shown=shown)


# --------------------------------------------------------------------------- output


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _say(stream: TextIO, line: str) -> None:
    print(f"{PROG}: {_one_line(line)}", file=stream, flush=True)


def _error(stream: TextIO, message: str) -> None:
    print(f"{PROG}: error: {_one_line(message)}", file=stream, flush=True)


def _print_json(stream: TextIO, document: dict[str, Any]) -> None:
    print(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False), file=stream)


def _one_line(text: str) -> str:
    """`text` with every non-printable character escaped: a message is always one line,
    whatever a file name or a package's error text contains."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
