"""The Wrapper model: derived properties and the generated-code guard."""

from __future__ import annotations

import pytest

from mochi_py_stubs import ParamKind
from mochi_py_typemap import INT, STRING
from mochi_py_wrapper import (
    AsyncMode,
    Extern,
    ExternKind,
    ExternParam,
    GeneratedCodeError,
    WrapperError,
    WrapperOptions,
)
from mochi_py_wrapper._guard import check_generated


def _extern(is_async: bool) -> Extern:
    return Extern(
        kind=ExternKind.FUNCTION,
        mochi_name="get_sync" if is_async else "get",
        joined_name="al_get_sync" if is_async else "al_get",
        python_path="pkg.get",
        params=(
            ExternParam("url", "url", STRING, ParamKind.POSITIONAL_OR_KEYWORD, False),
            ExternParam("timeout", "timeout", INT, ParamKind.KEYWORD_ONLY, True),
            ExternParam("n", "n", INT, ParamKind.KEYWORD_ONLY, False),
        ),
        returns=STRING,
        is_async=is_async,
    )


def test_shim_params_drop_defaulted_ones() -> None:
    assert [p.name for p in _extern(False).shim_params] == ["url", "n"]


def test_async_name() -> None:
    assert _extern(False).async_name is None
    assert _extern(True).async_name == "get_async"


def test_options_defaults() -> None:
    options = WrapperOptions()
    assert options.async_mode is AsyncMode.PERSISTENT
    assert options.allow_partial is False
    assert AsyncMode.PER_CALL.value == "per-call"


@pytest.mark.parametrize(
    ("py", "pyi", "filename"),
    [("def f(:\n", "", "m.py"), ("x = 1\n", "def g(\n", "m.pyi")],
)
def test_guard_reports_invalid_generated_code(py: str, pyi: str, filename: str) -> None:
    with pytest.raises(GeneratedCodeError) as info:
        check_generated("m", py, pyi)
    err = info.value
    assert isinstance(err, WrapperError)
    assert not isinstance(err, ValueError)  # an internal error, not bad input
    assert err.module == "m"
    assert err.filename == filename
    assert err.line == 1
    assert err.message
