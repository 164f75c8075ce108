"""Section III.A (paras 26-30): the 2014-2016 collapse in growth, revenue and investment.

Figures 1-3 survive in the report text only as captions, so these helpers rebuild their data
from what the report does print (Table 1 and the numbers in paras 26-29) plus external NBS
series, and keep every column's origin visible (report table, report text, external).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

from analysis import data, peers, plotting, revisions, series
from analysis.data import FactGetter
from analysis.growth import difference, growth_rate, level_from_growth
from analysis.labels import caption, t
from analysis.revisions import BREAK_COLOUR, mark_break

REVENUE_FACTS = {y: f"revenue_{y}" for y in (2013, 2014, 2015, 2016)}
REAL_GROWTH_FACTS = {2016: "real_gdp_growth_2016", 2017: "real_gdp_growth_2017"}
FAI_GROWTH_FACTS = {2014: "fai_growth_2014", 2015: "fai_growth_2015", 2016: "fai_growth_2016"}
FAI_LEVEL_FROM = "fai_level_from"
FAI_LEVEL_TO = "fai_level_to"
FAI_DECLINE = "fai_decline_3yr_pct"
# Reading A of para 29 supposes that "2443亿元" lost one digit (24,430), reading B that "6440亿元"
# gained one (644): a factor of ten either way, which is the hypothesis, not a data value.
DIGIT = 10.0


def table1_growth() -> pd.Series:
    """Nominal growth of Table 1 (% a year); 2016 runs across the correction and carries the
    caveat: it is para 26's "名义上经济总量下降了23%", a level re-basing, not growth."""
    return growth_rate(data.load("table1_gdp")["gdp"], across_break=True).dropna()


def real_growth_as_published(fact: FactGetter = data.fact) -> pd.Series:
    """Liaoning real growth as published: NBS yearbook 2010-2014 (external), text 2016-2017.

    One vintage (as published), two sides of the correction (the text's years are after it).
    """
    ext = data.load("liaoning_real_gdp_growth")["real_gdp_growth_pct"].astype(float)
    values = {**{int(y): float(v) for y, v in ext.items()},
              **{y: fact(i) for y, i in REAL_GROWTH_FACTS.items()}}
    return series.from_years(values, "real_as_published", series.vintage_of(ext))


