"""A package whose functions shadow the builtins the generated annotations use."""

SHADOW = """
from __future__ import annotations

import builtins


def int(text: builtins.str) -> builtins.int:
    return builtins.int(text)


def list(n: builtins.int) -> builtins.list[builtins.int]:
    return builtins.list(builtins.range(n))


def str(values: builtins.dict[builtins.str, builtins.float]) -> builtins.str:
    return builtins.repr(sorted(values))
"""
