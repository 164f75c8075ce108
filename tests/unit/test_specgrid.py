"""Specification grids (analysis.specgrid) on a toy headline whose every value is known."""

import pytest

from analysis import specgrid
from analysis.specgrid import Dimension, Estimate

# Toy grid: a in (1, 2, 3), chosen 2; b in ("x", "y"), chosen "x"; value = 10 a + (b == "y"),
# interval value -+ 1, the conclusion "value > 15". Values 10, 11, 20, 21, 30, 31: the chosen
# specification (2, "x") gives 20 and holds; the range is 10-31; it holds in 4 of 6.
DIMS = [Dimension("a", (1, 2, 3), 2), Dimension("b", ("x", "y"), "x")]


def toy(a, b):
    value = 10 * a + (b == "y")
    return Estimate(value, value - 1, value + 1, value > 15)


def test_evaluate_runs_every_combination_and_marks_the_chosen_one():
    frame = specgrid.evaluate(DIMS, toy)
    assert len(frame) == 6
    assert list(frame.columns) == ["a", "b", "value", "low", "high", "holds", "chosen"]
    assert frame.loc[frame["chosen"], ["a", "b", "value"]].values.tolist() == [[2, "x", 20.0]]
    assert specgrid.dimensions_of(frame) == ["a", "b"]


def test_summary_gives_chosen_value_range_and_k_of_n():
    s = specgrid.summarise(specgrid.evaluate(DIMS, toy))
    assert (s.chosen, s.chosen_low, s.chosen_high, s.chosen_holds) == (20.0, 19.0, 21.0, True)
    assert (s.low, s.high, s.k, s.n) == (10.0, 31.0, 4, 6)
    assert s.share == pytest.approx(4 / 6)
    assert not s.robust  # 4 of 6 is not "nearly all"


def test_by_option_and_what_the_conclusion_depends_on():
    frame = specgrid.evaluate(DIMS, toy)
    a = specgrid.by_option(frame, "a")
    assert list(a.columns) == ["grid_min", "grid_max", "holds_in", "specifications"]
    assert a.loc[1].tolist() == [10.0, 11.0, 0, 2]
    assert a.loc[3].tolist() == [30.0, 31.0, 2, 2]
    assert specgrid.depends_on(frame) == [("a", 1)]  # fails whenever a = 1


def test_robust_needs_nearly_all_specifications():
    frame = specgrid.evaluate([Dimension("a", tuple(range(10)), 5)],
                              lambda a: Estimate(a, a, a, a > 0))
    s = specgrid.summarise(frame)
    assert (s.k, s.n, s.robust) == (9, 10, True)
    assert specgrid.k_of_n(s, "en") == "in 9 of 10 specifications"
    assert specgrid.k_of_n(s, "zh") == "在 10 个设定中的 9 个"


def test_fit_windows_of_six_years_or_more_ending_2012_to_2014():
    windows = specgrid.fit_windows(2006)
    assert windows == ((2006, 2012), (2007, 2012), (2006, 2013), (2007, 2013), (2008, 2013),
                       (2006, 2014), (2007, 2014), (2008, 2014), (2009, 2014))
    assert specgrid.fit_windows(2006, before=2014)[-1] == (2008, 2013)
    with pytest.raises(ValueError, match="no fit window"):
        specgrid.fit_windows(2010, ends=(2012,))


def test_standard_dimensions():
    assert specgrid.form_dimension().options == ("log_linear", "linear", "quadratic")
    assert specgrid.form_dimension(share=True).options[-1] == "constant"
    deflators = specgrid.deflator_dimension("china_ppi")
    assert deflators.options == ("none", "china_ppi", "china_gdp_deflator", "china_cpi")
    assert deflators.chosen == "china_ppi"
    assert specgrid.window_dimension(2006, (2006, 2013)).chosen == (2006, 2013)
    odd = specgrid.window_dimension(2006, (2010, 2013))  # a parameter outside the standard set
    assert odd.options[-1] == odd.chosen == (2010, 2013) and len(odd.options) == 10


def test_bad_declarations_are_refused():
    with pytest.raises(ValueError, match="not among its options"):
        Dimension("a", (1, 2), 3)
    with pytest.raises(ValueError, match="twice"):
        Dimension("a", (1, 1), 1)
    with pytest.raises(ValueError, match="reserved"):
        Dimension("value", (1,), 1)
    with pytest.raises(ValueError, match="declared twice"):
        specgrid.evaluate([DIMS[0], DIMS[0]], toy)
    frame = specgrid.evaluate(DIMS, toy)
    with pytest.raises(ValueError, match="exactly one chosen"):
        specgrid.summarise(frame.assign(chosen=False))


def test_key_figures_name_the_range_and_the_count():
    s = specgrid.summarise(specgrid.evaluate(DIMS, toy))
    entries = specgrid.key_figures("toy_pct", s, "percent", "Toy value", "it exceeds 15")
    assert [e[0] for e in entries] == ["toy_pct", "toy_pct_grid_min", "toy_pct_grid_max",
                                       "toy_pct_grid_k", "toy_pct_grid_n"]
    assert [e[1] for e in entries] == [20.0, 10.0, 31.0, 4.0, 6.0]
    assert entries[3][2:] == ("specifications",
                              "Toy value: specifications in which it exceeds 15")
    assert all(e[3] for e in entries)


def test_summary_table_one_row_per_headline():
    s = specgrid.summarise(specgrid.evaluate(DIMS, toy))
    table = specgrid.summary_table({"toy": s})
    assert table.loc["toy", ["chosen_value", "grid_min", "grid_max", "holds_in",
                             "specifications"]].tolist() == [20.0, 10.0, 31.0, 4, 6]


def test_robustness_words_name_what_the_conclusion_depends_on():
    frame = specgrid.evaluate(DIMS, toy)  # holds in 4 of 6, fails whenever a = 1
    assert specgrid.robustness_words(frame, "en") == (
        "it holds in 4 of 6 specifications, but fails mostly under a: 1 (0 of 2)")
    assert specgrid.robustness_words(frame, "zh") == (
        "在 6 个设定中的 4 个成立，但在以下设定下多不成立：a：1（2 个中 0 个）")
    few = specgrid.evaluate(DIMS, lambda a, b: toy(a, b) if a == 3 else
                            Estimate(0, -1, 1, False))  # holds only where a = 3 (2 of 6)
    assert specgrid.robustness_words(few, "en") == (
        "not in the chosen specification; it holds only in 2 of 6 specifications, mostly "
        "under a: 3 (2 of 2)")
