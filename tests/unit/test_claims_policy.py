"""The graded verdict policy (issue 19): each verdict from a row built to reach it, the policy's
invariants on the real register, severity by its rule, and the re-graded findings of pass two."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import claims
from analysis.claims import Interval, RegisterError


def row(reported, rule, args, *, basis="", scope="", conclusion="", reading="",
        reading_rule="", reading_args=None, approx="", note=""):
    return SimpleNamespace(reported=reported, rule=rule, args=json.dumps(args), approx=approx,
                           reason="", reading=reading, reading_rule=reading_rule,
                           reading_args=json.dumps(reading_args) if reading_args else "",
                           note=note, basis=basis, scope=scope, conclusion=conclusion,
                           reason_class="")


@pytest.fixture(scope="module")
def result(claims_audit: pd.DataFrame) -> pd.DataFrame:
    return claims_audit.copy()


# ---------------------------------------------------------------- one verdict per kind of evidence

T3_2015 = {"part": "table3_foreign_trade:total_trade:2015",
           "whole": "table3_foreign_trade:gdp_usd:2015"}  # 960.9 / 4615 = 20.82 %


@pytest.mark.parametrize("basis", ["other_vintage", "other_concept", "unstated_date"])
def test_weak_evidence_never_contradicts(basis):
    # 20.7 against 20.82: contradicted on the report's own numbers, not on weaker evidence
    fail = claims.evaluate(row("says:20.7", "share_pct", T3_2015, basis=basis))
    assert (fail["verdict"], fail["evidence"]) == ("other_vintage_or_source", basis)
    assert "not an error of the report" in fail["note"]
    ok = claims.evaluate(row("fact:trade_dependency_2015_text", "same_value",
                             {"value": "says:20.7"}, basis=basis))
    assert (ok["verdict"], ok["evidence"]) == ("not_contradicted", basis)
    assert claims.evaluate(row("says:20.7", "share_pct", T3_2015))["verdict"] == "contradicted"


def test_a_partial_check_that_passes_is_not_contradicted():
    r = claims.evaluate(row("says:1", "is_above", {"value": "says:2", "other": "says:1"},
                            scope="partial: the direction only"))
    assert (r["verdict"], r["evidence"]) == ("not_contradicted", "partial")
    assert "the direction only" in r["note"]
    # a partial check that fails still contradicts: the part is wrong
    r = claims.evaluate(row("says:1", "is_above", {"value": "says:1", "other": "says:2"},
                            scope="partial: the direction only"))
    assert r["verdict"] == "contradicted"


def test_agreement_only_within_the_rate_widening_is_not_contradicted():
    # China 2007: 61.2 printed; at the IMF rate's printed precision 61.253, within ± 0.005 only
    args = {"trade": "china_trade_total:value:2007", "gdp_cny": "china_gdp_as_published:value:2007",
            "cny_per_usd": "cny_usd:cny_per_usd:2007", "scale": 0.01}
    r = claims.evaluate(row("table3_foreign_trade:trade_dependency_china:2007", "dependency_pct",
                            args, basis="same_source"))
    assert (r["verdict"], r["evidence"]) == ("not_contradicted", "widened")
    strict = claims.resolve("cny_usd:cny_per_usd:2007", widen_rates=False)
    assert strict.width == pytest.approx(0.0001)  # printed to four decimals, no widening


def test_plausibility_kinds():
    assert claims.RULES["plausible_headcount"].kind == "hard_bound"
    assert claims.RULES["plausible_fdi_share"].kind == "rule_of_thumb"
    fdi = {"china_fdi": "china_fdi:value:2013", "gdp": "liaoning_gdp_as_published:value:2013",
           "china_gdp": "china_gdp_as_published:value:2013"}
    r = claims.evaluate(row("table_fdi:fdi:2013", "plausible_fdi_share", fdi,
                            basis="same_source"))
    assert (r["verdict"], r["evidence"]) == ("doubtful", "rule_of_thumb")
    r = claims.evaluate(row("table_fdi:fdi:2015", "plausible_fdi_share",
                            {k: v.replace("2013", "2015") for k, v in fdi.items()},
                            basis="same_source"))
    assert r["verdict"] == "not_contradicted"


# ---------------------------------------------------------------- severity by its rule


def test_severity_rule_by_hand():
    sev = claims.severity
    x = Interval.exact
    assert sev("holds", "", 20.7, 1, x(20.7)) == ""  # only findings have a severity
    assert sev("contradicted", "the FDI collapse", 20.7, 1, x(20.82)) == "conclusion"
    # 20.7 vs 20.82 (both 21 rounded one place coarser), 294 vs 290.4 (both 29 tens),
    # 0.5 vs 0.56 (both 1, half up): only a digit
    assert sev("contradicted", "", 20.7, 1, x(20.82)) == "digit"
    assert sev("contradicted", "", 294, 0, x(290.4)) == "digit"
    assert sev("contradicted", "", 0.5, 1, x(0.5597)) == "digit"
    # 8.37 vs 8.28 (8.4 against 8.3), 20 vs 25.3, 5 vs 3.85 (a quarter off): quoted numbers
    assert sev("contradicted", "", 8.37, 2, x(8.28)) == "quoted_number"
    assert sev("contradicted", "", 20, 0, x(25.31)) == "quoted_number"
    assert sev("misworded", "", 5, 0, x(3.85)) == "quoted_number"
    # a yes/no statement is never 'only a digit'
    assert sev("contradicted", "", 1, claims.EXACT, x(0)) == "quoted_number"


def test_every_finding_has_a_severity_and_nothing_else_does(result):
    f = result["verdict"].isin(claims.FINDING_VERDICTS)
    assert result.loc[f, "severity"].isin(claims.SEVERITIES).all()
    assert (result.loc[~f, "severity"] == "").all()
    conclusion = result[result["severity"] == "conclusion"]
    assert conclusion["note"].str.contains("Changes a conclusion of the report:").all()


# ---------------------------------------------------------------- invariants on the register


def test_output_columns_follow_the_convention(result):
    assert claims.OUTPUT_COLUMNS == ["id", "section", "paragraph", "quote", "reported",
                                     "recomputed", "unit", "verdict", "evidence", "severity",
                                     "note"]
    assert list(result.columns) == claims.OUTPUT_COLUMNS + claims.EXTRA_COLUMNS
    assert set(result["verdict"]) == set(claims.VERDICTS)
    assert set(result["evidence"]) <= set(claims.EVIDENCE)


def test_no_contradiction_rests_on_weak_evidence(result):
    wrong = result[result["verdict"] == "contradicted"]
    assert not wrong["basis"].isin(claims.WEAK_BASES).any()
    assert (wrong["scope"] == "").all() | wrong["evidence"].isin(["value", "bound"]).all()
    weak = result[result["basis"].isin(claims.WEAK_BASES)]
    assert set(weak["verdict"]) <= {"not_contradicted", "other_vintage_or_source"}


def test_holds_needs_value_evidence(result):
    holds = result[result["verdict"] == "holds"]
    assert (holds["evidence"] == "value").all()
    assert (holds["scope"] == "").all()
    assert holds["basis"].isin(["report", "same_source"]).all()
    # not contradicted is never counted with holds
    n = claims.verdict_counts(result)
    assert n["holds"] == len(holds) and n["not_contradicted"] > 0


def test_one_rule_for_every_cross_vintage_comparison(result):
    r = result.set_index("id")
    for cid in ("t1_gdp_2016", "real_gdp_growth_2016", "real_gdp_growth_2017",
                "growth_rank_last_2016_peers", "only_negative_province_2016_peers",
                "national_tertiary_share_2015", "t3_gdp_usd_2015"):
        assert r.at[cid, "basis"] == "other_vintage", cid
        assert r.at[cid, "verdict"] in ("not_contradicted", "other_vintage_or_source"), cid


def test_a_row_reading_external_data_states_its_basis(tmp_path):
    reg = claims.load_register()
    bad = reg.copy()
    i = bad.index[bad["id"] == "t1_gdp_2011"][0]
    bad.loc[i, "basis"] = ""
    j = bad.index[bad["id"] == "ftz_inquiries"][0]
    bad.loc[j, "reason_class"] = "no_idea"
    path = tmp_path / "claims.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(RegisterError) as err:
        claims.load_register(path)
    text = str(err.value)
    assert f"claims.csv, row {i + 2}, column 'basis': rule 'a row reading data/external " \
           "states its basis'" in text and "liaoning_gdp:gdp:2011" in text
    assert f"row {j + 2}, column 'reason_class': rule 'unverifiable needs a known reason " \
           "class'" in text


def test_list_items_are_counted_from_the_text():
    assert claims.listed_items("recommendation_areas") == (
        "经济结构", "吸引外贸和投资", "管理外贸和投资", "重复建设和产能过剩", "国有企业管理",
        "港口管理", "人口趋势")
    assert claims.list_count(claims.listed_items("gti_countries")).mid == 4
    assert claims.items_missing(("辽宁", "山西"), ("辽宁", "河北")).mid == 1
    assert claims.rank_after(("广东", "江苏", "浙江")).lo == 4
    assert claims.at_least_listed(("印度", "巴基斯坦", "阿曼")).lo == 3


def test_a_list_item_not_in_its_quote_is_refused(monkeypatch):
    from analysis import data

    real = data.read_only

    def fake(name):
        df = real(name)
        if name == "report_lists":
            df = df.copy()
            df.loc["gti_countries", "items"] = "中国|日本"
        return df
    monkeypatch.setattr(data, "read_only", fake)
    expected = (r"lists.csv, row \d+, column 'items': rule 'each item verbatim in the quote, "
                r"in order': item 2 '日本'")
    with pytest.raises(RegisterError, match=expected):
        claims.listed_items("gti_countries")


def test_new_rules_by_hand():
    p = Interval.printed
    x = Interval.exact
    trade = {2008: p(724.3, 1), 2009: p(629.2, 1), 2013: p(1142.8, 1), 2014: p(1139.6, 1),
             2015: p(960.9, 1)}
    assert claims.count_falls_in(trade, [2009, 2015]).mid == 2  # 2014 not named, not claimed
    rev = {2013: x(3343.81), 2014: x(3192.78), 2015: x(2127.39), 2016: x(2200.49)}
    assert claims.is_largest_fall(rev, 2015).lo == 1
    assert claims.is_largest_fall(rev, 2014).hi == 0
    assert claims.is_majority([x(645), x(158)], x(1139.6)).lo == 1  # 70 %
    assert claims.is_majority(x(40), 100).hi == 0
    # 11 expos from 2005 to 2017 cannot be yearly (13 years); 13 can
    assert claims.held_every_year(x(11), x(2005), x(2017)).hi == 0
    assert claims.held_every_year(x(13), x(2005), x(2017)).lo == 1
    assert claims.years_between(2006, 2013).mid == 7
    assert claims.years_apart_at_least(x(2013), x(2017), 2).lo == 1
    assert claims.years_apart_at_least(x(2016), x(2017), 2).hi == 0


# ---------------------------------------------------------------- the re-graded findings


def test_paragraph_10_has_one_meaning(result):
    r = result.set_index("id").loc["fdi_decline_2015_pct"]
    assert (r["verdict"], r["evidence"]) == ("other_vintage_or_source", "other_vintage")
    assert "implies a 2014 base of 79.1亿美元 (51.9 / 0.656), which the report does not " \
           "print" in r["note"]
    assert "is an assumption" in r["note"]


def test_a_disagreement_sits_on_the_statement_the_evidence_contradicts(result):
    r = result.set_index("id")
    # 每年 (para 74) against 11 expos since 2005 (para 75) and the 11th in 2017 (para 76)
    assert r.at["expo_editions_if_yearly", "paragraph"] == 74
    assert r.at["expo_editions_if_yearly", "verdict"] == "contradicted"
    assert r.at["expo_editions_since_2005", "verdict"] == "holds"
    # a sentence that names its year is checked for that year (以2014年为例)
    assert "fdi_top_industry_2015" not in r.index
    assert r.at["fdi_top_industry_2014", "verdict"] == "holds"


def test_the_data_package_declares_the_codes_the_engine_knows():
    """basis and reason_class are codes: the Data Package's enums are the engine's lists, so a
    typo is refused on load (make validate) and never read as a weak basis or a new class."""
    from analysis.claims.register import BASES, REASON_CLASSES
    from analysis.data import DataPackage

    (register,) = [r for r in DataPackage().descriptor["resources"]
                   if r["name"] == "claims_register"]
    enums = {f["name"]: f.get("constraints", {}).get("enum") for f in register["schema"]["fields"]}
    assert enums["basis"] == list(BASES)
    assert enums["reason_class"] == list(REASON_CLASSES)
