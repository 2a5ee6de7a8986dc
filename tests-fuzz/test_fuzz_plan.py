"""The full Phase 8 `plan` (parse, lower, wrapper synthesis, shim emit, venv description) on
generated stub sources.

Allowed outcome besides a BuildResult: PlanError. A plan must be deterministic (the same
request twice gives the same shims and wrappers), every generated wrapper must compile and
every shim must pass the emit validator (plan checks both; they are checked again here).
"""

from __future__ import annotations

from fuzzing import Tally, fuzz
from hypothesis import strategies as st
from strategies import IDENTIFIER, stub_source

from mochi_py_build import BuildRequest, BuildTarget, Driver, PlanError, parse_spec, plan
from mochi_py_emit import validate_shim

_SPECS = st.sampled_from(["fuzzpkg", "fuzzpkg@>=1.0,<2", "fuzzpkg@path+../fuzz", "fuzzpkg@==1.0"])


def _check(case: tuple[str, str, str], tally: Tally) -> None:
    spec, alias, source = case
    request = BuildRequest(
        targets=(BuildTarget(parse_spec(spec), alias, stub_source=source),),
        driver=Driver(work_dir="/nonexistent/never-written", no_cache=True),
        base_dir="/nonexistent/project",  # resolves the path+ spec; plan touches no file
    )
    try:
        result = plan(request)
    except PlanError as exc:
        tally.count(f"PlanError({exc.field})")
        return
    tally.count("planned")
    (wrapper,) = result.wrappers
    (shim,) = result.shims
    compile(wrapper.py_source, f"{wrapper.module}.py", "exec")
    validate_shim(shim.source)
    again = plan(request)
    assert again.shims == result.shims
    assert again.wrappers == result.wrappers


def test_plan_on_generated_stubs() -> None:
    aliases = st.integers(0, 9).flatmap(lambda n: IDENTIFIER if n == 4 else st.just("fz"))
    cases = st.tuples(_SPECS, aliases, stub_source())
    fuzz("build.plan (generated stubs)", cases, _check, batch=100)
