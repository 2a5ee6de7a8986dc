"""Phase 6 of mochi-py: Mochi shims (extern declarations) from a wrapper, with a validator."""

from mochi_py_emit._emit import emit_shim
from mochi_py_emit._errors import (
    EmitError,
    GeneratedShimError,
    InvalidFieldError,
    InvalidWrapperError,
    ShimSyntaxError,
)
from mochi_py_emit._model import Shim, ShimOptions
from mochi_py_emit._validate import validate_shim
from mochi_py_emit._version import __version__

__all__ = [
    "EmitError",
    "GeneratedShimError",
    "InvalidFieldError",
    "InvalidWrapperError",
    "Shim",
    "ShimOptions",
    "ShimSyntaxError",
    "__version__",
    "emit_shim",
    "validate_shim",
]
