"""One house style for every figure: readable sizes, colour-blind-safe colours, CJK labels.

Figures carry a title, units on the axes, a source line at their foot and a visible mark on
every external (non-report) series. Output is deterministic (fixed SVG hash salt, no dates in
metadata) so that re-running a notebook does not change committed or compared figures.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from analysis import data
from analysis.figureoutput import (  # noqa: F401  (keep and the figure facts, re-exported)
    FIGURE_META,
    FIGURE_SVG_MIME,
    SOURCE_GID,
    figure_facts,
    figure_svg,
    image_output,
    keep,
    plotted_years,
    set_years,
    text_boxes,
    title_of,
    wrap_title,
)
from analysis.labels import LANGUAGES, label, provider, t
from analysis.markup import literal

# Okabe & Ito (2008) colour-blind-safe palette, black last.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
EXTERNAL_COLOUR = "#7f7f7f"
CJK_FONT_NAMES = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
)
CJK_FONT_FILES = ("wqy-microhei", "wqy-zenhei", "notosanscjk", "notosanssc", "sourcehansans")
CJK_FONT_HINT = (
    "no CJK font found for Chinese labels: install one with `apt-get install fonts-wqy-microhei` "
    "(or `conda install -c conda-forge fonts-noto-cjk`), or run with label_language='en'"
)
SVG_HASH_SALT = "liaoning-rci"


class MissingCJKFontError(RuntimeError):
    """Raised when Chinese labels are asked for and no CJK font is installed."""


def find_cjk_font() -> str | None:
    """Family name of an installed CJK font (registering system font files if needed), or None."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONT_NAMES:
        if name in names:
            return name
    # The font cache may predate the font's installation: look at the files themselves.
    for path in font_manager.findSystemFonts():
        if any(key in Path(path).name.lower().replace("-", "") for key in _file_keys()):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError):  # unreadable font file: try the next
                continue
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONT_NAMES if name in names), None)


def _file_keys() -> tuple[str, ...]:
    """Font file name fragments (lower case, no dashes) that identify CJK fonts."""
    return tuple(k.replace("-", "") for k in CJK_FONT_FILES)


def use_house_style(label_language: str) -> None:
    """Set matplotlib rcParams for the house style; for 'zh' select an installed CJK font."""
    if label_language not in LANGUAGES:
        raise ValueError(f"label_language must be one of {LANGUAGES}, got {label_language!r}")
    mpl.rcdefaults()
    rc = {
        "figure.figsize": (8.0, 4.5),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "font.size": 11,
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.labelsize": 11,
        "legend.fontsize": 10,
        "legend.frameon": False,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "axes.grid": True,
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": mpl.cycler(color=PALETTE),
        "lines.linewidth": 2.0,
        "lines.markersize": 5,
        "svg.hashsalt": SVG_HASH_SALT,
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
    }
    # Figure titles carry the report's Chinese caption beside the English one, so a CJK font is
    # used by fallback in both languages; only Chinese labels make it a hard requirement.
    cjk = find_cjk_font()
    if cjk is None and label_language == "zh":
        raise MissingCJKFontError(CJK_FONT_HINT)
    if cjk is None:
        print(CJK_FONT_HINT.replace("for Chinese labels", "for the Chinese captions"))
    else:
        # Latin glyphs from DejaVu Sans, Chinese glyphs by fallback to the CJK font (font
        # fallback needs explicit families: a generic 'sans-serif' resolves to one font only).
        rc["font.family"] = ["DejaVu Sans", cjk]
        rc["axes.titleweight"] = "normal"  # CJK fonts here have no bold face
        rc["figure.titleweight"] = "normal"
    mpl.rcParams.update(rc)


def _figure_and_axes(title: str, ax: Axes | None) -> tuple[Figure, Axes]:
    """A new titled figure, or the given axes (titled) and its figure."""
    if ax is None:
        return new_figure(title)
    ax.set_title(wrap_title(title), loc="left")
    ax.figure._analysis_title = title  # type: ignore[union-attr]
    return ax.figure, ax  # type: ignore[return-value]


def new_figure(
    title: str | None = None,
    *,
    nrows: int = 1,
    ncols: int = 1,
    figsize: tuple[float, float] | None = None,
) -> tuple[Figure, Axes]:
    """New figure in the house style with constrained layout; returns (figure, axes)."""
    fig, ax = plt.subplots(nrows, ncols, figsize=figsize, layout="constrained")
    fig._analysis_title = title  # type: ignore[attr-defined]
    title = wrap_title(title) if title else title
    if title:
        if nrows * ncols == 1:
            ax.set_title(title, loc="left")
        else:
            fig.suptitle(title, x=0.01, ha="left")
    return fig, ax


