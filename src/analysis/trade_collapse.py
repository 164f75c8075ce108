"""Section III.B.1/III.C (notebook 03): Liaoning's trade, Table 3, partners, composition, cities.

Why: notebook 03 shows and the helpers compute. Arithmetic on Table 3 and the partner table
(contributions, recomputed ratios, partner shares, yuan to dollars), the section's figures
(contributions stacked to the total, Liaoning beside China against their own trends, the
composition without a made-up remainder) and the fixed-decimal display of derived tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis import data, series
from analysis.growth import contributions, growth_rate, ratio_pct, shares
from analysis.labels import t
from analysis.plotting import (
    PALETTE,
    add_source,
    bar_chart,
    figure_source,
    mark_external,
    new_figure,
)
from analysis.tables import label, text_vs_computed, unit_label
from analysis.trend import fit_log_linear_trend
from analysis.trendplot import trend_chart

__all__ = [
    "fixed",
    "text_checks",
    "fall_decomposition",
    "FALL_FACTS",
    "fall_reading",
    "recompute_ratio",
    "partner_shares",
    "partner_share_of_liaoning",
    "to_usd",
    "pct_of",
    "whole_from_share",
    "dependency_gap",
    "trend_frame",
    "gap_years_inside",
    "contributions_chart",
    "benchmark_trend_chart",
    "share_chart",
    "nominal_real_chart",
    "COMPOSITION",
    "composition",
    "composition_chart",
    "city_fact_ids",
    "city_rows",
    "key_figures",
    "partner_text_checks",
    "city_text_checks",
]


def fixed(df: pd.DataFrame | pd.Series, decimals: int | Mapping[str, int] = 2) -> pd.DataFrame:
    """A table of numbers as text with fixed decimals per column (no e-notation), for display.

    ``decimals`` is one number for every float column or a mapping column -> decimals (columns
    not named keep 2). Booleans, integers and text are left as they are.
    """
    out = (df.to_frame() if isinstance(df, pd.Series) else df).copy()
    for c in out.columns:
        if pd.api.types.is_float_dtype(out[c]):
            d = decimals.get(str(c), 2) if isinstance(decimals, Mapping) else decimals
            out[c] = [("" if pd.isna(v) else f"{v:.{d}f}") for v in out[c]]
    return out


def text_checks(rows: Mapping[str, float], lang: str, decimals: int = 2) -> pd.DataFrame:
    """``tables.text_vs_computed`` for display: the text's number with its printed decimals,
    recomputed value and difference with ``decimals`` (no float noise, no e-notation)."""
    out = text_vs_computed(dict(rows), lang)  # the text's number already has its printed decimals
    recomputed = pd.Series(dict(rows), dtype=float)
    difference = data.facts().loc[list(rows), "value"] - recomputed
    out[out.columns[2]] = [f"{v:.{decimals}f}" for v in recomputed]
    out[out.columns[3]] = [f"{v:.{decimals}f}" for v in difference]
    return out


def fall_decomposition(trade: pd.DataFrame, years: Iterable[int] | None = None) -> pd.DataFrame:
    """Growth of exports, imports and total trade (%) and the export/import contributions (pp).

    Contributions are changes divided by the previous year's printed total trade, so they add
    up to the total's growth up to the rounding of the printed rows.
    """
    for c in ("exports", "imports", "total_trade"):
        if c not in trade.columns:
            raise KeyError(f"fall_decomposition needs column {c!r} (Table 3)")
    contrib = contributions(trade[["exports", "imports"]], total=trade["total_trade"])
    out = pd.DataFrame(
        {
            "exports_growth": growth_rate(trade["exports"]),
            "imports_growth": growth_rate(trade["imports"]),
            "total_trade_growth": growth_rate(trade["total_trade"]),
            "exports_contribution": contrib["exports"],
            "imports_contribution": contrib["imports"],
        }
    )
    out["contribution_sum"] = out["exports_contribution"] + out["imports_contribution"]
    out = out.dropna(how="all")
    if years is not None:
        out = out.loc[list(years)]
    return out


# Paragraphs 36-37: fact-id stem of each flow's stated fall ("export_decline_2009_pct").
FALL_FACTS = [("export", "exports"), ("import", "imports"), ("trade", "total_trade")]


def fall_reading(falls: pd.DataFrame, year: int) -> dict[str, float | str]:
    """What a fall's contributions show: each flow's share of the fall (%), and which led.

    "led" is the flow that contributed more than half of the fall; "shared" if neither did;
    a flow that grew has a negative share (it offset part of the fall).
    """
    row = falls.loc[year]
    total = float(row["contribution_sum"])
    if total >= 0:
        raise ValueError(f"total trade did not fall in {year}")
    exp_share = 100.0 * float(row["exports_contribution"]) / total
    imp_share = 100.0 * float(row["imports_contribution"]) / total
    led = "exports" if exp_share > 50 else "imports" if imp_share > 50 else "shared"
    return {"exports_share_of_fall_pct": exp_share, "imports_share_of_fall_pct": imp_share,
            "led_by": led}


def recompute_ratio(
    df: pd.DataFrame, numerator: str, denominator: str, printed: str, *,
    mixing_vintages: bool = False,
) -> pd.DataFrame:
    """Printed ratio (%) beside 100 * numerator / denominator from the same table, and the gap
    (``mixing_vintages`` as in `growth.ratio_pct`: a printed ratio may itself mix them)."""
    re = ratio_pct(df[numerator], df[denominator], mixing_vintages=mixing_vintages)
    return series.frame(  # keeps the ratio's caveat for series.note
        {"printed": df[printed], "recomputed": re, "difference": df[printed] - re}
    )


def partner_shares(partner: pd.DataFrame) -> pd.DataFrame:
    """Per partner and year: exports/imports as % of that partner's total, and each partner's %
    of the three partners' combined exports, imports and total trade.

    ``partner`` is the (partner, year)-indexed partner table (100 million yuan).
    """
    own = shares(partner[["exports", "imports"]], total=partner["total_trade"]).add_suffix(
        "_share_of_partner_total"
    )
    combined = partner.groupby(level="year").transform("sum")
    of_three = (partner / combined * 100.0).add_suffix("_share_of_three")
    return pd.concat([own, of_three], axis=1)


def to_usd(yuan: pd.Series | pd.DataFrame, cny_per_usd: pd.Series) -> pd.Series | pd.DataFrame:
    """Convert yuan amounts indexed by year (or by (..., year)) to USD at each year's rate."""
    years = yuan.index.get_level_values("year") if isinstance(yuan.index, pd.MultiIndex) else (
        yuan.index
    )
    missing = sorted(set(int(y) for y in years) - set(int(y) for y in cny_per_usd.index))
    if missing:
        raise KeyError(f"to_usd: no CNY/USD rate for year(s) {missing}")
    rate = pd.Series(cny_per_usd.reindex(years).to_numpy(), index=yuan.index)
    return yuan.div(rate, axis=0)


