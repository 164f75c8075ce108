"""The one FDI plausibility rule (analysis.plausibility), by hand and in both languages."""

from __future__ import annotations

import pytest

from analysis import data, plausibility
from analysis.rounding import Interval


def test_rule_of_thumb_by_hand():
    # 2013: FDI 290.40 of China's 1175.86; GDP 27213.22 of China's 595244.4 (as published)
    ratio = plausibility.fdi_intensity_ratio(290.40, 1175.86, 27213.22, 595244.4)
    assert ratio == pytest.approx((290.40 / 1175.86) / (27213.22 / 595244.4))
    assert ratio == pytest.approx(5.402, abs=1e-3)
    assert plausibility.fdi_verdict(ratio) == "doubtful"
    assert plausibility.fdi_verdict(3.94) == "not_contradicted"  # 2009: within the rule
    assert plausibility.fdi_verdict(plausibility.FDI_INTENSITY_RULE_OF_THUMB) == \
        "not_contradicted"
    # the ceiling: 1175.86 * 27213.22 / 595244.4 * 4 = 215.03
    assert plausibility.fdi_ceiling(1175.86, 27213.22, 595244.4) == pytest.approx(215.031,
                                                                                 abs=1e-3)
    # intervals pass through unchanged (the audit carries printed rounding)
    iv = plausibility.fdi_ceiling(Interval.exact(1175.86), Interval.exact(27213.22),
                                  Interval.exact(595244.4))
    assert iv.mid == pytest.approx(215.031, abs=1e-3)


def test_table_and_words():
    table = plausibility.fdi_plausibility_table(data.load("table_fdi")["fdi"])
    doubtful = [int(y) for y in table.index[table["verdict"] == "doubtful"]]
    assert doubtful == [2010, 2011, 2012, 2013, 2014]
    en = plausibility.fdi_plausibility_words(table, "en")
    assert en == ("doubtful in 2010-2014 (4.4-5.4 times the GDP share); within the rule of thumb "
                  "in 2006-2009 (2.1-3.9 times the GDP share)")
    assert 2015 not in table.index  # after the correction, its GDP before it: not judged
    zh = plausibility.fdi_plausibility_words(table, "zh")
    assert zh.startswith("2010-2014年存疑（为GDP比重的4.4-5.4倍）；")
    assert "implausible" not in plausibility.FDI_RULE_TEXT["en"]
    assert "Rule of thumb, not a hard bound" in plausibility.FDI_RULE_TEXT["en"]
    assert "known to add up to more" in plausibility.FDI_RULE_TEXT["en"]
    assert "经验法则" in plausibility.FDI_RULE_TEXT["zh"]
