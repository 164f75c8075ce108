"""Section III.D (paras 49-52): Liaoning's capacity utilisation against China's and a norm.

The report gives three statements without a year: Liaoning 70-75 %, China 78 %, and 80-85 %
called reasonable. Gaps are computed as intervals (``analysis.rounding.Interval``), both for the
ranges as stated and widened by the rounding of each printed integer (± 0.5). China's series is
external (NBS, 2016-2017) and shows how much the national figure moves with the period chosen.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import data
from analysis.data import FactGetter
from analysis.rounding import Interval

FACTS = {
    "liaoning": ("capacity_utilisation_low", "capacity_utilisation_high"),
    "national": ("capacity_utilisation_national", "capacity_utilisation_national"),
    "reasonable": ("capacity_reasonable_low", "capacity_reasonable_high"),
}


def stated(fact: FactGetter = data.fact, rounding: bool = False) -> dict[str, Interval]:
    """The three statements of para 50 as intervals (percent); ``rounding`` widens by ± 0.5."""
    out = {}
    for key, (lo_id, hi_id) in FACTS.items():
        lo, hi = fact(lo_id), fact(hi_id)
        out[key] = Interval(lo - 0.5, hi + 0.5) if rounding else Interval(lo, hi)
    return out


def gap_table(fact: FactGetter = data.fact) -> pd.DataFrame:
    """Gaps in percentage points (low, high), as stated and with the printed rounding.

    Rows: China minus Liaoning; the lower bound of the reasonable band minus Liaoning; the same
    minus China. Interval arithmetic: a gap's low end pairs the smallest minuend with the
    largest subtrahend.
    """
    rows: dict[str, dict[str, float]] = {}
    for label, rounding in (("as_stated", False), ("with_rounding", True)):
        s = stated(fact, rounding)
        band_low = Interval(s["reasonable"].lo, s["reasonable"].lo + (1.0 if rounding else 0.0))
        gaps = {
            "national_minus_liaoning": s["national"] - s["liaoning"],
            "reasonable_low_minus_liaoning": band_low - s["liaoning"],
            "reasonable_low_minus_national": band_low - s["national"],
        }
        for name, iv in gaps.items():
            rows.setdefault(name, {})[f"{label}_low"] = iv.lo
            rows[name][f"{label}_high"] = iv.hi
    return pd.DataFrame(rows).T


_QUARTER = re.compile(r"(\d{4})Q([1-4])(?:-Q([1-4]))?")


def period_span(period: str) -> tuple[float, float]:
    """A period as a time interval in fractional years: '2016' -> (2016, 2017),
    '2017Q4' -> (2017.75, 2018), '2016Q1-Q3' -> (2016, 2016.75)."""
    text = str(period).strip()
    if text.isdigit() and len(text) == 4:
        return float(text), float(text) + 1.0
    m = _QUARTER.fullmatch(text)
    if not m:
        raise ValueError(f"period {period!r}: expected YYYY, YYYYQn or YYYYQn-Qm")
    year, first = int(m.group(1)), int(m.group(2))
    last = int(m.group(3) or first)
    if last < first:
        raise ValueError(f"period {period!r}: quarters run backwards")
    return year + (first - 1) / 4, year + last / 4


def national_by_period(fact: FactGetter = data.fact) -> pd.DataFrame:
    """External China series by period, with its gap to Liaoning's stated range (points)."""
    ext = data.load("china_capacity_utilisation")
    s = stated(fact)
    out = pd.DataFrame(
        {
            "china_external": ext["industrial_capacity_utilisation_pct"],
            "derived": ext["derived"],
            "gap_to_liaoning_low": ext["industrial_capacity_utilisation_pct"] - s["liaoning"].hi,
            "gap_to_liaoning_high": ext["industrial_capacity_utilisation_pct"] - s["liaoning"].lo,
        }
    )
    out["matches_report_national"] = out["china_external"] == s["national"].lo
    out["inside_liaoning_range"] = out["china_external"].between(s["liaoning"].lo, s["liaoning"].hi)
    return out


def findings(lang: str, fact: FactGetter = data.fact) -> str:
    """What the reproduction finds about para 50, in Markdown, in the label language."""
    g = gap_table(fact).loc["national_minus_liaoning"]
    s = stated(fact)
    nat = national_by_period(fact)
    years = sorted({str(p)[:4] for p in nat.index})
    equal = list(nat.index[nat["matches_report_national"]])
    inside = list(nat.index[nat["inside_liaoning_range"]])
    v = {"national": f"{s['national'].lo:.0f}", "lo": f"{g['as_stated_low']:.0f}",
         "hi": f"{g['as_stated_high']:.0f}", "rlo": f"{g['with_rounding_low']:.0f}",
         "rhi": f"{g['with_rounding_high']:.0f}", "min": f"{nat['china_external'].min():.1f}",
         "max": f"{nat['china_external'].max():.1f}", "n": len(nat), "first": years[0],
         "last": years[-1]}
    if lang == "zh":
        return (f"**复核结果。** 按原文，全国的 {v['national']} % 比辽宁的区间高 "
                f"{v['lo']}-{v['hi']} 个百分点（若每个印刷整数代表 ± 0.5，则为 "
                f"{v['rlo']}-{v['rhi']} 个百分点）。差距取决于报告未注明的时期："
                f"全国序列（外部数据，部分数值为推算）在 {v['first']}-{v['last']} 年的 "
                f"{v['n']} 个时期中介于 {v['min']} % 至 {v['max']} % 之间，仅在 "
                f"{'、'.join(equal)} 与报告的全国数值相同，而在 {'、'.join(inside)} "
                "落在辽宁的区间之内，此时并无差距。辽宁只有一个未注明年份的区间，"
                "无法据此判断趋势。")
    return (f"**What the reproduction finds.** Taken as stated, China's {v['national']} % lies "
            f"{v['lo']}-{v['hi']} percentage points above Liaoning's range ({v['rlo']}-{v['rhi']} "
            "if each printed integer stands for ± 0.5). The gap depends on a period the report "
            f"does not name: China's series (external; some values derived) runs from "
            f"{v['min']} % to {v['max']} % over its {v['n']} periods in {v['first']}-{v['last']}, "
            f"equals the report's national figure only in {', '.join(equal)}, and lies inside "
            f"Liaoning's range in {', '.join(inside)}, where there would be no gap at all. One "
            "undated range for Liaoning supports no trend.")


def headline(lang: str, fact: FactGetter = data.fact) -> str:
    """The section's finding in one Markdown bullet, for the article's opening."""
    g = gap_table(fact).loc["national_minus_liaoning"]
    nat = national_by_period(fact)
    inside = list(nat.index[nat["inside_liaoning_range"]])
    if lang == "zh":
        return (f"- **产能利用率（第50段）：** 若三项陈述指同一时期，辽宁的 70-75 % 比全国低 "
                f"{g['as_stated_low']:.0f}-{g['as_stated_high']:.0f} 个百分点；但报告未注明时期，"
                f"而全国在 {'、'.join(inside)} 的数值就落在辽宁的区间之内。")
    return (f"- **Capacity utilisation (para 50):** if the three statements refer to one period, "
            f"Liaoning's 70-75 % is {g['as_stated_low']:.0f}-{g['as_stated_high']:.0f} points "
            f"below China's; the report names no period, and China's own value in "
            f"{', '.join(inside)} lies inside Liaoning's range.")
