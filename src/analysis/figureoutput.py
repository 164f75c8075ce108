"""A figure as a notebook output: `keep` shows it with its caption as alt text, its SVG beside
the PNG and its facts (title, plotted years, series, source line, text boxes) in the output's
metadata, where the build (figure files) and the figure tests read them. Matplotlib only: the
house style is analysis.plotting, which re-exports what notebooks call from here.
"""

from __future__ import annotations

import base64
import re
import textwrap
from collections.abc import Iterable

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from analysis.labels import LANGUAGES
from analysis.reportfiles import FIGURE_META, FIGURE_SVG_MIME

SOURCE_GID = "source-line"  # marks the source line among a figure's texts
TITLE_WIDTH = 70  # characters; a longer bilingual title goes on two lines


def wrap_title(title: str) -> str:
    """A long title on two lines: a bilingual one ("English / 中文") at its slash, another at
    the last space that fits."""
    if len(title) <= TITLE_WIDTH:
        return title
    if " / " in title:
        return title.replace(" / ", "\n")
    return textwrap.fill(title, TITLE_WIDTH)



_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def title_of(fig: Figure) -> str:
    """The figure's title: as given to new_figure if still shown, else its suptitle or first
    axes title (a wrapped title joined at ' / ')."""
    sup = getattr(fig, "_suptitle", None)
    titles = [sup.get_text()] if sup is not None and sup.get_text() else []
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            if ax.get_title(loc):
                titles.append(ax.get_title(loc))
    given = getattr(fig, "_analysis_title", None)
    if given and wrap_title(str(given)) in titles:
        return str(given)
    return titles[0].replace("\n", " / ") if titles else ""


def _years(values: Iterable[object]) -> list[int]:
    """The calendar years (1950-2099) among x values or tick texts."""
    out = []
    for v in values:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            if float(v).is_integer() and 1950 <= v <= 2099:
                out.append(int(v))
        else:
            m = _YEAR.fullmatch(str(v).strip())
            if m:
                out.append(int(m.group(1)))
    return out


def set_years(fig: Figure, first: int, last: int) -> None:
    """Declare the years a figure plots when its x data are not plain years (time spans)."""
    fig._analysis_years = [int(first), int(last)]  # type: ignore[attr-defined]


def plotted_years(fig: Figure) -> list[int] | None:
    """[first, last] calendar year plotted on any axes (line x data, or bar tick labels)."""
    declared = getattr(fig, "_analysis_years", None)
    if declared is not None:
        return list(declared)
    years: list[int] = []
    for ax in fig.axes:
        for line in ax.get_lines():
            years += _years(list(line.get_xdata()))
        for coll in ax.collections:
            offsets = coll.get_offsets()
            if len(offsets):
                years += _years([float(x) for x in offsets[:, 0]])
        if ax.containers:  # bar charts: years are the category labels
            years += _years(t.get_text() for t in ax.get_xticklabels())
    return [min(years), max(years)] if years else None


def figure_facts(fig: Figure, renderer: object = None) -> dict[str, object]:
    """What a reviewer (and the figure tests) check: title, plotted years, series, source line,
    every visible text, and where each text box lies (`text_boxes`, measured with `renderer`)."""
    series = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            series += [x.get_text() for x in legend.get_texts()]
    texts = [x.get_text() for x in fig.findobj(Text) if x.get_visible() and x.get_text().strip()]
    return {
        "title": title_of(fig),
        "years": plotted_years(fig),
        "series": series,
        "source": "\n".join(x.get_text() for x in fig.texts if x.get_gid() == SOURCE_GID),
        "texts": list(dict.fromkeys(texts)),  # every visible label, once, in drawing order
        **text_boxes(fig, renderer),
    }


def _box(text: Text, renderer: object) -> dict[str, object]:
    """Where a text lies: its box in display pixels (x0, y0, x1, y1), its rotation (degrees)
    and its extent before rotation (width, height in pixels), rounded to a tenth."""
    b = text.get_window_extent(renderer)  # type: ignore[arg-type]
    rotation = float(text.get_rotation())
    flat = b
    if rotation % 360:
        text.set_rotation(0)  # measured unrotated, then put back (no draw in between)
        try:
            flat = text.get_window_extent(renderer)  # type: ignore[arg-type]
        finally:
            text.set_rotation(rotation)
    return {"box": [round(float(v), 1) for v in (b.x0, b.y0, b.x1, b.y1)],
            "rotation": round(rotation, 1),
            "extent": [round(float(flat.width), 1), round(float(flat.height), 1)]}


def text_boxes(fig: Figure, renderer: object = None) -> dict[str, object]:
    """The figure's canvas (width, height in pixels) and the box of every visible text as last
    drawn: {"canvas": [w, h], "boxes": [{"kind", "axes", "text", "box", "rotation",
    "extent"}]}; kind is xtick or
    ytick (with the axes' index), source, or text (titles, labels, legends, annotations).
    The renderer (default: the canvas's, at the figure's resolution) only measures texts: one
    that measured them before answers from its cache."""
    if renderer is None:
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes: list[dict[str, object]] = []
    ticks: set[int] = set()
    for i, ax in enumerate(fig.axes):
        for kind, axis in (("xtick", ax.xaxis), ("ytick", ax.yaxis)):
            lo, hi = sorted(axis.get_view_interval())
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                for label in (tick.label1, tick.label2):
                    ticks.add(id(label))
                    inside = lo - 1e-9 <= tick.get_loc() <= hi + 1e-9
                    if label.get_visible() and label.get_text().strip() and inside:
                        boxes.append({"kind": kind, "axes": i, "text": label.get_text(),
                                      **_box(label, renderer)})
    for text in fig.findobj(Text):
        if id(text) in ticks or not text.get_visible() or not text.get_text().strip():
            continue
        kind = "source" if text.get_gid() == SOURCE_GID else "text"
        boxes.append({"kind": kind, "axes": None, "text": text.get_text(),
                      **_box(text, renderer)})
    return {"canvas": [round(float(fig.bbox.width), 1), round(float(fig.bbox.height), 1)],
            "boxes": boxes}




