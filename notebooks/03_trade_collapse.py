# %% [markdown]
# # 03 Trade collapse / 辽宁对外贸易下滑

# %% [markdown] tags=["lang-en"]
# Report sections III.B.1 and III.C (paragraphs 34-47), Table 3 and Figure 4. Table 3 has **ten
# annual points**, eight before the fall: every trend below is fitted on eight points, and its
# intervals assume independent, normal deviations from the line (optimistic). Each headline is
# computed under every specification a referee would vary (the fit window, the functional form,
# the price basis, the data source) and stated with the range it takes and in how many
# specifications its conclusion holds. China's trade, Liaoning's NBS trade, prices and exchange
# rates are **external** series and are marked so. Values are in current US dollars unless
# called "deflated".

# %% [markdown] tags=["lang-zh"]
# 报告第三章 B.1 与 C 节（第34-47段）、表 3 和图 4。表 3 只有**十个年度数据点**，下滑前八个：
# 下文每条趋势都只用八个点拟合，其区间假定偏离趋势线的误差独立且服从正态分布（偏乐观）。每个
# 主要结论都在审稿人可能改变的全部设定下计算（拟合区间、函数形式、价格基准、数据来源），并给出
# 其取值范围以及结论在多少个设定中成立。全国进出口、国家统计局的辽宁进出口、价格与汇率均为
# **外部数据**，并如此标注。除注明“平减后”外，数值均为现价美元。

# %% [markdown] tags=["article", "lang-en"]
# **The report** (paragraphs 34-38, 45): Liaoning's trade fell in 2009 (the global crisis) and in
# 2015 (exports -13.5 %, imports -18.0 %, total -15.7 %; paragraph 37 names weak demand for
# machinery, rising labour costs, steel overcapacity and falling oil and commodity prices), and
# its trade dependency fell from 41.5 % to 20.7 %, below the national level.

# %% [markdown] tags=["article", "lang-zh"]
# **报告原文**（第34-38、45段）：辽宁对外贸易在2009年（全球金融危机）和2015年下滑（出口
# -13.5%，进口-18.0%，总额-15.7%；第37段列举机电产品需求疲弱、劳动力成本上升、钢铁产能过剩
# 以及石油和大宗商品价格下跌），外贸依存度由41.5%降至20.7%，低于全国水平。

# %% tags=["parameters"]
label_language = "en"  # "en" or "zh": language of figure and table labels
trend_start = 2006  # first year of the chosen trend fit window
trend_end = 2013  # last year of the chosen fit window (the years after it are tested)
fall_years = [2009, 2015]  # the two falls paragraphs 35-37 discuss
city_year = 2014  # year of paragraph 47's city figures
placebo_pre_years = 4  # years fitted before every placebo window (same df for all windows)
price_base_year = 2013  # base year of the deflated (constant-price) view

# %%
from IPython.display import display

from analysis import benchmarks, data, specgrid, trade_charts, trade_findings, trend
from analysis import trade_collapse as trade
from analysis.keyfigures import record
from analysis.labels import caption, t
from analysis.plotting import figure_source, keep, line_chart, source_note, use_house_style
from analysis.tables import fact_table, label, localise, printed_table, show
from analysis.trendplot import residual_chart

L = label_language
use_house_style(L)

# %% [markdown] tags=["lang-en"]
# Table 3 as printed, the partner table (亿元, Dalian customs) and the annual CNY/USD rate
# (IMF, external); then every result the findings rest on, in one call
# (`trade_findings.analyse`), and the key figures the reports index tracks.

# %% [markdown] tags=["lang-zh"]
# 载入原样的表 3、贸易伙伴表（亿元，大连海关）和人民币兑美元年均汇率（国际货币基金组织，外部
# 数据）；随后一次性计算结论所依据的全部结果（`trade_findings.analyse`），并记录报告索引跟踪的
# 关键数字。

# %%
table3 = data.load("table3_foreign_trade")
partners = data.load("table_partner_trade")
cny_per_usd = data.load("cny_usd")["cny_per_usd"]
results = trade_findings.analyse(table3, trend_start=trend_start, trend_end=trend_end,
                                 price_base_year=price_base_year,
                                 placebo_pre_years=placebo_pre_years,
                                 fall_years=tuple(fall_years))
for name, value, unit, description in trade_findings.key_figures(results):
    record(name, value, unit, description)

# %% [markdown]
# ## What the reproduction finds / 复现结果

# %% tags=["headline"]
show(trade_findings.headline(results, L))

# %% tags=["article"]
show(trade_findings.findings(results, L))

# %% [markdown] tags=["lang-en"]
# Each headline over its grid: the chosen specification's value and interval, the lowest and
# highest value over the grid, and in how many specifications its conclusion holds.

