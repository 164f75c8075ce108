"""Foreign trade and FDI arithmetic for report sections III.B-III.C (Table 3, partner, FDI tables).

Why: the notebooks on the trade collapse and the FDI drop need the same few derived tables
(growth decomposed into export and import contributions, printed vs recomputed ratios, partner
shares, yuan-to-dollar conversions, composition with an explicit "other"); they live here so
the notebooks only call and show. Generic growth arithmetic comes from ``analysis.growth``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.growth import contributions, growth_rate, ratio_pct, shares
from analysis.rounding import Interval

__all__ = [
    "fall_decomposition",
    "recompute_ratio",
    "partner_shares",
    "partner_share_of_liaoning",
    "to_usd",
    "with_other",
    "multiple",
    "to_unit",
    "pct_of",
    "whole_from_share",
    "shares_of",
    "level_before_change",
    "amount_from_share",
    "remainder",
]

# Size of each money unit the report uses, in units of its currency (万 = 1e4, 亿 = 1e8).
_MONEY_UNITS = {
    "10 thousand USD": ("USD", 1e4),
    "100 million USD": ("USD", 1e8),
    "10 thousand yuan": ("yuan", 1e4),
    "100 million yuan": ("yuan", 1e8),
    "billion yuan": ("yuan", 1e9),
}


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Copy without ``attrs``: loaded frames carry a DataFrame in attrs, which breaks pd.concat."""
    out = df.copy()
    out.attrs = {}
    return out


def fall_decomposition(trade: pd.DataFrame, years: Iterable[int] | None = None) -> pd.DataFrame:
    """Growth of exports, imports and total trade (%) and the export/import contributions (pp).

    Contributions are changes divided by the previous year's printed total trade, so they add
    up to the total's growth up to the rounding of the printed rows.
    """
    for c in ("exports", "imports", "total_trade"):
        if c not in trade.columns:
            raise KeyError(f"fall_decomposition needs column {c!r} (Table 3)")
    trade = _plain(trade)
    contrib = contributions(trade[["exports", "imports"]], total=trade["total_trade"])
    out = pd.DataFrame(
        {
            "exports_growth": growth_rate(trade["exports"]),
            "imports_growth": growth_rate(trade["imports"]),
            "total_trade_growth": growth_rate(trade["total_trade"]),
            "exports_contribution": contrib["exports"],
            "imports_contribution": contrib["imports"],
        }
    )
    out["contribution_sum"] = out["exports_contribution"] + out["imports_contribution"]
    out = out.dropna(how="all")
    if years is not None:
        out = out.loc[list(years)]
    return out


def recompute_ratio(
    df: pd.DataFrame, numerator: str, denominator: str, printed: str
) -> pd.DataFrame:
    """Printed ratio (%) beside 100 * numerator / denominator from the same table, and the gap."""
    df = _plain(df)
    re = ratio_pct(df[numerator], df[denominator])
    return pd.DataFrame(
        {"printed": df[printed], "recomputed": re, "difference": df[printed] - re}
    )


def partner_shares(partner: pd.DataFrame) -> pd.DataFrame:
    """Per partner and year: exports/imports as % of that partner's total, and each partner's %
    of the three partners' combined exports, imports and total trade.

    ``partner`` is the (partner, year)-indexed partner table (100 million yuan).
    """
    partner = _plain(partner)
    own = shares(partner[["exports", "imports"]], total=partner["total_trade"]).add_suffix(
        "_share_of_partner_total"
    )
    combined = partner.groupby(level="year").transform("sum")
    of_three = (partner / combined * 100.0).add_suffix("_share_of_three")
    return pd.concat([own, of_three], axis=1)


def to_usd(yuan: pd.Series | pd.DataFrame, cny_per_usd: pd.Series) -> pd.Series | pd.DataFrame:
    """Convert yuan amounts indexed by year (or by (..., year)) to USD at each year's rate."""
    years = yuan.index.get_level_values("year") if isinstance(yuan.index, pd.MultiIndex) else (
        yuan.index
    )
    missing = sorted(set(int(y) for y in years) - set(int(y) for y in cny_per_usd.index))
    if missing:
        raise KeyError(f"to_usd: no CNY/USD rate for year(s) {missing}")
    rate = pd.Series(cny_per_usd.reindex(years).to_numpy(), index=yuan.index)
    return yuan.div(rate, axis=0)


