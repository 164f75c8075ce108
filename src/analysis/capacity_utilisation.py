"""Section III.D (paras 49-52): Liaoning's capacity utilisation against China's and a norm.

The report gives three statements without a year: Liaoning 70-75 %, China 78 %, and 80-85 %
called reasonable. Gaps are computed as intervals (``analysis.rounding.Interval``), both for the
ranges as stated and widened by the rounding of each printed integer (± 0.5). China's series is
external (NBS, 2016-2017) and shows how much the national figure moves with the period chosen.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis import data
from analysis.rounding import Interval

FactGetter = Callable[[str], float]

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


def capacity_chart(lang: str, fact: FactGetter = data.fact):  # -> tuple[Figure, Axes]
    """Chart: reasonable band and Liaoning's range (para 50), China's 78 % and external series."""
    from analysis import plotting
    from analysis.labels import t

    s = stated(fact)
    nat = national_by_period(fact)
    fig, ax = plotting.new_figure(f"{t('capacity_utilisation', lang)} ({t('sec_3d', lang)})")
    x = list(range(len(nat)))
    ax.axhspan(s["reasonable"].lo, s["reasonable"].hi, color=plotting.PALETTE[2], alpha=0.2,
               label=t("capacity_reasonable_band", lang))
    ax.axhspan(s["liaoning"].lo, s["liaoning"].hi, color=plotting.PALETTE[3], alpha=0.25,
               label=t("capacity_liaoning_range", lang))
    ax.axhline(s["national"].lo, color=plotting.PALETTE[0], linewidth=2,
               label=t("capacity_national_report", lang))
    plotting.mark_external(ax, x, nat["china_external"], label=t("capacity_national_external",
                           lang).split("（")[0].split(" (")[0], lang=lang, linestyle="none")
    ax.set_xticks(x, [str(p) for p in nat.index], rotation=30)
    ax.set_ylim(min(s["liaoning"].lo, nat["china_external"].min()) - 3, s["reasonable"].hi + 3)
    ax.set_ylabel(t("unit_percent", lang))
    ax.set_xlabel("")
    ax.legend(loc="lower right", fontsize=8.5)
    plotting.add_source(fig, plotting.figure_source(
        lang, ["china_capacity_utilisation"], [i for pair in FACTS.values() for i in pair]))
    return fig, ax
