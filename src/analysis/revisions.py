"""Statistical revisions of provincial GDP: as published against revised, and the 2016 break.

Vocabulary (README): *as published* = figures released at the time (the report's vintage);
*revised* = the NBS 2021 back-series after the 2018 economic census; *correction* = Liaoning's
own 2016-17 correction of its inflated 2011-2016 figures (Table 1's 2016 value is after it);
*series break* = a change of measurement between two adjacent years. The two vintages are
never mixed in one series: every function here keeps them in separate columns.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
from matplotlib.figure import Figure

from analysis import data
from analysis.growth import growth_rate
from analysis.labels import t

FactGetter = Callable[[str], float]

PROVINCES = ("liaoning", "jilin", "heilongjiang")
REGIONS = (*PROVINCES, "china")
BREAK_YEAR = 2016  # first year of Table 1 measured after the correction (series break 2015-16)
REVENUE_BREAK_YEAR = 2015  # first revenue year after the correction (external README)
REVENUE_FACTS = {y: f"revenue_{y}" for y in (2013, 2014, 2015, 2016)}
REAL_GROWTH_2016_FACT = "real_gdp_growth_2016"


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


def revision_pct(as_published: pd.Series, revised: pd.Series) -> pd.Series:
    """Size of the revision by year: (revised / as published - 1) * 100, on common years."""
    pub, rev = as_published.align(revised, join="inner")
    return ((rev / pub - 1.0) * 100.0).rename("revision_pct")


def vintages(region: str) -> pd.DataFrame:
    """A region's nominal GDP in both vintages (100 million yuan) and the revision (%)."""
    pub, rev = gdp(region, "as_published"), gdp(region, "revised")
    out = pd.DataFrame({"as_published": pub, "revised": rev})
    out["revision_pct"] = revision_pct(pub, rev)
    return out


def revision_table(regions: tuple[str, ...] = REGIONS) -> pd.DataFrame:
    """Revision (%) of nominal GDP by year (rows) and region (columns)."""
    return pd.DataFrame({r: vintages(r)["revision_pct"] for r in regions})


def dependency_on_revised_gdp() -> pd.DataFrame:
    """Trade and FDI dependency (% of GDP) as printed, on as-published GDP and on revised GDP.

    Numerators are the report's own (Table 3 total trade, the FDI table; 100 million USD); GDP
    is Liaoning's in one vintage, converted at the annual mean rate (`cny_usd`). The
    as-published column reproduces the printed row (a check); the revised one is a sensitivity:
    how much of each ratio's level rests on the GDP the report divided by, not a correction.
    """
    t3, fdi = data.load("table3_foreign_trade"), data.load("table_fdi")
    rate = data.load("cny_usd")["cny_per_usd"].astype(float)
    years = [int(y) for y in t3.index]
    out = pd.DataFrame(index=pd.Index(years, name="year"))
    gdp_usd = {v: gdp("liaoning", v).loc[years] / rate.loc[years].to_numpy()
               for v in ("as_published", "revised")}
    for name, num, printed in (("trade_dependency", t3["total_trade"], t3["trade_dependency"]),
                               ("fdi_dependency", fdi["fdi"], fdi["fdi_dependency"])):
        num = num.astype(float).to_numpy()
        out[f"{name}_printed"] = printed.astype(float).to_numpy()
        for v, g in gdp_usd.items():
            out[f"{name}_{v}"] = 100.0 * num / g.to_numpy()
    return out


def table1_against_vintages() -> pd.DataFrame:
    """Table 1 (billion yuan, converted to 100 million) beside Liaoning's two vintages.

    Shows which vintage Table 1 follows: as published to 2015 (differences are rounding); its
    2016 value is the first release after the correction, below the later as-published
    yearbook figure and above the revised one.
    """
    table1 = data.load("table1_gdp")["gdp"].astype(float) * 10.0  # billion -> 100 million yuan
    table1.index = pd.Index([int(y) for y in table1.index], name="year")
    v = vintages("liaoning").loc[table1.index]
    return pd.DataFrame(
        {
            "report_table1": table1,
            "as_published": v["as_published"],
            "revised_nbs2021": v["revised"],
            "table1_vs_as_published_pct": (table1 / v["as_published"] - 1.0) * 100.0,
            "table1_vs_revised_pct": (table1 / v["revised"] - 1.0) * 100.0,
        }
    )