def partner_share_of_liaoning(
    partner: pd.DataFrame, trade: pd.DataFrame, cny_per_usd: pd.Series
) -> pd.DataFrame:
    """Japan, Korea, Russia and their sum as % of Liaoning's Table 3 trade, years in both tables.

    The partner table is in 100 million yuan and Table 3 in 100 million USD, so partner values
    are converted with the (external) annual-average CNY/USD rate. Returns rows (partner, year)
    with the partner value in USD and the share for exports, imports and total trade.
    """
    cols = ["exports", "imports", "total_trade"]
    partner, trade = _plain(partner), _plain(trade)
    years = sorted(set(partner.index.get_level_values("year")) & set(trade.index))
    if not years:
        raise ValueError("partner table and Table 3 have no year in common")
    p = partner.loc[partner.index.get_level_values("year").isin(years), cols]
    three = p.groupby(level="year").sum()
    three.index = pd.MultiIndex.from_product([["three_partners"], three.index], names=p.index.names)
    both = pd.concat([p, three])
    usd = to_usd(both, cny_per_usd)
    liaoning = trade.loc[both.index.get_level_values("year"), cols].to_numpy()
    share = usd / liaoning * 100.0
    return pd.concat([usd.add_suffix("_usd"), share.add_suffix("_share_of_liaoning")], axis=1)


def with_other(parts: pd.Series, total: float = 100.0, name: str = "other") -> pd.Series:
    """Parts of a whole plus the remainder ``total - sum(parts)`` (e.g. 'other' export goods)."""
    rest = total - float(parts.sum())
    if rest < -1e-9:
        raise ValueError(f"parts sum to {parts.sum():g}, more than the total {total:g}")
    return pd.concat([parts, pd.Series({name: rest})])


def multiple(first: float, last: float) -> dict[str, float]:
    """How many times ``last`` is ``first`` (ratio) and how many times it grew (ratio - 1)."""
    if first <= 0:
        raise ValueError(f"multiple: first value must be positive, got {first}")
    return {"ratio": last / first, "increase": last / first - 1.0}


def to_unit(value: float, unit: str, target: str) -> float:
    """Convert a money amount between the report's units (e.g. 7000 '10 thousand USD' -> 0.7
    '100 million USD'); refuses to mix currencies."""
    for u in (unit, target):
        if u not in _MONEY_UNITS:
            raise ValueError(f"unknown money unit {u!r}; known: {sorted(_MONEY_UNITS)}")
    (cur_from, size_from), (cur_to, size_to) = _MONEY_UNITS[unit], _MONEY_UNITS[target]
    if cur_from != cur_to:
        raise ValueError(f"cannot convert {unit!r} to {target!r} without an exchange rate")
    return value * size_from / size_to


def pct_of(part: float, whole: float) -> float:
    """``part`` as percent of ``whole`` (e.g. Fuxin's trade as % of Dalian's)."""
    if whole == 0:
        raise ValueError("pct_of: whole is zero")
    return 100.0 * part / whole


def whole_from_share(part: float, share_pct: float) -> float:
    """The whole implied by a part and its stated share in percent (part / (share / 100))."""
    if share_pct == 0:
        raise ValueError("whole_from_share: share is zero")
    return part / (share_pct / 100.0)


def shares_of(values: pd.Series, total: float | None = None) -> pd.Series:
    """Each value as percent of ``total`` (default: their sum), e.g. FDI by sector."""
    whole = float(values.sum()) if total is None else float(total)
    if whole == 0:
        raise ValueError("shares_of: total is zero")
    return values.astype(float) / whole * 100.0


def level_before_change(level: float, change_pct: float) -> float:
    """Previous level implied by a level and its percent change (level / (1 + change/100))."""
    if change_pct <= -100:
        raise ValueError(f"level_before_change: change of {change_pct} % cannot be reversed")
    return level / (1.0 + change_pct / 100.0)


def amount_from_share(whole: float, share_pct: float) -> float:
    """The part a stated percent share of ``whole`` stands for (whole * share / 100)."""
    return whole * share_pct / 100.0


def remainder(parts: Iterable[Interval | float], total: float = 100.0) -> Interval:
    """What is left of ``total`` (default 100 %) after parts given as numbers or ranges."""
    rest = Interval.exact(total)
    for p in parts:
        rest = rest - p
    return rest
