# %% [markdown]
# # 04 FDI drop / 辽宁外商直接投资下降

# %% [markdown] tags=["lang-en"]
# Report chapter II.B (paragraphs 10-12), chapter III.B.2 (paragraphs 42-44) and III.C.4
# (paragraph 48); the untitled FDI table and Figure 5. The table has **ten annual points**; the
# trend is fitted on eight. China's FDI (MOFCOM "actually utilised", the report's concept) and
# GDP are **external** and marked so; the balance-of-payments FDI concept is not used.
#
# The table's last year is a **series break**: paragraph 10 gives nearly the same level with a
# fall that implies a previous year far below the table's. A change of measurement shifts the
# level for good and is not growth, so the last year is kept out of the trend fit and the break
# test. The earlier levels look inflated beside China's FDI (the rule of thumb below): whatever
# the trend says is conditional on them, and is stated so.

# %% [markdown] tags=["lang-zh"]
# 报告第二章 B 节（第10-12段）、第三章 B.2 节（第42-44段）和 C.4 节（第48段）；无标题的外商直接
# 投资表和图 5。该表有**十个年度数据点**，趋势用其中八个拟合。全国外商直接投资（商务部“实际使用”
# 口径，即报告所用口径）和GDP为**外部数据**，并如此标注；不使用国际收支口径。
#
# 表中最后一年是**统计口径断点**：第10段给出几乎相同的水平，但其降幅意味着上一年远低于表中数值。
# 口径变化会永久改变水平，不是增长，因此最后一年不纳入趋势拟合和断点检验。此前各年的水平与全国
# 外商直接投资相比显得虚高（见下文经验法则）：趋势所说明的一切都以这些水平为前提，并如此说明。

# %% [markdown] tags=["article", "lang-en"]
# **The report** (paragraphs 10, 42): FDI grew about 20 % a year from 2006 to 2013, then fell
# sharply; in 2015 it dropped from 274亿美元 to 52亿美元 (paragraph 10: to 51.9亿美元, down
# 34.4 %), "even below the level of ten years before", and FDI dependency fell to 1.12 %.

# %% [markdown] tags=["article", "lang-zh"]
# **报告原文**（第10、42段）：2006至2013年外商直接投资年均增长约20%，随后急剧下降；2015年由
# 274亿美元降至52亿美元（第10段：降至51.9亿美元，下降34.4%），“甚至低于十年前的水平”，外商直接
# 投资依存度降至1.12%。

# %% tags=["parameters"]
label_language = "en"  # "en" or "zh": language of figure and table labels
trend_start = 2006  # first year of the chosen trend fit window (paragraph 42's "2006年至2013年")
trend_end = 2013  # last year of the chosen fit window (the next year is tested)
placebo_pre_years = 4  # years fitted before every placebo window (same df for all windows)
price_base_year = 2013  # base year of the deflated specifications of the grid

# %%
from IPython.display import display

from analysis import data, fdi_findings, plausibility, series, specgrid, trend
from analysis import fdi_drop as fdi_section
from analysis.growth import cagr_series, growth_rate
from analysis.keyfigures import record
from analysis.labels import caption, t
from analysis.plotting import figure_source, keep, source_note, use_house_style
from analysis.rounding import Interval
from analysis.tables import fact_table, label, localise, printed_table, show
from analysis.trade_collapse import recompute_ratio, text_checks
from analysis.trendplot import residual_chart

L = label_language
use_house_style(L)

# %% [markdown] tags=["lang-en"]
# The FDI table and Table 3 as printed; then every result the findings rest on, in one call
# (`fdi_findings.analyse`), and the key figures the reports index tracks.

# %% [markdown] tags=["lang-zh"]
# 载入原样的外商直接投资表和表 3；随后一次性计算结论所依据的全部结果（`fdi_findings.analyse`），
# 并记录报告索引跟踪的关键数字。

# %%
fdi_table = data.load("table_fdi")
table3 = data.load("table3_foreign_trade")
fdi = fdi_table["fdi"]
results = fdi_findings.analyse(fdi_table, trend_start=trend_start, trend_end=trend_end,
                               price_base_year=price_base_year,
                               placebo_pre_years=placebo_pre_years)
last_year, before_break = results.last, results.before_break
for name, value, unit, description in fdi_findings.key_figures(results):
    record(name, value, unit, description)

# %% [markdown]
# ## What the reproduction finds / 复现结果

