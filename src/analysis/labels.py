"""Bilingual (English / Chinese) labels for figures and tables, kept in one table.

Chinese labels of the report's figures, tables and series are the report's own captions and
row headings, copied verbatim (with the line of the report text they come from), so that a
reviewer can find them in the original; the other Chinese labels are the project's translation.
"""

from __future__ import annotations

LANGUAGES = ("en", "zh")  # the label languages: the one list (plotting, tables, build import it)

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
    "capacity_national_published": (
        "China, NBS, published (external)", "全国，国家统计局公布值（外部数据）"),
    "capacity_national_derived": (
        "China, NBS, derived from a stated change (external)",
        "全国，由公布的同比变化推算（外部数据）"),
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
        "Employees of bankrupt firms, multiple of Liaoning's population (external)",
        "破产企业职工人数相当于辽宁常住人口（外部数据）的倍数",
    ),
    "unit_times": ("times", "倍"),
    "liaoning_population": ("Liaoning resident population", "辽宁常住人口"),
    "birth_rate": ("Birth rate", "出生率"),
    "median_age": ("Median age (Northeast)", "年龄中位数（东北地区）"),
    "population_change": ("Change in resident population", "常住人口变化"),
    "aged_60_plus": ("Share aged 60 and over", "60岁以上人口比重"),
    "aged_0_14": ("Share aged 0-14", "0-14岁人口比重"),
    # Columns and rows of the section notebooks' derived tables (01, 02, 05, 06)
    "gap_pp": ("Gap (pp)", "差距（百分点）"),
    "liaoning_from": ("Liaoning value from", "辽宁数据来源"),
    "growth_pct": ("Growth (%)", "增长率（%）"),
    "level_2014": ("Level 2014", "2014年水平"),
    "level_2016": ("Level 2016", "2016年水平"),
    "change_pct": ("Change (%)", "变化（%）"),
    "stated_decline_pct": ("Decline stated (%)", "文中所述降幅（%）"),
    "fai_to_gdp_2014_pct": ("Investment / GDP 2014 (%)", "2014年固定资产投资占GDP（%）"),
    "reading_a": ("Reading A", "解读 A"),
    "reading_b": ("Reading B", "解读 B"),
    "report_table1": ("Table 1", "表 1"),
    "external_vintage": ("External vintage", "外部数据版本"),
    "yearbook": ("yearbook", "年鉴"),
    "revised": ("revised", "修订"),
    "difference_pct": ("Difference (%)", "差异（%）"),
    "difference_pp": ("Difference (pp)", "差异（百分点）"),
    "series": ("Series", "指标"),
    "window": ("Fit window", "拟合区间"),
    "pace_pp_per_year": ("Pace (pp a year)", "年均变化（百分点）"),
    "r_squared": ("R²", "R²"),
    "national_share": ("National share", "全国比重"),
    "fixed": ("fixed at 2015", "保持2015年水平"),
    "moving": ("moving at its 2015-2017 pace (external)", "按2015-2017年速度变化（外部数据）"),
    "relative_pace_pp_per_year": (
        "Pace relative to national (pp a year)",
        "相对全国的年均变化（百分点）",
    ),
    "years_point": ("Years (point)", "年数（点估计）"),
    "years_low": ("Years, 2.5 %", "年数（2.5%分位）"),
    "years_median": ("Years, median", "年数（中位数）"),
    "years_high": ("Years, 97.5 %", "年数（97.5%分位）"),
    "share_never_pct": ("Never closes (% of draws)", "永不追上（模拟占比%）"),
    "national_minus_liaoning": ("China minus Liaoning", "全国减辽宁"),
    "reasonable_low_minus_liaoning": ("Reasonable band (low) minus Liaoning", "合理区间下限减辽宁"),
    "reasonable_low_minus_national": ("Reasonable band (low) minus China", "合理区间下限减全国"),
    "as_stated_low": ("As stated: low", "按文中数值：下限"),
    "as_stated_high": ("As stated: high", "按文中数值：上限"),
    "with_rounding_low": ("With rounding: low", "含舍入：下限"),
    "with_rounding_high": ("With rounding: high", "含舍入：上限"),
    "china_external": ("China (external)", "全国（外部数据）"),
    "derived": ("Derived", "推算"),
    "gap_to_liaoning_low": ("Gap to Liaoning: low", "与辽宁差距：下限"),
    "gap_to_liaoning_high": ("Gap to Liaoning: high", "与辽宁差距：上限"),
    "matches_report_national": ("Equals the report's national figure", "等于报告所述全国水平"),
    "inside_liaoning_range": ("Inside Liaoning's range", "在辽宁区间内"),
    "bankruptcies_per_year": ("Bankruptcies a year, 2008-2014", "2008-2014年年均破产企业数"),
    "soe_bankruptcies": ("SOE bankruptcies (three quarters)", "国有企业破产数（四分之三）"),
    "soe_bankruptcies_over_soe_count_2016_pct": (
        "SOE bankruptcies / SOEs in 2016 (%)",
        "国有企业破产数 / 2016年国有企业数（%）",
    ),
    "employees": ("Employees", "职工人数"),
    "employees_per_firm": ("Employees per firm (computed)", "每家企业职工（计算）"),
    "per_firm_printed": ("Employees per firm (printed)", "每家企业职工（原文）"),
    "computed_over_printed": ("Computed / printed", "计算值 / 原文"),
    "population_external": ("Liaoning population (external)", "辽宁常住人口（外部数据）"),
    "cagr_pct": ("CAGR (%)", "年均复合增长率（%）"),
    "cagr_low_pct": ("CAGR low (%)", "年均复合增长率下限（%）"),
    "cagr_high_pct": ("CAGR high (%)", "年均复合增长率上限（%）"),
    "dalian_teu_million": ("Dalian, million TEU", "大连港（百万标箱）"),
    "dandong_default_share_of_debt_pct": (
        "Dandong default / debt (%)",
        "丹东港债券违约 / 负债（%）",
    ),
    "birth_rate_pct": ("Birth rate (%)", "出生率（%）"),
    "median_age_years_northeast": ("Median age, Northeast (years)", "东北地区年龄中位数（岁）"),
    "share_over_60_pct": ("Share aged 60+ (%)", "60岁以上人口比重（%）"),
    "national": ("National (stated or implied)", "全国（文中所述或推算）"),
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
    # Units of the text facts (data/report/facts.csv), beside the ones above
    "unit_10k_teu": ("10 thousand TEU", "万标箱"),
    "unit_10k_tonnes": ("10 thousand tonnes", "万吨"),
    "unit_100m_persons": ("100 million persons", "亿人"),
    "unit_areas": ("areas", "个区域"),
    "unit_cities": ("cities", "个城市"),
    "unit_contracts": ("contracts", "份合同"),
    "unit_countries": ("countries", "个国家"),
    "unit_countries_regions": ("countries and regions", "个国家和地区"),
    "unit_day_april_2017": ("day of April 2017", "日（2017年4月）"),
    "unit_days": ("days", "天"),
    "unit_directions": ("directions", "个方向"),
    "unit_edition": ("edition", "届"),
    "unit_editions": ("editions", "届"),
    "unit_firms": ("firms", "家"),
    "unit_fraction": ("fraction", "比例"),
    "unit_industries": ("industries", "个行业"),
    "unit_inquiries": ("inquiries", "次咨询"),
    "unit_institutions": ("institutions", "个机构"),
    "unit_meetings": ("meetings", "次会议"),
    "unit_policies": ("policies", "项政策"),
    "unit_projects": ("projects", "个项目"),
    "unit_provinces": ("provinces", "个省份"),
    "unit_rank": ("rank", "位次"),
    "unit_km2": ("square kilometres", "平方公里"),
    "unit_year": ("year", "年"),
    "fact_id": ("Fact", "事实编号"),
    # Column headers of the fact tables (analysis.tables.fact_table, text_vs_computed)
    "unit": ("Unit", "单位"),
    "paragraph": ("Para.", "段落"),
    "page_number": ("Page", "页码"),
    "quote": ("Report text (verbatim)", "报告原文"),
    # Vocabulary (README, "Data availability and provenance"): one word for each event
    "as_published": ("as published", "当时公布数"),
    "revised_vintage": ("revised (NBS 2021 back-series)", "修订数（国家统计局2021年回溯）"),
    "correction": ("correction (Liaoning 2016-17)", "辽宁2016-2017年统计数据更正"),
    "series_break": ("series break", "统计口径断点"),
    # Providers of external series, short, for source lines (matched by prefix, see provider())
    "provider_nbs": ("NBS", "国家统计局"),
    "provider_liaoning_nbs": ("NBS / Liaoning Statistics Bureau", "国家统计局 / 辽宁省统计局"),
    "provider_imf": ("IMF", "国际货币基金组织"),
    "provider_wdi": ("World Bank WDI", "世界银行世界发展指标"),
    "provider_eia": ("US EIA", "美国能源信息署"),
    "provider_derived": (
        "derived from NBS, WDI and IMF", "据国家统计局、世界银行和国际货币基金组织数据推算"
    ),
    "undated": ("undated", "未注明年份"),
    "period": ("Period", "时期"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "source": ("Source", "来源"),
    "report": ("report", "报告"),
    "external": ("external", "外部数据"),
    "external_series": ("external series (not in the report)", "外部数据（非报告数据）"),
    "para": ("para. {n}", "第{n}段"),
    "page": ("p. {n}", "第{n}页"),
    # Trade and FDI notebooks (03, 04); zh verbatim from the report where it has the words
    "trade_collapse": ("Trade collapse", "贸易下滑"),
    "fdi_drop": ("FDI drop", "外商直接投资下降"),
    "dependency_gap": ("China minus Liaoning", "全国减辽宁"),
    "recomputed": ("Recomputed", "重新计算"),
    "printed": ("Printed", "报告所列"),
    "difference": ("Difference", "差异"),
    "text_says": ("Text says", "正文所述"),
    "year_on_year": ("Year on year", "同比"),
    "total_trade_growth": ("Total-trade growth", "进出口总额增长率"),
    "trend_fit": ("Log-linear trend", "对数线性趋势"),
    "fit_window": ("fit window", "拟合区间"),
    "ci_low": ("CI low", "置信区间下限"),
    "ci_high": ("CI high", "置信区间上限"),
    "n_years": ("Years", "年数"),
    "gap_pct": ("Gap to trend, %", "与趋势差距（%）"),
    "inside_pi": ("Inside 95% PI", "在95%预测区间内"),
    "f_stat": ("F", "F 值"),
    "p_value": ("p-value", "p 值"),
    "partner_share": ("Share of the three partners' total", "占三国合计比重"),
    "share_of_partner_total": ("Share of the partner's total trade", "占该国贸易总额比重"),
    "share_of_liaoning": ("Share of Liaoning's trade", "占辽宁贸易比重"),
    "three_partners": ("Japan + Korea + Russia", "日本、韩国、俄罗斯合计"),
    "other": ("Other", "其他"),
    "export_composition": ("Exports by product, 2015 (para 39)", "2015年出口商品构成（第39段）"),
    "import_composition": ("Imports by product, 2015 (para 40)", "2015年进口商品构成（第40段）"),
    "share_of_exports": ("Share of exports", "占出口比重"),
    "share_of_imports": ("Share of imports", "占进口比重"),
    "fdi_by_sector": ("FDI by sector", "外商直接投资行业分布"),
    "fdi_by_source": ("FDI by source", "外商直接投资来源"),
    "share_of_fdi": ("Share of FDI", "占外商直接投资比重"),
    "mechanical_electrical": ("Machinery and electrical products", "机电产品"),
    "steel": ("Steel products", "钢材"),
    "agricultural": ("Agricultural products", "农产品"),
    "high_tech": ("High-tech products", "高新技术产品"),
    "crude_oil": ("Crude oil", "原油"),
    "manufacturing": ("Manufacturing", "制造业"),
    "real_estate": ("Real estate", "房地产业"),
    "transport": ("Transport, storage and post", "运输、仓储和邮政业"),
    "it_software": ("IT services and software", "信息传输、计算机服务和软件业"),
    "leasing_business": ("Leasing and business services", "租赁和商业服务"),
    "hong_kong": ("Hong Kong", "香港"),
    "japan_korea": ("Japan and Korea", "日本和韩国"),
    "us_singapore_taiwan": ("US, Singapore and Taiwan", "美国，新加坡和台湾"),
    # column names of the derived tables (analysis.trade, analysis.trend)
    "unit_10k_usd": ("10 thousand USD", "万美元"),
    "exports_growth": ("Exports growth, %", "出口增长率（%）"),
    "imports_growth": ("Imports growth, %", "进口增长率（%）"),
    "exports_contribution": ("Exports contribution, pp", "出口贡献（百分点）"),
    "imports_contribution": ("Imports contribution, pp", "进口贡献（百分点）"),
    "contribution_sum": ("Sum of contributions, pp", "贡献合计（百分点）"),
    "predicted": ("Trend value", "趋势值"),
    "gap": ("Gap to trend", "与趋势差距"),
    "pi_lower": ("95% PI low", "95%预测区间下限"),
    "pi_upper": ("95% PI high", "95%预测区间上限"),
    "method": ("Test", "检验"),
    "df_num": ("df1", "自由度1"),
    "df_denom": ("df2", "自由度2"),
    "n_pre": ("Years before", "断点前年数"),
    "n_post": ("Years after", "断点后年数"),
    "placebo_rank": ("Rank among placebo windows", "在安慰剂窗口中的排名"),
    "placebo_windows": ("Placebo windows", "安慰剂窗口数"),
    "break_year": ("Window start", "窗口起始年"),
    "end_year": ("Window end", "窗口结束年"),
    "rank": ("Rank (1 = smallest p)", "排名（1 = p 值最小）"),
    "exports_share_of_partner_total": ("Exports, % of partner total", "出口占该国总额（%）"),
    "imports_share_of_partner_total": ("Imports, % of partner total", "进口占该国总额（%）"),
    "exports_share_of_three": ("Exports, % of three", "出口占三国合计（%）"),
    "imports_share_of_three": ("Imports, % of three", "进口占三国合计（%）"),
    "total_trade_share_of_three": ("Total, % of three", "总额占三国合计（%）"),
    "exports_usd": ("Exports, 100 million USD (ext. rate)", "出口，亿美元（外部汇率）"),
    "imports_usd": ("Imports, 100 million USD (ext. rate)", "进口，亿美元（外部汇率）"),
    "total_trade_usd": ("Total, 100 million USD (ext. rate)", "总额，亿美元（外部汇率）"),
    "exports_share_of_liaoning": ("Exports, % of Liaoning", "占辽宁出口（%）"),
    "imports_share_of_liaoning": ("Imports, % of Liaoning", "占辽宁进口（%）"),
    "total_trade_share_of_liaoning": ("Total, % of Liaoning", "占辽宁进出口总额（%）"),
    "breakpoint": ("Chow breakpoint", "Chow 断点检验"),
    "predictive": ("Chow predictive", "Chow 预测检验"),
    "partner": ("Partner", "国家"),
    "start": ("Fit from", "拟合起始年"),
    "dalian_share_of_liaoning_trade_pct": (
        "Dalian, % of Liaoning's trade", "大连占辽宁进出口（%）"),
    "dalian_shenyang_share_of_liaoning_trade_pct": (
        "Dalian + Shenyang, % of Liaoning's trade", "大连和沈阳占辽宁进出口（%）"),
    "dalian_fdi_implied_by_fuxin_chaoyang_share_100m_usd": (
        "Dalian FDI implied by the Fuxin/Chaoyang share, 100 million USD",
        "由阜新、朝阳占比推算的大连外资（亿美元）"),
    "dalian_plus_shenyang_fdi_2014": ("Dalian + Shenyang FDI, 2014", "大连和沈阳外资，2014年"),
    "dalian_fdi_implied_2014": ("Dalian FDI implied, 2014", "推算大连外资，2014年"),
    "shenyang_fdi_implied_2014": ("Shenyang FDI implied (difference), 2014",
                                  "推算沈阳外资（差额），2014年"),
    "trend_prediction": ("Trend {start}-{end}", "{start}-{end}年趋势"),
    # ---- economy helper (notebooks 01-02: revisions, peers, prices, structural shift) ----
    # One vocabulary: as published / revised (NBS 2021) / correction (Liaoning 2016-17) /
    # series break.
    "revised_nbs2021": ("Revised (NBS 2021)", "修订数（国家统计局2021年）"),
    "series_break_correction": ("series break (correction)", "序列断点（统计更正）"),
    "liaoning_break_short": ("Liaoning: correction", "辽宁：统计更正"),
    "table1_growth_as_published": (
        "Liaoning, Table 1 (as published)", "辽宁，表 1（当时公布数）"),
    "table1_2016_break": (
        "Table 1, 2016: across the series break", "表 1，2016年：跨越序列断点"),
    "fig1_2016_note": (
        "2016: {value} % = level re-basing\nby the correction, not growth",
        "2016年：{value}% 为统计更正\n造成的水平断点，并非增长"),
    "real_as_published_text": (
        "Liaoning, as published (report text, paras 26-27)",
        "辽宁，当时公布数（报告正文第26-27段）"),
    "liaoning_revised": ("Liaoning, revised (NBS 2021)", "辽宁，修订数（国家统计局2021年）"),
    "nominal_growth_panel": ("Nominal GDP growth", "名义GDP增长率"),
    "real_growth_panel": ("Real GDP growth", "实际GDP增长率"),
    "real_as_published_yearbook": (
        "Liaoning, as published (NBS yearbook)", "辽宁，当时公布数（国家统计局年鉴）"),
    "revenue_para28": ("Revenue, para 28 (as published)", "财政收入，第28段（当时公布数）"),
    "revenue_nbs": ("Revenue, NBS (corrected from 2015)",
                    "财政收入，国家统计局（2015年起为更正后）"),
    "fig2_caveat": (
        "2013-2014: the values Liaoning later said were inflated;\n"
        "2015 on: after the correction. The 2015 fall mixes both.",
        "2013-2014年：辽宁后来承认虚高的数值；\n2015年起：更正后数值。2015年的降幅两者兼有。"),
    "fai_reading_b_ruled_out": (
        "Reading B, ruled out: investment would be under a tenth of GDP",
        "解读 B（已排除：投资将不足GDP的十分之一）"),
    "log_scale": ("log scale", "对数坐标"),
    "gdp_levels_title": ("Liaoning GDP, nominal and real, {years}",
                         "辽宁GDP，名义与实际，{years}年"),
    "nominal_as_published": ("Nominal, as published", "名义，当时公布数"),
    "nominal_revised": ("Nominal, revised (NBS 2021)", "名义，修订数（国家统计局2021年）"),
    "real_revised": ("Real, revised", "实际，修订数"),
    "real_revised_base_prices": ("Real, revised (2010 prices)", "实际，修订数（2010年价格）"),
    "real_as_published_china_deflator": (
        "As published, deflated by China's GDP deflator (2010 prices)",
        "当时公布数，以全国GDP平减指数折算（2010年价格）"),
    "revision_pct": ("Revision (%)", "修订幅度（%）"),
    "table1_vs_as_published_pct": ("Table 1 vs as published (%)", "表 1 与当时公布数之差（%）"),
    "table1_vs_revised_pct": ("Table 1 vs revised (%)", "表 1 与修订数之差（%）"),
    "term": ("Term", "分项"),
    "revised_basis": ("Revised basis (%)", "按修订数（%）"),
    "revised_basis_from": ("From", "来源"),
    "as_published_basis": ("As-published basis (%)", "按当时公布数（%）"),
    "as_published_basis_from": ("From ", "来源 "),
    "nominal_change_pct": ("Nominal change 2015-16", "2015-16年名义变化"),
    "real_growth_pct": ("Real growth", "实际增长"),
    "deflator_pct": ("Deflator", "平减指数"),
    "level_rebasing_pct": ("Level re-basing (series break)", "水平断点（序列断点）"),
    "rebasing_share_of_log_change_pct": (
        "Re-basing, % of the log change", "水平断点占对数变化的比重（%）"),
    "from_table1": ("Table 1 (2015 before, 2016 after the correction)",
                    "表 1（2015年更正前，2016年更正后）"),
    "from_revised_real": ("revised real growth (NBS 2021)", "修订后实际增长（国家统计局2021年）"),
    "from_revised_implied": ("implied by revised nominal and real (NBS 2021)",
                             "由修订后名义与实际增长推算（国家统计局2021年）"),
    "from_residual": ("what growth and prices leave", "增长与价格之外的剩余"),
    "from_report_text": ("para 26 (as published)", "第26段（当时公布数）"),
    "from_china_deflator": ("China's GDP deflator (WDI, pre-2018-census)",
                            "全国GDP平减指数（世界银行，2018年普查前）"),
    "report_para28": ("Para 28 (as printed)", "第28段（原文）"),
    "nbs_external": ("NBS (external)", "国家统计局（外部数据）"),
    "report_growth_pct": ("Para 28 growth (%)", "第28段增长率（%）"),
    "nbs_growth_pct": ("NBS growth (%)", "国家统计局增长率（%）"),
    "liaoning_implied_revised": ("Liaoning, implied (revised)", "辽宁，推算（修订数）"),
    "china_wdi_pre2018": ("China, WDI (pre-2018-census)", "全国，世界银行（2018年普查前）"),
    "jilin": ("Jilin", "吉林"),
    "heilongjiang": ("Heilongjiang", "黑龙江"),
    "china_early2018": ("China (early-2018 vintage)", "全国（2018年初数据）"),
    "region": ("Region", "地区"),
    "peers_title": ("Liaoning, its Northeast peers and China: GDP growth, {years}",
                    "辽宁、东北其他省份与全国：GDP增长率，{years}年"),
    "panel_nominal_as_published": ("Nominal, as published", "名义，当时公布数"),
    "panel_nominal_revised": ("Nominal, revised (NBS 2021)", "名义，修订数"),
    "panel_real_revised": ("Real, revised (China: early 2018)", "实际，修订数（全国：2018年初）"),
    "liaoning_minus_jilin": ("Liaoning minus Jilin (pp)", "辽宁减吉林（百分点）"),
    "liaoning_minus_heilongjiang": ("Liaoning minus Heilongjiang (pp)", "辽宁减黑龙江（百分点）"),
    "liaoning_minus_china": ("Liaoning minus China (pp)", "辽宁减全国（百分点）"),
    "liaoning_minus_china_early2018": (
        "Liaoning minus China, early 2018 (pp)", "辽宁减全国，2018年初数据（百分点）"),
    "liaoning_rank_of_provinces": ("Liaoning's rank of three (1 = fastest)",
                                   "辽宁在三省中排名（1 = 最快）"),
    "sector_shares_title": ("Sector shares of GDP, {years}", "三次产业占GDP比重，{years}年"),
    "tertiary_gap_title": ("Tertiary share: Liaoning against China, {years}",
                           "第三产业比重：辽宁与全国，{years}年"),
    "contributions_title": ("Sector contributions to nominal GDP growth, {years}",
                            "三次产业对名义GDP增长的贡献，{years}年"),
    "gdp_growth_table1": ("Nominal GDP growth (Table 1)", "名义GDP增长率（表 1）"),
    "fitted_trend_window": ("Linear trend fitted {start}-{end}", "{start}-{end}年线性趋势"),
    "prediction_interval_ahead": ("Trend ahead, 95 % prediction interval",
                                  "趋势外推，95% 预测区间"),
    "primary_pp": ("Primary (pp)", "第一产业（百分点）"),
    "secondary_pp": ("Secondary (pp)", "第二产业（百分点）"),
    "tertiary_pp": ("Tertiary (pp)", "第三产业（百分点）"),
    "primary_low": ("Primary, low", "第一产业下限"),
    "primary_high": ("Primary, high", "第一产业上限"),
    "secondary_low": ("Secondary, low", "第二产业下限"),
    "secondary_high": ("Secondary, high", "第二产业上限"),
    "tertiary_low": ("Tertiary, low", "第三产业下限"),
    "tertiary_high": ("Tertiary, high", "第三产业上限"),
    "gdp_growth_pct": ("GDP growth (%)", "GDP增长率（%）"),
    "primary_growth_pct": ("Primary VA growth (%)", "第一产业增加值增长率（%）"),
    "secondary_growth_pct": ("Secondary VA growth (%)", "第二产业增加值增长率（%）"),
    "tertiary_growth_pct": ("Tertiary VA growth (%)", "第三产业增加值增长率（%）"),
    "tertiary_share_nominal": ("Tertiary share, nominal", "第三产业比重（名义）"),
    "tertiary_share_base_prices": ("Tertiary share, 2011 relative prices",
                                   "第三产业比重（2011年相对价格）"),
    "secondary_share_nominal": ("Secondary share, nominal", "第二产业比重（名义）"),
    "secondary_share_base_prices": ("Secondary share, 2011 relative prices",
                                    "第二产业比重（2011年相对价格）"),
    "industry_price_relative_to_services_pct": (
        "PPI relative to CPI since 2011 (%)", "2011年以来PPI相对CPI（%）"),
    "years": ("Years", "年数"),
    "alt_fig1": (
        "Figure 1 in two panels: Liaoning's nominal GDP growth (Table 1 as published, with 2016 "
        "marked as a level re-basing across the correction, and the revised series) and real "
        "growth (as published, revised, and China's)",
        "图 1 分两栏：辽宁名义GDP增长率（表 1当时公布数，2016年标为统计更正造成的水平断点；修订数）"
        "与实际增长率（当时公布数、修订数及全国）"),
    "alt_fig2": (
        "Figure 2: government revenue as printed in para 28 (bars) and the NBS series (external "
        "line), with the series break of the correction between 2014 and 2015",
        "图 2：第28段所列财政收入（柱）与国家统计局数据（外部数据，折线），"
        "2014与2015年之间为统计更正造成的序列断点"),
    "alt_fig3": (
        "Figure 3: fixed-asset investment rebuilt from para 29 under reading A, with the ruled-out "
        "reading B dotted and the two printed levels marked, log scale",
        "图 3：按解读 A 由第29段重建的固定资产投资，已排除的解读 B 以虚线表示，"
        "并标出原文两个数值（对数坐标）"),
    "alt_peers": (
        "GDP growth of Liaoning, Jilin, Heilongjiang and China in three panels: nominal as "
        "published, nominal revised, real revised",
        "辽宁、吉林、黑龙江与全国GDP增长率三栏：名义当时公布数、名义修订数、实际修订数"),
    "alt_gdp_levels": (
        "Liaoning GDP levels: nominal as published and revised, real revised, and as published "
        "deflated by China's GDP deflator, with the 2015-16 series break marked",
        "辽宁GDP水平：名义当时公布数与修订数、实际修订数、以全国平减指数折算的当时公布数，并标出2015-16年序列断点"),
    "alt_sector_shares": (
        "Primary, secondary and tertiary shares of Liaoning's GDP; the years before Table 2 are "
        "external",
        "辽宁三次产业占GDP比重；表 2 之前的年份为外部数据"),
    "alt_contributions": (
        "Stacked contributions of the three sectors to Liaoning's nominal GDP growth, with GDP "
        "growth marked",
        "三次产业对辽宁名义GDP增长的贡献（堆积），并标出GDP增长率"),
    "alt_tertiary_gap": (
        "Liaoning's tertiary share against China's; a linear trend over its fit window and its "
        "95 % prediction interval ahead",
        "辽宁第三产业比重与全国对比；拟合区间内的线性趋势及其后的95%预测区间"),
    "pace_2015_excluded": ("2011-2014 (2015 left out)", "2011-2014（不含2015年）"),
    # --- trade and FDI (notebooks 03, 04; analysis.trade_collapse, fdi_drop, benchmarks, prices)
    "trade_vs_china_title": ("Total trade against its own trend (fitted {start} to {end}): "
                             "Liaoning and China",
                             "进出口总额与自身趋势（{start}至{end}年拟合）：辽宁与全国"),
    "liaoning_table3": ("Liaoning (Table 3)", "辽宁（表 3）"),
    "china_nbs_external": ("China (NBS customs, external)", "全国（国家统计局海关数据，外部数据）"),
    "liaoning_share_of_china_trade": ("Liaoning's share of China's trade (external NBS)",
                                      "辽宁占全国进出口比重（国家统计局，外部数据）"),
    "nominal_real_title": ("Liaoning's total trade, current and constant prices",
                           "辽宁进出口总额：现价与不变价"),
    "nominal_usd": ("Current USD (Table 3)", "现价美元（表 3）"),
    "real_ppi_usd": ("Deflated by China's PPI, {year} USD (external)",
                     "按全国工业生产者出厂价格指数平减，{year}年美元（外部数据）"),
    "groups_overlap_note": ("Groups overlap (high-tech within machinery): they do not add up",
                            "商品类别相互重叠（高新技术产品多属机电产品），不能相加"),
    "after_series_break": ("After the series break (new measurement)", "口径变化后（新统计口径）"),
    "fdi_share_of_china_title": ("Liaoning's share of China's FDI and of China's GDP",
                                 "辽宁占全国外商直接投资与GDP的比重"),
    "fdi_share_of_china": ("FDI: FDI table / China (MOFCOM, external)",
                           "外商直接投资：本表/全国（商务部口径，外部数据）"),
    "gdp_share_of_china": ("GDP, as published (external)", "GDP，初始公布（外部数据）"),
    "residual_log_points": ("Residual (log points)", "残差（对数点）"),
    "residuals_trade_title": ("Residuals of the {start}-{end} log trends",
                              "{start}-{end}年对数趋势残差"),
    "residuals_fdi_title": ("Residuals of the FDI log trend", "外商直接投资对数趋势残差"),
    "liaoning_gap_pct": ("Liaoning, gap to own trend, %", "辽宁与自身趋势差距（%）"),
    "china_gap_pct": ("China, gap to own trend, % (ext.)", "全国与自身趋势差距（%，外部数据）"),
    "relative_gap_pct": ("Liaoning relative to China, %", "辽宁相对全国（%）"),
    "change_on_base_pct": ("Total trade, change on 2015, %", "进出口总额较2015年变化（%）"),
    "nbs": ("NBS (external)", "国家统计局（外部数据）"),
    "para41_implied": ("Implied by para 41 (ext. rate)", "由第41段推算（外部汇率）"),
    "durbin_watson": ("Durbin-Watson", "DW 统计量"),
    "t2_p_value": ("Squared term, p", "二次项 p 值"),
    "linear_gap_pct": ("Log-linear: gap, %", "对数线性：差距（%）"),
    "linear_inside_pi": ("Log-linear: inside PI", "对数线性：在预测区间内"),
    "quadratic_gap_pct": ("Quadratic: gap, %", "二次：差距（%）"),
    "quadratic_inside_pi": ("Quadratic: inside PI", "二次：在预测区间内"),
    "rank_p": ("Rank p (rank / windows)", "排名 p（排名/窗口数）"),
    "min_rank_p": ("Smallest attainable rank p", "可达到的最小排名 p"),
    "crude_before": ("Crude imports 2014, 100 million USD", "2014年原油进口，亿美元"),
    "crude_after": ("Crude imports 2015, 100 million USD", "2015年原油进口，亿美元"),
    "price_effect": ("Price effect, 100 million USD", "价格效应，亿美元"),
    "import_fall": ("Import fall, 100 million USD", "进口降幅，亿美元"),
    "share_of_fall_pct": ("Share of the fall, %", "占降幅比重（%）"),
    "share_year": ("22.5 % taken as the share of", "22.5%视为哪一年的份额"),
    "after": ("2015 (the paragraph's year)", "2015年（该段年份）"),
    "before": ("2014", "2014年"),
    "previous": ("Previous year", "上年"),
    "level": ("Level", "水平"),
    "table": ("FDI table (two measurements)", "外商直接投资表（两种口径）"),
    "para10": ("Para 10 (one measurement)", "第10段（同一口径）"),
    "china_mofcom": ("China, MOFCOM (external)", "全国，商务部口径（外部数据）"),
    "share_pct": ("Share of China's FDI, %", "占全国外商直接投资（%）"),
    "gdp_share_pct": ("Share of China's GDP, %", "占全国GDP（%）"),
    "ratio": ("FDI share / GDP share", "外资比重/GDP比重"),
    "verdict": ("Verdict", "判断"),
    "plausible": ("plausible", "可信"),
    "doubtful": ("doubtful", "存疑"),
    "implausible": ("implausible", "不可信"),
    "total_trade_real": ("Total trade, deflated", "进出口总额（平减后）"),
    "led_by": ("Led by", "主导"),
    "shared": ("shared", "共同"),
    "exports_share_of_fall_pct": ("Exports, % of the fall", "出口占降幅（%）"),
    "imports_share_of_fall_pct": ("Imports, % of the fall", "进口占降幅（%）"),
    "share_of_china_trade": ("Liaoning / China, NBS", "辽宁/全国，国家统计局"),
    "after_table3": ("after Table 3", "表 3 之后"),
    "china_total_trade": ("China, total trade (external)", "全国进出口总额（外部数据）"),
}


