"""`python -m analysis.validate`: check every data file; clear messages, no traceback."""

from __future__ import annotations

import sys

from analysis.data import DataError, DataPackage


def main(argv: list[str] | None = None) -> int:
    """Validate each resource of the Data Package; print one line each; 1 if any is bad."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        pkg = DataPackage(argv[0]) if argv else DataPackage()
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    bad = 0
    for name in pkg.names():
        try:
            df = pkg.load(name)
        except DataError as exc:
            bad += 1
            print(f"FAIL {name}\n{exc}", file=sys.stderr)
        else:
            kind = "external" if df.attrs.get("external") else "report"
            print(f"ok   {name:<28} {len(df):>4} rows  ({kind}: {pkg.resource(name)['path']})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