# %% [markdown] tags=["lang-zh"]
# 各主要结论在其设定网格上的结果：所选设定的取值与区间、网格内的最低与最高值，以及结论成立的
# 设定数。

# %% tags=["article"]
display(localise(specgrid.summary_table(results.summaries), L, decimals=1))

# %% [markdown]
# ## 1. Table 3 / 表 3

# %% tags=["article"]
show(f"**{caption('table3', L)}** — {source_note(L, ['table3_foreign_trade'])}")
display(printed_table(table3, L))

# %% [markdown] tags=["lang-en"]
# The dependency rows recomputed from Table 3 itself, then from external series (China: customs
# trade over GDP as published, before the 2018 census; Liaoning: NBS trade over GDP as
# published; IMF rate).

# %% [markdown] tags=["lang-zh"]
# 先用表 3 自身的数据重算两行依存度，再用外部数据重算（全国：海关进出口除以初始公布的GDP，即
# 2018年经济普查之前的版本；辽宁：国家统计局进出口除以初始公布的GDP；国际货币基金组织汇率）。

# %%
display(localise(trade.recompute_ratio(table3, "total_trade", "gdp_usd", "trade_dependency"), L,
                 decimals=2))
show(source_note(L, ["china_gdp_as_published", "liaoning_gdp_as_published"]))
display(localise(benchmarks.dependency_checks(table3), L, decimals=2))

# %% [markdown]
# ## 2. Figure 4 / 图 4：辽宁对外贸易依存度与全国平均水平对比

# %% [markdown] tags=["lang-en"]
# Both lines are Table 3's rows. Paragraph 38's "一直在15%至20%" does not describe Liaoning's
# dependency; read as the gap to the national level (paragraph 45), it holds in the years listed
# below the figure, in percentage points.

# %% [markdown] tags=["lang-zh"]
# 两条线均为表 3 的数据。第38段“一直在15%至20%”并非描述辽宁的依存度；若理解为与全国水平的差距
# （第45段），则在图下所列年份成立，单位为百分点。

# %% tags=["article"]
fig, ax = line_chart(table3[["trade_dependency", "trade_dependency_china"]], lang=L,
                     title=caption("fig4", L), unit=f"{label('share_of_gdp', L)} (%)",
                     source=figure_source(L, ["table3_foreign_trade"]))
_ = keep(fig, "fig4_trade_dependency", L)

# %%
dependency_gap = trade.dependency_gap(table3)
gap_low = data.fact("trade_dependency_gap_low")
gap_high = data.fact("trade_dependency_gap_high")
show(f"{label('dependency_gap', L)} [{gap_low:g}, {gap_high:g}] pp: "
     f"{trade.gap_years_inside(dependency_gap, gap_low, gap_high)}")
display(trade.text_checks({"trade_dependency_2006_text": table3["trade_dependency"].iloc[0],
                           "trade_dependency_2015_text": table3["trade_dependency"].iloc[-1],
                           "trade_dependency_gap_low": dependency_gap.min(),
                           "trade_dependency_gap_high": dependency_gap.max()}, L))

# %% [markdown]
# ## 3. The 2009 and 2015 falls / 2009年和2015年的下滑

# %% [markdown] tags=["lang-en"]
# Paragraphs 36-37 against Table 3. Each year's growth of total trade is split into the
# contributions of exports and imports (percentage points), stacked so that they add up to the
# diamond, total-trade growth.

# %% [markdown] tags=["lang-zh"]
# 第36-37段与表 3 对照。每年进出口总额的增长分解为出口和进口的贡献（百分点），堆叠后等于菱形
# 标记所示的总额增长率。

# %%
display(trade.text_checks({f"{stem}_decline_{year}_pct": -results.falls.loc[year, f"{flow}_growth"]
                           for year in fall_years for stem, flow in trade.FALL_FACTS}, L))
display(localise(results.falls.loc[fall_years], L, decimals=1))

# %% tags=["article"]
fig, ax = trade_charts.contributions_chart(results.falls, lang=L,
                                           source=figure_source(L, ["table3_foreign_trade"]))
_ = keep(fig, "trade_contributions", L)

# %% [markdown]
# ## 4. Against trend, Liaoning and China / 与趋势相比：辽宁与全国

# %% [markdown] tags=["lang-en"]
# A straight line fitted to the log of each flow over the chosen window, extended with its 95 %
# prediction interval (PI); the same line on China's trade (external NBS) is the benchmark.
# Liaoning's gap relative to China's is the gap of Liaoning's share of China's trade to its own
# log-linear trend, which gives it an interval.

# %% [markdown] tags=["lang-zh"]
# 对每个流量的对数在所选区间内拟合直线，并外推其95%预测区间；对全国进出口（国家统计局，外部
# 数据）做同样的拟合作为基准。辽宁相对全国的差距，即辽宁占全国进出口比重相对其对数线性趋势的
# 差距，因此也有区间。

