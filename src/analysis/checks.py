"""The checks every data load runs before it reads a number: the text, the structure, the bounds.

Each broken rule is a `Problem` naming file, row, column and rule; `DataError` carries them all.
The text check (comma-separated UTF-8, plain finite decimals as the report prints them) runs
before frictionless, which would sniff another delimiter or encoding; the structure check is
frictionless against the Data Package schema, stamped once per build; `bounds` applies the
plausible bounds recorded, with their reason, in the Data Package. Used by `analysis.data`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.provenance import VALIDATED_ENV

MAX_LISTED = 20  # problems listed in one error message before "... and N more"
PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # how the report prints a number
OTHER_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place of one data file."""

    file: str
    row: int | None  # line of the CSV file (header = 1), None for file-level problems
    column: str | None
    rule: str
    detail: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: rule '{self.rule}' broken: {self.detail}"


class DataError(ValueError):
    """Bad input data: carries every problem found, each with file, row, column and rule."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(str(p) for p in problems[:MAX_LISTED])
        more = len(problems) - MAX_LISTED
        tail = f"\n  ... and {more} more" if more > 0 else ""
        n = len(problems)
        super().__init__(f"{n} data problem{'s' if n != 1 else ''}:\n  {shown}{tail}")


@lru_cache(maxsize=1)
def _frictionless_version() -> str:
    from importlib.metadata import version

    return version("frictionless")


def _passed_stamp(descriptor: dict[str, Any], fpath: Path) -> Path | None:
    """Where a report build records that this exact file passed this exact schema, or None.

    The frictionless check is the slowest part of a load and every notebook of a build loads
    the same files; the stamp's name hashes everything the check depends on (file bytes,
    schema, frictionless version), so a changed file or schema is checked again.
    """
    folder = os.environ.get(VALIDATED_ENV)
    if not folder:
        return None
    h = hashlib.sha256(json.dumps(descriptor, sort_keys=True).encode())
    h.update(_frictionless_version().encode())
    h.update(fpath.read_bytes())
    return Path(folder) / h.hexdigest()


def check_text(res: dict[str, Any], fpath: Path, rel: str) -> str:
    """The file's text, once it is known to be comma-separated UTF-8 with plain, finite numbers.

    Checked before frictionless, which would sniff another delimiter or encoding and let
    pandas fail later with a message naming no file; numbers must read as the report prints
    them (`487.0`, not `48.7e1`, `inf` or `NaN`, which frictionless accepts as numbers).
    """
    fields = [f["name"] for f in res["schema"]["fields"]]
    numeric = {f["name"] for f in res["schema"]["fields"] if f["type"] == "number"}
    data = fpath.read_bytes()
    expected = "expected comma-separated UTF-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        row = data.count(b"\n", 0, exc.start) + 1
        header = data.split(b"\n", 1)[0].decode("utf-8", "replace").strip().split(",")
        col = data.count(b",", line_start, exc.start)
        column = header[col] if col < len(header) else None
        raise DataError([Problem(rel, row, column, "comma-separated UTF-8",
                                 f"{expected}: byte 0x{data[exc.start]:02x} is not UTF-8 "
                                 "(saved in another encoding, such as GBK or Latin-1?)")]) from None
    if text.startswith("\ufeff"):
        raise DataError([Problem(rel, 1, None, "comma-separated UTF-8",
                                 f"{expected}: the file starts with a byte-order mark")])
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    for row, cells in enumerate(reader, start=1):
        if len(fields) > 1 and len(cells) == 1:
            seps = [name for sep, name in OTHER_SEPARATORS.items() if sep in cells[0]]
            if seps:
                raise DataError([Problem(rel, row, None, "comma-separated UTF-8",
                                         f"{expected}: the row is separated by {seps[0]}")])
        if row == 1:
            header = cells
            continue
        for column, cell in zip(header, cells, strict=False):  # short rows: frictionless
            if column not in numeric or not cell:
                continue
            try:
                number = float(cell)
            except ValueError:
                continue  # not a number at all: frictionless names it a type error
            if not math.isfinite(number):
                problems.append(Problem(rel, row, column, "finite number",
                                        f"{cell!r} is not a finite number"))
            elif not PLAIN_DECIMAL.fullmatch(cell):
                problems.append(Problem(rel, row, column, "plain decimal as printed",
                                        f"{cell!r}: the report prints plain decimals "
                                        "(digits, one point, a leading minus at most)"))
    if not header:
        raise DataError([Problem(rel, None, None, "comma-separated UTF-8",
                                 f"{expected}: the file is empty (not even a header)")])
    if problems:
        raise DataError(problems)
    return text


def _frictionless_descriptor(res: dict[str, Any]) -> dict[str, Any]:
    """The resource as frictionless sees it: project keys dropped, and number bounds too.

    Bounds of numbers are checked by the loader, which names each bound's reason and
    applies the per-series bounds of long tables.
    """
    schema = dict(res["schema"])
    schema["fields"] = []
    for f in res["schema"]["fields"]:
        f = {k: v for k, v in f.items() if not k.startswith("x-")}
        if f["type"] == "number" and "constraints" in f:
            f["constraints"] = {k: v for k, v in f["constraints"].items()
                                if k not in ("minimum", "maximum")}
        schema["fields"].append(f)
    out = {k: v for k, v in res.items() if not k.startswith("x-")}
    out["schema"] = schema
    return out


def bounds(rel: str, column: str, texts: Any, rows: Any, lo: float, hi: float, reason: str,
            what: str = "") -> list[Problem]:
    """A problem for each value outside its plausible bounds, naming the bounds' reason."""
    problems = []
    for text, row in zip(texts, rows, strict=True):
        v = float(text)
        if lo <= v <= hi:
            continue
        side = f"below the minimum {lo:g}" if v < lo else f"above the maximum {hi:g}"
        problems.append(Problem(rel, int(row), column, "within plausible bounds",
                                f"{what}{text} is {side} (bounds [{lo:g}, {hi:g}]: {reason})"))
    return problems


def check_structure(res: dict[str, Any], base: Path, rel: str) -> None:
    """Frictionless validation of one resource against its schema."""
    descriptor = _frictionless_descriptor(res)
    stamp = _passed_stamp(descriptor, base / res["path"])
    if stamp is not None and stamp.exists():
        return
    from frictionless import Resource  # imported here: the no-op build path never loads data

    report = Resource(descriptor, basepath=str(base)).validate()
    if report.valid:
        if stamp is not None:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.touch()
        return
    problems = []
    for row, fname, etype, note, message in report.flatten(
        ["rowNumber", "fieldName", "type", "note", "message"]
    ):
        detail = message if not note else f"{note} ({message})"
        problems.append(Problem(rel, row, fname or None, etype, detail))
    raise DataError(problems)
