"""Phase 0 Driver: cache dir defaults, work dir allocation, ownership-based cleanup."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from mochi_py_build import Driver, DriverError, default_cache_dir


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never create directories in the real cache or temp dir from these tests.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()


def test_default_cache_dir_prefers_xdg() -> None:
    env = {"XDG_CACHE_HOME": "/tmp/xdg-test-cache", "HOME": "/home/test"}
    assert default_cache_dir(env) == Path("/tmp/xdg-test-cache/mochi/python-deps")


def test_default_cache_dir_falls_back_to_home() -> None:
    env = {"XDG_CACHE_HOME": "", "HOME": "/home/test"}
    assert default_cache_dir(env) == Path("/home/test/.cache/mochi/python-deps")


def test_default_cache_dir_falls_back_to_tmp(tmp_path: Path) -> None:
    assert default_cache_dir({}) == tmp_path / "tmp" / "mochi-cache" / "python-deps"


def test_default_cache_dir_reads_the_process_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert default_cache_dir() == tmp_path / "xdg" / "mochi" / "python-deps"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "mochi" / "python-deps"


def test_constructor_touches_nothing(tmp_path: Path) -> None:
    driver = Driver(work_dir=tmp_path / "work", cache_dir=tmp_path / "cache")
    assert driver.work_dir is None
    assert driver.cache_dir == tmp_path / "cache"
    assert not (tmp_path / "work").exists()
    assert not (tmp_path / "cache").exists()


def test_accessors(tmp_path: Path) -> None:
    driver = Driver(cache_dir=tmp_path / "c", no_cache=True, verbose=True)
    assert driver.no_cache is True
    assert driver.verbose is True
    assert driver.cache_dir is None
    assert Driver().cache_dir == tmp_path / "xdg" / "mochi" / "python-deps"
    assert Driver(cache_dir="").cache_dir == tmp_path / "xdg" / "mochi" / "python-deps"


def test_prepare_allocates_a_temp_work_dir_and_the_cache(tmp_path: Path) -> None:
    driver = Driver(cache_dir=tmp_path / "cache")
    work = driver.prepare()
    assert work.is_dir()
    assert work.name.startswith("mochi-python-")
    assert work.parent == tmp_path / "tmp"
    assert driver.work_dir == work
    assert driver.owns_work_dir
    assert (tmp_path / "cache").is_dir()


def test_prepare_is_idempotent(tmp_path: Path) -> None:
    driver = Driver(cache_dir=tmp_path / "cache")
    first = driver.prepare()
    assert driver.prepare() == first
    assert len(list((tmp_path / "tmp").iterdir())) == 1


def test_explicit_work_dir_is_created_and_honoured(tmp_path: Path) -> None:
    driver = Driver(work_dir=tmp_path / "a" / "b", no_cache=True)
    assert driver.prepare() == tmp_path / "a" / "b"
    assert (tmp_path / "a" / "b").is_dir()
    assert not driver.owns_work_dir


def test_relative_work_dir_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    driver = Driver(work_dir="rel", no_cache=True)
    monkeypatch.chdir(tmp_path / "tmp")
    assert driver.prepare() == tmp_path / "rel"


def test_no_cache_creates_no_cache_dir(tmp_path: Path) -> None:
    Driver(cache_dir=tmp_path / "cache", no_cache=True).prepare()
    assert not (tmp_path / "cache").exists()


def test_cleanup_removes_an_allocated_dir(tmp_path: Path) -> None:
    driver = Driver(no_cache=True)
    work = driver.prepare()
    (work / "python_workspace").mkdir()
    driver.cleanup()
    assert not work.exists()
    assert driver.work_dir is None
    assert not driver.owns_work_dir


def test_cleanup_keeps_a_user_dir_even_with_the_temp_prefix(tmp_path: Path) -> None:
    user_dir = tmp_path / "mochi-python-mine"
    driver = Driver(work_dir=user_dir, no_cache=True)
    driver.prepare()
    (user_dir / "keep.txt").write_text("x", encoding="utf-8")
    driver.cleanup()
    assert (user_dir / "keep.txt").exists()
    assert driver.work_dir == user_dir


def test_cleanup_is_idempotent_and_a_no_op_before_prepare(tmp_path: Path) -> None:
    driver = Driver(no_cache=True)
    driver.cleanup()
    work = driver.prepare()
    driver.cleanup()
    driver.cleanup()
    assert not work.exists()


def test_cleanup_tolerates_an_already_removed_dir() -> None:
    driver = Driver(no_cache=True)
    work = driver.prepare()
    work.rmdir()
    driver.cleanup()
    assert driver.work_dir is None


def test_prepare_after_cleanup_allocates_a_new_dir() -> None:
    driver = Driver(no_cache=True)
    first = driver.prepare()
    driver.cleanup()
    second = driver.prepare()
    assert second.is_dir()
    assert second != first or not first.exists()
    driver.cleanup()


def test_context_manager_prepares_and_cleans_up() -> None:
    with Driver(no_cache=True) as driver:
        work = driver.work_dir
        assert work is not None
        assert work.is_dir()
    assert not work.exists()


def test_prepare_fails_with_driver_error_when_work_dir_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    driver = Driver(work_dir=blocker, no_cache=True)
    with pytest.raises(DriverError) as info:
        driver.prepare()
    assert info.value.path == str(blocker)
    assert "work dir" in info.value.message


def test_prepare_fails_with_driver_error_when_cache_dir_is_blocked(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    driver = Driver(work_dir=tmp_path / "w", cache_dir=blocker / "cache")
    with pytest.raises(DriverError) as info:
        driver.prepare()
    assert info.value.path == str(blocker / "cache")
    assert "cache dir" in info.value.message
