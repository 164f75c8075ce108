"""Section III.A (paras 26-30): the 2014-2016 collapse in growth, revenue and investment.

Figures 1-3 survive in the report text only as captions, so these helpers rebuild their data
from what the report does print (Table 1 and the numbers in paras 26-29) plus external NBS
series, and keep every column's origin visible (report table, report text, external).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

from analysis import data, plotting, revisions
from analysis.growth import growth_rate, level_from_growth
from analysis.labels import caption, t

FactGetter = Callable[[str], float]

REVENUE_FACTS = {y: f"revenue_{y}" for y in (2013, 2014, 2015, 2016)}
REAL_GROWTH_FACTS = {2016: "real_gdp_growth_2016", 2017: "real_gdp_growth_2017"}
FAI_GROWTH_FACTS = {2014: "fai_growth_2014", 2015: "fai_growth_2015", 2016: "fai_growth_2016"}
FAI_LEVEL_FROM = "fai_level_from"
FAI_LEVEL_TO = "fai_level_to"
FAI_DECLINE = "fai_decline_3yr_pct"
# Reading A of para 29 supposes that "2443亿元" lost one digit (24,430), reading B that "6440亿元"
# gained one (644): a factor of ten either way, which is the hypothesis, not a data value.
DIGIT = 10.0


def _series(values: dict[int, float], name: str) -> pd.Series:
    """Float series indexed by year."""
    s = pd.Series(values, dtype=float, name=name)
    s.index = pd.Index(s.index.astype(int), name="year")
    return s.sort_index()


def growth_figure(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Figure 1 data (% a year): nominal growth (Table 1), real growth (text / external), China.

    Columns: ``nominal_gdp_growth`` (Table 1), ``real_gdp_growth_report`` (paras 26-27),
    ``real_gdp_growth_external`` (Liaoning, NBS yearbook, 2010-2014), ``real_gdp_growth_china``
    (external NBS).
    """
    nominal = growth_rate(data.load("table1_gdp")["gdp"]).dropna()
    report = _series({y: fact(i) for y, i in REAL_GROWTH_FACTS.items()}, "real_gdp_growth_report")
    ext = data.load("liaoning_real_gdp_growth")["real_gdp_growth_pct"]
    china = data.load("china_real_gdp_growth")["real_gdp_growth_pct"]
    years = range(int(ext.index.min()), int(max(report.index.max(), nominal.index.max())) + 1)
    out = pd.DataFrame(
        {
            "nominal_gdp_growth": nominal,
            "real_gdp_growth_report": report,
            "real_gdp_growth_external": ext,
            "real_gdp_growth_china": china,
        }
    ).reindex(pd.Index(years, name="year"))
    return out


def growth_gap_to_china(fig1: pd.DataFrame) -> pd.DataFrame:
    """Liaoning real growth minus China's (points) per year, with where Liaoning's value is from."""
    liaoning = fig1["real_gdp_growth_report"].combine_first(fig1["real_gdp_growth_external"])
    origin = pd.Series("", index=fig1.index, dtype=object)
    origin[fig1["real_gdp_growth_external"].notna()] = "external"
    origin[fig1["real_gdp_growth_report"].notna()] = "report"
    out = pd.DataFrame(
        {
            "liaoning": liaoning,
            "china": fig1["real_gdp_growth_china"],
            "gap_pp": liaoning - fig1["real_gdp_growth_china"],
            "liaoning_from": origin,
        }
    )
    return out.dropna(subset=["liaoning"])