def keep(fig: Figure, name: str, lang: str, caption: str | None = None) -> None:
    """Show ``fig`` in the notebook: ``keep(fig, "<figure-id>", lang, caption=...)``.

    The figure id is stable across versions: the build writes the figure's files as
    ``reports/<version>/<lang>/figures/<figure-id>.png`` and ``.svg`` from the executed notebook
    (the PNG shown, and an SVG that travels beside it under FIGURE_SVG_MIME); the kernel writes
    no file. The caption (default: the figure's title) goes into the image output's metadata as
    ``{"image/png": {"alt": caption}}``, the report's alt text; the figure's facts (title,
    plotted years, series, source line, text boxes) travel beside it for the figure tests. The
    figure is then closed, so the inline backend does not show it twice.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"keep: label language must be one of {LANGUAGES}, got {lang!r}")
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the project
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        from IPython.display import display

        data, meta = image_output(fig, name, caption)
        display(data, raw=True, metadata=meta)
        plt.close(fig)


def figure_svg(fig: Figure, box: object = "tight") -> str:
    """The figure as SVG text, deterministic (no date; fixed hash salt), cropped as the PNG
    (`box`: the tight box in inches when already known)."""
    import io

    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches=box)
    return buf.getvalue()


def lay_out(fig: Figure) -> object:
    """Lay the figure out without rasterising, as Figure.draw_without_rendering does but with
    the canvas's own renderer; that renderer, which has measured every text. Every text lands
    where `drawn` puts it, in less time: for checks that need the boxes, not the pixels."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    with renderer._draw_disabled():
        fig.draw(renderer)
    return renderer


def drawn(fig: Figure) -> object:
    """Draw the whole figure once, rasterised, on an Agg canvas at its resolution (the layout
    engine, if any, places everything in this draw); the renderer, which has measured every
    text."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def cropped_png(fig: Figure, tight: Bbox, pad: float) -> bytes | None:
    """The drawn canvas cut to the tight box padded by `pad` (inches), as PNG, as
    savefig(bbox_inches=box) would write it (same size, metadata and resolution; placed to the
    nearest pixel; the padding past the canvas in the figure's background colour), or None when
    something is drawn past the canvas (only a new draw can show it)."""
    import io

    import matplotlib.image
    import numpy as np
    from matplotlib.colors import to_rgba

    width_in, height_in = fig.get_size_inches()
    if tight.x0 < 0 or tight.y0 < 0 or tight.x1 > width_in or tight.y1 > height_in:
        return None
    canvas = np.asarray(fig.canvas.buffer_rgba())  # type: ignore[attr-defined]
    box, dpi = tight.padded(pad), fig.dpi
    image = np.empty((int(box.height * dpi), int(box.width * dpi), 4), dtype=np.uint8)
    # Agg counts rows down from the canvas's whole-pixel height: the box's bottom edge lies
    # box.y0 * dpi pixels above the canvas's last row, as it lies on the saved image's.
    left = round(box.x0 * dpi)
    top = round(canvas.shape[0] - image.shape[0] - box.y0 * dpi)
    image[:] = np.round(np.array(to_rgba(fig.get_facecolor())) * 255)
    rows = slice(max(top, 0), min(top + image.shape[0], canvas.shape[0]))
    cols = slice(max(left, 0), min(left + image.shape[1], canvas.shape[1]))
    image[rows.start - top:rows.stop - top, cols.start - left:cols.stop - left] = \
        canvas[rows, cols]
    buf = io.BytesIO()
    matplotlib.image.imsave(buf, image, format="png", origin="upper", dpi=dpi)
    return buf.getvalue()


def image_output(
    fig: Figure, name: str, caption: str | None = None
) -> tuple[dict[str, str], dict[str, object]]:
    """(data, metadata) of the display output `keep` shows: PNG, SVG (FIGURE_SVG_MIME), caption
    as text and alt text, the figure's facts under FIGURE_META with its id as `name`."""
    text = caption if caption is not None else title_of(fig)
    if not text:
        raise ValueError(f"figure {name!r} has neither a caption nor a title for its alt text")
    # One draw for every output: the whole figure is drawn once (the layout engine places
    # everything), the tight box is found from that draw and the PNG is cut out of it; the
    # layout engine is then set aside, so the SVG is drawn once from that layout. The facts are
    # measured with the draw's renderer, which knows every text's extent already. Only a figure
    # with a text past its canvas is drawn again for its PNG, at the tight box's size.
    renderer = drawn(fig)
    tight, pad = fig.get_tightbbox(renderer), plt.rcParams["savefig.pad_inches"]
    box = tight.padded(pad)
    png = cropped_png(fig, tight, pad)
    engine = fig.get_layout_engine()
    fig.set_layout_engine(None)
    try:
        if png is None:
            from IPython.core.pylabtools import print_figure

            encoded = print_figure(fig, "png", base64=True, bbox_inches=box)
        else:
            encoded = base64.b64encode(png).decode("ascii")
        data = {"image/png": encoded, "text/plain": text}
        meta = {"image/png": {"alt": text},
                FIGURE_META: {"name": name, **figure_facts(fig, renderer)}}
        data[FIGURE_SVG_MIME] = figure_svg(fig, box)
    finally:
        fig.set_layout_engine(engine)
    return data, meta
