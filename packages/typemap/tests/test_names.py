"""`camel`, which builds sum names from item paths: the fast path for plain ASCII chunks
must give what filtering every character gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_typemap._names import camel


def _reference(parts: tuple[str, ...]) -> str:
    out = []
    for part in parts:
        for chunk in part.split("_"):
            kept = "".join(ch for ch in chunk if ch.isascii() and ch.isalnum())
            if kept:
                out.append(kept[0].upper() + kept[1:])
    return "".join(out)


def test_examples() -> None:
    assert camel(("Client", "send", "time_out")) == "ClientSendTimeOut"
    assert camel(("__init__", "x")) == "InitX"
    assert camel(("é_x", "٣y")) == "XY"
    assert camel(()) == ""


@settings(max_examples=300, deadline=None)
@given(st.tuples(*[st.text(alphabet=st.sampled_from("aZ_09é\u0660ﬁ-"), max_size=6)] * 3))
def test_camel_matches_the_reference(parts: tuple[str, str, str]) -> None:
    assert camel(parts) == _reference(parts)
