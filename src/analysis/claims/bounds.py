"""One-sided bounds of the audit: feasibility from other numbers of the report, and plausibility.

Feasibility bounds say a claim can be at most (or at least) what other printed numbers leave; a
bound that holds is weak evidence (`not_contradicted`). Plausibility bounds are of two kinds:
hard bounds (what Liaoning's population or human fertility make impossible: failing one is
`implausible`) and the one rule of thumb for FDI (`analysis.plausibility`: failing it is
`doubtful`).
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis import data
from analysis.plausibility import fdi_ceiling
from analysis.rounding import Interval

from .rules import INF, _iv, total

# Lowest total fertility rate (children per woman) of any population on record is above this.
TFR_FLOOR = 0.5

# Feasibility: one-sided bounds from other numbers of the report (weak evidence, see engine).


def at_most(bound: Interval | Sequence[Interval], scale: float = 1.0,
            minus: Sequence[Interval] = ()) -> Interval:
    """Feasibility: the claim can be at most bound minus the other parts that share it (both in
    the bound's unit), times `scale` into the claim's unit."""
    return Interval(-INF, ((total(bound) - total(minus)) * scale).hi)


def share_at_most_rest(others: Interval | Sequence[Interval], whole: Interval) -> Interval:
    """Feasibility: a share (percent) is at most what the other named parts leave of the whole."""
    return Interval(-INF, (100 - total(others) / whole * 100).hi)


def at_least(bound: Interval | Sequence[Interval], scale: float = 1.0) -> Interval:
    """Feasibility: the claim must be at least bound (e.g. a share of at least part/whole)."""
    return Interval((total(bound) * scale).lo, INF)


def share_at_least(part: Interval | Sequence[Interval], whole_max: Interval | Sequence[Interval],
                   whole_share_pct: Interval | float = 100.0, scale: float = 1.0) -> Interval:
    """Feasibility: a share (percent) is at least part over the largest the whole can be.

    `whole_max` times `whole_share_pct` percent bounds the whole from above.
    """
    cap = total(whole_max) * _iv(whole_share_pct) / 100
    return Interval((total(part) * scale / cap).lo * 100, INF)


def share_at_least_from_count(count: Interval, threshold: Interval, whole: Interval) -> Interval:
    """Feasibility: `count` items each above `threshold` hold at least count*threshold/whole."""
    return Interval((count * threshold / whole).lo * 100, INF)


def at_least_product(count: Interval, threshold: Interval) -> Interval:
    """Feasibility: `count` items each above `threshold` add up to at least count*threshold."""
    return Interval((count * threshold).lo, INF)


def count_at_most(amount: Interval, threshold: Interval) -> Interval:
    """Feasibility: at most amount/threshold items can each exceed `threshold`."""
    return Interval(-INF, (amount / threshold).hi)


# --------------------------------------------------------------------------------------------
# Plausibility bounds: the range of magnitudes the province's size allows, in the claim's unit.


def liaoning_population_10k(year: int = 2015) -> float:
    """Liaoning's year-end resident population, 10 thousand persons (EXTERNAL: data/external)."""
    return float(data.load("liaoning_population").at[year, "resident_population_10k"])


def plausible_headcount(scale: float = 1.0) -> Interval:
    """Persons in Liaoning: at most its population; `scale` = 10 thousand persons per claim unit."""
    return Interval(-INF, liaoning_population_10k() / scale)


def plausible_per_firm(firms: Interval, scale: float = 1.0) -> Interval:
    """Persons per firm: at most the population spread over the firms (claim unit via scale)."""
    return Interval(-INF, (liaoning_population_10k() / firms).hi / scale)


def plausible_fertility_floor(scale: float = 1.0) -> Interval:
    """Total fertility rate of at least 0.5 children per woman (no society is lower)."""
    return Interval(TFR_FLOOR / scale, INF)


def plausible_fdi_share(china_fdi: Interval, gdp: Interval, china_gdp: Interval) -> Interval:
    """Liaoning's FDI (100 million USD): at most what the one FDI rule of thumb accepts
    (`analysis.plausibility.fdi_ceiling`: a multiple of its GDP share of China's FDI, MOFCOM
    concept, EXTERNAL; GDPs as published). A rule of thumb: failing it is `doubtful`."""
    return Interval(-INF, fdi_ceiling(china_fdi, gdp, china_gdp).hi)
