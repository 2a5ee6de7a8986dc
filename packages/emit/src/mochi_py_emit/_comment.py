"""Text that goes into a `//` comment: one line of printable ASCII, whatever the input.

A skip detail may quote hostile stub text. A raw newline, CR, U+2028/U+2029, NUL or NEL would
end the comment for some reader and turn the rest into code; a bidi override or zero-width
character would make the comment display differently from what a compiler reads (Trojan
Source). Everything outside printable ASCII is therefore shown as a `\\uXXXX` (or
`\\UXXXXXXXX`) escape. Escaping all of it, rather than only the dangerous categories, also
keeps the bytes (and so `wrapper-sha256`) identical across Python versions, whose Unicode
databases disagree about which code points are assigned.
"""

from __future__ import annotations


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def comment_text(text: str) -> str:
    """`text` with every character outside printable ASCII (U+0020..U+007E) escaped."""
    return "".join(ch if " " <= ch <= "~" else _escape(ch) for ch in text)
