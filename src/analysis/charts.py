"""Section figures that need more than `plotting.line_chart` / `bar_chart`.

Presentation only: each function takes what a section module computed and draws it in the house
style (`analysis.plotting`), with every label from `analysis.labels`, so the analysis modules
stay free of matplotlib and the notebooks stay short.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis import capacity_utilisation, data, plotting, soe_ports_population
from analysis.data import FactGetter
from analysis.labels import t, unit_label

UNDATED_GAP = 0.25  # years between the last period and the column of undated statements
UNDATED_WIDTH = 0.5  # width of that column, in years


def capacity_chart(lang: str, fact: FactGetter = data.fact) -> tuple[Figure, Axes]:
    """Para 50 against China's external series on a time axis where periods are intervals.

    Each external value is a horizontal segment over its period (Q1-Q3, a quarter, a year);
    derived values (computed by the provider from a year-on-year change) are dashed with
    hollow markers, published ones solid. The report's statements carry no date, so Liaoning's
    70-75 % and the national 78 % stand in a column of their own to the right, labelled undated;
    the 80-85 % called reasonable is a norm and spans the whole axis.
    """
    s = capacity_utilisation.stated(fact)
    nat = capacity_utilisation.national_by_period(fact)
    spans = [capacity_utilisation.period_span(p) for p in nat.index]
    lp, rp = ("（", "）") if lang == "zh" else (" (", ")")
    fig, ax = plotting.new_figure(f"{t('capacity_utilisation', lang)}{lp}{t('sec_3d', lang)}{rp}")
    ax.axhspan(s["reasonable"].lo, s["reasonable"].hi, color=plotting.PALETTE[2], alpha=0.18,
               linewidth=0, label=t("capacity_reasonable_band", lang))
    shown: set[bool] = set()
    for (start, end), (period, row) in zip(spans, nat.iterrows(), strict=True):
        derived = str(row["derived"]).lower() in ("yes", "true", "1")
        key = "capacity_national_derived" if derived else "capacity_national_published"
        style = {"linestyle": (0, (2, 1.5)) if derived else "-", "linewidth": 2.5,
                 "color": plotting.EXTERNAL_COLOUR if derived else plotting.PALETTE[0]}
        y = row["china_external"]
        ax.plot([start, end], [y, y], label=None if derived in shown else t(key, lang), **style)
        ax.plot([(start + end) / 2], [y], marker="o", markersize=5, linestyle="none",
                color=style["color"], markerfacecolor="white" if derived else style["color"])
        above = end - start == 1.0 or start % 1 == 0.75  # years and Q4 above, Q1, Q1-Q3 below
        ax.annotate(str(period), ((start + end) / 2, y), xytext=(0, 4 if above else -4),
                    textcoords="offset points", ha="center", va="bottom" if above else "top",
                    fontsize=7.5, color="#444444")
        shown.add(derived)
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    x0 = last + UNDATED_GAP
    x1 = x0 + UNDATED_WIDTH
    ax.fill_between([x0, x1], s["liaoning"].lo, s["liaoning"].hi, color=plotting.PALETTE[3],
                    alpha=0.35, linewidth=0, label=t("capacity_liaoning_range", lang))
    ax.plot([x0, x1], [s["national"].lo] * 2, color="black", linewidth=2,
            label=t("capacity_national_report", lang))
    ax.axvline(last + UNDATED_GAP / 2, color="#999999", linewidth=0.8, linestyle=":")
    years = range(int(first), int(last))
    ticks = [y + 0.5 for y in years] + [(x0 + x1) / 2]
    ax.set_xticks(ticks, [str(y) for y in years] + [t("undated", lang)])
    ax.set_xticks([float(y) for y in range(int(first), int(last) + 1)], minor=True)
    ax.grid(axis="x", which="major", visible=False)
    ax.grid(axis="x", which="minor", visible=True)
    ax.tick_params(axis="x", which="minor", length=6)
    ax.set_xlim(first - 0.1, x1 + 0.1)
    ax.set_ylim(min(s["liaoning"].lo, nat["china_external"].min()) - 3, s["reasonable"].hi + 3)
    ax.set_ylabel(unit_label("percent", lang))
    ax.legend(loc="upper left", fontsize=8, ncols=2)
    plotting.add_source(fig, plotting.figure_source(
        lang, ["china_capacity_utilisation"],
        list(dict.fromkeys(i for pair in capacity_utilisation.FACTS.values() for i in pair))))
    plotting.set_years(fig, int(first), int(last) - 1)
    return fig, ax


def population_chart(pop: pd.DataFrame, units: dict[str, str], lang: str,
                     fact_ids: list[str]) -> tuple[Figure, list[Axes]]:
    """One small panel per indicator: Liaoning beside the national value the text states or
    implies (the notebook's table says which).

    ``pop`` is `soe_ports_population.population_derived()` (rows: indicators; columns
    'liaoning', 'national'); ``units`` gives each row's unit as the data spell it.
    """
    fig, axes = plotting.new_figure(t("sec_3g", lang), ncols=len(pop), figsize=(11, 4))
    for ax, (key, row) in zip(axes, pop.iterrows(), strict=True):
        bars = ax.bar([t("liaoning", lang), t("china", lang)],
                      [row["liaoning"], row["national"]],
                      color=[plotting.PALETTE[0], plotting.PALETTE[1]])
        ax.bar_label(bars, fmt="%g", fontsize=8.5)  # no decimals the text did not print
        ax.grid(axis="x", visible=False)
        ax.set_title(t(str(key), lang), loc="left", fontsize=11)
        ax.set_ylabel(unit_label(units[str(key)], lang))
    plotting.add_source(fig, plotting.figure_source(lang, fact_ids=fact_ids))
    return fig, list(axes)


def dandong_chart(levels: pd.Series, growth: pd.Series, halfwidths: list[float], lang: str
                  ) -> tuple[Figure, Axes]:
    """Dandong port's two printed throughput levels with the range each printed figure stands
    for (error bars) and, in the title, the CAGR and the range its rounding allows.

    ``levels`` is `soe_ports_population.dandong_levels()`, ``growth`` its `dandong_cagr()`,
    ``halfwidths`` half a unit of each level's last printed digit.
    """
    title = (f"{t('dandong_throughput', lang)}: {t('cagr', lang)} {growth['cagr_pct']:.1f} % "
             f"({t('rounding_range', lang)} {growth['cagr_low_pct']:.1f}-"
             f"{growth['cagr_high_pct']:.1f})")
    fig, ax = plotting.bar_chart(levels, lang=lang, title=title,
                                 unit=t("unit_100m_tonnes", lang),
                                 source=plotting.figure_source(lang, fact_ids=list(
                                     soe_ports_population.DANDONG.values())))
    ax.bar_label(ax.containers[0], fmt="%g", label_type="center", color="white")  # as printed
    ax.errorbar(range(len(levels)), levels, yerr=halfwidths, fmt="none", color="black",
                capsize=6)
    return fig, ax
