"""Notebook 04's section helpers (analysis.fdi_drop) against values computed by hand."""

import pandas as pd
import pytest

from analysis import fdi_drop
from analysis.rounding import Interval


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
    assert fdi_drop.amount_from_share(274.23, 67.5) == pytest.approx(185.10525)
    assert fdi_drop.level_before_change(51.9, -34.4) == pytest.approx(51.9 / 0.656)
    assert fdi_drop.shares_of(pd.Series({"a": 1.0, "b": 3.0})).tolist() == [25.0, 75.0]
    assert fdi_drop.shares_of(pd.Series({"a": 1.0}), total=8).tolist() == [12.5]


def test_remainder_of_ranges():
    rest = fdi_drop.remainder([50, Interval(15, 20), 10])
    assert (rest.lo, rest.hi) == (20.0, 25.0)


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
