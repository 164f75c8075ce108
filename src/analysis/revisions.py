"""Statistical revisions of provincial GDP: as published against revised, and the 2016 break.

Vocabulary (README): *as published* = figures released at the time (the report's vintage);
*revised* = the NBS 2021 back-series after the 2018 economic census; *correction* = Liaoning's
own 2016-17 correction of its inflated 2011-2016 figures (Table 1's 2016 value is after it);
*series break* = a change of measurement between two adjacent years. Every series here carries
its vintage and breaks (`analysis.series`, declared in data/datapackage.json): a comparison of
two vintages (a revision) says so with ``mixing_vintages=True``, a change across the correction
with ``across_break=True``, and the tables that show them carry the caveat.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis import data, series
from analysis.data import FactGetter
from analysis.growth import (
    chained_index,
    difference,
    growth_rate,
    implied_deflator,
    percent_difference,
    ratio_pct,
    split_nominal_change,
)
from analysis.labels import t
from analysis.series import VintageError
from analysis.specgrid import Dimension, Estimate, evaluate, robustness_words

PROVINCES = ("liaoning", "jilin", "heilongjiang")
REGIONS = (*PROVINCES, "china")
REVENUE_FACTS = {y: f"revenue_{y}" for y in (2013, 2014, 2015, 2016)}
REAL_GROWTH_2016_FACT = "real_gdp_growth_2016"


def correction_year(name: str = "table1_gdp", column: str = "gdp") -> int:
    """First year a resource's series is measured after Liaoning's correction (declared in
    data/datapackage.json): 2016 for GDP, 2015 for revenue and the FDI table."""
    found = [b.first_year for b in data.vintage(name, column).breaks if b.reason == "correction"]
    if not found:
        raise ValueError(f"{name}: {column} declares no correction break")
    return found[0]


def _value(name: str) -> pd.Series:
    """The one ``value`` column of an external series, float, indexed by int year."""
    s = data.load(name)["value"].astype(float)
    s.index = pd.Index([int(y) for y in s.index], name="year")
    return s.rename(name)


def gdp(region: str, vintage: str) -> pd.Series:
    """Nominal GDP (100 million yuan) of a region in one vintage ('as_published' or 'revised')."""
    if region not in REGIONS:
        raise ValueError(f"region must be one of {REGIONS}, got {region!r}")
    if vintage not in ("as_published", "revised"):
        raise ValueError(f"vintage must be 'as_published' or 'revised', got {vintage!r}")
    return _value(f"{region}_gdp_{vintage}")


def real_growth_revised(region: str) -> pd.Series:
    """Real GDP growth (% a year), revised vintage (NBS 2021); provinces only."""
    if region not in PROVINCES:
        raise ValueError(f"revised real growth exists for {PROVINCES} only, got {region!r}")
    return _value(f"{region}_real_growth_revised")


def national_deflator() -> pd.Series:
    """China's GDP deflator change (%), WDI, pre-2018-census vintage (external)."""
    return _value("china_gdp_deflator")


def vintages(region: str) -> pd.DataFrame:
    """A region's nominal GDP in both vintages (100 million yuan) and the revision (%):
    revised over as published, a comparison of two vintages by design."""
    pub, rev = gdp(region, "as_published"), gdp(region, "revised")
    return series.frame({"as_published": pub, "revised": rev,
                         "revision_pct": percent_difference(rev, pub, mixing_vintages=True)})


def revision_table(regions: tuple[str, ...] = REGIONS) -> pd.DataFrame:
    """Revision (%) of nominal GDP by year (rows) and region (columns)."""
    return pd.DataFrame({r: vintages(r)["revision_pct"] for r in regions})


def dependency_on_revised_gdp() -> pd.DataFrame:
    """Trade and FDI dependency (% of GDP) as printed, on as-published GDP and on revised GDP.

    Numerators are the report's own (Table 3 total trade, the FDI table; 100 million USD); GDP
    is Liaoning's in one vintage, converted at the annual mean rate (`cny_usd`). The
    as-published column reproduces the printed row (a check; its 2015 FDI ratio is corrected FDI
    over uncorrected GDP, as printed); the revised one is a sensitivity, not a correction: trade
    is one vintage only, but FDI is as published, so FDI over revised GDP mixes two vintages
    and says so (`series.note`).
    """
    t3, fdi = data.load("table3_foreign_trade"), data.load("table_fdi")
    rate = data.load("cny_usd")["cny_per_usd"]
    columns = {}
    for name, num, printed in (("trade_dependency", t3["total_trade"], t3["trade_dependency"]),
                               ("fdi_dependency", fdi["fdi"], fdi["fdi_dependency"])):
        columns[f"{name}_printed"] = printed
        for v in ("as_published", "revised"):
            yuan = gdp("liaoning", v).loc[num.index]
            gdp_usd = yuan / rate.loc[num.index].to_numpy()  # keeps GDP's vintage
            columns[f"{name}_{v}"] = ratio_pct(num, gdp_usd, mixing_vintages=True)
    return series.frame(columns)


