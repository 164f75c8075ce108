"""Closed-form trend gaps (analysis.trendgap) against hand-computed values and analysis.trend."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis import breaks, data, trend, trendgap

# Hand example (as in test_trend): t = 0..3, y = 1, 3, 2, 5; the straight line is 1.1 + 1.1 t,
# RSS 2.7, s^2 = 1.35 on 2 df. At t = 4 the line gives 5.5 and a new year's standard error is
# sqrt(1.35 * (1 + 1/4 + 2.5^2/5)) = sqrt(3.375); t(0.975, 2) = 4.302653, so the 95 % PI is
# 5.5 -+ 7.904478. An actual value of 10 there: gap 100 * (10/5.5 - 1) = 81.818 %; the PI allows
# gaps from 100 * (10/13.404478 - 1) = -25.398 % up (the PI's lower end is negative, so no
# upper limit); t = 4.5 / sqrt(3.375) = sqrt(6), whose two-sided p on 2 df is
# 1 - t / sqrt(2 + t^2) = 1 - sqrt(6/8) = 0.133975.
HAND = pd.Series([1.0, 3.0, 2.0, 5.0, 10.0], index=range(2000, 2005), name="y")


def test_linear_gap_matches_hand_formula():
    g = trendgap.gap(HAND, 2000, 2003, 2004, "linear")
    assert g.predicted == pytest.approx(5.5)
    assert (g.pi_lower, g.pi_upper) == pytest.approx((5.5 - 7.904478, 5.5 + 7.904478))
    assert g.gap_pct == pytest.approx(81.818182)
    assert g.gap_low_pct == pytest.approx(-25.398066)
    assert g.gap_high_pct == math.inf
    assert g.p_value == pytest.approx(1 - math.sqrt(6 / 8))
    assert not g.outside


def test_constant_form_is_the_mean_with_its_prediction_interval():
    # mean 2.75; s^2 = (1.75^2 + 0.25^2 + 0.75^2 + 2.25^2) / 3 = 35/12; a new year's standard
    # error sqrt(35/12 * (1 + 1/4)) = 1.909407; t(0.975, 3) = 3.182446 -> half-width 6.076584.
    g = trendgap.gap(HAND, 2000, 2003, 2004, "constant")
    assert g.predicted == pytest.approx(2.75)
    assert g.pi_upper == pytest.approx(2.75 + 6.076584)
    assert g.outside  # 10 > 8.83


def test_log_forms_are_the_level_forms_on_logs_back_transformed():
    g = trendgap.gap(np.exp(HAND), 2000, 2003, 2004, "log_linear")
    assert g.predicted == pytest.approx(math.exp(5.5))
    assert g.pi_lower == pytest.approx(math.exp(5.5 - 7.904478), rel=1e-6)
    assert g.p_value == pytest.approx(1 - math.sqrt(6 / 8))


def test_slope_and_its_confidence_interval_match_hand_ols():
    # se(slope) = sqrt(1.35 / 5) = 0.519615; CI 1.1 -+ 4.302653 * 0.519615.
    b, lo, hi = trendgap.fit(HAND, 2000, 2003, "linear").slope_ci()
    assert (b, lo, hi) == pytest.approx((1.1, -1.135724, 3.335724), abs=1e-6)


def test_an_exact_quadratic_in_logs_is_predicted_exactly():
    t = np.arange(6)
    exact = pd.Series(np.exp(0.1 * t + 0.01 * t**2), index=range(2000, 2006))
    g = trendgap.gap(exact, 2000, 2004, 2005, "quadratic")
    assert g.gap_pct == pytest.approx(0.0, abs=1e-9)
    assert g.pi_upper - g.pi_lower == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("form", ["log_linear", "quadratic"])
def test_same_numbers_as_the_statsmodels_fits_on_table3(form):
    total = data.load("table3_foreign_trade")["total_trade"]
    fitted = (trend.fit_log_linear_trend if form == "log_linear"
              else trend.fit_quadratic_log_trend)(total, 2006, 2013)
    expected = trend.predict_with_intervals(fitted, [2015]).loc[2015]
    g = trendgap.gap(total, 2006, 2013, 2015, form)
    assert g.predicted == pytest.approx(expected["predicted"])
    assert (g.pi_lower, g.pi_upper) == pytest.approx((expected["pi_lower"], expected["pi_upper"]))


def test_one_year_gap_p_value_is_the_predictive_chow_test():
    # "outside the 95 % PI" and the one-year predictive Chow test are one test (issue 18, 3)
    fdi = data.load("table_fdi")["fdi"]
    chow = breaks.chow_test(fdi, 2014, start=2006, end=2014, method="predictive")
    g = trendgap.gap(fdi, 2006, 2013, 2014)
    assert g.p_value == pytest.approx(chow.p_value)
    assert g.outside == (chow.p_value < 0.05)


def test_refusals_name_the_problem():
    with pytest.raises(ValueError, match="lies in the fit window"):
        trendgap.gap(HAND, 2000, 2004, 2003)
    with pytest.raises(ValueError, match="unknown trend form"):
        trendgap.fit(HAND, 2000, 2003, "cubic")
    with pytest.raises(ValueError, match=r"no value for year\(s\) \[1999\]"):
        trendgap.fit(HAND, 1999, 2003)
    with pytest.raises(ValueError, match="positive"):
        trendgap.fit(HAND - 2, 2000, 2003, "log_linear")
    with pytest.raises(ValueError, match="no residual degree"):
        trendgap.fit(HAND, 2000, 2002, "quadratic")
