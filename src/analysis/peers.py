"""Liaoning beside its Northeast peers (Jilin, Heilongjiang) and China: growth in one vintage.

"Liaoning's collapse" is a statement about Liaoning only if its peers did not fall alike. Each
comparison here stays inside one vintage: nominal growth as published, nominal growth revised
(NBS 2021), real growth revised (the only real series that exists for all three provinces in
one vintage). China's real growth exists here only in its early-2018 vintage (later revisions
differ by up to 0.1 point): it is kept in a column of its own and named so.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis import data
from analysis.growth import cagr, growth_rate
from analysis.labels import t
from analysis.revisions import BREAK_YEAR, PROVINCES, REGIONS, gdp, real_growth_revised

MEASURES = ("nominal_as_published", "nominal_revised", "real_revised")


def nominal_growth(vintage: str, regions: tuple[str, ...] = REGIONS) -> pd.DataFrame:
    """Nominal GDP growth (% a year) of each region in one vintage ('as_published'/'revised')."""
    return pd.DataFrame({r: growth_rate(gdp(r, vintage)) for r in regions}).dropna(how="all")


def real_growth(with_china: bool = True) -> pd.DataFrame:
    """Real GDP growth (% a year): the three provinces revised; China early-2018 (own column)."""
    out = pd.DataFrame({r: real_growth_revised(r) for r in PROVINCES})
    if with_china:
        china = data.load("china_real_gdp_growth")["real_gdp_growth_pct"].astype(float)
        china.index = pd.Index([int(y) for y in china.index], name="year")
        out["china_early2018"] = china
    return out


def growth_table(measure: str) -> pd.DataFrame:
    """Growth by year (rows) and region (columns) for one measure of ``MEASURES``."""
    if measure == "nominal_as_published":
        return nominal_growth("as_published")
    if measure == "nominal_revised":
        return nominal_growth("revised")
    if measure == "real_revised":
        return real_growth()
    raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")


def compound_growth(growth_pct: pd.Series, start: int, end: int) -> float:
    """Average annual growth (%) from ``start`` to ``end`` compounded from yearly rates."""
    years = range(start + 1, end + 1)
    missing = [y for y in years if y not in growth_pct.index or pd.isna(growth_pct.loc[y])]
    if missing:
        raise KeyError(f"compound_growth: no growth for {missing} in {growth_pct.name!r}")
    level = 1.0
    for y in years:
        level *= 1.0 + float(growth_pct.loc[y]) / 100.0
    return cagr(1.0, level, end - start)


def summary(start: int, end: int) -> pd.DataFrame:
    """Average annual growth start -> end (%) by region (rows) and measure (columns)."""
    rows = {}
    for measure in MEASURES:
        table = growth_table(measure)
        rows[measure] = {c: compound_growth(table[c], start, end) for c in table.columns}
    out = pd.DataFrame(rows)
    out.index.name = "region"
    return out


def liaoning_gap(measure: str) -> pd.DataFrame:
    """Liaoning's growth minus each peer's and China's (points) per year, one measure."""
    table = growth_table(measure)
    others = [c for c in table.columns if c != "liaoning"]
    out = pd.DataFrame({f"liaoning_minus_{c}": table["liaoning"] - table[c] for c in others})
    out["liaoning_rank_of_provinces"] = table[list(PROVINCES)].rank(axis=1, ascending=False)[
        "liaoning"
    ]
    return out.dropna(how="all")


PANELS = {"nominal_as_published": "panel_nominal_as_published",
          "nominal_revised": "panel_nominal_revised", "real_revised": "panel_real_revised"}
REGION_COLOURS = {"liaoning": 0, "jilin": 1, "heilongjiang": 2}
BREAK_COLOUR = "#D55E00"  # as in notebook 01's Figure 1


def figure(lang: str, first: int = 2010, last: int = 2017) -> Figure:
    """Growth of Liaoning, Jilin, Heilongjiang and China: one panel per measure and vintage."""
    from analysis import plotting

    fig, axes = plotting.new_figure(t("peers_title", lang, years=f"{first}-{last}"), ncols=3,
                                    figsize=(13.0, 4.8))
    for ax, (measure, panel) in zip(axes, PANELS.items(), strict=True):
        table = growth_table(measure).loc[first:last]
        for col in table.columns:
            s = table[col].dropna()
            colour = (plotting.PALETTE[REGION_COLOURS[col]] if col in REGION_COLOURS
                      else plotting.EXTERNAL_COLOUR)
            across = measure == "nominal_as_published" and col == "liaoning"
            if across:  # growth across Liaoning's correction: a level break, not joined up
                s = s.copy()
                ax.scatter([BREAK_YEAR], [s.loc[BREAK_YEAR]], marker="X", s=60, zorder=5,
                           color=BREAK_COLOUR)
                s.loc[BREAK_YEAR] = float("nan")
            plotting.mark_external(ax, s.index, s.values, label=t(col, lang), lang=lang,
                                   color=colour)
        ax.axhline(0, color="#444444", linewidth=0.8)
        ax.set_title(t(panel, lang), loc="left", fontsize=10.5)
        ax.set_xlabel(t("year", lang))
        ax.set_xticks(list(range(first, last + 1, 2)))
    axes[0].set_ylabel(f"{t('growth_rate', lang)} (%)")
    axes[0].axvline(BREAK_YEAR - 0.5, color=BREAK_COLOUR, linestyle=":", linewidth=1.5)
    axes[0].text(BREAK_YEAR - 0.45, 0.97, t("liaoning_break_short", lang), va="top",
                 transform=axes[0].get_xaxis_transform(), fontsize=8, color=BREAK_COLOUR)
    axes[2].legend(loc="lower left", fontsize=7.5)
    plotting.add_source(fig, plotting.figure_source(lang, [
        *[f"{r}_gdp_as_published" for r in PROVINCES], "china_gdp_as_published",
        *[f"{r}_gdp_revised" for r in PROVINCES], "china_gdp_revised",
        *[f"{r}_real_growth_revised" for r in PROVINCES], "china_real_gdp_growth"]))
    return fig
