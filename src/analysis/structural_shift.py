"""Section III.A (paras 8, 31-33): the shift from industry to services and its pace.

The report prints the three sector shares for 2011-2015 only (Table 2); 2006-2010 come from the
external NBS provincial accounts (value added / GDP), flagged in a ``source`` column. With five
report points (ten with the external years) a fitted pace is a description, not a forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import data
from analysis.growth import ratio_pct
from analysis.trend import LinearTrend, linear_trend

SHARES = ["primary_share", "secondary_share", "tertiary_share"]
_VALUE_ADDED = {
    "primary_share": "primary_va",
    "secondary_share": "secondary_va",
    "tertiary_share": "tertiary_va",
}
NATIONAL_TERTIARY_FACT = "national_tertiary_share_2015"
TERTIARY_FACT = "tertiary_share_2015"


def external_shares() -> pd.DataFrame:
    """Sector shares of GDP (%) from the external NBS value added, all years it covers."""
    va = data.load("liaoning_gdp_by_sector")
    return pd.DataFrame({s: ratio_pct(va[c], va["gdp"]) for s, c in _VALUE_ADDED.items()})


def sector_shares(external_until: int | None = None) -> pd.DataFrame:
    """Shares 2006-2015: external NBS years before Table 2, then Table 2 as printed.

    ``external_until`` defaults to the year before Table 2's first year. Column ``source`` says
    'report' or 'external' for every row.
    """
    table2 = data.load("table2_industry_structure")[SHARES]
    ext = external_shares()
    last_ext = int(table2.index.min()) - 1 if external_until is None else int(external_until)
    ext = ext.loc[ext.index <= last_ext]
    table2 = table2.loc[table2.index > last_ext]
    out = pd.concat([ext.assign(source="external"), table2.assign(source="report")])
    out.index.name = "year"
    return out.sort_index()


def overlap_check() -> pd.DataFrame:
    """External shares against Table 2 for the years both cover (difference in points)."""
    ext = external_shares()
    table2 = data.load("table2_industry_structure")[SHARES]
    years = ext.index.intersection(table2.index)
    rows = []
    for y in years:
        for s in SHARES:
            rows.append(
                {
                    "year": int(y),
                    "series": s,
                    "external": float(ext.at[y, s]),
                    "report": float(table2.at[y, s]),
                    "difference_pp": float(ext.at[y, s] - table2.at[y, s]),
                }
            )
    return pd.DataFrame(rows)


def national_tertiary_share() -> pd.DataFrame:
    """China's tertiary share (%): the report's 2015 value (para 8) and the external NBS series."""
    ext = data.load("china_gdp_structure")["tertiary_pct"]
    out = pd.DataFrame({"report": pd.Series(dtype=float), "external": ext})
    out.loc[2015, "report"] = data.fact(NATIONAL_TERTIARY_FACT)
    out.index = out.index.astype(int)
    out.index.name = "year"
    return out.sort_index()


@dataclass(frozen=True)
class CatchUp:
    """Years for Liaoning's tertiary share to reach a national level at the fitted pace."""

    gap_pp: float
    pace_pp_per_year: float
    national_pace_pp_per_year: float
    years_point: float
    years_median: float
    years_interval: tuple[float, float]
    share_never: float
    draws: int
    n_points: int


def catch_up_years(
    trend: LinearTrend,
    gap_pp: float,
    national_pace_pp_per_year: float = 0.0,
    draws: int = 20_000,
    seed: int = 0,
    level: float = 0.95,
) -> CatchUp:
    """Years until a gap of ``gap_pp`` points closes at the fitted pace, with uncertainty.

    The pace is the trend slope minus the national share's own pace. Uncertainty: slopes are
    drawn from the fitted slope's t distribution (n - 2 degrees of freedom) and each draw gives
    gap / (slope - national pace); draws whose pace is not positive never close the gap and are
    counted in ``share_never`` (the interval then is open: inf). Percentiles, not a symmetric
    delta-method interval, because the ratio is skewed.
    """
    res = trend.result
    slope, se, dof = trend.slope, float(res.bse["t"]), int(res.df_resid)
    rng = np.random.default_rng(seed)
    sims = slope + se * rng.standard_t(dof, size=draws)
    rel = sims - national_pace_pp_per_year
    years = np.where(rel > 0, gap_pp / np.where(rel > 0, rel, 1.0), np.inf)
    tail = (1.0 - level) / 2.0 * 100.0
    # inverted_cdf: no interpolation, so an infinite upper percentile stays inf (not nan)
    lo, med, hi = np.percentile(years, [tail, 50.0, 100.0 - tail], method="inverted_cdf")
    pace = slope - national_pace_pp_per_year
    return CatchUp(
        gap_pp=float(gap_pp),
        pace_pp_per_year=float(slope),
        national_pace_pp_per_year=float(national_pace_pp_per_year),
        years_point=float(gap_pp / pace) if pace > 0 else float("inf"),
        years_median=float(med),
        years_interval=(float(lo), float(hi)),
        share_never=float(np.mean(~np.isfinite(years))),
        draws=draws,
        n_points=trend.n,
    )


def catch_up_table(
    shares: pd.DataFrame,
    windows: list[tuple[int, int]],
    gap_pp: float,
    national_paces: dict[str, float],
    seed: int = 0,
) -> pd.DataFrame:
    """Catch-up years for each fit window and each assumption about the national share's pace."""
    rows = []
    for start, end in windows:
        fit = linear_trend(shares["tertiary_share"], start, end)
        for name, nat in national_paces.items():
            c = catch_up_years(fit, gap_pp, nat, seed=seed)
            rows.append(
                {
                    "window": f"{start}-{end}",
                    "n_years": c.n_points,
                    "national_share": name,
                    "relative_pace_pp_per_year": c.pace_pp_per_year - nat,
                    "years_point": c.years_point,
                    "years_low": c.years_interval[0],
                    "years_median": c.years_median,
                    "years_high": c.years_interval[1],
                    "share_never_pct": 100.0 * c.share_never,
                }
            )
    return pd.DataFrame(rows).set_index(["window", "national_share"])


def pace_table(shares: pd.DataFrame, windows: list[tuple[int, int]]) -> pd.DataFrame:
    """Fitted tertiary-share pace (points a year, 95 % CI) for each (start, end) window."""
    rows = []
    for start, end in windows:
        fit = linear_trend(shares["tertiary_share"], start, end)
        rows.append(
            {
                "window": f"{start}-{end}",
                "n_years": fit.n,
                "pace_pp_per_year": fit.slope,
                "ci_low": fit.slope_ci[0],
                "ci_high": fit.slope_ci[1],
                "r_squared": float(fit.result.rsquared),
            }
        )
    return pd.DataFrame(rows).set_index("window")


def national_tertiary_pace() -> float:
    """China's tertiary share change, points a year, first to last external year (external)."""
    s = national_tertiary_share()["external"].dropna()
    first, last = int(s.index.min()), int(s.index.max())
    return float((s.loc[last] - s.loc[first]) / (last - first))
