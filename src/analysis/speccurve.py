"""The specification curve (Simonsohn, Simmons and Nelson 2020) of a specification grid.

Why: a grid's range and k of n say how far a headline moves; the curve shows where. On top,
the headline's estimate under every specification, sorted, each with its interval, coloured by
whether the conclusion holds, the chosen specification highlighted; beneath, a dot matrix marks
the choices behind each estimate (one row per option, grouped by dimension), so a reader sees
which choices move the estimate across the line. Labels: `specgrid.dimension_label` and
`specgrid.option_label`.
"""

from __future__ import annotations

from collections.abc import Hashable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba_array
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.labels import t
from analysis.plotting import PALETTE, add_source
from analysis.specgrid import dimension_label, dimensions_of, option_label

__all__ = ["spec_curve"]

HOLDS_COLOUR = PALETTE[0]
FAILS_COLOUR = "#a0a0a0"
CHOSEN_COLOUR = PALETTE[3]
_ROW_INCHES = 0.2  # height of one option row of the dot matrix
_CURVE_INCHES = 3.0  # height of the curve itself


def spec_curve(frame: pd.DataFrame, *, lang: str, title: str, unit: str, source: str,
               holds_label: str, fails_label: str, reference: float = 0.0
               ) -> tuple[Figure, Axes]:
    """Specification curve of an `analysis.specgrid.evaluate` frame; returns (figure, curve axes).

    ``holds_label`` / ``fails_label`` name the two colours in the legend (what the conclusion
    is); ``reference`` draws the line the conclusion is judged against (0: no gap).
    """
    dims = dimensions_of(frame)
    if frame.empty or not dims:
        raise ValueError("spec_curve needs an evaluated grid with at least one dimension")
    order = frame.sort_values("value", kind="mergesort").reset_index(drop=True)
    x = np.arange(1, len(order) + 1)
    # RGBA once: matplotlib would otherwise parse the colour names again at every draw
    colours = np.where(order["holds"].to_numpy()[:, None], to_rgba_array(HOLDS_COLOUR),
                       to_rgba_array(FAILS_COLOUR))
    options = {d: list(pd.unique(frame[d])) for d in dims}
    rows = sum(1 + len(options[d]) for d in dims)  # a header row per dimension, then options
    fig, (curve, matrix) = plt.subplots(
        2, 1, layout="constrained", figsize=(10.0, _CURVE_INCHES + _ROW_INCHES * rows + 1.0),
        gridspec_kw={"height_ratios": [_CURVE_INCHES, _ROW_INCHES * rows]})
    fig.suptitle(title, x=0.01, ha="left")
    chosen = int(np.flatnonzero(order["chosen"].to_numpy())[0]) + 1
    low, high = order["low"].to_numpy(dtype=float), order["high"].to_numpy(dtype=float)
    finite = np.isfinite(low) & np.isfinite(high)
    curve.vlines(x[finite], low[finite], high[finite], colors=colours[finite], linewidth=0.9,
                 alpha=0.55)
    curve.scatter(x, order["value"], s=12, color=colours, zorder=3)
    curve.scatter([chosen], [order.loc[chosen - 1, "value"]], s=70, marker="D",
                  color=CHOSEN_COLOUR, edgecolors="black", linewidths=0.6, zorder=4)
    curve.axhline(reference, color="#444444", linewidth=0.8)
    curve.set_ylabel(unit)
    handles = [Line2D([], [], linestyle="none", marker="o", color=HOLDS_COLOUR, label=holds_label),
               Line2D([], [], linestyle="none", marker="o", color=FAILS_COLOUR, label=fails_label),
               Line2D([], [], linestyle="none", marker="D", color=CHOSEN_COLOUR,
                      markeredgecolor="black", label=t("chosen_specification", lang))]
    curve.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3,
                 fontsize=8.5, borderaxespad=0.2)
    curve.set_xticks([])
    _dot_matrix(matrix, order, options, colours, lang)
    matrix.set_xlabel(t("specifications_sorted", lang, n=len(order)))
    for ax in (curve, matrix):  # one x scale; ticks on the matrix only
        ax.axvline(chosen, color=CHOSEN_COLOUR, linewidth=1.0, alpha=0.6, zorder=0)
        ax.grid(axis="x", visible=False)
        ax.set_xlim(0.3, len(order) + 0.7)
    add_source(fig, source)
    return fig, curve


def _dot_matrix(ax: Axes, order: pd.DataFrame, options: dict[str, list[Hashable]],
                colours: np.ndarray, lang: str) -> None:
    """The dot matrix: per dimension a header row (its name), then one row per option with a
    mark where a specification takes that option, coloured as on the curve."""
    x = np.arange(1, len(order) + 1)
    size = max(4.0, min(12.0, 600.0 / len(order)))  # marks shrink as specifications grow
    ticks, headers, row = [], [], 0
    xs, ys, cs = [], [], []  # one collection for every mark: one draw call
    for dim, opts in options.items():
        ticks.append(dimension_label(dim, lang))
        headers.append(row)
        if row:
            ax.axhline(row - 0.5, color="#bbbbbb", linewidth=0.6)
        row += 1
        column = order[dim].tolist()
        for option in opts:
            mask = np.array([v == option for v in column])
            xs.append(x[mask])
            ys.append(np.full(int(mask.sum()), row))
            cs.append(colours[mask])
            ticks.append(option_label(dim, option, lang))
            row += 1
    ax.scatter(np.concatenate(xs), np.concatenate(ys), s=size, color=np.concatenate(cs),
               marker="s", linewidths=0)
    ax.set_yticks(range(row), ticks, fontsize=8)
    for i in headers:  # headers darker and larger than their options
        ax.get_yticklabels()[i].set(fontsize=9, color="black")
    ax.tick_params(axis="y", length=0, labelcolor="#333333")
    ax.set_ylim(row - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
