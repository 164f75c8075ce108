"""Section III.B.2 (notebook 04): Liaoning's FDI, the 2015 series break, sectors and sources.

Why: the FDI table's 2015 value is a different measurement from the years before it (paragraph
10's "下降34.4%" implies a 2014 base near 79亿美元, not the table's 274.23). These helpers keep
the like-for-like fall apart from the level shift, and draw Figure 5 and the trend with the
break marked; the sector and source arithmetic of paragraphs 10-11, 43-44 and 47-48 is here too.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis import data
from analysis.labels import t
from analysis.plotting import PALETTE, add_source, bar_chart, figure_source, new_figure
from analysis.rounding import Interval
from analysis.speccurve import spec_curve
from analysis.tables import label, unit_label
from analysis.trend import LogLinearTrend
from analysis.trendplot import trend_chart, year_ticks

__all__ = [
    "growth_multiple",
    "to_unit",
    "shares_of",
    "level_before_change",
    "amount_from_share",
    "remainder",
    "with_other",
    "like_for_like",
    "fig5_chart",
    "fdi_trend_chart",
    "share_of_china_chart",
    "sector_chart",
    "SECTOR_FACTS_2015",
    "SECTOR_FACTS_2014",
    "sector_fact_ids",
    "sector_shares",
    "city_fdi",
    "sector_total_2015",
    "specification_chart",
]

USD = "100 million USD"

# Size of each money unit the report uses, in units of its currency (万 = 1e4, 亿 = 1e8).
_MONEY_UNITS = {
    "10 thousand USD": ("USD", 1e4),
    "100 million USD": ("USD", 1e8),
    "10 thousand yuan": ("yuan", 1e4),
    "100 million yuan": ("yuan", 1e8),
    "billion yuan": ("yuan", 1e9),
}


def growth_multiple(first: float, last: float) -> dict[str, float]:
    """How many times ``last`` is ``first`` (ratio) and how many times it grew (ratio - 1)."""
    if first <= 0:
        raise ValueError(f"growth_multiple: first value must be positive, got {first}")
    return {"ratio": last / first, "increase": last / first - 1.0}


def to_unit(value: float, unit: str, target: str) -> float:
    """Convert a money amount between the report's units (e.g. 7000 '10 thousand USD' -> 0.7
    '100 million USD'); refuses to mix currencies."""
    for u in (unit, target):
        if u not in _MONEY_UNITS:
            raise ValueError(f"unknown money unit {u!r}; known: {sorted(_MONEY_UNITS)}")
    (cur_from, size_from), (cur_to, size_to) = _MONEY_UNITS[unit], _MONEY_UNITS[target]
    if cur_from != cur_to:
        raise ValueError(f"cannot convert {unit!r} to {target!r} without an exchange rate")
    return value * size_from / size_to


def shares_of(values: pd.Series, total: float | None = None) -> pd.Series:
    """Each value as percent of ``total`` (default: their sum), e.g. FDI by sector."""
    whole = float(values.sum()) if total is None else float(total)
    if whole == 0:
        raise ValueError("shares_of: total is zero")
    return values.astype(float) / whole * 100.0


def level_before_change(level: float, change_pct: float) -> float:
    """Previous level implied by a level and its percent change (level / (1 + change/100))."""
    if change_pct <= -100:
        raise ValueError(f"level_before_change: change of {change_pct} % cannot be reversed")
    return level / (1.0 + change_pct / 100.0)


def amount_from_share(whole: float, share_pct: float) -> float:
    """The part a stated percent share of ``whole`` stands for (whole * share / 100)."""
    return whole * share_pct / 100.0


def remainder(parts: Iterable[Interval | float], total: float = 100.0) -> Interval:
    """What is left of ``total`` (default 100 %) after parts given as numbers or ranges."""
    rest = Interval.exact(total)
    for p in parts:
        rest = rest - p
    return rest


def with_other(parts: pd.Series, total: float = 100.0, name: str = "other") -> pd.Series:
    """Parts of a whole (that do not overlap) plus the remainder ``total - sum(parts)``."""
    rest = total - float(parts.sum())
    if rest < -1e-9:
        raise ValueError(f"parts sum to {parts.sum():g}, more than the total {total:g}")
    return pd.concat([parts, pd.Series({name: rest})])


def like_for_like(fdi: pd.Series, level_text: float, change_text_pct: float,
                  china: pd.Series) -> pd.DataFrame:
    """The last year's fall measured two ways, beside China's change (external) that year.

    Rows: "table" (the table's last two years, two measurements), "para10" (paragraph 10's
    level and stated change: the like-for-like fall, on the assumption that its implied base,
    level / (1 + change), not printed, is measured like its level), "china_mofcom" (external).
    Columns: previous level, level, change in percent.
    """
    last = int(fdi.index.max())
    prev = last - 1
    base = level_before_change(level_text, change_text_pct)
    rows = {
        "table": (float(fdi.loc[prev]), float(fdi.loc[last])),
        "para10": (base, level_text),
        "china_mofcom": (float(china.loc[prev]), float(china.loc[last])),
    }
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["previous", "level"])
    out["change_pct"] = 100.0 * (out["level"] / out["previous"] - 1.0)
    return out


def fig5_chart(fdi: pd.DataFrame, *, lang: str) -> tuple[Figure, Axes]:
    """Figure 5 redrawn: FDI bars (left), dependency line (right), the last year's break marked.

    The dependency line is drawn over the bars but under their boxed value labels (so 51.85 is
    not overprinted) and is not joined across the break; both axes start at zero.
    """
    fig, ax = bar_chart(fdi[["fdi"]], lang=lang, title=t("fig5", lang),
                        unit=f"{label('fdi', lang)} ({unit_label(USD, lang)})",
                        source=figure_source(lang, ["table_fdi"]), annotate=None)
    x = list(range(len(fdi)))
    ax.set_ylim(0, float(fdi["fdi"].max()) * 1.45)
    ax2 = ax.twinx()
    dep = fdi["fdi_dependency"].to_numpy()
    ax2.plot(x[:-1], dep[:-1], color=PALETTE[3], marker="o", zorder=2,
             label=label("fdi_dependency", lang))
    ax2.plot(x[-1:], dep[-1:], color=PALETTE[3], marker="o", zorder=2)  # not joined: new measure
    ax2.set_ylabel(f"{label('fdi_dependency', lang)} ({unit_label('percent', lang)})")
    ax2.set_ylim(0, float(fdi["fdi_dependency"].max()) * 2.2)  # line in the upper half
    ax2.grid(False)
    ax2.spines["right"].set_visible(True)
    # constrained layout leaves the twin axis's label flush with the edge: a little margin so
    # that rounding in the saved figure cannot push it off the canvas
    fig.get_layout_engine().set(w_pad=6 / 72)
    # value labels drawn on the top axes, boxed, so the dependency line never covers them
    for i, v in zip(x, fdi["fdi"], strict=True):
        ax2.annotate(f"{v:.2f}", (i, v), xycoords=ax.transData, xytext=(0, 3),
                     textcoords="offset points", ha="center", va="bottom", fontsize=8.5,
                     zorder=5, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    n = len(fdi)
    ax.axvline(n - 1.5, color="#444444", linestyle=":", linewidth=1.2)
    ax.text(n - 1.55, 0.97, t("series_break", lang), transform=ax.get_xaxis_transform(),
            ha="right", va="top", fontsize=8.5, color="#444444")
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], loc="upper left")
    return fig, ax


def fdi_trend_chart(fdi: pd.Series, fit: LogLinearTrend, through: int, *,
                    lang: str) -> tuple[Figure, Axes]:
    """FDI against its trend through ``through``; later years drawn apart as a new measurement."""
    fig, ax = trend_chart(fdi.loc[:through], fit, lang=lang,
                          title=t("fdi_trend_title", lang, start=fit.start, end=fit.end),
                          unit=unit_label(USD, lang), source=figure_source(lang, ["table_fdi"]))
    after = fdi.loc[through + 1:]
    if len(after):
        ax.plot(after.index, after.to_numpy(), linestyle="none", marker="X", markersize=9,
                color=PALETTE[3], label=t("after_series_break", lang))
        ax.axvline(through + 0.5, color="#444444", linestyle=":", linewidth=1.2)
        year_ticks(ax, [int(y) for y in fdi.dropna().index])
        ax.set_xlim(fit.start - 0.6, int(after.index.max()) + 0.6)
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.92))
    return fig, ax


def share_of_china_chart(share: pd.DataFrame, through: int, *,
                         lang: str) -> tuple[Figure, Axes]:
    """Liaoning's share of China's FDI against its share of China's GDP, by year; the years
    after ``through`` (a new measurement) drawn apart, not joined to the earlier line."""
    fig, ax = new_figure(t("fdi_share_of_china_title", lang))
    before, after = share.loc[:through], share.loc[through + 1:]
    ax.plot(before.index, before["share_pct"], marker="o", color=PALETTE[0],
            label=t("fdi_share_of_china", lang))
    ax.plot(after.index, after["share_pct"], linestyle="none", marker="X", markersize=9,
            color=PALETTE[3], label=t("after_series_break", lang), zorder=5)
    ax.plot(share.index, share["gdp_share_pct"], marker="s", color="#7f7f7f", linestyle="--",
            markerfacecolor="white", label=t("gdp_share_of_china", lang))
    if len(after):
        ax.axvline(through + 0.5, color="#444444", linestyle=":", linewidth=1.2)
    ax.set_ylabel(unit_label("percent", lang))
    ax.set_xlabel(label("year", lang))
    year_ticks(ax, [int(y) for y in share.index])
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left")
    add_source(fig, figure_source(lang, ["table_fdi", "china_fdi", "liaoning_gdp_as_published",
                                         "china_gdp_as_published"]))
    return fig, ax


def sector_chart(by_sector: pd.DataFrame, fact_ids: list[str], *,
                 lang: str) -> tuple[Figure, Axes]:
    """FDI shares by sector (2014 stated, 2015 computed) side by side."""
    fig, ax = bar_chart(by_sector, lang=lang, title=label("fdi_by_sector", lang),
                        unit=f"{label('share_of_fdi', lang)} ({unit_label('percent', lang)})",
                        source=figure_source(lang, fact_ids=fact_ids), xlabel="", annotate=1)
    ax.set_xticks(range(len(by_sector)), [label(k, lang) for k in by_sector.index],
                  rotation=20, ha="right")
    return fig, ax


# Paragraphs 10-11 (2015 amounts) and 43 (2014 shares): row key -> fact id.
SECTOR_FACTS_2015 = {
    "primary_share": "fdi_primary_2015", "secondary_share": "fdi_secondary_2015",
    "tertiary_share": "fdi_tertiary_2015", "manufacturing": "fdi_manufacturing_2015",
    "real_estate": "fdi_real_estate_2015", "transport": "fdi_transport_2015",
    "it_software": "fdi_it_2015", "leasing_business": "fdi_leasing_2015",
}
SECTOR_FACTS_2014 = {
    "secondary_share": "fdi_share_secondary_2014", "tertiary_share": "fdi_share_tertiary_2014",
    "manufacturing": "fdi_share_manufacturing_2014", "real_estate": "fdi_share_real_estate_2014",
    "transport": "fdi_share_transport_2014", "it_software": "fdi_share_it_2014",
    "leasing_business": "fdi_share_leasing_2014",
}
_SECTORS = ["primary_share", "secondary_share", "tertiary_share"]


def sector_fact_ids() -> list[str]:
    """Every fact id the sector comparison uses (for the fact table and the source line)."""
    return [*SECTOR_FACTS_2015.values(), *SECTOR_FACTS_2014.values(), "fdi_share_agriculture",
            "fdi_share_manufacturing_real_estate"]


def sector_shares() -> pd.DataFrame:
    """FDI shares by sector and industry: 2014 as stated (primary = 100 minus the two stated
    sectors), 2015 computed from the stated amounts over the three sectors' sum; and the 2015
    amounts in 100 million USD. Columns "2014", "2015", "amount_2015"."""
    facts = data.facts()
    amount = pd.Series({k: to_unit(data.fact(v), facts.at[v, "unit"], USD)
                        for k, v in SECTOR_FACTS_2015.items()})
    stated = pd.Series({k: data.fact(v) for k, v in SECTOR_FACTS_2014.items()})
    share_2014 = pd.concat([with_other(stated[_SECTORS[1:]], name=_SECTORS[0]),
                            stated.drop(_SECTORS[1:])])
    out = pd.DataFrame({"2014": share_2014,
                        "2015": shares_of(amount, total=amount[_SECTORS].sum())})
    return out.loc[list(amount.index)].assign(amount_2015=amount)


def city_fdi(fdi_2014: float) -> pd.Series:
    """Paragraph 47: Dalian + Shenyang's stated share applied to the table's 2014 FDI, the
    Dalian FDI implied by the Fuxin-and-Chaoyang sentence, and Shenyang as the difference."""
    two = amount_from_share(fdi_2014, data.fact("dalian_shenyang_fdi_share_2014"))
    dalian = data.fact("fuxin_chaoyang_fdi_2014") / (
        data.fact("fuxin_chaoyang_fdi_share_of_dalian") / 100.0)
    return pd.Series({"dalian_plus_shenyang_fdi_2014": two, "dalian_fdi_implied_2014": dalian,
                      "shenyang_fdi_implied_2014": two - dalian})


def sector_total_2015(by_sector: pd.DataFrame) -> float:
    """Sum of the three sectors' 2015 amounts (to set beside the table's 2015 FDI)."""
    return float(by_sector.loc[_SECTORS, "amount_2015"].sum())


def specification_chart(grid: pd.DataFrame, year: int, *, lang: str) -> tuple[Figure, Axes]:
    """The specification curve of the FDI trend grid (`analysis.fdi_grids.trend_grid`)."""
    return spec_curve(grid, lang=lang, title=t("grid_title_fdi", lang, year=year),
                      unit=t("gap_to_trend_pct", lang),
                      source=figure_source(lang, ["table_fdi", "china_ppi", "china_gdp_deflator",
                                                  "china_cpi", "cny_usd"]),
                      holds_label=t("below_pi", lang), fails_label=t("not_below_pi", lang))
