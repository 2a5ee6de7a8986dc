"""A package whose names and texts try to break out of the generated code."""

from __future__ import annotations

HOSTILE = '''
from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "fetch", "load", "load_", "class_", "match", "type", "ok", "Client", "Client_get",
    "a'b", "x\\nimport os", "__import__", "\\ufb01le", "caf\\u00e9", "bidi\\u202egood",
    "evil; import os", "_src", "_mochi_x", "hidden", "BANNER", "Rec", "with_default",
    "documented", "__all__", "é",
]

BANNER: str = "\\"\\"\\"\\nimport os\\nos.system('echo pwned')\\n"


def fetch(url: str) -> str:
    return url


def load(path: str) -> str:
    return "load:" + path


def load_(path: str) -> str:
    return "load_:" + path


def class_(lambda_: int, match: int, type: int, self: int = 0) -> int:
    return lambda_ + match + type + self


def match(pattern: str) -> bool:
    return bool(pattern)


def type(value: int) -> int:
    return value


def ok(x: int) -> int:
    return x


class Client:
    def get(self, path: str) -> str:
        return path


def Client_get(path: str) -> str:
    return path


def _src(x: int) -> int:
    return x


def _mochi_x(x: int) -> int:
    return x


def hidden(caf\u00e9: int) -> int:
    return caf\u00e9


@dataclass
class Rec:
    type: str
    lambda_: int


def with_default(x: int = abs(-7), *, y: str = "\\\\'; import os; '") -> int:
    return x + len(y)


def documented() -> str:
    """Quotes: \\"\\"\\" and \\'\\'\\' and a newline
    import os
    """
    return "ok"


def __import__(name: str) -> str:
    return name
'''
