"""The audit's rules: each recomputes one kind of statement from intervals, returning an Interval.

Arithmetic rules (growth, shares, sums, conversions), statements without a number (direction over
a span, rank among the units the data hold, completeness of a list of years: their result is a
count or a yes/no, 1 = yes, as an interval from what is certain to what the rounding allows),
feasibility bounds (one-sided: a claim can be at most or at least something) and plausibility
bounds (magnitudes Liaoning's size rules out). `RULES` names every rule the register may use.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from analysis import data
from analysis.benchmarks import FDI_SHARE_BOUND
from analysis.rounding import Interval

INF = math.inf

# Lowest total fertility rate (children per woman) of any population on record is above this.
TFR_FLOOR = 0.5
# Liaoning's FDI per unit of GDP at most this multiple of China's (see plausible_fdi_share):
# the upper bound of the one FDI-share rule of thumb, which notebook 04's verdicts use too.
FDI_INTENSITY_CEILING = FDI_SHARE_BOUND[1]

Series = dict[Any, Interval]


def _iv(x: Interval | float) -> Interval:
    return x if isinstance(x, Interval) else Interval.exact(x)


def _count(certain: int, possible: int) -> Interval:
    return Interval(float(certain), float(possible))


# --------------------------------------------------------------------------------------------
# Arithmetic.


def growth_pct(start: Interval, end: Interval) -> Interval:
    """Growth from start to end, percent (negative for a fall)."""
    return (end / start - 1) * 100


def decline_pct(start: Interval, end: Interval, start_scale: float = 1.0) -> Interval:
    """Fall from start (times `start_scale` into end's unit) to end, as a positive percent."""
    return (1 - end / (start * start_scale)) * 100


def avg_growth_pct(start: Interval, end: Interval, years: float) -> Interval:
    """Average annual (compound) growth over `years` years, percent."""
    return ((end / start) ** (1.0 / years) - 1) * 100


def avg_decline_pct(start: Interval, end: Interval, years: float) -> Interval:
    """Average annual (compound) fall over `years` years, as a positive percent."""
    return -avg_growth_pct(start, end, years)


def fall_accelerates(start: Interval, middle: Interval, end: Interval) -> Interval:
    """1 if the fall middle->end is larger than the fall start->middle (收入下滑的速度在加快)."""
    return is_above(decline_pct(middle, end), decline_pct(start, middle))


def growth_slowdown_pp(start: Interval, middle: Interval, end: Interval) -> Interval:
    """How many points growth fell: growth start->middle minus growth middle->end (percent)."""
    return growth_pct(start, middle) - growth_pct(middle, end)


def multiple(numerator: Interval, denominator: Interval) -> Interval:
    """How many times numerator is denominator ('rose to n times')."""
    return numerator / denominator


def multiple_increase(numerator: Interval, denominator: Interval) -> Interval:
    """By how many times numerator exceeds denominator (增长n倍 strictly: 'rose by n times')."""
    return numerator / denominator - 1


def share_pct(part: Interval | Sequence[Interval], whole: Interval, scale: float = 1.0
              ) -> Interval:
    """Part (or sum of parts) as a percent of whole; `scale` converts part into whole's unit."""
    return total(part) * scale / whole * 100


def dependency_pct(trade: Interval, gdp_cny: Interval, cny_per_usd: Interval,
                   scale: float = 1.0) -> Interval:
    """Trade (USD, times `scale` into 100 million USD) over GDP (100 million yuan) in USD, %."""
    return trade * scale / (gdp_cny / cny_per_usd) * 100


def total(parts: Interval | float | Sequence[Interval | float], scale: float = 1.0) -> Interval:
    """Sum of parts, times a unit factor."""
    if isinstance(parts, Interval | int | float):
        return _iv(parts) * scale
    return sum((_iv(p) for p in parts), Interval.exact(0)) * scale


def sum_scaled(parts: Sequence[Interval], scales: Sequence[float]) -> Interval:
    """Sum of parts printed in different units, each times its own unit factor."""
    return sum((p * s for p, s in zip(parts, scales, strict=True)), Interval.exact(0))


def difference(minuend: Interval, subtrahend: Interval) -> Interval:
    """Minuend minus subtrahend (a balance, or a gap in percentage points)."""
    return minuend - subtrahend


def same_value(value: Interval, scale: float = 1.0) -> Interval:
    """The same quantity stated elsewhere (another table, paragraph or source), unit-scaled."""
    return value * scale


def cny_to_usd(cny: Interval, cny_per_usd: Interval, scale: float = 1.0) -> Interval:
    """Yuan amount in dollars at a yuan-per-dollar rate; `scale` converts units (e.g. 10)."""
    return cny * scale / cny_per_usd


def share_of_usd_pct(part_cny: Interval, whole_usd: Interval, cny_per_usd: Interval) -> Interval:
    """A yuan amount as a percent of a dollar amount converted at a yuan-per-dollar rate."""
    return part_cny / (whole_usd * cny_per_usd) * 100


def compound_decline_pct(growths: Sequence[Interval]) -> Interval:
    """Total fall over consecutive years from the annual growth rates (percent)."""
    factor = Interval.exact(1)
    for g in growths:
        factor = factor * (1 + g / 100)
    return (1 - factor) * 100


def compound_level(start: Interval, growths: Sequence[Interval], scale: float = 1.0
                   ) -> Interval:
    """Level reached from `start` (times `scale`) after the annual growth rates (percent)."""
    level = start * scale
    for g in growths:
        level = level * (1 + g / 100)
    return level


def count_inclusive(first: float, last: float) -> Interval:
    """Number of yearly events from `first` to `last` inclusive."""
    return Interval.exact(last - first + 1)


def residual(whole: Interval | float, parts: Sequence[Interval]) -> Interval:
    """What is left of whole after the parts (e.g. the primary share = 100 - others)."""
    return _iv(whole) - total(parts)


def weighted_share_pct(shares: Sequence[Interval], weights: Sequence[Interval]) -> Interval:
    """Weighted mean of shares (percent), e.g. the high-tech share of exports plus imports."""
    num = sum((s * w for s, w in zip(shares, weights, strict=True)), Interval.exact(0))
    return num / total(weights)


def per_unit(amount: Interval, count: Interval, scale: float = 1.0) -> Interval:
    """Amount per unit (e.g. employees per firm), times a unit factor."""
    return amount * scale / count


# --------------------------------------------------------------------------------------------
# Series: extremes, direction, rank and completeness (counts run from certain to possible).


def series_min(series: Series) -> Interval:
    """Smallest value of a series (interval of what the smallest printed value can be)."""
    return Interval(min(v.lo for v in series.values()), min(v.hi for v in series.values()))


def series_max(series: Series) -> Interval:
    """Largest value of a series."""
    return Interval(max(v.lo for v in series.values()), max(v.hi for v in series.values()))


def argmax_year(series: Series) -> Interval:
    """Year(s) of the peak: the span of every year whose value could be the largest."""
    top = max(v.lo for v in series.values())
    years = [int(k) for k, v in series.items() if v.hi >= top]
    return Interval(min(years), max(years))


def gap_min(minuend: Series, subtrahend: Series) -> Interval:
    """Smallest year-by-year gap minuend - subtrahend (percentage points)."""
    return series_min({k: minuend[k] - subtrahend[k] for k in minuend})


def gap_max(minuend: Series, subtrahend: Series) -> Interval:
    """Largest year-by-year gap minuend - subtrahend (percentage points)."""
    return series_max({k: minuend[k] - subtrahend[k] for k in minuend})


def relative_gap_min(reference: Series, other: Series) -> Interval:
    """Smallest gap of `other` below `reference` as a percent of the reference (a 'x% lower')."""
    return series_min({k: (1 - other[k] / reference[k]) * 100 for k in reference})


def relative_gap_max(reference: Series, other: Series) -> Interval:
    """Largest gap of `other` below `reference` as a percent of the reference."""
    return series_max({k: (1 - other[k] / reference[k]) * 100 for k in reference})


def _pairs(series: Series) -> list[tuple[Interval, Interval]]:
    keys = sorted(series)
    return [(series[a], series[b]) for a, b in zip(keys, keys[1:], strict=False)]


def count_rises(series: Series) -> Interval:
    """Number of year-on-year rises: from certain rises to possible ones given rounding."""
    pairs = _pairs(series)
    return _count(sum(1 for a, b in pairs if b.lo > a.hi), sum(1 for a, b in pairs if b.hi > a.lo))


def count_falls(series: Series) -> Interval:
    """Number of year-on-year falls: from certain falls to possible ones given rounding."""
    pairs = _pairs(series)
    return _count(sum(1 for a, b in pairs if b.hi < a.lo), sum(1 for a, b in pairs if b.lo < a.hi))


def falls_not_listed(series: Series, listed: Sequence[float]) -> Interval:
    """Year-on-year falls in years the list leaves out (0 = the list of falls is complete)."""
    keys = sorted(series)
    out = [(series[a], series[b]) for a, b in zip(keys, keys[1:], strict=False)
           if b not in {int(y) for y in listed}]
    return _count(sum(1 for a, b in out if b.hi < a.lo), sum(1 for a, b in out if b.lo < a.hi))


def count_not_above(series: Series | Sequence[Interval],
                    bound: Series | Interval | float = 0.0) -> Interval:
    """Years (or units) in which the series is not above the bound (a number, or a series of the
    same years)."""
    items = series.items() if isinstance(series, dict) else enumerate(series)

    def b(k: Any) -> Interval:
        return bound[k] if isinstance(bound, dict) else _iv(bound)
    pairs = [(v, b(k)) for k, v in items]
    return _count(sum(1 for v, w in pairs if v.hi <= w.lo),
                  sum(1 for v, w in pairs if v.lo <= w.hi))


def is_above(value: Interval, other: Interval) -> Interval:
    """1 if value is above other, 0 if not (0 to 1 when the rounding leaves it open)."""
    return _count(int(value.lo > other.hi), int(value.hi > other.lo))


def is_largest(target: Interval, others: Sequence[Interval],
               unlisted: Sequence[tuple[Interval | float, Sequence[Interval]]] = ()) -> Interval:
    """1 if target is the largest of the units compared, 0 if another is certainly larger.

    `unlisted`: pairs [whole, parts]: a unit the text does not name holds at most what the whole
    leaves after its named parts (e.g. a service industry not listed: the tertiary share minus
    the listed service industries), so it competes with that remainder.
    """
    rivals = list(others) + [residual(w, parts) for w, parts in unlisted]
    return _count(int(all(target.lo > o.hi for o in rivals)),
                  int(all(target.hi > o.lo for o in rivals)))


def is_smallest(target: Interval, others: Sequence[Interval]) -> Interval:
    """1 if target is the smallest of the units compared (e.g. 'ranked last')."""
    return _count(int(all(target.hi < o.lo for o in others)),
                  int(all(target.lo < o.hi for o in others)))


def order_violations(values: Sequence[Interval]) -> Interval:
    """Adjacent pairs of a list said to run largest first that are out of order (0 = in order)."""
    pairs = list(zip(values, values[1:], strict=False))
    return _count(sum(1 for a, b in pairs if b.lo > a.hi), sum(1 for a, b in pairs if b.hi > a.lo))


# --------------------------------------------------------------------------------------------
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
    """Liaoning's FDI (100 million USD): at most FDI_INTENSITY_CEILING times its GDP share of
    China's FDI (MOFCOM concept, EXTERNAL), GDPs of one vintage (as published).

    Why a ceiling of 4: Table 3 shows Liaoning less open to trade than China in every year (its
    trade dependency is 0.5-0.65 of the national one); an FDI share four times its GDP share would
    make it four times as open to foreign investment as the average province. The corrected 2015
    value (FDI table) puts the ratio near 1. The audit shows the ratio for every year.
    """
    return Interval(-INF, (china_fdi * gdp / china_gdp * FDI_INTENSITY_CEILING).hi)


def fdi_intensity_ratio(fdi: Interval, china_fdi: Interval, gdp: Interval,
                        china_gdp: Interval) -> Interval:
    """Liaoning's share of China's FDI over its share of China's GDP (1 = nationally average)."""
    return (fdi / china_fdi) / (gdp / china_gdp)


@dataclass(frozen=True)
class Rule:
    """A named rule and what a failure means (arithmetic: mismatch; plausibility: implausible)."""

    func: Callable[..., Interval] | None
    kind: str = "arithmetic"  # or "plausibility", "unverifiable"


RULES: dict[str, Rule] = {
    f.__name__: Rule(f)
    for f in (growth_pct, decline_pct, avg_growth_pct, avg_decline_pct, growth_slowdown_pp,
              multiple, multiple_increase, share_pct, dependency_pct, total, sum_scaled,
              difference, same_value, cny_to_usd, share_of_usd_pct, compound_decline_pct,
              compound_level, count_inclusive, residual, weighted_share_pct, per_unit,
              series_min, series_max, argmax_year, gap_min, gap_max, relative_gap_min,
              relative_gap_max, count_rises, count_falls, falls_not_listed, count_not_above,
              is_above, is_largest, is_smallest, order_violations, fall_accelerates,
              at_most, share_at_most_rest, at_least, share_at_least, share_at_least_from_count,
              at_least_product, count_at_most)
}
RULES.update({f.__name__: Rule(f, "plausibility")
              for f in (plausible_headcount, plausible_per_firm, plausible_fertility_floor,
                        plausible_fdi_share)})
RULES["unverifiable"] = Rule(None, "unverifiable")