def add_source(fig: Figure, text: str) -> None:
    """Source line at the foot of the figure, e.g. 'Source: report Table 3 (p. 20); China:
    external NBS'. It is the figure's x label, so the constrained layout keeps room for it
    inside the canvas (and the figure is drawn once: figureoutput.image_output); it is broken
    into lines here, as the layout measures it before any draw."""
    label = fig.supxlabel(text, x=0.01, ha="left", va="bottom", fontsize=8.5,
                          color="#444444", gid=SOURCE_GID)
    label.set_text(broken_to_width(label, 0.99 * fig.bbox.width))


def broken_to_width(label: Text, width: float) -> str:
    """The label's text broken at spaces into lines no wider than `width` display pixels, as
    matplotlib's wrap=True breaks a text when drawing it (a word wider than that keeps a line
    of its own). Each word is measured once and the lines filled by adding widths; a line that
    then measures too wide (kerning) has the paragraph broken again, measured a line at a
    time."""
    fig = label.get_figure(root=True)
    renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") \
        else fig._get_renderer()
    prop = label.get_fontproperties()

    @functools.cache
    def wide(line: str) -> float:
        return renderer.get_text_width_height_descent(line, prop, ismath=False)[0]

    def filled(words: list[str], measure: Callable[[list[str]], float]) -> list[str]:
        lines: list[list[str]] = [[]]
        for word in words:
            if lines[-1] and measure([*lines[-1], word]) > width:
                lines.append([])
            lines[-1].append(word)
        return [" ".join(line) for line in lines]

    space = wide("a a") - wide("aa")
    out = []
    for paragraph in label.get_text().split("\n"):
        words = paragraph.split(" ")
        if len(words) == 1 or wide(paragraph) <= width:
            out.append(paragraph)
            continue
        lines = filled(words, lambda ws: sum(map(wide, ws)) + space * (len(ws) - 1))
        if any(wide(line) > width for line in lines if " " in line):
            lines = filled(words, lambda ws: wide(" ".join(ws)))
        out += lines
    return "\n".join(out)


def external_label(label: str, lang: str) -> str:
    """Series label with the house mark for external data appended."""
    return (
        f"{label} ({t('external', lang)})" if lang == "en" else f"{label}（{t('external', lang)}）"
    )


def mark_external(
    ax: Axes,
    x: Sequence[float] | pd.Index,
    y: Sequence[float] | pd.Series,
    *,
    label: str,
    lang: str,
    color: str | None = None,
    **kwargs: object,
) -> Line2D:
    """Draw an external series: dashed line, hollow markers, '(external)' in the legend."""
    style: dict = {"linestyle": "--", "marker": "o", "markerfacecolor": "white"}
    style.update(kwargs)
    (line,) = ax.plot(
        list(x),
        list(y),
        color=color or EXTERNAL_COLOUR,
        label=external_label(label, lang),
        **style,
    )
    return line


def mark_external_span(ax: Axes, start: float, end: float, *, lang: str) -> None:
    """Shade the x-range [start, end] whose values come from an external series, and say so."""
    ax.axvspan(start - 0.5, end + 0.5, color=EXTERNAL_COLOUR, alpha=0.12, linewidth=0)
    ax.text(
        (start + end) / 2,
        0.98,
        t("external_series", lang),
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="top",
        fontsize=8.5,
        color="#444444",
    )


