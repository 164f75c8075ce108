"""Series that know their vintage and their breaks, so arithmetic cannot silently cross either.

Vocabulary (README): *as published* = figures released at the time; *revised* = the NBS 2021
back-series; *correction* = Liaoning's 2016-17 correction of its inflated 2011-2016 figures; a
*series break* = a change of measurement between two adjacent years, not growth. Every series
loaded by `analysis.data.load` carries its `Vintage` (declared once, under "x-vintage" in
data/datapackage.json). `analysis.growth` asks this module before it computes: a growth rate,
average or change over a span that crosses a break raises `SeriesBreakError`, a ratio or
difference of two vintages raises `VintageError`, unless the call passes ``across_break=True``
or ``mixing_vintages=True``; the result then carries a `Caveat`, and `note` writes the sentence
that must stand where it is shown.

How it travels: pandas keeps ``attrs`` through selection, slicing and arithmetic. A loaded frame
holds ``attrs["vintages"]`` (column -> `Vintage`); a column taken from it finds its own by name.
Results of `analysis.growth` hold ``attrs["vintage"]`` and ``attrs["caveats"]``; `frame` builds a
table from such series without losing them. Everything stored is immutable, so the copies pandas
makes of ``attrs`` at every step are free. A series with no vintage (built from the report's
text, say) is not checked: tag it with `tag` when it has one. Note that pandas gives ``a / b``
the ``attrs`` of ``b`` when both have some: combine two series through `analysis.growth`
(which labels its result), or divide by ``b.to_numpy()`` to keep ``a``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.labels import t

AS_PUBLISHED = "as_published"  # released at the time (before or after Liaoning's correction)
REVISED = "revised"  # NBS 2021 back-series after the 2018 economic census
UNREVISED = "unrevised"  # one vintage only (customs totals, price indices): combines with any
MIXED = "mixed"  # the result of an explicit mixing_vintages=True
VINTAGES = (AS_PUBLISHED, REVISED, UNREVISED)
CORRECTED = "corrected"  # an as-published year measured after the correction (see Vintage.label)
BREAK_REASONS = ("correction",)  # label keys: why a series breaks


class SeriesBreakError(ValueError):
    """A growth rate, average or change would run across a series break."""


class VintageError(ValueError):
    """A ratio or difference would combine two vintages (or both sides of a correction)."""


@dataclass(frozen=True)
class Break:
    """A change of measurement between ``first_year - 1`` and ``first_year``."""

    first_year: int
    reason: str = "correction"

    def __str__(self) -> str:
        return f"{self.first_year - 1}/{self.first_year} ({self.reason})"

    def lies_within(self, first: int, last: int) -> bool:
        """True if a span from level year ``first`` to level year ``last`` crosses it."""
        return first < self.first_year <= last

    def __deepcopy__(self, memo: dict[int, Any]) -> Break:
        return self  # immutable


@dataclass(frozen=True)
class Vintage:
    """The vintage of one series and the breaks inside it; ``source`` names it in messages."""

    name: str
    breaks: tuple[Break, ...] = ()
    source: str = ""

    def label(self, year: int) -> str:
        """Vintage of one year: 'corrected' for as-published years after the correction."""
        after = any(b.reason == "correction" and year >= b.first_year for b in self.breaks)
        return CORRECTED if after and self.name == AS_PUBLISHED else self.name

    def crossed(self, first: int, last: int) -> tuple[Break, ...]:
        """Breaks a span from level year ``first`` to ``last`` runs across."""
        return tuple(b for b in self.breaks if b.lies_within(first, last))

    def after(self, reason: str, year: int) -> bool | None:
        """Is ``year`` measured after the break of ``reason``? None if the series has none."""
        found = [b for b in self.breaks if b.reason == reason]
        return None if not found else any(year >= b.first_year for b in found)

    def __deepcopy__(self, memo: dict[int, Any]) -> Vintage:
        return self  # immutable: pandas deep-copies attrs at every operation


@dataclass(frozen=True)
class Caveat:
    """Why a result must be labelled where it is shown: computed across a break or vintages."""

    kind: str  # "across_break" or "mixing_vintages"
    years: tuple[int, ...]
    detail: str  # in English, for messages
    pairs: tuple[tuple[str, str], ...] = ()  # per year: the two vintages (mixing_vintages)
    reasons: tuple[str, ...] = ()  # per year: why the series breaks (across_break)

    def __deepcopy__(self, memo: dict[int, Any]) -> Caveat:
        return self


# ---- declaring and reading vintages ---------------------------------------------------------

def parse_declaration(declared: Mapping[str, Any], columns: Iterable[str],
                      source: str) -> dict[str, Vintage]:
    """Column -> `Vintage` from a resource's "x-vintage" block (ValueError naming the rule).

    The block: ``{"vintage": ..., "breaks": [{"between": [y0, y0 + 1], "reason": ...}],
    "columns": {column: {same keys}}}``; a column's entry replaces the resource's default. A
    break may lie after a series' last year (Liaoning's GDP of Table 3 ends in 2015, before the
    correction of 2016): it still says on which side of the correction the series is measured.
    """
    default = {k: v for k, v in declared.items() if k not in ("columns", "note")}
    per_column = declared.get("columns", {})
    columns = list(columns)
    unknown = sorted(set(per_column) - set(columns))
    if unknown:
        raise ValueError(f"x-vintage names column(s) {unknown} that the resource does not have")
    return {c: _vintage(per_column.get(c, default), f"{source}: {c}") for c in columns}


def _vintage(block: Mapping[str, Any], source: str) -> Vintage:
    name = block.get("vintage")
    if name not in VINTAGES:
        raise ValueError(f"x-vintage of {source}: vintage {name!r} is not one of {VINTAGES}")
    breaks = []
    for b in block.get("breaks", []):
        before, first = b["between"]
        if first != before + 1:
            raise ValueError(f"x-vintage of {source}: a break lies between adjacent years, "
                             f"not {before} and {first}")
        if b.get("reason") not in BREAK_REASONS:
            raise ValueError(f"x-vintage of {source}: break reason {b.get('reason')!r} is not "
                             f"one of {BREAK_REASONS}")
        breaks.append(Break(int(first), b["reason"]))
    return Vintage(name, tuple(sorted(breaks, key=lambda b: b.first_year)), source)


def vintage_of(obj: pd.Series | pd.DataFrame, column: str | None = None) -> Vintage | None:
    """The vintage a series (or a frame's ``column``) carries; None if it carries none."""
    attrs = obj.attrs
    if column is None and "vintage" in attrs:
        return attrs["vintage"]
    by_column: Mapping[Any, Vintage] = attrs.get("vintages") or {}
    key = column if column is not None else getattr(obj, "name", None)
    if key is not None and key in by_column:
        return by_column[key]
    distinct = set(by_column.values())
    return next(iter(distinct)) if len(distinct) == 1 else None


def caveats(obj: pd.Series | pd.DataFrame) -> tuple[Caveat, ...]:
    """Caveats a result carries (empty for a series computed within one vintage and basis);
    a column of a `frame` has its own, the frame all of its columns'."""
    by_column = obj.attrs.get("column_caveats")
    if isinstance(obj, pd.Series) and by_column is not None and obj.name in by_column:
        return tuple(by_column[obj.name])
    return tuple(obj.attrs.get("caveats", ()))


def tag(obj: pd.Series, vintage: Vintage | None, found: Iterable[Caveat] = ()) -> pd.Series:
    """``obj`` (changed in place and returned) marked with its vintage and caveats."""
    obj.attrs = {"vintage": vintage, "caveats": tuple(found)} if vintage is not None else {
        "caveats": tuple(found)}
    return obj


def frame(columns: Mapping[str, pd.Series]) -> pd.DataFrame:
    """A table of series (aligned on their index) that keeps each column's vintage and caveats."""
    out = pd.DataFrame(dict(columns))
    vintages = {c: v for c, s in columns.items() if (v := vintage_of(s)) is not None}
    own = {c: caveats(s) for c, s in columns.items()}
    found = tuple(dict.fromkeys(c for cs in own.values() for c in cs))
    out.attrs = {"vintages": vintages, "column_caveats": own, "caveats": found}
    return out


def from_years(values: Mapping[int, float], name: str,
               vintage: Vintage | None = None) -> pd.Series:
    """Float series indexed by int ``year`` from {year: value} (e.g. numbers of the text)."""
    out = pd.Series({int(y): float(v) for y, v in values.items()}, dtype=float, name=name)
    out.index = pd.Index(out.index.astype(int), name="year")
    return tag(out.sort_index(), vintage)


# ---- the refusals -----------------------------------------------------------------------------

def _describe(v: Vintage, fallback: Any) -> str:
    return v.source or str(fallback)


def years_of(index: pd.Index | Iterable[Any]) -> list[int]:
    """The distinct years of an index of years, or of the ``year`` level of a MultiIndex
    ((partner, year) tables), in order."""
    if isinstance(index, pd.MultiIndex):
        index = index.get_level_values("year")
    return sorted({int(y) for y in index})


def check_span(s: pd.Series, first: int, last: int, *, across_break: bool,
               what: str) -> tuple[Caveat, ...]:
    """Refuse ``what`` over level years ``first`` to ``last`` if it crosses a break of ``s``.

    With ``across_break=True`` the crossing is allowed and returned as a caveat to show.
    """
    v = vintage_of(s)
    crossed = v.crossed(int(first), int(last)) if v is not None else ()
    if not crossed:
        return ()
    if not across_break:
        b = crossed[0]
        raise SeriesBreakError(
            f"{what} of {_describe(v, s.name)} over {first}-{last} crosses the series break "
            f"between {b.first_year - 1} and {b.first_year} ({t(b.reason, 'en')}): a break is a "
            "change of measurement, not growth or decline. Compute on one side of it, or pass "
            "across_break=True and label the result as measured across the break.")
    return (Caveat("across_break", tuple(b.first_year for b in crossed),
                   ", ".join(str(b) for b in crossed), reasons=tuple(b.reason for b in crossed)),)


def check_steps(s: pd.Series, *, across_break: bool, what: str) -> tuple[Caveat, ...]:
    """`check_span` for year-on-year steps: a step crosses a break where both its years exist."""
    v = vintage_of(s)
    if v is None:
        return ()
    years = set(years_of(s.dropna().index))
    found: list[Caveat] = []
    for b in v.breaks:
        if b.first_year in years and b.first_year - 1 in years:
            found += check_span(s, b.first_year - 1, b.first_year, across_break=across_break,
                                what=what)
    return tuple(found)


def mixed_years(a: Vintage, b: Vintage, years: Iterable[int]) -> list[tuple[int, str, str]]:
    """Years in which ``a`` and ``b`` are of different vintages: (year, a's, b's).

    Two vintages differ when their names differ (an unrevised series combines with any), or
    when both series went through the same break and a year lies after it in one, not the
    other (corrected FDI over GDP before the correction). A series without that break (China's,
    a peer's) combines with either side of it.
    """
    out = []
    names = {a.name, b.name}
    differ = len(names) > 1 and UNREVISED not in names
    shared = {x.reason for x in a.breaks} & {x.reason for x in b.breaks}
    for y in years:
        y = int(y)
        if differ or any(a.after(r, y) != b.after(r, y) for r in shared):
            out.append((y, a.label(y), b.label(y)))
    return out


def check_combination(a: pd.Series, b: pd.Series, years: Iterable[int], *,
                      mixing_vintages: bool, what: str) -> tuple[Caveat, ...]:
    """Refuse ``what`` of ``a`` and ``b`` in ``years`` if it combines two vintages."""
    va, vb = vintage_of(a), vintage_of(b)
    if va is None or vb is None:
        return ()
    found = mixed_years(va, vb, years_of(years))
    if not found:
        return ()
    shown = "; ".join(f"{y}: {x} with {z}" for y, x, z in found[:4])
    shown += " ..." if len(found) > 4 else ""
    if not mixing_vintages:
        raise VintageError(
            f"{what} of {_describe(va, a.name)} and {_describe(vb, b.name)} combines two "
            f"vintages ({shown}). Use one vintage for both, or pass mixing_vintages=True and "
            "label the result as mixing vintages.")
    return (Caveat("mixing_vintages", tuple(y for y, _, _ in found), shown,
                   pairs=tuple((x, z) for _, x, z in found)),)


def combined(a: Vintage | None, b: Vintage | None) -> Vintage | None:
    """The vintage of a result computed from ``a`` and ``b`` (their breaks together)."""
    if a is None or b is None:
        return a or b
    names = {a.name, b.name} - {UNREVISED}
    name = a.name if a.name == b.name else (names.pop() if len(names) == 1 else MIXED)
    breaks = tuple(sorted(set(a.breaks) | set(b.breaks), key=lambda x: x.first_year))
    return Vintage(name, breaks, f"{a.source} with {b.source}" if a.source != b.source
                   else a.source)


# ---- showing results and drawing breaks -----------------------------------------------------

def note(obj: pd.Series | pd.DataFrame, lang: str) -> str:
    """The sentence that must stand beside a result computed across a break or two vintages
    (empty if it carries no caveat); only caveats of years still in ``obj`` are named."""
    present = set(years_of(obj.index)) if len(obj.index) else set()
    sep = "; " if lang == "en" else "；"
    parts = []
    for c in caveats(obj):
        keep = [i for i, y in enumerate(c.years) if not present or y in present]
        if not keep:
            continue
        years = year_runs(c.years[i] for i in keep)
        if c.kind == "across_break":
            years = ", ".join(f"{c.years[i] - 1}-{c.years[i]}" for i in keep)
            detail = sep.join(dict.fromkeys(t(c.reasons[i], lang) for i in keep))
            parts.append(t("caveat_across_break", lang, years=years, detail=detail))
        else:
            detail = sep.join(dict.fromkeys(
                t("vintage_pair", lang, a=t(f"vintage_{c.pairs[i][0]}", lang),
                  b=t(f"vintage_{c.pairs[i][1]}", lang)) for i in keep))
            parts.append(t("caveat_mixing_vintages", lang, years=years, detail=detail))
    return " ".join(parts)


def year_runs(years: Iterable[int]) -> str:
    """'2006-2010, 2012': years written as runs of consecutive years."""
    runs: list[list[int]] = []
    for y in sorted(set(int(y) for y in years)):
        if runs and runs[-1][1] == y - 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs)


def gap_at_breaks(s: pd.Series) -> pd.Series:
    """``s`` with a NaN half-way across each of its breaks, so a plotted line stops there
    instead of joining two measurements (needs a float index; years stay where they are)."""
    v = vintage_of(s)
    out = s.astype(float)
    out.index = pd.Index([float(y) for y in s.index], name=s.index.name)
    for b in (v.breaks if v is not None else ()):
        if b.first_year in s.index and b.first_year - 1 in s.index:
            out.loc[b.first_year - 0.5] = float("nan")
    return out.sort_index()
