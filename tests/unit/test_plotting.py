"""House style, bilingual labels and figure helpers."""

import functools
import warnings
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import labels, plotting
from analysis.labels import caption, cite, t

ZH_TEXT = "图 1：历史最低经济增长率 −2.5"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _render(fig, path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plotting.save_figure(fig, path)


def test_labels_lookup_and_caption():
    assert t("fig1", "zh") == "图 1：历史最低经济增长率"
    assert t("exports", "en") == "Exports"
    assert (
        caption("fig2", "en")
        == "Figure 2: Government revenue falls sharply / 图 2：政府收入大幅下跌"
    )
    assert (
        caption("fig2", "zh")
        == "图 2：政府收入大幅下跌 / Figure 2: Government revenue falls sharply"
    )
    assert caption("gdp", "en") == "GDP"
    assert cite("en", para=29, page=18, item="Figure 3") == "Figure 3, para. 29, p. 18"
    assert cite("zh", para=29, page=18) == "第29段，第18页"


def test_labels_errors():
    with pytest.raises(KeyError, match="no_such_key"):
        t("no_such_key", "en")
    with pytest.raises(ValueError, match="fr"):
        t("gdp", "fr")


def test_every_label_has_both_languages():
    for key, pair in labels.LABELS.items():
        assert len(pair) == 2 and all(pair), key


def test_zh_figure_renders_without_missing_glyphs(tmp_path):
    plotting.use_house_style("zh")
    s = pd.Series([1.0, -2.5], index=[2015, 2016])
    fig, ax = plotting.line_chart(
        s.rename("real_gdp_growth"),
        lang="zh",
        title=ZH_TEXT,
        unit=t("unit_percent", "zh"),
        source="来源：国家统计局",
    )
    plotting.mark_external(ax, [2015, 2016], [6.9, 6.7], label=t("china", "zh"), lang="zh")
    _render(fig, tmp_path / "zh.png")
    _render(fig, tmp_path / "zh.svg")


def test_en_figure_with_zh_caption_renders(tmp_path):
    plotting.use_house_style("en")
    fig, _ = plotting.new_figure("Figure 1: Record-low economic growth / " + ZH_TEXT)
    _render(fig, tmp_path / "en.png")


def test_without_cjk_font_chinese_text_warns(tmp_path, monkeypatch, capsys):
    # The glyph tests above can fail: without a CJK font, Chinese text warns.
    monkeypatch.setattr(plotting, "find_cjk_font", lambda: None)
    plotting.use_house_style("en")
    assert "apt-get install fonts-wqy-microhei" in capsys.readouterr().out
    fig, _ = plotting.new_figure(ZH_TEXT)
    with pytest.raises(UserWarning, match="missing from font"):
        _render(fig, tmp_path / "no_cjk.png")
    fig, ax = plotting.new_figure(ZH_TEXT)
    with pytest.raises(UserWarning, match="missing from font"):
        _render(fig, tmp_path / "en.png")


def test_missing_cjk_font_gives_install_hint(monkeypatch):
    monkeypatch.setattr(plotting, "find_cjk_font", lambda: None)
    with pytest.raises(plotting.MissingCJKFontError, match="apt-get install fonts-wqy-microhei"):
        plotting.use_house_style("zh")


def test_bad_language():
    with pytest.raises(ValueError):
        plotting.use_house_style("de")


def test_svg_and_png_are_deterministic(tmp_path):
    for ext in ("svg", "png"):
        outs = []
        for i in range(2):
            plotting.use_house_style("en")
            fig, _ = plotting.bar_chart(
                pd.DataFrame({"exports": [1.0, 2.0], "imports": [2.0, 1.0]}, index=[2014, 2015]),
                lang="en",
                title="t",
                unit="u",
                external=["imports"],
                annotate=1,
            )
            path = plotting.save_figure(fig, tmp_path / f"f{i}.{ext}")
            outs.append(path.read_bytes())
            plt.close(fig)
        assert outs[0] == outs[1], ext
    svg = (tmp_path / "f0.svg").read_text()
    assert "<dc:date>" not in svg


def test_line_chart_units_source_and_external_mark():
    plotting.use_house_style("en")
    df = pd.DataFrame(
        {"exports": [1.0, 2.0], "real_gdp_growth_china": [3.0, 4.0]}, index=[2014, 2015]
    )
    fig, ax = plotting.line_chart(
        df,
        lang="en",
        title="T",
        unit="100 million USD",
        source="Source: report Table 3 (p. 20)",
        external=["real_gdp_growth_china"],
    )
    assert ax.get_ylabel() == "100 million USD"
    assert ax.get_xlabel() == "Year"
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert legend == ["Exports", "Real GDP growth, China (external)"]
    assert [x.get_text() for x in fig.texts] == ["Source: report Table 3 (p. 20)"]
    ext_line = ax.get_lines()[1]
    assert ext_line.get_linestyle() == "--"


def test_figure_source_names_tables_paragraphs_and_externals():
    line = plotting.figure_source(
        "en", ["table1_gdp", "china_real_gdp_growth"], ["revenue_2013", "real_gdp_growth_2017"]
    )
    assert line.startswith("Source: report Table 1 (p. 15); report para. 27, para. 28")
    assert line.endswith("; external: NBS")  # providers by their short name
    zh_ext = plotting.figure_source("zh", ["china_real_gdp_growth", "cny_usd"])
    assert zh_ext == "来源：外部数据：国家统计局，国际货币基金组织"  # every word Chinese
    zh = plotting.figure_source("zh", ["table1_gdp"], ["revenue_2013"])
    assert zh == "来源：报告 表 1（第15页）；报告 第28段（第17页）"


def test_keep_takes_a_figure_id_and_a_label_language_and_writes_no_file(tmp_path, monkeypatch):
    plotting.use_house_style("en")
    fig, _ = plotting.new_figure("t")
    monkeypatch.chdir(tmp_path)
    assert plotting.keep(fig, "x", "en") is None  # outside a kernel: nothing shown, no file
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(TypeError):
        plotting.keep(fig, "figs", "x", "en", "caption", "extra")  # no figure folder any more
    with pytest.raises(ValueError, match="label language"):
        plotting.keep(fig, "x", "de")


def test_kept_figure_carries_its_svg_and_every_text_box():
    plotting.use_house_style("en")
    fig, ax = plotting.new_figure("Exports")
    ax.plot([2006, 2007, 2008], [1, 2, 3])
    ax.set_xticks([2006, 2007, 2008], ["2006", "2007", "2008"])
    plotting.add_source(fig, "Source: report Table 3 (p. 20)")
    data, meta = plotting.image_output(fig, "exports")
    assert data[plotting.FIGURE_SVG_MIME].lstrip().startswith("<?xml")
    assert "<dc:date>" not in data[plotting.FIGURE_SVG_MIME]
    facts = meta[plotting.FIGURE_META]
    w, h = facts["canvas"]
    assert (w, h) == (800.0, 450.0)  # 8 x 4.5 inches at 100 dpi
    ticks = [b for b in facts["boxes"] if b["kind"] == "xtick"]
    assert [b["text"] for b in ticks] == ["2006", "2007", "2008"]
    x0s = [b["box"][0] for b in ticks]
    assert x0s == sorted(x0s) and all(b["box"][2] > b["box"][0] for b in ticks)
    (source,) = [b for b in facts["boxes"] if b["kind"] == "source"]
    # at the foot of the canvas, inside it, under the tick labels (the layout made room)
    assert 0 <= source["box"][1] and source["box"][3] < min(b["box"][1] for b in ticks)
    assert any(b["text"] == "Exports" and b["kind"] == "text" for b in facts["boxes"])


def _draws(monkeypatch) -> list[str]:
    """Figure draws from now on, by renderer kind ("agg" rasterises, "svg", ...)."""
    from matplotlib.figure import Figure

    kinds: list[str] = []
    draw = Figure.draw

    def counted(self, renderer):
        kinds.append(type(renderer).__name__.replace("Renderer", "").lower())
        return draw(self, renderer)
    monkeypatch.setattr(Figure, "draw", counted)
    return kinds


def _png_pixels(encoded: str):
    import base64
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(base64.b64decode(encoded)))).astype(int)


