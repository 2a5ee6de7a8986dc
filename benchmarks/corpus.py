"""The 25-package corpus (reference §17): build each package alone with `mochi-py build`.

For every package a one-import Mochi project is written to a temporary directory and built
with the installed `mochi-py` (all builds share uv's cache). Recorded per package: the
resolved version, the stub tier (and stub distribution), the public items (bound + skipped:
DESIGN.md §4 requires every public item to be one or the other), bound, skipped by reason,
the build time in seconds (informative only: it depends on the machine and the cache), and
whether every generated wrapper module imports in the built venv.

The report (`fixtures/corpus/report.json`, sorted keys) is rewritten on every run. The run
fails (exit 1) when a package does not build or a wrapper does not import, or when it
regresses against the report that was there before: a package that built no longer builds,
a wrapper that imported no longer imports, or fewer items are bound. Versions are pinned to
the ones in the previous report (`==<version>`), so a regression is ours, not upstream's;
`--latest` builds the newest releases instead.

Run it through `nox -s corpus` (it installs the wheels first); it needs the package index.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

CORPUS = (
    "numpy",
    "pandas",
    "scipy",
    "scikit-learn",
    "requests",
    "httpx",
    "urllib3",
    "pillow",
    "pydantic",
    "attrs",
    "click",
    "typer",
    "rich",
    "tqdm",
    "sqlalchemy",
    "fastapi",
    "starlette",
    "uvicorn",
    "aiohttp",
    "pyyaml",
    "toml",
    "tomli",
    "msgpack",
    "orjson",
    "pytest",
)
REPORT_SCHEMA = 1
DEFAULT_TIMEOUT = 1800.0  # per build; a safety net against a hung install, not a measurement


def alias_for(name: str) -> str:
    return name.replace("-", "_")


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _scrub(text: str, tmp: Path) -> str:
    """Keep machine-specific paths (and the command's own prefix) out of the report."""
    return text.replace(str(tmp), "<tmp>").strip().removeprefix("mochi-py: error: ")


def build_one(name: str, version: str, tmp_root: Path, timeout: float) -> dict[str, Any]:
    alias = alias_for(name)
    project = tmp_root / alias
    project.mkdir()
    spec = f"{name}@=={version}" if version else name
    (project / "main.mochi").write_text(f'import python "{spec}" as {alias}\n', encoding="utf-8")
    # Run inside the project so messages name `main.mochi`, not a temporary path.
    command = [sys.executable, "-m", "mochi_py", "build", ".", "--json"]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, cwd=project, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return _failure(f"build timed out after {timeout:g} s", time.perf_counter() - started)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        errors = [line for line in lines if "error" in line.lower()]
        return _failure(_scrub(errors[-1] if errors else lines[-1], tmp_root), seconds)
    (summary,) = json.loads(done.stdout)["aliases"]
    workspace = project / "python_workspace"
    imports, import_error = _wrappers_import(workspace, alias, tmp_root)
    return {
        "built": True,
        "imports": imports,
        "error": import_error,
        "version": summary["version"],
        "import_name": summary["import_name"],
        "tier": summary["stub_tier"],
        "stub_distribution": summary["stub_distribution"],
        "public_items": summary["bound"] + summary["skipped"]["total"],
        "bound": summary["bound"],
        "skipped": summary["skipped"]["total"],
        "skipped_by_reason": summary["skipped"]["by_reason"],
        "build_seconds": round(seconds, 1),
    }


def _failure(message: str, seconds: float) -> dict[str, Any]:
    return {
        "built": False,
        "imports": False,
        "error": message,
        "build_seconds": round(seconds, 1),
    }


def _wrappers_import(workspace: Path, alias: str, tmp_root: Path) -> tuple[bool, str]:
    """Import the alias package and every wrapper module in it with the venv's Python, from
    an empty directory (`-I`: nothing but the venv on sys.path)."""
    modules = sorted(p.stem for p in (workspace / "python_wrap" / alias).glob("*_externs.py"))
    if not modules:
        return False, "no wrapper module was generated"
    names = [f"python_wrap.{alias}"] + [f"python_wrap.{alias}.{m}" for m in modules]
    code = f"import importlib\nfor name in {names!r}:\n    importlib.import_module(name)\n"
    empty = tmp_root / f".empty-{alias}"
    empty.mkdir()
    done = subprocess.run(
        [str(venv_python(workspace / ".venv")), "-I", "-c", code],
        cwd=empty,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode == 0:
        return True, ""
    last = done.stderr.strip().splitlines()[-1:] or ["import failed"]
    return False, _scrub(last[0], tmp_root)


def regressions(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What got worse from the previous report to this one (packages in both)."""
    out = []
    for name in sorted(old.keys() & new.keys()):
        before, now = old[name], new[name]
        if before.get("built") and not now.get("built"):
            out.append(f"{name}: built before, fails now: {now.get('error', '')}")
            continue
        if before.get("imports") and not now.get("imports"):
            out.append(f"{name}: its wrapper imported before, fails now: {now.get('error', '')}")
        if now.get("built") and now.get("bound", 0) < before.get("bound", 0):
            out.append(f"{name}: bound {now['bound']} items, {before['bound']} before")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, required=True, help="report.json to update")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="build only these packages")
    parser.add_argument("--latest", action="store_true", help="do not pin the report's versions")
    parser.add_argument("--jobs", type=int, default=1, choices=(1, 2), help="parallel builds")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    args = parser.parse_args(argv)

    previous: dict[str, Any] = {}
    if args.report.exists():
        previous = json.loads(args.report.read_text(encoding="utf-8")).get("packages", {})
    names = list(args.only or CORPUS)
    unknown = sorted(set(names) - set(CORPUS))
    if unknown:
        parser.error(f"not in the corpus: {', '.join(unknown)}")

    def pinned(name: str) -> str:
        return "" if args.latest else str(previous.get(name, {}).get("version", ""))

    with tempfile.TemporaryDirectory(prefix="mochi-corpus-") as tmp:
        tmp_root = Path(tmp)

        def one(name: str) -> tuple[str, dict[str, Any]]:
            print(f"corpus: building {name} ...", flush=True)
            result = build_one(name, pinned(name), tmp_root, args.timeout)
            state = "ok" if result["built"] and result["imports"] else "FAILED"
            detail = (
                f"{result['tier']} bound {result['bound']}/{result['public_items']}"
                if result["built"]
                else result["error"]
            )
            print(f"corpus: {name}: {state} ({detail}; {result['build_seconds']} s)", flush=True)
            return name, result

        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = dict(pool.map(one, names))

    packages = {**previous, **results} if args.only else results
    report = {
        "schema": REPORT_SCHEMA,
        "python": f"{sys.version_info[0]}.{sys.version_info[1]}",
        "corpus": sorted(packages),
        "packages": packages,
    }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(
        json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )

    failed = sorted(n for n, r in results.items() if not (r["built"] and r["imports"]))
    worse = regressions(previous, results)
    for name in failed:
        print(f"corpus: FAILED {name}: {results[name]['error']}", file=sys.stderr)
    for line in worse:
        print(f"corpus: REGRESSION {line}", file=sys.stderr)
    built = sum(1 for r in results.values() if r["built"] and r["imports"])
    print(f"corpus: {built}/{len(results)} packages built with every wrapper importing")
    return 1 if failed or worse else 0


if __name__ == "__main__":
    sys.exit(main())
