"""Liaoning beside its Northeast peers (Jilin, Heilongjiang) and China: growth in one vintage.

"Liaoning's collapse" is a statement about Liaoning only if its peers did not fall alike. Each
comparison here stays inside one vintage: nominal growth as published, nominal growth revised
(NBS 2021), real growth revised (the only real series that exists for all three provinces in
one vintage). China's real growth exists here only in its early-2018 vintage: it is shown
beside the provinces' revised growth, never subtracted from it. Liaoning's as-published series
breaks at its correction (2015/16): its growth across it is drawn as a break and no average
runs across it (`analysis.series`).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis import data, series
from analysis.growth import average_growth, difference, growth_rate
from analysis.labels import t
from analysis.revisions import (
    BREAK_COLOUR,
    PROVINCES,
    REGIONS,
    correction_year,
    gdp,
    mark_break,
    real_growth_revised,
)
from analysis.specgrid import Dimension, Estimate, evaluate, summarise

MEASURES = ("nominal_as_published", "nominal_revised", "real_revised")
PEERS = ("jilin", "heilongjiang")


def nominal_growth(vintage: str, regions: tuple[str, ...] = REGIONS) -> pd.DataFrame:
    """Nominal GDP growth (% a year) of each region in one vintage ('as_published'/'revised').

    Liaoning's as-published 2016 growth runs across its correction: it is kept (the figure
    draws it as a break) and carries the caveat; averages over it are refused.
    """
    return series.frame({r: growth_rate(gdp(r, vintage), across_break=True)
                         for r in regions}).dropna(how="all")


def china_real_growth() -> pd.Series:
    """China's real GDP growth (% a year), early-2018 vintage (external): a reference line."""
    china = data.load("china_real_gdp_growth")["real_gdp_growth_pct"].astype(float)
    china.index = pd.Index([int(y) for y in china.index], name="year")
    return china.rename("china_early2018")


def real_growth() -> pd.DataFrame:
    """Real GDP growth (% a year) of the three provinces, revised vintage (NBS 2021)."""
    return series.frame({r: real_growth_revised(r) for r in PROVINCES})


def growth_table(measure: str) -> pd.DataFrame:
    """Growth by year (rows) and region (columns) for one measure of ``MEASURES``."""
    if measure == "nominal_as_published":
        return nominal_growth("as_published")
    if measure == "nominal_revised":
        return nominal_growth("revised")
    if measure == "real_revised":
        return real_growth()
    raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")


def summary(start: int, end: int) -> pd.DataFrame:
    """Average annual growth start -> end (%) by region (rows) and measure (columns).

    A cell whose span runs across a region's series break (Liaoning, nominal as published,
    across 2015/16) is left empty: a break is not growth (`not_computed` says which).
    """
    rows = {}
    for measure in MEASURES:
        table = growth_table(measure)
        rows[measure] = {c: (float("nan") if crosses(table[c], start, end)
                             else average_growth(table[c], start, end)) for c in table.columns}
    out = pd.DataFrame(rows)
    out.index.name = "region"
    return out


def crosses(s: pd.Series, start: int, end: int) -> bool:
    """Does an average of ``s`` from level year ``start`` to ``end`` run across a break?"""
    v = series.vintage_of(s)
    return bool(v is not None and v.crossed(start, end))


def not_computed(start: int, end: int) -> list[tuple[str, str]]:
    """(measure, region) cells of `summary` left empty because they would cross a break."""
    return [(m, c) for m in MEASURES for c, s in growth_table(m).items()
            if crosses(s, start, end)]


def liaoning_gap(measure: str) -> pd.DataFrame:
    """Liaoning's growth minus each peer's (points) per year, one measure and one vintage,
    with Liaoning's rank among the three provinces (1 = fastest)."""
    table = growth_table(measure)
    gaps = {f"liaoning_minus_{c}": difference(table["liaoning"], table[c])
            for c in table.columns if c != "liaoning"}
    out = series.frame(gaps)
    out["liaoning_rank_of_provinces"] = table[list(PROVINCES)].rank(axis=1, ascending=False)[
        "liaoning"]
    return out.dropna(how="all")


