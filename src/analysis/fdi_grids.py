"""Notebook 04's FDI trend and break under every specification a referee would vary, its tests.

Why (issue 18, points 2, 3 and 10): the FDI table's last year measured like the fit window is
2014 (2015 is a series break), so the headline is 2014 against the pre-2014 trend: every fit
window of six or more years ending 2012-2013 (a window ending 2014 cannot judge 2014), form
(log-linear, linear, squared term) and price basis. The FDI table has one vintage for 2006-2014
(the levels before Liaoning's correction; no corrected series exists in the data), so there is
no vintage dimension. Every result is conditional on those levels, which the share-of-China
check flags: the notebook says so beside each number.

The one-year check "outside the 95 % prediction interval" is Chow's predictive test of that year
(`analysis.breaks`): one test, counted once.
"""

from __future__ import annotations

import pandas as pd

from analysis import prices, specgrid, trendgap
from analysis.specgrid import Estimate
from analysis.trend import fit_quadratic_log_trend

__all__ = ["fdi_series", "trend_grid", "squared_term_by_window", "tests_run"]


def fdi_series(fdi: pd.Series, cny_per_usd: pd.Series,
               price_changes: dict[str, pd.Series], base_year: int) -> dict[str, pd.Series]:
    """FDI by price basis: nominal ("none") and deflated by each index in ``price_changes``."""
    out = {"none": fdi}
    for name, changes in price_changes.items():
        out[name] = prices.deflate_usd(fdi, cny_per_usd, changes, base_year)
    return out


def trend_grid(series: dict[str, pd.Series], year: int, chosen_window: tuple[int, int],
               first: int) -> pd.DataFrame:
    """``year``'s FDI against its trend under every window ending before it, form and price
    basis; the conclusion: below the 95 % PI. Chosen: ``chosen_window``, log-linear, nominal."""
    dims = [specgrid.window_dimension(first, chosen_window, before=year),
            specgrid.form_dimension(), specgrid.deflator_dimension()]

    def estimate(fit_window, trend_form, deflator):
        g = trendgap.gap(series[deflator], *fit_window, year, trend_form)
        return Estimate(g.gap_pct, g.gap_low_pct, g.gap_high_pct, g.actual < g.pi_lower)

    return specgrid.evaluate(dims, estimate)


def squared_term_by_window(fdi: pd.Series, windows: tuple[tuple[int, int], ...]) -> pd.DataFrame:
    """The squared term of the log trend on each window: coefficient and p-value (negative and
    small: growth slowing, if the levels are believed)."""
    rows = {}
    for start, end in windows:
        fit = fit_quadratic_log_trend(fdi, start, end)
        rows[f"{start}-{end}"] = {"t2_coef": fit.t2_coef, "t2_p_value": fit.t2_p_value}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "fit_window"
    return out


def tests_run(fdi: pd.Series, start: int, end: int, year: int) -> pd.DataFrame:
    """The tests notebook 04 reports: ``year`` outside the PI of the [start, end] log trend
    (the one-year Chow test), and the squared term on [start, end]. Columns as
    `analysis.trade_grids.tests_run`: test, series, tested_years, p_value."""
    return pd.DataFrame(
        [("test_outside_pi", "fdi", str(year), trendgap.gap(fdi, start, end, year).p_value),
         ("test_squared_term", "fdi", f"{start}-{end}",
          fit_quadratic_log_trend(fdi, start, end).t2_p_value)],
        columns=["test", "series", "tested_years", "p_value"])
