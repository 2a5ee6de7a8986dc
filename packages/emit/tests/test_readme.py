"""The README's example is true: it runs and prints exactly the text shown under it."""

from __future__ import annotations

import contextlib
import io
import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.skipif(not README.is_file(), reason="README.md is not next to the tests")
def test_readme_example_prints_what_it_says() -> None:
    text = README.read_text(encoding="utf-8")
    (example, promised) = re.findall(
        r"## Example\n\n```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```", text, re.S
    )[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(example, str(README), "exec"), {})
    assert out.getvalue() == promised
