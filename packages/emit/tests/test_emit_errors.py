"""Wrappers emit refuses to print (defence in depth), and the internal validation guard."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from emit_helpers import CLIENT, demo_wrapper, extern, fun, param, wrapper

from mochi_py_emit import (
    EmitError,
    GeneratedShimError,
    InvalidWrapperError,
    ShimSyntaxError,
    emit_shim,
)
from mochi_py_typemap import INT, STRING, UNIT, ListType, NamedType, OpaqueDecl, RecordDecl
from mochi_py_wrapper import Extern, ExternKind


def refuses(w: object, where: str, item: str, name: str, *fragments: str) -> InvalidWrapperError:
    with pytest.raises(InvalidWrapperError) as info:
        emit_shim(w)  # type: ignore[arg-type]
    err = info.value
    assert (err.where, err.item, err.name) == (where, item, name), str(err)
    for fragment in fragments:
        assert fragment in err.reason
    assert isinstance(err, EmitError)
    assert isinstance(err, ValueError)
    return err


def test_reserved_alias() -> None:
    refuses(wrapper(alias="load"), "alias", "", "load", "reserved")


def test_keyword_alias() -> None:
    refuses(wrapper(alias="class"), "alias", "", "class", "keyword")


def test_non_identifier_alias() -> None:
    refuses(wrapper(alias="a.b"), "alias", "", "a.b", "identifier")


@pytest.mark.parametrize("package", ["", "-x", "x-", "a b", "a/b", "dé", "a\nb"])
def test_bad_package(package: str) -> None:
    refuses(wrapper(package=package), "package", "", package, "distribution name")


def test_reserved_extern_name() -> None:
    w = wrapper(externs=(fun("load", param("p", STRING)),))
    refuses(w, "extern", "", "load", "reserved")


def test_bidi_extern_name() -> None:
    w = wrapper(externs=(fun("ab\u202ec"),))
    refuses(w, "extern", "", "ab\u202ec", "U+202E")


def test_non_ascii_extern_name() -> None:
    w = wrapper(externs=(fun("café"),))
    refuses(w, "extern", "", "café", "ASCII")


def test_dunder_extern_name() -> None:
    refuses(wrapper(externs=(fun("__call__"),)), "extern", "", "__call__", "dunder")


def test_keyword_param_name() -> None:
    w = wrapper(externs=(fun("f", param("class", INT)),))
    refuses(w, "param", "f", "class", "keyword")


def test_reserved_param_name() -> None:
    w = wrapper(externs=(fun("f", param("in", INT)),))
    refuses(w, "param", "f", "in")


def test_reserved_defaulted_param_is_not_printed_so_not_checked() -> None:
    # Defaulted parameters never reach the shim; the wrapper owns their names.
    w = wrapper(externs=(fun("f", param("x", INT), param("__weird__", INT, default=True)),))
    assert "fun dk.f(x: int): unit" in emit_shim(w).source


def test_duplicate_param_name() -> None:
    w = wrapper(externs=(fun("f", param("x", INT), param("x", STRING)),))
    refuses(w, "param", "f", "x", "twice")


def test_duplicate_extern() -> None:
    w = wrapper(externs=(fun("f"), fun("f", param("x", INT))))
    refuses(w, "extern", "", "f", "twice")


def test_joined_name_mismatch() -> None:
    bad = replace(fun("f"), joined_name="other_f")
    refuses(wrapper(externs=(bad,)), "extern", "", "f", "joined_name 'other_f'")


def test_async_extern_without_sync_suffix() -> None:
    bad = extern(ExternKind.FUNCTION, "get", (), STRING, is_async=True)
    refuses(wrapper(externs=(bad,)), "extern", "", "get", "_sync")


def test_constant_with_parameters() -> None:
    bad = extern(ExternKind.CONSTANT, "VERSION", (param("x", INT),), STRING)
    refuses(wrapper(externs=(bad,)), "extern", "", "VERSION", "no parameters")


def test_property_without_self() -> None:
    bad = extern(ExternKind.PROPERTY, "Client_closed", (), INT)
    w = wrapper(externs=(bad,), types=(OpaqueDecl("Client"),))
    refuses(w, "extern", "", "Client_closed", "'self'")


def test_duplicate_type() -> None:
    w = wrapper(types=(OpaqueDecl("Client"), RecordDecl("Client", (("x", INT),))))
    refuses(w, "type", "", "Client", "twice")


def test_undeclared_type_in_param() -> None:
    w = wrapper(externs=(fun("f", param("c", CLIENT)),))
    refuses(w, "type", "f", "Client", "not declared")


def test_undeclared_type_nested_in_return() -> None:
    w = wrapper(externs=(fun("f", returns=ListType(NamedType("Gone", "record"))),))
    refuses(w, "type", "f", "Gone", "not declared")


def test_undeclared_type_in_record_field() -> None:
    w = wrapper(types=(RecordDecl("R", (("c", CLIENT),)),))
    refuses(w, "type", "R", "Client", "not declared")


def _forged(cls: type, **fields: object) -> object:
    """A typemap declaration built past its own validation, to reach emit's second check."""
    obj = object.__new__(cls)
    for key, value in fields.items():
        object.__setattr__(obj, key, value)
    return obj


