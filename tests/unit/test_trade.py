"""Trade (notebook 03) and FDI (notebook 04) section helpers against values computed by hand."""

import pandas as pd
import pytest

from analysis import fdi_drop, trade_collapse
from analysis import trade_collapse as trade
from analysis.rounding import Interval

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


def test_to_usd_names_missing_rate():
    with pytest.raises(KeyError, match="2016"):
        trade.to_usd(pd.Series([1.0], index=pd.Index([2016], name="year")), pd.Series({2015: 6.0}))


def test_with_other_and_overflow():
    s = fdi_drop.with_other(pd.Series({"a": 38.5, "b": 11.4}))
    assert s["other"] == pytest.approx(50.1)
    with pytest.raises(ValueError, match="more than the total"):
        fdi_drop.with_other(pd.Series({"a": 60.0, "b": 50.0}))


def test_multiple_both_readings():
    m = fdi_drop.growth_multiple(60.0, 294.0)
    assert m["ratio"] == pytest.approx(4.9)
    assert m["increase"] == pytest.approx(3.9)


def test_units_shares_and_levels_by_hand():
    assert fdi_drop.to_unit(7000, "10 thousand USD", "100 million USD") == pytest.approx(0.7)
    with pytest.raises(ValueError, match="exchange rate"):
        fdi_drop.to_unit(1, "100 million yuan", "100 million USD")
    assert trade.pct_of(3.61, 645) == pytest.approx(0.559690, rel=1e-5)
    assert trade.whole_from_share(2.5, 2) == pytest.approx(125.0)
    assert fdi_drop.amount_from_share(274.23, 67.5) == pytest.approx(185.10525)
    assert fdi_drop.level_before_change(51.9, -34.4) == pytest.approx(51.9 / 0.656)
    assert fdi_drop.shares_of(pd.Series({"a": 1.0, "b": 3.0})).tolist() == [25.0, 75.0]
    assert fdi_drop.shares_of(pd.Series({"a": 1.0}), total=8).tolist() == [12.5]


def test_remainder_of_ranges():
    rest = fdi_drop.remainder([50, Interval(15, 20), 10])
    assert (rest.lo, rest.hi) == (20.0, 25.0)


def test_fall_reading_says_which_flow_led():
    # 2015 of T3: exports -13.333 pp, imports +6.667 pp, total -6.667 pp: exports give 200 %
    # of the fall, imports -100 % (they offset it); exports led.
    r = trade_collapse.fall_reading(trade_collapse.fall_decomposition(T3), 2015)
    assert r["exports_share_of_fall_pct"] == pytest.approx(200.0)
    assert r["imports_share_of_fall_pct"] == pytest.approx(-100.0)
    assert r["led_by"] == "exports"


def test_fixed_prints_fixed_decimals_without_e_notation():
    df = pd.DataFrame({"a": [0.0347, 12.0], "b": [1.23456, 2.0], "ok": [True, False]})
    out = trade_collapse.fixed(df, {"a": 2, "b": 3})
    assert out["a"].tolist() == ["0.03", "12.00"]
    assert out["b"].tolist() == ["1.235", "2.000"]
    assert out["ok"].tolist() == [True, False]
    assert "e-" not in out.to_string()


def test_city_fact_ids_follow_the_parameter():
    assert trade_collapse.city_fact_ids(2014)["dalian_trade"] == "dalian_trade_2014"
    with pytest.raises(KeyError, match="2013"):
        trade_collapse.city_fact_ids(2013)


def test_composition_has_no_residual_and_marks_unstated_groups():
    comp = trade_collapse.composition()
    assert "other" not in comp.index
    assert comp.loc["mechanical_electrical", "share_of_exports"] == pytest.approx(38.5)
    assert pd.isna(comp.loc["steel", "share_of_imports"])  # not stated, not zero


def test_like_for_like_fall_by_hand():
    fdi = pd.Series([274.23, 51.85], index=[2014, 2015])
    china = pd.Series([100.0, 105.0], index=[2014, 2015])
    lfl = fdi_drop.like_for_like(fdi, 51.9, -34.4, china)
    assert lfl.loc["table", "change_pct"] == pytest.approx(100 * (51.85 / 274.23 - 1))
    assert lfl.loc["para10", "previous"] == pytest.approx(51.9 / 0.656)  # about 79.1
    assert lfl.loc["para10", "change_pct"] == pytest.approx(-34.4)
    assert lfl.loc["china_mofcom", "change_pct"] == pytest.approx(5.0)


def test_sector_shares_add_up_and_primary_is_the_remainder():
    s = fdi_drop.sector_shares()
    sectors = ["primary_share", "secondary_share", "tertiary_share"]
    assert s.loc[sectors, "2015"].sum() == pytest.approx(100.0)
    assert s.loc["primary_share", "2014"] == pytest.approx(100 - 51.7 - 46.8)
    assert s.loc["primary_share", "amount_2015"] == pytest.approx(0.7)  # 7000万美元


def test_city_fdi_by_hand():
    c = fdi_drop.city_fdi(274.23)
    assert c["dalian_plus_shenyang_fdi_2014"] == pytest.approx(274.23 * 0.675)
    assert c["dalian_fdi_implied_2014"] == pytest.approx(125.0)  # 2.5 / 2 %


def test_text_checks_keep_printed_decimals_and_fix_the_rest():
    out = trade_collapse.text_checks({"export_decline_2009_pct": 20.475624}, "en")
    row = out.iloc[0]
    assert row.iloc[1] == "20.5"  # the text's number with its printed decimal
    assert row.iloc[2] == "20.48" and row.iloc[3] == "0.02"