def _chart_with_long_source():
    plotting.use_house_style("en")
    return plotting.line_chart(
        pd.DataFrame({"exports": [1.0, 2.0, 1.5]}, index=[2013, 2014, 2015]), lang="en",
        title="Exports", unit="u", source="Source: " + "report Table 3 (p. 20); " * 12)[0]


def test_long_source_line_is_broken_to_the_canvas_width_and_kept_inside_it():
    fig = _chart_with_long_source()
    _, meta = plotting.image_output(fig, "x")
    facts = meta[plotting.FIGURE_META]
    (source,) = [b for b in facts["boxes"] if b["kind"] == "source"]
    w, _ = facts["canvas"]
    assert source["text"].count("\n") >= 1  # broken into lines at spaces
    assert 0 <= source["box"][0] and source["box"][2] <= w and source["box"][1] >= 0
    texts = [b for b in facts["boxes"] if b["kind"] != "source"]
    assert source["box"][3] < min(b["box"][1] for b in texts)  # under every other text


@pytest.mark.parametrize("lang, text", [
    ("en", "Source: " + "report Table 3 (p. 20); external: NBS; " * 6),
    ("zh", "资料来源：辽宁统计年鉴 2016，表 3；国家统计局（外部数据）。" * 3),
    ("en", "A short source"),
])
def test_source_line_is_broken_greedily_at_spaces_to_the_width(lang, text):
    """Every line fits the width; the lines are the text, split only at spaces; no line could
    have taken the next line's first word (lines as full as matplotlib's own wrap makes them)."""
    plotting.use_house_style(lang)
    fig, _ = plotting.new_figure("t")
    plotting.add_source(fig, text)
    (label,) = [x for x in fig.texts if x.get_gid() == plotting.SOURCE_GID]
    renderer, prop = fig.canvas.get_renderer(), label.get_fontproperties()
    width = 0.99 * fig.bbox.width

    def wide(s):
        return renderer.get_text_width_height_descent(s, prop, ismath=False)[0]

    lines = label.get_text().split("\n")
    assert " ".join(lines) == text
    assert all(wide(line) <= width for line in lines)
    for line, after in zip(lines, lines[1:], strict=False):
        assert wide(f"{line} {after.split(' ')[0]}") > width
    assert (len(lines) > 1) == (wide(text) > width)


