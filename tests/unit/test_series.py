"""Series know their vintage and breaks: every refusal of analysis.growth, shown on real data.

Each test names the place in the reports it guards (issue 18, points 4 and 6).
"""

from __future__ import annotations

import copy
import json

import pandas as pd
import pytest

from analysis import data, growth, series
from analysis.checks import DataError
from analysis.series import Break, SeriesBreakError, Vintage, VintageError


def gdp(name: str) -> pd.Series:
    return data.load(name)["value"]


# ---- what the loader carries -----------------------------------------------------------------

def test_loaded_series_carry_the_declared_vintage_and_breaks():
    table1 = data.load("table1_gdp")["gdp"]
    v = series.vintage_of(table1)
    assert v.name == "as_published" and v.breaks == (Break(2016, "correction"),)
    assert (v.label(2015), v.label(2016)) == ("as_published", "corrected")
    fdi = data.load("table_fdi")
    assert series.vintage_of(fdi["fdi"]).breaks == (Break(2015, "correction"),)
    # the table's GDP ends before Liaoning's GDP correction (2016): all of it is before it
    assert series.vintage_of(fdi["gdp_usd"]).breaks == (Break(2016, "correction"),)
    assert series.vintage_of(gdp("liaoning_revenue_nbs")).breaks == (Break(2015, "correction"),)
    assert series.vintage_of(gdp("liaoning_gdp_revised")).name == "revised"
    assert series.vintage_of(gdp("china_cpi")).name == "unrevised"
    assert data.vintage("liaoning_gdp_as_published").breaks == (Break(2016, "correction"),)


def test_vintage_survives_slicing_arithmetic_and_renaming_a_one_column_series():
    s = gdp("liaoning_gdp_as_published")
    for derived in (s.loc[2010:], s * 10.0, s.astype(float), s.rename("liaoning"),
                    s / data.load("cny_usd")["cny_per_usd"].to_numpy()):
        assert series.vintage_of(derived).breaks == (Break(2016, "correction"),)


def test_every_series_by_year_declares_its_vintage_in_one_place():
    pkg = data.DataPackage()
    for res in pkg.descriptor["resources"]:
        if res.get("x-layout") == "long" or res.get("x-index") == ["year"]:
            assert "x-vintage" in res, res["name"]
            assert pkg.vintages(res["name"])  # parses


def test_a_missing_or_malformed_declaration_is_refused_naming_file_and_rule(tmp_path):
    src = data.DataPackage()
    descriptor = copy.deepcopy(src.descriptor)
    res = next(r for r in descriptor["resources"] if r["name"] == "table1_gdp")
    res["x-vintage"] = {"vintage": "as_published", "breaks": [{"between": [2014, 2016],
                                                               "reason": "correction"}]}
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataError, match="table1_gdp.*vintage declared.*adjacent years"):
        data.DataPackage(path).vintages("table1_gdp")
    del res["x-vintage"]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataError, match="no x-vintage block"):
        data.DataPackage(path).vintages("table1_gdp")


def test_loaded_frames_combine_in_every_pandas_operation_without_stripping_attrs():
    """The one fix of the attrs workaround: nothing downstream has to clear attrs."""
    t3, fdi, partner = (data.load(n) for n in ("table3_foreign_trade", "table_fdi",
                                               "table_partner_trade"))
    pd.concat([t3, fdi])
    pd.concat({"a": t3["exports"], "b": fdi["fdi"]})
    t3.join(fdi[["fdi"]])
    pd.DataFrame({"a": t3["exports"], "b": fdi["fdi"]})
    partner.xs("japan", level="partner").join(t3[["gdp_usd"]], how="inner")
    copy.deepcopy(t3)
    assert t3.attrs["decimals"] is copy.deepcopy(t3.attrs)["decimals"]  # shared, read-only


# ---- refusals: growth across a break ---------------------------------------------------------

