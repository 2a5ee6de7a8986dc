"""Every gate of the mochi-py monorepo, and the only place gates are defined.

`nox` with no arguments runs the default gates (unit tests per package and interpreter, and
again against the compiled build of stubs and typemap; lint, types, import contracts,
sentinel). `nox -l` lists everything. Sessions that need the
package index at test time (`e2e`, `corpus`) or that measure (`bench`, `fuzz`) are not
default.

Interpreters: the matrix is whatever of 3.10-3.13 is present on the machine; nothing is ever
downloaded (uv's downloads are switched off below, and nox's too).
"""

from __future__ import annotations

import functools
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

import nox

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: nox itself depends on tomli there
    import tomli as tomllib

ROOT = pathlib.Path(__file__).resolve().parent
PACKAGES_DIR = ROOT / "packages"
# A fresh wheel directory per nox run: uv caches installs of a local wheel file by its path,
# so rebuilding a wheel at the same path could install the previous build's code.
WHEELS_ROOT = ROOT / ".nox" / "_wheels"
WHEEL_DIR = WHEELS_ROOT / f"run-{time.time_ns()}-{os.getpid()}"
# Folder names in dependency order (a package only depends on folders before it).
PACKAGES = ("toml", "stubs", "typemap", "wrapper", "emit", "build", "lockfile", "cli")
# The distributions users install directly; the sentinel installs only these.
USER_FACING = ("cli", "lockfile")
CANDIDATE_PYTHONS = ("3.10", "3.11", "3.12", "3.13")
TEST_DEPS = ("pytest>=8", "hypothesis>=6.100", "packaging>=23.2")
# Tools some package tests drive for real (mypy on generated code, stubgen, uv installs).
EXTRA_TEST_DEPS: dict[str, tuple[str, ...]] = {
    "stubs": ("mypy>=1.10", "uv>=0.5"),
    "wrapper": ("mypy>=1.10",),
    "emit": ("mypy>=1.10",),
    "build": ("mypy>=1.10",),
    "cli": ("mypy>=1.10",),
}

os.environ["UV_PYTHON_DOWNLOADS"] = "never"
os.environ.setdefault("UV_PYTHON_PREFERENCE", "only-system")
nox.options.default_venv_backend = "uv"
nox.options.download_python = "never"
nox.options.error_on_missing_interpreters = True
nox.options.reuse_venv = "no"


# --------------------------------------------------------------------------- interpreters


