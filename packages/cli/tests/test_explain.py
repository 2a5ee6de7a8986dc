"""`explain ALIAS` and `shim ALIAS` read what the last build wrote."""

from __future__ import annotations

from cli_helpers import Built, run


def test_shim_prints_the_shim_file(built: Built) -> None:
    result = run("shim", "greet", str(built.project))
    assert result.code == 0, result.stderr
    shim = built.project / "python_workspace/python_wrap/greet/greet_shim.mochi"
    assert result.stdout == shim.read_text(encoding="utf-8")
    assert "extern python fun greet.hello(name: string): string\n" in result.stdout


def test_explain_lists_the_bound_surface_and_the_skips(built: Built) -> None:
    result = run("explain", "greet", str(built.project))
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "greet: python_wrap/greet/greet_shim.mochi"
    shim = (built.project / "python_workspace/python_wrap/greet/greet_shim.mochi").read_text()
    externs = [line for line in shim.splitlines() if line.startswith("extern ")]
    assert lines[1] == f"declarations {len(externs)}:"
    assert lines[2 : 2 + len(externs)] == [f"  {line}" for line in externs]
    assert "  extern python fun greet.hello(name: string): string" in lines
    assert "  extern python fun greet.add(a: int): int" in lines
    skipped = lines[lines.index("skipped 1:") + 1 :]
    assert len(skipped) == 1
    assert skipped[0].startswith("  greet.raw  SkipNoBytesType  ")


def test_explain_with_a_work_dir(built: Built) -> None:
    result = run("explain", "greet", "--work-dir", str(built.project))
    assert result.code == 0, result.stderr
    assert "declarations " in result.stdout