def implied_deflator(nominal_growth_pct: pd.Series, real_growth_pct: pd.Series) -> pd.Series:
    """Implied GDP deflator change (%): (1 + nominal) / (1 + real) - 1, both from one vintage."""
    n, r = nominal_growth_pct.align(real_growth_pct, join="inner")
    return (((1.0 + n / 100.0) / (1.0 + r / 100.0) - 1.0) * 100.0).rename("implied_deflator_pct")


def split_change(nominal_pct: float, real_pct: float, deflator_pct: float) -> dict[str, float]:
    """Split a nominal change into real growth, deflator and the level re-basing left over.

    (1 + nominal) = (1 + real)(1 + deflator)(1 + rebasing): the re-basing is what growth and
    prices cannot explain, i.e. a change of level between two measurements (a series break).
    ``rebasing_share_of_log_change_pct`` is its share of log(1 + nominal).
    """
    n, r, p = (1.0 + x / 100.0 for x in (nominal_pct, real_pct, deflator_pct))
    rebasing = n / (r * p)
    return {
        "nominal_change_pct": nominal_pct,
        "real_growth_pct": real_pct,
        "deflator_pct": deflator_pct,
        "level_rebasing_pct": (rebasing - 1.0) * 100.0,
        "rebasing_share_of_log_change_pct": math.log(rebasing) / math.log(n) * 100.0,
    }


def national_deflator() -> pd.Series:
    """China's GDP deflator change (%), WDI, pre-2018-census vintage (external)."""
    return _value("china_gdp_deflator")


