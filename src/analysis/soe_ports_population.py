"""Sections III.E-G (paras 55-62): state-owned enterprises, ports and population, from the text.

Everything here is a number the report states once, so the helpers group the facts, convert
units, and run the few checks the numbers allow: arithmetic consistency, plausibility against
bounds (labelled external when they come from outside the report), and CAGRs with the
uncertainty that the printed rounding leaves (``analysis.rounding.Interval``).
"""

from __future__ import annotations

import pandas as pd

from analysis import data
from analysis.data import FactGetter
from analysis.growth import cagr
from analysis.rounding import Interval, printed_interval

SOE_FACTS = [
    "soe_count_2016",
    "soe_asset_share_2016",
    "bankruptcies_2008_2014",
    "bankruptcy_employees",
    "bankruptcy_employees_per_firm",
    "bankruptcy_soe_fraction",
]
PORT_FACTS = [
    "dalian_port_rank_2016",
    "dalian_port_teu_2016",
    "dandong_throughput_2012",
    "dandong_throughput_2016",
    "dandong_debt",
    "dandong_bond_default",
]
POPULATION_FACTS = [
    "birth_rate_2010",
    "national_birth_rate_2010",
    "total_fertility_rate_2010",
    "median_age_northeast_2015",
    "median_age_gap_2015",
    "population_over_60_share",
    "population_over_60_gap_pp",
    "population_0_14_share",
    "population_decrease_2015",
    "population_decrease_2016",
    "graduates_staying_fraction",
]
POPULATION_DERIVED_FACTS = [  # the facts population_derived reads (and its chart plots)
    "birth_rate_2010",
    "national_birth_rate_2010",
    "median_age_northeast_2015",
    "median_age_gap_2015",
    "population_over_60_share",
    "population_over_60_gap_pp",
]
HUNDRED_MILLION = 1e8  # 亿
TEN_THOUSAND = 1e4  # 万


def _printed(fact_id: str) -> Interval:
    """Interval a printed fact stands for (± half a unit of its last printed digit)."""
    return printed_interval(data.facts(), "value", fact_id)