def table1_against_vintages() -> pd.DataFrame:
    """Table 1 (billion yuan, converted to 100 million) beside Liaoning's two vintages.

    Shows which vintage Table 1 follows: as published to 2015 (differences are rounding); its
    2016 value is the first release after the correction, below the later as-published
    yearbook figure and above the revised one. Against the revised series it compares two
    vintages on purpose.
    """
    table1 = data.load("table1_gdp")["gdp"].astype(float) * 10.0  # billion -> 100 million yuan
    table1.index = pd.Index([int(y) for y in table1.index], name="year")
    pub, rev = (gdp("liaoning", v).loc[table1.index] for v in ("as_published", "revised"))
    return series.frame({
        "report_table1": table1,
        "as_published": pub,
        "revised_nbs2021": rev,
        "table1_vs_as_published_pct": percent_difference(table1, pub),
        "table1_vs_revised_pct": percent_difference(table1, rev, mixing_vintages=True),
    })


# ---- the 2016 fall split into real growth, prices and level re-basing -----------------------

# The choices a referee would vary in the split, declared once: the nominal change (Table 1 or
# the yearbook series, both across the correction), Liaoning's 2016 real growth (para 26 as
# published, or revised) and the deflator. A specification keeps one vintage: real growth as
# published goes with China's GDP deflator (as published) or the CPI (one vintage only), revised
# real growth with Liaoning's implied revised deflator or the CPI; the other pairs would mix
# vintages and are refused (`analysis.series`), so they are not specifications.
SPLIT_DIMENSIONS = (
    ("nominal_source", ("table1", "as_published_yearbook"), "table1"),
    ("real_growth_2016", ("as_published", "revised"), "revised"),
    ("deflator", ("liaoning_implied_revised", "china_gdp_deflator", "china_cpi"),
     "liaoning_implied_revised"),
)
SPLIT_CHOSEN = {"as_published": ("table1", "china_gdp_deflator"),
                "revised": ("table1", "liaoning_implied_revised")}
SPLIT_MOSTLY = 50.0  # "most of the fall is re-basing": its share of the log change, percent


def nominal_change_2016(source: str = "table1") -> float:
    """Nominal change 2015-16 (%) across the correction: Table 1's, or the yearbook series'."""
    year = correction_year()
    if source == "table1":
        levels = data.load("table1_gdp")["gdp"]
    elif source == "as_published_yearbook":
        levels = gdp("liaoning", "as_published")
    else:
        raise ValueError(f"nominal source must be 'table1' or 'as_published_yearbook', got "
                         f"{source!r}")
    return float(growth_rate(levels.loc[year - 1:year], across_break=True).loc[year])


def real_growth_2016(basis: str, fact: FactGetter = data.fact) -> pd.Series:
    """Liaoning's 2016 real growth (%, one year, with its vintage): para 26 as published, or
    the revised series."""
    year = correction_year()
    if basis == "as_published":
        declared = data.vintage("liaoning_real_gdp_growth", "real_gdp_growth_pct")
        return series.from_years({year: fact(REAL_GROWTH_2016_FACT)}, "real", declared)
    return real_growth_revised("liaoning").loc[year:year]


def deflator_2016(name: str) -> pd.Series:
    """2016 price change (%, one year, with its vintage) of one deflator of the split."""
    year = correction_year()
    if name == "liaoning_implied_revised":
        return implied_deflator(growth_rate(gdp("liaoning", "revised")),
                                real_growth_revised("liaoning")).loc[year:year]
    return _value(name).loc[year:year]


def split_2016(nominal_source: str, real_growth: pd.Series, deflator: pd.Series) -> dict:
    """`split_nominal_change` of 2016, refused if real growth and deflator mix vintages."""
    year = correction_year()
    series.check_combination(real_growth, deflator, [year], mixing_vintages=False,
                             what="the 2016 split")
    return split_nominal_change(nominal_change_2016(nominal_source),
                                float(real_growth.loc[year]), float(deflator.loc[year]))