def test_a_figure_is_drawn_once_for_its_png_and_once_for_its_svg(monkeypatch):
    """The PNG is cut out of the one raster draw (the layout engine runs in it); the SVG is the
    second draw; the PNG matches what savefig(bbox_inches=tight box) draws anew, within
    anti-aliasing (same size, no pixel strongly off: a one-pixel shift fails this)."""
    from IPython.core.pylabtools import print_figure

    from analysis import figureoutput

    draws = _draws(monkeypatch)
    fig = _chart_with_long_source()
    data, _ = plotting.image_output(fig, "x")
    assert draws == ["agg", "mixedmode"]  # the SVG backend draws through MixedModeRenderer
    renderer = fig.canvas.get_renderer()
    box = fig.get_tightbbox(renderer).padded(plt.rcParams["savefig.pad_inches"])
    again = print_figure(fig, "png", base64=True, bbox_inches=box)
    ours, theirs = _png_pixels(data["image/png"]), _png_pixels(again)
    assert ours.shape == theirs.shape
    strongly_off = (abs(ours - theirs).max(axis=2) > 64).mean()
    assert strongly_off < 0.005, strongly_off
    assert figureoutput.cropped_png(fig, fig.get_tightbbox(renderer), 0.1) is not None


def test_a_text_past_the_canvas_makes_the_png_drawn_again_at_the_tight_box(monkeypatch):
    draws = _draws(monkeypatch)
    fig = _chart_with_long_source()
    fig.text(0.5, -0.3, "far below", gid="note")  # outside the canvas: not in the first draw
    data, _ = plotting.image_output(fig, "x")
    assert draws == ["agg", "agg", "mixedmode"]
    height = _png_pixels(data["image/png"]).shape[0]
    assert height > fig.bbox.height  # the saved image reaches down to the text


@functools.cache
def _exporter() -> Any:
    """The report's HTML exporter, made once and reused, as the build reuses one per thread."""
    from reporting.render import html_exporter

    return html_exporter("en")  # as the build renders reports


