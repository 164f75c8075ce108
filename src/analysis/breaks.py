"""Structural-break tests for short annual series: one design, gaps and p from the same fits.

Why (issue 18, point 3): the break tests used to quote p-values from one set of fits (the
8-year trend) and rank placebo windows fitted on 4 years, and counted the one-year predictive
Chow test beside "outside the prediction interval" although the two are the same test. Here:

- `break_table`: the years after the fit window, tested jointly against the trend fitted on the
  window (Chow's predictive test), with each year's gap to that same trend. With one year after
  the window it *is* the prediction-interval check (`analysis.trendgap.Gap.p_value`): count it
  once.
- `placebo_breaks`: the same test on every earlier window of as many years, each against the
  ``pre_years`` years just before it (so all have the same degrees of freedom), with the gaps
  from those same fits. With about five windows this describes how unusual the last years are;
  it is not a test (the smallest attainable rank p would be 1/5).

Errors are assumed independent and normal (classical OLS); with 8 points this cannot be
checked, and the break year was chosen after seeing the data: read p-values as rough.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS

from analysis.trend import window
from analysis.trendgap import gap

__all__ = ["ChowResult", "chow_test", "break_table", "placebo_breaks"]


@dataclass(frozen=True)
class ChowResult:
    """F test of a structural break at a known year (``method``: "breakpoint" or "predictive")."""

    name: str
    break_year: int
    method: str
    f_stat: float
    p_value: float
    df_num: int
    df_denom: int
    n_pre: int
    n_post: int
    log: bool


def chow_test(
    s: pd.Series,
    break_year: int,
    start: int | None = None,
    end: int | None = None,
    log: bool = True,
    method: str = "breakpoint",
) -> ChowResult:
    """F test that the (log-)linear trend changes from ``break_year`` on (statsmodels OLS + F test).

    ``method="breakpoint"``: Chow's classic test, i.e. intercept and slope dummies for the years
    from ``break_year`` on, F test that both are zero; needs >= 2 post-break years.
    ``method="predictive"``: Chow's forecast test, one dummy per post-break year (valid with a
    single post-break year), F test that all are zero.

    What ten annual points can support: with 8 pre-break and 2 post-break years the test has 6
    residual degrees of freedom, assumes independent normal errors that cannot be checked
    on 8 points, and the break year is chosen after looking at the data, so its nominal p-value
    overstates the evidence (``placebo_breaks`` describes how unusual it is). A very small
    p-value says the last years are far off the earlier line; it cannot say why, nor that the
    change will persist.
    """
    start = int(s.dropna().index.min()) if start is None else start
    end = int(s.dropna().index.max()) if end is None else end
    w = window(s, start, end)
    if log:
        if (w <= 0).any():
            raise ValueError(f"series {s.name!r}: log=True needs positive values")
        w = np.log(w)
    yrs = np.asarray(w.index, dtype=int)
    post = yrs >= break_year
    n_pre, n_post = int((~post).sum()), int(post.sum())
    if n_pre < 3:
        raise ValueError(f"break_year={break_year}: need >= 3 years before it, got {n_pre}")
    x = pd.DataFrame({"const": 1.0, "t": (yrs - start).astype(float)}, index=w.index)
    if method == "breakpoint":
        if n_post < 2:
            raise ValueError(
                f"break_year={break_year}: breakpoint test needs >= 2 years from it on, got "
                f"{n_post}; use method='predictive'"
            )
        x["d"] = post.astype(float)
        x["d_t"] = x["d"] * (yrs - break_year)
        names = ["d", "d_t"]
    elif method == "predictive":
        if n_post < 1:
            raise ValueError(f"break_year={break_year}: no years from it on in {start}-{end}")
        names = [f"d{y}" for y in yrs[post]]
        for y, nm in zip(yrs[post], names, strict=True):
            x[nm] = (yrs == y).astype(float)
    else:
        raise ValueError(f"method must be 'breakpoint' or 'predictive', got {method!r}")
    res = OLS(np.asarray(w, dtype=float), x).fit()
    if res.df_resid < 1:
        raise ValueError(f"no residual degrees of freedom left for break_year={break_year}")
    ft = res.f_test(", ".join(f"{nm} = 0" for nm in names))
    return ChowResult(
        name=str(s.name),
        break_year=break_year,
        method=method,
        f_stat=float(np.squeeze(ft.fvalue)),
        p_value=float(ft.pvalue),
        df_num=int(ft.df_num),
        df_denom=int(ft.df_denom),
        n_pre=n_pre,
        n_post=n_post,
        log=log,
    )


def break_table(frame: pd.DataFrame, columns: list[str], start: int, end: int,
                last: int | None = None, log: bool = True) -> pd.DataFrame:
    """For each column: the years after the fit window [start, end] (through ``last``, default
    the column's last year) tested jointly against the trend fitted on the window (Chow's
    predictive test), beside the first and last year's gap (%) to that same trend.

    Columns: first_year, last_year, gap_first_pct, gap_last_pct, f_stat, df_num, df_denom,
    p_value. One year after the window: the test is the prediction-interval check itself.
    """
    form = "log_linear" if log else "linear"
    rows = {}
    for c in columns:
        s = frame[c].dropna()
        final = int(s.index.max()) if last is None else last
        r = chow_test(s, end + 1, start=start, end=final, log=log, method="predictive")
        rows[c] = {"first_year": end + 1, "last_year": final,
                   "gap_first_pct": gap(s, start, end, end + 1, form).gap_pct,
                   "gap_last_pct": gap(s, start, end, final, form).gap_pct,
                   "f_stat": r.f_stat, "df_num": r.df_num, "df_denom": r.df_denom,
                   "p_value": r.p_value}
    return pd.DataFrame.from_dict(rows, orient="index")


def placebo_breaks(s: pd.Series, n_post: int, pre_years: int, start: int | None = None,
                   end: int | None = None, log: bool = True) -> pd.DataFrame:
    """Every window of ``n_post`` years, tested like the real one against the ``pre_years``
    years just before it (equal degrees of freedom), with its gaps from that same fit.

    One row per window (break_year = its first year): fit_start, fit_end, end_year, the gap of
    its first and last year (%; one column, gap_pct, when ``n_post`` is 1), f_stat, df_denom,
    p_value, rank_by_p (1 = smallest p) and rank_by_size (1 = largest absolute gap in the
    window's last year). Descriptive: a handful of windows is no test.
    """
    start = int(s.dropna().index.min()) if start is None else start
    end = int(s.dropna().index.max()) if end is None else end
    if pre_years < 3:
        raise ValueError(f"pre_years must be >= 3 (a line needs a residual), got {pre_years}")
    form = "log_linear" if log else "linear"
    rows = []
    for b in range(start + pre_years, end - n_post + 2):
        fit_start, fit_end, last = b - pre_years, b - 1, b + n_post - 1
        r = chow_test(s, b, start=fit_start, end=last, log=log, method="predictive")
        first_gap = gap(s, fit_start, fit_end, b, form).gap_pct
        last_gap = gap(s, fit_start, fit_end, last, form).gap_pct
        gaps = ({"gap_pct": first_gap} if n_post == 1
                else {"gap_first_pct": first_gap, "gap_last_pct": last_gap})
        rows.append({"break_year": b, "end_year": last, "fit_start": fit_start,
                     "fit_end": fit_end, **gaps, "f_stat": r.f_stat, "df_denom": r.df_denom,
                     "p_value": r.p_value, "_size": abs(last_gap)})
    out = pd.DataFrame(rows)
    if out.empty:
        raise ValueError(f"series {s.name!r}: too short for placebo windows in {start}-{end}")
    out["rank_by_p"] = out["p_value"].rank(method="min").astype(int)
    out["rank_by_size"] = out["_size"].rank(method="min", ascending=False).astype(int)
    return out.drop(columns="_size")
