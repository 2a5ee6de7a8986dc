"""The README's standalone example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_parse_module_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    standalone = [block for block in blocks if "discover(" not in block]
    assert standalone
    for block in standalone:
        exec(compile(block, str(README), "exec"), {})
