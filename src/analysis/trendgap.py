"""A year's gap to a trend fitted on a window, with its 95 % prediction interval, in closed form.

Why: a specification grid fits the same headline hundreds of times (every fit window, form and
price basis); statsmodels takes about a millisecond a fit, this takes a few microseconds, so a
grid adds well under a second to a build. The numbers are the same as `analysis.trend`'s
(ordinary least squares, independent normal errors; a unit test holds them together).

Functional forms (``FORMS``), all on ``t = year - start``:
- ``log_linear``: ln(level) on 1, t (constant growth; the package's main specification);
- ``linear``: level on 1, t (constant absolute increase);
- ``quadratic``: ln(level) on 1, t, t**2 (growth changing steadily);
- ``constant``: level on 1 only (for a share: a constant share of the benchmark).
Log forms are back-transformed as medians (exp of the fitted log), as in `analysis.trend`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import special, stats

__all__ = ["FORMS", "LOG_FORMS", "TrendFit", "fit", "Gap", "gap"]

# form -> (fitted on logs?, powers of t among the regressors)
_DESIGN: dict[str, tuple[bool, tuple[int, ...]]] = {
    "log_linear": (True, (0, 1)),
    "linear": (False, (0, 1)),
    "quadratic": (True, (0, 1, 2)),
    "constant": (False, (0,)),
}
FORMS = tuple(_DESIGN)
LOG_FORMS = tuple(f for f, (log, _) in _DESIGN.items() if log)


def _values(series: pd.Series, years: list[int]) -> np.ndarray:
    """The series' values for ``years`` (NaN where missing), read through numpy: pandas
    selections would copy the loaded frames' ``attrs`` on every call, thousands of times."""
    position = {int(y): i for i, y in enumerate(series.index.to_numpy())}
    values = series.to_numpy(dtype=float)
    return np.array([values[position[y]] if y in position else np.nan for y in years])


@lru_cache(maxsize=64)
def _t_quantile(df: int, alpha: float) -> float:
    """Two-sided critical value of Student's t with ``df`` degrees of freedom."""
    return float(stats.t.ppf(1.0 - alpha / 2.0, df))


@dataclass(frozen=True)
class TrendFit:
    """One OLS trend: coefficients on the powers of ``t``, their (X'X)^-1, residual variance."""

    form: str
    start: int
    end: int
    n: int
    coef: np.ndarray
    xtx_inv: np.ndarray
    s2: float
    df: int
    alpha: float

    @property
    def log(self) -> bool:
        """Whether the fit is on the log of the level."""
        return _DESIGN[self.form][0]

    def _x(self, year: int) -> np.ndarray:
        t = float(year - self.start)
        return np.array([t**p for p in _DESIGN[self.form][1]])

    def predict(self, year: int) -> tuple[float, float, float, float]:
        """(trend, PI lower, PI upper, standard error of a new year) in the fitted scale's
        levels: trend and PI back-transformed for log forms, the error in the fitted scale."""
        x = self._x(year)
        mean = float(x @ self.coef)
        se = float(np.sqrt(self.s2 * (1.0 + x @ self.xtx_inv @ x)))
        half = _t_quantile(self.df, self.alpha) * se
        values = (mean, mean - half, mean + half)
        if self.log:
            values = tuple(float(np.exp(v)) for v in values)
        return (*values, se)

    def slope_ci(self) -> tuple[float, float, float]:
        """Coefficient on ``t`` with its confidence interval (log points a year for log forms;
        for the quadratic form, the slope at ``start``)."""
        if len(self.coef) < 2:
            raise ValueError(f"a {self.form} trend has no slope")
        half = _t_quantile(self.df, self.alpha) * float(np.sqrt(self.s2 * self.xtx_inv[1, 1]))
        b = float(self.coef[1])
        return b, b - half, b + half


def fit(series: pd.Series, start: int, end: int, form: str = "log_linear",
        alpha: float = 0.05) -> TrendFit:
    """Fit ``form`` to ``series`` (indexed by year) over [start, end]; every year must be there
    and, for log forms, positive; at least one residual degree of freedom must be left."""
    if form not in _DESIGN:
        raise ValueError(f"unknown trend form {form!r}; known: {', '.join(FORMS)}")
    log, powers = _DESIGN[form]
    years = list(range(start, end + 1))
    y = _values(series, years)
    missing = [yr for yr, v in zip(years, y, strict=True) if np.isnan(v)]
    if missing:
        raise ValueError(f"series {series.name!r} has no value for year(s) {missing}")
    if log:
        if (y <= 0).any():
            raise ValueError(f"series {series.name!r}: a {form} trend needs positive values")
        y = np.log(y)
    t = np.arange(len(years), dtype=float)
    x = np.column_stack([t**p for p in powers])
    df = len(years) - len(powers)
    if df < 1:
        raise ValueError(f"{form} trend on {start}-{end}: no residual degree of freedom left")
    xtx_inv = np.linalg.inv(x.T @ x)
    coef = xtx_inv @ x.T @ y
    resid = y - x @ coef
    return TrendFit(form=form, start=start, end=end, n=len(years), coef=coef, xtx_inv=xtx_inv,
                    s2=float(resid @ resid) / df, df=df, alpha=alpha)


@dataclass(frozen=True)
class Gap:
    """A year's actual value against a trend: the gap in percent and the gaps the 95 % PI
    allows (``gap_low_pct`` .. ``gap_high_pct``; the year is outside the PI exactly when 0 is
    outside that range), and the two-sided p-value of the departure (Chow's one-year
    predictive test: the same test as "outside the prediction interval", not a second one)."""

    actual: float
    predicted: float
    pi_lower: float
    pi_upper: float
    gap_pct: float
    gap_low_pct: float
    gap_high_pct: float
    p_value: float

    @property
    def outside(self) -> bool:
        """Whether the year lies outside the prediction interval."""
        return not self.pi_lower <= self.actual <= self.pi_upper


def gap(series: pd.Series, start: int, end: int, year: int, form: str = "log_linear",
        alpha: float = 0.05) -> Gap:
    """``year``'s gap to the ``form`` trend fitted on [start, end] (``year`` after ``end``)."""
    if year <= end:
        raise ValueError(f"year {year} lies in the fit window {start}-{end}")
    actual = float(_values(series, [year])[0])
    if np.isnan(actual):
        raise ValueError(f"series {series.name!r} has no value for {year}")
    trend = fit(series, start, end, form, alpha)
    predicted, lower, upper, se = trend.predict(year)
    observed = np.log(actual) if trend.log else actual
    centre = np.log(predicted) if trend.log else predicted
    if se > 0:  # two-sided Student t tail (scipy.special: no distribution object per call)
        p = 2.0 * float(special.stdtr(trend.df, -abs(observed - centre) / se))
    else:  # a perfect fit: any departure is certain, none is no evidence at all
        p = 1.0 if np.isclose(observed, centre) else 0.0

    def pct(reference: float) -> float:
        return 100.0 * (actual / reference - 1.0) if reference > 0 else float("inf")

    return Gap(actual=actual, predicted=predicted, pi_lower=lower, pi_upper=upper,
               gap_pct=pct(predicted), gap_low_pct=pct(upper), gap_high_pct=pct(lower),
               p_value=p)