def _finish(
    fig: Figure, ax: Axes, *, lang: str, unit: str, source: str | None, xlabel: str | None
) -> None:
    """Common axis labels, integer year ticks, legend and source line."""
    ax.set_ylabel(unit)
    ax.set_xlabel(xlabel if xlabel is not None else t("year", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(loc="best")
    if source:
        add_source(fig, source)


def line_chart(
    df: pd.DataFrame | pd.Series,
    *,
    lang: str,
    title: str,
    unit: str,
    source: str | None = None,
    external: Iterable[str] = (),
    xlabel: str | None = None,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Line chart of the columns of ``df`` against its (year) index; ``external`` columns marked."""
    frame = df.to_frame() if isinstance(df, pd.Series) else df
    fig, ax = _figure_and_axes(title, ax)
    external = set(external)
    for i, col in enumerate(frame.columns):
        s = frame[col].dropna()
        color = PALETTE[i % len(PALETTE)]
        if col in external:
            mark_external(ax, s.index, s.values, label=label(col, lang), lang=lang, color=color)
        else:
            ax.plot(s.index, s.values, marker="o", color=color, label=label(col, lang))
    _finish(fig, ax, lang=lang, unit=unit, source=source, xlabel=xlabel)
    return fig, ax


def bar_chart(
    df: pd.DataFrame | pd.Series,
    *,
    lang: str,
    title: str,
    unit: str,
    source: str | None = None,
    external: Iterable[str] = (),
    xlabel: str | None = None,
    ax: Axes | None = None,
    annotate: int | None = None,
) -> tuple[Figure, Axes]:
    """Grouped bar chart of the columns of ``df`` by index; ``external`` columns hatched and grey.

    ``annotate`` = number of decimals to print on top of each bar (None for no labels).
    """
    frame = df.to_frame() if isinstance(df, pd.Series) else df
    fig, ax = _figure_and_axes(title, ax)
    external = set(external)
    n = len(frame.columns)
    width = 0.8 / max(n, 1)
    positions = range(len(frame.index))
    for i, col in enumerate(frame.columns):
        xs = [p - 0.4 + width * (i + 0.5) for p in positions]
        if col in external:
            bars = ax.bar(
                xs,
                frame[col].values,
                width,
                color="white",
                edgecolor=EXTERNAL_COLOUR,
                hatch="//",
                label=external_label(label(col, lang), lang),
            )
        else:
            bars = ax.bar(
                xs,
                frame[col].values,
                width,
                color=PALETTE[i % len(PALETTE)],
                label=label(col, lang),
            )
        if annotate is not None:
            ax.bar_label(bars, fmt=f"%.{annotate}f", fontsize=8.5, padding=2)
    ax.set_xticks(list(positions), [label(str(i), lang) for i in frame.index])
    ax.axhline(0, color="#444444", linewidth=0.8)
    ax.grid(axis="x", visible=False)
    ax.set_ylabel(unit)
    ax.set_xlabel(xlabel if xlabel is not None else t("year", lang))
    if n > 1 or external:
        ax.legend(loc="best")
    if source:
        add_source(fig, source)
    return fig, ax


def _short_table_name(src: dict, lang: str) -> str:
    """'Table 3' / '表 3' (or the untitled table's caption) for a report resource's source block."""
    if lang == "zh":
        return str(src.get("caption_zh", src.get("table", ""))).split("：")[0]
    return str(src.get("table", src.get("title", "")))


def figure_source(lang: str, resources: Iterable[str] = (), fact_ids: Iterable[str] = ()) -> str:
    """Source line naming report tables (with page), text paragraphs (with page) and externals.

    E.g. 'Source: report Table 1 (p. 15); report para. 26, para. 27 (p. 16); external: NBS'.
    Every word is in the label language (providers by their short name, `labels.provider`).
    """
    comma = ", " if lang == "en" else "，"
    lp, rp = (" (", ")") if lang == "en" else ("（", "）")
    report, external = [], []
    for name in resources:
        src = data.source(name)
        if src.get("external"):
            external.append(provider(str(src.get("provider", src.get("title", name))), lang))
        else:
            page = t("page", lang, n=src["page"])
            report.append(f"{_short_table_name(src, lang)}{lp}{page}{rp}")
    ids = list(fact_ids)
    if ids:
        f = data.facts().loc[ids]
        paras = sorted(set(int(p) for p in f["paragraph"]))
        pages = sorted(set(int(p) for p in f["page"]))
        para_text = comma.join(t("para", lang, n=p) for p in paras)
        page_text = comma.join(t("page", lang, n=p) for p in pages)
        report.append(f"{para_text}{lp}{page_text}{rp}")
    parts = [f"{t('report', lang)} {r}" for r in report]
    sep = ": " if lang == "en" else "："
    if external:
        parts.append(f"{t('external', lang)}{sep}{comma.join(dict.fromkeys(external))}")
    return t("source", lang) + sep + ("; " if lang == "en" else "；").join(parts)


def source_note(lang: str, resources: Iterable[str] = (), fact_ids: Iterable[str] = ()) -> str:
    """figure_source as a line of Markdown for `show`: its words from the Data Package (table
    names, titles) shown as written, never read as markup (`markup.literal`)."""
    return literal(figure_source(lang, resources, fact_ids))


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Save ``fig`` deterministically (no date or software metadata) as SVG, PNG or PDF."""
    path = Path(path)
    metadata: dict[str, None] = {
        ".svg": {"Date": None},
        ".png": {"Software": None},
        ".pdf": {"CreationDate": None, "ModDate": None},
    }.get(path.suffix.lower(), {})
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata=metadata)
    return path
