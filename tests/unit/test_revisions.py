"""analysis.revisions against values computed by hand from the printed and external numbers."""

import math

import pandas as pd
import pytest

from analysis import revisions, series
from analysis.growth import implied_deflator, percent_difference, split_nominal_change


def _s(values: dict[int, float]) -> pd.Series:
    return pd.Series(values, dtype=float)


def test_revision_is_a_percent_difference_that_says_it_compares_vintages():
    out = percent_difference(_s({2015: 150.0, 2016: 1.0}), _s({2014: 100.0, 2015: 200.0}))
    assert list(out.index) == [2015]  # common years only
    assert out.loc[2015] == pytest.approx(-25.0)
    v = revisions.vintages("liaoning")
    assert series.caveats(v["revision_pct"])[0].kind == "mixing_vintages"


def test_implied_deflator_by_hand():
    out = implied_deflator(_s({2015: 10.0}), _s({2015: 5.0}))
    assert out.loc[2015] == pytest.approx((1.10 / 1.05 - 1) * 100)  # 4.7619


def test_split_change_by_hand():
    assert split_nominal_change(-20.0, 0.0, 0.0)["level_rebasing_pct"] == pytest.approx(-20.0)
    s = split_nominal_change(10.0, 5.0, 0.0)
    assert s["level_rebasing_pct"] == pytest.approx(4.7619, abs=1e-4)
    assert s["rebasing_share_of_log_change_pct"] == pytest.approx(48.81, abs=0.01)
    # the three factors multiply back to the nominal change
    s = split_nominal_change(-23.0, 0.5, 0.4)
    assert (1.005 * 1.004 * (1 + s["level_rebasing_pct"] / 100)) == pytest.approx(0.77)


def test_correction_years_come_from_the_data_package():
    assert revisions.correction_year() == 2016
    assert revisions.correction_year("liaoning_revenue_nbs", "value") == 2015
    assert revisions.correction_year("table_fdi", "fdi") == 2015
    with pytest.raises(ValueError, match="no correction break"):
        revisions.correction_year("liaoning_gdp_revised", "value")


def test_liaoning_revision_2015_and_peers():
    table = revisions.revision_table()
    assert table.at[2015, "liaoning"] == pytest.approx((20210.3 / 28669.02 - 1) * 100)  # -29.5
    assert table.at[2015, "jilin"] == pytest.approx((10018.0 / 14063.13 - 1) * 100)
    assert table.at[2015, "heilongjiang"] == pytest.approx((11690.0 / 15083.67 - 1) * 100)
    # Liaoning's as-published 2016 is already after its correction: a small revision only
    assert table.at[2016, "liaoning"] == pytest.approx((20392.5 / 22246.9 - 1) * 100)


def test_vintages_never_mixed():
    v = revisions.vintages("liaoning")
    assert v.at[2015, "as_published"] == 28669.02 and v.at[2015, "revised"] == 20210.3
    with pytest.raises(ValueError, match="vintage"):
        revisions.gdp("liaoning", "yearbook")
    with pytest.raises(ValueError, match="revised real growth exists for"):
        revisions.real_growth_revised("china")


def test_table1_against_vintages():
    t = revisions.table1_against_vintages()
    assert t.loc[2011:2015, "table1_vs_as_published_pct"].abs().max() < 0.01  # rounding only
    assert t.at[2016, "table1_vs_as_published_pct"] == pytest.approx((22037 / 22246.9 - 1) * 100)
    assert t.at[2015, "table1_vs_revised_pct"] == pytest.approx((28669 / 20210.3 - 1) * 100)


def test_fall_2016_split_on_both_bases():
    split = revisions.fall_2016_split(lambda i: {"real_gdp_growth_2016": -2.5}[i])
    table1 = 2203.7 / 2866.9
    assert split.at["nominal_change_pct", "revised_basis"] == pytest.approx((table1 - 1) * 100)
    assert split.at["real_growth_pct", "revised_basis"] == 0.5
    # real growth x deflator = revised nominal growth, so the re-basing is Table 1's ratio over it
    assert split.at["level_rebasing_pct", "revised_basis"] == pytest.approx(
        (table1 / (20392.5 / 20210.3) - 1) * 100)  # -23.82
    assert split.at["level_rebasing_pct", "as_published_basis"] == pytest.approx(
        (table1 / (0.975 * 1.0114) - 1) * 100)  # -22.05, China's 2016 deflator 1.14 %
    assert split.at["real_growth_pct", "as_published_basis_from"] == "from_report_text"
    share = split.at["rebasing_share_of_log_change_pct", "revised_basis"]
    assert share == pytest.approx(math.log(table1 / (20392.5 / 20210.3)) / math.log(table1) * 100)


