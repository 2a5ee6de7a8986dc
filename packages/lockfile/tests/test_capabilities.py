"""extract_capabilities: the closed vocabulary, walked over items, types and children."""

from __future__ import annotations

import types

import pytest

from mochi_py_lockfile import CAPABILITIES, SurfaceKindError, extract_capabilities


def _caps(fakes: types.SimpleNamespace, *items: object) -> tuple[str, ...]:
    return extract_capabilities(fakes.Wrapper(tuple(items)))


def test_extract_capabilities_async(fakes: types.SimpleNamespace) -> None:
    item = fakes.Item("function", is_async=True, types=(fakes.STR, fakes.STR))
    assert _caps(fakes, item) == ("async",)


def test_extract_capabilities_dataclass_from_record_class(fakes: types.SimpleNamespace) -> None:
    assert _caps(fakes, fakes.Item("class", decl_kind="record")) == ("dataclass",)


def test_extract_capabilities_dataclass_from_named_record(fakes: types.SimpleNamespace) -> None:
    pair = fakes.Type("named", decl_kind="record")
    assert _caps(fakes, fakes.Item("function", types=(pair,))) == ("dataclass",)


def test_extract_capabilities_protocol_and_constant(fakes: types.SimpleNamespace) -> None:
    items = (
        fakes.Item("class", decl_kind="opaque", is_protocol=True),
        fakes.Item("constant", types=(fakes.STR,)),
    )
    assert _caps(fakes, *items) == ("constant", "protocol")


@pytest.mark.parametrize(
    ("kind", "token"),
    [
        ("list", "list"),
        ("map", "map"),
        ("set", "set"),
        ("tuple", "tuple"),
        ("option", "optional"),
        ("fun", "callable"),
        ("stream", "stream"),
        ("typevar", "typevar"),
    ],
)
def test_extract_capabilities_type_kinds(
    fakes: types.SimpleNamespace, kind: str, token: str
) -> None:
    assert _caps(fakes, fakes.Item("function", types=(fakes.Type(kind),))) == (token,)


@pytest.mark.parametrize(
    ("decl_kind", "expected"),
    [("record", ("dataclass",)), ("sum", ("sum",)), ("opaque", ()), ("enum", ())],
)
def test_extract_capabilities_named_decl_kinds(
    fakes: types.SimpleNamespace, decl_kind: str, expected: tuple[str, ...]
) -> None:
    named = fakes.Type("named", decl_kind=decl_kind)
    assert _caps(fakes, fakes.Item("type-alias", types=(named,))) == expected


def test_extract_capabilities_walks_children_recursively(fakes: types.SimpleNamespace) -> None:
    # fun(list<map<string, option<tuple<Pair, S>>>>): stream<set<T>>
    deep = fakes.Type(
        "fun",
        (
            fakes.Type(
                "list",
                (
                    fakes.Type(
                        "map",
                        (
                            fakes.STR,
                            fakes.Type(
                                "option",
                                (
                                    fakes.Type(
                                        "tuple",
                                        (
                                            fakes.Type("named", decl_kind="record"),
                                            fakes.Type("named", decl_kind="sum"),
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            fakes.Type("stream", (fakes.Type("set", (fakes.Type("typevar"),)),)),
        ),
    )
    assert _caps(fakes, fakes.Item("function", types=(deep,))) == (
        "callable",
        "dataclass",
        "list",
        "map",
        "optional",
        "set",
        "stream",
        "sum",
        "tuple",
        "typevar",
    )


def test_extract_capabilities_emits_only_the_closed_vocabulary_sorted(
    fakes: types.SimpleNamespace,
) -> None:
    kinds = ("list", "map", "set", "tuple", "option", "fun", "stream", "typevar")
    every_type = (*(fakes.Type(k) for k in kinds), fakes.Type("named", decl_kind="sum"))
    items = (
        fakes.Item("function", is_async=True, types=every_type),
        fakes.Item("class", decl_kind="record", is_protocol=True),
        fakes.Item("constant"),
    )
    caps = _caps(fakes, *items)
    assert caps == tuple(sorted(CAPABILITIES))
    assert set(caps) <= set(CAPABILITIES)


def test_extract_capabilities_reads_optional_attributes_with_defaults(
    fakes: types.SimpleNamespace,
) -> None:
    items = (
        fakes.BareItem("class", types=(fakes.BareNamed(),)),
        fakes.BareItem("function", types=(fakes.STR,)),
    )
    assert _caps(fakes, *items) == ()


def test_extract_capabilities_nil(fakes: types.SimpleNamespace) -> None:
    assert extract_capabilities(None) == ()


def test_empty_surface_has_no_capabilities(fakes: types.SimpleNamespace) -> None:
    assert extract_capabilities(fakes.Wrapper(())) == ()
    # Scalars only: still nothing to record, so the lock omits the key.
    assert _caps(fakes, fakes.Item("function", types=(fakes.STR,))) == ()


def test_extract_capabilities_survives_shared_and_cyclic_nodes(
    fakes: types.SimpleNamespace,
) -> None:
    class Node:
        kind = "list"
        decl_kind = ""

        def __init__(self) -> None:
            self.children: list[object] = []

    node = Node()
    node.children.append(node)
    assert _caps(fakes, fakes.Item("function", types=(node, node))) == ("list",)


@pytest.mark.parametrize(
    ("item_factory", "field", "kind"),
    [
        (lambda f: f.Item("method"), "kind", "method"),
        (lambda f: f.Item("class", decl_kind="protocolish"), "decl_kind", "protocolish"),
        (lambda f: f.Item("function", types=(f.Type("union"),)), "kind", "union"),
        (lambda f: f.Item("function", types=(f.Type("named", decl_kind="x"),)), "decl_kind", "x"),
    ],
)
def test_extract_capabilities_rejects_unknown_kinds(
    fakes: types.SimpleNamespace, item_factory: object, field: str, kind: str
) -> None:
    items = (fakes.Item("constant"), item_factory(fakes))  # type: ignore[operator]
    with pytest.raises(SurfaceKindError) as info:
        _caps(fakes, *items)
    assert (info.value.item, info.value.field, info.value.kind) == (1, field, kind)
    assert isinstance(info.value, ValueError)
