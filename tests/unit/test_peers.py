"""analysis.peers against values computed by hand from the external series."""

import math

import pandas as pd
import pytest

from analysis import peers, series, specgrid
from analysis.growth import average_growth, difference
from analysis.series import VintageError


def test_average_growth_by_hand():
    g = pd.Series({2011: 10.0, 2012: -10.0}, name="g")
    assert average_growth(g, 2010, 2012) == pytest.approx((0.99 ** 0.5 - 1) * 100)
    with pytest.raises(KeyError, match="2013"):
        average_growth(g, 2010, 2013)


def test_nominal_growth_each_vintage():
    pub = peers.nominal_growth("as_published")
    assert pub.at[2016, "liaoning"] == pytest.approx((22246.9 / 28669.02 - 1) * 100)  # -22.4
    assert pub.at[2016, "jilin"] == pytest.approx((14776.8 / 14063.13 - 1) * 100)
    # Liaoning's 2016 runs across its correction: the column says so, Jilin's does not
    assert series.caveats(pub["liaoning"])[0].years == (2016,)
    assert series.caveats(pub["jilin"]) == ()
    rev = peers.nominal_growth("revised")
    assert rev.at[2016, "liaoning"] == pytest.approx((20392.5 / 20210.3 - 1) * 100)  # +0.9
    assert rev.at[2016, "china"] == pytest.approx((746395.1 / 688858.2 - 1) * 100)


def test_real_growth_is_the_provinces_revised_and_china_a_reference_apart():
    real = peers.real_growth()
    assert list(real.columns) == ["liaoning", "jilin", "heilongjiang"]
    assert real.at[2016, "liaoning"] == 0.5
    assert peers.china_real_growth().loc[2016] == 6.7
    with pytest.raises(VintageError):  # point 6: revised Liaoning minus China's early 2018
        difference(real["liaoning"], peers.china_real_growth())


def test_summary_by_hand_and_no_average_across_the_correction():
    s = peers.summary(2013, 2017)
    expected = ((1.057 * 1.028 * 1.005 * 1.042) ** 0.25 - 1) * 100
    assert s.at["liaoning", "real_revised"] == pytest.approx(expected)  # 3.28
    assert s.at["jilin", "real_revised"] == pytest.approx(
        ((1.063 * 1.061 * 1.065 * 1.052) ** 0.25 - 1) * 100)
    # point 4: Liaoning's nominal as-published 2013-2017 ran across the correction (-3.69 %)
    assert math.isnan(s.at["liaoning", "nominal_as_published"])
    assert peers.not_computed(2013, 2017) == [("nominal_as_published", "liaoning")]
    assert s.at["jilin", "nominal_as_published"] == pytest.approx(
        ((14944.53 / 13046.40) ** 0.25 - 1) * 100)
    assert peers.summary(2011, 2015).at["liaoning", "nominal_as_published"] == pytest.approx(
        ((28669.02 / 22226.70) ** 0.25 - 1) * 100)  # before the correction: computed


def test_liaoning_gap_and_rank_one_vintage():
    gap = peers.liaoning_gap("real_revised")
    assert list(gap.columns) == ["liaoning_minus_jilin", "liaoning_minus_heilongjiang",
                                 "liaoning_rank_of_provinces"]
    assert gap.at[2016, "liaoning_minus_jilin"] == pytest.approx(0.5 - 6.5)
    assert gap.at[2016, "liaoning_rank_of_provinces"] == 3.0  # slowest of the three
    assert gap.at[2014, "liaoning_rank_of_provinces"] == 2.0  # 5.7: above Heilongjiang's 5.3
    with pytest.raises(ValueError, match="measure"):
        peers.growth_table("real_as_published")


def test_slowest_in_real_growth_only():
    """Point 9: 'slowest in 3 of 3 years' holds in revised real growth only."""
    s = peers.slowest_years(2015, 2017)
    assert (s.at["real_revised", "slowest"], s.at["real_revised", "years"]) == (3, 3)
    assert s.at["nominal_revised", "slowest"] == 1
    assert s.at["nominal_revised", "outgrew_both"] == "2015, 2017"


def test_grid_drops_windows_across_the_correction_and_counts_by_hand():
    g = peers.grid()
    assert list(g.columns) == ["peer_measure", "average_window", "value", "low", "high", "holds",
                               "chosen"]
    pub = g[g["peer_measure"] == "nominal_as_published"]
    assert sorted(w[1] for w in pub["average_window"]) == [2015] * 4  # none across 2015/16
    assert len(g) == 4 + 12 + 12
    chosen = g[g["chosen"]].iloc[0]
    assert chosen["average_window"] == (2013, 2017)
    assert chosen["value"] == pytest.approx(
        peers.summary(2013, 2017).at["liaoning", "real_revised"]
        - peers.summary(2013, 2017).at["heilongjiang", "real_revised"])
    real = g[g["peer_measure"] == "real_revised"]
    assert real["holds"].all()
    s = specgrid.summarise(g)
    assert (s.k, s.n) == (13, 28)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_findings_say_what_holds_where(lang):
    text = peers.findings(peers.summary(2013, 2017), peers.slowest_years(2015, 2017),
                          peers.grid(), 2013, 2017, lang)
    assert "3.3" in text and "6.0" in text and "5.3" in text
    assert "13" in text and "28" in text and "12" in text
    if lang == "en":
        assert "real growth only" in text and "2015 and 2017" in text
    else:
        assert "仅对实际增长成立" in text and "2015、2017" in text
        assert "real" not in text