def test_forged_builtin_type_name() -> None:
    w = wrapper(types=(_forged(OpaqueDecl, name="string", python_name=""),))  # type: ignore[arg-type]
    refuses(w, "type", "", "string", "built-in")


def test_forged_reserved_type_name() -> None:
    w = wrapper(types=(_forged(OpaqueDecl, name="emit", python_name=""),))  # type: ignore[arg-type]
    refuses(w, "type", "", "emit", "reserved")


def test_forged_non_identifier_record_field() -> None:
    decl = _forged(RecordDecl, name="R", fields=(("a b", INT),), python_name="")
    refuses(wrapper(types=(decl,)), "field", "R", "a b", "identifier")


def test_record_fields_use_the_wrappers_mangling() -> None:
    # The wrapper keys record dicts by mangle(field); the shim must name the same keys.
    fields = (("from", STRING), ("class", INT), ("load", INT), ("load_", INT), ("x", INT))
    w = wrapper(types=(RecordDecl("Header", fields),))
    assert (
        "type Header { from_: string, class_: int, load_: int, load__: int, x: int }\n"
        in emit_shim(w).source
    )


def test_record_field_that_cannot_be_mangled() -> None:
    w = wrapper(types=(RecordDecl("R", (("__dict__", INT),)),))
    refuses(w, "field", "R", "__dict__", "dunder")


def test_mangled_names_are_accepted() -> None:
    w = wrapper(externs=(fun("load_", param("in_", INT), param("class_", INT)),))
    assert "extern python fun dk.load_(in_: int, class_: int): unit" in emit_shim(w).source


# --------------------------------------------------------------------------- internal guard


@dataclass(frozen=True)
class _RendersBytes:
    """A type object that slipped past typemap and renders a forbidden form."""

    @property
    def kind(self) -> str:
        return "scalar"

    @property
    def children(self) -> tuple[object, ...]:
        return ()

    def render(self) -> str:
        return "bytes"


def test_generated_shim_error_when_the_text_fails_validation() -> None:
    bad = Extern(ExternKind.FUNCTION, "f", "dk_f", "demokit.f", (), _RendersBytes(), False)  # type: ignore[arg-type]
    with pytest.raises(GeneratedShimError) as info:
        emit_shim(wrapper(externs=(bad,)))
    err = info.value
    assert (err.package, err.line, err.column) == ("demo-kit", 5, 27)
    assert "bytes" in err.message
    assert isinstance(err.__cause__, ShimSyntaxError)
    assert not isinstance(err, ValueError)


def test_unit_return_and_no_params() -> None:
    w = wrapper(externs=(fun("ping", returns=UNIT),))
    assert emit_shim(w).source.endswith("extern python fun dk.ping(): unit\n")


def test_demo_wrapper_is_clean() -> None:
    emit_shim(demo_wrapper())
