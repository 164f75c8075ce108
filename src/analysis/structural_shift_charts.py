"""Figures of notebook 02 (structural shift): sector shares, contributions, the tertiary gap.

Every title names exactly the years drawn; the tertiary-gap figure draws the fitted line solid
over its fit window and, beyond it, dashed with a 95 % prediction interval, and names each
line's vintage (Liaoning as published, China revised).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis import plotting
from analysis.labels import t
from analysis.structural_shift import NATIONAL_TERTIARY_FACT, SHARES, national_tertiary_share
from analysis.trend import linear_trend, predict_with_intervals

TREND_COLOUR = "#CC79A7"  # reddish purple: the fitted line and its band, apart from external grey


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


TREND_COLOUR = "#CC79A7"  # reddish purple: the fitted line and its band, apart from external grey


def shares_figure(shares: pd.DataFrame, lang: str) -> Figure:
    """Sector shares, external years shaded; the title names exactly the plotted years."""
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
    """Tertiary share against the national one. The fitted line is solid over its fit window;
    beyond it, to the national series' last year, it is dashed and carries a 95 % prediction
    interval (for a single year's share, not the line): an extrapolation, labelled as one.
    Each line names its vintage: Liaoning as published, China revised (NBS)."""
    national = national_tertiary_share()
    last = int(national.index.max())
    first = int(shares.index.min())
    fit = linear_trend(shares["tertiary_share"], fit_start, fit_end)
    inside = predict_with_intervals(fit, range(fit_start, fit_end + 1))
    ahead = predict_with_intervals(fit, range(fit_end, last + 1))
    fig, ax = plotting.line_chart(
        shares[["tertiary_share"]].rename(columns={"tertiary_share": "liaoning_tertiary_share"}),
        lang=lang, title=tertiary_gap_title(first, last, lang), unit=t("unit_percent", lang),
        source=plotting.figure_source(
            lang, ["table2_industry_structure", "liaoning_gdp_by_sector", "china_gdp_structure"],
            [NATIONAL_TERTIARY_FACT]),
    )
    ax.plot(inside.index, inside["predicted"], color=TREND_COLOUR, linewidth=1.2,
            label=t("fitted_trend_window", lang, start=fit_start, end=fit_end))
    ax.plot(ahead.index, ahead["predicted"], color=TREND_COLOUR, linewidth=1.2, linestyle="--",
            label=t("trend_extrapolated", lang, start=fit_end, end=last))
    ax.fill_between(ahead.index, ahead["pi_lower"], ahead["pi_upper"], color=TREND_COLOUR,
                    alpha=0.15, linewidth=0, label=t("prediction_interval_ahead", lang))
    plotting.mark_external(ax, national.index, national["external"],
                           label=t("china_tertiary_revised", lang), lang=lang)
    ax.scatter([2015], [national.loc[2015, "report"]], marker="s", color="black", zorder=5,
               label=t("china_para8_as_published", lang))
    plotting.mark_external_span(ax, first,
                                int(shares.index[shares["source"] == "external"].max()), lang=lang)
    ax.legend(loc="upper left", fontsize=8, bbox_to_anchor=(0.0, 0.93))
    return fig
