"""Trend fits, prediction intervals and structural-break tests for short annual series.

Why: the report says trade and FDI "collapsed" in 2014-2015; these helpers say by how much
against the 2006-2013 path and how sure one can be, given that there are only ~10 annual points.

Conventions (all helpers):
- input is a ``pd.Series`` indexed by integer year; the fit window is inclusive ``[start, end]``;
- the regressor is ``year - start`` so the intercept is the fitted value in the first fit year;
- errors are assumed independent and normal (classical OLS). With 8 annual points this cannot be
  checked in any useful way (serial correlation in particular is invisible), so every interval
  below is conditional on that assumption and is, if anything, too narrow.
- log-linear trends are fitted to ``ln(level)``; back-transformed values are medians (``exp`` of the
  fitted log), not means.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS, RegressionResultsWrapper
from statsmodels.stats.stattools import durbin_watson as _durbin_watson

__all__ = [
    "LinearTrend",
    "LogLinearTrend",
    "ChowResult",
    "linear_trend",
    "fit_log_linear_trend",
    "predict_with_intervals",
    "shortfall",
    "chow_test",
    "placebo_breaks",
    "fit_table",
    "shortfall_table",
    "chow_table",
    "window_sensitivity",
    "QuadraticLogTrend",
    "fit_quadratic_log_trend",
    "residuals",
    "durbin_watson",
    "specification_table",
    "residual_frame",
]


@dataclass(frozen=True)
class LinearTrend:
    """OLS level trend ``y = intercept + slope * (year - start)`` with a CI for the slope."""

    name: str
    start: int
    end: int
    n: int
    slope: float
    slope_ci: tuple[float, float]
    intercept: float
    alpha: float
    result: RegressionResultsWrapper


@dataclass(frozen=True)
class LogLinearTrend:
    """OLS trend of ``ln(level)``; ``growth_pct`` is the implied constant annual growth rate."""

    name: str
    start: int
    end: int
    n: int
    growth_pct: float
    growth_ci: tuple[float, float]
    log_slope: float
    log_intercept: float
    alpha: float
    result: RegressionResultsWrapper


@dataclass(frozen=True)
class QuadraticLogTrend:
    """OLS of ``ln(level)`` on year and year squared: the alternative to a constant growth rate.

    ``t2_p_value`` is the t test that the squared term is zero (with one added regressor it is
    the F test of the linear against the quadratic specification).
    """

    name: str
    start: int
    end: int
    n: int
    t2_coef: float
    t2_p_value: float
    alpha: float
    result: RegressionResultsWrapper


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


def _window(s: pd.Series, start: int, end: int) -> pd.Series:
    """Return ``s`` restricted to years start..end, checking the window is usable."""
    if not isinstance(s, pd.Series):
        raise TypeError(f"expected a pandas Series indexed by year, got {type(s).__name__}")
    if start >= end:
        raise ValueError(f"fit window start={start} must be before end={end}")
    w = s.loc[(s.index >= start) & (s.index <= end)].astype(float).dropna()
    missing = sorted(set(range(start, end + 1)) - set(int(y) for y in w.index))
    if missing:
        raise ValueError(f"series {s.name!r} has no value for year(s) {missing} in {start}-{end}")
    if len(w) < 3:
        raise ValueError(f"series {s.name!r}: need at least 3 years to fit a trend, got {len(w)}")
    return w


def _ols(y: pd.Series, start: int) -> RegressionResultsWrapper:
    """Fit ``y ~ 1 + (year - start)`` with statsmodels OLS."""
    x = pd.DataFrame({"const": 1.0, "t": np.asarray(y.index, dtype=float) - start}, index=y.index)
    return OLS(np.asarray(y, dtype=float), x).fit()


def linear_trend(s: pd.Series, start: int, end: int, alpha: float = 0.05) -> LinearTrend:
    """Fit a straight-line level trend over [start, end]; slope in units per year, with CI."""
    w = _window(s, start, end)
    res = _ols(w, start)
    lo, hi = res.conf_int(alpha=alpha).loc["t"]
    return LinearTrend(
        name=str(s.name),
        start=start,
        end=end,
        n=len(w),
        slope=float(res.params["t"]),
        slope_ci=(float(lo), float(hi)),
        intercept=float(res.params["const"]),
        alpha=alpha,
        result=res,
    )


def fit_log_linear_trend(
    s: pd.Series, start: int, end: int, alpha: float = 0.05
) -> LogLinearTrend:
    """Fit ``ln(s)`` on year over [start, end]; growth % a year = 100*(exp(slope)-1), with CI."""
    w = _window(s, start, end)
    if (w <= 0).any():
        bad = [int(y) for y in w.index[w <= 0]]
        raise ValueError(f"series {s.name!r}: log trend needs positive values; not in {bad}")
    res = _ols(np.log(w), start)
    lo, hi = res.conf_int(alpha=alpha).loc["t"]
    b = float(res.params["t"])
    return LogLinearTrend(
        name=str(s.name),
        start=start,
        end=end,
        n=len(w),
        growth_pct=100.0 * np.expm1(b),
        growth_ci=(100.0 * float(np.expm1(lo)), 100.0 * float(np.expm1(hi))),
        log_slope=b,
        log_intercept=float(res.params["const"]),
        alpha=alpha,
        result=res,
    )


def predict_with_intervals(
    fit: LogLinearTrend | LinearTrend | QuadraticLogTrend, years: list[int] | range | pd.Index
) -> pd.DataFrame:
    """Trend value with confidence (of the line) and prediction (of one new year) intervals.

    For a log-linear fit all columns are back-transformed to levels (medians). Columns:
    predicted, ci_lower, ci_upper, pi_lower, pi_upper; index year.
    """
    yrs = np.asarray(list(years), dtype=int)
    x = pd.DataFrame({"const": 1.0, "t": yrs.astype(float) - fit.start})
    if isinstance(fit, QuadraticLogTrend):
        x["t2"] = x["t"] ** 2
    sf = fit.result.get_prediction(x).summary_frame(alpha=fit.alpha)
    out = pd.DataFrame(
        {
            "predicted": sf["mean"].to_numpy(),
            "ci_lower": sf["mean_ci_lower"].to_numpy(),
            "ci_upper": sf["mean_ci_upper"].to_numpy(),
            "pi_lower": sf["obs_ci_lower"].to_numpy(),
            "pi_upper": sf["obs_ci_upper"].to_numpy(),
        },
        index=pd.Index(yrs, name="year"),
    )
    if isinstance(fit, LogLinearTrend | QuadraticLogTrend):
        out = np.exp(out)
    out.attrs["fit"] = f"{fit.name} {fit.start}-{fit.end}, {100 * (1 - fit.alpha):.0f}% intervals"
    return out


def shortfall(actual: pd.Series, prediction_frame: pd.DataFrame) -> pd.DataFrame:
    """Actual minus trend for the predicted years: gap in units and percent, inside the PI?"""
    missing = [int(y) for y in prediction_frame.index if y not in actual.index]
    if missing:
        raise ValueError(f"series {actual.name!r} has no actual value for year(s) {missing}")
    a = actual.loc[prediction_frame.index].astype(float)
    p = prediction_frame
    return pd.DataFrame(
        {
            "actual": a,
            "predicted": p["predicted"],
            "gap": a - p["predicted"],
            "gap_pct": 100.0 * (a / p["predicted"] - 1.0),
            "pi_lower": p["pi_lower"],
            "pi_upper": p["pi_upper"],
            "inside_pi": (a >= p["pi_lower"]) & (a <= p["pi_upper"]),
        },
        index=p.index,
    )


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
    overstates the evidence (see ``placebo_breaks``). A very small p-value says the last years are
    far off the earlier line; it cannot say why, nor that the change will persist.
    """
    start = int(s.dropna().index.min()) if start is None else start
    end = int(s.dropna().index.max()) if end is None else end
    w = _window(s, start, end)
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


