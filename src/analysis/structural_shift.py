"""Section III.A (paras 8, 31-33): the shift from industry to services and its pace.

The report prints the three sector shares for 2011-2015 only (Table 2); 2006-2010 come from the
external NBS provincial accounts (value added / GDP), flagged in a ``source`` column. With five
report points (ten with the external years) a fitted pace is a description, not a forecast.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from analysis import data, series, trendgap
from analysis.growth import average_change, chained_index, contributions, growth_rate, ratio_pct
from analysis.labels import caption
from analysis.multiplicity import holm
from analysis.specgrid import (
    Dimension,
    Estimate,
    evaluate,
    fit_windows,
    robustness_words,
    summarise,
)
from analysis.trend import linear_trend

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


def pace_table(shares: pd.DataFrame, windows: list[tuple[int, int]]) -> pd.DataFrame:
    """Fitted tertiary-share pace (points a year, 95 % CI) for each (start, end) window, with
    the p-value of "no trend" and its Holm adjustment over the windows shown (the notebook's
    tests: one per window)."""
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
                "p_value": float(fit.result.pvalues["t"]),
            }
        )
    out = pd.DataFrame(rows).set_index("window")
    out["p_holm"] = holm(out["p_value"])["p_holm"]
    return out


def national_tertiary_pace() -> float:
    """China's tertiary share change, points a year, first to last external year (external).

    The series is NBS's revised quarterly accounts: another vintage than para 8's gap (as
    published), so the catch-up scenarios that use it say so (`scenario_vintage_note`).
    """
    s = data.load("china_gdp_structure")["tertiary_pct"].dropna()
    return average_change(s, int(s.index.min()), int(s.index.max()))


# ---- Sector contributions to nominal growth (Table 1 x Table 2) -----------------------------

_VA_OF_SHARE = {"primary_share": "primary", "secondary_share": "secondary",
                "tertiary_share": "tertiary"}
SHARE_HALF_UNIT = 0.05  # Table 2 prints shares to one decimal: each stands for +-0.05 points


def value_added(table1: pd.DataFrame | None = None,
                table2: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sector value added (billion yuan) = Table 2 share x Table 1 GDP, years both cover."""
    gdp = (data.load("table1_gdp") if table1 is None else table1)["gdp"].astype(float)
    sh = (data.load("table2_industry_structure") if table2 is None else table2)[SHARES]
    years = sh.index.intersection(gdp.index)
    out = sh.loc[years].astype(float).mul(gdp.loc[years], axis=0) / 100.0
    out = out.rename(columns=_VA_OF_SHARE)
    out["gdp"] = gdp.loc[years]
    out.index = pd.Index([int(y) for y in out.index], name="year")
    return out


