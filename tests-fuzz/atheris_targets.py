"""Coverage-guided fuzzing with atheris (libFuzzer) of the two hand-written front doors:
mochi-py-build's `parse_spec` and mochi-py-toml's `loads`.

Run by `nox -s fuzz` when atheris installs: `python atheris_targets.py spec|toml
-max_total_time=N [libFuzzer flags]`. The input bytes become text (no lone surrogates); the
only exception allowed is the package's typed error, anything else is a crash that libFuzzer
reports with the input that caused it (saved as `crash-*` in the working directory).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from mochi_py_build import ImportSpecError, parse_spec
    from mochi_py_toml import TomlError, loads


def _text(data: bytes) -> str:
    provider = atheris.FuzzedDataProvider(data)
    return str(provider.ConsumeUnicodeNoSurrogates(len(data)))


def spec_target(data: bytes) -> None:
    raw = _text(data)
    try:
        spec = parse_spec(raw)
    except ImportSpecError as exc:
        if not 0 <= exc.column <= len(raw):
            raise AssertionError(f"column {exc.column} outside {raw!r}") from exc
        return
    if parse_spec(spec.to_string()) != spec:
        raise AssertionError(f"{raw!r} does not round-trip through {spec.to_string()!r}")


def toml_target(data: bytes) -> None:
    try:
        loads(_text(data))
    except TomlError:
        return


TARGETS = {"spec": spec_target, "toml": toml_target}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        raise SystemExit(f"usage: atheris_targets.py {{{'|'.join(TARGETS)}}} [libFuzzer flags]")
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