def partner_share_of_liaoning(
    partner: pd.DataFrame, trade: pd.DataFrame, cny_per_usd: pd.Series
) -> pd.DataFrame:
    """Japan, Korea, Russia and their sum as % of Liaoning's Table 3 trade, years in both tables.

    The partner table is in 100 million yuan and Table 3 in 100 million USD, so partner values
    are converted with the (external) annual-average CNY/USD rate. Returns rows (partner, year)
    with the partner value in USD and the share for exports, imports and total trade.
    """
    cols = ["exports", "imports", "total_trade"]
    years = sorted(set(partner.index.get_level_values("year")) & set(trade.index))
    if not years:
        raise ValueError("partner table and Table 3 have no year in common")
    p = partner.loc[partner.index.get_level_values("year").isin(years), cols]
    three = p.groupby(level="year").sum()
    three.index = pd.MultiIndex.from_product([["three_partners"], three.index], names=p.index.names)
    both = pd.concat([p, three])
    usd = to_usd(both, cny_per_usd)
    liaoning = trade.loc[both.index.get_level_values("year"), cols].to_numpy()
    share = usd / liaoning * 100.0
    return pd.concat([usd.add_suffix("_usd"), share.add_suffix("_share_of_liaoning")], axis=1)


def pct_of(part: float, whole: float) -> float:
    """``part`` as percent of ``whole`` (e.g. Fuxin's trade as % of Dalian's)."""
    if whole == 0:
        raise ValueError("pct_of: whole is zero")
    return 100.0 * part / whole