def sector_contributions(table1: pd.DataFrame | None = None,
                         table2: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each sector's contribution to nominal GDP growth (points) by year, and the sectors' growth.

    contribution_i,t = (VA_i,t - VA_i,t-1) / GDP_t-1 * 100; the three add up to GDP growth
    (Table 2's shares add up to 100). ``*_low``/``*_high``: the range the shares' printed
    rounding (+-0.05 points) allows. ``*_growth_pct``: the sector's own nominal growth.
    """
    va = value_added(table1, table2)
    parts = va[list(_VA_OF_SHARE.values())]
    contrib = contributions(parts, va["gdp"])
    out = contrib.add_suffix("_pp")
    prev = va["gdp"].shift(1)
    ratio = va["gdp"] / prev  # GDP_t / GDP_t-1 (consecutive years: Table 1 has no gaps)
    for col in parts.columns:
        out[f"{col}_low"] = contrib[col] - SHARE_HALF_UNIT * (ratio + 1.0)
        out[f"{col}_high"] = contrib[col] + SHARE_HALF_UNIT * (ratio + 1.0)
    out["gdp_growth_pct"] = growth_rate(va["gdp"])
    for col in parts.columns:
        out[f"{col}_growth_pct"] = growth_rate(parts[col])
    return out.dropna(how="all")


def value_added_all_years() -> pd.DataFrame:
    """Sector value added (billion yuan), 2006-2015: the external NBS accounts before Table 2's
    first year, then Table 2 x Table 1 (one vintage: as published, before the correction)."""
    report = value_added()
    ext = data.load("liaoning_gdp_by_sector")
    ext = ext.loc[ext.index < report.index.min()] / 10.0  # 100 million -> billion yuan
    ext = ext.rename(columns={"primary_va": "primary", "secondary_va": "secondary",
                              "tertiary_va": "tertiary"})
    out = pd.concat([ext[list(report.columns)], report])
    out.index = pd.Index([int(y) for y in out.index], name="year")
    return out


def shares_at_base_prices(base_year: int = 2011, first_year: int | None = None) -> pd.DataFrame:
    """Sector shares re-weighted at ``base_year`` relative prices: an illustration, not data.

    Secondary value added is deflated by China's PPI (industrial ex-factory prices), primary
    and tertiary by China's CPI, both chained from ``base_year`` (external, NBS); years from
    ``first_year`` (default ``base_year``) to 2015. Assumes Liaoning's sector prices moved like
    these national indices and that the PPI (a gross-output price) stands for industry's
    value-added prices: it shows the direction and rough size of the price effect on nominal
    shares, not Liaoning's real shares.
    """
    va = value_added_all_years()
    years = [y for y in va.index if y >= (base_year if first_year is None else first_year)]
    ppi = chained_index(data.load("china_ppi")["value"], base_year, years)
    cpi = chained_index(data.load("china_cpi")["value"], base_year, years)
    va = va.loc[years]
    real = pd.DataFrame({"primary": va["primary"] / cpi, "secondary": va["secondary"] / ppi,
                         "tertiary": va["tertiary"] / cpi})
    total = real.sum(axis=1)
    return pd.DataFrame(
        {
            "tertiary_share_nominal": va["tertiary"] / va["gdp"] * 100.0,
            "tertiary_share_base_prices": real["tertiary"] / total * 100.0,
            "secondary_share_nominal": va["secondary"] / va["gdp"] * 100.0,
            "secondary_share_base_prices": real["secondary"] / total * 100.0,
            "industry_price_relative_to_services_pct": (ppi / cpi - 1.0) * 100.0,
        }
    )


# ---- The pace of the shift over its specification grid ----------------------------------

# Choices a referee would vary, declared once: the fit window (every window of at least six
# years ending 2013-2015, plus the report's five years 2011-2015, the chosen one), the form
# (a straight line; a constant growth rate of the share; a squared term in logs) and the price
# basis (nominal shares, or shares at 2011 relative prices: PPI for industry, CPI otherwise).
# One vintage only: no revised sector accounts are in the data.
PACE_FIRST_YEAR = 2006
PACE_WINDOW_ENDS = (2013, 2014, 2015)
PACE_CHOSEN = {"fit_window": (2011, 2015), "trend_form": "linear", "deflator": "none"}
PACE_FORMS = ("linear", "log_linear", "quadratic")
PACE_PRICE_BASES = ("none", "ppi_cpi_2011")


def pace_at_end(share: pd.Series, start: int, end: int, form: str = "linear",
                alpha: float = 0.05) -> tuple[float, float, float, float]:
    """Pace of a share at the end of its fit window (points a year), with its 1 - alpha
    interval and the p-value of "no change": the slope of a straight line; for the log forms
    the derivative of the fitted share in ``end`` (delta method)."""
    fit = trendgap.fit(share, start, end, form, alpha)
    b = fit.coef
    horizon = float(end - start)
    if form == "linear":
        value, grad = float(b[1]), np.array([0.0, 1.0])
    elif form == "log_linear":
        level = float(np.exp(b[0] + b[1] * horizon))
        value = float(b[1]) * level
        grad = np.array([value, level * (1.0 + b[1] * horizon)])
    elif form == "quadratic":
        level = float(np.exp(b[0] + b[1] * horizon + b[2] * horizon**2))
        slope = float(b[1] + 2.0 * b[2] * horizon)
        value = level * slope
        grad = np.array([value, level * (slope * horizon + 1.0),
                         level * (slope * horizon**2 + 2.0 * horizon)])
    else:
        raise ValueError(f"pace_at_end: form must be one of {PACE_FORMS}, got {form!r}")
    se = float(np.sqrt(fit.s2 * grad @ fit.xtx_inv @ grad))
    half = trendgap._t_quantile(fit.df, alpha) * se
    p = 2.0 * float(stats.t.sf(abs(value) / se, fit.df)) if se > 0 else 0.0
    return value, value - half, value + half, p


def pace_grid(base_year: int = 2011) -> pd.DataFrame:
    """The tertiary-share pace (points a year at the window's end) in every specification; the
    conclusion "the share rose" holds where the 95 % interval lies above zero."""
    windows = fit_windows(PACE_FIRST_YEAR, PACE_WINDOW_ENDS)
    chosen = PACE_CHOSEN["fit_window"]
    dims = [Dimension("fit_window", (*windows, chosen) if chosen not in windows else windows,
                      chosen),
            Dimension("trend_form", PACE_FORMS, PACE_CHOSEN["trend_form"]),
            Dimension("deflator", PACE_PRICE_BASES, PACE_CHOSEN["deflator"])]
    shares = {"none": sector_shares()["tertiary_share"],
              "ppi_cpi_2011": shares_at_base_prices(base_year, PACE_FIRST_YEAR)[
                  "tertiary_share_base_prices"]}

    def estimate(fit_window: tuple[int, int], trend_form: str, deflator: str) -> Estimate:
        value, low, high, _ = pace_at_end(shares[deflator], *fit_window, trend_form)
        return Estimate(value, low, high, low > 0)

    return evaluate(dims, estimate)


# ---- The gap to the national tertiary share: scenarios, not a fitted forecast ---------------

def catch_up_scenarios(gap_pp: float, paces: list[float],
                       national_paces: dict[str, float]) -> pd.DataFrame:
    """Years to close ``gap_pp`` points at stated paces (points a year) of Liaoning's share.

    years = gap / (pace - national pace); inf where Liaoning does not gain on the nation. These
    are arithmetic on assumptions, not estimates: no interval is attached to a stated pace.
    """
    rows = []
    for pace in paces:
        for name, nat in national_paces.items():
            rel = pace - nat
            rows.append({"pace_pp_per_year": pace, "national_share": name,
                         "relative_pace_pp_per_year": rel,
                         "years": gap_pp / rel if rel > 0 else float("inf")})
    return pd.DataFrame(rows).set_index(["pace_pp_per_year", "national_share"])


def table2_caption(lang: str) -> str:
    """The report's Table 2 caption (for the printed table)."""
    return caption("table2", lang)


# ---- what the section finds, in words (en / zh) ------------------------------------------

def scenario_vintage_note(lang: str) -> str:
    """The catch-up scenarios' 'moving' national share is the revised series' pace, another
    vintage than para 8's gap: said, with where the two vintages meet (2015)."""
    revised_2015 = float(data.load("china_gdp_structure").at[2015, "tertiary_pct"])
    para8 = data.fact(NATIONAL_TERTIARY_FACT)
    if lang == "en":
        return (f"Mixes vintages: the gap is para 8's (as published), the moving national pace "
                f"NBS's revised series (2015-2017, external); they meet in 2015, where the "
                f"revised share ({revised_2015:.2f} %) equals para 8's {para8:.1f} % to rounding.")
    return (f"混合了数据版本：差距取自第8段（当时公布数），全国比重的变动速度取自国家统计局修订序列"
            f"（2015-2017年，外部数据）；两者在2015年相接，修订数（{revised_2015:.2f}%）与第8段的"
            f"{para8:.1f}%在四舍五入范围内相等。")


def pace_findings(paces: pd.DataFrame, grid: pd.DataFrame, lang: str) -> str:
    """The pace of the shift in one paragraph: the chosen window, the other two windows, the
    grid's range, count and what the conclusion depends on (`specgrid.robustness_words`), and
    where straight-line forms find a rise."""
    chosen, short, long = (paces.iloc[i] for i in range(3))
    names = list(paces.index)
    n = len(grid)
    lo, hi = grid["value"].min(), grid["value"].max()
    verdict = robustness_words(grid, lang)
    straight = grid[grid["trend_form"] != "quadratic"]
    st_k, st_n = int(straight["holds"].sum()), len(straight)
    ends = series.year_runs(w[1] for w in straight.loc[straight["holds"], "fit_window"])
    if lang == "en":
        return (
            f"The fitted pace {names[0]} ({chosen['pace_pp_per_year']:.2f} points a year, 95 % "
            f"CI {chosen['ci_low']:.2f} to {chosen['ci_high']:.2f}) includes the 2015 jump; "
            f"over {names[1]} it is {short['pace_pp_per_year']:.2f}, and over {names[2]} "
            f"{long['pace_pp_per_year']:.2f} (CI {long['ci_low']:.2f} to "
            f"{long['ci_high']:.2f}). Over {n} specifications (fit window, form, price basis) the "
            f"pace at the window's end runs from {lo:.2f} to {hi:.2f} points a year. That the "
            f"share rose (95 % interval above zero): {verdict}. Straight-line forms find a "
            f"rise in {st_k} of {st_n}, all in windows ending in {ends}: the share fell in "
            f"2006-2010, and what rise there is rests on the last years.")
    return (
        f"{names[0]}年拟合速度（每年{chosen['pace_pp_per_year']:.2f}个百分点，95% 置信区间"
        f"{chosen['ci_low']:.2f}至{chosen['ci_high']:.2f}）包含了2015年的跳升；{names[1]}年为"
        f"{short['pace_pp_per_year']:.2f}，{names[2]}年为{long['pace_pp_per_year']:.2f}（置信区间"
        f"{long['ci_low']:.2f}至{long['ci_high']:.2f}）。在{n}个设定中（拟合区间、函数形式、价格"
        f"基准），区间末年的速度在每年{lo:.2f}至{hi:.2f}个百分点之间。比重上升（95% 区间高于零）"
        f"这一结论：{verdict}。直线形式在{st_n}个设定中有{st_k}个显示上升，全部是止于{ends}年的区间："
        f"该比重在2006-2010年下降，上升只来自最后几年。")


def findings(contrib: pd.DataFrame, at_base: pd.DataFrame, paces: pd.DataFrame,
             grid: pd.DataFrame, gap_pp: float, scenarios: pd.DataFrame, lang: str) -> str:
    """What notebook 02 finds, as Markdown bullets in ``lang`` ('en' or 'zh')."""
    c = contrib.loc[2015]
    last = int(at_base.index.max())
    base = int(at_base.index.min())
    years = scenarios["years"].replace(float("inf"), float("nan"))
    if lang == "en":
        parts = [
            f"In 2015 nominal GDP (Table 1) grew {c['gdp_growth_pct']:.2f} %: industry "
            f"(secondary) took **{-c['secondary_pp']:.2f}** points off it (rounding range "
            f"{-c['secondary_high']:.2f} to {-c['secondary_low']:.2f}) and services (tertiary) "
            f"added **{c['tertiary_pp']:.2f}** points ({c['tertiary_low']:.2f} to "
            f"{c['tertiary_high']:.2f}); services' value added grew "
            f"{c['tertiary_growth_pct']:.1f} %, industry's fell {-c['secondary_growth_pct']:.1f} "
            f"%. The 2015 jump of the tertiary share is services growing about as much as "
            f"industry fell.",
            f"Part of it is prices: China's producer prices fell "
            f"{-at_base.at[last, 'industry_price_relative_to_services_pct']:.1f} % against "
            f"consumer prices from {base} to {last}, and at {base} relative prices the tertiary "
            f"share would reach {at_base.at[last, 'tertiary_share_base_prices']:.1f} % in {last}, "
            f"not {at_base.at[last, 'tertiary_share_nominal']:.1f} % (an illustration with "
            f"national indices).",
            pace_findings(paces, grid, lang),
            f"So no catch-up date is estimated: the gap of {gap_pp:.1f} points (para 8, both "
            f"shares as published) closes in {years.min():.0f} to {years.max():.0f} years at the "
            f"stated paces, or never if Liaoning's share does not outpace the national one.",
        ]
    else:
        parts = [
            f"2015年名义GDP（表 1）增长{c['gdp_growth_pct']:.2f}%：工业（第二产业）拉低 "
            f"**{-c['secondary_pp']:.2f}** 个百分点（四舍五入范围{-c['secondary_high']:.2f}至"
            f"{-c['secondary_low']:.2f}），服务业（第三产业）拉高 **{c['tertiary_pp']:.2f}** 个"
            f"百分点（{c['tertiary_low']:.2f}至{c['tertiary_high']:.2f}）；服务业增加值增长"
            f"{c['tertiary_growth_pct']:.1f}%，工业下降{-c['secondary_growth_pct']:.1f}%。2015年"
            f"第三产业比重的跳升，是服务业增长与工业下降大致相当的结果。",
            f"其中一部分来自价格：{base}至{last}年全国工业生产者出厂价格相对居民消费价格下降"
            f"{-at_base.at[last, 'industry_price_relative_to_services_pct']:.1f}%，按{base}年相对"
            f"价格，{last}年第三产业比重为{at_base.at[last, 'tertiary_share_base_prices']:.1f}%，"
            f"而非{at_base.at[last, 'tertiary_share_nominal']:.1f}%（以全国价格指数作的示意）。",
            pace_findings(paces, grid, lang),
            f"因此不估计追赶年份：{gap_pp:.1f}个百分点的差距（第8段，两个比重均为当时公布数）在"
            f"设定速度下需{years.min():.0f}至{years.max():.0f}年缩小，若辽宁比重上升不快于全国则"
            f"永远无法缩小。",
        ]
    return "\n".join(f"- {p}" for p in parts)


def headline(shares: pd.DataFrame, contrib: pd.DataFrame, grid: pd.DataFrame,
             lang: str) -> str:
    """Notebook 02 in two bullets: what moved the shares, and how robust the pace is."""
    first, last = 2011, int(shares.index.max())
    t_first, t_last = shares.at[first, "tertiary_share"], shares.at[last, "tertiary_share"]
    c = contrib.loc[last]
    chosen = grid.loc[grid["chosen"]].iloc[0]
    k, n = int(grid["holds"].sum()), len(grid)
    if summarise(grid).robust:
        raise ValueError("the headline's wording assumes the pace is not robust; reword it")
    if lang == "en":
        return (
            f"- Services' share of Liaoning's GDP rose from {t_first:.1f} % ({first}) to "
            f"{t_last:.1f} % ({last}); the {last} jump is services adding "
            f"{c['tertiary_pp']:.1f} points to nominal growth while industry took "
            f"{-c['secondary_pp']:.1f} off, partly a matter of falling industrial prices.\n"
            f"- Its pace is not a robust estimate: {chosen['value']:.2f} points a year over the "
            f"report's years {first}-{last}, but above zero in only {k} of {n} specifications; "
            f"it depends on the fit window and form (the share fell in 2006-2010).")
    return (
        f"- 辽宁第三产业占GDP比重从{t_first:.1f}%（{first}年）升至{t_last:.1f}%（{last}年）；"
        f"{last}年的跳升是服务业为名义增长贡献{c['tertiary_pp']:.1f}个百分点、工业拉低"
        f"{-c['secondary_pp']:.1f}个百分点的结果，部分源于工业品价格下跌。\n"
        f"- 其变化速度并非稳健估计：按报告年份{first}-{last}年为每年{chosen['value']:.2f}个"
        f"百分点，但在{n}个设定中仅{k}个高于零；结果取决于拟合区间和函数形式（2006-2010年该"
        f"比重曾下降）。")


def key_figures(contrib: pd.DataFrame, at_base: pd.DataFrame,
                national_pace: float) -> list[tuple[str, float, str, str]]:
    """(name, value, unit, label) of notebook 02's key figures (without the grid's)."""
    out = [(f"sector_contribution_2015_{sector}_pp", float(contrib.at[2015, f"{sector}_pp"]),
            "percentage points",
            f"{sector.capitalize()} sector's contribution to Liaoning's nominal GDP growth 2015 "
            f"(Table 1 x Table 2)") for sector in ("primary", "secondary", "tertiary")]
    out.append(("tertiary_share_2015_at_2011_prices_pct",
                float(at_base.at[2015, "tertiary_share_base_prices"]), "percent",
                "Liaoning tertiary share 2015 at 2011 relative prices (China's PPI and CPI)"))
    out.append(("national_tertiary_pace_2015_2017_pp", national_pace, "points a year",
                "China's tertiary share, change a year 2015-2017 (NBS, revised)"))
    return out