def growth_figure(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Figure 1 data (% a year): nominal growth (Table 1), real growth (text / external), China.

    Columns: ``nominal_gdp_growth`` (Table 1; 2016 across the correction),
    ``real_gdp_growth_report`` (paras 26-27), ``real_gdp_growth_external`` (Liaoning, NBS
    yearbook, 2010-2014), ``real_gdp_growth_china`` (external NBS, early-2018 vintage).
    """
    published = real_growth_as_published(fact)
    ext = data.load("liaoning_real_gdp_growth")["real_gdp_growth_pct"]
    china = data.load("china_real_gdp_growth")["real_gdp_growth_pct"]
    nominal = table1_growth()
    years = range(int(ext.index.min()), int(max(published.index.max(), nominal.index.max())) + 1)
    out = series.frame({
        "nominal_gdp_growth": nominal,
        "real_gdp_growth_report": published.loc[list(REAL_GROWTH_FACTS)],
        "real_gdp_growth_external": ext,
        "real_gdp_growth_china": china,
    })
    return out.reindex(pd.Index(years, name="year"))


def growth_gap_to_china(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Liaoning real growth minus China's (points) per year, both as published (one vintage:
    China has no correction, so its early-2018 figures go with either side of Liaoning's),
    with where Liaoning's value is from ('external' yearbook or 'report' text)."""
    liaoning = real_growth_as_published(fact)
    china = data.load("china_real_gdp_growth")["real_gdp_growth_pct"]
    origin = pd.Series(["report" if y in REAL_GROWTH_FACTS else "external"
                        for y in liaoning.index], index=liaoning.index)
    return series.frame({"liaoning": liaoning, "china": china.loc[liaoning.index],
                         "gap_pp": difference(liaoning, china), "liaoning_from": origin})


def mean_gap(gaps: pd.DataFrame, first: int, last: int) -> float:
    """Mean of the yearly gaps ``first``-``last`` (points); every year must be there."""
    window = gaps.loc[first:last, "gap_pp"]
    missing = sorted(set(range(first, last + 1)) - {int(y) for y in window.dropna().index})
    if missing:
        raise KeyError(f"mean_gap: no gap for {missing}")
    return float(window.mean())


def fai_readings(anchor_year: int = 2014, fact: FactGetter = data.fact) -> pd.DataFrame:
    """Figure 3 data: fixed-asset investment (100 million yuan) rebuilt under both readings.

    Levels are rebuilt from one level of para 29 and its growth rates (2014 -1.5 %, 2015 -27.8 %,
    2016 -63.5 %), with ``level_from_growth`` anchored at ``anchor_year``:
    reading A anchors at 10 x "2443" (a lost digit), reading B at "2443" as printed.
    """
    growth = {y: fact(i) for y, i in FAI_GROWTH_FACTS.items()}
    start = fact(FAI_LEVEL_FROM)
    out = pd.DataFrame(
        {
            "fai_reading_a": level_from_growth(start * DIGIT, anchor_year, growth),
            "fai_reading_b": level_from_growth(start, anchor_year, growth),
        }
    )
    out["growth_pct"] = pd.Series(growth)
    return out


def fai_consistency(
    readings: pd.DataFrame, fact: FactGetter = data.fact, end_year: int = 2016
) -> pd.DataFrame:
    """Para 29 as printed against both readings: levels, change, and investment / GDP in 2014.

    Columns ``printed`` (the text's own numbers; the change is what its two levels imply),
    ``reading_a`` and ``reading_b`` (rebuilt). The 2014 investment / GDP ratio uses Table 1's
    GDP converted from billion to 100 million yuan; it is what tells the readings apart.
    """
    start, end = fact(FAI_LEVEL_FROM), fact(FAI_LEVEL_TO)
    gdp_2014 = float(data.load("table1_gdp").at[2014, "gdp"]) * 10.0  # billion -> 100 million

    def column(level_2014: float, level_end: float, stated: float | None) -> dict:
        return {
            "level_2014": level_2014,
            f"level_{end_year}": level_end,
            "change_pct": (level_end / level_2014 - 1.0) * 100.0,
            "stated_decline_pct": stated,
            "fai_to_gdp_2014_pct": level_2014 / gdp_2014 * 100.0,
        }

    a, b = readings["fai_reading_a"], readings["fai_reading_b"]
    return pd.DataFrame(
        {
            "printed": column(start, end, fact(FAI_DECLINE)),
            "reading_a": column(a.loc[2014], a.loc[end_year], None),
            "reading_b": column(b.loc[2014], b.loc[end_year], None),
        }
    )


# ---- what the section finds: results, findings, headline, key figures ----------------------

@dataclass(frozen=True)
class Results:
    """Every number notebook 01's sentences and key figures use, computed once."""

    nominal_growth: pd.Series  # Table 1, % a year (2016 across the correction)
    split: pd.DataFrame  # revisions.fall_2016_split
    split_grid: pd.DataFrame  # revisions.split_grid
    revision: pd.DataFrame  # revisions.revision_table
    deflators: pd.DataFrame  # revisions.deflators
    deflator_facts: dict[str, float]  # revisions.deflator_findings
    peer_start: int
    peer_end: int
    peer_summary: pd.DataFrame  # peers.summary
    peer_grid: pd.DataFrame  # peers.grid
    slowest: pd.DataFrame  # peers.slowest_years
    revenue: pd.DataFrame  # revisions.revenue_vintages
    gaps_to_china: pd.DataFrame  # growth_gap_to_china (as published)


def results(peer_start: int = 2013, peer_end: int = 2017, slowest_from: int = 2015,
            fact: FactGetter = data.fact) -> Results:
    """Compute `Results`: the split and its grid, revisions, peers and their grid, revenue;
    the peers' averages over ``peer_start``-``peer_end``, their ranks from ``slowest_from``."""
    deflator_table = revisions.deflators()
    return Results(
        nominal_growth=table1_growth(), split=revisions.fall_2016_split(fact),
        split_grid=revisions.split_grid(fact), revision=revisions.revision_table(),
        deflators=deflator_table, deflator_facts=revisions.deflator_findings(deflator_table),
        peer_start=peer_start, peer_end=peer_end,
        peer_summary=peers.summary(peer_start, peer_end), peer_grid=peers.grid(),
        slowest=peers.slowest_years(slowest_from, peer_end),
        revenue=revisions.revenue_vintages(fact), gaps_to_china=growth_gap_to_china(fact))


def findings(r: Results, lang: str) -> str:
    """What the reproduction finds, as Markdown bullets in ``lang`` ('en' or 'zh')."""
    parts = [revisions.split_findings(r.split, r.split_grid, r.deflator_facts, lang),
             peers.findings(r.peer_summary, r.slowest, r.peer_grid, r.peer_start, r.peer_end,
                            lang),
             revisions.revision_findings(r.revision, lang),
             revisions.revenue_findings(r.revenue, lang)]
    return "\n".join(f"- {p}" for p in parts)


def headline(r: Results, lang: str) -> str:
    """The section in two bullets, in plain words with the numbers at printed precision."""
    fall = -float(r.nominal_growth.loc[revisions.correction_year()])
    lo, hi = r.split_grid["value"].min(), r.split_grid["value"].max()
    k, n = int(r.split_grid["holds"].sum()), len(r.split_grid)
    real = r.peer_summary["real_revised"]
    years = f"{r.peer_start}-{r.peer_end}"
    outgrew = r.slowest.at["nominal_revised", "outgrew_both"]
    if lang == "en":
        return (
            f"- Liaoning's {fall:.0f} % nominal GDP fall in 2016 (Table 1) is a series break, "
            f"not a collapse: the level re-basing of Liaoning's statistical correction accounts "
            f"for all or nearly all of it ({lo:.0f}-{hi:.0f} % of the log fall; more than half "
            f"in {k} of {n} specifications).\n"
            f"- What remains is a slowdown: in revised real terms Liaoning grew "
            f"{real['liaoning']:.1f} % a year in {years}, the slowest of the three Northeast "
            f"provinces (Jilin {real['jilin']:.1f} %, Heilongjiang {real['heilongjiang']:.1f} %); "
            f"in nominal terms it was not (it outgrew both in "
            f"{outgrew.replace(', ', ' and ')}).")
    return (
        f"- 表 1 中辽宁2016年名义GDP下降{fall:.0f}%，是序列断点而非崩溃：降幅全部或几乎全部"
        f"来自辽宁统计更正造成的水平断点（占对数降幅的{lo:.0f}%-{hi:.0f}%；{n}个设定中有{k}个"
        f"超过一半）。\n"
        f"- 剩下的是增长放缓：按修订后实际值，辽宁{years}年年均增长{real['liaoning']:.1f}%，"
        f"为东北三省最慢（吉林{real['jilin']:.1f}%，黑龙江{real['heilongjiang']:.1f}%）；按名义值则"
        f"不然（{outgrew.replace(', ', '、')}年增速超过另两省）。")


def key_figures(r: Results) -> list[tuple[str, float, str, str]]:
    """(name, value, unit, label) of the section's key figures (without the grids')."""
    out = [("nominal_gdp_growth_2016_pct", float(r.nominal_growth.loc[2016]), "percent",
            "Liaoning nominal GDP change 2015-16, Table 1 (across the correction)")]
    names = {"liaoning": "Liaoning", "jilin": "Jilin", "heilongjiang": "Heilongjiang"}
    for region, name in names.items():
        out.append((f"{region}_gdp_revision_2015_pct", float(r.revision.at[2015, region]),
                    "percent", f"{name} GDP 2015: revision, revised (NBS 2021) over as published"))
        out.append((f"{region}_real_growth_{r.peer_start}_{r.peer_end}_revised_pct",
                    float(r.peer_summary.at[region, "real_revised"]), "percent a year",
                    f"{name} real GDP growth {r.peer_start}-{r.peer_end}, average, revised"))
    terms = {"real_growth": ("real_growth_pct", "real growth"),
             "deflator": ("deflator_pct", "deflator"),
             "rebasing": ("level_rebasing_pct", "level re-basing")}
    for name, (term, words) in terms.items():
        out.append((f"fall_2016_{name}_revised_pct", float(r.split.at[term, "revised_basis"]),
                    "percent", f"Table 1's 2016 fall split, revised basis: {words}"))
    out.append(("fall_2016_rebasing_as_published_pct",
                float(r.split.at["level_rebasing_pct", "as_published_basis"]), "percent",
                "Table 1's 2016 fall split, as-published basis: level re-basing"))
    nominal_revised = peers.growth_table("nominal_revised")
    out.append(("liaoning_nominal_growth_2016_revised_pct",
                float(nominal_revised.at[2016, "liaoning"]), "percent",
                "Liaoning nominal GDP growth 2016, revised (NBS 2021)"))
    return out


# ---- Figures 1-3 ------------------------------------------------------------------------------

FIGURE_YEARS = (2010, 2017)


def figure1(lang: str, fact: FactGetter = data.fact) -> Figure:
    """Figure 1 in two panels: nominal growth (Table 1, 2016 a series break) and real growth.

    Nominal and real growth are not on one axis; Table 1's 2016 value is drawn as what it is,
    a level re-basing across the correction, with its value written beside it.
    """
    first, last = FIGURE_YEARS
    year = revisions.correction_year()
    fig, (top, bottom) = plotting.new_figure(caption("fig1", lang), nrows=2, figsize=(8.0, 7.5))
    table1 = table1_growth()
    before = table1.loc[: year - 1]
    top.plot(before.index, before.values, marker="o", color=plotting.PALETTE[0],
             label=t("table1_growth_as_published", lang))
    value = float(table1.loc[year])
    top.scatter([year], [value], marker="X", s=70, color=BREAK_COLOUR, zorder=5,
                label=t("table1_2016_break", lang))
    top.annotate(t("fig1_2016_note", lang, value=f"{value:.1f}"), (year, value),
                 xytext=(year - 0.6, value / 2), textcoords="data", ha="right", va="center",
                 fontsize=8.5, color=BREAK_COLOUR,  # left of the break line, clear of it
                 arrowprops={"arrowstyle": "->", "color": BREAK_COLOUR, "linewidth": 0.8})
    rev = growth_rate(revisions.gdp("liaoning", "revised")).loc[first:last]
    plotting.mark_external(top, rev.index, rev.values, label=t("liaoning_revised", lang),
                           lang=lang, color=plotting.PALETTE[2])
    top.set_title(t("nominal_growth_panel", lang), loc="left", fontsize=11)
    mark_break(top, year, lang)
    published = real_growth_as_published(fact)
    ext = published.loc[:2014]
    plotting.mark_external(bottom, ext.index, ext.values, lang=lang, color=plotting.PALETTE[0],
                           label=t("real_as_published_yearbook", lang))
    text = published.loc[year:]
    bottom.plot(text.index, text.values, marker="o", color=plotting.PALETTE[1],
                label=t("real_as_published_text", lang))
    real_rev = revisions.real_growth_revised("liaoning").loc[first:last]
    plotting.mark_external(bottom, real_rev.index, real_rev.values, lang=lang,
                           color=plotting.PALETTE[2], label=t("liaoning_revised", lang))
    china = data.load("china_real_gdp_growth")["real_gdp_growth_pct"].astype(float)
    china = china.loc[first:last]
    plotting.mark_external(bottom, china.index, china.values, lang=lang,
                           label=t("china_early2018", lang))
    bottom.set_title(t("real_growth_panel", lang), loc="left", fontsize=11)
    for ax, where in ((top, "lower left"), (bottom, "upper right")):
        ax.axhline(0, color="#444444", linewidth=0.8)
        ax.set_ylabel(f"{t('growth_rate', lang)} (%)")
        ax.legend(loc=where, fontsize=8)
        ax.set_xlim(first - 0.5, last + 0.5)
    bottom.set_xlabel(t("year", lang))
    plotting.add_source(fig, plotting.figure_source(
        lang, ["table1_gdp", "liaoning_gdp_revised", "liaoning_real_gdp_growth",
               "liaoning_real_growth_revised", "china_real_gdp_growth"],
        list(REAL_GROWTH_FACTS.values())))
    return fig


def figure2(lang: str, fact: FactGetter = data.fact) -> Figure:
    """Figure 2: revenue of para 28 (bars) with the NBS series (external), break marked."""
    rev = revisions.revenue_vintages(fact)
    fig, ax = plotting.new_figure(caption("fig2", lang))
    report = rev["report_para28"].dropna()
    bars = ax.bar(report.index, report.values, width=0.6, color=plotting.PALETTE[0],
                  label=t("revenue_para28", lang))
    ax.bar_label(bars, fmt="%.0f", fontsize=8.5, padding=2)
    nbs = rev["nbs_external"].dropna()
    line = series.gap_at_breaks(nbs)
    plotting.mark_external(ax, line.index, line.values, lang=lang, label=t("revenue_nbs", lang))
    mark_break(ax, revisions.correction_year("liaoning_revenue_nbs", "value"), lang)
    ax.text(0.01, 0.03, t("fig2_caveat", lang), transform=ax.transAxes, fontsize=8.5,
            color=BREAK_COLOUR, ha="left", va="bottom")
    ax.set_ylabel(t("unit_100m_yuan", lang))
    ax.set_xlabel(t("year", lang))
    ax.set_ylim(0, float(max(report.max(), nbs.max())) * 1.25)
    ax.legend(loc="upper left", fontsize=8.5)
    ax.grid(axis="x", visible=False)
    plotting.add_source(fig, plotting.figure_source(
        lang, ["liaoning_revenue_nbs"], list(REVENUE_FACTS.values())))
    return fig


FAI_TICKS = [500, 1000, 2000, 5000, 10000, 20000, 30000]


def figure3(readings: pd.DataFrame, anchor_year: int, lang: str,
            fact: FactGetter = data.fact) -> Figure:
    """Figure 3: investment under reading A; reading B drawn as the ruled-out reading it is."""
    fig, ax = plotting.new_figure(caption("fig3", lang))
    a, b = readings["fai_reading_a"], readings["fai_reading_b"]
    ax.plot(a.index, a.values, marker="o", color=plotting.PALETTE[0],
            label=t("fai_reading_a", lang))
    ax.plot(b.index, b.values, linestyle=":", color="#999999", linewidth=1.2, marker=".",
            label=t("fai_reading_b_ruled_out", lang))
    ax.scatter([anchor_year, int(readings.index.max())], [fact(FAI_LEVEL_FROM), fact(FAI_LEVEL_TO)],
               marker="x", s=80, color="black", zorder=5, label=t("printed_levels", lang))
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(FixedLocator(FAI_TICKS))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_ylabel(f"{t('unit_100m_yuan', lang)} ({t('log_scale', lang)})")
    ax.set_xlabel(t("year", lang))
    ax.xaxis.set_major_locator(FixedLocator([int(y) for y in readings.index]))
    ax.legend(loc="lower left", fontsize=8.5)
    plotting.add_source(fig, plotting.figure_source(
        lang, fact_ids=[*FAI_GROWTH_FACTS.values(), FAI_LEVEL_FROM, FAI_LEVEL_TO]))
    return fig
