"""Phase 0 Driver: where a build works (work dir) and caches (cache dir).

Unlike upstream, which deleted any work dir whose name started with `mochi-python-`, the
driver deletes only a temporary directory it created itself: ownership is recorded when the
directory is made, never guessed from a name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from mochi_py_build._errors import DriverError

_TEMP_PREFIX = "mochi-python-"


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CACHE_HOME/mochi/python-deps`, else `~/.cache/mochi/python-deps`, else
    `<tmp>/mochi-cache/python-deps` when no home directory is known."""
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_CACHE_HOME", "")
    if xdg:
        return Path(xdg) / "mochi" / "python-deps"
    home = env.get("HOME", "") if environ is not None else _home()
    if home:
        return Path(home) / ".cache" / "mochi" / "python-deps"
    return Path(tempfile.gettempdir()) / "mochi-cache" / "python-deps"


def _home() -> str:
    try:
        return str(Path.home())
    except (RuntimeError, KeyError):  # no HOME and no passwd entry
        return ""


class Driver:
    """Owns the work dir and cache dir of one build.

    `work_dir=None` (or "") means "allocate a fresh `mochi-python-*` temporary directory on
    `prepare()`"; `cleanup()` removes only such a directory. A directory the caller named is
    created if missing and never deleted. `cache_dir=None` (or "") means `default_cache_dir()`.
    The constructor touches no file system; `prepare()` does.
    """

    def __init__(
        self,
        work_dir: str | os.PathLike[str] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        no_cache: bool = False,
        verbose: bool = False,
    ) -> None:
        self._requested = _optional_path(work_dir)
        self._cache_dir = _optional_path(cache_dir) or default_cache_dir()
        self._no_cache = no_cache
        self._verbose = verbose
        self._work_dir: Path | None = None
        self._owned: Path | None = None

    @property
    def work_dir(self) -> Path | None:
        """The prepared work dir, or None before `prepare()` (and after `cleanup()` of a
        temporary one)."""
        return self._work_dir

    @property
    def cache_dir(self) -> Path | None:
        """The cache dir, or None when caching is off."""
        return None if self._no_cache else self._cache_dir

    @property
    def no_cache(self) -> bool:
        return self._no_cache

    @property
    def verbose(self) -> bool:
        return self._verbose

    @property
    def owns_work_dir(self) -> bool:
        """True when the work dir is a temporary directory this driver created."""
        return self._owned is not None

    def prepare(self) -> Path:
        """Create the work dir (and the cache dir unless no_cache) and return the work dir.

        Idempotent: later calls return the same directory.
        """
        if self._work_dir is None:
            if self._requested is None:
                try:
                    created = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX))
                except OSError as exc:
                    raise DriverError(
                        tempfile.gettempdir(), f"cannot allocate a work dir: {_reason(exc)}"
                    ) from exc
                self._owned = created
                self._work_dir = created
            else:
                _make_dir(self._requested, "work dir")
                self._work_dir = self._requested
        else:
            _make_dir(self._work_dir, "work dir")
        if not self._no_cache:
            _make_dir(self._cache_dir, "cache dir")
        return self._work_dir

    def cleanup(self) -> None:
        """Remove the work dir if (and only if) this driver allocated it. Idempotent."""
        owned = self._owned
        if owned is None:
            return
        try:
            shutil.rmtree(owned)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise DriverError(str(owned), f"cannot remove the work dir: {_reason(exc)}") from exc
        self._owned = None
        self._work_dir = None

    def __enter__(self) -> Driver:
        self.prepare()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.cleanup()


def _optional_path(value: str | os.PathLike[str] | None) -> Path | None:
    if value is None:
        return None
    text = os.fspath(value)
    if text == "":
        return None
    # Absolute now, so a later chdir cannot move the directory under the driver.
    return Path(os.path.abspath(text))


def _make_dir(path: Path, what: str) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DriverError(str(path), f"cannot create the {what}: {_reason(exc)}") from exc


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