def fall_2016_split(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Table 1's 2016 nominal fall split into real growth, deflator and level re-basing.

    Two bases (`SPLIT_CHOSEN`), each term's origin in the ``*_from`` columns (label keys):
    - ``revised``: real growth and the implied deflator from the revised vintage (NBS 2021
      nominal and real growth of Liaoning, one vintage);
    - ``as_published``: the real growth printed in para 26 (-2.5 %, as published) and China's
      GDP deflator (WDI, pre-2018-census), since no as-published provincial deflator exists.
    The nominal change is Table 1's (2015 as published, before the correction; 2016 after it).
    """
    out = {basis: split_2016(nominal, real_growth_2016(basis, fact), deflator_2016(deflator))
           for basis, (nominal, deflator) in SPLIT_CHOSEN.items()}
    rows = list(out["revised"])
    return pd.DataFrame(
        {
            "revised_basis": [out["revised"][k] for k in rows],
            "revised_basis_from": ["from_table1", "from_revised_real", "from_revised_implied",
                                   "from_residual", "from_residual"],
            "as_published_basis": [out["as_published"][k] for k in rows],
            "as_published_basis_from": ["from_table1", "from_report_text", "from_china_deflator",
                                        "from_residual", "from_residual"],
        },
        index=pd.Index(rows, name="term"),
    )


def split_grid(fact: FactGetter = data.fact) -> pd.DataFrame:
    """The 2016 split under every choice of `SPLIT_DIMENSIONS` that keeps one vintage.

    An `analysis.specgrid` frame: ``value`` is the level re-basing's share of the log change
    (%), ``holds`` that it is more than half (`SPLIT_MOSTLY`); the chosen specification is the
    revised basis. Official figures: no sampling interval (``low``/``high`` NaN).
    """
    dims = [Dimension(name, options, chosen) for name, options, chosen in SPLIT_DIMENSIONS]
    nan = float("nan")

    def estimate(nominal_source: str, real_growth_2016: str, deflator: str) -> Estimate:
        try:
            split = split_2016(nominal_source, real(real_growth_2016), deflator_2016(deflator))
        except VintageError:
            return Estimate(nan, nan, nan, False)
        share = split["rebasing_share_of_log_change_pct"]
        return Estimate(share, nan, nan, share > SPLIT_MOSTLY)

    def real(basis: str) -> pd.Series:
        return real_growth_2016(basis, fact)

    return evaluate(dims, estimate).dropna(subset=["value"]).reset_index(drop=True)


# ---- revenue, the real view and the deflators --------------------------------------------------

def revenue_vintages(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Government revenue (100 million yuan): para 28 as printed against the NBS series.

    The NBS series (external) is corrected from 2015 on; its 2010-2014 values are those
    published then (the ones later called inflated). Para 28's levels follow the same break
    (they agree with the NBS series within rounding). Growth is computed within each column,
    and its 2015 value runs across the break (`series.note` says so).
    """
    nbs = _value("liaoning_revenue_nbs").dropna()
    report = series.from_years({y: fact(i) for y, i in REVENUE_FACTS.items()}, "report_para28",
                               series.vintage_of(nbs))
    out = series.frame({
        "report_para28": report,
        "nbs_external": nbs,
        "difference_pct": percent_difference(report, nbs),
        "report_growth_pct": growth_rate(report, across_break=True),
        "nbs_growth_pct": growth_rate(nbs, across_break=True),
    })
    out.index.name = "year"
    return out


def real_gdp_view(base_year: int = 2010) -> pd.DataFrame:
    """Liaoning GDP, nominal and real, each in one vintage (100 million yuan).

    - ``nominal_as_published`` and ``nominal_revised``: the two vintages' current-price GDP;
    - ``real_revised_base_prices``: the revised level of ``base_year`` carried by the revised
      real growth (NBS's own constant-price measure: deflated by Liaoning's implied deflator);
    - ``real_as_published_china_deflator``: the as-published nominal series divided by China's
      GDP deflator (pre-2018-census) rebased to ``base_year``: assumes Liaoning's prices moved
      as the nation's. It keeps the as-published series' break (2015/16).
    """
    pub, rev = gdp("liaoning", "as_published"), gdp("liaoning", "revised")
    last = int(rev.index.max())
    years = list(range(base_year, last + 1))
    real = chained_index(real_growth_revised("liaoning"), base_year, years)
    price = chained_index(national_deflator(), base_year, years)
    deflated = pub.loc[years] / price.to_numpy()
    return series.frame({
        "nominal_as_published": pub.loc[years],
        "nominal_revised": rev.loc[years],
        "real_revised_base_prices": series.tag(rev.loc[base_year] * real,
                                               series.vintage_of(rev)),
        "real_as_published_china_deflator": deflated,
    })


def deflators() -> pd.DataFrame:
    """Liaoning's implied deflator (revised vintage) beside China's deflator (%, external).

    China's GDP deflator exists here only before the 2018-census revision, so the difference
    compares two vintages (labelled; China's revision moved its GDP levels by less than 0.4 %).
    """
    liaoning = implied_deflator(growth_rate(gdp("liaoning", "revised")),
                                real_growth_revised("liaoning")).dropna()
    china = national_deflator().loc[liaoning.index]
    return series.frame({"liaoning_implied_revised": liaoning, "china_wdi_pre2018": china,
                         "difference_pp": difference(liaoning, china, mixing_vintages=True)})


def deflator_findings(deflator_table: pd.DataFrame) -> dict[str, float]:
    """What the implied deflators say (point 9 of issue 18): how often and how far Liaoning's
    revised implied deflator lies below China's, and its most implausible year (the largest
    gap). Keys: years_below, years, median_gap_pp, worst_year, worst_liaoning, worst_china."""
    gap = deflator_table["difference_pp"]
    worst = int(gap.idxmin())
    return {"years_below": int((gap < 0).sum()), "years": len(gap),
            "first": int(gap.index.min()), "last": int(gap.index.max()),
            "median_gap_pp": float(gap.median()), "worst_year": worst,
            "worst_liaoning": float(deflator_table.at[worst, "liaoning_implied_revised"]),
            "worst_china": float(deflator_table.at[worst, "china_wdi_pre2018"])}


def mark_break(ax, year: int, lang: str, key: str = "series_break_correction") -> None:
    """Dotted vertical line between ``year - 1`` and ``year`` with the series-break label."""
    ax.axvline(year - 0.5, color=BREAK_COLOUR, linestyle=":", linewidth=1.5)
    ax.text(year - 0.45, 0.97, t(key, lang), transform=ax.get_xaxis_transform(), ha="left",
            va="top", fontsize=8.5, color=BREAK_COLOUR)


BREAK_COLOUR = "#D55E00"  # vermillion: series breaks and the values measured across one


def gdp_levels_figure(lang: str, base_year: int = 2010) -> Figure:
    """Liaoning GDP, nominal in both vintages and real (revised), with the correction marked."""
    from analysis import plotting

    view = real_gdp_view(base_year)
    years = f"{int(view.index.min())}-{int(view.index.max())}"
    fig, ax = plotting.new_figure(t("gdp_levels_title", lang, years=years))
    styles = {
        "nominal_as_published": (plotting.PALETTE[0], "-"),
        "nominal_revised": (plotting.PALETTE[2], "-"),
        "real_revised_base_prices": (plotting.PALETTE[2], "--"),
        "real_as_published_china_deflator": (plotting.PALETTE[0], "--"),
    }
    for col, (colour, style) in styles.items():
        s = series.gap_at_breaks(view[col])
        plotting.mark_external(ax, s.index, s.values, label=t(col, lang), lang=lang,
                               color=colour, linestyle=style)
    mark_break(ax, correction_year(), lang)
    ax.set_ylabel(t("unit_100m_yuan", lang))
    ax.set_xlabel(t("year", lang))
    ax.legend(loc="upper left", fontsize=8)
    plotting.add_source(fig, plotting.figure_source(
        lang, ["liaoning_gdp_as_published", "liaoning_gdp_revised",
               "liaoning_real_growth_revised", "china_gdp_deflator"]))
    return fig


# ---- what the revisions say, in words (en / zh) ------------------------------------------------

def split_findings(split: pd.DataFrame, grid: pd.DataFrame, deflator_facts: dict[str, float],
                   lang: str) -> str:
    """The 2016 split in words: both bases, the grid's range and count, and the caveat on the
    revised basis's implied deflator (point 9 of issue 18)."""
    nominal = -split.at["nominal_change_pct", "revised_basis"]
    real, defl, rebase = (split.at[k, "revised_basis"] for k in
                          ("real_growth_pct", "deflator_pct", "level_rebasing_pct"))
    rebase_pub = split.at["level_rebasing_pct", "as_published_basis"]
    lo, hi, n = grid["value"].min(), grid["value"].max(), len(grid)
    verdict = robustness_words(grid, lang)
    d = deflator_facts
    if lang == "en":
        return (
            f"Table 1's 2016 fall of **{nominal:.1f} %** runs across Liaoning's correction: "
            f"2015 is as published before it, 2016 after. Split on the revised basis: real growth "
            f"{real:+.1f} %, deflator {defl:+.1f} %, level re-basing **{rebase:.1f} %**; on the "
            f"as-published basis (para 26's real growth, China's deflator) the re-basing is "
            f"**{rebase_pub:.1f} %**. Over the {n} specifications of the split (nominal source, "
            f"real growth and a deflator of the same vintage) the re-basing is {lo:.0f} % to "
            f"{hi:.0f} % of the (log) fall; that it is more than half of it: {verdict}. The "
            f"revised basis rests on Liaoning's deflator implied by the NBS back-series, which "
            f"looks inconsistent: it lies below China's in {d['years_below']} of {d['years']} "
            f"years {d['first']}-{d['last']}, and for {d['worst_year']} it gives "
            f"{d['worst_liaoning']:+.1f} % while China's prices rose {d['worst_china']:.1f} %.")
    return (
        f"表 1 中2016年 **{nominal:.1f}%** 的降幅跨越了辽宁的统计更正：2015年为更正前公布数，"
        f"2016年为更正后。按修订数分解：实际增长{real:+.1f}%，平减指数{defl:+.1f}%，水平断点 "
        f"**{rebase:.1f}%**；按当时公布数（第26段实际增长，全国平减指数）水平断点为 "
        f"**{rebase_pub:.1f}%**。在分解的{n}个设定中（名义数据来源、实际增长及同一版本的平减指数），"
        f"水平断点占（对数）降幅的{lo:.0f}%至{hi:.0f}%；超过降幅一半这一结论：{verdict}。"
        f"按修订数的分解依赖国家统计局回溯序列隐含的辽宁平减指数，而该指数看来并不一致："
        f"{d['first']}-{d['last']}年{d['years']}年中有{d['years_below']}年低于全国，"
        f"{d['worst_year']}年为{d['worst_liaoning']:+.1f}%，而全国物价上涨{d['worst_china']:.1f}%。")


def revision_findings(revision: pd.DataFrame, lang: str) -> str:
    """The NBS 2021 revision of 2015 GDP in the three provinces, and of Liaoning's 2016."""
    cut = {r: -revision.at[2015, r] for r in PROVINCES}
    cut_2016 = -revision.at[correction_year(), "liaoning"]
    if lang == "en":
        return (
            f"The revision (NBS 2021) cut 2015 GDP by {cut['liaoning']:.1f} % in Liaoning, "
            f"{cut['jilin']:.1f} % in Jilin and {cut['heilongjiang']:.1f} % in Heilongjiang: a "
            f"Northeast-wide cut of levels, not Liaoning's alone; Liaoning's as-published 2016 "
            f"level, already after its own correction, was cut by only {cut_2016:.1f} %.")
    return (
        f"修订（国家统计局2021年）使2015年GDP在辽宁下调{cut['liaoning']:.1f}%，吉林下调"
        f"{cut['jilin']:.1f}%，黑龙江下调{cut['heilongjiang']:.1f}%：这是整个东北水平值的下调，"
        f"并非辽宁独有；辽宁2016年的当时公布数已在其自身更正之后，仅下调{cut_2016:.1f}%。")


def revenue_findings(revenue: pd.DataFrame, lang: str) -> str:
    """Revenue's 2015 fall runs across the correction: what it can and cannot show."""
    year = correction_year("liaoning_revenue_nbs", "value")
    fall = -revenue.at[year, "nbs_growth_pct"]
    if lang == "en":
        return (
            f"Revenue (Figure 2) has the same break a year earlier: its {year} fall of "
            f"{fall:.1f} % (NBS) runs across the correction ({year - 1} as published, {year} "
            f"corrected), so it mixes a fall with the correction, and no corrected "
            f"{year - 2}-{year - 1} revenue exists to split them.")
    return (
        f"财政收入（图 2）早一年出现同样的断点：{year}年{fall:.1f}%的降幅（国家统计局）跨越了统计"
        f"更正（{year - 1}年为当时公布数，{year}年为更正后），降幅与更正混在一起，而{year - 2}-"
        f"{year - 1}年没有更正后的财政收入数据可以将两者分开。")
