"""`python -m analysis.validate`: check every data file; clear messages, no traceback.

`failures()` is the same check as a value and `describe()` its text, for a build that validates
once before running any notebook, so that one data error is reported once, not once per notebook.
"""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.data import DataError, DataPackage

FOLDER = "(data folder)"  # key of the problems that concern no one resource


def failures(pkg: DataPackage | None = None) -> dict[str, DataError]:
    """Every resource that fails validation, with its error; files no resource describes
    under the key `FOLDER`. Empty when all data is valid. Messages depend on the data alone."""
    pkg = DataPackage() if pkg is None else pkg
    out: dict[str, DataError] = {}
    stray = pkg.undescribed()
    if stray:
        out[FOLDER] = DataError(stray)
    for name in pkg.names():
        try:
            pkg.load(name, folder_check=False)
        except DataError as exc:
            out[name] = exc
    return out


def describe(bad: dict[str, DataError]) -> str:
    """The failures as printed by `make validate`: one block per failing resource, in order."""
    return "\n".join(f"FAIL {name}\n{exc}" for name, exc in bad.items())


def main(argv: list[str] | None = None) -> int:
    """Validate each resource of the Data Package; print one line each; 1 if any is bad."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        pkg = DataPackage(Path(argv[0])) if argv else DataPackage()
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    bad = failures(pkg)
    for name in pkg.names():
        if name not in bad:
            res = pkg.resource(name)
            kind = "external" if res.get("x-source", {}).get("external") else "report"
            print(f"ok   {name:<32} ({kind}: {res['path']})")
    if bad:
        print(describe(bad), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