def placebo_breaks(
    s: pd.Series,
    start: int | None = None,
    end: int | None = None,
    n_post: int = 2,
    min_pre: int = 4,
    log: bool = True,
    pre_years: int | None = None,
) -> pd.DataFrame:
    """Run the predictive Chow test on every window of ``n_post`` years after >= ``min_pre`` years.

    Small-sample check against choosing the break after seeing the data: each window of
    ``n_post`` consecutive years is tested against the line fitted to all years before it (and
    the years after it are left out), and windows are ranked by p-value (1 = smallest; p-values,
    unlike F, account for the different degrees of freedom). If the real break is not rank 1,
    the series has had an equally "significant" departure before (e.g. 2009), so a single small
    p-value is weak evidence of something new.

    ``pre_years`` fixes the length of every window's fit to the ``pre_years`` years just before
    its break, so every window's test has the same residual degrees of freedom and the ranking
    compares like with like (default None: all earlier years, degrees of freedom then differ).
    With n windows the smallest attainable rank p (rank / n) is 1/n. Columns: break_year,
    end_year, n_pre, df_denom, f_stat, p_value, rank, rank_p.
    """
    start = int(s.dropna().index.min()) if start is None else start
    end = int(s.dropna().index.max()) if end is None else end
    if pre_years is not None:
        min_pre = pre_years
    if min_pre < 3:
        raise ValueError(f"min_pre must be >= 3 (a line needs a residual), got {min_pre}")
    rows = []
    for b in range(start + min_pre, end - n_post + 2):
        first = start if pre_years is None else b - pre_years
        r = chow_test(s, b, start=first, end=b + n_post - 1, log=log, method="predictive")
        rows.append(
            {
                "break_year": b,
                "end_year": b + n_post - 1,
                "n_pre": r.n_pre,
                "df_denom": r.df_denom,
                "f_stat": r.f_stat,
                "p_value": r.p_value,
            }
        )
    out = pd.DataFrame(rows)
    if out.empty:
        raise ValueError(f"series {s.name!r}: too short for placebo breaks in {start}-{end}")
    out["rank"] = out["p_value"].rank(method="min").astype(int)
    out["rank_p"] = out["rank"] / len(out)
    return out


