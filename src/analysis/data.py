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

import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import datareads
from analysis.checks import DataError, Problem, bounds, check_structure, check_text
from analysis.provenance import DATAPACKAGE
from analysis.rounding import Interval, decimals_of, printed_interval
from analysis.series import Vintage, parse_declaration


class Decimals:
    """Printed decimals of every cell of a loaded frame (a DataFrame, read-only).

    Wrapped so that a loaded frame combines with any other in every pandas operation (no
    caller strips ``attrs``): `==` gives one bool (pandas compares ``attrs`` when it
    concatenates) and a deep copy is the object itself (pandas deep-copies ``attrs`` at every
    operation; nothing ever writes to it: `data.decimals` hands out a copy).
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
        return self  # read-only: sharing it is safe and keeps pandas operations cheap

    def __repr__(self) -> str:
        return f"Decimals(\n{self.frame!r})"


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
            raw = self.path.read_bytes()
            datareads.note(self.path, raw)
            self.descriptor = json.loads(raw.decode("utf-8"))
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

    def vintages(self, name: str) -> dict[str, Vintage]:
        """Column -> `Vintage` of a year-indexed resource, from its "x-vintage" block.

        Refused (DataError naming the file and rule) if the block is missing or malformed:
        every series must say which vintage it is and where its breaks lie.
        """
        res = self.resource(name)
        rel = self._rel(self.base / res["path"])
        columns = (list(res["x-series"]) if res.get("x-layout") == "long" else
                   [f["name"] for f in res["schema"]["fields"] if f["type"] == "number"])
        if "x-vintage" not in res:
            raise DataError([Problem(rel, None, None, "vintage declared",
                                     f"resource {name!r} has no x-vintage block in "
                                     f"{self.path.name}: say which vintage its series are and "
                                     "where their breaks lie")])
        try:
            return parse_declaration(res["x-vintage"], columns, f"{name}")
        except (ValueError, KeyError, TypeError) as exc:
            raise DataError([Problem(rel, None, None, "vintage declared", str(exc))]) from None

    def file_of(self, name: str) -> Path:
        """Path of the file behind a resource."""
        return self.base / self.resource(name)["path"]

    def files(self) -> list[Path]:
        """Every data file the package describes, plus the descriptor itself and the
        documentation it names (`x-documentation`: the external series' provenance page)."""
        docs = [self.base / d for d in self.descriptor.get("x-documentation", [])]
        return [self.path, *docs] + [self.base / r["path"] for r in self.descriptor["resources"]]

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
        text = check_text(res, fpath, rel)
        datareads.note(fpath, text.encode("utf-8"))
        check_structure(res, self.base, rel)
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        layout = res.get("x-layout", "wide")
        if layout == "long":
            out = _load_long(res, raw, rel)
            out.attrs["vintages"] = self.vintages(name)
            return out
        if layout == "facts":
            return _load_facts(res, raw, rel)
        if layout == "register":
            out = raw.set_index("id")
            out["paragraph"] = out["paragraph"].astype(int)
            out.attrs = {"name": name, "source": {"title": res["title"], "path": res["path"]},
                         "external": False}
            return out
        out = _load_wide(res, raw, rel)
        if res["x-index"] == ["year"]:
            out.attrs["vintages"] = self.vintages(name)
        return out


def _parse_number(text: str) -> float:
    """A printed number (already checked as a plain decimal) as a float."""
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
        problems += bounds(rel, "value", [r.value], [r.filerow], meta["minimum"],
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
    df = values.apply(lambda col: col.map(_parse_number))
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
            problems += bounds(rel, f["name"], raw[f["name"]], rows, c["minimum"],
                                c["maximum"], f["x-bounds-reason"])
    if problems:
        raise DataError(problems)
    df = raw.copy()
    if key == "year":
        df[key] = df[key].astype(int)
    df = df.set_index(key)
    for c in numeric:
        df[c] = df[c].map(_parse_number)
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
        problems += bounds(rel, "value", [value], [row], b["minimum"], b["maximum"],
                            b["reason"], f"fact {fid!r} ({unit}): ")
    if problems:
        raise DataError(problems)
    df = raw.copy()
    df["decimals"] = df["value"].map(decimals_of).astype(int)
    df["value"] = df["value"].map(_parse_number)
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
def _cached(name: str, stamp: tuple[int, int]) -> tuple[pd.DataFrame, dict[str, str]]:
    pkg = _default_package()
    df = pkg.load(name)
    read = datareads.reads()  # a later load from this cache is a read of the same bytes
    keep = {pkg.path.resolve().as_posix(), pkg.file_of(name).resolve().as_posix()}
    return df, {k: v for k, v in read.items() if k in keep}


@lru_cache(maxsize=128)
def _paths(name: str) -> tuple[str, str]:
    """The descriptor's path and the resource's file (a lookup costs a search and path joins)."""
    pkg = _default_package()
    return str(pkg.path), str(pkg.file_of(name))


def _stamp(name: str) -> tuple[int, int]:
    """When the descriptor and the resource's file last changed (-1: file missing): the key of
    the loaded frame, looked at on every lookup, so an edited file is read again."""
    descriptor, file = _paths(name)
    try:
        changed = os.stat(file).st_mtime_ns
    except FileNotFoundError:
        changed = -1
    return (os.stat(descriptor).st_mtime_ns, changed)


def load(name: str) -> pd.DataFrame:
    """Validated data by resource name (see `names()`); a copy, safe to modify.

    ``attrs`` carry the units, printed decimals, source and, for series by year, each column's
    `analysis.series.Vintage` (vintage and breaks): everything in them is read-only, so the
    frame and its columns combine freely in pandas and keep their vintage through arithmetic.
    """
    return read_only(name).copy()  # pandas deep-copies attrs; Decimals and Vintage are shared


def read_only(name: str) -> pd.DataFrame:
    """The frame `load` copies, itself: for code that only looks values up (the claims
    register looks up hundreds, and a copy of a frame with its attrs costs about a millisecond).
    Never modify it: every later `load` of the resource in this process would see the change."""
    df, read = _cached(name, _stamp(name))
    datareads.merge(read)
    return df


def vintage(name: str, column: str = "value") -> Vintage:
    """Vintage and breaks of one column of a resource, as declared (the file is not read)."""
    found = _default_package().vintages(name)
    if column not in found:
        raise KeyError(f"resource {name!r} has no column {column!r}; it has {sorted(found)}")
    return found[column]


def names() -> list[str]:
    """Names of every data resource."""
    return _default_package().names()


def units(name: str) -> dict[str, str]:
    """Unit of every numeric column of a resource."""
    return dict(read_only(name).attrs["units"])


def decimals(name: str) -> pd.DataFrame:
    """Number of printed decimals of every value of a resource (the printed precision)."""
    return read_only(name).attrs["decimals"].frame.copy()


def source(name: str) -> dict[str, Any]:
    """Source block of a resource: title, table, paragraph, page, lines, external flag."""
    return dict(read_only(name).attrs["source"])


def facts() -> pd.DataFrame:
    """Numbers from the report's text, indexed by fact id, with quote, paragraph and unit."""
    return load("facts")


FactGetter = Callable[[str], float]  # `fact` or a stand-in: what section helpers take as input


def fact(fact_id: str) -> float:
    """Value of one text fact, as printed; KeyError naming the id if unknown."""
    table = read_only("facts")
    if fact_id not in table.index:
        raise KeyError(f"no fact {fact_id!r} in data/report/facts.csv")
    value = table.at[fact_id, "value"]
    return float(value)


def printed(name: str, column: str, key: Any) -> Interval:
    """Interval a printed table value stands for (value ± half its last printed digit)."""
    return printed_interval(read_only(name), column, key)


def data_files() -> list[Path]:
    """Every file in data/ that the package describes (for fingerprints), descriptor first."""
    return _default_package().files()