def fall_2016_split(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Table 1's 2016 nominal fall split into real growth, deflator and level re-basing.

    Two bases, each term's vintage stated in the ``*_from`` columns (label keys):
    - ``revised``: real growth and the implied deflator from the revised vintage (NBS 2021
      nominal and real growth of Liaoning, one vintage);
    - ``as_published``: the real growth printed in para 26 (-2.5 %, as published) and China's
      GDP deflator (WDI, pre-2018-census), since no as-published provincial deflator exists.
    The nominal change is Table 1's (2015 as published, before the correction; 2016 after it).
    """
    table1 = data.load("table1_gdp")["gdp"].astype(float)
    nominal = (table1.loc[BREAK_YEAR] / table1.loc[BREAK_YEAR - 1] - 1.0) * 100.0
    rev_nominal = growth_rate(gdp("liaoning", "revised")).loc[BREAK_YEAR]
    rev_real = real_growth_revised("liaoning").loc[BREAK_YEAR]
    rev_defl = implied_deflator(pd.Series({BREAK_YEAR: rev_nominal}),
                                pd.Series({BREAK_YEAR: rev_real})).loc[BREAK_YEAR]
    pub_real = fact(REAL_GROWTH_2016_FACT)
    pub_defl = national_deflator().loc[BREAK_YEAR]
    rev = split_change(float(nominal), float(rev_real), float(rev_defl))
    pub = split_change(float(nominal), float(pub_real), float(pub_defl))
    rows = list(rev)
    return pd.DataFrame(
        {
            "revised_basis": [rev[k] for k in rows],
            "revised_basis_from": ["from_table1", "from_revised_real", "from_revised_implied",
                                   "from_residual", "from_residual"],
            "as_published_basis": [pub[k] for k in rows],
            "as_published_basis_from": ["from_table1", "from_report_text", "from_china_deflator",
                                        "from_residual", "from_residual"],
        },
        index=pd.Index(rows, name="term"),
    )


def revenue_vintages(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Government revenue (100 million yuan): para 28 as printed against the NBS series.

    The NBS series (external) is corrected from 2015 on; its 2010-2014 values are those
    published then (the ones later called inflated). Growth is computed within each column.
    """
    nbs = _value("liaoning_revenue_nbs").dropna()
    report = pd.Series({y: fact(i) for y, i in REVENUE_FACTS.items()}, dtype=float)
    report.index = pd.Index([int(y) for y in report.index], name="year")
    out = pd.DataFrame({"report_para28": report, "nbs_external": nbs})
    out.index.name = "year"
    out["difference_pct"] = (out["report_para28"] / out["nbs_external"] - 1.0) * 100.0
    out["report_growth_pct"] = growth_rate(out["report_para28"])
    out["nbs_growth_pct"] = growth_rate(out["nbs_external"])
    return out


def real_gdp_view(base_year: int = 2010) -> pd.DataFrame:
    """Liaoning GDP, nominal and real, each in one vintage (100 million yuan).

    - ``nominal_as_published`` and ``nominal_revised``: the two vintages' current-price GDP;
    - ``real_revised_base_prices``: the revised level of ``base_year`` carried by the revised
      real growth (NBS's own constant-price measure: deflated by Liaoning's implied deflator);
    - ``real_as_published_china_deflator``: the as-published nominal series divided by China's
      GDP deflator (pre-2018-census) rebased to ``base_year``: assumes Liaoning's prices moved
      as the nation's.
    """
    pub, rev = gdp("liaoning", "as_published"), gdp("liaoning", "revised")
    real = real_growth_revised("liaoning")
    years = [y for y in rev.index if y >= base_year]
    idx = pd.Series(1.0, index=pd.Index(years, name="year"))
    for y in years[1:]:
        idx.loc[y] = idx.loc[y - 1] * (1.0 + real.loc[y] / 100.0)
    defl = national_deflator()
    price = pd.Series(1.0, index=pd.Index(years, name="year"))
    for y in years[1:]:
        price.loc[y] = price.loc[y - 1] * (1.0 + defl.loc[y] / 100.0)
    return pd.DataFrame(
        {
            "nominal_as_published": pub.loc[years],
            "nominal_revised": rev.loc[years],
            "real_revised_base_prices": rev.loc[base_year] * idx,
            "real_as_published_china_deflator": pub.loc[years] / price,
        }
    )


def deflators() -> pd.DataFrame:
    """Liaoning's implied deflator (revised vintage) beside China's deflator (%, external)."""
    liaoning = implied_deflator(growth_rate(gdp("liaoning", "revised")),
                                real_growth_revised("liaoning")).dropna()
    out = pd.DataFrame({"liaoning_implied_revised": liaoning,
                        "china_wdi_pre2018": national_deflator()}).dropna()
    out["difference_pp"] = out["liaoning_implied_revised"] - out["china_wdi_pre2018"]
    return out


def gap_at_break(s: pd.Series, break_year: int) -> pd.Series:
    """``s`` with a NaN between ``break_year - 1`` and ``break_year``, so a plotted line stops
    at a series break instead of joining two measurements."""
    out = s.copy().astype(float)
    out.loc[break_year - 0.5] = float("nan")
    return out.sort_index()


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
        s = gap_at_break(view[col], BREAK_YEAR) if "as_published" in col else view[col]
        plotting.mark_external(ax, s.index, s.values, label=t(col, lang), lang=lang,
                               color=colour, linestyle=style)
    ax.axvline(BREAK_YEAR - 0.5, color="#D55E00", linestyle=":", linewidth=1.5)
    ax.text(BREAK_YEAR - 0.45, 0.97, t("series_break_correction", lang),
            transform=ax.get_xaxis_transform(), ha="left", va="top", fontsize=8.5,
            color="#D55E00")
    ax.set_ylabel(t("unit_100m_yuan", lang))
    ax.set_xlabel(t("year", lang))
    ax.legend(loc="upper left", fontsize=8)
    plotting.add_source(fig, plotting.figure_source(
        lang, ["liaoning_gdp_as_published", "liaoning_gdp_revised",
               "liaoning_real_growth_revised", "china_gdp_deflator"]))
    return fig
