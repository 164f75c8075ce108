"""Growth arithmetic on annual series: growth rates, CAGR, shares, contributions, ratios.

Every function takes pandas objects indexed by calendar ``year`` (int) and returns percent
(or percentage points) so that results compare directly with the report's printed figures.
Year-on-year quantities are only computed between consecutive years: a gap in the index gives
NaN rather than a silent multi-year change.

Series know their vintage and breaks (`analysis.series`): a growth rate, average or change that
would run across a series break raises `SeriesBreakError`, a ratio or difference of two
vintages `VintageError`, unless the call says ``across_break=True`` / ``mixing_vintages=True``;
the result then carries a caveat (`analysis.series.note` words it for display).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis import series
from analysis.series import SeriesBreakError, VintageError

__all__ = [
    "SeriesBreakError",
    "VintageError",
    "average_change",
    "average_growth",
    "cagr",
    "chained_index",
    "cagr_series",
    "contributions",
    "difference",
    "growth_rate",
    "implied_deflator",
    "level_from_growth",
    "pct_of",
    "percent_difference",
    "ratio_pct",
    "shares",
    "split_nominal_change",
    "whole_from_share",
]


def _previous_year(obj: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """Re-index obj so that row ``year`` holds the value of ``year - 1`` (NaN if absent)."""
    years = pd.Index(obj.index, name=obj.index.name)
    shifted = obj.copy()
    shifted.index = pd.Index([int(y) + 1 for y in obj.index], name=obj.index.name)
    return shifted.reindex(years)


def growth_rate(s: pd.Series, *, across_break: bool = False) -> pd.Series:
    """Year-on-year growth in percent, (x_t / x_{t-1} - 1) * 100; NaN where t-1 is missing.

    Refuses a series whose years span one of its breaks (compute on one side of it), unless
    ``across_break=True``: the growth at the break is then computed and carries a caveat.
    """
    found = series.check_steps(s, across_break=across_break, what="growth_rate")
    out = ((s / _previous_year(s) - 1.0) * 100.0).rename(s.name)
    return series.tag(out, series.vintage_of(s), found)


def cagr(first: float, last: float, years: int) -> float:
    """Compound annual growth rate in percent from ``first`` to ``last`` over ``years`` years."""
    if years <= 0:
        raise ValueError(f"cagr: years must be positive, got {years}")
    if first <= 0 or last <= 0:
        raise ValueError(f"cagr: levels must be positive, got first={first}, last={last}")
    return float(((last / first) ** (1.0 / years) - 1.0) * 100.0)


def cagr_series(s: pd.Series, start: int, end: int, *, across_break: bool = False) -> float:
    """CAGR in percent of series ``s`` between years ``start`` and ``end`` (both in the index);
    refused across a break of ``s`` unless ``across_break=True``."""
    for year in (start, end):
        if year not in s.index:
            raise KeyError(f"cagr_series: year {year} not in series {s.name!r}")
    series.check_span(s, start, end, across_break=across_break, what="cagr_series")
    return cagr(float(s.loc[start]), float(s.loc[end]), int(end) - int(start))


def average_growth(growth_pct: pd.Series, start: int, end: int, *,
                   across_break: bool = False) -> float:
    """Average annual growth (%) from level year ``start`` to ``end``, compounded from the
    yearly rates ``start + 1 .. end``; refused across a break unless ``across_break=True``."""
    years = range(int(start) + 1, int(end) + 1)
    missing = [y for y in years if y not in growth_pct.index or pd.isna(growth_pct.loc[y])]
    if missing:
        raise KeyError(f"average_growth: no growth for {missing} in {growth_pct.name!r}")
    series.check_span(growth_pct, start, end, across_break=across_break, what="average_growth")
    level = 1.0
    for y in years:
        level *= 1.0 + float(growth_pct.loc[y]) / 100.0
    return cagr(1.0, level, int(end) - int(start))


def average_change(s: pd.Series, start: int, end: int, *, across_break: bool = False) -> float:
    """Average change a year (in the series' unit, e.g. points of a share) from ``start`` to
    ``end``: (s_end - s_start) / (end - start); refused across a break."""
    if end <= start:
        raise ValueError(f"average_change: end {end} must come after start {start}")
    series.check_span(s, start, end, across_break=across_break, what="average_change")
    return float((s.loc[end] - s.loc[start]) / (end - start))


def _combine(a: pd.Series, b: pd.Series, mixing_vintages: bool,
             what: str) -> tuple[pd.Series, pd.Series, tuple[series.Caveat, ...]]:
    """``a`` and ``b`` on their common years, after the vintage check of ``what``."""
    found = series.check_combination(a, b, a.index.intersection(b.index),
                                     mixing_vintages=mixing_vintages, what=what)
    left, right = a.align(b, join="inner")
    return left, right, found


def _result(out: pd.Series, a: pd.Series, b: pd.Series, found) -> pd.Series:
    return series.tag(out, series.combined(series.vintage_of(a), series.vintage_of(b)),
                      (*series.caveats(a), *series.caveats(b), *found))


def shares(df: pd.DataFrame, total: pd.Series | None = None, *,
           mixing_vintages: bool = False) -> pd.DataFrame:
    """Each column as percent of the row total (``total`` if given, else the row sum); a
    ``total`` of another vintage than a column is refused unless ``mixing_vintages=True``."""
    if total is None:
        return df.div(df.sum(axis=1), axis=0) * 100.0
    for c in df.columns:
        series.check_combination(df[c], total, df.index.intersection(total.index),
                                 mixing_vintages=mixing_vintages, what="shares")
    return df.div(total.reindex(df.index), axis=0) * 100.0


def contributions(parts: pd.DataFrame, total: pd.Series | None = None, *,
                  across_break: bool = False, mixing_vintages: bool = False) -> pd.DataFrame:
    """Percentage-point contribution of each part to the growth of the total.

    contribution_i,t = (part_i,t - part_i,t-1) / total_t-1 * 100, so the contributions add up
    to the growth rate of the total when the total is the sum of the parts (e.g. exports and
    imports to total trade). ``total`` defaults to the row sum of ``parts``. Year-on-year: the
    break and vintage checks of `growth_rate` and `ratio_pct` apply.
    """
    for c in parts.columns:
        series.check_steps(parts[c], across_break=across_break, what="contributions")
        if total is not None:
            series.check_combination(parts[c], total, parts.index.intersection(total.index),
                                     mixing_vintages=mixing_vintages, what="contributions")
    total = parts.sum(axis=1) if total is None else total.reindex(parts.index)
    change = parts - _previous_year(parts)
    return change.div(_previous_year(total), axis=0) * 100.0


def ratio_pct(num: pd.Series, den: pd.Series, *, mixing_vintages: bool = False) -> pd.Series:
    """Ratio num / den in percent on the common years (dependency ratios such as trade / GDP);
    refused where the two are of different vintages unless ``mixing_vintages=True``."""
    num_, den_, found = _combine(num, den, mixing_vintages, "ratio_pct")
    if (den_ == 0).any():
        bad = list(den_.index[den_ == 0])
        raise ValueError(f"ratio_pct: zero denominator in years {bad}")
    return _result(num_ / den_ * 100.0, num, den, found)


def difference(a: pd.Series, b: pd.Series, *, mixing_vintages: bool = False) -> pd.Series:
    """``a - b`` on the common years (e.g. Liaoning's growth minus China's, in points);
    refused where the two are of different vintages unless ``mixing_vintages=True``."""
    a_, b_, found = _combine(a, b, mixing_vintages, "difference")
    return _result(a_ - b_, a, b, found)


def percent_difference(a: pd.Series, b: pd.Series, *,
                       mixing_vintages: bool = False) -> pd.Series:
    """(a / b - 1) * 100 on the common years (e.g. a revision: revised over as published,
    which compares two vintages by design and so says ``mixing_vintages=True``)."""
    a_, b_, found = _combine(a, b, mixing_vintages, "percent_difference")
    return _result((a_ / b_ - 1.0) * 100.0, a, b, found)


def implied_deflator(nominal_growth_pct: pd.Series, real_growth_pct: pd.Series, *,
                     mixing_vintages: bool = False) -> pd.Series:
    """Implied deflator change (%): (1 + nominal) / (1 + real) - 1, both from one vintage."""
    n, r, found = _combine(nominal_growth_pct, real_growth_pct, mixing_vintages,
                           "implied_deflator")
    out = (((1.0 + n / 100.0) / (1.0 + r / 100.0) - 1.0) * 100.0).rename("implied_deflator_pct")
    return _result(out, nominal_growth_pct, real_growth_pct, found)


def split_nominal_change(nominal_pct: float, real_pct: float,
                         deflator_pct: float) -> dict[str, float]:
    """Split a nominal change into real growth, deflator and the level re-basing left over.

    (1 + nominal) = (1 + real)(1 + deflator)(1 + rebasing): the re-basing is what growth and
    prices cannot explain, i.e. a change of level between two measurements (a series break).
    ``rebasing_share_of_log_change_pct`` is its share of log(1 + nominal).
    """
    n, r, p = (1.0 + x / 100.0 for x in (nominal_pct, real_pct, deflator_pct))
    rebasing = n / (r * p)
    return {
        "nominal_change_pct": nominal_pct,
        "real_growth_pct": real_pct,
        "deflator_pct": deflator_pct,
        "level_rebasing_pct": (rebasing - 1.0) * 100.0,
        "rebasing_share_of_log_change_pct": math.log(rebasing) / math.log(n) * 100.0,
    }


def level_from_growth(
    anchor_value: float, anchor_year: int, growth: Mapping[int, float]
) -> pd.Series:
    """Rebuild a level series from one level and year-on-year growth rates (percent).

    ``growth[y]`` is the growth from ``y - 1`` to ``y``. Walks forwards from the anchor while
    ``growth[y + 1]`` is known and backwards while ``growth[y]`` is known; the result covers the
    contiguous run of years reachable from the anchor.
    """
    levels = {int(anchor_year): float(anchor_value)}
    year = int(anchor_year)
    while year + 1 in growth:
        levels[year + 1] = levels[year] * (1.0 + growth[year + 1] / 100.0)
        year += 1
    year = int(anchor_year)
    while year in growth:
        factor = 1.0 + growth[year] / 100.0
        if factor == 0:
            raise ValueError(f"level_from_growth: growth of -100 % in {year} cannot be reversed")
        levels[year - 1] = levels[year] / factor
        year -= 1
    out = pd.Series(levels, dtype=float).sort_index()
    out.index = pd.Index(out.index.astype(np.int64), name="year")
    return out


def chained_index(change_pct: pd.Series, base_year: int, years: list[int]) -> pd.Series:
    """Index (``base_year`` = 1) over ``years`` chained from yearly changes in percent (a price
    index from a deflator's or CPI's changes), forwards and backwards from the base year."""
    steps = {int(y): float(change_pct.loc[y]) for y in years if int(y) != min(years)}
    return level_from_growth(1.0, base_year, steps).loc[list(years)]


def pct_of(part: float, whole: float) -> float:
    """``part`` as percent of ``whole`` for two numbers (e.g. Fuxin's trade as % of Dalian's)."""
    if whole == 0:
        raise ValueError("pct_of: whole is zero")
    return 100.0 * part / whole


def whole_from_share(part: float, share_pct: float) -> float:
    """The whole implied by a part and its stated share in percent (part / (share / 100))."""
    if share_pct == 0:
        raise ValueError("whole_from_share: share is zero")
    return part / (share_pct / 100.0)
