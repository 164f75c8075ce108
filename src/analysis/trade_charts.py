"""Notebook 03's figures: contributions to the falls, Liaoning and China against their trends,
the share of China's trade, current and constant prices, the product composition.

Why: one home for the section's drawing, apart from its arithmetic (`trade_collapse`); each
figure's title says what is drawn, and year labels are thinned where a panel is narrow
(`analysis.trendplot.year_ticks`).
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.labels import t
from analysis.plotting import (
    PALETTE,
    add_source,
    bar_chart,
    figure_source,
    mark_external,
    new_figure,
)
from analysis.speccurve import spec_curve
from analysis.tables import label, unit_label
from analysis.trade_collapse import COMPOSITION
from analysis.trend import fit_log_linear_trend
from analysis.trendplot import trend_chart, year_ticks

__all__ = [
    "contributions_chart",
    "benchmark_trend_chart",
    "share_chart",
    "nominal_real_chart",
    "composition_chart",
    "specification_chart",
]

# Each grid's curve: title key, what "holds" means (legend), the data it draws on.
_GRID_CHARTS = {
    "trade_vs_trend": ("grid_title_shortfall", ("below_pi", "not_below_pi"),
                  ["table3_foreign_trade", "liaoning_exports_nbs", "liaoning_imports_nbs",
                   "china_ppi", "china_gdp_deflator", "china_cpi", "cny_usd"]),
    "trade_vs_china": ("grid_title_relative", ("below_pi", "not_below_pi"),
                 ["table3_foreign_trade", "liaoning_exports_nbs", "liaoning_imports_nbs",
                  "china_trade_total"]),
}


def contributions_chart(falls: pd.DataFrame, *, lang: str, source: str) -> tuple[Figure, Axes]:
    """Export and import contributions stacked (they add up to the total), the total marked."""
    years = [int(y) for y in falls.index]
    fig, ax = new_figure(t("trade_contributions_title", lang, start=years[0], end=years[-1]))
    exp, imp = falls["exports_contribution"], falls["imports_contribution"]
    # stack positive parts upward and negative parts downward so the bars show the sum
    for i, (col, colour) in enumerate([(exp, PALETTE[0]), (imp, PALETTE[1])]):
        below = exp if i == 1 else 0 * exp
        base = [(b if (b >= 0) == (v >= 0) else 0.0) for b, v in zip(below, col, strict=True)]
        ax.bar(years, col, 0.6, bottom=base, color=colour,
               label=label(["exports", "imports"][i], lang))
    ax.plot(years, falls["total_trade_growth"], linestyle="none", marker="D", markersize=6,
            color="black", label=label("total_trade_growth", lang))
    ax.axhline(0, color="#444444", linewidth=0.8)
    ax.set_xticks(years)
    ax.set_ylabel(unit_label("percentage points", lang))
    ax.set_xlabel(label("year", lang))
    ax.grid(axis="x", visible=False)
    ax.legend(loc="lower left")
    add_source(fig, source)
    return fig, ax


def benchmark_trend_chart(liaoning: pd.Series, china: pd.Series, start: int, end: int, *,
                          lang: str) -> tuple[Figure, Axes]:
    """Two panels: Liaoning's and China's total trade, each against its own log trend."""
    fit_l = fit_log_linear_trend(liaoning, start, end)
    fit_c = fit_log_linear_trend(china, start, end)
    title = t("trade_vs_china_title", lang, start=fit_l.start, end=fit_l.end)
    fig, axes = new_figure(title, ncols=2, figsize=(11, 4.4))
    trend_chart(liaoning, fit_l, lang=lang, title=t("liaoning_table3", lang),
                unit=unit_label("100 million USD", lang), source="", ax=axes[0])
    trend_chart(china, fit_c, lang=lang, title=t("china_nbs_external", lang),
                unit=unit_label("100 million USD", lang), source="", ax=axes[1])
    add_source(fig, figure_source(lang, ["table3_foreign_trade", "china_trade_total"]))
    return fig, axes[0]


def share_chart(share: pd.Series, last_table_year: int, *, lang: str) -> tuple[Figure, Axes]:
    """Liaoning's share of China's trade (both external NBS); years after Table 3 shaded."""
    fig, ax = new_figure(t("liaoning_share_of_china_trade", lang))
    mark_external(ax, share.index, share.to_numpy(), label=t("share_of_china_trade", lang),
                  lang=lang, color=PALETTE[0])
    after = share[share.index > last_table_year]
    if len(after):
        ax.axvspan(last_table_year + 0.5, int(after.index.max()) + 0.5, color="#7f7f7f",
                   alpha=0.12, linewidth=0)
        ax.text(last_table_year + 0.6, 0.04, t("after_table3", lang), fontsize=8.5,
                color="#444444", transform=ax.get_xaxis_transform())
    ax.set_ylabel(unit_label("percent", lang))
    ax.set_xlabel(label("year", lang))
    year_ticks(ax, [int(y) for y in share.index])
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower left")
    add_source(fig, figure_source(lang, ["liaoning_exports_nbs", "china_trade_total"]))
    return fig, ax


def nominal_real_chart(nominal: pd.Series, real: pd.Series, base_year: int, *,
                       lang: str) -> tuple[Figure, Axes]:
    """Liaoning's total trade in current dollars and deflated (PPI, base-year dollars)."""
    fig, ax = new_figure(t("nominal_real_title", lang))
    ax.plot(nominal.index, nominal.to_numpy(), color="black", marker="o",
            label=t("nominal_usd", lang))
    ax.plot(real.index, real.to_numpy(), color=PALETTE[2], marker="s", linestyle="--",
            markerfacecolor="white", label=t("real_ppi_usd", lang, year=base_year))
    ax.set_ylabel(unit_label("100 million USD", lang))
    ax.set_xlabel(label("year", lang))
    year_ticks(ax, [int(y) for y in nominal.index])
    ax.legend(loc="upper left")
    add_source(fig, figure_source(lang, ["table3_foreign_trade", "china_ppi", "cny_usd"]))
    return fig, ax


def composition_chart(comp: pd.DataFrame, *, lang: str) -> tuple[Figure, Axes]:
    """Stated product-group shares side by side; no 'other' bar (the groups overlap)."""
    ids = [i for v in COMPOSITION.values() for i in v.values()]
    fig, ax = bar_chart(comp, lang=lang,
                        title=f"{label('export_composition', lang)}; "
                              f"{label('import_composition', lang)}",
                        unit=unit_label("percent", lang),
                        source=figure_source(lang, fact_ids=ids), xlabel="", annotate=1)
    # long group names on two lines, upright: rotated labels' boxes ran into each other
    ax.set_xticks(range(len(comp)), [textwrap.fill(label(k, lang), 16) for k in comp.index])
    ax.text(0.99, 0.97, t("groups_overlap_note", lang), transform=ax.transAxes, ha="right",
            va="top", fontsize=8.5, color="#444444")
    return fig, ax


def specification_chart(grid: pd.DataFrame, name: str, year: int, *,
                        lang: str) -> tuple[Figure, Axes]:
    """The specification curve of one of notebook 03's grids ("trade_vs_trend",
    "trade_vs_china"; `analysis.trade_findings`), titled and sourced for it. The deflated view
    is the first one's deflated specifications: no curve of its own."""
    title, (holds, fails), sources = _GRID_CHARTS[name]
    return spec_curve(grid, lang=lang, title=t(title, lang, year=year),
                      unit=t("gap_to_trend_pct", lang), source=figure_source(lang, sources),
                      holds_label=t(holds, lang), fails_label=t(fails, lang))
