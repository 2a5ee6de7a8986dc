"""The README's example is true: run it."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_example_runs() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"## Example\n\n```python\n(.*?)```", text, re.S)
    assert match is not None
    exec(compile(match.group(1), str(README), "exec"), {})