def test_growth_rate_refuses_table1_across_the_correction():
    table1 = data.load("table1_gdp")["gdp"]
    with pytest.raises(SeriesBreakError, match=r"table1_gdp: gdp.*between 2015 and 2016"):
        growth.growth_rate(table1)
    before = growth.growth_rate(table1.loc[:2015])
    assert series.caveats(before) == ()
    across = growth.growth_rate(table1, across_break=True)
    assert across.loc[2016] == pytest.approx((2203.7 / 2866.9 - 1) * 100)
    assert series.caveats(across)[0].years == (2016,)
    assert "series break" in series.note(across, "en") and "断点" in series.note(across, "zh")
    assert series.note(across.loc[:2015], "en") == ""  # the crossed year is gone


def test_average_growth_refuses_liaoning_2013_2017_as_published():
    """Point 4: the peers table's nominal as-published growth 2013-2017 ran across the break."""
    g = growth.growth_rate(gdp("liaoning_gdp_as_published"), across_break=True)
    with pytest.raises(SeriesBreakError, match="2013-2017 crosses"):
        growth.average_growth(g, 2013, 2017)
    assert growth.average_growth(g, 2013, 2015) == pytest.approx(
        ((28669.02 / 27213.22) ** 0.5 - 1) * 100)
    jilin = growth.growth_rate(gdp("jilin_gdp_as_published"))  # no break declared: no refusal
    growth.average_growth(jilin, 2013, 2017)


def test_cagr_series_refuses_fdi_across_its_2015_break():
    fdi = data.load("table_fdi")["fdi"]
    with pytest.raises(SeriesBreakError, match="table_fdi: fdi over 2006-2015"):
        growth.cagr_series(fdi, 2006, 2015)
    assert growth.cagr_series(fdi, 2006, 2013) > 0
    assert growth.cagr_series(fdi, 2006, 2015, across_break=True) < 0


def test_average_change_and_contributions_refuse_across_a_break():
    revenue = gdp("liaoning_revenue_nbs")
    with pytest.raises(SeriesBreakError):
        growth.average_change(revenue, 2013, 2016)
    assert growth.average_change(revenue, 2015, 2017) == pytest.approx(
        (revenue.loc[2017] - revenue.loc[2015]) / 2)
    with pytest.raises(SeriesBreakError):
        growth.contributions(data.load("table1_gdp")[["gdp"]])


# ---- refusals: two vintages in one number ----------------------------------------------------

def test_difference_refuses_revised_liaoning_minus_china_early_2018():
    """Point 6 (01): revised Liaoning real growth minus China's early-2018 vintage."""
    liaoning = gdp("liaoning_real_growth_revised")
    china = data.load("china_real_gdp_growth")["real_gdp_growth_pct"]
    with pytest.raises(VintageError, match="revised with as_published"):
        growth.difference(liaoning, china)
    labelled = growth.difference(liaoning, china, mixing_vintages=True)
    assert series.caveats(labelled)[0].kind == "mixing_vintages"
    assert "vintages" in series.note(labelled, "en") and "版本" in series.note(labelled, "zh")
    peers = growth.difference(liaoning, gdp("jilin_real_growth_revised"))  # one vintage
    assert series.caveats(peers) == ()


def test_ratio_refuses_as_published_liaoning_over_a_revised_national_share():
    """Point 6 (02): as-published Liaoning against a revised national series."""
    liaoning = gdp("liaoning_gdp_as_published").loc[2015:2015]
    with pytest.raises(VintageError):
        growth.ratio_pct(liaoning, gdp("china_gdp_revised"))
    growth.ratio_pct(liaoning, gdp("china_gdp_as_published"))  # one vintage


