"""Section helpers of notebooks 01, 02, 05, 06 against values computed by hand.

Text facts are injected through the helpers' ``fact`` argument where the arithmetic matters, so
the expected values below are exact; the real data are used where the test is about the data.
"""

import math

import numpy as np
import pytest

from analysis import capacity_utilisation, economic_collapse, structural_shift
from analysis import soe_ports_population as spp


def _facts(values: dict[str, float]):
    return lambda fact_id: values[fact_id]


FAI = {
    "fai_growth_2014": -50.0,
    "fai_growth_2015": 10.0,
    "fai_growth_2016": -50.0,
    "fai_level_from": 100.0,
    "fai_level_to": 550.0,
    "fai_decline_3yr_pct": 74.0,
}


def test_fai_readings_by_hand():
    r = economic_collapse.fai_readings(2014, _facts(FAI))
    assert r["fai_reading_b"].tolist() == pytest.approx([200.0, 100.0, 110.0, 55.0])
    assert r["fai_reading_a"].tolist() == pytest.approx([2000.0, 1000.0, 1100.0, 550.0])


def test_fai_consistency_by_hand():
    f = _facts(FAI)
    c = economic_collapse.fai_consistency(economic_collapse.fai_readings(2014, f), f)
    assert c.at["change_pct", "printed"] == pytest.approx(450.0)
    assert c.at["change_pct", "reading_a"] == pytest.approx(-45.0)
    assert c.at["level_2016", "reading_a"] == pytest.approx(550.0)  # reproduces the printed end
    # Table 1 GDP 2014 is 2862.6 billion = 28626 (100 million) yuan
    assert c.at["fai_to_gdp_2014_pct", "reading_a"] == pytest.approx(1000 / 28626 * 100)
    assert c.at["stated_decline_pct", "printed"] == 74.0


def test_para29_real_facts_reading_a_reproduces_6440():
    c = economic_collapse.fai_consistency(economic_collapse.fai_readings())
    assert round(c.at["level_2016", "reading_a"]) == 6438  # 24430 * 0.722 * 0.365
    assert c.at["change_pct", "printed"] > 0  # "从2443亿元下降到6440亿元" is a rise


def test_growth_figure_and_gap_to_china():
    fig1 = economic_collapse.growth_figure()
    assert fig1.at[2016, "nominal_gdp_growth"] == pytest.approx((2203.7 / 2866.9 - 1) * 100)
    assert fig1.at[2016, "real_gdp_growth_report"] == -2.5
    assert math.isnan(fig1.at[2015, "real_gdp_growth_external"])  # no source: left empty
    gaps = economic_collapse.growth_gap_to_china()
    assert gaps.at[2014, "gap_pp"] == pytest.approx(5.8 - 7.3)
    assert gaps.at[2017, "gap_pp"] == pytest.approx(4.2 - 6.9)
    assert gaps.at[2017, "liaoning_from"] == "report"
    assert gaps.at[2012, "liaoning_from"] == "external"
    assert 2015 not in gaps.index
    assert economic_collapse.mean_gap(gaps, 2010, 2012) == pytest.approx(
        ((14.2 - 10.6) + (12.2 - 9.5) + (9.5 - 7.9)) / 3)
    with pytest.raises(KeyError, match="2015"):
        economic_collapse.mean_gap(gaps, 2014, 2016)


def test_sector_shares_join_external_and_report():
    sh = structural_shift.sector_shares()
    assert list(sh.index) == list(range(2006, 2016))
    assert (sh.loc[:2010, "source"] == "external").all()
    assert (sh.loc[2011:, "source"] == "report").all()
    assert sh.at[2006, "tertiary_share"] == pytest.approx(3798.26 / 9304.52 * 100)
    assert sh.at[2015, "tertiary_share"] == 46.2
    chk = structural_shift.overlap_check()
    assert (chk["difference_pp"].abs() < 0.05).all()


def test_national_tertiary_pace():
    assert structural_shift.national_tertiary_pace() == pytest.approx((51.63 - 50.24) / 2)


CAP = {
    "capacity_utilisation_low": 70.0,
    "capacity_utilisation_high": 75.0,
    "capacity_utilisation_national": 78.0,
    "capacity_reasonable_low": 80.0,
    "capacity_reasonable_high": 85.0,
}


def test_capacity_gaps_by_hand():
    g = capacity_utilisation.gap_table(_facts(CAP))
    assert g.loc["national_minus_liaoning"].tolist() == [3.0, 8.0, 2.0, 9.0]
    assert g.loc["reasonable_low_minus_liaoning"].tolist() == [5.0, 10.0, 4.0, 11.0]
    assert g.loc["reasonable_low_minus_national"].tolist() == [2.0, 2.0, 1.0, 3.0]


def test_capacity_national_periods():
    n = capacity_utilisation.national_by_period(_facts(CAP))
    assert n.at["2017Q4", "matches_report_national"]
    assert n.at["2016", "inside_liaoning_range"]
    assert n.at["2017", "gap_to_liaoning_low"] == pytest.approx(77.0 - 75.0)


def test_bankruptcy_readings_by_hand():
    f = _facts({"bankruptcies_2008_2014": 746.0, "bankruptcy_employees": 3.15,
                "bankruptcy_employees_per_firm": 42.0})
    r = spp.bankruptcy_readings(f)
    assert r.at["as_printed", "employees"] == pytest.approx(3.15e8)
    assert r.at["as_printed", "employees_per_firm"] == pytest.approx(3.15e8 / 746)
    assert r.at["units_one_step_down", "employees_per_firm"] == pytest.approx(31500 / 746)
    assert r["computed_over_printed"].tolist() == pytest.approx([3.15e8 / 746 / 42e4] * 2)


def test_bankruptcy_as_printed_exceeds_population():
    p = spp.bankruptcy_plausibility()
    assert p.at["as_printed", "employees_over_population"] > 1
    assert p.at["units_one_step_down", "employees_over_population"] < 1


def test_dandong_cagr_with_rounding():
    c = spp.dandong_cagr()
    assert c["cagr_pct"] == pytest.approx(((2 / 1.2) ** 0.25 - 1) * 100)
    assert c["cagr_low_pct"] == pytest.approx(((1.5 / 1.25) ** 0.25 - 1) * 100)
    assert c["cagr_high_pct"] == pytest.approx(((2.5 / 1.15) ** 0.25 - 1) * 100)
    assert spp.dandong_rounding_halfwidths() == pytest.approx([0.05, 0.5])


def test_population_and_ports_by_hand():
    f = _facts({"birth_rate_2010": 1.0, "national_birth_rate_2010": 1.5,
                "median_age_northeast_2015": 43.0, "median_age_gap_2015": 5.0,
                "population_over_60_share": 20.0, "population_over_60_gap_pp": 4.0,
                "population_decrease_2015": 9.0, "population_decrease_2016": 4.6,
                "dalian_port_teu_2016": 958.0, "dandong_bond_default": 10.0,
                "dandong_debt": 400.0})
    p = spp.population_derived(f)
    assert p.at["median_age_years_northeast", "national"] == 38.0
    assert p.at["share_over_60_pct", "national"] == 16.0
    assert p.at["birth_rate_pct", "difference"] == pytest.approx(-0.5)
    assert spp.population_change(f).tolist() == [-9.0, -4.6]
    d = spp.port_derived(f)
    assert d["dalian_teu_million"] == pytest.approx(9.58)
    assert d["dandong_default_share_of_debt_pct"] == pytest.approx(2.5)
    assert np.isfinite(d).all()
