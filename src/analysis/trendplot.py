"""Figure of a series against its fitted trend with confidence and prediction bands (house style).

Why: the trade and FDI notebooks both show "actual vs the pre-break trend"; one function keeps the
two figures identical in form. Uses ``analysis.plotting`` for the style and the source line.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.labels import t
from analysis.plotting import PALETTE, add_source, new_figure
from analysis.tables import label
from analysis.trend import LinearTrend, LogLinearTrend, predict_with_intervals

__all__ = ["trend_chart", "residual_chart", "year_ticks"]

_LABEL_INCHES = 0.45  # room one year label ("2006") needs at the house tick size


def year_ticks(ax: Axes, years: list[int]) -> None:
    """A tick at every year, labelled every year if the axes are wide enough, else every
    second or third year (so labels never run together: "20062007..." in a narrow panel)."""
    fig = ax.figure
    inches = ax.get_position().width * fig.get_figwidth()
    step = 1
    while len(years) / step * _LABEL_INCHES > inches and step < len(years):
        step += 1
    labels = [str(y) if (y - years[0]) % step == 0 else "" for y in years]
    ax.set_xticks(years, labels)


def trend_chart(
    actual: pd.Series,
    fit: LogLinearTrend | LinearTrend,
    *,
    lang: str,
    title: str,
    unit: str,
    source: str,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Actual values, the fitted trend over all years, its 95% CI and PI; fit window shaded."""
    years = sorted(int(y) for y in actual.dropna().index)
    pred = predict_with_intervals(fit, years)
    if ax is None:
        fig, ax = new_figure(title)
    else:
        fig = ax.figure  # type: ignore[assignment]
        ax.set_title(title, loc="left")
    ax.axvspan(fit.start - 0.5, fit.end + 0.5, color="#f0f0f0", zorder=0, linewidth=0)
    ax.fill_between(pred.index, pred["pi_lower"], pred["pi_upper"], color=PALETTE[5], alpha=0.25,
                    linewidth=0, label=label("prediction_interval", lang))
    ax.fill_between(pred.index, pred["ci_lower"], pred["ci_upper"], color=PALETTE[5], alpha=0.45,
                    linewidth=0, label=label("confidence_interval", lang))
    ax.plot(pred.index, pred["predicted"], color=PALETTE[0], linestyle="--",
            label=label("trend_prediction", lang, start=fit.start, end=fit.end))
    ax.plot(years, actual.loc[years].to_numpy(), color="black", marker="o",
            label=label("actual", lang))
    ax.text(fit.start - 0.4, 0.98, label("fit_window", lang), transform=ax.get_xaxis_transform(),
            ha="left", va="top", fontsize=8.5, color="#444444")
    ax.set_ylabel(unit)
    ax.set_xlabel(label("year", lang))
    year_ticks(ax, years)
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.92))
    add_source(fig, source)
    return fig, ax


def residual_chart(
    resid: pd.DataFrame, dw: dict[str, float], *, lang: str, title: str, source: str
) -> tuple[Figure, Axes]:
    """Residuals of log trends by year (log points), one line per series, Durbin-Watson in the
    legend: signs running in long blocks show the errors are not independent."""
    fig, ax = new_figure(title)
    for i, c in enumerate(resid.columns):
        ax.plot(resid.index, resid[c].to_numpy(), marker="o", color=PALETTE[i % len(PALETTE)],
                label=f"{label(c, lang)} (DW {dw[c]:.2f})")
    ax.axhline(0, color="#444444", linewidth=0.8)
    ax.set_ylabel(t("residual_log_points", lang))
    ax.set_xlabel(label("year", lang))
    year_ticks(ax, [int(y) for y in resid.index])
    ax.legend(loc="best")
    add_source(fig, source)
    return fig, ax
