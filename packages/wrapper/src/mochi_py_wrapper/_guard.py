"""The internal-error guard of DESIGN.md §10.2: every generated `.py` compiles and every `.pyi`
parses before it is returned. Names are validated long before this point, so a failure here
is a generator bug; it is still checked, because that is what makes the invariant hold."""

from __future__ import annotations

import ast

from mochi_py_wrapper._errors import GeneratedCodeError


def check_generated(module: str, py_source: str, pyi_source: str) -> None:
    for filename, text, compile_it in (
        (f"{module}.py", py_source, True),
        (f"{module}.pyi", pyi_source, False),
    ):
        try:
            if compile_it:
                compile(text, filename, "exec", dont_inherit=True)
            else:
                ast.parse(text, filename)
        except (SyntaxError, ValueError) as exc:
            line = exc.lineno if isinstance(exc, SyntaxError) else None
            raise GeneratedCodeError(module, filename, line, str(exc)) from exc