def whole_from_share(part: float, share_pct: float) -> float:
    """The whole implied by a part and its stated share in percent (part / (share / 100))."""
    if share_pct == 0:
        raise ValueError("whole_from_share: share is zero")
    return part / (share_pct / 100.0)


def trend_frame(t3: pd.DataFrame, china: pd.DataFrame, real: pd.DataFrame) -> pd.DataFrame:
    """Every series notebook 03 fits a trend to, one column each (for the diagnostics):
    Table 3's flows, China's total trade (external, through 2017), deflated total trade."""
    out = t3[["exports", "imports", "total_trade"]].join(
        china["total_trade"].rename("china_total_trade"), how="outer")
    return out.join(real["total_trade"].rename("total_trade_real"))


def dependency_gap(t3: pd.DataFrame) -> pd.Series:
    """National minus Liaoning trade dependency (Table 3), percentage points."""
    return (t3["trade_dependency_china"] - t3["trade_dependency"]).rename("dependency_gap")


def gap_years_inside(gap: pd.Series, low: float, high: float) -> list[int]:
    """Years whose gap lies in [low, high] (paragraph 45's range read as a gap)."""
    return [int(y) for y in gap[(gap >= low) & (gap <= high)].index]


def contributions_chart(falls: pd.DataFrame, *, lang: str, source: str) -> tuple[Figure, Axes]:
    """Export and import contributions stacked (they add up to the total), the total marked."""
    title = f"{label('contribution', lang)}: {label('total_trade', lang)}"
    fig, ax = new_figure(title)
    years = [int(y) for y in falls.index]
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
    ax.set_xticks([int(y) for y in share.index])
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
    ax.set_xticks([int(y) for y in nominal.index])
    ax.legend(loc="upper left")
    add_source(fig, figure_source(lang, ["table3_foreign_trade", "china_ppi", "cny_usd"]))
    return fig, ax


# Paragraphs 39-40: product groups and their fact ids (2015). The groups overlap in customs
# classifications (high-tech products are largely machinery and electrical products), so they
# are not parts of a whole and no remainder is drawn.
COMPOSITION = {
    "share_of_exports": {"mechanical_electrical": "export_share_machinery_electrical_2015",
                         "steel": "export_share_steel_2015",
                         "agricultural": "export_share_agricultural_2015",
                         "high_tech": "export_share_high_tech_2015"},
    "share_of_imports": {"mechanical_electrical": "import_share_machinery_electrical_2015",
                         "crude_oil": "import_share_crude_oil_2015",
                         "agricultural": "import_share_agricultural_2015",
                         "high_tech": "import_share_high_tech_2015"},
}


def composition() -> pd.DataFrame:
    """Stated shares of exports and imports by product group (NaN = not stated, not zero)."""
    cols = {k: pd.Series({g: data.fact(i) for g, i in ids.items()})
            for k, ids in COMPOSITION.items()}
    groups = list(dict.fromkeys(g for ids in COMPOSITION.values() for g in ids))
    return pd.DataFrame(cols).loc[groups]


def composition_chart(comp: pd.DataFrame, *, lang: str) -> tuple[Figure, Axes]:
    """Stated product-group shares side by side; no 'other' bar (the groups overlap)."""
    ids = [i for v in COMPOSITION.values() for i in v.values()]
    fig, ax = bar_chart(comp, lang=lang,
                        title=f"{label('export_composition', lang)}; "
                              f"{label('import_composition', lang)}",
                        unit=unit_label("percent", lang),
                        source=figure_source(lang, fact_ids=ids), xlabel="", annotate=1)
    ax.set_xticks(range(len(comp)), [label(k, lang) for k in comp.index], rotation=15, ha="right")
    ax.text(0.99, 0.97, t("groups_overlap_note", lang), transform=ax.transAxes, ha="right",
            va="top", fontsize=8.5, color="#444444")
    return fig, ax


