"""Section III.A (paras 8, 31-33): the shift from industry to services and its pace.

The report prints the three sector shares for 2011-2015 only (Table 2); 2006-2010 come from the
external NBS provincial accounts (value added / GDP), flagged in a ``source`` column. With five
report points (ten with the external years) a fitted pace is a description, not a forecast.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis import data
from analysis.growth import contributions, growth_rate, ratio_pct
from analysis.labels import caption, t
from analysis.trend import linear_trend, predict_with_intervals

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


def shares_at_base_prices(base_year: int = 2011) -> pd.DataFrame:
    """Table 2's shares re-weighted at ``base_year`` relative prices: an illustration, not data.

    Secondary value added is deflated by China's PPI (industrial ex-factory prices), primary
    and tertiary by China's CPI, both chained from ``base_year`` (external, NBS). Assumes
    Liaoning's sector prices moved like these national indices and that the PPI (a gross-output
    price) stands for industry's value-added prices: it shows the direction and rough size of
    the price effect on nominal shares, not Liaoning's real shares.
    """
    va = value_added()
    years = [y for y in va.index if y >= base_year]
    ppi = data.load("china_ppi")["value"].astype(float)
    cpi = data.load("china_cpi")["value"].astype(float)
    price = pd.DataFrame(1.0, index=pd.Index(years, name="year"), columns=["ppi", "cpi"])
    for y in years[1:]:
        price.loc[y, "ppi"] = price.loc[y - 1, "ppi"] * (1.0 + ppi.loc[y] / 100.0)
        price.loc[y, "cpi"] = price.loc[y - 1, "cpi"] * (1.0 + cpi.loc[y] / 100.0)
    real = pd.DataFrame(
        {
            "primary": va.loc[years, "primary"] / price["cpi"],
            "secondary": va.loc[years, "secondary"] / price["ppi"],
            "tertiary": va.loc[years, "tertiary"] / price["cpi"],
        }
    )
    total = real.sum(axis=1)
    return pd.DataFrame(
        {
            "tertiary_share_nominal": va.loc[years, "tertiary"] / va.loc[years, "gdp"] * 100.0,
            "tertiary_share_base_prices": real["tertiary"] / total * 100.0,
            "secondary_share_nominal": va.loc[years, "secondary"] / va.loc[years, "gdp"] * 100.0,
            "secondary_share_base_prices": real["secondary"] / total * 100.0,
            "industry_price_relative_to_services_pct": (price["ppi"] / price["cpi"] - 1.0) * 100.0,
        }
    )


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


def year_range(index: pd.Index) -> str:
    """'2006-2015': first and last year of an index of years."""
    return f"{int(min(index))}-{int(max(index))}"


def shares_title(shares: pd.DataFrame, lang: str) -> str:
    """Title of the sector-share figure naming exactly the plotted years."""
    years = year_range(shares.index)
    return t("sector_shares_title", lang, years=years)


def tertiary_gap_title(first: int, last: int, lang: str) -> str:
    """Title of the tertiary-share gap figure naming exactly the plotted years."""
    return t("tertiary_gap_title", lang, years=f"{first}-{last}")


def table2_caption(lang: str) -> str:
    """The report's Table 2 caption (for the printed table)."""
    return caption("table2", lang)


# ---- Figures ------------------------------------------------------------------------------

TREND_COLOUR = "#CC79A7"  # reddish purple: the fitted line and its band, apart from external grey


def shares_figure(shares: pd.DataFrame, lang: str) -> Figure:
    """Sector shares, external years shaded; the title names exactly the plotted years."""
    from analysis import plotting

    fig, ax = plotting.line_chart(
        shares[SHARES], lang=lang, title=shares_title(shares, lang), unit=t("unit_percent", lang),
        source=plotting.figure_source(lang, ["table2_industry_structure",
                                             "liaoning_gdp_by_sector"]),
    )
    last_ext = int(shares.index[shares["source"] == "external"].max())
    plotting.mark_external_span(ax, int(shares.index.min()), last_ext, lang=lang)
    return fig


