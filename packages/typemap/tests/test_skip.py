"""The skip vocabulary (upstream tokens, compat) and the SkipReport block format."""

from __future__ import annotations

from mochi_py_typemap import SkipReason, SkipReport

UPSTREAM_TOKENS = [
    "SkipUnknown",
    "SkipNoComplexType",
    "SkipOpenUnion",
    "SkipParamSpec",
    "SkipTypeVarTuple",
    "SkipForwardRef",
    "SkipUnsupportedTypingConstruct",
    "SkipCFunctionWithoutStubs",
    "SkipOverloadAmbiguity",
    "SkipUntypedPackage",
    "SkipImportTimeNetwork",
    "SkipImportTimeError",
    "SkipPrivateName",
    "SkipDunder",
    "SkipDescriptor",
    "SkipMetaclass",
    "SkipDynamicAttribute",
    "SkipIncompatibleAsyncRuntime",
    "SkipBytearrayMutable",
    "SkipPyodideUnavailable",
]
ADDED_TOKENS = [
    "SkipNoBytesType",
    "SkipExternalItem",
    "SkipRecursiveAlias",
    "SkipInvalidIdentifier",
]


def test_vocabulary_is_the_upstream_tokens_plus_the_documented_additions() -> None:
    assert [r.value for r in SkipReason] == UPSTREAM_TOKENS + ADDED_TOKENS
    assert str(SkipReason.NO_COMPLEX_TYPE) == "SkipNoComplexType"


def test_block_format_without_override() -> None:
    report = SkipReport(
        "demo.f", SkipReason.NO_COMPLEX_TYPE, "Python complex has no Mochi counterpart"
    )
    assert report.block() == (
        "SKIPPED: demo.f\n"
        "  Reason: SkipNoComplexType\n"
        "  Detail: Python complex has no Mochi counterpart\n"
    )


def test_block_format_with_override_and_empty_detail() -> None:
    report = SkipReport("demo.g", SkipReason.UNSUPPORTED_TYPING_CONSTRUCT, "", "write one")
    assert report.block() == (
        "SKIPPED: demo.g\n"
        "  Reason: SkipUnsupportedTypingConstruct\n"
        "  Detail: \n"
        "  Override: write one\n"
    )


def test_block_escapes_control_characters_so_each_field_stays_on_one_line() -> None:
    report = SkipReport("demo.h", SkipReason.FORWARD_REF, "bad\nname\tx\x01")
    assert report.block().splitlines()[2] == "  Detail: bad\\nname\\tx\\x01"
    assert report.detail == "bad\nname\tx\x01"  # the value itself is untouched


def test_at_reports_the_same_refusal_elsewhere() -> None:
    report = SkipReport("pkg.Base.m", SkipReason.NO_BYTES_TYPE, "no bytes", "override it")
    assert report.at("pkg.Base.m") is report
    moved = report.at("pkg.Child.m")
    assert moved == SkipReport("pkg.Child.m", SkipReason.NO_BYTES_TYPE, "no bytes", "override it")
    assert report.item_path == "pkg.Base.m"  # frozen: the original is unchanged
