"""Every rule the register may name, with the kind of bound a failure of it breaks.

`arithmetic` (the default): a failure contradicts the claim, or differs by vintage or source,
depending on the row's basis. `hard_bound`: a failure is `implausible` (physically impossible).
`rule_of_thumb`: a failure is `doubtful`. `unverifiable`: no rule, the register says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analysis.rounding import Interval

from . import bounds, rules

KINDS = ("arithmetic", "hard_bound", "rule_of_thumb", "unverifiable")


@dataclass(frozen=True)
class Rule:
    """A named rule and what kind of bound a failure of it breaks."""

    func: Callable[..., Interval] | None
    kind: str = "arithmetic"


_ARITHMETIC = (
    rules.growth_pct, rules.decline_pct, rules.avg_growth_pct, rules.avg_decline_pct,
    rules.growth_slowdown_pp, rules.multiple, rules.multiple_increase, rules.share_pct,
    rules.dependency_pct, rules.total, rules.sum_scaled, rules.difference, rules.same_value,
    rules.cny_to_usd, rules.share_of_usd_pct, rules.compound_decline_pct, rules.compound_level,
    rules.count_inclusive, rules.residual, rules.weighted_share_pct, rules.per_unit,
    rules.series_min, rules.series_max, rules.argmax_year, rules.gap_min, rules.gap_max,
    rules.relative_gap_min, rules.relative_gap_max, rules.count_rises, rules.count_falls,
    rules.falls_not_listed, rules.count_falls_in, rules.count_not_above, rules.is_above,
    rules.is_largest, rules.is_smallest, rules.is_largest_fall, rules.is_majority,
    rules.order_violations, rules.fall_accelerates, rules.held_every_year, rules.years_between,
    rules.years_apart_at_least,
    rules.list_count, rules.at_least_listed, rules.rank_after, rules.items_missing,
    bounds.at_most, bounds.share_at_most_rest, bounds.at_least, bounds.share_at_least,
    bounds.share_at_least_from_count, bounds.at_least_product, bounds.count_at_most,
)

RULES: dict[str, Rule] = {f.__name__: Rule(f) for f in _ARITHMETIC}
RULES.update({f.__name__: Rule(f, "hard_bound") for f in (
    bounds.plausible_headcount, bounds.plausible_per_firm, bounds.plausible_fertility_floor)})
RULES["plausible_fdi_share"] = Rule(bounds.plausible_fdi_share, "rule_of_thumb")
RULES["unverifiable"] = Rule(None, "unverifiable")