def test_revenue_vintages_by_hand():
    facts = {"revenue_2013": 3340.0, "revenue_2014": 3190.0, "revenue_2015": 2130.0,
             "revenue_2016": 2200.0}
    r = revisions.revenue_vintages(facts.__getitem__)
    assert r.at[2015, "difference_pct"] == pytest.approx((2130 / 2127.39 - 1) * 100)
    assert r.at[2015, "report_growth_pct"] == pytest.approx((2130 / 3190 - 1) * 100)
    assert r.at[2015, "nbs_growth_pct"] == pytest.approx((2127.39 / 3192.78 - 1) * 100)
    assert math.isnan(r.at[2012, "report_para28"]) and r.at[2012, "nbs_external"] == 3105.38


def test_real_view_and_deflators_by_hand():
    v = revisions.real_gdp_view(2010)
    assert v.at[2010, "real_revised_base_prices"] == 13896.3
    assert v.at[2011, "real_revised_base_prices"] == pytest.approx(13896.3 * 1.102)
    assert v.at[2011, "real_as_published_china_deflator"] == pytest.approx(22226.70 / 1.0815)
    d = revisions.deflators()
    assert d.at[2015, "liaoning_implied_revised"] == pytest.approx(
        ((20210.3 / 20025.7) / 1.028 - 1) * 100)
    assert d.at[2015, "difference_pp"] == pytest.approx(
        d.at[2015, "liaoning_implied_revised"] - 0.09)


def test_split_grid_keeps_one_vintage_per_specification():
    grid = revisions.split_grid(lambda i: {"real_gdp_growth_2016": -2.5}[i])
    assert len(grid) == 8  # 12 combinations, 4 would mix vintages
    pairs = set(zip(grid["real_growth_2016"], grid["deflator"], strict=True))
    assert ("as_published", "liaoning_implied_revised") not in pairs
    assert ("revised", "china_gdp_deflator") not in pairs
    chosen = grid[grid["chosen"]].iloc[0]
    split = revisions.fall_2016_split(lambda i: {"real_gdp_growth_2016": -2.5}[i])
    assert chosen["value"] == pytest.approx(
        split.at["rebasing_share_of_log_change_pct", "revised_basis"])
    assert grid["holds"].all() and grid["value"].min() > 90


def test_deflators_compare_two_vintages_and_say_so():
    d = revisions.deflators()
    assert series.caveats(d)[0].kind == "mixing_vintages"
    facts = revisions.deflator_findings(d)
    assert facts["worst_year"] == 2010
    assert facts["worst_liaoning"] == pytest.approx(d.at[2010, "liaoning_implied_revised"])
    assert facts["worst_china"] == 6.94 and facts["years_below"] == 10


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_findings_sentences_in_both_languages(lang):
    split = revisions.fall_2016_split()
    facts = revisions.deflator_findings(revisions.deflators())
    text = revisions.split_findings(split, revisions.split_grid(), facts, lang)
    assert "23.1" in text and "-23.8" in text and "-22.1" in text and "-1.7" in text
    assert "6.9" in text and "8" in text
    rev = revisions.revision_findings(revisions.revision_table(), lang)
    assert "29.5" in rev and "28.8" in rev and "8.3" in rev
    revenue = revisions.revenue_findings(revisions.revenue_vintages(), lang)
    assert "33.4" in revenue
    if lang == "zh":
        assert "统计更正" in text and "稳健：在 8 个设定中的 8 个成立" in text and "修订" in rev
    else:
        assert "robust: it holds in 8 of 8" in text and "inconsistent" in text
        assert "correction" in revenue


def test_dependency_on_revised_gdp_by_hand():
    dep = revisions.dependency_on_revised_gdp()
    # 2015: Table 3 total trade 960.9 over revised GDP 20210.3 亿元 at 6.2285 yuan per dollar
    assert dep.loc[2015, "trade_dependency_revised"] == pytest.approx(
        100 * 960.9 / (20210.3 / 6.2285), rel=1e-9)
    # the as-published column reproduces the printed rows within their rounding (a check)
    gap = dep["trade_dependency_as_published"] - dep["trade_dependency_printed"]
    assert gap.abs().max() < 0.1
    assert (dep["fdi_dependency_as_published"] - dep["fdi_dependency_printed"]).abs().max() < 0.02
    # revised GDP is lower every year, so every revised ratio is higher
    assert (dep["trade_dependency_revised"] > dep["trade_dependency_as_published"]).all()
