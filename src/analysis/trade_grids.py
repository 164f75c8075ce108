"""Notebook 03's headlines under every specification a referee would vary, and its tests.

Why (issue 18, points 7, 8 and 10): the 2015 shortfall, Liaoning against China, the deflated
view and the oil share each rested on one specification. Each grid here evaluates one headline
with `analysis.specgrid` and `analysis.trendgap`:

- shortfall: 2015 total trade against its trend; fit window x form (log-linear, linear, squared
  term) x price basis (nominal, China's PPI, GDP deflator, CPI; export and import price indices
  are not in the data) x data (Table 3, NBS: trade is not revised with GDP, so NBS's later
  publication of the same customs figures is the other "vintage"). Conclusion: below the 95 %
  prediction interval (PI).
- relative to China: Liaoning's share of China's trade against its trend. Under the log-linear
  form this *is* the relative gap, (1 + Liaoning's gap) / (1 + China's gap) - 1, because OLS on
  ln(L) - ln(C) gives the difference of the two fits: so the relative gap gets the share fit's
  PI. Forms add a constant share (the share's slope is not significant). Prices cancel in a
  share of the same currency. Conclusion: below the PI.
- deflated view: the shortfall grid's deflated rows; conclusion: inside the PI (what the
  PPI-deflated sentence claims).
- oil: the crude-share year (paragraph 40 gives none); conclusion: Brent's fall alone accounts
  for more than half of the import fall.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis import data, prices, specgrid, trendgap
from analysis.breaks import break_table
from analysis.specgrid import Dimension, Estimate

__all__ = [
    "SOURCES",
    "price_bases",
    "trade_series",
    "share_series",
    "shortfall_grid",
    "share_grid",
    "deflated_view",
    "oil_grid",
    "tests_run",
]

SOURCES = ("table3", "nbs")  # the two publications of Liaoning's trade (Table 3 first: chosen)


def price_bases() -> dict[str, pd.Series]:
    """Year-on-year change (%) of each deflator in `specgrid.DEFLATORS` (external series)."""
    return {name: data.load(name)["value"] for name in specgrid.DEFLATORS if name != "none"}


def trade_series(sources: Mapping[str, pd.Series], cny_per_usd: pd.Series,
                 base_year: int) -> dict[tuple[str, str], pd.Series]:
    """Every (source, price basis) version of total trade: nominal, or in ``base_year``
    dollars deflated by each index (`prices.deflate_usd`)."""
    bases = price_bases()
    out = {}
    for source, series in sources.items():
        out[(source, "none")] = series
        for name, changes in bases.items():
            out[(source, name)] = prices.deflate_usd(series, cny_per_usd, changes, base_year)
    return out


def share_series(sources: Mapping[str, pd.Series], china: pd.Series) -> dict[str, pd.Series]:
    """Each source's total trade as % of China's (external NBS), years both have."""
    out = {}
    for source, series in sources.items():
        years = series.dropna().index.intersection(china.dropna().index)
        out[source] = 100.0 * series.loc[years] / china.loc[years]
    return out


def _below(g: trendgap.Gap) -> Estimate:
    """A gap as a grid estimate; the conclusion: the year lies below the PI."""
    return Estimate(g.gap_pct, g.gap_low_pct, g.gap_high_pct, g.actual < g.pi_lower)


def shortfall_grid(series: Mapping[tuple[str, str], pd.Series], year: int,
                   chosen_window: tuple[int, int], first: int) -> pd.DataFrame:
    """``year``'s total trade against its trend under every window, form, price basis and
    source (``series`` from `trade_series`); chosen: ``chosen_window``, log-linear, nominal,
    Table 3."""
    dims = [specgrid.window_dimension(first, chosen_window, before=year),
            specgrid.form_dimension(), specgrid.deflator_dimension(),
            Dimension("source", tuple(s for s in SOURCES if (s, "none") in series), SOURCES[0])]

    def estimate(fit_window, trend_form, deflator, source):
        return _below(trendgap.gap(series[(source, deflator)], *fit_window, year, trend_form))

    return specgrid.evaluate(dims, estimate)


def share_grid(shares: Mapping[str, pd.Series], year: int, chosen_window: tuple[int, int],
               first: int) -> pd.DataFrame:
    """``year``'s share of China's trade against its trend (the relative gap) under every
    window, form (with a constant share) and source; chosen: log-linear, Table 3."""
    dims = [specgrid.window_dimension(first, chosen_window, before=year),
            specgrid.form_dimension(share=True),
            Dimension("source", tuple(s for s in SOURCES if s in shares), SOURCES[0])]

    def estimate(fit_window, trend_form, source):
        return _below(trendgap.gap(shares[source], *fit_window, year, trend_form))

    return specgrid.evaluate(dims, estimate)


def deflated_view(shortfall: pd.DataFrame, chosen_deflator: str = "china_ppi") -> pd.DataFrame:
    """The deflated rows of a `shortfall_grid`, the conclusion turned to "inside the PI" (the
    gaps the PI allows include 0); chosen: the shortfall's choices with ``chosen_deflator``."""
    chosen = shortfall.loc[shortfall["chosen"]].iloc[0]
    others = [d for d in specgrid.dimensions_of(shortfall) if d != "deflator"]
    out = shortfall[shortfall["deflator"] != "none"].copy()
    out["holds"] = (out["low"] <= 0) & (out["high"] >= 0)
    out["chosen"] = (out["deflator"] == chosen_deflator) & \
        (out[others] == chosen[others]).all(axis=1)
    return out.reset_index(drop=True)


