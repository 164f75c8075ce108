"""Trend fits, prediction intervals and residual diagnostics for short annual series.

Why: the report says trade and FDI "collapsed" in 2014-2015; these helpers say by how much
against the 2006-2013 path and how sure one can be, given that there are only ~10 annual points.
Break tests are in `analysis.breaks`; the same fits in closed form, for specification grids, in
`analysis.trendgap`.

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
    "linear_trend",
    "fit_log_linear_trend",
    "predict_with_intervals",
    "shortfall",
    "fit_table",
    "shortfall_table",
    "window_sensitivity",
    "QuadraticLogTrend",
    "fit_quadratic_log_trend",
    "residuals",
    "durbin_watson",
    "diagnostics_table",
    "residual_frame",
    "window",
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


def window(s: pd.Series, start: int, end: int) -> pd.Series:
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
    w = window(s, start, end)
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
    w = window(s, start, end)
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


def fit_quadratic_log_trend(
    s: pd.Series, start: int, end: int, alpha: float = 0.05
) -> QuadraticLogTrend:
    """Fit ``ln(s)`` on ``t`` and ``t**2`` over [start, end] (growth allowed to change steadily)."""
    w = window(s, start, end)
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


def diagnostics_table(frame: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Checks of the log-linear specification on [start, end], one row per column of ``frame``:
    the Durbin-Watson statistic of its residuals and the p-value of an added squared term."""
    rows = {}
    for c in frame.columns:
        s = frame[c].dropna()
        rows[c] = {"durbin_watson": durbin_watson(fit_log_linear_trend(s, start, end)),
                   "t2_p_value": fit_quadratic_log_trend(s, start, end).t2_p_value}
    return pd.DataFrame.from_dict(rows, orient="index")