# %% tags=["headline"]
show(fdi_findings.headline(results, L))

# %% tags=["article"]
show(fdi_findings.findings(results, L))

# %% [markdown] tags=["lang-en"]
# The trend headline over its grid: the chosen specification's value and interval, the lowest
# and highest value over the grid, and in how many specifications its conclusion holds.

# %% [markdown] tags=["lang-zh"]
# 趋势结论在其设定网格上的结果：所选设定的取值与区间、网格内的最低与最高值，以及结论成立的
# 设定数。

# %% tags=["article"]
display(localise(specgrid.summary_table({"fdi_vs_trend": results.summary}), L, decimals=1))

# %% [markdown]
# ## 1. The table as printed / 外商直接投资表（原样）

# %% [markdown] tags=["lang-en"]
# Exactly as printed (亿美元, per Figure 5's unit line). Its GDP row is Table 3's; the printed
# FDI dependency is FDI over GDP within the rounding of its two decimals.

# %% [markdown] tags=["lang-zh"]
# 完全按原样（单位亿美元，依据图 5 的单位行）。其GDP行即表 3 的GDP行；所印外商直接投资依存度在
# 两位小数的舍入范围内等于外商直接投资除以GDP。

# %% tags=["article"]
show(f"**{caption('table_fdi', L)}** — {source_note(L, ['table_fdi'])}")
display(printed_table(fdi_table, L))

# %%
same_gdp = fdi_table["gdp_usd"].equals(table3.loc[fdi.index, "gdp_usd"])
show(t("gdp_row_is_table3", L, answer=label("yes" if same_gdp else "no", L)))
dependency_check = recompute_ratio(fdi_table, "fdi", "gdp_usd", "fdi_dependency",
                                   mixing_vintages=True)  # the printed 2015 ratio mixes them
show(series.note(dependency_check, L))
display(localise(dependency_check, L, decimals=3))

# %% [markdown]
# ## 2. Figure 5 / 图 5：2006 - 2015 年辽宁外商直接投资下降

# %% [markdown] tags=["lang-en"]
# Redrawn from the table: FDI as bars (left axis), FDI dependency as a line (right axis). The
# dotted line marks the series break: the last bar is a different measurement.

# %% [markdown] tags=["lang-zh"]
# 依据该表重绘：外商直接投资为柱形（左轴），依存度为折线（右轴）。虚线标出统计口径断点：最后
# 一根柱代表另一种口径。

# %% tags=["article"]
fig, ax = fdi_section.fig5_chart(fdi_table, lang=L)
_ = keep(fig, "fig5_fdi", L)

# %% [markdown]
# ## 3. The series break / 统计口径断点

# %% [markdown] tags=["lang-en"]
# The table's last change beside paragraph 10's and China's (external). Paragraph 10's 34.4 %
# is the fall from a 2014 base it implies but does not print (51.9 / 0.656 = 79.1亿美元); that
# this base is measured like the 2015 figure is an assumption. Paragraph 42's
# "甚至低于十年前的水平": the table's last value is below every earlier year.

# %% [markdown] tags=["lang-zh"]
# 表中最后一年的变化，与第10段及全国（外部数据）的变化并列。第10段的34.4%是从其隐含而未印出的
# 2014年基数（51.9 / 0.656 = 79.1亿美元）算起的降幅；假定该基数与2015年数据口径相同。第42段
# “甚至低于十年前的水平”：表中最后一年的数值低于此前每一年。

# %%
display(localise(results.like_for_like, L, decimals=1))
display(text_checks({"fdi_2014_text": fdi.loc[before_break],
                     "fdi_2015_text_para42": fdi.loc[last_year],
                     "fdi_2015_text": fdi.loc[last_year],
                     "fdi_dependency_2015_text": fdi_table.loc[last_year, "fdi_dependency"]}, L))

# %% [markdown] tags=["lang-en"]
# Liaoning's share of China's FDI against its share of China's GDP (both as published), for the
# years measured alike, judged by the one FDI rule of thumb that the claims audit uses too
# (`analysis.plausibility`). The last year's ratio is not computed: the corrected FDI has no GDP
# of its vintage in the data.

# %% [markdown] tags=["lang-zh"]
# 同一口径各年辽宁占全国外商直接投资的比重，与其占全国GDP的比重（均为初始公布）对照，按核查
# 部分同样使用的外商直接投资经验法则判断（`analysis.plausibility`）。最后一年的比值不计算：修正后
# 的外商直接投资在数据中没有同一版本的GDP。