def slowest_years(first: int, last: int) -> pd.DataFrame:
    """Years ``first``-``last`` in which Liaoning grew slowest of the three provinces, by
    measure: the 'slowest in 3 of 3 years' holds in real growth only (point 9 of issue 18).

    Rows: measures with one vintage for all three provinces (nominal revised, real revised);
    columns: ``slowest`` (count), ``years`` (count), ``span``, ``outgrew_both`` (years, text).
    """
    rows = {}
    for measure in ("nominal_revised", "real_revised"):
        table = growth_table(measure).loc[first:last, list(PROVINCES)]
        rank = table.rank(axis=1, ascending=False)["liaoning"]
        rows[measure] = {"slowest": int((rank == len(PROVINCES)).sum()), "years": len(rank),
                         "span": f"{first}-{last}",
                         "outgrew_both": series.year_runs(rank.index[rank == 1]) or "-"}
    out = pd.DataFrame(rows).T
    out.index.name = "measure"
    return out


# ---- the specification grid of the peers comparison -------------------------------------------

# Choices a referee would vary, declared once: the measure (price basis and vintage) and the
# window of the average (start and end years of the slowdown the report describes). The chosen
# specification is real growth, revised, 2013-2017.
GRID_STARTS = (2011, 2012, 2013, 2014)
GRID_ENDS = (2015, 2016, 2017)
GRID_CHOSEN = {"peer_measure": "real_revised", "average_window": (2013, 2017)}


def grid() -> pd.DataFrame:
    """Liaoning's average growth minus the slower peer's (points a year) in every specification.

    An `analysis.specgrid` frame: one row per (measure, window), ``value`` negative where
    Liaoning grew slowest of the three (``holds``). Windows that would run across Liaoning's
    series break are not specifications: they are dropped, not computed. Official figures
    carry no sampling interval: ``low``/``high`` are NaN (no interval drawn).
    """
    windows = tuple((a, b) for a in GRID_STARTS for b in GRID_ENDS)
    dims = [Dimension("peer_measure", MEASURES, GRID_CHOSEN["peer_measure"]),
            Dimension("average_window", windows, GRID_CHOSEN["average_window"])]
    tables = {m: growth_table(m) for m in MEASURES}

    def estimate(peer_measure: str, average_window: tuple[int, int]) -> Estimate:
        start, end = average_window
        table = tables[peer_measure]
        if any(crosses(table[c], start, end) for c in PROVINCES):
            return Estimate(float("nan"), float("nan"), float("nan"), False)
        own = average_growth(table["liaoning"], start, end)
        gap = own - min(average_growth(table[c], start, end) for c in PEERS)
        return Estimate(gap, float("nan"), float("nan"), gap < 0)

    frame = evaluate(dims, estimate)
    return frame.dropna(subset=["value"]).reset_index(drop=True)


# ---- figure -----------------------------------------------------------------------------------

PANELS = {"nominal_as_published": "panel_nominal_as_published",
          "nominal_revised": "panel_nominal_revised", "real_revised": "panel_real_revised"}
REGION_COLOURS = {"liaoning": 0, "jilin": 1, "heilongjiang": 2}


def figure(lang: str, first: int = 2010, last: int = 2017) -> Figure:
    """Growth of Liaoning, Jilin, Heilongjiang and China: one panel per measure and vintage.

    China's real growth (early-2018 vintage) is a grey reference line in the real panel, named
    with its vintage; Liaoning's as-published growth across its correction is an X, not joined.
    """
    from analysis import plotting

    fig, axes = plotting.new_figure(t("peers_title", lang, years=f"{first}-{last}"), ncols=3,
                                    figsize=(13.0, 4.8))
    for ax, (measure, panel) in zip(axes, PANELS.items(), strict=True):
        table = growth_table(measure).loc[first:last]
        if measure == "real_revised":
            table = table.assign(china_early2018=china_real_growth())
        for col in table.columns:
            s = table[col].copy()
            colour = (plotting.PALETTE[REGION_COLOURS[col]] if col in REGION_COLOURS
                      else plotting.EXTERNAL_COLOUR)
            for caveat in series.caveats(table[col]):  # growth across a break: a marker only
                for year in (y for y in caveat.years if y in s.index):
                    ax.scatter([year], [s.loc[year]], marker="X", s=60, zorder=5,
                               color=BREAK_COLOUR, label=t("growth_across_break", lang))
                    s.loc[year] = float("nan")  # the line stops on both sides of it
            plotting.mark_external(ax, s.index, s.values, label=t(col, lang), lang=lang,
                                   color=colour)
        ax.axhline(0, color="#444444", linewidth=0.8)
        ax.set_title(t(panel, lang), loc="left", fontsize=10.5)
        ax.set_xlabel(t("year", lang))
        ax.set_xticks(list(range(first, last + 1, 2)))
    axes[0].set_ylabel(f"{t('growth_rate', lang)} (%)")
    mark_break(axes[0], correction_year("liaoning_gdp_as_published", "value"), lang,
               "liaoning_break_short")
    axes[2].legend(loc="lower left", fontsize=7.5)
    axes[0].legend(handles=[h for h, lab in zip(*axes[0].get_legend_handles_labels(), strict=True)
                            if lab == t("growth_across_break", lang)],
                   loc="lower left", fontsize=7.5)
    plotting.add_source(fig, plotting.figure_source(lang, [
        *[f"{r}_gdp_as_published" for r in PROVINCES], "china_gdp_as_published",
        *[f"{r}_gdp_revised" for r in PROVINCES], "china_gdp_revised",
        *[f"{r}_real_growth_revised" for r in PROVINCES], "china_real_gdp_growth"]))
    return fig