# %%
display(localise(trend.fit_table(table3, trade_findings.FLOWS, trend_start, trend_end), L,
                 decimals=1))
display(localise(results.shortfall, L, decimals=1))
display(localise(results.relative, L, decimals=1))

# %% tags=["article"]
fig, ax = trade_charts.benchmark_trend_chart(table3["total_trade"],
                                             benchmarks.china_trade()["total_trade"],
                                             trend_start, trend_end, lang=L)
_ = keep(fig, "trade_trend", L)

# %% [markdown] tags=["lang-en"]
# The shortfall under every specification: each dot is the 2015 gap under one choice of fit
# window, functional form, price basis and data source, with the gaps its PI allows; the marks
# below show the choices, the diamond the chosen specification. The deflated view (section 5)
# is this curve's deflated specifications: there, a grey dot (not below the PI) is one in which
# deflated 2015 trade lies inside it.

# %% [markdown] tags=["lang-zh"]
# 全部设定下的差距：每个点是一组拟合区间、函数形式、价格基准和数据来源下2015年的差距，竖线为其
# 预测区间允许的差距；下方标记各点所用的选择，菱形为所选设定。平减后的视角（第5节）即此图中使用
# 平减指数的设定：其中灰点（不低于预测区间）表示平减后2015年进出口落在区间之内。

# %% tags=["article"]
fig, ax = trade_charts.specification_chart(results.grids["trade_vs_trend"], "trade_vs_trend",
                                           results.last, lang=L)
_ = keep(fig, "trade_shortfall_specifications", L)

# %%
fig, ax = trade_charts.share_chart(results.share, results.last, lang=L)
_ = keep(fig, "trade_share_of_china", L)

# %% tags=["article"]
fig, ax = trade_charts.specification_chart(results.grids["trade_vs_china"], "trade_vs_china",
                                           results.last, lang=L)
_ = keep(fig, "trade_relative_specifications", L)

# %% [markdown] tags=["lang-en"]
# After the table: NBS's figures for the years after Table 3 against NBS's own last Table 3
# year (one source), and paragraph 41's implied total against NBS's figure for the same year.

# %% [markdown] tags=["lang-zh"]
# 表 3 之后：国家统计局此后各年的数据与其自身的表 3 最后一年数据相比（同一来源）；第41段推算的
# 总额与国家统计局同年数据相比。

# %%
display(localise(results.after_table, L, decimals=1))

# %% [markdown]
# ## 5. Prices / 价格

# %% [markdown] tags=["lang-en"]
# **Oil.** Paragraph 40 gives crude's share of imports without its year: both readings, crude's
# value moved with Brent (EIA, external), volumes fixed at the reading's year, and what each
# reading implies for the other year. **Deflated.** Dollars to yuan at the IMF rate, deflated by
# one of China's price indices, back to base-year dollars: a rough volume view. China's PPI is
# the chosen index (Liaoning trades mostly manufactured and raw industrial goods), but it is a
# domestic producer price, not a trade price, and export and import price indices are not in
# the data, so the GDP deflator and CPI are tried as well.

# %% [markdown] tags=["lang-zh"]
# **原油。** 第40段给出原油占进口的比重但未注明年份：两种读法都列出，原油价值随布伦特油价变动
# （美国能源信息署，外部数据），数量固定在所读年份，并列出每种读法对另一年的含义。**平减。**
# 按国际货币基金组织汇率将美元换算为人民币，以全国某一价格指数平减，再按基期汇率换回美元：
# 粗略的数量视角。所选指数为全国工业生产者出厂价格（辽宁贸易以制成品和工业原料为主），但它是
# 国内生产者价格而非贸易价格，数据中也没有进出口价格指数，因此同时试用GDP平减指数和居民消费
# 价格指数。

# %%
display(localise(results.oil, L, decimals=1))
display(localise(specgrid.by_option(results.grids["trade_deflated"], "deflator"), L, decimals=1))

# %%
fig, ax = trade_charts.nominal_real_chart(table3["total_trade"], results.deflated_total,
                                          price_base_year, lang=L)
_ = keep(fig, "trade_nominal_real", L)

# %% [markdown]
# ## 6. Specification and break tests / 模型设定与断点检验

# %% [markdown] tags=["lang-en"]
# Residuals of the log-linear trends fitted here (Durbin-Watson: 2 means no first-order
# autocorrelation; eight points make it uncertain) and the p-value of a squared term: checks of
# the specification, not tests of the fall.

# %% [markdown] tags=["lang-zh"]
# 这里所拟合的对数线性趋势的残差（DW 统计量：2表示无一阶自相关；八个点使其很不确定），以及二次项
# 的 p 值：这些是对模型设定的检查，不是对下滑的检验。