def test_ratio_refuses_corrected_fdi_over_gdp_before_the_correction():
    """Point 6 (04): the 2015 FDI share, corrected FDI over pre-correction GDP."""
    fdi = data.load("table_fdi")
    with pytest.raises(VintageError, match="2015: corrected with as_published"):
        growth.ratio_pct(fdi["fdi"], gdp("liaoning_gdp_as_published"))
    ok = growth.ratio_pct(fdi["fdi"].loc[:2014], gdp("liaoning_gdp_as_published"))
    assert series.caveats(ok) == ()
    with pytest.raises(VintageError):  # the same within one table: FDI over its GDP row
        growth.ratio_pct(fdi["fdi"], fdi["gdp_usd"])
    # China has no correction: Liaoning's corrected 2016 beside China's as published is fine
    growth.ratio_pct(gdp("liaoning_gdp_as_published"), gdp("china_gdp_as_published"))


def test_unrevised_series_combine_with_either_vintage():
    trade = data.load("table3_foreign_trade")["total_trade"]
    growth.ratio_pct(trade, data.load("table3_foreign_trade")["gdp_usd"])
    growth.ratio_pct(gdp("china_trade_total"), gdp("china_gdp_revised"))


def test_shares_and_implied_deflator_refuse_two_vintages():
    with pytest.raises(VintageError):
        growth.shares(series.frame({"liaoning": gdp("liaoning_gdp_revised")}),
                      gdp("china_gdp_as_published"))
    nominal = growth.growth_rate(gdp("liaoning_gdp_revised"))
    with pytest.raises(VintageError):
        growth.implied_deflator(nominal, data.load("china_real_gdp_growth")["real_gdp_growth_pct"])
    deflator = growth.implied_deflator(nominal, gdp("liaoning_real_growth_revised"))
    assert series.vintage_of(deflator).name == "revised"


def test_a_revision_compares_two_vintages_by_saying_so():
    pub, rev = gdp("liaoning_gdp_as_published"), gdp("liaoning_gdp_revised")
    with pytest.raises(VintageError):
        growth.percent_difference(rev, pub)
    revision = growth.percent_difference(rev, pub, mixing_vintages=True)
    assert revision.loc[2015] == pytest.approx((20210.3 / 28669.02 - 1) * 100, abs=0.01)


def test_series_without_a_vintage_are_not_checked():
    s = series.from_years({2015: 1.0, 2016: 2.0}, "text")
    assert series.vintage_of(s) is None
    growth.difference(s, gdp("liaoning_real_growth_revised"))


def test_frame_keeps_each_columns_vintage():
    table = series.frame({"liaoning": gdp("liaoning_real_growth_revised"),
                          "china": data.load("china_real_gdp_growth")["real_gdp_growth_pct"]})
    assert series.vintage_of(table["liaoning"]).name == "revised"
    assert series.vintage_of(table["china"]).name == "as_published"
    with pytest.raises(VintageError):
        growth.difference(table["liaoning"], table["china"])


def test_gap_at_breaks_stops_a_plotted_line_at_the_declared_break():
    s = gdp("liaoning_gdp_as_published")
    gapped = series.gap_at_breaks(s)
    assert pd.isna(gapped.loc[2015.5]) and gapped.loc[2016.0] == s.loc[2016]
    assert len(series.gap_at_breaks(gdp("jilin_gdp_as_published"))) == len(s)


def test_vintage_objects_are_immutable_and_shared_by_copies():
    v = Vintage("as_published", (Break(2016),), "x")
    assert copy.deepcopy(v) is v
    with pytest.raises(AttributeError):
        v.name = "revised"  # type: ignore[misc]


def test_a_frame_column_keeps_its_own_caveats_and_the_frame_all_of_them():
    across = growth.growth_rate(gdp("liaoning_gdp_as_published"), across_break=True)
    table = series.frame({"liaoning": across,
                          "jilin": growth.growth_rate(gdp("jilin_gdp_as_published"))})
    assert series.caveats(table["jilin"]) == ()
    assert series.caveats(table["liaoning"]) == series.caveats(table) != ()


def test_year_runs():
    assert series.year_runs([2012, 2006, 2007, 2008, 2015, 2014]) == "2006-2008, 2012, 2014-2015"
