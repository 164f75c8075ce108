"""Claims audit: rules against hand-computed values, each verdict, the register, the output."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

from analysis import claims, plausibility
from analysis.claims import (
    Interval,
    RegisterError,
    claim_interval,
)
from analysis.provenance import report_path


def x(v: float) -> Interval:
    return Interval.exact(v)


def p(v: float, d: int) -> Interval:
    return Interval.printed(v, d)


# ---------------------------------------------------------------- rules, by hand


def test_growth_and_decline_by_hand():
    assert claims.growth_pct(x(100), x(110)).mid == pytest.approx(10.0)
    # 2009 exports 420.5 -> 334.4: (1 - 334.4/420.5) * 100 = 20.4756
    assert claims.decline_pct(x(420.5), x(334.4)).mid == pytest.approx(20.4756, abs=1e-4)
    assert claims.avg_growth_pct(x(100), x(121), 2).mid == pytest.approx(10.0)
    assert claims.avg_decline_pct(x(100), x(81), 2).mid == pytest.approx(10.0)
    # FDI 59.85 -> 290.40 over 7 years: 4.85213 ** (1/7) = 1.25311
    assert claims.avg_growth_pct(x(59.85), x(290.40), 7).mid == pytest.approx(25.311, abs=1e-3)


def test_decline_interval_from_rounded_levels_by_hand():
    # 3190 and 2130 read to the nearest 10: 1 - 2135/3185 = 32.967 %, 1 - 2125/3195 = 33.490 %
    iv = claims.decline_pct(p(3190, -1), p(2130, -1))
    assert iv.lo == pytest.approx(32.967, abs=1e-3)
    assert iv.hi == pytest.approx(33.490, abs=1e-3)


def test_ratios_sums_and_conversions_by_hand():
    assert claims.multiple(x(290.40), x(59.85)).mid == pytest.approx(4.85213, abs=1e-5)
    assert claims.share_pct(x(960.9), x(4615)).mid == pytest.approx(20.8212, abs=1e-4)
    assert claims.total([x(1), x(2), x(3)]).mid == 6
    assert claims.sum_scaled([x(7000), x(14.5), x(36.7)], [0.0001, 1, 1]).mid == \
        pytest.approx(51.9)
    assert claims.difference(x(645.4), x(497.4)).mid == pytest.approx(148.0)
    assert claims.same_value(x(22226.70), scale=0.1).mid == pytest.approx(2222.67)
    assert claims.cny_to_usd(x(73.1), x(6.7573)).mid == pytest.approx(10.8179, abs=1e-4)
    assert claims.cny_to_usd(x(2222.7), x(6.4596), scale=10).mid == \
        pytest.approx(3440.925, abs=1e-3)
    assert claims.residual(100, [x(8.3), x(45.5)]).mid == pytest.approx(46.2)
    assert claims.per_unit(x(3.15), x(746), scale=10000).mid == pytest.approx(42.225, abs=1e-3)
    # (9.1 * 508.4 + 10.3 * 452.5) / 960.9 = (46.2644 + 46.6075) / 960.9
    assert claims.weighted_share_pct([x(9.1), x(10.3)], [x(508.4), x(452.5)]).mid == \
        pytest.approx(9.6651, abs=1e-4)


def test_compounding_by_hand():
    # 0.985 * 0.722 * 0.365 = 0.259577 -> a 74.04 % fall
    assert claims.compound_decline_pct([x(-1.5), x(-27.8), x(-63.5)]).mid == \
        pytest.approx(74.0423, abs=1e-4)
    # 2443 billion = 24430亿元, * 0.722 * 0.365 = 6438.04亿元
    assert claims.compound_level(x(2443), [x(-27.8), x(-63.5)], scale=10).mid == \
        pytest.approx(6438.038, abs=1e-3)


def test_series_rules_by_hand():
    s = {2006: p(41.5, 1), 2007: p(40.5, 1), 2009: p(28.3, 1), 2010: p(29.6, 1)}
    assert claims.series_min(s).mid == pytest.approx(28.3)
    assert claims.series_max(s).mid == pytest.approx(41.5)
    assert claims.count_rises(s).lo == 1 and claims.count_rises(s).hi == 1
    assert claims.argmax_year(s).mid == 2006
    # two peaks equal within rounding: the span of both years
    tie = {2013: p(148.0, 1), 2014: p(147.95, 2)}
    assert (claims.argmax_year(tie).lo, claims.argmax_year(tie).hi) == (2013, 2014)
    nat = {2006: x(64.0), 2007: x(61.2)}
    lia = {2006: x(41.5), 2007: x(40.5)}
    assert claims.gap_min(nat, lia).mid == pytest.approx(20.7)
    assert claims.gap_max(nat, lia).mid == pytest.approx(22.5)
    assert claims.count_inclusive(2005, 2017).mid == 13


def test_feasibility_and_plausibility_bounds_by_hand():
    assert claims.at_most(100, minus=[x(11.4), x(9.4), x(9.1)]).hi == pytest.approx(70.1)
    assert claims.at_least(x(674)).lo == 674 and math.isinf(claims.at_least(x(674)).hi)
    # 2.5 / (274.23 * 0.675) = 1.3506 %
    assert claims.share_at_least(x(2.5), x(274.23), x(67.5)).lo == pytest.approx(1.3506, abs=1e-4)
    assert claims.share_at_least_from_count(x(16), x(1), x(73.1)).lo == \
        pytest.approx(21.888, abs=1e-3)
    assert claims.count_at_most(x(8570), x(1000)).hi == pytest.approx(8.57)
    assert claims.plausible_headcount(scale=10000).hi == pytest.approx(0.43824)  # 4382.4万
    assert claims.plausible_per_firm(x(746)).hi == pytest.approx(4382.4 / 746)
    assert claims.plausible_fertility_floor(scale=0.01).lo == pytest.approx(50)


# ---------------------------------------------------------------- hedges and verdicts


def test_hedge_widenings_are_as_documented():
    about = claim_interval(20, 0, "左右")
    assert (about.lo, about.hi) == pytest.approx((17.5, 22.5))
    assert claim_interval(20, 0, "约").hi == pytest.approx(22.5)
    nearly = claim_interval(5, 0, "近")
    assert (nearly.lo, nearly.hi) == pytest.approx((4.0, 5.5))
    more = claim_interval(80, 0, "以上")
    assert more.lo == 79.5 and math.isinf(more.hi)
    less = claim_interval(5, 0, "不足")
    assert less.hi == 5.5 and math.isinf(less.lo)
    with pytest.raises(ValueError, match="unknown hedge word"):
        claim_interval(5, 0, "大概")


def _row(reported, rule, args, reading="", reading_rule="", reading_args="", approx="",
         basis="", scope="", conclusion="", note=""):
    from types import SimpleNamespace

    return SimpleNamespace(reported=reported, rule=rule, args=json.dumps(args), approx=approx,
                           reason="", reading=reading, reading_rule=reading_rule,
                           reading_args=json.dumps(reading_args) if reading_args else "",
                           note=note, basis=basis, scope=scope, conclusion=conclusion,
                           reason_class="")


def test_verdict_holds():
    # 2009 imports 303.8 -> 294.8 is a 2.96 % fall, printed 3.0 (paragraph 36)
    r = claims.evaluate(_row("fact:import_decline_2009_pct", "decline_pct",
                             {"start": "table3_foreign_trade:imports:2008",
                              "end": "table3_foreign_trade:imports:2009"}))
    assert (r["verdict"], r["evidence"], r["severity"]) == ("holds", "value", "")


def test_verdict_contradicted():
    # paragraph 38: 2015 trade dependency 20.7 %, but 960.9 / 4615 = 20.82 %: only a digit
    r = claims.evaluate(_row("fact:trade_dependency_2015_text", "share_pct",
                             {"part": "table3_foreign_trade:total_trade:2015",
                              "whole": "table3_foreign_trade:gdp_usd:2015"}))
    assert (r["verdict"], r["evidence"], r["severity"]) == ("contradicted", "value", "digit")


def test_verdict_implausible_is_a_hard_bound():
    # paragraph 56: 3.15亿 workers in bankrupt firms, Liaoning has 0.44亿 people
    r = claims.evaluate(_row("fact:bankruptcy_employees", "plausible_headcount",
                             {"scale": 10000}))
    assert (r["verdict"], r["evidence"]) == ("implausible", "hard_bound")
    # the same failure of an arithmetic bound contradicts, it is not an impossibility
    r = claims.evaluate(_row("fact:bankruptcy_employees", "at_most", {"bound": "says:0.4"}))
    assert r["verdict"] == "contradicted"


def test_verdict_unverifiable_names_its_class():
    from types import SimpleNamespace

    row = SimpleNamespace(reported="fact:expenditure_decline_2015_pct", rule="unverifiable",
                          args="{}", approx="", reason="no expenditure figure anywhere",
                          reading="", reading_rule="", reading_args="", note="", basis="",
                          scope="", conclusion="", reason_class="not_in_data")
    r = claims.evaluate(row)
    assert (r["verdict"], r["evidence"], r["severity"]) == ("unverifiable", "none", "")
    assert r["note"].startswith("Unverifiable (not_in_data: ")


def test_rounding_case_a_naive_check_calls_wrong():
    # paragraph 26: revenue fell 33.4 % in 2015; the printed levels 3190 -> 2130 give 33.23 %
    naive = (1 - 2130 / 3190) * 100
    assert round(naive, 1) != 33.4  # a naive check flags it
    rec = claims.decline_pct(p(3190, -1), p(2130, -1))
    assert claim_interval(33.4, 1).overlaps(rec)
    # partner table: Japan 2014 592.72 + 325.96 = 918.68, printed total 918.67
    assert round(592.72 + 325.96, 2) != 918.67
    assert claim_interval(918.67, 2).overlaps(claims.total([p(592.72, 2), p(325.96, 2)]))


# ---------------------------------------------------------------- the register


@pytest.fixture(scope="module")
def register() -> pd.DataFrame:
    return claims.load_register()


@pytest.fixture(scope="module")
def result(claims_audit: pd.DataFrame) -> pd.DataFrame:
    return claims_audit.copy()


ALLOWED_LITERALS = {100, 10, 0.1, 0.01, 0.0001, 10000, 1, 2, 7, 0}


def _allowed(lit) -> bool:
    """Unit factors, spans and thresholds, or a calendar year (a list of years, a span's end)."""
    return lit in ALLOWED_LITERALS or (isinstance(lit, int) and 2000 <= lit <= 2020)


def _literals(obj):
    return (v for v in claims.register.leaves(obj)
            if isinstance(v, int | float) and not isinstance(v, bool))


def test_register_is_complete(register):
    assert len(register) >= 400
    assert register["paragraph"].nunique() >= 70
    assert (register["paragraph"] >= 64).sum() >= 110  # paragraphs 64-130 covered like 1-63
    for r in register.itertuples():
        assert r.rule in claims.RULES, r.id
        if r.rule == "unverifiable":
            assert r.reason.strip(), f"{r.id}: unverifiable without a reason"
        else:
            assert json.loads(r.args), f"{r.id}: a rule without arguments"


def test_register_never_types_the_expected_value(register):
    # arguments are references to data; plain numbers only as unit factors, spans and years
    for r in register.itertuples():
        for lit in _literals(json.loads(r.args or "{}")):
            assert _allowed(lit), f"{r.id}: literal {lit} in args"
        for lit in _literals(json.loads(r.reading_args or "{}")):
            assert _allowed(lit), f"{r.id}: literal {lit} in reading_args"


def test_register_agrees_with_facts(register):
    facts = claims.data.facts()
    for r in register.itertuples():
        if r.reported.startswith("fact:"):
            fid = r.reported[5:].split("@")[0]
            assert fid in facts.index, r.id
            assert int(facts.at[fid, "paragraph"]) == r.paragraph, r.id
            assert facts.at[fid, "section"] == r.section, r.id


def test_bad_register_names_file_row_column_rule(tmp_path, register):
    bad = register.copy()
    bad.loc[3, "rule"] = "no_such_rule"
    bad.loc[5, "reason"] = ""
    bad.loc[5, "rule"] = "unverifiable"
    path = tmp_path / "claims_register.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(RegisterError) as err:
        claims.load_register(path)
    text = str(err.value)
    assert "claims_register.csv, row 5, column 'rule': rule 'known rule'" in text
    assert "row 7, column 'reason'" in text


# ---------------------------------------------------------------- the audit


def test_audit_columns_and_types(result):
    assert list(result.columns[:len(claims.OUTPUT_COLUMNS)]) == claims.OUTPUT_COLUMNS
    assert result["paragraph"].dtype.kind == "i"
    assert set(result["verdict"]) <= set(claims.VERDICTS)
    assert result["id"].is_unique
    checked = result[result["verdict"] != "unverifiable"]
    assert checked["recomputed"].notna().all()
    assert result["reported"].map(lambda v: isinstance(v, float)).all()


@pytest.mark.parametrize("cid, verdict", [
    ("fdi_decline_2015_pct", "other_vintage_or_source"),  # para 10: the table crosses a break
    ("fdi_2015_text", "holds"),                    # 51.9 vs 51.85
    ("revenue_decline_2015_pct", "holds"),         # para 26, rounding
    ("revenue_avg_decline_pct", "misworded"),      # para 28, 年均 read as the 2015 fall
    ("revenue_decline_2014_pct", "misworded"),     # para 28, 个百分点 read as %
    ("fai_decline_3yr_from_levels", "misworded"),  # para 29, 2443亿元 read as 十亿元
    ("fai_decline_3yr_from_growth", "holds"),
    ("fai_level_to", "misworded"),
    ("import_decline_2009_pct", "holds"),          # para 36
    ("export_decline_2009_pct", "holds"),
    ("trade_decline_2015_pct", "holds"),           # para 37
    ("trade_dependency_2015_text", "contradicted"),  # para 38: 20.7 vs 20.8
    ("trade_dependency_range_low", "misworded"),   # para 38: 15-20 % is the gap in points
    ("trade_dependency_range_high", "contradicted"),  # ... which exceeds 20 in 2006-2007
    ("trade_dependency_gap_low", "misworded"),     # para 45: % read as points
    ("fdi_2013_text", "contradicted"),             # para 42: 294 vs 290.40
    ("fdi_multiple_2006_2013", "misworded"),       # 增长近5倍 read as 'to nearly 5 times'
    ("fdi_avg_growth_2006_2013_pct", "contradicted"),  # 20 % 左右 vs 25.3 %
    ("trade_dependency_gap_high", "contradicted"),  # para 45
    ("bankruptcy_employees", "implausible"),       # para 56: more than the population
    ("bankruptcy_employees_per_firm", "implausible"),
    ("bankruptcy_per_firm_arithmetic", "holds"),
    ("total_fertility_rate_2010", "implausible"),  # para 61; its reading is only a bound
    ("ftz_capital_first_days_usd", "other_vintage_or_source"),  # para 19: unstated date
    ("partner_exports_2016", "holds"),             # para 41
    ("partner_export_share_2016", "other_vintage_or_source"),  # NBS totals: another concept
    ("partner_import_share_2016", "other_vintage_or_source"),
    ("t3_trade_dependency_china_2006", "holds"),   # external trade / GDP as published
    ("t3_trade_dependency_china_2007", "not_contradicted"),  # only within the rate widening
    ("t3_trade_dependency_china_2015", "holds"),
    ("fdi_plausible_2009", "not_contradicted"),    # FDI share 3.9 x GDP share
    ("fdi_plausible_2013", "doubtful"),            # 5.4 x: outside the rule of thumb
    ("fdi_plausible_2015", "unverifiable"),        # after the correction: vintages would mix
    ("revenue_2016", "holds"),                     # NBS 2200.49
    ("revenue_decline_2015_pct_nbs", "holds"),
    ("bankruptcies_2008_2014", "holds"),           # 3.15亿 / 42万 = 750
    ("trade_surplus_every_year", "holds"),         # para 35
    ("trade_falls_listed", "holds"),               # para 35: 2009 and 2015 fell (no 'only')
    ("trade_dependency_always_falling", "contradicted"),  # para 38: rose in 2010
    ("trade_dependency_below_national", "holds"),
    ("manufacturing_share_highest_2015", "other_vintage_or_source"),  # sectors for an industry
    ("fdi_falling_every_year", "not_contradicted"),  # para 10, over the years it names
    ("fdi_steady_growth_2006_2013", "not_contradicted"),  # 平稳 tested only as 'no falls'
    ("fdi_top_industry_2014", "holds"),            # para 43, the year it names
    ("fdi_second_industry_2014", "holds"),
    ("growth_above_national_2012_2014", "misworded"),  # para 27: 2014 was below
    ("growth_below_national_2014", "holds"),
    ("growth_rank_last_2016_peers", "not_contradicted"),  # 3 of 31, another vintage
    ("growth_rank_last_2016_rest", "unverifiable"),
    ("real_gdp_growth_2016", "other_vintage_or_source"),  # revised +0.5 vs first release
    ("real_gdp_growth_2017", "not_contradicted"),  # revised vintage agrees
    ("t3_gdp_usd_2015", "other_vintage_or_source"),
    ("t1_gdp_2014", "contradicted"),               # truncated: 2862.66 printed 2862.6
    ("t1_gdp_2016", "other_vintage_or_source"),
    ("ftz_opening_day_para70", "other_vintage_or_source"),  # two events, not one date
    ("expo_editions_if_yearly", "contradicted"),   # para 74: 每年, against paras 75-76
    ("expo_contract_value_usd_2017", "other_vintage_or_source"),
    ("expo_foreign_trade_2017", "other_vintage_or_source"),  # 订单数 (orders) vs trade value
    ("recommendation_areas_count", "holds"),       # para 109: seven listed
    ("ber_members_agree", "holds"),                # paras 82 and 124
])
def test_known_findings(result, cid, verdict):
    row = result.set_index("id").loc[cid]
    assert row["verdict"] == verdict, row["note"]


def test_every_verdict_occurs(result):
    assert set(result["verdict"]) == set(claims.VERDICTS)


def test_write_claims_csv(tmp_path):
    out = tmp_path / "v1" / "claims.csv"
    claims.write_claims_csv(out)
    back = pd.read_csv(out, encoding="utf-8")
    assert list(back.columns[:len(claims.OUTPUT_COLUMNS)]) == claims.OUTPUT_COLUMNS
    assert len(back) == len(claims.load_register())
    assert back["paragraph"].dtype.kind == "i"
    assert "涉及职工3.15亿人" in set(back["quote"])


def test_counts_and_findings(result):
    t = claims.counts(result)
    assert t.loc["all", "total"] == len(result)
    f = claims.findings(result)
    assert set(f["verdict"]) == set(claims.FINDING_VERDICTS)
    assert f["paragraph"].is_monotonic_increasing


# ---------------------------------------------------------------- facts file provenance


@pytest.mark.skipif(report_path() is None, reason="report text not checked out beside the project")
def test_fact_quotes_are_verbatim_at_their_line():
    lines = report_path().read_text(encoding="utf-8").split("\n")
    facts = claims.data.facts()
    for fid, r in facts.iterrows():
        # the quote starts on its line; it may run on over the PDF's line breaks
        following = "".join(t.strip() for t in lines[r["line"] - 1: r["line"] + 6]
                            if not re.fullmatch(r"\s*\d{1,2}\s*", t))
        assert r["quote"] in following, fid
        assert r["quote"][:1] in lines[r["line"] - 1], fid


# ---------------------------------------------------------------- the audit notebook


def test_audit_notebook_runs_in_both_languages(executed_notebooks):
    from conftest import notebook_text

    for lang in ("en", "zh"):
        nb = executed_notebooks[("07_claims_audit", lang)][0]
        assert not [o for c in nb.cells for o in c.get("outputs", [])
                    if o.get("output_type") == "error"]
    en = notebook_text(executed_notebooks[("07_claims_audit", "en")][0])
    zh = notebook_text(executed_notebooks[("07_claims_audit", "zh")][0])
    assert "**The reproduction** checks" in en and "t1\\_gdp\\_2014" in en  # a finding
    assert "与证据矛盾" in zh and "无法核实" in zh and "措辞有误" in zh and "未被否定" in zh
    assert "Misworded: holds only under a corrected reading" in en
    # the closing note lists the findings, quotes included
    assert "涉及职工3.15亿人" in en


def test_every_finding_names_a_likely_cause(result):
    f = claims.findings(result)
    assert len(f) > 0
    missing = f.loc[~f["note"].str.contains("Likely cause:", regex=False), "id"].tolist()
    assert not missing, missing
    assert claims.causes(result).sum() == len(f)


@pytest.mark.skipif(report_path() is None, reason="report text not checked out beside the project")
def test_list_quotes_are_verbatim_at_their_line():
    from analysis.provenance import page_of_line

    lines = report_path().read_text(encoding="utf-8").split("\n")
    lists = claims.data.load("report_lists")
    for lid, r in lists.iterrows():
        # a list may run over many lines (one per item); blank and page-number lines skipped
        following = "".join(t.strip() for t in lines[int(r["line"]) - 1: int(r["line"]) + 40]
                            if not re.fullmatch(r"\s*\d{1,2}\s*", t))
        assert following.find(r["quote"]) < len(lines[int(r["line"]) - 1].strip()), lid
        assert following.find(r["quote"]) >= 0, lid
        assert int(r["page"]) == page_of_line(int(r["line"])), lid
        assert len(claims.listed_items(lid)) >= 2, lid


def test_fact_pages_follow_their_lines():
    from analysis.provenance import page_of_line

    facts = claims.data.facts()
    for fid, r in facts.iterrows():
        assert r["page"] == page_of_line(int(r["line"])), fid


# ---------------------------------------------------------------- second pass (issue 15)


def test_printed_interval_has_one_home():
    from analysis import data, rounding, soe_ports_population

    # Table 3: 2013 total trade printed 1142.8 -> [1142.75, 1142.85]
    iv = rounding.printed_interval(data.load("table3_foreign_trade"), "total_trade", 2013)
    assert (iv.lo, iv.hi) == pytest.approx((1142.75, 1142.85))
    assert data.printed("table3_foreign_trade", "total_trade", 2013) == iv
    # a text fact: 3.15 (亿) printed with 2 decimals; a coarser precision on request
    assert soe_ports_population._printed("bankruptcy_employees") == Interval(3.145, 3.155)
    assert rounding.printed_value(data.facts(), "value", "revenue_2014", -1) == (3190.0, -1)
    assert claims.resolve("fact:revenue_2014@-1") == Interval(3185.0, 3195.0)


def test_second_pass_rules_by_hand():
    # revenue 100 -> 110 -> 99: growth 10 % then -10 %, a 20-point slowdown
    assert claims.growth_slowdown_pp(x(100), x(110), x(99)).mid == pytest.approx(20.0)
    assert claims.multiple_increase(x(290.40), x(59.85)).mid == pytest.approx(3.85213, abs=1e-5)
    assert claims.decline_pct(x(2443), x(6440), start_scale=10).mid == \
        pytest.approx(73.6390, abs=1e-4)  # 1 - 6440 / 24430
    # China 2006: 1,760,438.3 million USD = 17604.383亿美元; GDP 219438.5亿元 / 7.9727
    # = 27523.74亿美元; 17604.383 / 27523.74 = 63.961 %
    assert claims.dependency_pct(x(1760438.3), x(219438.5), x(7.9727), 0.01).mid == \
        pytest.approx(63.961, abs=1e-3)
    # 835亿元 over 430.63亿美元 at 6.644: 835 / 2861.106 = 29.184 %
    assert claims.share_of_usd_pct(x(835), x(430.63), x(6.644)).mid == \
        pytest.approx(29.1845, abs=1e-4)
    nat, lia = {2006: x(64.0), 2009: x(43.2)}, {2006: x(41.5), 2009: x(28.3)}
    # (64.0 - 41.5) / 64.0 = 35.16 %, (43.2 - 28.3) / 43.2 = 34.49 %
    assert claims.relative_gap_min(nat, lia).mid == pytest.approx(34.4907, abs=1e-4)
    assert claims.relative_gap_max(nat, lia).mid == pytest.approx(35.1563, abs=1e-4)
    assert claims.share_at_most_rest(x(2.5), x(274.23)).hi == pytest.approx(99.08836, abs=1e-5)
    assert claims.at_least_product(x(3), x(1000)).lo == 3000
    # at_most subtracts in the bound's unit, then scales: (36.7 - 27 - 3 - 1.7) * 10000
    assert claims.at_most(x(36.7), 10000, [x(27), x(3), x(1.7)]).hi == pytest.approx(50000)
    # FDI 2013: 1175.86 * 27213.22 / 595244.4 * 4 = 215.03
    assert claims.plausible_fdi_share(x(1175.86), x(27213.22), x(595244.4)).hi == \
        pytest.approx(215.031, abs=1e-3)
    assert plausibility.fdi_intensity_ratio(x(290.40), x(1175.86), x(27213.22),
                                            x(595244.4)).mid == pytest.approx(5.4020, abs=1e-4)


def test_direction_rank_and_completeness_rules_by_hand():
    trade = {2012: p(1039.9, 1), 2013: p(1142.8, 1), 2014: p(1139.6, 1), 2015: p(960.9, 1)}
    falls = claims.count_falls(trade)
    assert (falls.lo, falls.hi) == (2, 2)
    not_listed = claims.falls_not_listed(trade, [2015])  # the 2014 fall is missing
    assert (not_listed.lo, not_listed.hi) == (1, 1)
    assert claims.falls_not_listed(trade, [2014, 2015]).hi == 0
    # a fall within rounding is possible, not certain
    tie = claims.count_falls({1: p(10.0, 1), 2: p(9.95, 2)})
    assert (tie.lo, tie.hi) == (0, 1)
    balance = {2006: x(82.5), 2014: x(35.6)}
    assert claims.count_not_above(balance, 0).hi == 0
    assert claims.count_not_above([x(6.5), x(-0.1)], 0).lo == 1
    assert claims.count_not_above({1: x(5.8)}, {1: x(7.3)}).lo == 1
    assert claims.is_above(x(2), x(1)).lo == 1 and claims.is_above(x(1), x(2)).hi == 0
    # Table 2, 2015: secondary 45.5 is not the largest (tertiary 46.2)
    assert claims.is_largest(p(45.5, 1), [p(8.3, 1), p(46.2, 1)]).hi == 0
    # para 43, 2014: real estate 18.2 beats the other named services and what the tertiary
    # share leaves unnamed (46.8 - 18.2 - 7.7 - 4.9 - 3.8 = 12.2); with a rest of 20 it would not
    svc = [x(18.2), x(7.7), x(4.9), x(3.8)]
    assert claims.is_largest(x(18.2), svc[1:], [(x(46.8), svc)]).lo == 1
    assert claims.is_largest(x(18.2), svc[1:], [(x(54.6), svc)]).hi == 0
    assert claims.is_smallest(x(0.5), [x(6.5), x(4.4)]).lo == 1
    assert claims.order_violations([x(38.5), x(11.4), x(9.4), x(9.1)]).hi == 0
    assert claims.order_violations([x(38.5), x(9.4), x(11.4)]).lo == 1
    # revenue 3340 -> 3190 (-4.5 %) -> 2130 (-33.2 %): the fall accelerates
    assert claims.fall_accelerates(x(3340), x(3190), x(2130)).lo == 1


def test_one_policy_for_wording_slips():
    # passes as printed: the reading is not needed
    ok = claims.evaluate(_row("says:5", "same_value", {"value": "says:5"}, "x read as y",
                              "same_value", {"value": "says:7"}))
    assert ok["verdict"] == "holds" and "not needed" in ok["note"]
    # fails as printed, holds under the reading: misworded, the as-printed result beside it
    mis = claims.evaluate(_row("says:5", "same_value", {"value": "says:50"}, "亿 read as 十亿",
                               "same_value", {"value": "says:5"}))
    assert mis["verdict"] == "misworded"
    assert (mis["recomputed"], mis["as_printed"], mis["reading"]) == (5.0, 50.0, "亿 read as 十亿")
    # fails under the reading too: contradicted
    bad = claims.evaluate(_row("says:5", "same_value", {"value": "says:50"}, "a reading",
                               "same_value", {"value": "says:6"}))
    assert bad["verdict"] == "contradicted" and "fails too" in bad["note"]
    # a reading that passes only a one-sided bound does not confirm it
    weak = claims.evaluate(_row("says:5", "same_value", {"value": "says:50"}, "a reading",
                                "at_most", {"bound": "says:6"}))
    assert weak["verdict"] == "contradicted" and "cannot confirm" in weak["note"]


def test_bounds_say_what_they_are_worth():
    # a bound 20 times the claim cannot fail near the printed value
    assert "cannot fail" in claims.bound_note(5.0, Interval(-math.inf, 100.0))
    assert "weak evidence" in claims.bound_note(5.0, Interval(-math.inf, 6.0))
    assert "cannot fail" in claims.bound_note(5000.0, Interval(3.0, math.inf))
    r = claims.evaluate(_row("says:5", "at_most", {"bound": "says:100"}))
    assert r["verdict"] == "not_contradicted" and r["evidence"] == "bound"
    assert claims.evaluate(_row("says:5", "same_value", {"value": "says:5"}))["evidence"] == \
        "value"


def test_misworded_claims_name_their_reading(result):
    mis = result[result["verdict"] == "misworded"]
    assert len(mis) >= 5
    assert (mis["reading"].str.len() > 0).all()
    # the as-printed result fails, the judged one holds
    for r in mis.itertuples():
        assert not (r.claim_lo - 1e-9 <= r.as_printed <= r.claim_hi + 1e-9), r.id
    row = result.set_index("id").loc["revenue_decline_2014_pct"]
    assert row["reading"].startswith("个百分点 read as %")
    assert row["recomputed"] == pytest.approx(4.491, abs=1e-3)  # 1 - 3190 / 3340
    assert row["as_printed"] == pytest.approx(12.05, abs=0.01)  # growth 7.55 % then -4.49 %


def test_unverifiable_only_when_nothing_bounds_it(result, register):
    u = result[result["verdict"] == "unverifiable"]
    assert len(u) / len(result) < 0.3  # each says why, in a sentence and by a reason class
    reasons = register.set_index("id").loc[u["id"], "reason"]
    assert (reasons.str.len() > 30).all()
    assert u["reason_class"].isin(list(claims.REASON_CLASSES)).all()
    # Table 3's national row is now checked against data/external, never unverifiable
    assert not u["id"].str.startswith("t3_trade_dependency_china").any()


def test_no_bound_compares_different_years_silently(register):
    # the Shenyang 2017 export share is bounded by Liaoning's 2017 exports, not a 2014 figure
    args = json.loads(register.set_index("id").loc["shenyang_bri_export_share", "args"])
    assert args["whole_max"] == "liaoning_exports_nbs:value:2017"
