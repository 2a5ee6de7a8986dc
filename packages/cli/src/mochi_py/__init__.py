"""The mochi-py command: build Python packages into a Mochi project and pin them in mochi.lock.

`main(argv)` runs the command line (`mochi-py build|lock|explain|shim`); `render_sidecar`
gives the text of the `<stem>_externs.py` sidecar a build writes next to a Mochi file.
"""

from mochi_py._cli import main
from mochi_py._errors import (
    CliError,
    ProjectError,
    SidecarConflictError,
    SidecarNameClashError,
    SpecError,
    WorkspaceMissingError,
)
from mochi_py._sidecar import SIDECAR_BANNER, render_sidecar
from mochi_py._version import __version__

__all__ = [
    "SIDECAR_BANNER",
    "CliError",
    "ProjectError",
    "SidecarConflictError",
    "SidecarNameClashError",
    "SpecError",
    "WorkspaceMissingError",
    "__version__",
    "main",
    "render_sidecar",
]
