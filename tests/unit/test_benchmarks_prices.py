"""National benchmarks (external series) and price adjustments against hand-computed values,
and the data checks: the external series reproduce Table 3's dependency rows."""

import pandas as pd
import pytest

from analysis import benchmarks, data, prices


def test_china_trade_over_gdp_reproduces_table3_national_row():
    # China's customs trade (USD) x IMF rate / GDP as published (pre-2018-census vintage):
    # within the rounding of the printed one decimal, shared README: -0.04 to +0.06 pp.
    diff = benchmarks.china_dependency_check(data.load("table3_foreign_trade"))["difference"]
    assert len(diff) == 10
    assert diff.abs().max() < 0.065


def test_liaoning_nbs_trade_over_gdp_reproduces_table3_liaoning_row():
    diff = benchmarks.liaoning_dependency_check(data.load("table3_foreign_trade"))["difference"]
    assert len(diff) == 10
    assert diff.abs().max() < 0.1


def test_dependency_pct_by_hand():
    # 100 (100 million USD) x 6.5 yuan/USD / 1300 (100 million yuan) = 50 %
    y = pd.Index([2015])
    dep = benchmarks.dependency_pct(pd.Series([100.0], y), pd.Series([1300.0], y),
                                    pd.Series([6.5], y))
    assert dep.loc[2015] == pytest.approx(50.0)
    with pytest.raises(KeyError, match="2015"):
        benchmarks.dependency_pct(pd.Series([1.0], y), pd.Series([1.0], y), pd.Series({2014: 6}))


def test_relative_gap_by_hand():
    # 34.5 % below own trend while China is 30 % below its own: 0.655 / 0.70 - 1 = -6.43 %
    assert benchmarks.relative_gap_pct(-34.5, -30.0) == pytest.approx(100 * (0.655 / 0.7 - 1))
    own = pd.DataFrame({"gap_pct": [-34.5]}, index=[2015])
    bench = pd.DataFrame({"gap_pct": [-30.0]}, index=[2015])
    r = benchmarks.relative_shortfall(own, bench)
    assert r.loc[2015, "difference_pp"] == pytest.approx(-4.5)


def test_para41_implied_totals_by_hand():
    # 835 亿元 / 29.4 % = 2840.1 亿元; at 6.6440 yuan/USD = 427.47 亿美元
    s = benchmarks.para41_implied_totals(2016)
    assert s["exports"] == pytest.approx(835 / 0.294 / 6.6440)
    assert s["imports"] == pytest.approx(750 / 0.261 / 6.6440)


def test_fdi_share_of_china_verdicts():
    share = benchmarks.fdi_share_of_china(data.load("table_fdi")["fdi"])
    # 2013: 290.40 of China's 1175.86 = 24.7 %, about five times Liaoning's GDP share
    assert share.loc[2013, "share_pct"] == pytest.approx(100 * 290.40 / 1175.86)
    assert share.loc[2013, "verdict"] == "doubtful"  # the one rule of thumb (plausibility)
    # 2015's FDI is after Liaoning's correction, its GDP as published before: never judged
    assert 2015 not in share.index and share.index.max() == 2014


def test_oil_share_of_import_fall_by_hand():
    # imports 552.0 -> 452.5 (fall 99.5); crude 22.5 %; Brent 100 -> 50.
    # Share of 2015: crude 101.8125 after, 203.625 before: effect 101.8125 = 102.3 % of the fall.
    # Share of 2014: crude 124.2 before, 62.1 after: effect 62.1 = 62.4 % of the fall.
    o = prices.oil_share_of_import_fall(552.0, 452.5, 22.5, 100.0, 50.0)
    assert o.loc["after", "price_effect"] == pytest.approx(101.8125)
    assert o.loc["before", "share_of_fall_pct"] == pytest.approx(100 * 62.1 / 99.5)
    with pytest.raises(ValueError, match="did not fall"):
        prices.oil_share_of_import_fall(1.0, 2.0, 10.0, 100.0, 50.0)


def test_what_each_oil_reading_implies_by_hand():
    # Paragraph 40's 22.5 % read as 2015's, Brent 98.97 -> 52.32 (EIA): crude 2015 = 101.81,
    # at 2015 volumes 2014 crude = 101.81 * 98.97 / 52.32 = 192.59, i.e. 34.9 % of 2014's 552.0;
    # non-crude 359.41 -> 350.69: -2.4 %. Read as 2014's: crude 124.2 -> 65.66, 14.5 % of 2015.
    o = prices.oil_share_of_import_fall(552.0, 452.5, 22.5, 98.97, 52.32)
    assert round(o.loc["after", "share_of_fall_pct"]) == 91
    assert round(o.loc["after", "crude_share_before_pct"], 1) == 34.9
    assert round(o.loc["after", "non_crude_change_pct"], 1) == -2.4
    assert round(o.loc["before", "share_of_fall_pct"]) == 59
    assert o.loc["before", "crude_share_after_pct"] == pytest.approx(
        100 * 124.2 * 52.32 / 98.97 / 452.5)
    # 22.5 % in both years: value 124.2 -> 101.81 (x 0.8197) while the price fell to 0.5286 of
    # itself: volumes x 1.5507, up 55 %
    assert round(prices.crude_volume_change_pct(22.5, 22.5, 552.0, 452.5, 98.97, 52.32)) == 55


def test_to_usd_converts_and_names_a_missing_rate():
    rate = pd.Series({2015: 6.0})
    assert prices.to_usd(pd.Series([12.0], index=pd.Index([2015], name="year")),
                         rate).tolist() == [2.0]
    with pytest.raises(KeyError, match="2016"):
        prices.to_usd(pd.Series([1.0], index=pd.Index([2016], name="year")), rate)


def test_post_table_years_are_nbs_over_nbs():
    # issue 18, point 6: NBS 2016 865.57 and 2017 995.95 over NBS's own 2015 959.47:
    # -9.8 % and +3.8 % (over Table 3's 960.9 they would be -9.9 % and +3.6 %)
    nbs = benchmarks.liaoning_trade_nbs()
    after = benchmarks.post_break_years(nbs, {2016: benchmarks.para41_implied_totals(2016)},
                                        2015)
    assert round(after.loc[("nbs", 2016), "change_on_base_pct"], 1) == -9.8
    assert round(after.loc[("nbs", 2017), "change_on_base_pct"], 1) == 3.8
    implied = after.loc[("para41_implied", 2016)]
    assert pd.isna(implied["change_on_base_pct"])  # no same-source base for paragraph 41
    assert implied["difference_from_nbs_pct"] == pytest.approx(
        100 * (implied["total_trade"] / nbs.loc[2016, "total_trade"] - 1))


def test_price_index_and_deflate_by_hand():
    changes = pd.Series([3.0, 10.0, -50.0], index=[2013, 2014, 2015])
    idx = prices.price_index(changes, 2014)
    assert idx.tolist() == pytest.approx([100 / 1.1, 100.0, 50.0])
    # 100 USD in 2015 at 7 yuan/USD = 700 yuan; prices halved since 2014: 1400 yuan of 2014;
    # at 2014's 7 yuan/USD: 200 USD of 2014
    rate = pd.Series([7.0, 7.0, 7.0], index=[2013, 2014, 2015])
    real = prices.deflate_usd(pd.Series([100.0], index=[2015]), rate, changes, 2014)
    assert real.loc[2015] == pytest.approx(200.0)