def _report_html(outputs: list) -> str:
    """HTML of a one-cell notebook with these outputs, through the report's offline template."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x = 1")
    cell.outputs = outputs
    nb.cells.append(cell)
    return _exporter().from_notebook_node(nb, resources={"metadata": {"name": "t"}})[0]


def test_kept_figure_carries_its_caption_as_alt_text_in_the_report():
    import nbformat

    plotting.use_house_style("en")
    fig, ax = plotting.new_figure("Exports, 2006-2015")
    ax.plot([2006, 2010, 2015], [1, 2, 3], label="Exports")
    ax.legend()
    plotting.add_source(fig, "Source: report Table 3 (p. 20)")
    data, meta = plotting.image_output(fig, "x")  # what keep displays in a kernel
    assert meta["image/png"] == {"alt": "Exports, 2006-2015"}  # caption defaults to the title
    facts = meta[plotting.FIGURE_META]
    assert facts["years"] == [2006, 2015] and facts["series"] == ["Exports"]
    assert facts["source"] == "Source: report Table 3 (p. 20)"
    html = _report_html([nbformat.v4.new_output("display_data", data=data, metadata=meta)])
    assert 'alt="Exports, 2006-2015"' in html
    assert "No description has been provided" not in html
    data, meta = plotting.image_output(fig, "x", caption='Caption with "quotes" & <b>')
    html = _report_html([nbformat.v4.new_output("display_data", data=data, metadata=meta)])
    from bs4 import BeautifulSoup

    (img,) = BeautifulSoup(html, "html.parser").select("img")
    assert img["alt"] == 'Caption with "quotes" & <b>'  # escaped in the HTML, intact when read
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>'
    html = _report_html([nbformat.v4.new_output(
        "display_data", data={"image/svg+xml": svg}, metadata={"image/svg+xml": {"alt": "A"}})])
    assert [i["alt"] for i in BeautifulSoup(html, "html.parser").select("img")] == ["A"]


def test_key_figure_outputs_show_nothing_in_the_report():
    import nbformat

    from analysis import keyfigures

    entry = {"name": "a_pct", "value": 1.5, "unit": "percent", "label": ""}
    out = nbformat.v4.new_output("display_data", data={keyfigures.MIME: entry})
    html = _report_html([out])
    assert "a_pct" not in html and "key figure" not in html
    assert keyfigures.from_notebook({"cells": [{"outputs": [out]}]}) == [entry]


def test_key_figures_come_from_notebooks_held_in_memory_else_from_their_files(tmp_path):
    # the build hands the executed notebooks it holds (no second read of 14 .ipynb files);
    # a report it did not run (kept from a published version) is read from its file
    import json

    import nbformat

    from analysis import keyfigures

    def notebook(value: float) -> dict:
        entry = {"name": "a_pct", "value": value, "unit": "percent", "label": "a"}
        out = nbformat.v4.new_output("display_data", data={keyfigures.MIME: entry})
        return {"cells": [{"cell_type": "code", "outputs": [out]}]}

    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / "01.ipynb").write_text(json.dumps(notebook(1.5)), encoding="utf-8")
    pairs = [("01", "en"), ("01", "zh")]
    got = keyfigures.collect(tmp_path, pairs, {("01", "en"): notebook(1.5)})
    assert got["01"]["a_pct"]["value"] == 1.5  # en from memory (it has no file), zh from its file
    with pytest.raises(ValueError, match="differ between label languages"):
        keyfigures.collect(tmp_path, pairs, {("01", "en"): notebook(2.0)})
    assert keyfigures.collect(tmp_path, pairs) == got  # no notebook held: the zh file alone


def test_plotted_years_come_from_lines_or_bar_labels():
    plotting.use_house_style("en")
    fig, ax = plotting.line_chart(pd.Series([1.0, 2.0], index=[2011, 2015]), lang="en",
                                  title="t", unit="%")
    assert plotting.plotted_years(fig) == [2011, 2015]
    fig, ax = plotting.bar_chart(pd.Series([1.0, 2.0], index=[2012, 2016]), lang="en",
                                 title="t", unit="%")
    assert plotting.plotted_years(fig) == [2012, 2016]
    fig, ax = plotting.bar_chart(pd.Series([1.0, 2.0], index=["a", "b"]), lang="en",
                                 title="t", unit="%")
    assert plotting.plotted_years(fig) is None
