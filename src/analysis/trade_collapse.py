"""Section III.B.1/III.C (notebook 03): Liaoning's trade, Table 3, partners, composition, cities.

Why: notebook 03 shows and the helpers compute. Arithmetic on Table 3 and the partner table
(contributions to the falls, recomputed ratios, partner shares, the cities of paragraph 47).
The section's figures are in `trade_charts`, its grids in `trade_grids`, its results and the
sentences that state them in `trade_findings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis import data, series
from analysis.growth import contributions, growth_rate, pct_of, ratio_pct, shares, whole_from_share
from analysis.prices import to_usd
from analysis.tables import text_vs_computed

__all__ = [
    "text_checks",
    "fall_decomposition",
    "FALL_FACTS",
    "fall_reading",
    "recompute_ratio",
    "partner_shares",
    "partner_share_of_liaoning",
    "dependency_gap",
    "trend_frame",
    "gap_years_inside",
    "COMPOSITION",
    "composition",
    "city_fact_ids",
    "city_rows",
    "partner_text_checks",
    "city_text_checks",
]


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


def trend_frame(t3: pd.DataFrame, china: pd.DataFrame, real: pd.DataFrame) -> pd.DataFrame:
    """Every series notebook 03 fits a trend to, one column each (for the diagnostics):
    Table 3's flows, China's total trade (external, through 2017), deflated total trade
    (``real``'s first column)."""
    out = t3[["exports", "imports", "total_trade"]].join(
        china["total_trade"].rename("china_total_trade"), how="outer")
    return out.join(real.iloc[:, 0].rename("total_trade_real"))


def dependency_gap(t3: pd.DataFrame) -> pd.Series:
    """National minus Liaoning trade dependency (Table 3), percentage points."""
    return (t3["trade_dependency_china"] - t3["trade_dependency"]).rename("dependency_gap")


def gap_years_inside(gap: pd.Series, low: float, high: float) -> list[int]:
    """Years whose gap lies in [low, high] (paragraph 45's range read as a gap)."""
    return [int(y) for y in gap[(gap >= low) & (gap <= high)].index]


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
