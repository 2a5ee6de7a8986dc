"""URL checks for the git and index forms of an import spec.

`urllib.parse` splits a URL but accepts almost anything (it never fails on `not-a-url`), so
the rules that make a URL usable by uv are stated here: a known scheme, the `scheme://`
form, a host (except for `file:`), a valid port, well-formed percent escapes, and nothing
that could break out of a PEP 508 requirement or a TOML string (whitespace, controls,
non-ASCII: percent-encode those).
"""

from __future__ import annotations

import string
import urllib.parse
from collections.abc import Collection
from dataclasses import dataclass

GIT_SCHEMES = ("https", "http", "ssh", "git", "file")
INDEX_SCHEMES = ("https", "http", "file")

_HEX = frozenset(string.hexdigits)


@dataclass(frozen=True)
class UrlProblem:
    """Why a URL was refused; `offset` is 0-based inside the URL text."""

    offset: int
    message: str


def url_problem(url: str, schemes: Collection[str]) -> UrlProblem | None:
    """Return why `url` is not a usable URL with one of `schemes`, or None when it is."""
    allowed = ", ".join(schemes)
    for offset, char in enumerate(url):
        if char.isspace() or not char.isprintable():
            return UrlProblem(offset, f"the URL contains {_show(char)}: percent-encode it")
        if not char.isascii():
            return UrlProblem(
                offset, f"the URL contains the non-ASCII character {char!r}: percent-encode it"
            )
        if char == "%" and not (
            len(url) >= offset + 3 and set(url[offset + 1 : offset + 3]) <= _HEX
        ):
            return UrlProblem(offset, "'%' must start a percent escape such as %20")
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return UrlProblem(0, f"{url!r} is not a URL ({exc})")
    scheme = parts.scheme
    if not scheme or not url[len(scheme) :].startswith("://"):
        return UrlProblem(
            0, f"{url!r} is not a URL: write scheme://host/path with a scheme of {allowed}"
        )
    if scheme not in schemes:
        return UrlProblem(0, f"unsupported URL scheme {scheme!r}: use one of {allowed}")
    if scheme != "file" and not parts.hostname:
        return UrlProblem(len(scheme) + 3, f"the URL has no host: write {scheme}://host/path")
    if port == 0:
        return UrlProblem(len(scheme) + 3, "the URL has port 0")
    return None


def _show(char: str) -> str:
    if char == " ":
        return "a space"
    if char.isspace():
        return f"the whitespace character {char!r}"
    return f"the control character {char!r}"
