"""The register's coverage of the report, counted by one stated rule (analysis.claims.coverage)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.claims import coverage as cv
from analysis.claims import load_register
from analysis.provenance import report_path

TEXT = """ 摘要
2. 在亚洲地区，区域一体化（白雪梅：2015）已经成为几十年来的催化剂，以前所未有的速度发展。
35
3. 2015年，辽宁省服务业产值占其GDP总额的46.2%1，低于全国平均值50.2%2。辽宁属于第三批自贸
区，包括大连、沈阳、营口市的三个城区，于2017年4月10日开始运营，每年举办一次。第二产业和第二，
1. 经济结构
表 1：辽宁省 GDP
Year 2011 2012
GDP 2222.7 2484.6
"""


def test_paragraphs_drop_headings_captions_and_page_numbers():
    paras = cv.paragraphs(TEXT)
    assert set(paras) == {2, 3}
    assert "经济结构" not in paras[3] and "表 1" not in paras[3] and "35" not in paras[2]
    assert "GDP 2222.7 2484.6" in paras[3]  # table cells stay apart (digit against digit)


def test_candidates_follow_the_stated_rule():
    paras = cv.paragraphs(TEXT)
    assert [t for _, _, t in cv.candidates(paras[2])] == ["前所未有"]  # no citation year, no 几十
    tokens = [t for _, _, t in cv.candidates(paras[3])]
    # no bare year, no footnote marker after %, no sector name, no discourse ordinal
    assert tokens == ["46.2", "50.2", "第三批", "三", "2017年4月10日", "每年", "2222.7",
                      "2484.6"]


def test_coverage_counts_quotes_and_checked_table_cells():
    register = pd.DataFrame({
        "paragraph": [3, 3], "quote": ["辽宁省服务业产值占其GDP总额的46.2%", "GDP 2011: 2222.7"],
        "reported": ["says:1", "table1_gdp:gdp:2011"], "args": ["{}", "{}"]})
    table = cv.coverage(register, TEXT)
    assert table.loc[3, "candidates"] == 8 and table.loc[3, "covered"] == 2
    assert table.loc[3, "missed"].split() == ["50.2", "第三批", "三", "2017年4月10日", "每年",
                                              "2484.6"]
    ranges = cv.coverage_by_range(table, [(2, 2), (3, 3)])
    assert ranges.loc["3-3", "share_pct"] == pytest.approx(25.0)


@pytest.mark.skipif(report_path() is None, reason="report text not checked out beside the project")
def test_the_register_covers_both_halves_of_the_report():
    table = cv.coverage(load_register(), report_path().read_text(encoding="utf-8"))
    ranges = cv.coverage_by_range(table, [(1, 63), (64, 130)])
    assert (ranges["share_pct"] >= 95).all(), ranges
