"""Figures 1-3 of notebook 01: the rules a referee asked for, checked on the figure objects."""

import math

import matplotlib.pyplot as plt
import pytest
from textboxes import overlapping_texts, overlapping_tick_labels

from analysis import economic_collapse, plotting
from analysis.figureoutput import lay_out


def _texts(fig) -> str:
    parts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        parts += [t.get_text() for t in ax.texts]
        parts += [c.get_text() for c in ax.get_children() if hasattr(c, "get_text")]
    return "\n".join(parts)


def test_figure1_separates_nominal_and_real_and_names_the_2016_value():
    plotting.use_house_style("en")
    fig = economic_collapse.figure1("en")
    assert len(fig.axes) == 2
    assert "Nominal" in fig.axes[0].get_title(loc="left")
    assert "Real" in fig.axes[1].get_title(loc="left")
    text = _texts(fig)
    assert "-23.1" in text and "not growth" in text and "series break" in text
    # the 2016 Table 1 value is not joined to 2015 by a growth line
    table1 = [ln for ln in fig.axes[0].get_lines() if "Table 1" in ln.get_label()]
    assert all(2016 not in list(ln.get_xdata()) for ln in table1)


def test_figure2_marks_the_break_and_carries_its_caveat():
    plotting.use_house_style("zh")
    fig = economic_collapse.figure2("zh")
    text = _texts(fig)
    assert "序列断点" in text and "虚高" in text
    assert any(abs(ln.get_xdata()[0] - 2014.5) < 1e-9 for ln in fig.axes[0].get_lines()
               if len(ln.get_xdata()) == 2)


def test_figure3_plain_numbers_ruled_out_reading_and_exact_source():
    plotting.use_house_style("en")
    fig = economic_collapse.figure3(economic_collapse.fai_readings(2014), 2014, "en")
    ax = fig.axes[0]
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks and all("^" not in t and "10^" not in t for t in ticks)
    assert "10,000" in ticks
    b = [ln for ln in ax.get_lines() if "ruled out" in ln.get_label()]
    assert len(b) == 1 and b[0].get_linestyle() == ":"
    source = "\n".join(t.get_text() for t in fig.texts)
    assert "para. 29" in source and "Table 1" not in source


def _figures_of_01_and_02(lang):
    from analysis import peers, revisions, structural_shift, structural_shift_charts

    shares = structural_shift.sector_shares()
    return {
        "fig1_growth": economic_collapse.figure1(lang),
        "fig2_revenue": economic_collapse.figure2(lang),
        "fig3": economic_collapse.figure3(economic_collapse.fai_readings(2014), 2014, lang),
        "peers_growth": peers.figure(lang),
        "gdp_levels": revisions.gdp_levels_figure(lang),
        "sector_shares": structural_shift_charts.shares_figure(shares, lang),
        "sector_contributions": structural_shift_charts.contributions_figure(
            structural_shift.sector_contributions(), lang),
        "tertiary_gap": structural_shift_charts.tertiary_gap_figure(shares, 2011, 2015, lang),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_of_notebooks_01_02_figures_overlaps_another(lang):
    """Issue 20 in notebooks 01-02: no label over another (nothing can fall off the canvas:
    figures are saved with the house style's tight bounding box)."""
    plotting.use_house_style(lang)
    for name, fig in _figures_of_01_and_02(lang).items():
        renderer = lay_out(fig)  # one layout pass for both checks
        assert overlapping_texts(fig, renderer) == [], name
        assert overlapping_tick_labels(fig, renderer) == [], name
        plt.close(fig)


def test_peers_figure_does_not_join_liaoning_across_its_correction():
    from analysis import peers

    plotting.use_house_style("en")
    fig = peers.figure("en")
    published = fig.axes[0]
    line = next(ln for ln in published.get_lines() if ln.get_label().startswith("Liaoning"))
    ys = dict(zip(line.get_xdata(), line.get_ydata(), strict=True))
    assert math.isnan(ys[2016])  # the line stops: 2015 and 2017 are not joined through 2016
    legend = [t.get_text() for t in published.get_legend().get_texts()]
    assert legend == ["Liaoning 2016: across its correction, not growth"]
    real = [ln.get_label() for ln in fig.axes[2].get_lines()]
    assert any("early-2018" in lab for lab in real)
    plt.close(fig)