def contributions_figure(contrib: pd.DataFrame, lang: str) -> Figure:
    """Sector contributions to nominal GDP growth, stacked, with GDP growth marked."""
    from analysis import plotting

    years = [int(y) for y in contrib.index]
    fig, ax = plotting.new_figure(t("contributions_title", lang, years=year_range(contrib.index)))
    pos, neg = [0.0] * len(years), [0.0] * len(years)
    for i, sector in enumerate(("primary", "secondary", "tertiary")):
        vals = contrib[f"{sector}_pp"].tolist()
        bottoms = [p if v >= 0 else n for v, p, n in zip(vals, pos, neg, strict=True)]
        ax.bar(years, vals, 0.6, bottom=bottoms, color=plotting.PALETTE[i],
               label=t(f"{sector}_share", lang))
        pos = [p + max(v, 0.0) for v, p in zip(vals, pos, strict=True)]
        neg = [n + min(v, 0.0) for v, n in zip(vals, neg, strict=True)]
    total = contrib["gdp_growth_pct"]
    ax.scatter(years, total.values, marker="D", color="black", zorder=5,
               label=t("gdp_growth_table1", lang))
    for y, v in zip(years, total.values, strict=True):
        ax.annotate(f"{v:.1f}", (y, v), xytext=(10, 0), textcoords="offset points",
                    va="center", fontsize=8.5)
    ax.axhline(0, color="#444444", linewidth=0.8)
    ax.set_xticks(years)
    ax.grid(axis="x", visible=False)
    ax.set_ylabel(t("unit_pp", lang))
    ax.set_xlabel(t("year", lang))
    ax.legend(loc="lower left", fontsize=8.5)
    plotting.add_source(fig, plotting.figure_source(lang, ["table1_gdp",
                                                           "table2_industry_structure"]))
    return fig


def tertiary_gap_figure(shares: pd.DataFrame, fit_start: int, fit_end: int, lang: str) -> Figure:
    """Tertiary share against the national one; the fitted line only over its fit window, and
    a 95 % prediction interval (not a confidence band) for the years after it."""
    from analysis import plotting

    national = national_tertiary_share()
    last = int(national.index.max())
    first = int(shares.index.min())
    fit = linear_trend(shares["tertiary_share"], fit_start, fit_end)
    inside = predict_with_intervals(fit, range(fit_start, fit_end + 1))
    ahead = predict_with_intervals(fit, range(fit_end, last + 1))
    fig, ax = plotting.line_chart(
        shares[["tertiary_share"]], lang=lang, title=tertiary_gap_title(first, last, lang),
        unit=t("unit_percent", lang),
        source=plotting.figure_source(
            lang, ["table2_industry_structure", "liaoning_gdp_by_sector", "china_gdp_structure"],
            [NATIONAL_TERTIARY_FACT]),
    )
    ax.plot(inside.index, inside["predicted"], color=TREND_COLOUR, linewidth=1.2,
            label=t("fitted_trend_window", lang, start=fit_start, end=fit_end))
    ax.plot(ahead.index, ahead["predicted"], color=TREND_COLOUR, linewidth=1.2, linestyle="--")
    ax.fill_between(ahead.index, ahead["pi_lower"], ahead["pi_upper"], color=TREND_COLOUR,
                    alpha=0.15, linewidth=0, label=t("prediction_interval_ahead", lang))
    plotting.mark_external(ax, national.index, national["external"], label=t("china", lang),
                           lang=lang)
    lp, rp = (" (", ")") if lang == "en" else ("（", "）")
    ax.scatter([2015], [national.loc[2015, "report"]], marker="s", color="black", zorder=5,
               label=f"{t('china', lang)}{lp}{t('para', lang, n=8)}{rp}")
    plotting.mark_external_span(ax, first,
                                int(shares.index[shares["source"] == "external"].max()), lang=lang)
    ax.legend(loc="upper left", fontsize=8, bbox_to_anchor=(0.0, 0.93))
    return fig
