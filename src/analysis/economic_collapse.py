"""Section III.A (paras 26-30): the 2014-2016 collapse in growth, revenue and investment.

Figures 1-3 survive in the report text only as captions, so these helpers rebuild their data
from what the report does print (Table 1 and the numbers in paras 26-29) plus external NBS
series, and keep every column's origin visible (report table, report text, external).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis import data
from analysis.growth import growth_rate, level_from_growth

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


def gdp_vintages() -> pd.DataFrame:
    """Table 1 GDP against the external NBS series (both in 100 million yuan), with its vintage.

    Para 30 blames the 2016 fall on correcting inflated 2011-2014 figures; the external series
    shows which vintage Table 1 follows (yearbook to 2015) and how far the revised 2016 differs.
    """
    table1 = data.load("table1_gdp")["gdp"] * 10.0  # billion -> 100 million yuan
    ext = data.load("liaoning_gdp")
    out = pd.DataFrame(
        {"report_table1": table1, "external": ext["gdp"], "external_vintage": ext["vintage"]}
    ).loc[table1.index]
    out["difference_pct"] = (out["report_table1"] / out["external"] - 1.0) * 100.0
    return out
