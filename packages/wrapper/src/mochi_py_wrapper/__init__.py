"""Phase 5 of mochi-py: Python wrapper modules (<pkg>_externs.py/.pyi) and the shared runtime."""

from mochi_py_wrapper._errors import (
    GeneratedCodeError,
    InvalidArgumentError,
    InvalidIdentifierError,
    WrapperError,
)
from mochi_py_wrapper._model import (
    AsyncMode,
    Extern,
    ExternKind,
    ExternParam,
    Wrapper,
    WrapperOptions,
)
from mochi_py_wrapper._names import (
    MOCHI_RESERVED,
    PYTHON_KEYWORDS,
    check_identifier,
    mangle,
    unmangle,
)
from mochi_py_wrapper._runtime import RUNTIME_MODULE, runtime_source, runtime_stub
from mochi_py_wrapper._synth import synthesise
from mochi_py_wrapper._version import __version__

__all__ = [
    "MOCHI_RESERVED",
    "PYTHON_KEYWORDS",
    "RUNTIME_MODULE",
    "AsyncMode",
    "Extern",
    "ExternKind",
    "ExternParam",
    "GeneratedCodeError",
    "InvalidArgumentError",
    "InvalidIdentifierError",
    "Wrapper",
    "WrapperError",
    "WrapperOptions",
    "__version__",
    "check_identifier",
    "mangle",
    "runtime_source",
    "runtime_stub",
    "synthesise",
    "unmangle",
]
