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
