"""Growth arithmetic on annual series: growth rates, CAGR, shares, contributions, ratios.

Every function takes pandas objects indexed by calendar ``year`` (int) and returns percent
(or percentage points) so that results compare directly with the report's printed figures.
Year-on-year quantities are only computed between consecutive years: a gap in the index gives
NaN rather than a silent multi-year change.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = [
    "cagr",
    "cagr_series",
    "contributions",
    "growth_rate",
    "level_from_growth",
    "pct_of",
    "ratio_pct",
    "shares",
    "whole_from_share",
]


def _previous_year(obj: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """Re-index obj so that row ``year`` holds the value of ``year - 1`` (NaN if absent)."""
    years = pd.Index(obj.index, name=obj.index.name)
    shifted = obj.copy()
    shifted.index = pd.Index([int(y) + 1 for y in obj.index], name=obj.index.name)
    return shifted.reindex(years)


def growth_rate(s: pd.Series) -> pd.Series:
    """Year-on-year growth in percent, (x_t / x_{t-1} - 1) * 100; NaN where t-1 is missing."""
    prev = _previous_year(s)
    out = (s / prev - 1.0) * 100.0
    return out.rename(s.name)


def cagr(first: float, last: float, years: int) -> float:
    """Compound annual growth rate in percent from ``first`` to ``last`` over ``years`` years."""
    if years <= 0:
        raise ValueError(f"cagr: years must be positive, got {years}")
    if first <= 0 or last <= 0:
        raise ValueError(f"cagr: levels must be positive, got first={first}, last={last}")
    return float(((last / first) ** (1.0 / years) - 1.0) * 100.0)


def cagr_series(s: pd.Series, start: int, end: int) -> float:
    """CAGR in percent of series ``s`` between years ``start`` and ``end`` (both in the index)."""
    for year in (start, end):
        if year not in s.index:
            raise KeyError(f"cagr_series: year {year} not in series {s.name!r}")
    return cagr(float(s.loc[start]), float(s.loc[end]), int(end) - int(start))


def shares(df: pd.DataFrame, total: pd.Series | None = None) -> pd.DataFrame:
    """Each column as percent of the row total (``total`` if given, else the row sum)."""
    denominator = df.sum(axis=1) if total is None else total.reindex(df.index)
    return df.div(denominator, axis=0) * 100.0


def contributions(parts: pd.DataFrame, total: pd.Series | None = None) -> pd.DataFrame:
    """Percentage-point contribution of each part to the growth of the total.

    contribution_i,t = (part_i,t - part_i,t-1) / total_t-1 * 100, so the contributions add up
    to the growth rate of the total when the total is the sum of the parts (e.g. exports and
    imports to total trade). ``total`` defaults to the row sum of ``parts``.
    """
    total = parts.sum(axis=1) if total is None else total.reindex(parts.index)
    change = parts - _previous_year(parts)
    return change.div(_previous_year(total), axis=0) * 100.0


def ratio_pct(num: pd.Series, den: pd.Series) -> pd.Series:
    """Ratio num / den in percent on the common years (dependency ratios such as trade / GDP)."""
    num, den = num.align(den, join="inner")
    if (den == 0).any():
        bad = list(den.index[den == 0])
        raise ValueError(f"ratio_pct: zero denominator in years {bad}")
    return num / den * 100.0


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
