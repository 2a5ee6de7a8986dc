"""mochi-py-stubs' `parse_module` on random text, generated stubs and mutated typeshed stubs.

Allowed outcome besides a Module: StubsError (StubSyntaxError, StubTooLargeError), with a
1-based position. A parsed module is lowered too (mochi-py-typemap's `lower_module`), which
must bind or skip every public item and raise nothing.
"""

from __future__ import annotations

from fuzzing import Tally, attempt, fuzz
from hypothesis import strategies as st
from strategies import BYTES, TEXT, mutated, stub_source, typeshed_stubs

from mochi_py_stubs import Module, StubsError, StubSyntaxError, Surface, parse_module, public_items
from mochi_py_typemap import lower_module


def _check(case: tuple[str, str | bytes], tally: Tally) -> None:
    name, source = case
    module = attempt(
        lambda: parse_module(source, module=name, path=f"{name}.pyi", is_package=True), StubsError
    )
    if isinstance(module, StubsError):
        tally.count(type(module).__name__)
        if isinstance(module, StubSyntaxError):
            assert module.line >= 0, module
            assert module.column >= 0, module
        return
    tally.count("parsed")
    assert isinstance(module, Module)
    surface = Surface(name, (module,))
    lowered = lower_module(surface)
    assert len(lowered.bound) + len(lowered.skipped) == len(public_items(surface, name))


def test_parse_module_random() -> None:
    sources = st.tuples(st.just("fuzzpkg"), st.one_of(TEXT, BYTES, stub_source()))
    fuzz("stubs.parse_module (random/generated)", sources, _check, share=0.5)


def test_parse_module_mutated_typeshed() -> None:
    corpus = typeshed_stubs()
    assert corpus, "mypy (for its typeshed copy) must be installed in the fuzz session"
    cases = st.sampled_from(corpus).flatmap(
        lambda pair: st.tuples(st.just(pair[0]), st.one_of(mutated(pair[1]), st.just(pair[1])))
    )
    fuzz("stubs.parse_module (mutated typeshed)", cases, _check, batch=100, share=0.5)
