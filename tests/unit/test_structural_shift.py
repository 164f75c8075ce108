"""Notebook 02's contributions, price illustration, scenarios and figures, by hand."""

import pandas as pd
import pytest

from analysis import plotting, structural_shift

T1 = pd.DataFrame({"gdp": [100.0, 110.0]}, index=[2014, 2015])
T2 = pd.DataFrame({"primary_share": [10.0, 10.0], "secondary_share": [50.0, 40.0],
                   "tertiary_share": [40.0, 50.0]}, index=[2014, 2015])


def test_contributions_by_hand():
    c = structural_shift.sector_contributions(T1, T2).loc[2015]
    # value added 2014: 10, 50, 40; 2015: 11, 44, 55
    assert c["primary_pp"] == pytest.approx(1.0)
    assert c["secondary_pp"] == pytest.approx(-6.0)
    assert c["tertiary_pp"] == pytest.approx(15.0)
    assert c["primary_pp"] + c["secondary_pp"] + c["tertiary_pp"] == pytest.approx(
        c["gdp_growth_pct"])
    assert (c["secondary_low"], c["secondary_high"]) == pytest.approx(
        (-6.0 - 0.05 * 2.1, -6.0 + 0.05 * 2.1))
    assert c["secondary_growth_pct"] == pytest.approx(-12.0)
    assert c["tertiary_growth_pct"] == pytest.approx(37.5)


def test_contributions_2015_from_the_report_tables():
    c = structural_shift.sector_contributions().loc[2015]
    assert c["secondary_pp"] == pytest.approx((0.455 * 2866.9 - 0.502 * 2862.6) / 2862.6 * 100)
    assert c["tertiary_pp"] == pytest.approx((0.462 * 2866.9 - 0.418 * 2862.6) / 2862.6 * 100)
    # services grew about as much as industry fell: the 2015 jump is not industry alone
    assert c["tertiary_pp"] > 4.0 and c["secondary_pp"] < -4.0


def test_shares_at_base_prices_by_hand():
    s = structural_shift.shares_at_base_prices(2011)
    assert s.at[2011, "tertiary_share_base_prices"] == pytest.approx(36.7)
    cpi, ppi = 1.0265, 1 - 0.0172  # China 2012: CPI +2.65 %, PPI -1.72 %
    real = {"p": 8.7 / cpi, "s": 53.2 / ppi, "t": 38.1 / cpi}
    assert s.at[2012, "tertiary_share_base_prices"] == pytest.approx(
        real["t"] / sum(real.values()) * 100)
    assert s.at[2012, "industry_price_relative_to_services_pct"] == pytest.approx(
        (ppi / cpi - 1) * 100)


def test_catch_up_scenarios_by_hand():
    s = structural_shift.catch_up_scenarios(4.0, [1.0, 2.0], {"fixed": 0.0, "moving": 1.5})
    assert s.at[(1.0, "fixed"), "years"] == pytest.approx(4.0)
    assert s.at[(1.0, "moving"), "years"] == float("inf")
    assert s.at[(2.0, "moving"), "years"] == pytest.approx(8.0)


def test_figure_titles_name_the_plotted_years():
    plotting.use_house_style("en")
    shares = structural_shift.sector_shares()
    assert structural_shift.shares_title(shares, "en").endswith("2006-2015")
    fig = structural_shift.shares_figure(shares, "en")
    xs = [x for line in fig.axes[0].get_lines() for x in line.get_xdata()]
    assert f"{int(min(xs))}-{int(max(xs))}" in fig.axes[0].get_title(loc="left")


def test_tertiary_gap_trend_only_over_its_window_and_a_prediction_band():
    plotting.use_house_style("en")
    shares = structural_shift.sector_shares()
    fig = structural_shift.tertiary_gap_figure(shares, 2011, 2015, "en")
    ax = fig.axes[0]
    trend = [line for line in ax.get_lines() if line.get_color() == structural_shift.TREND_COLOUR]
    xs = sorted({int(x) for line in trend for x in line.get_xdata()})
    assert xs[0] == 2011  # no line drawn back over the years it was not fitted to
    labels = ax.get_legend_handles_labels()[1]
    assert any("prediction interval" in lab for lab in labels)
    assert not any("confidence" in lab for lab in labels)
    assert structural_shift.TREND_COLOUR != plotting.EXTERNAL_COLOUR
