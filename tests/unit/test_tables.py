"""Report tables shown exactly as printed; text facts shown with their citation."""

import csv

import pytest

from analysis import data, tables
from analysis.provenance import DATA_DIR

REPORT_TABLES = ["table3_foreign_trade", "table_fdi", "table_partner_trade"]


@pytest.mark.parametrize("name", REPORT_TABLES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_printed_table_shows_every_value_as_printed(name, lang):
    """Every cell of the reproduced table is the CSV text (as printed), digit for digit."""
    shown = tables.printed_table(data.load(name), lang)
    path = DATA_DIR / data.source(name)["path"]
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for r in rows:
        series = tables.label(r["series"], lang)
        if "partner" in r:
            cell = shown.loc[tables.label(r["partner"], lang), (series, int(r["year"]))]
        else:
            row = next(i for i in shown.index if i.startswith(series + " ("))
            cell = shown.loc[row, int(r["year"])]
        assert cell == r["value"], (name, r)


def test_fmt_keeps_trailing_zeros():
    assert tables.fmt(552.0, 1) == "552.0"
    assert tables.fmt(207.5, 2) == "207.50"
    assert tables.fmt(1167.0, 0) == "1167"


def test_fact_table_cites_paragraph_page_and_quote():
    ft = tables.fact_table(["export_share_steel_2015"], "en")
    row = ft.iloc[0]
    assert row["Value"] == "11.4"
    assert row["Para."] == 39
    assert "11.4%" in row["Report text (verbatim)"]


def test_fact_helpers_name_unknown_ids():
    with pytest.raises(KeyError, match="no_such_fact"):
        tables.fact_table(["no_such_fact"])
    with pytest.raises(KeyError, match="no_such_fact"):
        tables.text_vs_computed({"no_such_fact": 1.0})


def test_text_vs_computed_difference():
    out = tables.text_vs_computed({"export_decline_2009_pct": 20.48}, "en")
    row = out.iloc[0]
    assert row["Text says"] == "20.5"  # as printed
    assert row["Difference"] == "0.020"  # two more decimals, no e-notation


def test_labels_fall_back_and_format():
    assert tables.label("exports", "zh") == "出口额"
    assert tables.label("trend_prediction", "en", start=2006, end=2013) == "Trend 2006-2013"
    assert tables.label("not_a_key", "en") == "not_a_key"
    assert tables.unit_label("100 million USD", "zh") == "亿美元"


def test_localise_translates_index_columns_names_and_cells():
    import pandas as pd

    df = pd.DataFrame({"method": ["breakpoint"], "p_value": [0.5]},
                      index=pd.Index(["exports"], name="series"))
    df.attrs = {"decimals": df.copy()}
    out = tables.localise(df, "zh")
    assert list(out.columns) == ["检验", "p 值"]
    assert list(out.index) == ["出口额"] and out.index.name == "指标"
    assert out.loc["出口额", "检验"] == "Chow 断点检验"
    assert out.loc["出口额", "p 值"] == "0.500"  # p-values with three decimals
    flags = tables.localise(pd.DataFrame({"derived": ["yes"], "inside_pi": [False]}), "zh")
    assert flags.loc[0, "推算"] == "是" and flags.loc[0, "在95%预测区间内"] == "否"  # zh
    wide = pd.DataFrame({2006: [52.0], 2007: [32.1]}, index=["exports"])
    wide.columns.name = "year"  # a table with the years across: its columns' axis is named
    assert tables.localise(wide, "zh").columns.name == "年份"


def test_readable_fixes_decimals_per_column_and_never_writes_e_notation():
    import pandas as pd

    df = pd.DataFrame({
        "diff": [0.0347, 0.0012, -0.0004],  # as many decimals as the values have (4)
        "level": [6438.0412, 643.8, 12.0],  # two significant digits of the smallest: two
        "rounded": [46.2, 54.7, 1.0],  # shown as given: one decimal
        "count": [746, 3, 1],  # integers untouched
        "p_value": [0.5, 0.00005, float("nan")],
    })
    out = tables.readable(df)
    assert list(out["diff"]) == ["0.0347", "0.0012", "-0.0004"]
    assert list(out["level"]) == ["6438.04", "643.80", "12.00"]
    assert list(out["rounded"]) == ["46.2", "54.7", "1.0"]
    assert list(out["count"]) == [746, 3, 1]
    assert list(out["p_value"]) == ["0.500", "< 0.001", ""]
    ratio = tables.readable(pd.Series([7.18776, 0.000719, -0.0]))
    assert list(ratio) == ["7.18776", "0.00072", "0.00000"]  # the small one keeps 2 digits
    assert list(tables.readable(df[["diff"]], {"diff": 2})["diff"]) == ["0.03", "0.00", "0.00"]
    assert not any("e-" in str(v) for v in out.to_numpy().ravel())


def test_fact_headers_and_units_come_from_the_labels():
    ft = tables.fact_table(["export_share_steel_2015"], "zh")
    assert list(ft.columns) == ["数值", "单位", "段落", "页码", "报告原文"]
    assert tables.unit_label("percentage points", "zh") == "百分点"
    assert ft.index.name == "事实编号"
    units = set(data.facts()["unit"])
    for name in ("table3_foreign_trade", "table_fdi", "table_partner_trade"):
        units |= set(data.load(name).attrs.get("units", {}).values())
    untranslated = sorted(u for u in units if tables.unit_label(u, "zh") == u)
    assert untranslated == [], "units with no Chinese label (add them to analysis.labels)"
    assert "show" in tables.__all__ and "readable" in tables.__all__