# Units as the data files spell them -> label key (tables' and figures' unit labels).
UNIT_KEYS: dict[str, str] = {
    "100 million USD": "unit_100m_usd",
    "100 million yuan": "unit_100m_yuan",
    "billion yuan": "unit_billion_yuan",
    "percent": "unit_percent",
    "percentage points": "unit_pp",
    "100 million tonnes": "unit_100m_tonnes",
    "million TEU": "unit_million_teu",
    "10 thousand persons": "unit_10k_persons",
    "persons": "unit_persons",
    "years": "unit_years",
    "10 thousand USD": "unit_10k_usd",
    "times": "unit_times",
    "10 thousand TEU": "unit_10k_teu",
    "10 thousand tonnes": "unit_10k_tonnes",
    "100 million persons": "unit_100m_persons",
    "areas": "unit_areas",
    "cities": "unit_cities",
    "contracts": "unit_contracts",
    "countries": "unit_countries",
    "countries and regions": "unit_countries_regions",
    "day of April 2017": "unit_day_april_2017",
    "days": "unit_days",
    "directions": "unit_directions",
    "edition": "unit_edition",
    "editions": "unit_editions",
    "firms": "unit_firms",
    "fraction": "unit_fraction",
    "industries": "unit_industries",
    "inquiries": "unit_inquiries",
    "institutions": "unit_institutions",
    "meetings": "unit_meetings",
    "policies": "unit_policies",
    "projects": "unit_projects",
    "provinces": "unit_provinces",
    "rank": "unit_rank",
    "square kilometres": "unit_km2",
    "year": "unit_year",
}

# Provider of an external series (its datapackage "provider", by prefix) -> short label key.
PROVIDER_KEYS: tuple[tuple[str, str], ...] = (
    ("NBS / Liaoning", "provider_liaoning_nbs"),
    ("National Bureau of Statistics", "provider_nbs"),
    ("NBS", "provider_nbs"),
    ("IMF", "provider_imf"),
    ("World Bank WDI", "provider_wdi"),
    ("US Energy Information Administration", "provider_eia"),
    ("derived in ../shared/external", "provider_derived"),
)


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


def label(key: object, lang: str, **fields: object) -> str:
    """Label of ``key`` if the table has it, else the key itself (data keys shown as they are)."""
    k = str(key)
    return t(k, lang, **fields) if k in LABELS else k


def unit_label(unit: str, lang: str) -> str:
    """Unit in the label language ('100 million USD' -> '亿美元'; 'percent' -> '%')."""
    key = UNIT_KEYS.get(unit)
    return t(key, lang) if key else unit


def provider(name: str, lang: str) -> str:
    """Short name of an external series' provider, e.g. 'NBS' / '国家统计局'."""
    for prefix, key in PROVIDER_KEYS:
        if name.startswith(prefix):
            return t(key, lang)
    return name


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