def oil_grid(imports_before: float, imports_after: float, crude_share_pct: float,
             brent_before: float, brent_after: float, year: int) -> pd.DataFrame:
    """Brent's share of the import fall with paragraph 40's crude share read as ``year``'s
    (chosen: the paragraph's year) or the year before's; the conclusion: more than half."""
    readings = prices.oil_share_of_import_fall(imports_before, imports_after, crude_share_pct,
                                               brent_before, brent_after)
    dims = [Dimension("crude_share_year", (year, year - 1), year)]

    def estimate(crude_share_year):
        value = float(readings.loc["after" if crude_share_year == year else "before",
                                   "share_of_fall_pct"])
        return Estimate(value, float("nan"), float("nan"), value > 50.0)

    return specgrid.evaluate(dims, estimate)


def tests_run(table3: pd.DataFrame, china_total: pd.Series, share: pd.Series,
              deflated_total: pd.Series, start: int, end: int) -> pd.DataFrame:
    """Every test notebook 03 reports, one row each: the joint Chow tests of the years after the
    fit window (exports, imports, total), then each year's prediction-interval check (the
    one-year predictive Chow test) for Liaoning's flows, China's total, Liaoning's share of
    China's and the deflated total, all on [start, end]. Columns: test, series, tested_years,
    p_value.
    The specification grids are not counted: they ask the same questions under other choices.
    """
    flows = ["exports", "imports", "total_trade"]
    rows = []
    chow = break_table(table3, flows, start, end)
    for flow in flows:
        years = f"{int(chow.loc[flow, 'first_year'])}-{int(chow.loc[flow, 'last_year'])}"
        rows.append(("test_chow_joint", flow, years, float(chow.loc[flow, "p_value"])))
    checked = [*((flow, table3[flow]) for flow in flows), ("china_total_trade", china_total),
               ("share_of_china_trade", share), ("total_trade_real", deflated_total)]
    last = int(table3.index.max())
    for name, series in checked:
        for year in range(end + 1, last + 1):
            rows.append(("test_outside_pi", name, str(year),
                         trendgap.gap(series, start, end, year).p_value))
    return pd.DataFrame(rows, columns=["test", "series", "tested_years", "p_value"])
