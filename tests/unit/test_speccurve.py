"""The specification curve (analysis.speccurve): sorted estimates, the dot matrix, the chosen
specification, bilingual labels, no text over another."""

import matplotlib.pyplot as plt
import pytest
from textboxes import text_problems

from analysis import specgrid
from analysis.plotting import use_house_style
from analysis.speccurve import spec_curve
from analysis.specgrid import Dimension, Estimate, option_label

DIMS = [specgrid.window_dimension(2006, (2006, 2013)), specgrid.form_dimension(),
        specgrid.deflator_dimension()]


def toy(fit_window, trend_form, deflator):
    value = -40 + 2 * (fit_window[0] - 2006) + 5 * (trend_form == "linear") \
        + 10 * (deflator != "none")
    return Estimate(value, value - 12, value + 12, value + 12 < 0)


@pytest.fixture(params=["en", "zh"])
def drawn(request):
    use_house_style(request.param)
    frame = specgrid.evaluate(DIMS, toy)
    fig, ax = spec_curve(frame, lang=request.param, title="Toy", unit="%", source="Source: toy",
                         holds_label="holds", fails_label="fails")
    yield request.param, frame, fig, ax
    plt.close(fig)


def test_curve_is_sorted_and_the_matrix_marks_every_specification(drawn):
    lang, frame, fig, ax = drawn
    assert len(fig.axes) == 2  # the curve and the dot matrix
    values = ax.collections[1].get_offsets()[:, 1]
    assert list(values) == sorted(frame["value"])
    matrix = fig.axes[1]
    # one mark per specification and dimension; a header row per dimension, a row per option
    assert sum(len(c.get_offsets()) for c in matrix.collections) == len(frame) * len(DIMS)
    assert len(matrix.get_yticklabels()) == sum(1 + len(d.options) for d in DIMS)


def test_chosen_specification_is_highlighted_where_its_estimate_lies(drawn):
    _, frame, fig, ax = drawn
    x, y = ax.collections[2].get_offsets()[0]
    chosen = frame.loc[frame["chosen"], "value"].iloc[0]
    assert y == chosen
    rank = sorted(frame["value"].tolist()).index(chosen) + 1
    assert rank <= x <= rank + (frame["value"] == chosen).sum() - 1


def test_labels_are_in_the_label_language_and_nothing_overlaps(drawn):
    lang, _, fig, _ = drawn
    ticks = [x.get_text() for x in fig.axes[1].get_yticklabels()]
    assert ticks[10:14] == (["Functional form", "Log-linear", "Linear in levels",
                             "Squared term (logs)"] if lang == "en"
                            else ["函数形式", "对数线性", "水平值线性", "含二次项（对数）"])
    assert ticks[:2] == (["Fit window", "2006-2012"] if lang == "en" else ["拟合区间", "2006-2012"])
    assert not text_problems(fig)


def test_option_labels():
    assert option_label("fit_window", (2006, 2013), "zh") == "2006-2013"
    assert option_label("deflator", "china_ppi", "en") == "China's PPI (external)"
    assert option_label("other", "unlabelled", "en") == "unlabelled"


def test_a_grid_without_dimensions_is_refused():
    frame = specgrid.evaluate([Dimension("a", (1,), 1)], lambda a: Estimate(1, 0, 2, True))
    with pytest.raises(ValueError, match="at least one dimension"):
        spec_curve(frame.drop(columns="a"), lang="en", title="t", unit="%", source="s",
                   holds_label="h", fails_label="f")