def bankruptcy_readings(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Para 56's employees of bankrupt firms under two unit readings, with per-firm averages.

    'as printed': 3.15亿 employees (x 10^8) and 42万 per firm (x 10^4). 'units one step down':
    亿 meant 万 and 万 meant persons (x 10^4 and x 1), which keeps every printed digit.
    Columns: employees, employees per firm (computed), per firm as printed, ratio of the two.
    """
    firms = fact("bankruptcies_2008_2014")
    total = fact("bankruptcy_employees")
    per_firm = fact("bankruptcy_employees_per_firm")
    rows = {}
    for name, total_unit, per_unit in (
        ("as_printed", HUNDRED_MILLION, TEN_THOUSAND),
        ("units_one_step_down", TEN_THOUSAND, 1.0),
    ):
        employees = total * total_unit
        rows[name] = {
            "employees": employees,
            "employees_per_firm": employees / firms,
            "per_firm_printed": per_firm * per_unit,
            "computed_over_printed": employees / firms / (per_firm * per_unit),
        }
    return pd.DataFrame(rows).T


POPULATION_YEAR = 2015  # the end-2015 population, the year the claims audit uses too


def population_bound_10k(year: int = POPULATION_YEAR) -> float:
    """Liaoning's year-end resident population (10 thousand persons): an EXTERNAL bound (NBS),
    the same file the claims audit reads."""
    return float(data.load("liaoning_population").at[year, "resident_population_10k"])


def bankruptcy_plausibility(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Employees of bankrupt firms as a multiple of Liaoning's whole population (external)."""
    pop = population_bound_10k() * TEN_THOUSAND
    r = bankruptcy_readings(fact)
    return pd.DataFrame(
        {
            "employees": r["employees"],
            "population_external": pop,
            "employees_over_population": r["employees"] / pop,
        }
    )


def soe_derived(fact: FactGetter = data.fact) -> pd.Series:
    """Bankruptcies per year 2008-2014, SOE bankruptcies (3/4) and their ratio to today's SOEs."""
    firms = fact("bankruptcies_2008_2014")
    soe_bankrupt = firms * fact("bankruptcy_soe_fraction")
    return pd.Series(
        {
            "bankruptcies_per_year": firms / (2014 - 2008 + 1),
            "soe_bankruptcies": soe_bankrupt,
            "soe_bankruptcies_over_soe_count_2016_pct": soe_bankrupt / fact("soe_count_2016") * 100,
        }
    )


def dandong_cagr() -> pd.Series:
    """Dandong throughput CAGR 2012-2016 (% a year): point value and the range its rounding allows.

    "1.2亿吨" is 1.15-1.25 and "2亿吨" is 1.5-2.5 (one significant digit), so the CAGR is known
    only to within several points.
    """
    first, last = _printed("dandong_throughput_2012"), _printed("dandong_throughput_2016")
    years = 2016 - 2012
    lo = cagr(first.hi, last.lo, years)
    hi = cagr(first.lo, last.hi, years)
    point = cagr(first.mid, last.mid, years)
    return pd.Series({"cagr_pct": point, "cagr_low_pct": lo, "cagr_high_pct": hi})


def port_derived(fact: FactGetter = data.fact) -> pd.Series:
    """Dalian TEU in millions and the Dandong default as a share of the group's debt."""
    return pd.Series(
        {
            "dalian_teu_million": fact("dalian_port_teu_2016") * TEN_THOUSAND / 1e6,
            "dandong_default_share_of_debt_pct": fact("dandong_bond_default")
            / fact("dandong_debt")
            * 100,
        }
    )


def population_derived(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Liaoning against the national average as the text implies it (national = Liaoning - gap)."""
    rows = {
        "birth_rate_pct": (fact("birth_rate_2010"), fact("national_birth_rate_2010")),
        "median_age_years_northeast": (
            fact("median_age_northeast_2015"),
            fact("median_age_northeast_2015") - fact("median_age_gap_2015"),
        ),
        "share_over_60_pct": (
            fact("population_over_60_share"),
            fact("population_over_60_share") - fact("population_over_60_gap_pp"),
        ),
    }
    out = pd.DataFrame(rows, index=["liaoning", "national"]).T
    out["difference"] = out["liaoning"] - out["national"]
    return out


def population_change(fact: FactGetter = data.fact) -> pd.Series:
    """Fall of the resident population (10 thousand persons, negative), 2015 and 2016 (para 62)."""
    s = pd.Series(
        {2015: -fact("population_decrease_2015"), 2016: -fact("population_decrease_2016")},
        name="population_change",
    )
    s.index.name = "year"
    return s


POPULATION_UNITS = {  # unit of each row of population_derived, as the data spell units
    "birth_rate_pct": "percent",
    "median_age_years_northeast": "years",
    "share_over_60_pct": "percent",
}
DANDONG = {2012: "dandong_throughput_2012", 2016: "dandong_throughput_2016"}


def dandong_levels(fact: FactGetter = data.fact) -> pd.Series:
    """Dandong port throughput (100 million tonnes) as printed, by year."""
    s = pd.Series({y: fact(i) for y, i in DANDONG.items()}, name="dandong_throughput")
    s.index.name = "year"
    return s


def dandong_rounding_halfwidths() -> list[float]:
    """Half a unit of the last printed digit of each Dandong level (for error bars)."""
    return [_printed(i).width / 2 for i in DANDONG.values()]


def findings(lang: str, fact: FactGetter = data.fact) -> str:
    """What the reproduction finds about paras 55-62, in Markdown, in the label language."""
    r = bankruptcy_readings(fact)
    p = bankruptcy_plausibility(fact)
    d = dandong_cagr()
    levels = dandong_levels(fact)
    v = {"times": f"{p.loc['as_printed', 'employees_over_population']:.1f}",
         "share": f"{p.loc['units_one_step_down', 'employees_over_population'] * 100:.2f}",
         "per_firm": f"{r.loc['units_one_step_down', 'employees_per_firm']:.0f}",
         "ratio": f"{r.loc['as_printed', 'computed_over_printed']:.2f}",
         "cagr": f"{d['cagr_pct']:.1f}", "lo": f"{d['cagr_low_pct']:.1f}",
         "hi": f"{d['cagr_high_pct']:.1f}", "first": levels.index[0], "last": levels.index[-1],
         "year": POPULATION_YEAR, "n": len(population_change(fact))}
    if lang == "zh":
        return (f"**复核结果。** 按原文，破产企业职工人数是辽宁全部常住人口（外部数据界限，"
                f"{v['year']}年末）的 {v['times']} 倍，单位不可能正确；若单位各降一级"
                f"（亿读作万，万读作人），则为常住人口的 {v['share']} %，每家企业 "
                f"{v['per_firm']} 人，且两种读法下两个印刷数字彼此一致（计算值与印刷值之比："
                f"{v['ratio']}）。丹东港吞吐量在 {v['first']}-{v['last']} 年年均增长 "
                f"{v['cagr']} %，但两个水平值的印刷舍入允许 {v['lo']} % 至 {v['hi']} % "
                f"之间的任何值。人口数字都是单项陈述：第62段给出 {v['n']} 年的下降，"
                "没有序列，因此无法检验趋势。")
    return (f"**What the reproduction finds.** As printed, the employees of the bankrupt firms are "
            f"{v['times']} times Liaoning's whole resident population (external bound, end "
            f"{v['year']}), so the units cannot be right; read one unit step down (亿 as 万, 万 as "
            f"persons) they are {v['share']} % of it, {v['per_firm']} per firm, and the two "
            "printed numbers agree with each other either way (computed over printed: "
            f"{v['ratio']}). Dandong's throughput grew {v['cagr']} % a year in "
            f"{v['first']}-{v['last']}, but the printed rounding of its two levels allows "
            f"anything from {v['lo']} % to {v['hi']} %. The population figures are single "
            f"statements: a fall stated for {v['n']} years (para 62) and no series, so no trend "
            "can be tested.")


def headline(lang: str, fact: FactGetter = data.fact) -> str:
    """The sections' findings in two Markdown bullets, for the article's opening."""
    p = bankruptcy_plausibility(fact)
    r = bankruptcy_readings(fact)
    d = dandong_cagr()
    times = f"{p.loc['as_printed', 'employees_over_population']:.1f}"
    share = f"{p.loc['units_one_step_down', 'employees_over_population'] * 100:.2f}"
    per_firm = f"{r.loc['units_one_step_down', 'employees_per_firm']:.0f}"
    if lang == "zh":
        return (f"- **国有企业（第56段）：** “涉及职工3.15亿人”是辽宁常住人口的 {times} 倍，"
                f"单位必有错误；单位各降一级则为常住人口的 {share} %，"
                f"每家企业 {per_firm} 人。\n"
                f"- **丹东港（第59段）：** 吞吐量年均增长 {d['cagr_pct']:.1f} %，但印刷舍入允许 "
                f"{d['cagr_low_pct']:.1f} % 至 {d['cagr_high_pct']:.1f} %。")
    return (f"- **State-owned enterprises (para 56):** \"涉及职工3.15亿人\" is {times} times "
            f"Liaoning's resident population, so its units are wrong; read one unit step down "
            f"they are {share} % of it and {per_firm} per firm.\n"
            f"- **Dandong port (para 59):** throughput grew {d['cagr_pct']:.1f} % a year, but the "
            f"printed rounding allows {d['cagr_low_pct']:.1f} % to {d['cagr_high_pct']:.1f} %.")
