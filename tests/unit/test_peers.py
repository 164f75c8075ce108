"""analysis.peers against values computed by hand from the external series."""

import pytest

from analysis import peers


def test_compound_growth_by_hand():
    import pandas as pd

    g = pd.Series({2011: 10.0, 2012: -10.0}, name="g")
    assert peers.compound_growth(g, 2010, 2012) == pytest.approx((0.99 ** 0.5 - 1) * 100)
    with pytest.raises(KeyError, match="2013"):
        peers.compound_growth(g, 2010, 2013)


def test_nominal_growth_each_vintage():
    pub = peers.nominal_growth("as_published")
    assert pub.at[2016, "liaoning"] == pytest.approx((22246.9 / 28669.02 - 1) * 100)  # -22.4
    assert pub.at[2016, "jilin"] == pytest.approx((14776.8 / 14063.13 - 1) * 100)
    rev = peers.nominal_growth("revised")
    assert rev.at[2016, "liaoning"] == pytest.approx((20392.5 / 20210.3 - 1) * 100)  # +0.9
    assert rev.at[2016, "china"] == pytest.approx((746395.1 / 688858.2 - 1) * 100)


def test_real_growth_keeps_china_apart():
    real = peers.real_growth()
    assert list(real.columns) == ["liaoning", "jilin", "heilongjiang", "china_early2018"]
    assert real.at[2016, "liaoning"] == 0.5 and real.at[2016, "china_early2018"] == 6.7


def test_summary_by_hand():
    s = peers.summary(2013, 2017)
    expected = ((1.057 * 1.028 * 1.005 * 1.042) ** 0.25 - 1) * 100
    assert s.at["liaoning", "real_revised"] == pytest.approx(expected)  # 3.28
    assert s.at["jilin", "real_revised"] == pytest.approx(
        ((1.063 * 1.061 * 1.065 * 1.052) ** 0.25 - 1) * 100)
    assert s.at["liaoning", "nominal_as_published"] == pytest.approx(
        ((23409.24 / 27213.22) ** 0.25 - 1) * 100)


def test_liaoning_gap_and_rank():
    gap = peers.liaoning_gap("real_revised")
    assert gap.at[2016, "liaoning_minus_jilin"] == pytest.approx(0.5 - 6.5)
    assert gap.at[2016, "liaoning_minus_china_early2018"] == pytest.approx(0.5 - 6.7)
    assert gap.at[2016, "liaoning_rank_of_provinces"] == 3.0  # slowest of the three
    assert gap.at[2014, "liaoning_rank_of_provinces"] == 2.0  # 5.7: above Heilongjiang's 5.3
    with pytest.raises(ValueError, match="measure"):
        peers.growth_table("real_as_published")
