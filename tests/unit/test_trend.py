"""Trend, prediction-interval and break-test helpers against values computed by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis import trend

# Hand example used throughout: t = 0..3, y = 1, 3, 2, 5.
# tbar = 1.5, ybar = 2.75, Sxx = 5, Sxy = 5.5 -> slope 1.1, intercept 1.1;
# fitted 1.1 2.2 3.3 4.4, residuals -0.1 0.8 -1.3 0.6, RSS = 2.7, s^2 = 1.35 (2 df);
# se(slope) = sqrt(1.35 / 5) = 0.519615; t(0.975, 2) = 4.302653;
# slope CI = 1.1 -+ 2.235724 = [-1.135724, 3.335724].
HAND = pd.Series([1.0, 3.0, 2.0, 5.0], index=[2000, 2001, 2002, 2003], name="y")


def test_linear_trend_matches_hand_ols():
    fit = trend.linear_trend(HAND, 2000, 2003)
    assert fit.slope == pytest.approx(1.1)
    assert fit.intercept == pytest.approx(1.1)
    assert fit.n == 4
    assert fit.slope_ci == pytest.approx((-1.135724, 3.335724), abs=1e-6)


def test_linear_trend_uses_only_the_window():
    s = pd.concat([HAND, pd.Series([100.0], index=[2004])]).rename("y")
    assert trend.linear_trend(s, 2000, 2003).slope == pytest.approx(1.1)


def test_exact_exponential_gives_exact_growth_and_zero_width_ci():
    s = pd.Series(100 * 1.1 ** np.arange(8), index=range(2006, 2014), name="x")
    fit = trend.fit_log_linear_trend(s, 2006, 2013)
    assert fit.growth_pct == pytest.approx(10.0)
    assert fit.growth_ci == pytest.approx((10.0, 10.0), abs=1e-6)
    pred = trend.predict_with_intervals(fit, [2014, 2015])
    assert pred["predicted"].tolist() == pytest.approx([100 * 1.1**8, 100 * 1.1**9])
    assert pred["pi_lower"].tolist() == pytest.approx(pred["predicted"].tolist())


def test_log_growth_ci_is_exp_of_log_slope_ci():
    # ln(s) = HAND, so the log slope is 1.1 with the CI above: growth = 100 * (e^b - 1).
    s = np.exp(HAND)
    fit = trend.fit_log_linear_trend(s, 2000, 2003)
    assert fit.log_slope == pytest.approx(1.1)
    assert fit.growth_pct == pytest.approx(100 * (math.exp(1.1) - 1))
    assert fit.growth_ci[0] == pytest.approx(100 * (math.exp(-1.135724) - 1), rel=1e-5)
    assert fit.growth_ci[1] == pytest.approx(100 * (math.exp(3.335724) - 1), rel=1e-5)


def test_prediction_intervals_match_hand_formula():
    # At t = 4: fit 5.5; PI half-width t * sqrt(s^2 (1 + 1/4 + 2.5^2/5)) = 4.302653 * sqrt(3.375)
    # = 7.904478; CI half-width t * sqrt(s^2 (1/4 + 1.25)) = 6.122782.
    pred = trend.predict_with_intervals(trend.linear_trend(HAND, 2000, 2003), [2004])
    row = pred.loc[2004]
    assert row["predicted"] == pytest.approx(5.5)
    assert (row["pi_lower"], row["pi_upper"]) == pytest.approx((5.5 - 7.904478, 5.5 + 7.904478))
    assert (row["ci_lower"], row["ci_upper"]) == pytest.approx((5.5 - 6.122782, 5.5 + 6.122782))
    # Log fit: the same numbers, back-transformed.
    log_fit = trend.fit_log_linear_trend(np.exp(HAND), 2000, 2003)
    lpred = trend.predict_with_intervals(log_fit, [2004])
    assert lpred.loc[2004, "predicted"] == pytest.approx(math.exp(5.5))
    assert lpred.loc[2004, "pi_upper"] == pytest.approx(math.exp(5.5 + 7.904478), rel=1e-6)


def test_shortfall_gap_percent_and_inside_flag():
    pred = pd.DataFrame(
        {"predicted": [200.0, 250.0], "ci_lower": 0.0, "ci_upper": 0.0,
         "pi_lower": [150.0, 210.0], "pi_upper": [260.0, 300.0]},
        index=pd.Index([2014, 2015], name="year"),
    )
    actual = pd.Series([180.0, 200.0], index=[2014, 2015], name="x")
    sf = trend.shortfall(actual, pred)
    assert sf["gap"].tolist() == [-20.0, -50.0]
    assert sf["gap_pct"].tolist() == pytest.approx([-10.0, -20.0])
    assert sf["inside_pi"].tolist() == [True, False]


def test_shortfall_names_missing_year():
    pred = pd.DataFrame({"predicted": [1.0], "pi_lower": [0.0], "pi_upper": [2.0]}, index=[2016])
    with pytest.raises(ValueError, match="2016"):
        trend.shortfall(pd.Series([1.0], index=[2015], name="x"), pred)


def _wiggle(n):
    return np.array([0.3, -0.2, 0.1, -0.3, 0.2, -0.1, 0.25, -0.15, 0.05, -0.05][:n])


def test_bad_input_errors_name_the_problem():
    with pytest.raises(ValueError, match="2002"):
        trend.linear_trend(HAND.drop(2002), 2000, 2003)
    with pytest.raises(ValueError, match="positive"):
        trend.fit_log_linear_trend(HAND - 2, 2000, 2003)
    with pytest.raises(ValueError, match="start"):
        trend.linear_trend(HAND, 2003, 2000)


def test_table_helpers_collect_per_series_results():
    years = range(2006, 2016)
    t = np.arange(10)
    frame = pd.DataFrame(
        {"a": 100 * 1.1**t,
         "b": np.exp(1 + 0.05 * t + _wiggle(10) / 10 - np.where(t >= 8, 1.0, 0.0))},
        index=pd.Index(years, name="year"),
    )
    ft = trend.fit_table(frame, ["a"], 2006, 2013)
    assert ft.loc["a", "growth_pct"] == pytest.approx(10.0)
    assert ft.loc["a", "n_years"] == 8
    sf = trend.shortfall_table(frame, ["a"], 2006, 2013)
    assert list(sf.index) == [("a", 2014), ("a", 2015)]
    assert sf["gap_pct"].tolist() == pytest.approx([0.0, 0.0], abs=1e-9)


def test_window_sensitivity_rows_per_start():
    # exact 10 % growth: every start gives the same trend and zero gap
    s = pd.Series(100 * 1.1 ** np.arange(10), index=range(2006, 2016), name="x")
    ws = trend.window_sensitivity(s, [2006, 2010], 2013)
    assert list(ws.index) == [(2006, 2014), (2006, 2015), (2010, 2014), (2010, 2015)]
    assert ws["growth_pct"].tolist() == pytest.approx([10.0] * 4)
    assert ws["n_years"].tolist() == [8, 8, 4, 4]
    assert ws["gap_pct"].abs().max() < 1e-9


def test_durbin_watson_and_quadratic_by_hand():
    # residuals alternate in sign for a wiggle around a line: DW well above 2;
    # exact quadratic growth in logs: the squared term is found, the linear fit's DW is low.
    t = np.arange(8)
    wiggle = pd.Series(np.exp(0.1 * t + 0.05 * (-1) ** t), index=range(2006, 2014), name="w")
    assert trend.durbin_watson(trend.fit_log_linear_trend(wiggle, 2006, 2013)) > 3
    curved = pd.Series(np.exp(0.3 * t - 0.03 * t**2 + _wiggle(8) / 1000), index=range(2006, 2014),
                       name="c")
    lin = trend.fit_log_linear_trend(curved, 2006, 2013)
    quad = trend.fit_quadratic_log_trend(curved, 2006, 2013)
    assert trend.durbin_watson(lin) < 1
    assert quad.t2_coef == pytest.approx(-0.03, abs=1e-3)
    assert quad.t2_p_value < 0.001
    r = trend.residuals(lin)
    assert list(r.index) == list(range(2006, 2014))


def test_diagnostics_table_has_durbin_watson_and_the_squared_term():
    t = np.arange(10)
    curved = np.exp(0.3 * t - 0.03 * t**2 + _wiggle(10) / 1000)
    frame = pd.DataFrame({"c": curved}, index=range(2006, 2016))
    table = trend.diagnostics_table(frame, 2006, 2013)
    assert list(table.columns) == ["durbin_watson", "t2_p_value"]
    fit = trend.fit_log_linear_trend(frame["c"], 2006, 2013)
    assert table.loc["c", "durbin_watson"] == pytest.approx(trend.durbin_watson(fit))
    assert table.loc["c", "t2_p_value"] < 0.001  # the curve bends: the squared term is found
