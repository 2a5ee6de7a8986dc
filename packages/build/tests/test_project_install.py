"""Phase 8.1 end to end, offline: `build_project` resolves and installs with uv, discovers
stubs in the venv, builds the workspace, installs it into the venv, and reuses the install
when nothing changed. Failures leave the previous workspace and venv untouched.

Every package is a local `path+` import written by the test (hatchling projects that uv
builds from its cache), so nothing needs the package index.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from install_helpers import (
    copy_sample,
    run_python,
    state,
    venv_listing,
    venv_python,
    write_sample,
)

from mochi_py_build import (
    DiscoveryError,
    InstallRequirement,
    ProjectBuild,
    ResolutionError,
    WrapperImportError,
    build_project,
    install,
    parse_spec,
)
from mochi_py_stubs import NoStubsFoundError

MARKER = ".mochi-py-install.json"


@dataclass(frozen=True)
class Sample:
    root: Path
    project: Path
    first: ProjectBuild
    lines: tuple[str, ...]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    root = tmp_path_factory.mktemp("sample")
    project = write_sample(root)
    lines: list[str] = []
    first = _build(project, progress=lines.append)
    return Sample(root, project, first, tuple(lines))


@pytest.fixture
def copy(sample: Sample, tmp_path: Path) -> Path:
    return copy_sample(sample.root, tmp_path)


def _build(project: Path, **kwargs: Any) -> ProjectBuild:
    kwargs.setdefault("offline", True)
    kwargs.setdefault("allow_stubgen", False)
    return build_project(project, **kwargs)


@pytest.fixture
def uv_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every subprocess command line run in this process, recorded."""
    calls: list[list[str]] = []
    real = subprocess.run

    def recording(args: Any, *rest: Any, **kwargs: Any) -> Any:
        calls.append([str(a) for a in args])
        return real(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "run", recording)
    return calls


def _uv_subcommands(calls: list[list[str]]) -> list[str]:
    return [" ".join(c[1:3]) for c in calls if Path(c[0]).name.startswith("uv")]


