"""The README's main job until `mochi-py build` lands: a tour of what exists today.

Run it with `nox -s demo`; it uses only the installed distributions' public APIs.
"""

from __future__ import annotations

import mochi_py
import mochi_py_toml


def main() -> None:
    print(f"mochi-py {mochi_py.__version__}")
    document = {
        "schema-version": 1,
        "python-package": [
            {"name": "httpx", "alias": "httpx", "source": "registry", "specifier": ">=0.27,<0.30"},
        ],
    }
    text = mochi_py_toml.dumps(document)
    print("A mochi.lock fragment rendered by mochi-py-toml:\n")
    print(text)
    other = '# written by another tool\n[tool.other]\nkeep = "me"\n\n' + text
    print("...and spliced inside a larger document, other tables untouched:\n")
    print(mochi_py_toml.replace_array_of_tables(other, "python-package", []))


if __name__ == "__main__":
    main()
