"""Break tests (analysis.breaks) against hand-computed values: one design, gaps and p-values
from the same fits, placebo windows with equal degrees of freedom."""

import numpy as np
import pandas as pd
import pytest

from analysis import breaks, data, trendgap


def _wiggle(n):
    return np.array([0.3, -0.2, 0.1, -0.3, 0.2, -0.1, 0.25, -0.15, 0.05, -0.05][:n])


def test_chow_predictive_matches_hand_f():
    # Pre t=0..3 (HAND, RSS1 = 2.7); post t=4,5 y = 20, 22. Pooled line on 6 points:
    # Sxx = 17.5, Sxy = 79.5, Syy = 923 - 6 * (53/6)^2 = 454.8333, RSS = 454.8333 - 79.5^2/17.5
    # = 93.67619. F = ((93.67619 - 2.7) / 2) / (2.7 / 2) = 33.69489, df (2, 2).
    s = pd.Series([1.0, 3.0, 2.0, 5.0, 20.0, 22.0], index=range(2000, 2006), name="y")
    for method in ("predictive", "breakpoint"):
        r = breaks.chow_test(s, 2004, log=False, method=method)
        assert r.f_stat == pytest.approx(33.69489, rel=1e-5)
        assert (r.df_num, r.df_denom, r.n_pre, r.n_post) == (2, 2, 4, 2)


def _wiggle(n):
    return np.array([0.3, -0.2, 0.1, -0.3, 0.2, -0.1, 0.25, -0.15, 0.05, -0.05][:n])


def test_chow_rejects_an_obvious_break():
    t = np.arange(10)
    y = 10 + 2 * t + _wiggle(10) - np.where(t >= 8, 15.0, 0.0)
    r = breaks.chow_test(pd.Series(y, index=range(2006, 2016), name="y"), 2014, log=False)
    assert r.p_value < 0.001


def test_chow_does_not_reject_a_straight_line():
    t = np.arange(10)
    y = 10 + 2 * t + _wiggle(10)
    r = breaks.chow_test(pd.Series(y, index=range(2006, 2016), name="y"), 2014, log=False)
    assert r.p_value > 0.2


def test_chow_breakpoint_needs_two_post_years():
    s = pd.Series(np.exp(np.arange(10) + _wiggle(10)), index=range(2006, 2016), name="y")
    with pytest.raises(ValueError, match="predictive"):
        breaks.chow_test(s, 2015)
    assert breaks.chow_test(s, 2015, method="predictive").df_num == 1


def test_placebo_windows_have_equal_df_and_their_own_gaps():
    t = np.arange(10)
    y = pd.Series(10 + 2 * t + _wiggle(10) - np.where(t >= 8, 15.0, 0.0), index=range(2006, 2016),
                  name="y")
    pb = breaks.placebo_breaks(y, n_post=2, pre_years=4, log=False).set_index("break_year")
    assert list(pb.index) == [2010, 2011, 2012, 2013, 2014]
    assert set(pb["df_denom"]) == {2} and pb.loc[2014, "fit_start"] == 2010
    # the two windows that hold the drop (in 2014) come first, by p and by size
    assert sorted(pb.loc[[2013, 2014], "rank_by_p"]) == [1, 2]
    assert sorted(pb.loc[[2013, 2014], "rank_by_size"]) == [1, 2]
    # the gaps are those of the same 4-year fits the p-values come from
    own = trendgap.gap(y, 2010, 2013, 2015, "linear")
    assert pb.loc[2014, "gap_last_pct"] == pytest.approx(own.gap_pct)
    assert pb.loc[2014, "p_value"] == pytest.approx(
        breaks.chow_test(y, 2014, start=2010, end=2015, log=False, method="predictive").p_value)


def test_fdi_placebos_2014_is_largest_in_size_2011_smallest_p():
    # issue 18, point 3: 2014's gap is -16.9 % against 2011's -10.2 %; 2011 ranks first on p
    # only through its fit's smaller residual spread.
    fdi = data.load("table_fdi")["fdi"]
    pb = breaks.placebo_breaks(fdi, n_post=1, pre_years=4, end=2014).set_index("break_year")
    assert round(pb.loc[2014, "gap_pct"], 1) == -16.9
    assert round(pb.loc[2011, "gap_pct"], 1) == -10.2
    assert pb.loc[2014, "rank_by_size"] == 1 and pb.loc[2011, "rank_by_p"] == 1
    assert "gap_first_pct" not in pb.columns


def test_break_table_p_and_gaps_come_from_the_same_fit():
    t3 = data.load("table3_foreign_trade")
    table = breaks.break_table(t3, ["exports", "imports", "total_trade"], 2006, 2013)
    assert table["p_value"].round(3).tolist() == [0.072, 0.014, 0.025]
    assert table.loc["total_trade", ["first_year", "last_year"]].tolist() == [2014, 2015]
    assert round(table.loc["total_trade", "gap_last_pct"], 1) == -34.5
    # one year after the window: the prediction-interval check itself
    fdi = data.load("table_fdi")
    one = breaks.break_table(fdi, ["fdi"], 2006, 2013, last=2014).loc["fdi"]
    assert one["p_value"] == pytest.approx(trendgap.gap(fdi["fdi"], 2006, 2013, 2014).p_value)
    assert one["df_num"] == 1


def test_placebo_needs_a_residual():
    with pytest.raises(ValueError, match="pre_years"):
        breaks.placebo_breaks(pd.Series(range(1, 11), index=range(2006, 2016)), 1, pre_years=2)