def _add_import(project: Path, line: str) -> None:
    main = project / "main.mochi"
    main.write_text(main.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def _live(project: Path) -> Path:
    return project / "python_workspace" / ".venv"


def _snapshot(project: Path) -> tuple[dict[str, bytes | None], list[str], bytes]:
    """The project without its venv, the venv's listing, and the venv's marker."""
    venv = _live(project)
    return (
        state(project, skip=("python_workspace/.venv",)),
        venv_listing(venv),
        (venv / MARKER).read_bytes(),
    )


def _assert_unchanged_but_main(
    before: tuple[dict[str, bytes | None], list[str], bytes],
    after: tuple[dict[str, bytes | None], list[str], bytes],
) -> None:
    """Everything of `before` is still there, byte for byte (main.mochi aside), the venv is
    untouched, and anything new is inside the hidden `.mochi-py/` directory."""
    old_files, old_venv, old_marker = before
    new_files, new_venv, new_marker = after
    kept = {k: v for k, v in old_files.items() if k != "main.mochi"}
    assert {k: new_files.get(k) for k in kept} == kept
    extra = sorted(new_files.keys() - old_files.keys())
    assert all(k.startswith(".mochi-py/") for k in extra), extra
    assert new_venv == old_venv
    assert new_marker == old_marker


# --------------------------------------------------------------------------- first build


def test_first_build_installs_into_the_workspace_venv(sample: Sample) -> None:
    built = sample.first
    venv = _live(sample.project)
    assert built.install.reused is False
    assert built.install.temporary is False
    assert built.install.venv == venv
    assert built.install.resolved_versions == {"greet": "1.2.0"}
    assert built.install.python_version == sys.version_info[:2]
    assert built.install.python == ".".join(str(p) for p in sys.version_info[:3])
    assert re.fullmatch(r"[0-9a-f]{64}", built.install.key)
    assert built.install.pins == (
        f"greet @ path+../pkgs/greet#sha256={built.install.pins[0].rsplit('=', 1)[1]}",
    )
    assert (venv / MARKER).is_file()
    assert "relocatable = true" in (venv / "pyvenv.cfg").read_text(encoding="utf-8")
    # No leftovers: the new venv was moved in with the workspace.
    assert sorted(os.listdir(sample.project / ".mochi-py")) == []
    assert built.result.venv_root == sample.project / "python_workspace"
    assert built.work_dir == sample.project
    assert [s.alias for s in built.imports] == ["greet"]


def test_progress_names_each_step(sample: Sample) -> None:
    assert sample.lines == (
        "resolving 1 import",
        "installing 1 package",
        "discovering stubs for greet",
        "building workspace",
        "checking that the wrappers import",
        "installing the workspace into the venv",
    )


def test_discovery_feeds_the_plan(sample: Sample) -> None:
    (report,) = sample.first.targets
    assert (report.alias, report.import_name, report.tier) == ("greet", "greet", "inline")
    assert (report.stub_distribution, report.stub_version) == ("greet", "1.2.0")
    assert report.stub_files == ("greet/__init__.py",)
    assert re.fullmatch(r"[0-9a-f]{64}", report.stubs_sha256)
    assert report.skipped_by_reason == {"SkipNoBytesType": 1}
    (wrapper,) = sample.first.result.wrappers
    assert report.bound == len(wrapper.items) > 0
    assert (report.path, report.line) == ("main.mochi", 1)
    (target,) = sample.first.request.targets
    assert target.surface is not None
    assert target.stub_source is None
    shim = sample.first.result.shims[0].source
    # The shim is made from the real installed package, not from caller-supplied stub text.
    assert "extern python fun greet.hello(name: string): string" in shim
    assert "extern python fun greet.Counter_bump(" in shim
    assert "extern python fun greet.VERSION(): string" in shim


def test_the_installed_workspace_runs_in_the_venv(sample: Sample, tmp_path: Path) -> None:
    code = (
        "from python_wrap.greet import externs as w\n"
        "import greet\n"
        "print(w.hello('mochi'), w.add(2), w.add(2, b=5))\n"
        "c = w.Counter(10)\n"
        "print(w.Counter_bump(c, 5), w.Counter_tick_sync(c), w.Counter_tick_sync(c))\n"
        "print('site-packages' in w.__file__, 'site-packages' in greet.__file__)\n"
    )
    ran = run_python(venv_python(_live(sample.project)), code, tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == ["hello, mochi 3 7", "15 16 17", "True True"]


# --------------------------------------------------------------------------- caching


def test_an_unchanged_build_reuses_the_venv_and_writes_nothing_new(
    copy: Path, uv_calls: list[list[str]]
) -> None:
    # The copy moved project and packages together: the key has no absolute path, so the
    # copied venv is reused at once.
    moved = _build(copy)
    assert moved.install.reused is True
    assert "pip install" not in _uv_subcommands(uv_calls)
    marker = _live(copy) / MARKER
    before = (state(copy, skip=("python_workspace/.venv",)), venv_listing(_live(copy)))
    stamp = (marker.read_bytes(), marker.stat().st_mtime_ns)
    uv_calls.clear()

    lines: list[str] = []
    again = _build(copy, progress=lines.append)
    assert again.install.reused is True
    assert again.install.key == moved.install.key
    assert _uv_subcommands(uv_calls) == ["--version", "pip compile"]  # no venv, no install
    assert (marker.read_bytes(), marker.stat().st_mtime_ns) == stamp
    assert (state(copy, skip=("python_workspace/.venv",)), venv_listing(_live(copy))) == before
    assert "reusing the installed venv (1 package)" in lines
    assert "installing the workspace into the venv" not in lines


def test_the_same_inputs_give_the_same_shims_anywhere(sample: Sample, copy: Path) -> None:
    again = _build(copy)
    assert [s.sha256 for s in again.result.shims] == [s.sha256 for s in sample.first.result.shims]
    assert again.result.shims == sample.first.result.shims


def test_changing_the_imports_reinstalls(copy: Path) -> None:
    old_key = (_live(copy) / MARKER).read_bytes()
    _add_import(copy, 'import python "tiny@path+../pkgs/tiny" as tiny')
    built = _build(copy)
    assert built.install.reused is False
    assert built.install.resolved_versions == {"greet": "1.2.0", "tiny": "1.0.0"}
    assert [t.alias for t in built.targets] == ["greet", "tiny"]
    assert (_live(copy) / MARKER).read_bytes() != old_key
    assert os.listdir(copy / ".mochi-py") == []
    ran = run_python(
        venv_python(_live(copy)),
        "from python_wrap.tiny import externs; print(externs.double(21))",
        copy.parent,
    )
    assert ran.stdout.strip() == "42", ran.stderr


def test_editing_a_local_package_reinstalls_it(copy: Path) -> None:
    init = copy.parent / "pkgs" / "greet" / "greet" / "__init__.py"
    init.write_text(
        init.read_text(encoding="utf-8") + "\n\ndef shout(s: str) -> str:\n    return s.upper()\n",
        encoding="utf-8",
    )
    built = _build(copy)
    assert built.install.reused is False
    assert "extern python fun greet.shout(s: string): string" in built.result.shims[0].source
    ran = run_python(
        venv_python(_live(copy)),
        "from python_wrap.greet import externs; print(externs.shout('hi'))",
        copy.parent,
    )
    assert ran.stdout.strip() == "HI", ran.stderr


# --------------------------------------------------------------------------- failures


def test_a_failed_resolution_names_the_import_and_changes_nothing(copy: Path) -> None:
    before = _snapshot(copy)
    _add_import(copy, 'import python "bad@path+../pkgs/bad" as bad')
    with pytest.raises(ResolutionError) as caught:
        _build(copy)
    error = caught.value
    assert error.aliases == ("bad",)
    assert error.specs == ("bad@path+../pkgs/bad",)
    assert error.locations == ("main.mochi:4",)
    assert "zz-nonexistent" in error.explanation
    assert "\n" not in error.explanation
    assert error.offline is True
    assert error.command[1:3] == ("pip", "compile")
    assert error.returncode not in (None, 0)
    assert "zz-nonexistent" in error.stderr
    assert isinstance(error, ValueError)
    assert 'main.mochi:4: bad = "bad@path+../pkgs/bad"' in str(error)
    assert "run without --offline" in str(error)
    _assert_unchanged_but_main(before, _snapshot(copy))


def test_conflicting_pins_name_both_imports(copy: Path) -> None:
    before = _snapshot(copy)
    _add_import(copy, 'import python "needsold@path+../pkgs/needsold" as old')
    with pytest.raises(ResolutionError) as caught:
        _build(copy)
    assert caught.value.aliases == ("greet", "old")
    assert caught.value.locations == ("main.mochi:1", "main.mochi:4")
    assert "greet" in caught.value.explanation
    _assert_unchanged_but_main(before, _snapshot(copy))


def test_a_missing_local_directory_is_named_before_uv_runs(
    copy: Path, uv_calls: list[list[str]]
) -> None:
    _add_import(copy, 'import python "ghost@path+../pkgs/ghost" as ghost')
    with pytest.raises(ResolutionError) as caught:
        _build(copy)
    assert caught.value.aliases == ("ghost",)
    assert "'../pkgs/ghost' does not exist" in caught.value.explanation
    assert "pip compile" not in _uv_subcommands(uv_calls)


def test_an_uncached_registry_package_offline_is_a_resolution_error(copy: Path) -> None:
    before = _snapshot(copy)
    _add_import(copy, 'import python "zz-nonexistent-mochi@>=1" as zz')
    with pytest.raises(ResolutionError) as caught:
        _build(copy)
    assert caught.value.aliases == ("zz",)
    assert caught.value.specs == ("zz-nonexistent-mochi@>=1",)
    assert "run without --offline" in str(caught.value)
    _assert_unchanged_but_main(before, _snapshot(copy))


def test_a_wrapper_that_does_not_import_swaps_nothing_in(copy: Path) -> None:
    before = _snapshot(copy)
    _add_import(copy, 'import python "boom@path+../pkgs/boom" as boom')
    with pytest.raises(WrapperImportError) as caught:
        _build(copy)
    error = caught.value
    assert (error.alias, error.module) == ("boom", "python_wrap.boom.boom_externs")
    assert error.exception == "RuntimeError"
    assert error.detail == "boom at import"
    assert "previous workspace is unchanged" in str(error)
    _assert_unchanged_but_main(before, _snapshot(copy))
    # The new venv waited in .mochi-py/; the next build without `boom` reuses the live
    # venv and drops that leftover.
    (copy / "main.mochi").write_text(
        'import python "greet@path+../pkgs/greet" as greet\n', encoding="utf-8"
    )
    assert _build(copy).install.reused is True
    assert os.listdir(copy / ".mochi-py") == []


def test_a_package_without_stubs_is_a_discovery_error(copy: Path) -> None:
    before = _snapshot(copy)
    _add_import(copy, 'import python "plain@path+../pkgs/plain" as plain')
    with pytest.raises(DiscoveryError) as caught:
        _build(copy)
    error = caught.value
    assert (error.alias, error.spec, error.distribution) == (
        "plain",
        "plain@path+../pkgs/plain",
        "plain",
    )
    assert (error.path, error.line) == ("main.mochi", 4)
    assert isinstance(error.__cause__, NoStubsFoundError)
    assert str(error).startswith('main.mochi:4: plain = "plain@path+../pkgs/plain": ')
    _assert_unchanged_but_main(before, _snapshot(copy))


def test_stubgen_stands_in_for_a_package_without_stubs(copy: Path) -> None:
    pytest.importorskip("mypy")
    (copy / "main.mochi").write_text(
        'import python "plain@path+../pkgs/plain" as plain\n', encoding="utf-8"
    )
    built = _build(copy, allow_stubgen=True)
    (report,) = built.targets
    assert (report.tier, report.stub_distribution, report.partial) == ("stubgen", None, True)
    assert report.stub_files == ("plain/__init__.pyi",)
    assert "extern python fun plain.name(): string" in built.result.shims[0].source
    assert (copy / ".mochi-py" / "stubgen").is_dir()


# --------------------------------------------------------------------------- write=False


def test_write_false_with_a_matching_venv_changes_nothing(copy: Path) -> None:
    _build(copy)  # the copy's own workspace (its pyproject names the copy's paths)
    before = state(copy)
    checked = _build(copy, write=False)
    assert checked.install.reused is True
    assert checked.install.temporary is False
    assert checked.result.work_dir is None
    assert checked.result.written_files == ()
    assert checked.written is False
    assert state(copy) == before


def test_write_false_installs_into_a_temporary_venv_outside_the_project(copy: Path) -> None:
    _add_import(copy, 'import python "tiny@path+../pkgs/tiny" as tiny')
    before = state(copy)
    checked = _build(copy, write=False)
    assert checked.install.reused is False
    assert checked.install.temporary is True
    assert copy not in checked.install.venv.parents
    assert not checked.install.venv.exists()  # removed before returning
    assert checked.install.resolved_versions == {"greet": "1.2.0", "tiny": "1.0.0"}
    assert [s.alias for s in checked.result.shims] == ["greet", "tiny"]
    assert state(copy) == before


# --------------------------------------------------------------------------- install()


def test_install_alone_keeps_a_new_venv_aside_until_there_is_a_workspace(
    sample: Sample, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    greet = InstallRequirement("greet", parse_spec("greet@path+../pkgs/greet"))
    base = sample.project
    first = install(work, [greet], base_dir=base, offline=True)
    assert first.reused is False
    assert first.venv == work / ".mochi-py" / "venv"
    assert first.resolved_versions == {"greet": "1.2.0"}
    assert install(work, [greet], base_dir=base, offline=True).reused is True

    (work / "python_workspace").mkdir()
    tiny = InstallRequirement("tiny", parse_spec("tiny@path+../pkgs/tiny"))
    lines: list[str] = []
    second = install(work, [greet, tiny], base_dir=base, offline=True, progress=lines.append)
    assert second.reused is False
    assert second.venv == work / "python_workspace" / ".venv"
    assert lines == ["resolving 2 imports", "installing 2 packages"]
    assert sorted(os.listdir(work / ".mochi-py")) == []
    replaced = install(work, [greet], base_dir=base, offline=True)
    assert replaced.venv == work / "python_workspace" / ".venv"
    assert replaced.resolved_versions == {"greet": "1.2.0"}
    assert not list(replaced.venv.glob("lib/python*/site-packages/tiny"))