# ---- what the comparison finds, in words (en / zh) --------------------------------------------

def findings(summary_table: pd.DataFrame, slowest: pd.DataFrame, grid_frame: pd.DataFrame,
             start: int, end: int, lang: str) -> str:
    """The peers comparison in one paragraph: real growth over the window, the years in which
    Liaoning was slowest by measure (point 9 of issue 18), and what the grid says it depends on.
    """
    real = summary_table["real_revised"]
    nominal = summary_table["nominal_revised"]
    s = summarise(grid_frame)
    in_real = grid_frame["peer_measure"] == "real_revised"
    real_k, real_n = int(grid_frame.loc[in_real, "holds"].sum()), int(in_real.sum())
    other_k, other_n = s.k - real_k, s.n - real_n
    r, n = slowest.loc["real_revised"], slowest.loc["nominal_revised"]
    outgrew = n["outgrew_both"].replace(", ", " and " if lang == "en" else "、")
    if lang == "en":
        return (
            f"In revised real growth Liaoning grew **{real['liaoning']:.1f} %** a year "
            f"{start}-{end}, Jilin {real['jilin']:.1f} % and Heilongjiang "
            f"{real['heilongjiang']:.1f} %: the slowest of the three, and slowest in "
            f"{r['slowest']} of the {r['years']} years {r['span']}. That holds in real growth "
            f"only: in revised nominal growth Liaoning was slowest in {n['slowest']} of those "
            f"{n['years']} years and outgrew both peers in {outgrew}, and over "
            f"{start}-{end} it grew {nominal['liaoning']:.1f} % a year against Heilongjiang's "
            f"{nominal['heilongjiang']:.1f} %. Over the specification grid (measure and vintage "
            f"x window of the average) Liaoning grew slowest in {s.k} of {s.n} specifications: "
            f"in {real_k} of {real_n} in real growth, in {other_k} of {other_n} in nominal "
            f"growth. The conclusion depends on the price basis, i.e. on the deflators implied "
            f"by the revised back-series.")
    return (
        f"按修订后实际增长，{start}-{end}年辽宁年均增长 **{real['liaoning']:.1f}%**，吉林"
        f"{real['jilin']:.1f}%，黑龙江{real['heilongjiang']:.1f}%：三省中最慢，{r['span']}年"
        f"{r['years']}年中有{r['slowest']}年最慢。这一结论仅对实际增长成立：按修订后名义增长，"
        f"这{n['years']}年中辽宁仅{n['slowest']}年最慢，{outgrew}年增速超过另两省；"
        f"{start}-{end}年名义年均增长{nominal['liaoning']:.1f}%，高于黑龙江的"
        f"{nominal['heilongjiang']:.1f}%。在设定网格（指标与数据版本 × 平均区间）中，辽宁在"
        f"{s.n}个设定中的{s.k}个最慢：实际增长{real_n}个中的{real_k}个，名义增长{other_n}个中的"
        f"{other_k}个。结论取决于价格基准，即修订回溯序列隐含的平减指数。")
