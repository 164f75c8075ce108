"""Growth helpers against values computed by hand."""

import math

import pandas as pd
import pytest

from analysis import growth
from analysis.growth import (
    cagr,
    cagr_series,
    contributions,
    growth_rate,
    level_from_growth,
    ratio_pct,
    shares,
)


def _s(values: dict[int, float], name: str = "x") -> pd.Series:
    s = pd.Series(values, dtype=float, name=name)
    s.index.name = "year"
    return s


def test_growth_rate_by_hand():
    g = growth_rate(_s({2010: 100.0, 2011: 110.0, 2012: 99.0}))
    assert math.isnan(g.loc[2010])
    assert g.loc[2011] == pytest.approx(10.0)
    assert g.loc[2012] == pytest.approx(-10.0)


def test_growth_rate_does_not_bridge_a_gap():
    g = growth_rate(_s({2010: 100.0, 2012: 121.0}))
    assert math.isnan(g.loc[2012])


def test_growth_rate_table1_2016():
    # Table 1: 2866.9 -> 2203.7 is -23.13 % (para 26: "下降了23%")
    g = growth_rate(_s({2015: 2866.9, 2016: 2203.7}))
    assert g.loc[2016] == pytest.approx((2203.7 / 2866.9 - 1) * 100)
    assert round(g.loc[2016], 2) == -23.13


def test_cagr_by_hand():
    assert cagr(100.0, 121.0, 2) == pytest.approx(10.0)
    assert cagr(1.2, 2.0, 4) == pytest.approx((((2.0 / 1.2) ** 0.25) - 1) * 100)
    assert round(cagr(1.2, 2.0, 4), 2) == 13.62


@pytest.mark.parametrize("args", [(0.0, 1.0, 1), (1.0, 2.0, 0), (-1.0, 2.0, 3)])
def test_cagr_rejects_bad_input(args):
    with pytest.raises(ValueError):
        cagr(*args)


def test_cagr_series():
    s = _s({2006: 100.0, 2007: 150.0, 2008: 144.0})
    assert cagr_series(s, 2006, 2008) == pytest.approx(20.0)
    with pytest.raises(KeyError, match="2009"):
        cagr_series(s, 2006, 2009)


def test_shares_row_sum_and_given_total():
    df = pd.DataFrame({"a": [1.0, 3.0], "b": [3.0, 1.0]}, index=[2010, 2011])
    out = shares(df)
    assert out.loc[2010, "a"] == pytest.approx(25.0)
    assert out.loc[2011, "a"] == pytest.approx(75.0)
    out2 = shares(df, total=pd.Series([8.0, 8.0], index=[2010, 2011]))
    assert out2.loc[2010, "b"] == pytest.approx(37.5)


def test_contributions_add_up_to_total_growth():
    # Table 3, 2009: exports 420.5 -> 334.4, imports 303.8 -> 294.8, total 724.3
    parts = pd.DataFrame({"exports": [420.5, 334.4], "imports": [303.8, 294.8]}, index=[2008, 2009])
    c = contributions(parts)
    assert c.loc[2009, "exports"] == pytest.approx((334.4 - 420.5) / 724.3 * 100)
    assert round(c.loc[2009, "exports"], 2) == -11.89
    assert round(c.loc[2009, "imports"], 2) == -1.24
    total_growth = (629.2 / 724.3 - 1) * 100
    assert c.loc[2009].sum() == pytest.approx(total_growth)
    assert c.loc[2008].isna().all()


def test_contributions_with_explicit_total():
    parts = pd.DataFrame({"a": [10.0, 12.0]}, index=[2000, 2001])
    c = contributions(parts, total=pd.Series([40.0, 50.0], index=[2000, 2001]))
    assert c.loc[2001, "a"] == pytest.approx(5.0)


def test_ratio_pct_and_zero_denominator():
    r = ratio_pct(_s({2015: 51.85}), _s({2015: 4615.0, 2016: 1.0}))
    assert list(r.index) == [2015]
    assert round(r.loc[2015], 2) == 1.12
    with pytest.raises(ValueError, match="2016"):
        ratio_pct(_s({2016: 1.0}), _s({2016: 0.0}))


def test_level_from_growth_forwards_and_backwards():
    out = level_from_growth(100.0, 2014, {2014: -50.0, 2015: 10.0, 2016: -10.0})
    assert list(out.index) == [2013, 2014, 2015, 2016]
    assert out.loc[2013] == pytest.approx(200.0)
    assert out.loc[2015] == pytest.approx(110.0)
    assert out.loc[2016] == pytest.approx(99.0)


def test_level_from_growth_para29_reading():
    # para 29: 2443 with -27.8 % (2015) and -63.5 % (2016) gives 2443*0.722*0.365 = 643.8
    out = level_from_growth(2443.0, 2014, {2015: -27.8, 2016: -63.5})
    assert out.loc[2016] == pytest.approx(643.80, abs=0.01)


def test_level_from_growth_rejects_minus_100():
    with pytest.raises(ValueError):
        level_from_growth(1.0, 2001, {2001: -100.0})


def test_pct_of_and_whole_from_share_by_hand():
    # paragraph 47: Fuxin's 3.61 of Dalian's 645 = 0.5597 %; 2.5 being 2 % of a whole: 125
    assert growth.pct_of(3.61, 645) == pytest.approx(0.559690, rel=1e-5)
    assert growth.whole_from_share(2.5, 2) == pytest.approx(125.0)
    with pytest.raises(ValueError, match="zero"):
        growth.pct_of(1.0, 0.0)


def test_chained_index_walks_both_ways_from_its_base_year():
    from analysis.growth import chained_index

    change = _s({2010: 5.0, 2011: 10.0, 2012: -10.0})
    idx = chained_index(change, 2011, [2010, 2011, 2012])
    assert idx.loc[2011] == 1.0
    assert idx.loc[2012] == pytest.approx(0.9)
    assert idx.loc[2010] == pytest.approx(1 / 1.10)  # 2011's change leads from 2010 to 2011


def test_average_change_and_difference_by_hand():
    from analysis.growth import average_change, difference, percent_difference

    s = _s({2015: 50.24, 2016: 51.56, 2017: 51.63})
    assert average_change(s, 2015, 2017) == pytest.approx((51.63 - 50.24) / 2)
    with pytest.raises(ValueError, match="after"):
        average_change(s, 2017, 2015)
    assert difference(s, _s({2016: 1.0, 2018: 2.0})).to_dict() == {2016: pytest.approx(50.56)}
    assert percent_difference(_s({2015: 110.0}), _s({2015: 100.0})).loc[2015] == pytest.approx(10)