def city_fact_ids(year: int) -> dict[str, str]:
    """Paragraph 47's fact ids for ``year`` (a year the text does not give fails clearly)."""
    ids = {"dalian_trade": f"dalian_trade_{year}", "shenyang_trade": f"shenyang_trade_{year}",
           "fuxin_trade": f"fuxin_trade_{year}",
           "dalian_shenyang_fdi_share": f"dalian_shenyang_fdi_share_{year}",
           "fuxin_chaoyang_fdi": f"fuxin_chaoyang_fdi_{year}"}
    facts = data.facts()
    missing = [i for i in ids.values() if i not in facts.index]
    if missing:
        raise KeyError(f"paragraph 47 gives no figure for {year}: {missing} not in facts.csv")
    return ids


def city_text_checks(year: int) -> dict[str, float]:
    """Paragraph 47's "仅占大连的0.5%" recomputed from its own Fuxin and Dalian figures."""
    ids = city_fact_ids(year)
    return {"fuxin_trade_share_of_dalian": pct_of(data.fact(ids["fuxin_trade"]),
                                                  data.fact(ids["dalian_trade"]))}


def partner_text_checks(partner: pd.DataFrame) -> dict[str, float]:
    """Paragraph 41's three-partner exports and imports (last year) recomputed from the table."""
    year = int(partner.index.get_level_values("year").max())
    three = partner.xs(year, level="year")[["exports", "imports"]].sum()
    return {f"partner_exports_{year}": float(three["exports"]),
            f"partner_imports_{year}": float(three["imports"])}


def city_rows(t3: pd.DataFrame, year: int) -> pd.Series:
    """The two large cities' weight in Liaoning's Table 3 trade and the Dalian FDI implied."""
    ids, f = city_fact_ids(year), data.fact
    total = float(t3.loc[year, "total_trade"])
    return pd.Series({
        "dalian_share_of_liaoning_trade_pct": pct_of(f(ids["dalian_trade"]), total),
        "dalian_shenyang_share_of_liaoning_trade_pct": pct_of(
            f(ids["dalian_trade"]) + f(ids["shenyang_trade"]), total),
        "dalian_fdi_implied_by_fuxin_chaoyang_share_100m_usd": whole_from_share(
            f(ids["fuxin_chaoyang_fdi"]), f("fuxin_chaoyang_fdi_share_of_dalian")),
    })


def key_figures(last: int, trend_end: int, short: pd.DataFrame, china: pd.Series,
                rel: pd.DataFrame, share: pd.Series, oil: pd.DataFrame,
                real: pd.Series) -> list[tuple[str, float, str]]:
    """The section's key figures as (name, value, unit): Liaoning's raw shortfalls, China's,
    Liaoning relative to China, the trade share and its fall, oil's part, the deflated gap."""
    out = [(f"{flow}_vs_trend_{last}_pct", float(short.loc[(flow, last), "gap_pct"]), "percent")
           for flow in short.index.get_level_values("series").unique()]
    return out + [
        (f"china_total_trade_vs_trend_{last}_pct", float(china["gap_pct"]), "percent"),
        (f"liaoning_vs_china_trade_shortfall_{last}_pct",
         float(rel.loc[last, "relative_gap_pct"]), "percent"),
        (f"liaoning_vs_china_trade_shortfall_{last}_pp", float(rel.loc[last, "difference_pp"]),
         "percentage points"),
        (f"liaoning_share_of_china_trade_{last}_pct", float(share.loc[last]), "percent"),
        (f"liaoning_share_of_china_trade_change_{trend_end}_{last}_pp",
         float(share.loc[last] - share.loc[trend_end]), "percentage points"),
        (f"oil_price_share_of_import_fall_{last}_pct",
         float(oil.loc["after", "share_of_fall_pct"]), "percent"),
        (f"oil_price_share_of_import_fall_{last}_if_{last - 1}_share_pct",
         float(oil.loc["before", "share_of_fall_pct"]), "percent"),
        (f"real_total_trade_vs_trend_{last}_pct", float(real["gap_pct"]), "percent"),
    ]