def fit_table(
    frame: pd.DataFrame, columns: list[str], start: int, end: int, alpha: float = 0.05
) -> pd.DataFrame:
    """Log-linear trend growth (% a year) with CI, one row per column of ``frame``."""
    rows = {}
    for c in columns:
        f = fit_log_linear_trend(frame[c], start, end, alpha=alpha)
        rows[c] = {"growth_pct": f.growth_pct, "ci_low": f.growth_ci[0],
                   "ci_high": f.growth_ci[1], "n_years": f.n}
    return pd.DataFrame.from_dict(rows, orient="index")


def shortfall_table(
    frame: pd.DataFrame, columns: list[str], start: int, end: int, alpha: float = 0.05
) -> pd.DataFrame:
    """Shortfall of every year after ``end`` against each column's log trend on [start, end]."""
    parts = {}
    for c in columns:
        s = frame[c].dropna()
        after = [int(y) for y in s.index if y > end]
        if not after:
            raise ValueError(f"series {c!r} has no year after the fit window end {end}")
        fit = fit_log_linear_trend(s, start, end, alpha=alpha)
        parts[c] = shortfall(s, predict_with_intervals(fit, after))
    return pd.concat(parts, names=["series", "year"])


def chow_table(
    frame: pd.DataFrame,
    columns: list[str],
    break_year: int,
    start: int | None = None,
    end: int | None = None,
    log: bool = True,
    min_pre: int = 4,
    pre_years: int | None = None,
) -> pd.DataFrame:
    """Chow test at ``break_year`` for each column, with the placebo rank of the real break.

    The Chow test runs on [start, end]; the placebo windows (see ``placebo_breaks``) have as many
    years as the post-break period, and ``placebo_rank`` is the real break's rank among them.
    """
    rows = {}
    for c in columns:
        r = chow_test(frame[c], break_year, start=start, end=end, log=log,
                      method="breakpoint" if _n_post(frame[c], break_year, end) >= 2
                      else "predictive")
        pb = placebo_breaks(frame[c], start=start, end=end, n_post=r.n_post, log=log,
                            min_pre=min_pre, pre_years=pre_years)
        real = pb.loc[pb["break_year"] == break_year, "rank"]
        rows[c] = {"method": r.method, "f_stat": r.f_stat, "df_num": r.df_num,
                   "df_denom": r.df_denom, "p_value": r.p_value, "n_pre": r.n_pre,
                   "n_post": r.n_post,
                   "placebo_rank": int(real.iloc[0]) if len(real) else None,
                   "placebo_windows": len(pb),
                   "rank_p": int(real.iloc[0]) / len(pb) if len(real) else None,
                   "min_rank_p": 1 / len(pb)}
    return pd.DataFrame.from_dict(rows, orient="index")


