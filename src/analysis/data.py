"""Load the project's data by name, validated against `data/datapackage.json`.

First the text itself (comma-separated UTF-8, numbers written as the report prints them: plain,
finite decimals) and that no file in data/ goes undescribed; then structure (columns, types,
required cells, keys) by frictionless from the Data Package; then the rules it cannot express
here: plausible bounds of every number with their recorded reason, unit agreement, the expected
year span, accounting identities within printed rounding. Any failure raises `DataError` naming
the file, row, column and rule; no half-loaded frame is ever returned. The message depends on
the data alone, so the same error reads the same wherever it is raised.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.provenance import DATAPACKAGE, VALIDATED_ENV
from analysis.rounding import Interval, decimals_of, printed_interval

MAX_LISTED = 20  # problems listed in one error message before "... and N more"
PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # how the report prints a number
OTHER_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


class Decimals:
    """Printed decimals of every cell of a loaded frame (a DataFrame, read-only in spirit).

    Wrapped so that `==` gives one bool: pandas compares `attrs` when it concatenates frames,
    and a bare DataFrame there makes `pd.concat` of two loaded frames fail.
    """

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def __getattr__(self, name: str) -> Any:
        if name == "frame":  # not set yet (copy/pickle protocol): no recursion
            raise AttributeError(name)
        return getattr(self.frame, name)

    def __getitem__(self, key: Any) -> Any:
        return self.frame[key]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Decimals) and self.frame.equals(other.frame)

    __hash__ = None  # type: ignore[assignment]

    def copy(self) -> Decimals:
        """Independent copy."""
        return Decimals(self.frame.copy())

    def __deepcopy__(self, memo: dict[int, Any]) -> Decimals:
        return self.copy()

    def __repr__(self) -> str:
        return f"Decimals(\n{self.frame!r})"


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


@dataclass
class DataPackage:
    """The project's Data Package: descriptor plus the files it describes."""

    path: Path = DATAPACKAGE
    descriptor: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        if not self.path.exists():
            raise DataError([Problem(self._rel(self.path), None, None, "file exists",
                                     "the Data Package descriptor is missing")])
        try:
            self.descriptor = json.loads(self.path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DataError([Problem(self._rel(self.path), exc.lineno, None, "valid JSON",
                                     exc.msg)]) from None

    @property
    def base(self) -> Path:
        """Folder the resource paths are relative to."""
        return self.path.parent

    def _rel(self, p: Path) -> str:
        try:
            return str(Path(p).resolve().relative_to(self.path.resolve().parents[1]))
        except ValueError:
            return str(p)

    def names(self) -> list[str]:
        """Names of all resources, in descriptor order."""
        return [r["name"] for r in self.descriptor["resources"]]

    def resource(self, name: str) -> dict[str, Any]:
        """Descriptor of one resource; KeyError listing the known names if absent."""
        for r in self.descriptor["resources"]:
            if r["name"] == name:
                return r
        raise KeyError(f"no data resource named {name!r}; known: {', '.join(self.names())}")

    def file_of(self, name: str) -> Path:
        """Path of the file behind a resource."""
        return self.base / self.resource(name)["path"]

    def files(self) -> list[Path]:
        """Every data file the package describes, plus the descriptor itself."""
        return [self.path] + [self.base / r["path"] for r in self.descriptor["resources"]]

    def undescribed(self) -> list[Problem]:
        """Files in the data folder that no resource describes (hidden files aside).

        Refused because nothing would validate, fingerprint or label them, yet a notebook
        could read them; scanned once per package object (a few dozen files).
        """
        if not hasattr(self, "_undescribed"):
            known = {p.resolve() for p in self.files()}
            found = sorted(p for p in self.base.rglob("*") if p.is_file()
                           and not any(part.startswith(".")
                                       for part in p.relative_to(self.base).parts))
            self._undescribed = [
                Problem(self._rel(p), None, None, "described in the Data Package",
                        f"no resource of {self.path.name} describes this file: describe it "
                        "(path, source, schema with bounds) or remove it")
                for p in found if p.resolve() not in known]
        return list(self._undescribed)

    def load(self, name: str, *, folder_check: bool = True) -> pd.DataFrame:
        """Validated frame of one resource (wide, years as index), with units in attrs.

        Refused while the data folder holds a file no resource describes (`folder_check`
        off only for `analysis.validate`, which reports that once, not per resource).
        """
        res = self.resource(name)
        fpath = self.base / res["path"]
        rel = self._rel(fpath)
        if not fpath.exists():
            detail = f"data file missing (resource {name!r} expects {res['path']})"
            raise DataError([Problem(rel, None, None, "file exists", detail)])
        stray = self.undescribed() if folder_check else []
        if stray:
            raise DataError(stray)
        text = _check_text(res, fpath, rel)
        _check_structure(res, self.base, rel)
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        layout = res.get("x-layout", "wide")
        if layout == "long":
            return _load_long(res, raw, rel)
        if layout == "facts":
            return _load_facts(res, raw, rel)
        if layout == "register":
            out = raw.set_index("id")
            out["paragraph"] = out["paragraph"].astype(int)
            out.attrs = {"name": name, "source": {"title": res["title"], "path": res["path"]},
                         "external": False}
            return out
        return _load_wide(res, raw, rel)


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


def _check_text(res: dict[str, Any], fpath: Path, rel: str) -> str:
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


def _bounds(rel: str, column: str, texts: Any, rows: Any, lo: float, hi: float, reason: str,
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


def _check_structure(res: dict[str, Any], base: Path, rel: str) -> None:
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


def _num(text: str) -> float:
    return float(text)


def _load_long(res: dict[str, Any], raw: pd.DataFrame, rel: str) -> pd.DataFrame:
    series_meta: dict[str, dict[str, Any]] = res["x-series"]
    keys: list[str] = res["x-index"]
    problems: list[Problem] = []
    raw = raw.assign(filerow=range(2, len(raw) + 2))
    for r in raw.itertuples(index=False):
        meta = series_meta[r.series]
        if r.unit != meta["unit"]:
            problems.append(Problem(rel, r.filerow, "unit", "unit agrees with metadata",
                                    f"series {r.series!r} is in {meta['unit']!r} per "
                                    f"datapackage.json, row says {r.unit!r}"))
        problems += _bounds(rel, "value", [r.value], [r.filerow], meta["minimum"],
                            meta["maximum"], meta["bounds_reason"], f"series {r.series!r}: ")
    lo, hi = res["x-years"]
    expected = set(range(lo, hi + 1))
    group_keys = [k for k in keys if k != "year"] + ["series"]
    enums = {f["name"]: f.get("constraints", {}).get("enum") for f in res["schema"]["fields"]}
    groups = [()]  # every combination the table must hold, series from x-series
    for k in group_keys:
        values = list(series_meta) if k == "series" else enums.get(k) or sorted(set(raw[k]))
        groups = [g + (v,) for g in groups for v in values]
    present: dict[tuple[str, ...], set[int]] = {}
    for gkey, year in zip(raw[group_keys].itertuples(index=False, name=None), raw["year"],
                          strict=True):
        present.setdefault(gkey, set()).add(int(year))
    for gkey in groups:
        missing = sorted(expected - present.get(gkey, set()))
        if missing:
            problems.append(Problem(rel, None, "year", "every year present",
                                    f"{'/'.join(gkey)}: missing year(s) "
                                    f"{', '.join(map(str, missing))} of the expected span "
                                    f"{lo}-{hi}"))
    if problems:
        raise DataError(problems)
    raw["year"] = raw["year"].astype(int)
    values = raw.pivot(index=keys, columns="series", values="value")
    columns = [c for c in series_meta if c in values.columns]
    values = values[columns]
    rows = raw.pivot(index=keys, columns="series", values="filerow")[columns]
    df = values.apply(lambda col: col.map(_num))
    decimals = values.apply(lambda col: col.map(decimals_of)).astype(int)
    _check_identities(res, df, decimals, rows, rel)
    df.columns.name = None
    decimals.columns.name = None
    df.attrs = {
        "name": res["name"],
        "units": {c: series_meta[c]["unit"] for c in columns},
        "labels_zh": {c: series_meta[c]["label_zh"] for c in columns},
        "labels_en": {c: series_meta[c]["label_en"] for c in columns},
        "decimals": Decimals(decimals),
        "source": {"title": res["title"], "path": res["path"], **res.get("x-source", {})},
        "external": bool(res.get("x-source", {}).get("external", False)),
    }
    return df


def _interval(df: pd.DataFrame, dec: pd.DataFrame, idx: Any, col: str) -> Interval:
    return Interval.printed(df.at[idx, col], int(dec.at[idx, col]))


def _check_identities(res: dict[str, Any], df: pd.DataFrame, dec: pd.DataFrame,
                      rows: pd.DataFrame, rel: str) -> None:
    """Accounting identities of the printed table, allowing for the rounding of every number."""
    problems: list[Problem] = []
    for ident in res.get("x-identities", []):
        rule = ident["rule"]
        for idx in df.index:
            def iv(col: str, _idx: Any = idx) -> Interval:
                return _interval(df, dec, _idx, col)

            if rule == "sum":
                lhs = sum((iv(p) for p in ident["parts"]), Interval.exact(0))
                rhs = iv(ident["total"])
                text = " + ".join(ident["parts"]) + f" = {ident['total']}"
                target = ident["total"]
                shown = " + ".join(f"{df.at[idx, p]:g}" for p in ident["parts"])
                shown += f" = {sum(df.at[idx, p] for p in ident['parts']):.6g}"
                shown += f" but {target} = {df.at[idx, target]:g}"
            elif rule == "difference":
                lhs, rhs = iv(ident["minuend"]) - iv(ident["subtrahend"]), iv(ident["result"])
                text = f"{ident['minuend']} - {ident['subtrahend']} = {ident['result']}"
                target = ident["result"]
                diff = df.at[idx, ident["minuend"]] - df.at[idx, ident["subtrahend"]]
                shown = f"{diff:.6g} but {target} = {df.at[idx, target]:g}"
            elif rule == "ratio_pct":
                lhs = iv(ident["numerator"]) / iv(ident["denominator"]) * 100
                rhs = iv(ident["result"])
                text = f"{ident['result']} = 100 * {ident['numerator']} / {ident['denominator']}"
                target = ident["result"]
                ratio = 100 * df.at[idx, ident["numerator"]] / df.at[idx, ident["denominator"]]
                shown = f"ratio is {ratio:.4g} but {target} = {df.at[idx, target]:g}"
            elif rule == "sum_to":
                lhs = sum((iv(p) for p in ident["parts"]), Interval.exact(0))
                rhs = Interval.exact(ident["total"])
                text = " + ".join(ident["parts"]) + f" = {ident['total']}"
                target = ident["parts"][-1]
                shown = f"shares sum to {sum(df.at[idx, p] for p in ident['parts']):.6g}"
            else:
                raise ValueError(f"unknown identity rule {rule!r} in {res['name']}")
            if not lhs.overlaps(rhs):
                label = idx if not isinstance(idx, tuple) else "/".join(map(str, idx))
                problems.append(Problem(
                    rel, int(rows.at[idx, target]), target, text,
                    f"{label}: {shown}, off by more than the printed rounding allows"))
    if problems:
        raise DataError(problems)


def _load_wide(res: dict[str, Any], raw: pd.DataFrame, rel: str) -> pd.DataFrame:
    key = res["x-index"][0]
    fields = res["schema"]["fields"]
    numeric = [f["name"] for f in fields if f["type"] == "number"]
    problems: list[Problem] = []
    if key == "year":
        years = set(raw[key].astype(int))
        lo, hi = res["x-years"] if "x-years" in res else (min(years), max(years))
        missing = sorted(set(range(lo, hi + 1)) - years)
        if missing:
            problems.append(Problem(rel, None, key, "every year present",
                                    f"missing year(s) {', '.join(map(str, missing))} of the "
                                    f"expected span {lo}-{hi}"))
    rows = range(2, len(raw) + 2)
    for f in fields:
        c = f.get("constraints", {})
        if f["type"] == "number" and "minimum" in c:
            problems += _bounds(rel, f["name"], raw[f["name"]], rows, c["minimum"],
                                c["maximum"], f["x-bounds-reason"])
    if problems:
        raise DataError(problems)
    df = raw.copy()
    if key == "year":
        df[key] = df[key].astype(int)
    df = df.set_index(key)
    for c in numeric:
        df[c] = df[c].map(_num)
    decimals = raw.set_index(df.index)[numeric].apply(lambda col: col.map(decimals_of))
    df.attrs = {
        "name": res["name"],
        "units": {f["name"]: f.get("unit") for f in fields if f["type"] == "number"},
        "decimals": Decimals(decimals.astype(int)),
        "source": {"title": res["title"], "path": res["path"], **res.get("x-source", {})},
        "external": bool(res.get("x-source", {}).get("external", False)),
    }
    return df


def _load_facts(res: dict[str, Any], raw: pd.DataFrame, rel: str) -> pd.DataFrame:
    field = next(f for f in res["schema"]["fields"] if f["name"] == "value")
    envelope = {"minimum": field["constraints"]["minimum"],
                "maximum": field["constraints"]["maximum"], "reason": field["x-bounds-reason"]}
    per_unit = res.get("x-unit-bounds", {})
    problems: list[Problem] = []
    cells = zip(raw["id"], raw["unit"], raw["value"], strict=True)
    for row, (fid, unit, value) in enumerate(cells, start=2):
        b = per_unit.get(unit, envelope)
        problems += _bounds(rel, "value", [value], [row], b["minimum"], b["maximum"],
                            b["reason"], f"fact {fid!r} ({unit}): ")
    if problems:
        raise DataError(problems)
    df = raw.copy()
    df["decimals"] = df["value"].map(decimals_of).astype(int)
    df["value"] = df["value"].map(_num)
    for c in ("paragraph", "line", "page"):
        df[c] = df[c].astype(int)
    df = df.set_index("id")
    df.attrs = {"name": res["name"], "source": {"title": res["title"], "path": res["path"]},
                "external": False}
    return df


@lru_cache(maxsize=1)
def _default_package() -> DataPackage:
    return DataPackage(DATAPACKAGE)


@lru_cache(maxsize=64)
def _cached(name: str, stamp: tuple[int, int]) -> pd.DataFrame:
    return _default_package().load(name)


def _stamp(name: str) -> tuple[int, int]:
    pkg = _default_package()
    f = pkg.file_of(name)
    return (pkg.path.stat().st_mtime_ns, f.stat().st_mtime_ns if f.exists() else -1)


def load(name: str) -> pd.DataFrame:
    """Validated data by resource name (see `names()`); a copy, safe to modify."""
    df = _cached(name, _stamp(name))
    out = df.copy()
    out.attrs = {k: (v.copy() if hasattr(v, "copy") else v) for k, v in df.attrs.items()}
    return out


def names() -> list[str]:
    """Names of every data resource."""
    return _default_package().names()


def units(name: str) -> dict[str, str]:
    """Unit of every numeric column of a resource."""
    return dict(load(name).attrs["units"])


def decimals(name: str) -> pd.DataFrame:
    """Number of printed decimals of every value of a resource (the printed precision)."""
    return load(name).attrs["decimals"].frame.copy()


def source(name: str) -> dict[str, Any]:
    """Source block of a resource: title, table, paragraph, page, lines, external flag."""
    return dict(load(name).attrs["source"])


def facts() -> pd.DataFrame:
    """Numbers from the report's text, indexed by fact id, with quote, paragraph and unit."""
    return load("facts")


FactGetter = Callable[[str], float]  # `fact` or a stand-in: what section helpers take as input


def fact(fact_id: str) -> float:
    """Value of one text fact, as printed; KeyError naming the id if unknown."""
    table = facts()
    if fact_id not in table.index:
        raise KeyError(f"no fact {fact_id!r} in data/report/facts.csv")
    value = table.at[fact_id, "value"]
    return float(value)


def printed(name: str, column: str, key: Any) -> Interval:
    """Interval a printed table value stands for (value ± half its last printed digit)."""
    return printed_interval(load(name), column, key)


def data_files() -> list[Path]:
    """Every file in data/ that the package describes (for fingerprints), descriptor first."""
    return _default_package().files()

