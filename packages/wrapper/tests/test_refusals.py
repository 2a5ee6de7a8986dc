"""The wrapper's own refusals: refused named types propagate to every item that uses them."""

from __future__ import annotations

import pathlib

from wrapper_helpers import write_package

from mochi_py_stubs import ParamKind
from mochi_py_typemap import (
    INT,
    ListType,
    LoweredFunction,
    LoweredModule,
    LoweredParam,
    MochiType,
    NamedType,
    OpaqueDecl,
    RecordDecl,
    SkipReason,
)
from mochi_py_wrapper import synthesise
from mochi_py_wrapper._bind import bind
from mochi_py_wrapper._classes import ClassSite


def _fn(name: str, returns: MochiType, *params: tuple[str, MochiType]) -> LoweredFunction:
    lowered = tuple(LoweredParam(n, ParamKind.POSITIONAL_OR_KEYWORD, t) for n, t in params)
    return LoweredFunction(name, f"pkg.{name}", lowered, returns)


def test_refused_types_refuse_their_users() -> None:
    far = NamedType("Far", "record", "elsewhere.Far")  # a record class outside the surface
    bad = NamedType("__Bad__", "opaque", "pkg.__Bad__")  # a type name the wrapper refuses
    holder = NamedType("Holder", "record", "pkg.Holder")  # a record with a refused field type
    fine = NamedType("Fine", "record", "pkg.Fine")
    types = (
        OpaqueDecl("__Bad__", "pkg.__Bad__"),
        RecordDecl("Far", (("x", INT),), "elsewhere.Far"),
        RecordDecl("Fine", (("x", INT),), "pkg.Fine"),
        RecordDecl("Holder", (("b", bad),), "pkg.Holder"),
    )
    bound = (
        _fn("far", far),
        _fn("hold", INT, ("h", holder)),
        _fn("lst", ListType(far)),
        _fn("ok", fine),
    )
    sites = {
        "pkg.Holder": ClassSite("pkg", "Holder", "dataclass"),
        "pkg.Fine": ClassSite("pkg", "Fine", "dataclass"),
    }
    result = bind(LoweredModule("pkg", bound, (), (), types), "al", sites)
    assert [b.extern.mochi_name for b in result.bindings] == ["ok"]
    assert [i.name for i in result.items] == ["ok"]
    assert [d.name for d in result.types] == ["Fine"]  # only what kept items mention
    skips = {s.item_path: s for s in result.skipped}
    assert set(skips) == {"pkg.far", "pkg.hold", "pkg.lst"}
    assert all(s.reason is SkipReason.INVALID_IDENTIFIER for s in skips.values())
    assert "not in the surface" in skips["pkg.far"].detail
    assert "Holder" in skips["pkg.hold"].detail
    assert "__Bad__" in skips["pkg.hold"].detail


def test_refused_class_refuses_functions_using_it(tmp_path: pathlib.Path) -> None:
    source = (
        '__all__ = ["__Weird__", "use", "ok"]\n'
        "class __Weird__:\n    pass\n"
        "def use(w: __Weird__) -> int:\n    return 1\n"
        "def ok() -> int:\n    return 1\n"
    )
    surface = write_package(tmp_path, "weird", {"__init__.py": source})
    w = synthesise("weird", "weird", "w", surface)
    assert [e.mochi_name for e in w.externs] == ["ok"]
    assert w.types == ()
    skips = {s.item_path: s for s in w.skipped}
    assert skips["weird.__Weird__"].reason is SkipReason.INVALID_IDENTIFIER
    assert "__Weird__" in skips["weird.use"].detail


def test_async_twin_collides_with_a_sync_function(tmp_path: pathlib.Path) -> None:
    source = (
        "async def fetch(x: int) -> int:\n    return x\n"
        "def fetch_async(x: int) -> int:\n    return x\n"
        "def other(x: int) -> int:\n    return x\n"
    )
    surface = write_package(tmp_path, "twins", {"__init__.py": source})
    w = synthesise("twins", "twins", "t", surface)
    assert [e.mochi_name for e in w.externs] == ["other"]
    skips = {s.item_path: s for s in w.skipped}
    assert "twins.fetch_async" in skips["twins.fetch"].detail
    assert "twins.fetch" in skips["twins.fetch_async"].detail


def test_typemap_skips_are_kept(tmp_path: pathlib.Path) -> None:
    source = "def blob(z: complex) -> int:\n    return 1\n_private = 1\n"
    surface = write_package(tmp_path, "kept", {"__init__.py": source})
    w = synthesise("kept", "kept", "k", surface)
    assert [(s.item_path, s.reason) for s in w.skipped] == [
        ("kept.blob", SkipReason.NO_COMPLEX_TYPE)
    ]
    assert w.externs == ()
    assert "__all__: list[str] = []" in w.py_source
    compile(w.py_source, "x.py", "exec")