def revenue(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Figure 2 data: government revenue (100 million yuan, para 28) and its growth (%)."""
    level = _series({y: fact(i) for y, i in REVENUE_FACTS.items()}, "government_revenue")
    return pd.DataFrame({"government_revenue": level, "growth_pct": growth_rate(level)})


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


# ---- Figures 1-3 ------------------------------------------------------------------------------

BREAK_COLOUR = "#D55E00"  # vermillion: series breaks and the values measured across one
FIGURE_YEARS = (2010, 2017)


def real_growth_as_published(fact: FactGetter = data.fact) -> pd.Series:
    """Liaoning real growth as published: NBS yearbook 2010-2014 (external), text 2016-2017."""
    ext = data.load("liaoning_real_gdp_growth")["real_gdp_growth_pct"].astype(float)
    text = pd.Series({y: fact(i) for y, i in REAL_GROWTH_FACTS.items()}, dtype=float)
    out = pd.concat([ext, text]).sort_index()
    out.index = pd.Index([int(y) for y in out.index], name="year")
    return out.rename("real_as_published")


def mark_break(ax, year: int, lang: str, key: str = "series_break_correction") -> None:
    """Dashed vertical line between ``year - 1`` and ``year`` with the series-break label."""
    ax.axvline(year - 0.5, color=BREAK_COLOUR, linestyle=":", linewidth=1.5)
    ax.text(year - 0.45, 0.97, t(key, lang), transform=ax.get_xaxis_transform(), ha="left",
            va="top", fontsize=8.5, color=BREAK_COLOUR)


def figure1(lang: str, fact: FactGetter = data.fact) -> Figure:
    """Figure 1 in two panels: nominal growth (Table 1, 2016 a series break) and real growth.

    Nominal and real growth are not on one axis; Table 1's 2016 value is drawn as what it is,
    a level re-basing across the correction, with its value written beside it.
    """
    first, last = FIGURE_YEARS
    fig, (top, bottom) = plotting.new_figure(caption("fig1", lang), nrows=2, figsize=(8.0, 7.5))
    table1 = growth_rate(data.load("table1_gdp")["gdp"].astype(float)).dropna()
    table1.index = pd.Index([int(y) for y in table1.index])
    before = table1.loc[: revisions.BREAK_YEAR - 1]
    top.plot(before.index, before.values, marker="o", color=plotting.PALETTE[0],
             label=t("table1_growth_as_published", lang))
    value = float(table1.loc[revisions.BREAK_YEAR])
    top.scatter([revisions.BREAK_YEAR], [value], marker="X", s=70, color=BREAK_COLOUR, zorder=5,
                label=t("table1_2016_break", lang))
    top.annotate(t("fig1_2016_note", lang, value=f"{value:.1f}"), (revisions.BREAK_YEAR, value),
                 xytext=(-12, 0), textcoords="offset points", ha="right", va="center",
                 fontsize=8.5, color=BREAK_COLOUR)
    rev = growth_rate(revisions.gdp("liaoning", "revised")).loc[first:last]
    plotting.mark_external(top, rev.index, rev.values, label=t("liaoning_revised", lang),
                           lang=lang, color=plotting.PALETTE[2])
    top.set_title(t("nominal_growth_panel", lang), loc="left", fontsize=11)
    mark_break(top, revisions.BREAK_YEAR, lang)
    published = real_growth_as_published(fact)
    ext = published.loc[:2014]
    plotting.mark_external(bottom, ext.index, ext.values, lang=lang, color=plotting.PALETTE[0],
                           label=t("real_as_published_yearbook", lang))
    text = published.loc[revisions.BREAK_YEAR:]
    bottom.plot(text.index, text.values, marker="o", color=plotting.PALETTE[1],
                label=t("real_as_published_text", lang))
    real_rev = revisions.real_growth_revised("liaoning").loc[first:last]
    plotting.mark_external(bottom, real_rev.index, real_rev.values, lang=lang,
                           color=plotting.PALETTE[2], label=t("liaoning_revised", lang))
    china = data.load("china_real_gdp_growth")["real_gdp_growth_pct"].astype(float)
    china = china.loc[first:last]
    plotting.mark_external(bottom, china.index, china.values, lang=lang,
                           label=t("real_gdp_growth_china", lang))
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
    line = revisions.gap_at_break(nbs, revisions.REVENUE_BREAK_YEAR)
    plotting.mark_external(ax, line.index, line.values, lang=lang, label=t("revenue_nbs", lang))
    mark_break(ax, revisions.REVENUE_BREAK_YEAR, lang)
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
