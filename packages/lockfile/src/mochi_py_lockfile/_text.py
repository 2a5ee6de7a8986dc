"""Showing untrusted text (names, paths, URLs from a lock file) inside one-line messages."""

from __future__ import annotations

_SIMPLE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def show(text: str) -> str:
    """`text` as a double-quoted, single-line literal.

    Hand-written rather than `repr` so the quoting matches the TOML basic strings a user sees
    in the file, and rather than a TOML encoder because those leave characters such as U+2028
    raw (valid TOML, but a line break to `str.splitlines` and many terminals): every character
    that is not printable is escaped, so a message can never span two lines.
    """
    out = ['"']
    for char in text:
        if char in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    out.append('"')
    return "".join(out)


def one_line(text: str) -> str:
    """`text` with every non-printable character escaped, so it prints as exactly one line.

    Unlike `show`, printable text (quotes and backslashes included) is left as it is: this is
    for whole messages, whose untrusted parts were already quoted with `show`.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else show(char)[1:-1] for char in text)
