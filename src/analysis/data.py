"""Load the project's data by name, validated against `data/datapackage.json`.

Structure (columns, types, required cells, keys, constraints) is checked by frictionless from
the Data Package; the rules it cannot express (unit agreement, complete years, per-series
minimums, accounting identities within printed rounding) are checked here. Any failure raises
`DataError` naming the file, row, column and rule; no half-loaded frame is ever returned.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.provenance import DATAPACKAGE, VALIDATED_ENV
from analysis.rounding import Interval, decimals_of

MAX_LISTED = 20  # problems listed in one error message before "... and N more"


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

    def load(self, name: str) -> pd.DataFrame:
        """Validated frame of one resource (wide, years as index), with units in attrs."""
        res = self.resource(name)
        fpath = self.base / res["path"]
        rel = self._rel(fpath)
        if not fpath.exists():
            detail = f"data file missing (resource {name!r} expects {res['path']})"
            raise DataError([Problem(rel, None, None, "file exists", detail)])
        _check_structure(res, self.base, rel)
        raw = pd.read_csv(fpath, dtype=str, keep_default_na=False, encoding="utf-8")
        layout = res.get("x-layout", "wide")
        if layout == "long":
            return _load_long(res, raw, rel)
        if layout == "facts":
            return _load_facts(res, raw)
        if layout == "register":
            out = raw.set_index("id")
            out["paragraph"] = out["paragraph"].astype(int)
            out.attrs = {"name": name, "source": {"title": res["title"], "path": res["path"]},
                         "external": False}
            return out
        return _load_wide(res, raw, rel)


def _passed_stamp(descriptor: dict[str, Any], fpath: Path) -> Path | None:
    """Where a report build records that this exact file passed this exact schema, or None.

    The frictionless check is the slowest part of a load and every notebook of a build loads
    the same files; the stamp's name hashes everything the check depends on (file bytes,
    schema, frictionless version), so a changed file or schema is checked again.
    """
    folder = os.environ.get(VALIDATED_ENV)
    if not folder:
        return None
    from importlib.metadata import version

    h = hashlib.sha256(json.dumps(descriptor, sort_keys=True).encode())
    h.update(version("frictionless").encode())
    h.update(fpath.read_bytes())
    return Path(folder) / h.hexdigest()


def _check_structure(res: dict[str, Any], base: Path, rel: str) -> None:
    """Frictionless validation of one resource against its schema."""
    descriptor = {k: v for k, v in res.items() if not k.startswith("x-")}
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
        v = _num(r.value)
        if meta.get("minimum") is not None and v < meta["minimum"]:
            problems.append(Problem(rel, r.filerow, "value", "non-negative",
                                    f"series {r.series!r} cannot be below {meta['minimum']}, "
                                    f"got {r.value}"))
    lo, hi = res["x-years"]
    expected = set(range(lo, hi + 1))
    group_keys = [k for k in keys if k != "year"] + ["series"]
    for gkey, grp in raw.groupby(group_keys, sort=False):
        missing = sorted(expected - set(grp["year"].astype(int)))
        if missing:
            label = "/".join(gkey) if isinstance(gkey, tuple) else gkey
            problems.append(Problem(rel, None, "year", "every year present",
                                    f"{label}: missing year(s) {', '.join(map(str, missing))}"))
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
    if key == "year":
        years = raw[key].astype(int)
        missing = sorted(set(range(years.min(), years.max() + 1)) - set(years))
        if missing:
            raise DataError([Problem(rel, None, key, "every year present",
                                     f"missing year(s) {', '.join(map(str, missing))}")])
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


def _load_facts(res: dict[str, Any], raw: pd.DataFrame) -> pd.DataFrame:
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
    df = load(name)
    return Interval.printed(df.at[key, column], int(df.attrs["decimals"].at[key, column]))


def data_files() -> list[Path]:
    """Every file in data/ that the package describes (for fingerprints), descriptor first."""
    return _default_package().files()


def validate_all() -> dict[str, int]:
    """Load every resource (raising on the first bad one); rows per resource."""
    out = {}
    for n in names():
        out[n] = len(load(n))
    return out