def _works(exe: str, version: str) -> bool:
    try:
        out = subprocess.run(
            [exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and out.stdout.strip() == version


def _find_interpreter(version: str) -> str | None:
    """A working `pythonX.Y`: on PATH, else in a pyenv root (pyenv shims fail for versions
    that are installed but not activated, which is how this machine is set up)."""
    found = shutil.which(f"python{version}")
    if found and _works(found, version):
        return found
    roots = [os.environ.get("PYENV_ROOT", ""), str(pathlib.Path.home() / ".pyenv")]
    for root in filter(None, roots):
        for exe in sorted(pathlib.Path(root, "versions").glob(f"{version}.*/bin/python{version}")):
            if _works(str(exe), version):
                return str(exe)
    return None


@functools.cache
def present_pythons() -> tuple[str, ...]:
    present = []
    for version in CANDIDATE_PYTHONS:
        exe = _find_interpreter(version)
        if exe is None:
            continue
        present.append(version)
        # Put the real interpreter first on PATH so nox and uv both find it by version.
        bin_dir = str(pathlib.Path(exe).parent)
        if bin_dir not in os.environ["PATH"].split(os.pathsep):
            os.environ["PATH"] = bin_dir + os.pathsep + os.environ["PATH"]
    if not present:
        raise RuntimeError("no Python 3.10-3.13 interpreter found")
    return tuple(present)


PYTHONS = present_pythons()
DEFAULT_PYTHON = f"{sys.version_info[0]}.{sys.version_info[1]}"
if DEFAULT_PYTHON not in PYTHONS:
    DEFAULT_PYTHON = PYTHONS[-1]


# --------------------------------------------------------------------------- packages


def _pyproject(folder: str) -> dict[str, object]:
    with open(PACKAGES_DIR / folder / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)


def _dist_name(folder: str) -> str:
    project = _pyproject(folder)["project"]
    assert isinstance(project, dict)
    return str(project["name"])


def _import_name(folder: str) -> str:
    (pkg,) = [p.name for p in (PACKAGES_DIR / folder / "src").iterdir() if p.is_dir()]
    return pkg


@functools.cache
def declared_siblings(folder: str) -> tuple[str, ...]:
    """Sibling folders a package declares in [project.dependencies] (direct only)."""
    by_dist = {_dist_name(f): f for f in PACKAGES}
    project = _pyproject(folder)["project"]
    assert isinstance(project, dict)
    out = []
    for req in project.get("dependencies", []):
        name = re.split(r"[\s<>=!~;\[@]", req, maxsplit=1)[0]
        if name in by_dist:
            out.append(by_dist[name])
    return tuple(out)


def sibling_closure(folder: str) -> tuple[str, ...]:
    """The package and every sibling it needs, transitively, in dependency order."""
    seen: set[str] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(declared_siblings(current))
    return tuple(p for p in PACKAGES if p in seen)


def compiled_modules(folder: str) -> tuple[str, ...]:
    """The modules the mypyc build hook of a package's pyproject compiles (its `include`
    list), as dotted names; () for a package without the hook."""
    tool = _pyproject(folder).get("tool", {})
    assert isinstance(tool, dict)
    hook = tool.get("hatch", {}).get("build", {}).get("targets", {}).get("wheel", {})
    include = hook.get("hooks", {}).get("mypyc", {}).get("include", [])
    return tuple(
        ".".join(pathlib.PurePosixPath(path).relative_to("src").with_suffix("").parts)
        for path in include
    )


# Packages with a compiled build (mypyc, through the hatch-mypyc hook that their pyproject
# declares off by default): see "Compiled build" in their READMEs.
COMPILED = tuple(folder for folder in PACKAGES if compiled_modules(folder))
COMPILE_ENV = {"HATCH_BUILD_HOOK_ENABLE_MYPYC": "1"}

_built: set[tuple[str, str | None]] = set()


def _wheel_dir(folder: str, python: str | None) -> pathlib.Path:
    """Where the wheel of `folder` goes: pure wheels are one for every interpreter, a
    compiled wheel (python = the interpreter's X.Y) is built per interpreter."""
    return WHEEL_DIR / (folder if python is None else f"{folder}-mypyc-{python}")


def _wheel(session: nox.Session, folder: str, compiled: bool = False) -> str:
    """Build (once per nox run) and return the wheel of one package.

    Wheels are built explicitly instead of letting the installer build the directory, because
    uv caches directory builds keyed on pyproject.toml only and would install stale code.
    A compiled wheel is built from a copy of the package: hatch-mypyc compiles in place and
    would leave extension modules in the source tree, where an editable install imports them.
    """
    python = str(session.python) if compiled and folder in COMPILED else None
    out = _wheel_dir(folder, python)
    if not _built:
        # Earlier runs' wheels are never reused (see WHEEL_DIR); drop them.
        for old in WHEELS_ROOT.glob("run-*"):
            if old != WHEEL_DIR:
                shutil.rmtree(old, ignore_errors=True)
    if (folder, python) not in _built:
        shutil.rmtree(out, ignore_errors=True)
        if python is not None:
            # Its siblings' wheels, for the build environment (mypy needs their types).
            links: list[str] = []
            for sibling in declared_siblings(folder):
                _wheel(session, sibling, compiled)
                sibling_python = python if sibling in COMPILED else None
                links += ["--find-links", str(_wheel_dir(sibling, sibling_python))]
            with tempfile.TemporaryDirectory(prefix=f"mochi-{folder}-") as tmp:
                source = pathlib.Path(tmp, folder)
                shutil.copytree(
                    PACKAGES_DIR / folder,
                    source,
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", ".*cache"),
                )
                session.run(
                    sys.executable, "-m", "uv", "build", "--quiet", "--wheel",
                    "--python", python, "--out-dir", str(out), *links, str(source),
                    env=COMPILE_ENV, external=True,
                )  # fmt: skip
        else:
            session.run(
                sys.executable, "-m", "uv", "build", "--quiet", "--wheel",
                "--out-dir", str(out), str(PACKAGES_DIR / folder),
                external=True,
            )  # fmt: skip
        _built.add((folder, python))
    (wheel,) = out.glob("*.whl")
    return str(wheel)


def _install_packages(
    session: nox.Session, folders: tuple[str, ...], *extra: str, compiled: bool = False
) -> None:
    session.install(*(_wheel(session, f, compiled) for f in folders), *extra)
    if compiled:
        # Every module the hooks compile must be an extension module once installed, so a
        # build that silently fell back to pure Python cannot pass for a compiled one.
        _check_compiled(session, [m for f in folders for m in compiled_modules(f)])


def _check_compiled(session: nox.Session, modules: list[str]) -> None:
    check = (
        "import importlib, importlib.machinery as m, sys\n"
        "for name in sys.argv[1:]:\n"
        "    path = importlib.import_module(name).__file__ or ''\n"
        "    if not path.endswith(tuple(m.EXTENSION_SUFFIXES)):\n"
        "        sys.exit(f'{name} is not compiled: {path}')\n"
    )
    session.run("python", "-c", check, *modules, silent=True)


def _have_c_compiler() -> bool:
    return shutil.which(os.environ.get("CC", "cc")) is not None


# --------------------------------------------------------------------------- unit gates


def _make_unit_session(folder: str) -> None:
    @nox.session(name=f"unit-{folder}", python=PYTHONS, tags=["unit"])
    def unit(session: nox.Session) -> None:
        """Fresh venv with only this package and the siblings it declares, then its tests."""
        _install_packages(
            session, sibling_closure(folder), *TEST_DEPS, *EXTRA_TEST_DEPS.get(folder, ())
        )
        _run_package_tests(session, folder)


def _run_package_tests(session: nox.Session, folder: str) -> None:
    session.run(
        "pytest",
        str(PACKAGES_DIR / folder / "tests"),
        "-p",
        "no:cacheprovider",
        "-m",
        "not network",
        *session.posargs,
    )


for _folder in PACKAGES:
    _make_unit_session(_folder)


def _make_compiled_unit_session(folder: str) -> None:
    @nox.session(name=f"unit-{folder}-mypyc", python=PYTHONS, tags=["unit", "compiled"])
    def unit_compiled(session: nox.Session) -> None:
        """The same tests against the compiled wheels (this package's and its compiled
        siblings'), as release wheels ship them. Skipped only where there is no C compiler."""
        if not _have_c_compiler():
            session.skip("no C compiler here: the compiled build cannot be made")
        _install_packages(
            session,
            sibling_closure(folder),
            *TEST_DEPS,
            *EXTRA_TEST_DEPS.get(folder, ()),
            compiled=True,
        )
        _run_package_tests(session, folder)


for _folder in COMPILED:
    _make_compiled_unit_session(_folder)


# --------------------------------------------------------------------------- static gates


@nox.session(python=DEFAULT_PYTHON, tags=["static"])
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check, and the import contracts between distributions."""
    session.install("ruff>=0.6", "import-linter>=2.1")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    _check_import_contracts(session)


def import_contract_config() -> str:
    """An import-linter config derived from each pyproject's declared siblings.

    Deriving it (rather than keeping a second hand-written list) means the contract checked
    here is exactly the dependency metadata that pip/uv see. Two contract kinds per package:
    `forbidden` for every undeclared sibling, and `protected` so only the package itself may
    import its underscore modules (siblings use the public `__init__` names).
    """
    names = {f: _import_name(f) for f in PACKAGES}
    lines = ["[importlinter]", "root_packages ="]
    lines += [f"    {names[f]}" for f in PACKAGES]
    lines.append("")
    for folder in PACKAGES:
        allowed = set(sibling_closure(folder))
        forbidden = [names[f] for f in PACKAGES if f not in allowed]
        if forbidden:
            lines += [
                f"[importlinter:contract:{folder}-siblings]",
                f"name = {_dist_name(folder)} imports only the siblings it declares",
                "type = forbidden",
                f"source_modules = {names[folder]}",
                "forbidden_modules =",
                *(f"    {m}" for m in forbidden),
                "",
            ]
        private = _private_modules(folder)
        if private:
            lines += [
                f"[importlinter:contract:{folder}-private]",
                f"name = only {names[folder]} imports its private modules",
                "type = protected",
                "protected_modules =",
                *(f"    {m}" for m in private),
                f"allowed_importers = {names[folder]}",
                "",
            ]
    return "\n".join(lines)


def _private_modules(folder: str) -> list[str]:
    """Underscore modules of a package, listed from disk (import-linter wildcards can only
    stand for a whole module name, so `pkg._*` cannot be written as a pattern)."""
    package = _import_name(folder)
    root = PACKAGES_DIR / folder / "src" / package
    found = sorted(
        p.stem if p.is_file() else p.name
        for p in root.iterdir()
        if p.name.startswith("_")
        and not p.name.startswith("__")
        and (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))
    )
    return [f"{package}.{name}" for name in found]


def _check_import_contracts(session: nox.Session) -> None:
    src_path = os.pathsep.join(str(PACKAGES_DIR / f / "src") for f in PACKAGES)
    with tempfile.TemporaryDirectory() as tmp:
        config = pathlib.Path(tmp, "importlinter.ini")
        config.write_text(import_contract_config())
        session.run(
            "lint-imports", "--config", str(config), "--no-cache", env={"PYTHONPATH": src_path}
        )
        # Prove the gate can fail: a copy of the tree where mochi-py-toml imports an undeclared
        # sibling and mochi-py-lockfile reaches into a private module must be rejected.
        bad = pathlib.Path(tmp, "bad")
        for folder in PACKAGES:
            shutil.copytree(PACKAGES_DIR / folder / "src", bad / folder)
        with open(bad / "toml" / _import_name("toml") / "__init__.py", "a") as fh:
            fh.write("\nimport mochi_py_build  # injected by the contract self-test\n")
        with open(bad / "lockfile" / _import_name("lockfile") / "__init__.py", "a") as fh:
            fh.write("\nimport mochi_py_toml._version  # injected by the contract self-test\n")
        bad_path = os.pathsep.join(str(bad / f) for f in PACKAGES)
        output = session.run(
            "lint-imports",
            "--config",
            str(config),
            "--no-cache",
            env={"PYTHONPATH": bad_path},
            success_codes=[1],
            silent=True,
        )
        for expected in ("mochi_py_toml -> mochi_py_build", "mochi_py_toml._version"):
            if expected not in str(output):
                session.error(f"contract self-test: violation {expected!r} was not reported")
        session.log("contract self-test: injected violations were rejected, as they must be")


@nox.session(python=DEFAULT_PYTHON, tags=["static"])
def types(session: nox.Session) -> None:
    """mypy --strict over the sources of every package (config in mypy.ini)."""
    session.install("mypy>=1.10", "tomli>=2.0.1", "tomli-w>=1.0", "packaging>=23.2", "uv>=0.5")
    session.run("mypy", "--config-file", str(ROOT / "mypy.ini"))


# --------------------------------------------------------------------------- integration


@nox.session(python=DEFAULT_PYTHON, tags=["integration"])
def sentinel(session: nox.Session) -> None:
    """Build every wheel, install only the user-facing ones from them, run tests-integration."""
    for folder in PACKAGES:
        _wheel(session, folder)
    find_links = [arg for f in PACKAGES for arg in ("--find-links", str(WHEEL_DIR / f))]
    session.install(*find_links, *(_wheel(session, f) for f in USER_FACING), *TEST_DEPS)
    session.run(
        "pytest",
        str(ROOT / "tests-integration"),
        "-p",
        "no:cacheprovider",
        "-m",
        "not network",
        *session.posargs,
        env={"MOCHI_PY_WHEEL_DIR": str(WHEEL_DIR)},
    )


# --------------------------------------------------------------------------- mochi-py end to end


def _venv_python(venv: pathlib.Path) -> pathlib.Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


@nox.session(python=DEFAULT_PYTHON, default=False)
def hello(session: nox.Session) -> None:
    """The main job: `mochi-py build` on a copy of examples/hello, then call through the
    generated sidecar in the built venv. Needs the package index the first time."""
    _install_packages(session, sibling_closure("cli"))
    with tempfile.TemporaryDirectory(prefix="mochi-hello-") as tmp:
        project = pathlib.Path(tmp, "hello")
        shutil.copytree(
            ROOT / "examples" / "hello",
            project,
            ignore=shutil.ignore_patterns("python_workspace", "mochi.lock", "*_externs.py"),
        )
        session.run("mochi-py", "build", str(project))
        session.run("mochi-py", "explain", "wcwidth", str(project))
        python = _venv_python(project / "python_workspace" / ".venv")
        session.run(str(python), str(project / "run_compiled.py"), external=True)


@nox.session(python=DEFAULT_PYTHON, default=False)
def e2e(session: nox.Session) -> None:
    """Build real projects from the package index with the installed mochi-py wheels and
    call through the generated wrappers (tests-integration/test_e2e_*.py, marker network)."""
    _install_packages(session, sibling_closure("cli"), *TEST_DEPS)
    tests = sorted(str(p) for p in (ROOT / "tests-integration").glob("test_e2e_*.py"))
    session.run("pytest", *tests, "-p", "no:cacheprovider", "-m", "network", *session.posargs)


@nox.session(python=DEFAULT_PYTHON, default=False)
def corpus(session: nox.Session) -> None:
    """The 25-package corpus, each built alone; writes fixtures/corpus/report.json and fails
    on a build or import failure or a regression against the committed report."""
    _install_packages(session, sibling_closure("cli"))
    session.run(
        "python",
        str(ROOT / "benchmarks" / "corpus.py"),
        "--report",
        str(ROOT / "fixtures" / "corpus" / "report.json"),
        *session.posargs,
    )


# --------------------------------------------------------------------------- release


@nox.session(python=PYTHONS, default=False)
def wheels(session: nox.Session) -> None:
    """The wheels a release ships, into dist/: mochi-py-stubs and mochi-py-typemap compiled
    for each interpreter present (`nox -s wheels-3.12` for one), the rest pure Python."""
    if not _have_c_compiler():
        session.error("no C compiler here: the compiled wheels cannot be made")
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    for folder in PACKAGES:
        wheel = pathlib.Path(_wheel(session, folder, compiled=folder in COMPILED))
        shutil.copy2(wheel, dist / wheel.name)
        session.log(f"dist/{wheel.name}")


# --------------------------------------------------------------------------- measurement


@nox.session(python=DEFAULT_PYTHON, default=False)
@nox.parametrize("build", ["mypyc", "pure"])
def bench(session: nox.Session, build: str) -> None:
    """The performance figures (benchmarks/bench.py): each a ratio against a plain baseline
    measured in the same run, min/median/max over repeats, PASS/MISS per target. Run twice:
    `build='mypyc'` with the compiled stubs and typemap wheels (what release wheels ship;
    writes bench-results.json) and `build='pure'` with pure-Python wheels throughout (writes
    bench-results-pure.json). Exit 0 whatever the figures unless `-- --strict`. Needs mypy
    (its typeshed copy is corpus (a)), a C compiler for the compiled build, and, for (d),
    hatchling in uv's cache (it runs offline)."""
    compiled = build == "mypyc"
    if compiled and not _have_c_compiler():
        session.skip("no C compiler here: the compiled build cannot be made")
    _install_packages(session, sibling_closure("cli"), "mypy>=1.10", compiled=compiled)
    output = "bench-results.json" if compiled else "bench-results-pure.json"
    session.run(
        "python",
        str(ROOT / "benchmarks" / "bench.py"),
        "--output",
        str(ROOT / output),
        *session.posargs,
    )


FUZZ_SECONDS_DEFAULT = "150"
ATHERIS_TARGETS = ("spec", "toml")


@nox.session(python=DEFAULT_PYTHON, default=False)
@nox.parametrize("build", ["mypyc", "pure"])
def fuzz(session: nox.Session, build: str) -> None:
    """The hostile-input suite (tests-fuzz/): hypothesis against import specs, TOML, the lock
    parser, the stub parser and the full plan, each target bounded by FUZZ_SECONDS (default
    150 s, so the run takes over 10 minutes), then atheris against parse_spec and loads when
    it installs. `-- --quick` runs 5 s per target (a smoke run); other arguments go to pytest.
    Only each package's typed errors are allowed; a finding fails the session. Run against
    the compiled build (`fuzz(build='mypyc')`: mypyc checks annotated types at run time,
    a failure mode the Python build does not have) and the pure one (`fuzz(build='pure')`)."""
    compiled = build == "mypyc"
    if compiled and not _have_c_compiler():
        session.skip("no C compiler here: the compiled build cannot be made")
    _install_packages(session, sibling_closure("cli"), *TEST_DEPS, "mypy>=1.10", compiled=compiled)
    quick = "--quick" in session.posargs
    pytest_args = [arg for arg in session.posargs if arg != "--quick"]
    seconds = "5" if quick else os.environ.get("FUZZ_SECONDS", FUZZ_SECONDS_DEFAULT)
    session.run(
        "pytest",
        str(ROOT / "tests-fuzz"),
        "-p",
        "no:cacheprovider",
        *pytest_args,
        env={"FUZZ_SECONDS": seconds},
    )
    try:
        session.install("atheris")
    except nox.command.CommandFailed:
        session.warn("atheris did not install here: only the hypothesis targets ran")
        return
    # A crash makes libFuzzer exit non-zero (failing the session) and leave its reproducer
    # in tests-fuzz/atheris-findings/, to become a regression test in the package concerned.
    findings = ROOT / "tests-fuzz" / "atheris-findings"
    findings.mkdir(exist_ok=True)
    for target in ATHERIS_TARGETS:
        # Silent: libFuzzer logs every new input; on failure nox prints it all anyway.
        output = session.run(
            "python",
            str(ROOT / "tests-fuzz" / "atheris_targets.py"),
            target,
            f"-max_total_time={seconds}",
            f"-artifact_prefix={findings}{os.sep}",
            "-print_final_stats=1",
            silent=True,
        )
        for line in str(output).splitlines():
            if line.startswith(("Done ", "stat::")):
                session.log(f"atheris {target}: {line}")
    if not any(findings.iterdir()):
        findings.rmdir()