# %%
diagnostics = trend.diagnostics_table(results.fitted, trend_start, trend_end)
residuals = trend.residual_frame(results.fitted, list(results.fitted.columns), trend_start,
                                 trend_end)
fig, ax = residual_chart(residuals, diagnostics["durbin_watson"].to_dict(), lang=L,
                         title=t("residuals_trade_title", L, start=trend_start, end=trend_end),
                         source=figure_source(L, ["table3_foreign_trade", "china_trade_total",
                                                  "china_ppi"]))
_ = keep(fig, "trade_residuals", L)
display(localise(diagnostics, L, decimals={"durbin_watson": 2, "t2_p_value": 3}))

# %% [markdown] tags=["lang-en"]
# The break test: the years after the fit window tested jointly against the same fit that gives
# their gaps (Chow's predictive test). Then, for description only, the same test on every
# earlier window of as many years, each against the `placebo_pre_years` years before it (so all
# have the same degrees of freedom), with the gaps from those same fits.

# %% [markdown] tags=["lang-zh"]
# 断点检验：以给出差距的同一拟合为基准，对拟合区间之后的年份做联合检验（Chow 预测检验）。随后
# 仅作描述：对此前每个同样长度的窗口做同样的检验，各以其前 `placebo_pre_years` 年拟合（自由度
# 相同），差距也来自这些拟合。

# %%
display(localise(results.breaks, L, decimals={"gap_first_pct": 1, "gap_last_pct": 1,
                                              "f_stat": 2}))
display(localise(results.placebo, L, decimals={"gap_first_pct": 1, "gap_last_pct": 1,
                                               "f_stat": 2}))

# %% [markdown] tags=["lang-en"]
# Every test this notebook runs, with Holm's adjustment for their number beside the raw p.

# %% [markdown] tags=["lang-zh"]
# 本节进行的全部检验：原始 p 值旁为按检验次数做的 Holm 校正。

# %% tags=["article"]
display(localise(results.tests, L, decimals={"p_holm": 3}))

# %% [markdown]
# ## 7. Partners, products, cities / 贸易伙伴、商品与城市

# %% [markdown] tags=["article-C", "lang-en"]
# **Report section C (paragraphs 39-41, 45-48).** The partner table (亿元, Dalian customs):
# each partner's exports and imports, their shares of the three partners' total, and the three
# partners as a share of Liaoning's Table 3 trade (at the external IMF rate).

# %% [markdown] tags=["article-C", "lang-zh"]
# **报告 C 节（第39-41、45-48段）。** 贸易伙伴表（亿元，大连海关）：各伙伴的出口和进口、占三个
# 伙伴合计的比重，以及三个伙伴占表 3 辽宁进出口的比重（按外部的国际货币基金组织汇率）。

# %% tags=["article-C"]
show(f"**{caption('table_partner_trade', L)}** — {source_note(L, ['table_partner_trade'])}")
display(printed_table(partners, L))
display(localise(trade.partner_shares(partners), L, decimals=1))
display(localise(trade.partner_share_of_liaoning(partners, table3, cny_per_usd), L, decimals=1))

# %% tags=["article-C"]
display(trade.text_checks(trade.partner_text_checks(partners), L))

# %% [markdown] tags=["article-C", "lang-en"]
# Paragraphs 39-40: four product groups each, 2015 (a missing bar means "not stated"). The
# groups overlap in customs classifications (high-tech products are largely machinery and
# electrical products), so they are not parts of a whole: no "other" remainder is drawn.

# %% [markdown] tags=["article-C", "lang-zh"]
# 第39-40段：2015年进出口各四个商品类别（缺少的柱表示“未说明”）。这些类别在海关分类中相互重叠
# （高新技术产品大多也是机电产品），因此不是一个整体的组成部分：不画“其他”余项。

# %% tags=["article-C"]
display(fact_table([fact_id for ids in trade.COMPOSITION.values() for fact_id in ids.values()], L))
fig, ax = trade_charts.composition_chart(trade.composition(), lang=L)
_ = keep(fig, "trade_composition", L)

# %% [markdown] tags=["article-C", "lang-en"]
# Paragraph 47 for `city_year`: its ratio recomputed, the two large cities' weight in Table 3's
# trade, and the Dalian FDI the Fuxin-and-Chaoyang sentence implies (no figure to check it
# with).

# %% [markdown] tags=["article-C", "lang-zh"]
# 第47段（`city_year` 年）：重算其比值、两大城市占表 3 进出口的比重，以及阜新和朝阳一句所隐含的
# 大连外商直接投资（没有可供核对的数字）。

# %% tags=["article-C"]
display(fact_table(list(trade.city_fact_ids(city_year).values()), L))
display(trade.text_checks(trade.city_text_checks(city_year), L))
display(localise(trade.city_rows(table3, city_year).to_frame(label("recomputed", L)), L,
                 decimals=1))
