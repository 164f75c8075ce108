"""Notebook 02's contributions, price illustration, scenarios and figures, by hand."""

import math

import pandas as pd
import pytest

from analysis import plotting, specgrid, structural_shift, structural_shift_charts

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
    assert structural_shift_charts.shares_title(shares, "en").endswith("2006-2015")
    fig = structural_shift_charts.shares_figure(shares, "en")
    xs = [x for line in fig.axes[0].get_lines() for x in line.get_xdata()]
    assert f"{int(min(xs))}-{int(max(xs))}" in fig.axes[0].get_title(loc="left")


def test_tertiary_gap_trend_solid_over_its_window_dashed_beyond_and_vintages_named():
    """Issue 20: the text says solid over the fit window, dashed beyond it to 2017; so does
    the figure, and each line names its vintage (issue 18, point 6)."""
    plotting.use_house_style("en")
    shares = structural_shift.sector_shares()
    fig = structural_shift_charts.tertiary_gap_figure(shares, 2011, 2015, "en")
    ax = fig.axes[0]
    trend = [line for line in ax.get_lines()
             if line.get_color() == structural_shift_charts.TREND_COLOUR]
    solid = [ln for ln in trend if ln.get_linestyle() == "-"]
    dashed = [ln for ln in trend if ln.get_linestyle() == "--"]
    assert [int(x) for x in solid[0].get_xdata()] == list(range(2011, 2016))
    assert [int(x) for x in dashed[0].get_xdata()] == [2015, 2016, 2017]
    labels = ax.get_legend_handles_labels()[1]
    assert any("prediction interval" in lab for lab in labels)
    assert any("extrapolated 2015-2017" in lab for lab in labels)
    assert not any("confidence" in lab for lab in labels)
    assert any("as published" in lab for lab in labels)
    assert any("revised" in lab for lab in labels)
    assert structural_shift_charts.TREND_COLOUR != plotting.EXTERNAL_COLOUR


def test_pace_table_has_holm_beside_raw_p():
    paces = structural_shift.pace_table(structural_shift.sector_shares(),
                                        [(2011, 2015), (2011, 2014), (2006, 2015)])
    p = sorted(paces["p_value"])
    # Holm by hand: 3 p, 2 p, 1 p, made monotone
    expected = sorted([min(1, 3 * p[0]), min(1, max(3 * p[0], 2 * p[1])),
                       min(1, max(3 * p[0], 2 * p[1], p[2]))])
    assert sorted(paces["p_holm"]) == pytest.approx(expected)
    assert paces.at["2011-2015", "pace_pp_per_year"] == pytest.approx(2.27)


def test_pace_at_end_by_hand():
    line = pd.Series([1.0, 2.0, 3.5, 4.0, 5.5], index=range(2011, 2016), name="s")
    value, low, high, p = structural_shift.pace_at_end(line, 2011, 2015, "linear")
    assert value == pytest.approx(1.1) and low < value < high and 0 < p < 0.01
    growth = pd.Series([10.0 * 1.1**i for i in range(5)], index=range(2011, 2016), name="g")
    value, low, high, _ = structural_shift.pace_at_end(growth, 2011, 2015, "log_linear")
    assert value == pytest.approx(10.0 * 1.1**4 * math.log(1.1))  # slope of the fitted curve
    assert (low, high) == pytest.approx((value, value))  # an exact fit has no spread
    value, *_ = structural_shift.pace_at_end(growth, 2011, 2015, "quadratic")
    assert value == pytest.approx(10.0 * 1.1**4 * math.log(1.1))
    with pytest.raises(ValueError, match="form"):
        structural_shift.pace_at_end(line, 2011, 2015, "cubic")


def test_pace_grid_declares_its_choices_and_counts():
    grid = structural_shift.pace_grid()
    assert set(grid["trend_form"]) == {"linear", "log_linear", "quadratic"}
    assert set(grid["deflator"]) == {"none", "ppi_cpi_2011"}
    windows = set(grid["fit_window"])
    assert (2011, 2015) in windows and (2006, 2013) in windows and (2009, 2013) not in windows
    assert all(b - a + 1 >= 6 for a, b in windows - {(2011, 2015)})
    assert len(grid) == 13 * 3 * 2
    s = specgrid.summarise(grid)
    assert s.chosen == pytest.approx(2.27) and s.chosen_holds
    assert (s.k, s.n) == (35, 78) and not s.robust


def test_shares_at_base_prices_reach_back_to_2006():
    s = structural_shift.shares_at_base_prices(2011, 2006)
    assert list(s.index) == list(range(2006, 2016))
    assert s.at[2011, "tertiary_share_base_prices"] == pytest.approx(36.7)
    assert s.at[2006, "tertiary_share_nominal"] == pytest.approx(3798.26 / 9304.52 * 100)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_findings_headline_and_scenario_note_in_both_languages(lang):
    shares = structural_shift.sector_shares()
    contrib = structural_shift.sector_contributions()
    paces = structural_shift.pace_table(shares, [(2011, 2015), (2011, 2014), (2006, 2015)])
    grid = structural_shift.pace_grid()
    scen = structural_shift.catch_up_scenarios(4.0, [0.5, 1.0, 2.0],
                                               {"fixed": 0.0, "moving": 0.695})
    text = structural_shift.findings(contrib, structural_shift.shares_at_base_prices(), paces,
                                     grid, 4.0, scen, lang)
    assert "4.63" in text and "4.47" in text and "2.27" in text and "35" in text
    assert "78" in text and "-0.49" in text and "4.63" in text
    head = structural_shift.headline(shares, contrib, grid, lang)
    assert head.count("- ") >= 2 and "36.7" in head and "46.2" in head and "35" in head
    note = structural_shift.scenario_vintage_note(lang)
    assert "50.24" in note and "50.2" in note
    if lang == "en":
        assert "holds only in 35 of 78" in text and "12 of 52" in text
        assert "not a robust estimate" in head
        assert "as published" in note and "revised" in note
    else:
        assert "仅在 78 个设定中的 35 个成立" in text and "52个设定中有12个" in text
        assert "并非稳健估计" in head
        assert "当时公布数" in note and "修订" in note
