"""Notebook 03's results, grids and sentences (trade_grids, trade_findings): the numbers the
referee recomputed (issue 18), the relative gap's interval, and both languages."""

import re

import pytest

from analysis import benchmarks, data, specgrid, trade_findings, trade_grids


@pytest.fixture(scope="module")
def results():
    return trade_findings.analyse(data.load("table3_foreign_trade"), trend_start=2006,
                                  trend_end=2013, price_base_year=2013, placebo_pre_years=4,
                                  fall_years=(2009, 2015))


def test_the_relative_gap_is_the_share_gap_and_so_has_an_interval(results):
    # OLS on ln(L) - ln(C) is the difference of the two fits: the share's gap to its log trend
    # equals (1 + Liaoning's gap) / (1 + China's gap) - 1 exactly
    own = results.shortfall.loc[("total_trade", 2015), "gap_pct"]
    china = results.china_shortfall.loc[("total_trade", 2015), "gap_pct"]
    assert results.share_gap.gap_pct == pytest.approx(benchmarks.relative_gap_pct(own, china))
    assert round(results.share_gap.gap_pct, 1) == -9.3
    assert results.share_gap.gap_low_pct < results.share_gap.gap_pct < \
        results.share_gap.gap_high_pct < 0


def test_constant_share_benchmark_and_the_insignificant_slope(results):
    b, lo, hi = results.share_slope
    assert lo < 0 < hi  # the share has no significant slope
    mean = results.constant_share
    share_2015 = 100 * 960.9 / 39530.327  # Table 3 over China's NBS total, 100 million USD
    assert results.constant_share_gap.gap_pct == pytest.approx(100 * (share_2015 / mean - 1))


def test_shortfall_grid_declares_every_choice(results):
    grid = results.grids["trade_vs_trend"]
    assert specgrid.dimensions_of(grid) == ["fit_window", "trend_form", "deflator", "source"]
    assert len(grid) == 9 * 3 * 4 * 2
    s = specgrid.summarise(grid)
    assert round(s.chosen, 1) == -34.5 and s.chosen_holds
    assert s.low < -40 and s.high > -26  # the referee's "about -26 % to about -40 %" and more
    assert not s.robust


def test_deflated_view_inside_under_ppi_borderline_gdp_deflator_outside_under_cpi(results):
    ppi, gdp, cpi = (results.deflated[d] for d in ("china_ppi", "china_gdp_deflator",
                                                     "china_cpi"))
    assert not ppi.outside and ppi.gap_high_pct > trade_findings.BORDERLINE_PP
    assert not gdp.outside and gdp.gap_high_pct < trade_findings.BORDERLINE_PP
    assert cpi.outside
    view = results.grids["trade_deflated"]
    assert set(view["deflator"]) == {"china_ppi", "china_gdp_deflator", "china_cpi"}
    chosen = view[view["chosen"]].iloc[0]
    assert chosen["deflator"] == "china_ppi" and chosen["holds"]


def test_oil_grid_both_readings(results):
    grid = results.grids["oil_share"]
    assert sorted(round(v) for v in grid["value"]) == [59, 91]
    assert specgrid.summarise(grid).k == 2
    assert round(results.oil_volume_change_pct) == 55


def test_tests_counted_once_with_holm(results):
    tests = results.tests
    assert len(tests) == 15
    chow = tests[tests["test"] == "test_chow_joint"]
    assert chow["p_value"].round(3).tolist() == [0.072, 0.014, 0.025]
    assert tests["below_alpha"].sum() == 7 and tests["below_alpha_holm"].sum() == 0
    assert (tests["p_holm"] >= tests["p_value"]).all()


def test_share_grid_includes_a_constant_share(results):
    grid = results.grids["trade_vs_china"]
    const = grid[grid["trend_form"] == "constant"]
    assert len(const) == 18 and const["holds"].all()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_findings_follow_the_grid_in_both_languages(results, lang):
    text = trade_findings.findings(results, lang)
    for number in ("34.5", "-9.3", "-16.6", "91", "34.9", "2.4", "55", "0.072", "0.014",
                   "-9.8", "+3.8"):
        assert number in text, number
    assert "216" in text and "90" in text
    robust = "robust" if lang == "en" else "稳健"
    assert text.count(robust) == text.count("not robust" if lang == "en" else "不稳健") + 1
    if lang == "zh":
        latin = re.findall(r"[A-Za-z]{2,}", re.sub(r"\(.*?\)", "", text))
        assert set(latin) <= {"PI", "GDP", "NBS", "Chow", "Holm", "p"}, set(latin)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_headline_is_two_bullets(results, lang):
    text = trade_findings.headline(results, lang)
    assert text.count("\n- ") == 1 and text.startswith("- ")
    assert "68" in text and "72" in text  # Liaoning below China in 68 of 72 specifications


def test_key_figures_have_names_labels_units_and_grid_ranges(results):
    entries = trade_findings.key_figures(results)
    names = [e[0] for e in entries]
    assert len(names) == len(set(names))
    assert all(e[2] and e[3] for e in entries)
    for head in ("total_trade_vs_trend_2015_pct", "liaoning_vs_china_trade_shortfall_2015_pct",
                 "real_total_trade_vs_trend_2015_pct", "oil_price_share_of_import_fall_2015_pct"):
        assert all(head + suffix in names for suffix in specgrid.GRID_SUFFIXES)


def test_share_series_are_percent_of_china():
    shares = trade_grids.share_series({"a": benchmarks.china_trade()["total_trade"] / 50},
                                      benchmarks.china_trade()["total_trade"])
    assert shares["a"].round(9).unique().tolist() == [2.0]
