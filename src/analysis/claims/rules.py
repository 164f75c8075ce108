"""The audit's rules: each recomputes one kind of statement from intervals, returning an Interval.

Arithmetic rules (growth, shares, sums, conversions), statements without a number (direction over
a span, rank among the units the data hold, completeness of a list of years: their result is a
count or a yes/no, 1 = yes, as an interval from what is certain to what the rounding allows) and
counts of the items of a list the text gives. One-sided bounds (feasibility, plausibility) are in
`bounds`; `catalogue.RULES` names every rule the register may use.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from analysis.rounding import Interval

INF = math.inf

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


def count_falls_in(series: Series, years: Sequence[float]) -> Interval:
    """Year-on-year falls in the years a sentence names (a list without 'only' claims no more)."""
    keys = sorted(series)
    named = {int(y) for y in years}
    pairs = [(series[a], series[b]) for a, b in zip(keys, keys[1:], strict=False) if b in named]
    return _count(sum(1 for a, b in pairs if b.hi < a.lo), sum(1 for a, b in pairs if b.lo < a.hi))


def is_largest_fall(series: Series, year: float) -> Interval:
    """1 if the fall into `year` (percent of the level before) is larger than every other year's
    change in the series ('前所未有': unprecedented, over the years the data hold)."""
    keys = sorted(series)
    falls = {b: decline_pct(series[a], series[b]) for a, b in zip(keys, keys[1:], strict=False)}
    target = falls[int(year)]
    others = [v for k, v in falls.items() if k != int(year)]
    return _count(int(all(target.lo > o.hi for o in others)),
                  int(all(target.hi > o.lo for o in others)))


def is_majority(part: Interval | Sequence[Interval], whole: Interval | float) -> Interval:
    """1 if the part (or the sum of parts) is more than half of the whole ('主要': mainly)."""
    return is_above(total(part), _iv(whole) * 0.5)


def held_every_year(events: Interval, first: Interval, last: Interval) -> Interval:
    """1 if `events` yearly events fit from `first` to `last` (每年: every year), else 0."""
    years = last - first + 1
    return _count(int(events.lo >= years.hi and events.hi <= years.lo + 1e-9),
                  int(events.hi >= years.lo and events.lo <= years.hi))


def years_between(earlier: Interval, later: Interval) -> Interval:
    """Years from an earlier to a later date the text names (e.g. '七年来' from 2006 to 2013)."""
    return _iv(later) - _iv(earlier)


def years_apart_at_least(earlier: Interval, later: Interval, years: float) -> Interval:
    """1 if at least `years` years lie between two dates the text names (多年: several years)."""
    return is_above(years_between(earlier, later), _iv(years) - 1e-9)


# --------------------------------------------------------------------------------------------
# Lists the text gives (data/report/lists.csv): the count is the number of items printed.


def list_count(items: Sequence[str]) -> Interval:
    """Number of items of a list the text gives ('以下七个领域' followed by its list)."""
    return Interval.exact(len(items))


def at_least_listed(items: Sequence[str]) -> Interval:
    """Feasibility: a count said to include (包括...等) the listed items is at least as many."""
    return Interval(float(len(items)), INF)


def rank_after(items: Sequence[str]) -> Interval:
    """Feasibility: ranked behind the listed units ('落后于...'), the rank is at least their
    number plus one."""
    return Interval(float(len(items) + 1), INF)


def items_missing(items: Sequence[str], other: Sequence[str]) -> Interval:
    """Items of one list that another list of the same thing leaves out (0 = they agree)."""
    return Interval.exact(sum(1 for i in items if i not in set(other)))

