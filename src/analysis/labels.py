"""Bilingual (English / Chinese) labels for figures and tables, kept in one table.

Chinese labels of the report's figures, tables and series are the report's own captions and
row headings, copied verbatim (with the line of the report text they come from), so that a
reviewer can find them in the original; the other Chinese labels are the project's translation.
"""

from __future__ import annotations

LANGUAGES = ("en", "zh")

# key: (English, 中文). Keep sorted by theme; keys are the report's vocabulary in snake_case.
LABELS: dict[str, tuple[str, str]] = {
    # Figures and tables: the report's captions (zh verbatim)
    "fig1": ("Figure 1: Record-low economic growth", "图 1：历史最低经济增长率"),
    "fig2": ("Figure 2: Government revenue falls sharply", "图 2：政府收入大幅下跌"),
    "fig3": ("Figure 3: Fixed-asset investment falls sharply", "图 3：固定资产投资大幅下跌"),
    "fig4": (
        "Figure 4: Liaoning's foreign-trade dependency against the national average",
        "图 4：辽宁对外贸易依存度与全国平均水平对比",
    ),
    "fig5": (
        "Figure 5: Liaoning's FDI decline, 2006-2015",
        "图 5：2006 - 2015 年辽宁外商直接投资下降",
    ),
    "table1": (
        "Table 1: Liaoning GDP (billion yuan, 2011-2016)",
        "表 1：辽宁省 GDP（十亿元，2011-2016）",
    ),
    "table2": (
        "Table 2: Liaoning industry structure, 2011-2015 (percent)",
        "表 2：辽宁省工业结构，2011-2015（百分比）",
    ),
    "table3": (
        "Table 3: Liaoning foreign trade, 2006-2015",
        "表 3：辽宁省对外贸易，2006 - 2015 年",
    ),
    "table_partner_trade": (
        "Liaoning exports and imports with Japan, Korea and Russia (2014-2016)",
        "辽宁省与日本，韩国，俄罗斯进出口额（2014-2016）",
    ),
    "table_fdi": (
        "Foreign direct investment (FDI) in Liaoning, 2006-2015",
        "中国辽宁省外商直接投资（FDI）2006-2015",
    ),
    # Report sections
    "sec_3a": ("III.A Economic structure", "A. 经济结构"),
    "sec_3b1": ("III.B.1 Liaoning's trade", "1. 辽宁贸易往来"),
    "sec_3b2": ("III.B.2 Foreign direct investment in Liaoning", "2. 辽宁省外商直接投资"),
    "sec_3d": ("III.D Duplicate construction and overcapacity", "D. 重复建设和产能过剩"),
    "sec_3e": ("III.E Management of state-owned enterprises", "E. 国有企业管理"),
    "sec_3f": ("III.F Port management", "F. 港口管理"),
    "sec_3g": ("III.G Population trends", "G. 人口趋势"),
    # Series: the report's row headings (zh verbatim where printed)
    "gdp": ("GDP", "GDP"),
    "gdp_usd": ("GDP (Liaoning)", "GDP （辽宁）"),
    "primary_share": ("Primary industry", "第一产业"),
    "secondary_share": ("Secondary industry", "第二产业"),
    "tertiary_share": ("Tertiary industry", "第三产业"),
    "exports": ("Exports", "出口额"),
    "imports": ("Imports", "进口额"),
    "total_trade": ("Total trade", "总贸易量"),
    "trade_balance": ("Trade balance (exports - imports)", "贸易差额（进出口）"),
    "trade_dependency": ("Trade dependency (Liaoning)", "对外贸易依存度（辽宁）"),
    "trade_dependency_china": ("Trade dependency (China)", "对外贸易依存度（国家）"),
    "fdi": ("FDI", "FDI"),
    "fdi_dependency": ("FDI dependency", "FDI 依存度"),
    "japan": ("Japan", "日本"),
    "korea": ("Korea", "韩国"),
    "russia": ("Russia", "俄罗斯"),
    "liaoning": ("Liaoning", "辽宁"),
    "china": ("China (national)", "全国"),
    # Derived series used by the section notebooks
    "nominal_gdp_growth": ("Nominal GDP growth (Table 1)", "名义GDP增长率（表 1）"),
    "real_gdp_growth": ("Real GDP growth, Liaoning", "辽宁实际GDP增长率"),
    "real_gdp_growth_china": ("Real GDP growth, China", "全国实际GDP增长率"),
    "real_gdp_growth_report": (
        "Real GDP growth, Liaoning (report text, paras 26-27)",
        "辽宁实际GDP增长率（报告正文第26-27段）",
    ),
    "real_gdp_growth_external": (
        "Real GDP growth, Liaoning (NBS yearbook)",
        "辽宁实际GDP增长率（国家统计局年鉴）",
    ),
    "printed_levels": ("Levels as printed in para 29", "第29段所列数值"),
    "government_revenue": ("Government revenue", "政府财政收入"),
    "fixed_asset_investment": ("Fixed-asset investment", "固定资产投资"),
    "fai_reading_a": (
        "Reading A: first level lost a digit (x10)",
        "解读 A：起始水平少一位（×10）",
    ),
    "fai_reading_b": (
        "Reading B: end level has a digit too many (/10)",
        "解读 B：终止水平多一位（÷10）",
    ),
    "printed_end_level": ("Level printed for 2016 (para 29)", "第29段所列2016年水平"),
    "capacity_utilisation": ("Capacity utilisation", "产能利用率"),
    "capacity_reasonable_band": ("Reasonable band (para 50)", "合理区间（第50段）"),
    "capacity_liaoning_range": ("Liaoning (para 50)", "辽宁（第50段）"),
    "capacity_national_report": ("National average (para 50)", "全国平均（第50段）"),
    "capacity_national_external": ("China, NBS (external)", "全国，国家统计局（外部数据）"),
    "share_of_gdp": ("Share of GDP", "占GDP比重"),
    "gap_to_national": ("Gap to the national share", "与全国水平的差距"),
    "fitted_trend": ("Fitted linear trend", "线性趋势拟合"),
    "trend": ("Trend", "趋势"),
    "actual": ("Actual", "实际值"),
    "prediction": ("Prediction", "预测值"),
    "confidence_interval": ("95% confidence interval", "95% 置信区间"),
    "prediction_interval": ("95% prediction interval", "95% 预测区间"),
    "contribution": ("Contribution to growth", "对增长的贡献"),
    "growth_rate": ("Growth rate", "增长率"),
    "cagr": ("CAGR", "年均复合增长率"),
    "rounding_range": ("range allowed by the printed rounding", "印刷舍入允许的范围"),
    # Ports, SOEs, population
    "dandong_throughput": ("Dandong port throughput", "丹东港吞吐量"),
    "dalian_container_throughput": ("Dalian port container throughput", "大连港集装箱吞吐量"),
    "soe_employees_per_firm": ("Employees per bankrupt firm", "每家破产企业职工人数"),
    "as_printed": ("As printed (亿, 万)", "按原文单位（亿、万）"),
    "units_one_step_down": ("Units one step down (万, persons)", "单位降一级（万、人）"),
    "employees_over_population": (
        "Employees of bankrupt firms / Liaoning population",
        "破产企业职工人数 / 辽宁常住人口",
    ),
    "unit_times": ("times", "倍"),
    "liaoning_population": ("Liaoning resident population", "辽宁常住人口"),
    "birth_rate": ("Birth rate", "出生率"),
    "median_age": ("Median age (Northeast)", "年龄中位数（东北地区）"),
    "population_change": ("Change in resident population", "常住人口变化"),
    "aged_60_plus": ("Share aged 60 and over", "60岁以上人口比重"),
    "aged_0_14": ("Share aged 0-14", "0-14岁人口比重"),
    # Axis words, units and notes
    "year": ("Year", "年份"),
    "value": ("Value", "数值"),
    "unit_billion_yuan": ("billion yuan", "十亿元"),
    "unit_100m_yuan": ("100 million yuan", "亿元"),
    "unit_100m_usd": ("100 million USD", "亿美元"),
    "unit_percent": ("%", "%"),
    "unit_pp": ("percentage points", "百分点"),
    "unit_100m_tonnes": ("100 million tonnes", "亿吨"),
    "unit_million_teu": ("million TEU", "百万标箱"),
    "unit_10k_persons": ("10 thousand persons", "万人"),
    "unit_persons": ("persons", "人"),
    "unit_years": ("years", "年"),
    "source": ("Source", "来源"),
    "report": ("report", "报告"),
    "external": ("external", "外部数据"),
    "external_series": ("external series (not in the report)", "外部数据（非报告数据）"),
    "para": ("para. {n}", "第{n}段"),
    "page": ("p. {n}", "第{n}页"),
}


