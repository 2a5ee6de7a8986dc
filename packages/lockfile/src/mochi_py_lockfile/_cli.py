"""`mochi-py-lock`: validate, diff and check lock files with only this distribution installed.

Exit codes: 0 ok, 1 drift (or differences), 2 bad input or usage. Every error is one line on
stderr naming the file, the position and what to do; bad input never shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn, TextIO

from mochi_py_lockfile._diff import Diff, compare_manifests
from mochi_py_lockfile._errors import LockfileError
from mochi_py_lockfile._io import read_lock
from mochi_py_lockfile._schema import Manifest
from mochi_py_lockfile._text import one_line, show
from mochi_py_lockfile._version import __version__

__all__ = ["main"]

PROG = "mochi-py-lock"
EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_BAD_INPUT = 2


class _UsageError(Exception):
    """Raised instead of argparse's print-usage-and-exit, so main() can report one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Validate, diff and check the [[python-package]] tables of mochi.lock.",
        epilog="Exit status: 0 ok, 1 drift or differences, 2 bad input or usage.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    validate = commands.add_parser("validate", help="check that FILE is a well-formed lock")
    validate.add_argument("file", metavar="FILE")
    diff = commands.add_parser("diff", help="show what changed from OLD to NEW")
    diff.add_argument("old", metavar="OLD")
    diff.add_argument("new", metavar="NEW")
    diff.add_argument("--json", action="store_true", help="print the diff as JSON")
    check = commands.add_parser(
        "check", help="fail (exit 1) when LOCK drifted from the PLANNED lock"
    )
    check.add_argument("lock", metavar="LOCK")
    check.add_argument("--against", metavar="PLANNED", required=True)
    check.add_argument("--json", action="store_true", help="print the diff as JSON")
    return parser


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
    try:
        if args.command == "validate":
            manifest = read_lock(args.file)
            count = len(manifest.entries)
            print(
                f"{one_line(args.file)}: ok ({count} entr{'y' if count == 1 else 'ies'})",
                file=stdout,
            )
            return EXIT_OK
        if args.command == "diff":
            found = compare_manifests(read_lock(args.old), read_lock(args.new))
            return _print_diff(found, args.json, stdout, stdout)
        old, planned = read_lock(args.lock), read_lock(args.against)
        return _check(old, planned, args.lock, args.json, stdout, stderr)
    except LockfileError as exc:
        _error(stderr, f"{exc}")
    except OSError as exc:
        where = exc.filename if exc.filename is not None else "?"
        reason = exc.strerror or exc.__class__.__name__
        _error(stderr, f"{show(str(where))}: cannot read: {reason}; check the path")
    return EXIT_BAD_INPUT


def _check(
    old: Manifest, planned: Manifest, lock: str, as_json: bool, stdout: TextIO, stderr: TextIO
) -> int:
    found = compare_manifests(old, planned)
    status = _print_diff(found, as_json, stdout, stderr)
    if status != EXIT_OK and not as_json:
        _error(stderr, f"{one_line(lock)}: drifted from the plan; regenerate it (mochi-py build)")
    return status


def _print_diff(found: Diff, as_json: bool, stdout: TextIO, report_to: TextIO) -> int:
    if as_json:
        print(json.dumps(found.to_json(), indent=2, sort_keys=True), file=stdout)
    elif found:
        print(found.report(), file=report_to)
    return EXIT_OK if found.empty else EXIT_DRIFT


def _error(stream: TextIO, message: str) -> None:
    print(f"{PROG}: error: {one_line(message)}", file=stream)
