"""Notebook 04's results, grid and sentences (fdi_grids, fdi_findings) against the referee's
numbers (issue 18, points 1, 2, 3, 5, 6, 10) in both languages."""

import re

import pytest

from analysis import data, fdi_findings, fdi_grids, specgrid


@pytest.fixture(scope="module")
def results():
    return fdi_findings.analyse(data.load("table_fdi"), trend_start=2006, trend_end=2013,
                                price_base_year=2013, placebo_pre_years=4)


def test_paragraph_10_fall_is_against_an_implied_base_and_beside_china(results):
    # 51.9 / (1 - 0.344) = 79.1 (implied, not printed); China +5.6 %:
    # 100 * (0.656 / 1.056 - 1) = -37.9 % relative to China
    assert round(results.para10_base, 1) == 79.1
    china = results.like_for_like.loc["china_mofcom", "change_pct"]
    assert round(china, 1) == 5.6
    assert results.relative_to_china_pct == pytest.approx(100 * (0.656 / (1 + china / 100) - 1))
    assert round(results.relative_to_china_pct, 1) == -37.9


def test_no_gdp_ratio_across_the_correction(results):
    # issue 18, point 6: the corrected 2015 FDI is not set against pre-correction GDP
    assert results.plausibility.index.max() == results.before_break == 2014
    assert round(results.share_after_break_pct, 1) == 4.1


def test_trend_grid_has_windows_ending_before_2014(results):
    grid = results.grid
    assert set(grid["fit_window"]) == set(specgrid.fit_windows(2006, before=2014))
    assert len(grid) == 5 * 3 * 4
    s = results.summary
    assert round(s.chosen, 1) == -37.0 and s.chosen_holds and not s.robust
    quadratic = grid[grid["trend_form"] == "quadratic"]
    assert not quadratic["holds"].any()


def test_the_one_year_check_is_one_test(results):
    tests = results.tests
    assert tests["test"].tolist() == ["test_outside_pi", "test_squared_term"]
    assert tests.loc[0, "p_value"] == pytest.approx(results.trend_gap.p_value)
    assert round(tests.loc[0, "p_value"], 3) == 0.038


def test_squared_term_by_window(results):
    sq = results.squared_term
    assert list(sq.index) == ["2006-2012", "2007-2012", "2006-2013", "2007-2013", "2008-2013"]
    assert (sq["t2_coef"] < 0).all()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_findings_say_what_the_referee_asked(results, lang):
    text = fdi_findings.findings(results, lang)
    base = {"en": "USD 7.91 billion", "zh": "79.1亿美元"}[lang]  # each in its own language
    for number in (base, "34.4", "+5.6", "-37.9", "-81.1", "-16.9", "-10.2", "0.034", "0.051"):
        assert number in text, number
    if lang == "en":
        assert "亿" not in text
        assert "not a collapse" not in text  # point 5
        assert "does not show that there was no fall" in text
        assert "is an assumption" in text  # point 1
        assert "Only if the table's levels are taken at face value" in text  # point 2
        assert "no conclusion is drawn from it" in text
        assert "departs from the earlier path no more" not in text  # point 3
        assert "ranks 1 of 5 by size" in text
        assert "runs 2 tests" in text  # point 10
    else:
        latin = re.findall(r"[A-Za-z]{2,}", text)
        assert set(latin) <= {"PI", "GDP", "DW", "Chow", "Holm"}, set(latin)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_headline_is_two_bullets(results, lang):
    text = fdi_findings.headline(results, lang)
    assert text.count("\n- ") == 1 and text.startswith("- ")
    assert "-34.4" in text and {"en": "7.91", "zh": "79.1"}[lang] in text


def test_key_figures_have_labels_units_and_the_grid(results):
    entries = fdi_findings.key_figures(results)
    names = [e[0] for e in entries]
    assert all(e[2] and e[3] for e in entries)
    assert all(f"fdi_vs_trend_2014_pct{s}" in names for s in specgrid.GRID_SUFFIXES)
    assert "fdi_like_for_like_base_2014" in names


def test_fdi_series_deflates_every_index():
    fdi = data.load("table_fdi")["fdi"].loc[:2014]
    series = fdi_grids.fdi_series(fdi, data.load("cny_usd")["cny_per_usd"],
                                  {"china_ppi": data.load("china_ppi")["value"]}, 2013)
    assert set(series) == {"none", "china_ppi"}
    assert series["china_ppi"].loc[2013] == pytest.approx(fdi.loc[2013])  # base year unchanged
