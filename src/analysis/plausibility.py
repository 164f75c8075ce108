"""The one plausibility rule for Liaoning's FDI figures: the claims audit and notebook 04 call it.

Why: the FDI table's levels before 2015 look far too large beside China's FDI, but there is no
hard bound to hold them against (a province's FDI has no physical ceiling), only a rule of thumb.
One function decides and one function words the verdict, so the audit's register and notebook
04 say the same thing.

The measure is Liaoning's FDI intensity: its share of China's FDI (MOFCOM concept, "actually
utilised", EXTERNAL) over its share of China's GDP (both GDPs as published, EXTERNAL); 1 means
as FDI-intensive as China as a whole. The denominator is national FDI, while the provinces' own
FDI figures are known to add up to more than the national total: every province's share is
overstated on this denominator, and a ratio somewhat above 1 is ordinary. Above
`FDI_INTENSITY_RULE_OF_THUMB` (4) the audit calls a year `doubtful` (outside a rule of thumb),
never `implausible` (reserved for the physically impossible); at or below it the year is
`not_contradicted` (it passes a bound, which confirms nothing).
"""

from __future__ import annotations

from typing import TypeVar

import pandas as pd

from analysis import data, series
from analysis.growth import ratio_pct

__all__ = [
    "FDI_INTENSITY_RULE_OF_THUMB",
    "FDI_RULE_TEXT",
    "fdi_ceiling",
    "fdi_intensity_ratio",
    "fdi_plausibility_table",
    "fdi_plausibility_words",
    "fdi_verdict",
]

# Liaoning's share of China's FDI at most this multiple of its share of China's GDP. Why 4 and
# not 2: the national denominator understates the sum of the provinces' own figures, so ratios
# of 2-3 occur for ordinary FDI destinations on it; 4 flags only what that cannot explain.
FDI_INTENSITY_RULE_OF_THUMB = 4.0

WITHIN, DOUBTFUL = "not_contradicted", "doubtful"

FDI_RULE_TEXT = {
    "en": ("Rule of thumb, not a hard bound: a year is doubtful when Liaoning's share of China's "
           f"FDI is more than {FDI_INTENSITY_RULE_OF_THUMB:g} times its share of China's GDP. "
           "The denominator is national FDI as MOFCOM counts it (external); the provinces' own "
           "FDI figures are known to add up to more than that total, so every province's share "
           "is overstated on it and a ratio somewhat above 1 is ordinary."),
    "zh": ("经验法则，而非硬性界限：若辽宁占全国外商直接投资的比重超过其占全国GDP比重的"
           f"{FDI_INTENSITY_RULE_OF_THUMB:g}倍，该年即视为存疑。分母为商务部口径的全国外商直接"
           "投资（外部数据）；各省自报的外商直接投资合计已知超过全国总数，因此按此分母各省比重"
           "均被高估，比值略高于1属于正常。"),
}

_VERDICT_WORDS = {
    "en": {DOUBTFUL: "doubtful", WITHIN: "within the rule of thumb"},
    "zh": {DOUBTFUL: "存疑", WITHIN: "在经验法则之内"},
}

Number = TypeVar("Number")


def fdi_intensity_ratio(fdi: Number, china_fdi: Number, gdp: Number, china_gdp: Number) -> Number:
    """Liaoning's share of China's FDI over its share of China's GDP (1 = nationally average).

    Works on numbers, pandas Series and `analysis.rounding.Interval`s alike.
    """
    return (fdi / china_fdi) / (gdp / china_gdp)  # type: ignore[operator]


def fdi_ceiling(china_fdi: Number, gdp: Number, china_gdp: Number) -> Number:
    """Largest Liaoning FDI the rule of thumb accepts: the rule's multiple of its GDP share of
    China's FDI (same units as china_fdi)."""
    return china_fdi * gdp / china_gdp * FDI_INTENSITY_RULE_OF_THUMB  # type: ignore[operator]


def fdi_verdict(ratio: float) -> str:
    """'doubtful' above the rule of thumb, else 'not_contradicted' (the audit's verdict names)."""
    return DOUBTFUL if ratio > FDI_INTENSITY_RULE_OF_THUMB else WITHIN


def _series(name: str) -> pd.Series:
    return data.load(name)["value"].astype(float)


def measured_alike(fdi: pd.Series, gdp: pd.Series) -> list[int]:
    """Years whose FDI is measured like Liaoning's GDP as published: the FDI table's 2015 value
    is after Liaoning's correction while the GDP of 2015 is not, so that year's ratio would mix
    the two sides of the correction (it is left out, never judged)."""
    fdi_vintage, gdp_vintage = series.vintage_of(fdi), series.vintage_of(gdp)
    years = [int(y) for y in fdi.index.intersection(gdp.index)]
    if fdi_vintage is None or gdp_vintage is None:
        return years
    return [y for y in years if fdi_vintage.label(y) == gdp_vintage.label(y)]


def fdi_plausibility_table(fdi: pd.Series) -> pd.DataFrame:
    """By year: Liaoning's FDI, China's (MOFCOM, external), the share, Liaoning's share of China's
    GDP (as published, external), their ratio and the verdict under the rule of thumb; only the
    years measured alike (`measured_alike`)."""
    china, gdp = _series("china_fdi"), _series("liaoning_gdp_as_published")
    years = [y for y in measured_alike(fdi, gdp) if y in china.index]
    out = pd.DataFrame({"liaoning": fdi.loc[years].astype(float), "china": china.loc[years]})
    out["share_pct"] = ratio_pct(out["liaoning"], out["china"])
    out["gdp_share_pct"] = ratio_pct(gdp.loc[years], _series("china_gdp_as_published").loc[years])
    out["ratio"] = out["share_pct"] / out["gdp_share_pct"]
    out["verdict"] = [fdi_verdict(r) for r in out["ratio"]]
    out.index.name = "year"
    return out


def fdi_plausibility_words(table: pd.DataFrame, lang: str = "en") -> str:
    """The verdict of every year in one sentence, with the ratios, in English or Chinese.

    E.g. "doubtful in 2010-2014 (4.4-5.4 times the GDP share); within the rule of thumb in
    2006-2009, 2015 (1.0-3.9 times)". Notebook 04 and the audit print this sentence.
    """
    parts = []
    for verdict in (DOUBTFUL, WITHIN):
        rows = table[table["verdict"] == verdict]
        if rows.empty:
            continue
        lo, hi = rows["ratio"].min(), rows["ratio"].max()
        span = f"{lo:.1f}" if round(lo, 1) == round(hi, 1) else f"{lo:.1f}-{hi:.1f}"
        years = series.year_runs(rows.index)
        years = years.replace(", ", "、") if lang == "zh" else years
        words = _VERDICT_WORDS[lang][verdict]
        parts.append(f"{years}年{words}（为GDP比重的{span}倍）" if lang == "zh"
                     else f"{words} in {years} ({span} times the GDP share)")
    return ("；" if lang == "zh" else "; ").join(parts)