def _check_language(lang: str) -> int:
    """Return the column index of ``lang`` or raise with the allowed languages."""
    if lang not in LANGUAGES:
        raise ValueError(f"label language must be one of {LANGUAGES}, got {lang!r}")
    return LANGUAGES.index(lang)


def t(key: str, lang: str, **fields: object) -> str:
    """Label ``key`` in language ``lang`` ('en' or 'zh'), with ``{fields}`` filled in if given."""
    col = _check_language(lang)
    try:
        text = LABELS[key][col]
    except KeyError:
        raise KeyError(f"no label {key!r} in analysis.labels.LABELS") from None
    return text.format(**fields) if fields else text


def caption(figure_key: str, lang: str) -> str:
    """'English / 中文' caption pair, the chosen label language first, for figures and tables."""
    col = _check_language(lang)
    pair = LABELS.get(figure_key)
    if pair is None:
        raise KeyError(f"no label {figure_key!r} in analysis.labels.LABELS")
    first, second = pair[col], pair[1 - col]
    return first if first == second else f"{first} / {second}"


def cite(lang: str, *, para: int | None = None, page: int | None = None, item: str = "") -> str:
    """Short citation such as 'Table 3, para. 38, p. 20' / '表 3，第38段，第20页'."""
    col = _check_language(lang)
    parts: list[str] = [item] if item else []
    if para is not None:
        parts.append(t("para", lang, n=para))
    if page is not None:
        parts.append(t("page", lang, n=page))
    return (", " if col == 0 else "，").join(parts)