def window_sensitivity(
    s: pd.Series, starts: list[int], end: int, alpha: float = 0.05
) -> pd.DataFrame:
    """Shortfall after ``end`` for log trends starting in each of ``starts`` (same end year).

    Why: a straight line in logs assumes constant growth; if growth was slowing inside the window
    the early years pull the line up and the shortfall is overstated. Later starts show how much
    of the shortfall survives. Rows (start, year): trend growth %, trend value, gap %, PI, inside.
    """
    parts = {}
    for st in starts:
        fit = fit_log_linear_trend(s, st, end, alpha=alpha)
        after = [int(y) for y in s.dropna().index if y > end]
        sf = shortfall(s, predict_with_intervals(fit, after))
        sf.insert(0, "growth_pct", fit.growth_pct)
        sf.insert(1, "n_years", fit.n)
        parts[st] = sf
    return pd.concat(parts, names=["start", "year"])


def _n_post(s: pd.Series, break_year: int, end: int | None) -> int:
    """Number of non-missing years from ``break_year`` to ``end`` (inclusive)."""
    s = s.dropna()
    last = int(s.index.max()) if end is None else end
    return int(((s.index >= break_year) & (s.index <= last)).sum())


def fit_quadratic_log_trend(
    s: pd.Series, start: int, end: int, alpha: float = 0.05
) -> QuadraticLogTrend:
    """Fit ``ln(s)`` on ``t`` and ``t**2`` over [start, end] (growth allowed to change steadily)."""
    w = _window(s, start, end)
    if (w <= 0).any():
        raise ValueError(f"series {s.name!r}: log trend needs positive values")
    if len(w) < 4:
        raise ValueError(f"series {s.name!r}: a quadratic trend needs >= 4 years, got {len(w)}")
    t = np.asarray(w.index, dtype=float) - start
    x = pd.DataFrame({"const": 1.0, "t": t, "t2": t**2}, index=w.index)
    res = OLS(np.log(np.asarray(w, dtype=float)), x).fit()
    return QuadraticLogTrend(name=str(s.name), start=start, end=end, n=len(w),
                             t2_coef=float(res.params["t2"]), t2_p_value=float(res.pvalues["t2"]),
                             alpha=alpha, result=res)


def residuals(fit: LogLinearTrend | LinearTrend | QuadraticLogTrend) -> pd.Series:
    """Residuals of a fitted trend by year (log points for log fits)."""
    years = range(fit.start, fit.end + 1)
    return pd.Series(np.asarray(fit.result.resid, dtype=float), index=pd.Index(years, name="year"),
                     name=fit.name)


def durbin_watson(fit: LogLinearTrend | LinearTrend | QuadraticLogTrend) -> float:
    """Durbin-Watson statistic of a trend's residuals (2 = no first-order autocorrelation;
    well below 2 = residuals run in blocks, so the intervals are too narrow)."""
    return float(_durbin_watson(np.asarray(fit.result.resid, dtype=float)))


def residual_frame(frame: pd.DataFrame, columns: list[str], start: int, end: int) -> pd.DataFrame:
    """Residuals of each column's log-linear trend on [start, end], one column per series."""
    return pd.DataFrame({c: residuals(fit_log_linear_trend(frame[c], start, end))
                         for c in columns})


def specification_table(
    frame: pd.DataFrame, columns: list[str], start: int, end: int, years: list[int] | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Both specifications side by side, one row per (series, year after the window).

    Columns: Durbin-Watson of the log-linear fit, the squared term's p-value, and for each
    specification the gap to trend (%) and whether the year lies inside the 95 % prediction
    interval. ``years`` defaults to every year after ``end`` in the series.
    """
    rows = {}
    for c in columns:
        s = frame[c].dropna()
        after = years if years is not None else [int(y) for y in s.index if y > end]
        lin = fit_log_linear_trend(s, start, end, alpha=alpha)
        quad = fit_quadratic_log_trend(s, start, end, alpha=alpha)
        sl = shortfall(s, predict_with_intervals(lin, after))
        sq = shortfall(s, predict_with_intervals(quad, after))
        for y in after:
            rows[(c, y)] = {
                "durbin_watson": durbin_watson(lin),
                "t2_p_value": quad.t2_p_value,
                "linear_gap_pct": sl.loc[y, "gap_pct"],
                "linear_inside_pi": bool(sl.loc[y, "inside_pi"]),
                "quadratic_gap_pct": sq.loc[y, "gap_pct"],
                "quadratic_inside_pi": bool(sq.loc[y, "inside_pi"]),
            }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.names = ["series", "year"]
    return out
