"""Notebook 03's section helpers (analysis.trade_collapse) against values computed by hand."""

import pandas as pd
import pytest

from analysis import trade_collapse
from analysis import trade_collapse as trade

# Two years of a made-up Table 3: exports 100 -> 80, imports 50 -> 60, total 150 -> 140.
# Growth: exports -20 %, imports +20 %, total -6.667 %; contributions: exports -20/150*100 =
# -13.333 pp, imports +10/150*100 = +6.667 pp, sum -6.667 pp.
T3 = pd.DataFrame(
    {"exports": [100.0, 80.0], "imports": [50.0, 60.0], "total_trade": [150.0, 140.0],
     "gdp_usd": [600.0, 700.0], "trade_dependency": [25.0, 20.1]},
    index=pd.Index([2014, 2015], name="year"),
)


def test_fall_decomposition_by_hand():
    d = trade.fall_decomposition(T3).loc[2015]
    assert d["exports_growth"] == pytest.approx(-20.0)
    assert d["imports_growth"] == pytest.approx(20.0)
    assert d["total_trade_growth"] == pytest.approx(-20 / 3)
    assert d["exports_contribution"] == pytest.approx(-40 / 3)
    assert d["imports_contribution"] == pytest.approx(20 / 3)
    assert d["contribution_sum"] == pytest.approx(d["total_trade_growth"])
    assert list(trade.fall_decomposition(T3).index) == [2015]


def test_fall_decomposition_works_on_loaded_frame_with_attrs():
    df = T3.copy()
    df.attrs = {"decimals": T3.copy()}  # a DataFrame in attrs breaks pd.concat unless stripped
    assert trade.fall_decomposition(df).loc[2015, "exports_growth"] == pytest.approx(-20.0)


def test_fall_decomposition_names_missing_column():
    with pytest.raises(KeyError, match="imports"):
        trade.fall_decomposition(T3.drop(columns="imports"))


def test_recompute_ratio_by_hand():
    r = trade.recompute_ratio(T3, "total_trade", "gdp_usd", "trade_dependency")
    assert r["recomputed"].tolist() == pytest.approx([25.0, 20.0])
    assert r["difference"].tolist() == pytest.approx([0.0, 0.1])


PARTNERS = pd.DataFrame(
    {"exports": [60.0, 20.0], "imports": [40.0, 80.0], "total_trade": [100.0, 100.0]},
    index=pd.MultiIndex.from_tuples([("japan", 2015), ("russia", 2015)],
                                    names=["partner", "year"]),
)


def test_partner_shares_by_hand():
    s = trade.partner_shares(PARTNERS)
    assert s.loc[("japan", 2015), "exports_share_of_partner_total"] == pytest.approx(60.0)
    assert s.loc[("russia", 2015), "imports_share_of_partner_total"] == pytest.approx(80.0)
    # Japan's exports 60 of 80 together = 75 %; Russia's imports 80 of 120 = 66.667 %.
    assert s.loc[("japan", 2015), "exports_share_of_three"] == pytest.approx(75.0)
    assert s.loc[("russia", 2015), "imports_share_of_three"] == pytest.approx(200 / 3)


def test_partner_share_of_liaoning_converts_with_rate():
    # At 5 yuan per USD: Japan's exports 60 yuan = 12 USD = 15 % of Liaoning's 80;
    # the two partners' total 200 yuan = 40 USD of Liaoning's 140 = 28.571 %.
    rate = pd.Series([5.0], index=[2015])
    s = trade.partner_share_of_liaoning(PARTNERS, T3, rate)
    assert s.loc[("japan", 2015), "exports_usd"] == pytest.approx(12.0)
    assert s.loc[("japan", 2015), "exports_share_of_liaoning"] == pytest.approx(15.0)
    assert s.loc[("three_partners", 2015), "total_trade_share_of_liaoning"] == pytest.approx(
        4000 / 140)
    assert 2014 not in s.index.get_level_values("year")  # the partner table has no 2014 here


def test_fall_reading_says_which_flow_led():
    # 2015 of T3: exports -13.333 pp, imports +6.667 pp, total -6.667 pp: exports give 200 %
    # of the fall, imports -100 % (they offset it); exports led.
    r = trade_collapse.fall_reading(trade_collapse.fall_decomposition(T3), 2015)
    assert r["exports_share_of_fall_pct"] == pytest.approx(200.0)
    assert r["imports_share_of_fall_pct"] == pytest.approx(-100.0)
    assert r["led_by"] == "exports"


def test_city_fact_ids_follow_the_parameter():
    assert trade_collapse.city_fact_ids(2014)["dalian_trade"] == "dalian_trade_2014"
    with pytest.raises(KeyError, match="2013"):
        trade_collapse.city_fact_ids(2013)


def test_composition_has_no_residual_and_marks_unstated_groups():
    comp = trade_collapse.composition()
    assert "other" not in comp.index
    assert comp.loc["mechanical_electrical", "share_of_exports"] == pytest.approx(38.5)
    assert pd.isna(comp.loc["steel", "share_of_imports"])  # not stated, not zero


def test_text_checks_keep_printed_decimals_and_fix_the_rest():
    out = trade_collapse.text_checks({"export_decline_2009_pct": 20.475624}, "en")
    row = out.iloc[0]
    assert row.iloc[1] == "20.5"  # the text's number with its printed decimal
    assert row.iloc[2] == "20.48" and row.iloc[3] == "0.02"


def test_city_rows_by_hand():
    # Dalian 645 of Table 3's 2014 total 1139.6 = 56.60 %; with Shenyang's 158: 70.46 %;
    # 2.5 (Fuxin and Chaoyang) being 2 % of Dalian's FDI puts Dalian's at 125.
    t3 = pd.DataFrame({"total_trade": [1139.6]}, index=pd.Index([2014], name="year"))
    rows = trade.city_rows(t3, 2014)
    assert rows["dalian_share_of_liaoning_trade_pct"] == pytest.approx(100 * 645 / 1139.6)
    assert rows["dalian_shenyang_share_of_liaoning_trade_pct"] == pytest.approx(
        100 * 803 / 1139.6)
    assert rows["dalian_fdi_implied_by_fuxin_chaoyang_share_100m_usd"] == pytest.approx(125.0)