# %%
show(plausibility.FDI_RULE_TEXT[L])

# %% tags=["article"]
fig, ax = fdi_section.share_of_china_chart(results.plausibility, before_break, lang=L)
_ = keep(fig, "fdi_share_of_china", L)

# %%
show(fdi_findings.verdict_words(results.plausibility, L))
display(localise(results.plausibility.drop(columns="verdict"), L, decimals=2))

# %% [markdown]
# ## 4. Growth and paragraph 42 / 增长率与第42段

# %% [markdown] tags=["lang-en"]
# Year-on-year growth of the years measured alike, the compound growth over the fit window and
# the log-linear trend growth with its 95 % confidence interval. "增长N倍" can mean "became N
# times" or "grew by N times": both are shown.

# %% [markdown] tags=["lang-zh"]
# 同一口径各年的逐年增长率、拟合区间内的复合增长率，以及对数线性趋势增长率及其95%置信区间。
# “增长N倍”可理解为“变为N倍”或“增加了N倍”：两者都列出。

# %%
measured_alike = fdi.loc[:before_break]  # the last change crosses the series break (section 3)
display(localise(growth_rate(measured_alike).to_frame(label("growth_rate", L) + " (%)").T, L,
                 decimals=1))
multiple = fdi_section.growth_multiple(fdi.loc[trend_start], fdi.loc[trend_end])
show(t("fdi_growth_multiple", L, start=trend_start, end=trend_end,
       cagr=cagr_series(fdi, trend_start, trend_end), ratio=multiple["ratio"],
       increase=multiple["increase"]))
display(localise(trend.fit_table(fdi_table, ["fdi"], trend_start, trend_end), L, decimals=1))

# %%
window = fdi_table.loc[trend_start:trend_end]
display(text_checks({"fdi_avg_growth_2006_2013_pct": cagr_series(fdi, trend_start, trend_end),
                     "fdi_2006_text": window["fdi"].iloc[0],
                     "fdi_2013_text": window["fdi"].iloc[-1],
                     "fdi_multiple_2006_2013": multiple["ratio"],
                     "fdi_dependency_range_low": window["fdi_dependency"].min(),
                     "fdi_dependency_range_high": window["fdi_dependency"].max()}, L))

# %% [markdown]
# ## 5. Against trend, conditional on the levels / 趋势（以表中水平为前提）

# %% [markdown] tags=["lang-en"]
# The trend is fitted on the chosen window and extended with its 95 % prediction interval to the
# years measured the same way; the last year is drawn apart (a new measurement, not a point on
# the same path). Everything in this section takes the table's levels at face value, which the
# rule of thumb above does not.

# %% [markdown] tags=["lang-zh"]
# 趋势在所选区间内拟合，并以95%预测区间外推至口径相同的年份；最后一年单独标出（新口径，不是同一
# 路径上的点）。本节的一切都按表中水平照单全收，而上文的经验法则并不支持这样做。

# %% tags=["article"]
fig, ax = fdi_section.fdi_trend_chart(fdi, trend.fit_log_linear_trend(fdi, trend_start, trend_end),
                                      before_break, lang=L)
_ = keep(fig, "fdi_trend", L)

# %% [markdown] tags=["lang-en"]
# The 2014 gap under every specification: each dot is one choice of fit window, functional form
# and price basis, with the gaps its PI allows; the diamond is the chosen specification.

# %% [markdown] tags=["lang-zh"]
# 全部设定下2014年的差距：每个点是一组拟合区间、函数形式和价格基准，竖线为其预测区间允许的差距；
# 菱形为所选设定。

# %% tags=["article"]
fig, ax = fdi_section.specification_chart(results.grid, before_break, lang=L)
_ = keep(fig, "fdi_trend_specifications", L)

# %% [markdown] tags=["lang-en"]
# The residuals of the log-linear fit, and the squared term on every fit window of the grid (a
# negative, significant term would mean slowing growth, if the levels were believed).

# %% [markdown] tags=["lang-zh"]
# 对数线性拟合的残差，以及网格中每个拟合区间上的二次项（若水平可信，显著为负的二次项意味着增长
# 放缓）。

# %%
fig, ax = residual_chart(trend.residual_frame(fdi_table, ["fdi"], trend_start, trend_end),
                         {"fdi": results.durbin_watson}, lang=L, title=t("residuals_fdi_title", L),
                         source=figure_source(L, ["table_fdi"]))
