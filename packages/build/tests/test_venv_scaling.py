"""Regression tests for the quadratic Venv checks that `nox -s bench` (b) measured: planning
200 aliases spent 5 s re-parsing every requirement (and re-validating every alias and member
path) each time a dependency or member was added. Those per-item checks are memoised now;
the tests count the work instead of timing it, and check that failures still fail every
time."""

from __future__ import annotations

import pytest
from build_helpers import request, target

from mochi_py_build import Dependency, Venv, VenvError, VenvMember, _venv, plan


def test_planning_many_aliases_parses_each_requirement_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _venv._canonical_requirement.cache_clear()
    parsed: list[str] = []
    real = _venv._parse_requirement

    def counting(requirement: str) -> object:
        parsed.append(requirement)
        return real(requirement)

    monkeypatch.setattr(_venv, "_parse_requirement", counting)
    count = 40
    targets = [target(f"lib{i:03d}@>=1.0,<2", f"l{i:03d}") for i in range(count)]
    result = plan(request(None, *targets))
    assert len(result.venv.dependencies) == count
    # Once as written and once in canonical form per requirement; it used to be ~count^2.
    assert len(parsed) <= 2 * count
    assert len(set(parsed)) == len(parsed)


def test_a_bad_requirement_fails_every_time() -> None:
    for _ in range(3):
        with pytest.raises(VenvError) as info:
            Venv().with_dependency("not a requirement !!", alias="x")
        assert info.value.value == "not a requirement !!"


def test_a_bad_alias_or_path_fails_every_time() -> None:
    for _ in range(3):
        with pytest.raises(VenvError) as info:
            Venv(dependencies=(Dependency("x", "x", aliases=("bad alias",)),))
        assert info.value.value == "bad alias"
        with pytest.raises(VenvError) as info:
            Venv(members=(VenvMember(name="m", path="a/../m", kind="user"),))  # type: ignore[arg-type]
        assert "'..'" in info.value.message


@pytest.mark.parametrize("path", [None, ["python_wrap", "m"], 3])
def test_a_member_path_that_is_not_text_is_a_venv_error(path: object) -> None:
    with pytest.raises(VenvError) as info:
        Venv(members=(VenvMember(name="m", path=path, kind="user"),))  # type: ignore[arg-type]
    assert info.value.message == "a member path must be a non-empty relative path"
