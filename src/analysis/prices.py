"""Prices behind the trade figures: the oil-price part of the 2015 import fall, deflated trade.

Why: Table 3 is in current dollars. Paragraph 37 names falling oil and commodity prices as a
cause of the 2015 fall and paragraph 40 gives crude oil's share of imports; the trend years
span yuan appreciation and producer-price swings. A claim about "trade" is about volumes only
once prices are taken out, and the price basis has to be stated.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["oil_price_effect", "oil_share_of_import_fall", "crude_volume_change_pct",
           "price_index", "deflate_usd", "to_usd"]


def oil_price_effect(crude_value: float, brent_before: float, brent_after: float,
                     value_year: str) -> tuple[float, float]:
    """Crude import value (before, after) if only the price moved, from one year's value.

    ``value_year`` says which year ``crude_value`` belongs to ("before" or "after"); the other
    year's value is that value times the Brent price ratio (volumes and the unit-value gap
    between Liaoning's crude and Brent held fixed).
    """
    if min(brent_before, brent_after) <= 0:
        raise ValueError("oil_price_effect: Brent prices must be positive")
    if value_year == "after":
        return crude_value * brent_before / brent_after, crude_value
    if value_year == "before":
        return crude_value, crude_value * brent_after / brent_before
    raise ValueError(f"value_year must be 'before' or 'after', got {value_year!r}")


def oil_share_of_import_fall(imports_before: float, imports_after: float, crude_share_pct: float,
                             brent_before: float, brent_after: float) -> pd.DataFrame:
    """The part of an import fall that crude's price change alone accounts for, two readings.

    Paragraph 40 gives crude's share of imports without a year: read as the later year's share
    (the paragraph's "2015") and as the earlier year's. Each reading values the price effect at
    that year's volumes. Rows: share_year "after"/"before"; columns: crude before/after, price
    effect and import fall (both 100 million USD), the price effect as % of the fall, and what
    each reading implies: crude's share of imports in the other year and the change of non-crude
    imports (read as 2015's, 22.5 % implies crude was 34.9 % of 2014 imports and non-crude
    imports fell only 2.4 %).
    """
    fall = imports_before - imports_after
    if fall <= 0:
        raise ValueError(f"imports did not fall ({imports_before} -> {imports_after})")
    rows = {}
    for which, base in (("after", imports_after), ("before", imports_before)):
        before, after = oil_price_effect(base * crude_share_pct / 100.0, brent_before,
                                         brent_after, which)
        effect = before - after
        rows[which] = {"crude_before": before, "crude_after": after, "price_effect": effect,
                       "import_fall": fall, "share_of_fall_pct": 100.0 * effect / fall,
                       "crude_share_before_pct": 100.0 * before / imports_before,
                       "crude_share_after_pct": 100.0 * after / imports_after,
                       "non_crude_change_pct": 100.0 * ((imports_after - after)
                                                        / (imports_before - before) - 1.0)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "share_year"
    return out


def crude_volume_change_pct(share_before_pct: float, share_after_pct: float,
                            imports_before: float, imports_after: float, brent_before: float,
                            brent_after: float) -> float:
    """Change in crude volumes (%) that two years' crude shares of imports imply, with crude's
    price moving like Brent: value ratio over price ratio, minus one. (If paragraph 40's 22.5 %
    held in 2014 and 2015 alike, crude volumes would have risen 55 %.)"""
    if min(brent_before, brent_after, share_before_pct, imports_before) <= 0:
        raise ValueError("crude_volume_change_pct: prices, the earlier share and imports must be "
                         "positive")
    value_ratio = (share_after_pct * imports_after) / (share_before_pct * imports_before)
    return 100.0 * (value_ratio / (brent_after / brent_before) - 1.0)


def price_index(pct_change: pd.Series, base_year: int) -> pd.Series:
    """Price index (base_year = 100) chained from year-on-year changes in percent.

    The first year's change is not used (it links to a year outside the series).
    """
    s = pct_change.astype(float).sort_index()
    if base_year not in s.index:
        raise KeyError(f"price_index: base year {base_year} not in {list(s.index)}")
    level = (1 + s / 100.0).cumprod() / (1 + s.iloc[0] / 100.0)
    return 100.0 * level / level.loc[base_year]


def deflate_usd(nominal_usd: pd.Series | pd.DataFrame, cny_per_usd: pd.Series,
                pct_change: pd.Series, base_year: int) -> pd.Series | pd.DataFrame:
    """Dollar values in constant base-year dollars: to yuan at each year's rate, deflated by a
    yuan price index (e.g. PPI), back to dollars at the base year's rate.

    So a real series moves only with volumes (as far as the index tracks traded goods' prices),
    not with the exchange rate or with prices.
    """
    years = list(nominal_usd.index)
    missing = sorted(set(int(y) for y in years) - set(int(y) for y in cny_per_usd.index)
                     | set(int(y) for y in years) - set(int(y) for y in pct_change.index))
    if missing:
        raise KeyError(f"deflate_usd: no rate or price change for year(s) {missing}")
    idx = price_index(pct_change, base_year).loc[years]
    factor = cny_per_usd.loc[years] / (idx / 100.0) / float(cny_per_usd.loc[base_year])
    return nominal_usd.mul(factor.to_numpy(), axis=0)


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
