"""Where a figure's texts land once drawn: overlapping tick labels, text over another text.

Shared by the unit tests of the trade, FDI and specification-curve figures (issue 20: year
labels that ran together, "20062007..."). matplotlib knows every text's box once drawn; the
layout pass without rasterising (`analysis.figureoutput.lay_out`) places every text where the
build's one raster draw does (`figureoutput.drawn`), in less time, and its renderer has measured
every text already.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.text import Text

from analysis.figureoutput import lay_out


def _boxes(texts, renderer):
    return [(x.get_text(), x.get_window_extent(renderer)) for x in texts
            if x.get_visible() and x.get_text().strip()]


def overlapping_tick_labels(fig: Figure, renderer: object = None) -> list[str]:
    """Pairs of tick labels of one axis whose boxes overlap ('2006' over '2007'); `renderer`:
    that of a layout pass already made."""
    renderer = renderer or lay_out(fig)
    problems = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            boxes = _boxes(axis.get_ticklabels(), renderer)
            for i, (a, box_a) in enumerate(boxes):
                for b, box_b in boxes[i + 1:]:
                    if box_a.overlaps(box_b):
                        problems.append(f"{a!r} overlaps {b!r}")
    return problems


def overlapping_texts(fig: Figure, renderer: object = None) -> list[str]:
    """Pairs of texts (titles, labels, annotations, legend entries, source) whose boxes
    overlap, tick labels left out (see overlapping_tick_labels)."""
    renderer = renderer or lay_out(fig)
    ticks = {id(x) for ax in fig.axes for x in ax.get_xticklabels() + ax.get_yticklabels()}
    texts = [x for x in fig.findobj(Text) if id(x) not in ticks]
    boxes = _boxes(texts, renderer)
    problems = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if box_a.overlaps(box_b) and a != b:
                problems.append(f"{a!r} overlaps {b!r}")
    return problems


def text_problems(fig: Figure) -> list[str]:
    """Both checks on one drawing of the figure."""
    renderer = lay_out(fig)
    return overlapping_tick_labels(fig, renderer) + overlapping_texts(fig, renderer)
