"""The closed skip vocabulary and the SkipReport value (reference §3.1-3.2, compat)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from mochi_py_typemap._slots import slot_setters


class SkipReason(enum.Enum):
    """Why an item (or a member of one) was not bound. The value is the on-disk token."""

    # The upstream tokens, kept byte-for-byte: they appear in SKIPPED.txt and shim comments.
    UNKNOWN = "SkipUnknown"
    NO_COMPLEX_TYPE = "SkipNoComplexType"
    OPEN_UNION = "SkipOpenUnion"
    PARAM_SPEC = "SkipParamSpec"
    TYPE_VAR_TUPLE = "SkipTypeVarTuple"
    FORWARD_REF = "SkipForwardRef"
    UNSUPPORTED_TYPING_CONSTRUCT = "SkipUnsupportedTypingConstruct"
    C_FUNCTION_WITHOUT_STUBS = "SkipCFunctionWithoutStubs"
    OVERLOAD_AMBIGUITY = "SkipOverloadAmbiguity"
    UNTYPED_PACKAGE = "SkipUntypedPackage"
    IMPORT_TIME_NETWORK = "SkipImportTimeNetwork"
    IMPORT_TIME_ERROR = "SkipImportTimeError"
    PRIVATE_NAME = "SkipPrivateName"
    DUNDER = "SkipDunder"
    DESCRIPTOR = "SkipDescriptor"
    METACLASS = "SkipMetaclass"
    DYNAMIC_ATTRIBUTE = "SkipDynamicAttribute"
    INCOMPATIBLE_ASYNC_RUNTIME = "SkipIncompatibleAsyncRuntime"
    BYTEARRAY_MUTABLE = "SkipBytearrayMutable"
    PYODIDE_UNAVAILABLE = "SkipPyodideUnavailable"
    # Added by mochi-py (not upstream):
    # bytes / bytearray / memoryview: Mochi has no bytes type (upstream rendered `bytes`,
    # which the Mochi front end rejects).
    NO_BYTES_TYPE = "SkipNoBytesType"
    # A public name whose definition lives in another distribution (a re-export).
    EXTERNAL_ITEM = "SkipExternalItem"
    # A type alias that refers to itself; Mochi aliases cannot be recursive.
    RECURSIVE_ALIAS = "SkipRecursiveAlias"
    # A name that cannot be a Mochi identifier (non-ASCII), so no shim text can name it.
    INVALID_IDENTIFIER = "SkipInvalidIdentifier"

    def __str__(self) -> str:
        return self.value


# Control characters in a detail (which may quote stub text) would break the line-oriented
# block format; they are shown escaped, so printable text stays byte-identical to upstream.
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _one_line(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True, init=False, slots=True)
class SkipReport:
    """One refused item: dotted path, reason token, human-readable detail, suggested override."""

    item_path: str
    reason: SkipReason
    detail: str
    override: str = ""

    def __init__(self, item_path: str, reason: SkipReason, detail: str, override: str = "") -> None:
        # Slot setters called directly (see _slots): lowering typeshed's stdlib makes ~20k
        # reports.
        set_item_path, set_reason, set_detail, set_override = _SKIP_REPORT
        set_item_path(self, item_path)
        set_reason(self, reason)
        set_detail(self, detail)
        set_override(self, override)

    def at(self, item_path: str) -> SkipReport:
        """The same refusal reported at `item_path` (itself when it already is): a memoised
        result is reused for another item, an inherited member for another class."""
        if self.item_path == item_path:
            return self
        return SkipReport(item_path, self.reason, self.detail, self.override)

    def block(self) -> str:
        """The upstream text block (reference §3.2): three or four lines, each ending in \\n."""
        lines = [
            f"SKIPPED: {_one_line(self.item_path)}\n",
            f"  Reason: {self.reason.value}\n",
            f"  Detail: {_one_line(self.detail)}\n",
        ]
        if self.override:
            lines.append(f"  Override: {_one_line(self.override)}\n")
        return "".join(lines)


_SKIP_REPORT = slot_setters(SkipReport, ("item_path", "reason", "detail", "override"))
