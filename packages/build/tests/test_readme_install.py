"""The README's Phase 8.1 example is true: run it (offline, with a local package)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_build_project_example_runs() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"## Building a project \(Phase 8\.1\)\n\n```python\n(.*?)```", text, re.S)
    assert match is not None
    exec(compile(match.group(1), str(README), "exec"), {})