_ = keep(fig, "fdi_residuals", L)
display(localise(results.squared_term, L, decimals={"t2_coef": 4, "t2_p_value": 4}))

# %% [markdown] tags=["lang-en"]
# Placebo windows, for description only: every year tested as 2014 is, against the
# `placebo_pre_years` years before it (equal degrees of freedom), the gap and p from those same
# fits. Then the tests this notebook runs, with Holm's adjustment beside the raw p.

# %% [markdown] tags=["lang-zh"]
# 安慰剂窗口，仅作描述：每一年都像2014年一样，以其前 `placebo_pre_years` 年拟合检验（自由度相同），
# 差距和 p 值来自这些拟合。随后列出本节进行的检验，原始 p 值旁为 Holm 校正后的 p 值。

# %%
display(localise(results.placebo, L, decimals={"gap_pct": 1, "f_stat": 2}))

# %% tags=["article"]
display(localise(results.tests, L, decimals={"p_value": 4, "p_holm": 4}))

# %% [markdown]
# ## 6. FDI by sector and source / 行业与来源

# %% [markdown] tags=["lang-en"]
# Paragraph 43 gives 2014 shares; paragraphs 10-11 give 2015 amounts (万美元 converted to
# 亿美元); 2015 shares are over the three sectors' sum. Paragraph 43 gives no 2014 primary share:
# the remainder of the two it gives is shown, beside paragraph 48's "农业…仅占1.5%左右".

# %% [markdown] tags=["lang-zh"]
# 第43段给出2014年的比重；第10-11段给出2015年的金额（万美元换算为亿美元）；2015年比重以三次产业
# 之和为分母。第43段未给出2014年第一产业比重：列出其所给两项之外的余数，并与第48段“农业…仅占
# 1.5%左右”对照。

# %%
by_sector = fdi_section.sector_shares()
display(fact_table(fdi_section.sector_fact_ids(), L))
show(t("fdi_sector_sum", L, year=last_year, total=fdi_section.sector_total_2015(by_sector),
       printed=fdi.loc[last_year]))
display(localise(by_sector, L, decimals=2))

# %%
fig, ax = fdi_section.sector_chart(by_sector[["2014", "2015"]], fdi_section.sector_fact_ids(),
                                   lang=L)
_ = keep(fig, "fdi_by_sector", L)
display(text_checks({"fdi_share_manufacturing_real_estate":
                     by_sector.loc[["manufacturing", "real_estate"], "2014"].sum(),
                     "fdi_share_agriculture": by_sector.loc["primary_share", "2014"]}, L))

# %% [markdown] tags=["lang-en"]
# Paragraph 44's source shares ("左右", a range for Japan and Korea): what is left for all other
# sources by interval arithmetic, taking the statements at face value.

# %% [markdown] tags=["lang-zh"]
# 第44段的来源比重（“左右”，日本和韩国为一个区间）：按区间运算，照字面接受这些表述时，其余来源
# 所剩的比重。

# %%
source_ids = ["fdi_source_hong_kong_share", "fdi_source_japan_korea_share_low",
              "fdi_source_japan_korea_share_high", "fdi_source_us_sg_tw_share"]
other_sources = fdi_section.remainder([
    data.fact("fdi_source_hong_kong_share"),
    Interval(data.fact("fdi_source_japan_korea_share_low"),
             data.fact("fdi_source_japan_korea_share_high")),
    data.fact("fdi_source_us_sg_tw_share")])
show(t("other_sources_remainder", L, low=other_sources.lo, high=other_sources.hi) + " — "
     + source_note(L, fact_ids=source_ids))
display(fact_table(source_ids, L))

# %% [markdown] tags=["lang-en"]
# Paragraph 47: Dalian and Shenyang's share of Liaoning's FDI in 2014, applied to the table's
# 2014 FDI, and the Dalian FDI implied by the Fuxin-and-Chaoyang sentence.

# %% [markdown] tags=["lang-zh"]
# 第47段：大连和沈阳占辽宁2014年外商直接投资的比重，乘以表中2014年的外商直接投资；以及阜新和
# 朝阳一句所隐含的大连外商直接投资。

# %%
display(localise(fdi_section.city_fdi(fdi.loc[before_break]).to_frame(label("recomputed", L)), L,
                 decimals=2))
