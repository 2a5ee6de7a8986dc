"""ShimOptions validation and the Shim value."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from mochi_py_emit import EmitError, InvalidFieldError, Shim, ShimOptions


def test_defaults() -> None:
    options = ShimOptions()
    assert (options.header, options.include_skip_report, options.generator) == (
        True,
        True,
        "mochi-py",
    )


def test_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ShimOptions().header = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Shim("p", "a", "p_shim", "").source = "x"  # type: ignore[misc]


@pytest.mark.parametrize("generator", ["mochi pkg lock", "mochi-py 0.1.0", "x", "a~b!"])
def test_printable_generators(generator: str) -> None:
    assert ShimOptions(generator=generator).generator == generator


@pytest.mark.parametrize(
    ("generator", "fragment"),
    [
        ("", "empty"),
        ("two\nlines", "U+000A"),
        ("cr\r", "U+000D"),
        ("tab\there", "U+0009"),
        ("sep\u2028x", "U+2028"),
        ("bidi\u202ex", "U+202E"),
        ("nbsp\u00a0x", "U+00A0"),
        ("nul\x00", "U+0000"),
        ("ツール", "U+30C4"),
        ("café", "U+00E9"),
        ("del\x7f", "U+007F"),
        (" padded", "space"),
        ("padded ", "space"),
    ],
)
def test_bad_generator(generator: str, fragment: str) -> None:
    with pytest.raises(InvalidFieldError) as info:
        ShimOptions(generator=generator)
    err = info.value
    assert (err.owner, err.field, err.value) == ("ShimOptions", "generator", generator)
    assert fragment in err.reason
    assert isinstance(err, EmitError)
    assert isinstance(err, ValueError)


def test_shim_computes_its_hash() -> None:
    shim = Shim("demo", "d", "demo_shim", "type A = any\n")
    assert shim.sha256 == hashlib.sha256(b"type A = any\n").hexdigest()


def test_shim_accepts_the_right_hash() -> None:
    digest = hashlib.sha256("é\n".encode()).hexdigest()
    assert Shim("demo", "d", "demo_shim", "é\n", digest).sha256 == digest


def test_shim_refuses_a_wrong_hash() -> None:
    with pytest.raises(InvalidFieldError) as info:
        Shim("demo", "d", "demo_shim", "type A = any\n", "0" * 64)
    err = info.value
    assert (err.owner, err.field, err.value) == ("Shim", "sha256", "0" * 64)
    assert "not the SHA-256" in err.reason


def test_shim_equality_and_hash() -> None:
    a = Shim("demo", "d", "demo_shim", "x\n")
    b = Shim("demo", "d", "demo_shim", "x\n")
    assert a == b
    assert hash(a) == hash(b)
