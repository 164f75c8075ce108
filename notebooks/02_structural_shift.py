# %% [markdown]
# # 02 Structural shift / 经济结构：产业结构失衡

# %% [markdown] tags=["lang-en"]
# Report section III.A, paragraphs 8 and 31-33 (pp. 9, 18-19): Table 2 (表 2：辽宁省工业结构，
# 2011-2015（百分比）), the three sector shares, what drove their 2015 move, the pace of the
# shift towards services and the gap to the national tertiary share. 2006-2010 come from the
# external NBS provincial accounts and are marked as such. Table 1 and Table 2 are as published
# (the vintage later corrected and revised, notebook 01): every Liaoning figure here is on that
# vintage; no revised sector accounts are in the data. The national tertiary share after 2015
# is NBS's revised series (external): where it meets Liaoning's figures, that is said.

# %% [markdown] tags=["lang-zh"]
# 报告第三章 A 节，第8段与第31-33段（第9、18-19页）：表 2（表 2：辽宁省工业结构，2011-2015
# （百分比）），三次产业比重、2015年变化的来源、向服务业转变的速度，以及与全国第三产业比重的差距。
# 2006-2010年取自国家统计局省级核算（外部数据），并加以标注。表 1 与表 2 为当时公布数（后来被更正和
# 修订的版本，见笔记本 01）：这里所有辽宁数据都属于这一版本；数据中没有修订后的分产业核算。2015年后
# 的全国第三产业比重是国家统计局修订序列（外部数据）：凡与辽宁数据相接之处均加说明。

# %% tags=["parameters"]
label_language = "en"
trend_start = 2011  # fit window of the tertiary-share trend (report years; the chosen one)
trend_end = 2015
long_trend_start = 2006  # comparison window including the external years
scenario_paces = [0.5, 1.0, 2.0]  # stated paces of Liaoning's tertiary share, points a year
price_base_year = 2011  # base of the relative-price illustration

# %%
from IPython.display import display

from analysis import data, plotting, specgrid, structural_shift, structural_shift_charts
from analysis.keyfigures import record
from analysis.labels import t
from analysis.speccurve import spec_curve
from analysis.tables import fact_table, localise, printed_table, show

L = label_language
plotting.use_house_style(L)

# %% [markdown] tags=["article", "lang-en"]
# **The report** (paras 8, 31-33): Liaoning leans on industry: its secondary share is above
# the national one and its services (tertiary) share, 46.2 % of GDP in 2015, below the national
# 50.2 % (para 8); Table 2 shows the secondary share falling from 54.7 % (2011) to 45.5 %
# (2015) and the tertiary share rising from 36.7 % to 46.2 %.

# %% [markdown] tags=["article", "lang-zh"]
# **报告**（第8段、第31-33段）：辽宁依赖工业：第二产业比重高于全国，第三产业比重2015年为GDP的
# 46.2%，低于全国的50.2%（第8段）；表 2 显示第二产业比重从54.7%（2011年）降至45.5%（2015年），
# 第三产业比重从36.7%升至46.2%。

# %%
shares = structural_shift.sector_shares()
contributions = structural_shift.sector_contributions()
pace_windows = [(trend_start, trend_end), (trend_start, trend_end - 1),
                (long_trend_start, trend_end)]
paces = structural_shift.pace_table(shares, pace_windows)
pace_grid = structural_shift.pace_grid(price_base_year)
pace_summary = specgrid.summarise(pace_grid)
at_base_prices = structural_shift.shares_at_base_prices(price_base_year)
tertiary_gap = (data.fact(structural_shift.NATIONAL_TERTIARY_FACT)
                - data.fact(structural_shift.TERTIARY_FACT))
national_pace = structural_shift.national_tertiary_pace()
scenarios = structural_shift.catch_up_scenarios(tertiary_gap, scenario_paces,
                                                {"fixed": 0.0, "moving": national_pace})

# %%
for name, value, unit, label in structural_shift.key_figures(contributions, at_base_prices,
                                                             national_pace):
    record(name, value, unit, label)
specgrid.record("tertiary_share_pace_pp_per_year", pace_summary, "points a year",
                "Pace of Liaoning's tertiary share at the end of the fit window",
                "the 95 % interval lies above zero (the share rose)")

# %% [markdown]
# ## What the reproduction finds / 复现结果

# %% tags=["headline", "article"]
show(structural_shift.headline(shares, contributions, pace_grid, L))

# %% tags=["article"]
show(structural_shift.findings(contributions, at_base_prices, paces, pace_grid, tertiary_gap,
                               scenarios, L))

# %% [markdown] tags=["lang-en"]
# **Tests.** This notebook runs three tests, one per fit window of the pace table below (the
# slope is zero); their Holm-adjusted p-values stand beside the raw ones. The specification
# grid is not counted as tests: it says in how many specifications the interval lies above
# zero, not how surprising one of them is.

# %% [markdown] tags=["lang-zh"]
# **检验。** 本笔记本做三个检验，即下文速度表中每个拟合区间一个（斜率为零）；原始 p 值旁列出 Holm
# 校正后的 p 值。设定网格不计为检验：它说明区间在多少个设定中高于零，而非其中某一个有多意外。

# %% [markdown]
# ## Table 2 as printed / 表 2（原样）

# %%
show(f"**{structural_shift.table2_caption(L)}**")
display(printed_table(data.load("table2_industry_structure"), L))

# %% [markdown]
# ## The three shares / 三次产业比重

# %% [markdown] tags=["lang-en"]
# 2006-2010: shares of value added in GDP from the external NBS provincial accounts (as
# published, before the correction). Where both sources cover a year (2011) they agree to
# rounding:

# %% [markdown] tags=["lang-zh"]
# 2006-2010年：国家统计局省级核算（外部数据；当时公布数，更正之前）中各产业增加值占GDP的比重。两个
# 来源都有的年份（2011年）在四舍五入范围内一致：

# %%
display(localise(structural_shift.overlap_check().round(3), L))
fig = structural_shift_charts.shares_figure(shares, L)
_ = plotting.keep(fig, "sector_shares", L, caption=t("alt_sector_shares", L))

# %% [markdown]
# ## What moved the shares / 比重变化的来源

# %% [markdown] tags=["article", "lang-en"]
# Contributions to nominal growth (Table 1 x Table 2). Value added of each sector = its Table 2
# share x Table 1 GDP; its contribution to growth is its change over the previous year's GDP,
# so the three add up to GDP growth (points). Low and high: the range the shares' one-decimal
# rounding allows. Table 1 and Table 2 share one vintage in 2011-2015 (as published, before the
# correction).

# %% [markdown] tags=["article", "lang-zh"]
# 对名义增长的贡献（表 1 × 表 2）。各产业增加值 = 表 2 比重 × 表 1 GDP；其对增长的贡献为其变化除以
# 上一年GDP，因此三者之和等于GDP增长率（百分点）。下限与上限：比重保留一位小数所容许的范围。
# 2011-2015年表 1 与表 2 属同一版本（当时公布数，更正之前）。

# %% tags=["article"]
fig = structural_shift_charts.contributions_figure(contributions, L)
_ = plotting.keep(fig, "sector_contributions", L,
                  caption=t("alt_contributions", L))

# %%
display(localise(contributions.T.round(2), L).rename_axis(columns=t("year", L)))

# %% [markdown]
# ## Nominal shares when prices move apart / 价格分化时的名义比重

# %% [markdown] tags=["lang-en"]
# Table 2's shares are nominal. Over Table 2's years China's producer prices fell while
# consumer prices rose (table below), so industry's nominal share falls even at constant
# volumes. Below, the shares re-weighted at `price_base_year` relative prices (secondary
# deflated by China's PPI, primary and tertiary by its CPI; external NBS). The PPI is a
# gross-output price and national, the CPI not a services deflator: read the gap between the
# columns as the direction and rough size of the price effect, not as Liaoning's real shares.

# %% [markdown] tags=["lang-zh"]
# 表 2 的比重为名义值。表 2 所涵盖的年份中，全国工业生产者出厂价格下降而居民消费价格上涨（见下表），
# 因此即使产量不变，工业的名义比重也会下降。下表为按 `price_base_year` 年相对价格重新加权的比重
# （第二产业以全国PPI平减，第一、三产业以全国CPI平减；国家统计局外部数据）。PPI是全国总产出价格，
# CPI也不是服务业平减指数：两列之差只表示价格效应的方向和大致规模，而非辽宁的实际比重。

# %%
display(localise(at_base_prices.round(2), L))

# %% [markdown]
# ## Pace of the shift / 转变速度

# %% [markdown] tags=["lang-en"]
# OLS trend of the tertiary share (points a year) with a 95 % confidence interval, over the
# report's five years, the same without its last year, and the ten years with the external
# ones, with the p-value of "no trend" and its Holm adjustment over these three tests. Leaving
# out the last year flattens the report-window pace; the long window says the share fell over
# the external years before it rose. Neither is a forecast.

# %% [markdown] tags=["lang-zh"]
# 第三产业比重的最小二乘趋势（每年百分点）及95% 置信区间：报告的五年、去掉最后一年，以及含外部年份的
# 十年；并列出"无趋势"的 p 值及其在这三个检验上的 Holm 校正。去掉最后一年会使报告区间的速度变缓；
# 长区间显示该比重在外部年份先降后升。两者都不是预测。

# %%
display(localise(paces.round(3), L))

# %% [markdown] tags=["article", "lang-en"]
# **Specification grid.** The pace at the end of the fit window under every fit window of at
# least six years ending 2013-2015 (and the report's five years, the chosen one), three forms
# (a straight line; a constant growth rate of the share; a squared term in logs) and two price
# bases (nominal, or 2011 relative prices). One vintage only: no revised sector accounts exist
# in the data. The conclusion "the share rose" holds where the 95 % interval lies above zero.

# %% [markdown] tags=["article", "lang-zh"]
# **设定网格。** 拟合区间末年的变化速度：每个至少六年、止于2013-2015年的拟合区间（以及报告的五年，
# 即所选设定），三种函数形式（直线；比重增长率不变；对数含二次项）和两种价格基准（名义，或2011年
# 相对价格）。只有一个数据版本：数据中没有修订后的分产业核算。当95% 区间高于零时，"比重上升"的
# 结论成立。

# %% tags=["article"]
fig, _ = spec_curve(pace_grid, lang=L, unit=t("unit_pp_per_year", L),
                    title=t("pace_curve_title", L, n=pace_summary.n),
                    source=plotting.figure_source(L, ["table2_industry_structure",
                                                      "liaoning_gdp_by_sector", "table1_gdp",
                                                      "china_ppi", "china_cpi"]),
                    holds_label=t("pace_holds", L), fails_label=t("pace_fails", L))
_ = plotting.keep(fig, "spec_curve_tertiary_pace", L,
                  caption=t("pace_curve_title", L, n=pace_summary.n))

# %% [markdown]
# ## Gap to the national tertiary share / 与全国第三产业比重的差距

# %% [markdown] tags=["article", "lang-en"]
# Para 8 compares Liaoning's tertiary share in 2015 with the national one, both as published;
# the gap below is theirs. The national series drawn beside Liaoning's is NBS's revised
# quarterly accounts (external): another vintage, named in the legend; its 2015 value matches
# para 8's to rounding. The fitted trend is drawn solid over its fit window (the report's
# years); beyond it, to 2017, it is dashed with a 95 % *prediction* interval (for a single
# year's share, not the line): an extrapolation, since the report has no Liaoning share after
# 2015.

# %% [markdown] tags=["article", "lang-zh"]
# 第8段比较了2015年辽宁与全国的第三产业比重，两者均为当时公布数；下面的差距即取自该段。与辽宁并列
# 绘出的全国序列是国家统计局修订后的季度核算（外部数据）：另一个数据版本，已在图例中注明；其2015年
# 数值在四舍五入范围内与第8段一致。拟合趋势在拟合区间（报告年份）内为实线；其后至2017年为虚线，
# 并附95% *预测*区间（针对单一年份的比重，而非趋势线）：这是外推，因为报告没有2015年之后的辽宁
# 比重。

# %%
display(fact_table([structural_shift.TERTIARY_FACT, structural_shift.NATIONAL_TERTIARY_FACT], L))
show(f"{t('gap_para8', L)}: **{tertiary_gap:.1f}** {t('unit_pp', L)}; "
     f"{t('national_pace_revised', L)}: **{national_pace:.2f}** {t('unit_pp', L)}")

# %% tags=["article"]
fig = structural_shift_charts.tertiary_gap_figure(shares, trend_start, trend_end, L)
_ = plotting.keep(fig, "tertiary_gap", L, caption=t("alt_tertiary_gap", L))

# %% [markdown]
# ## Catch-up: scenarios, not an estimate / 追赶：情景而非估计

# %% [markdown] tags=["article", "lang-en"]
# The earlier key figure "years to reach the national share" extrapolated the report-window
# slope, steepened by the 2015 jump, and its interval drew only that slope's sampling error. It
# is dropped. Instead: years = gap / (stated pace - national pace), for stated paces of
# Liaoning's share and the national share fixed at 2015 or moving at its external 2015-2017
# pace. Arithmetic on assumptions: no interval belongs to it.

# %% [markdown] tags=["article", "lang-zh"]
# 此前的关键数字"达到全国比重所需年数"外推了报告区间的斜率（被2015年的跳升拉陡），其区间也只反映该
# 斜率的抽样误差。现已删除。改为：年数 = 差距 /（设定速度 - 全国速度），设定辽宁比重的若干速度，全国
# 比重固定在2015年或按其2015-2017年（外部数据）的速度变动。这是基于假设的算术：不附区间。

# %% tags=["article"]
display(localise(scenarios.round(2), L))
show(structural_shift.scenario_vintage_note(L))

# %% [markdown] tags=["article", "lang-en"]
# ## What this section can and cannot show
# - Five report years (ten with the external ones) cannot separate a steady shift from a
#   one-off; the contributions say what moved in 2015, not why. The pace depends on the window
#   and form (specification grid above).
# - The shares and contributions are nominal and on the as-published vintage that Liaoning
#   later corrected; no corrected or revised sector accounts are used here, so how the
#   correction changed the split between sectors cannot be said.
# - The price illustration uses national indices; Liaoning's own sector deflators are not
#   available here.

# %% [markdown] tags=["article", "lang-zh"]
# ## 本节能说明什么、不能说明什么
# - 报告的五年（加上外部年份为十年）无法区分稳定的转变与一次性变化；贡献分解说明2015年是什么在变，
#   而非为什么变。变化速度取决于拟合区间和函数形式（见上文设定网格）。
# - 比重与贡献均为名义值，且属于辽宁后来更正的当时公布版本；这里没有使用更正或修订后的分产业核算，
#   因此无法说明统计更正如何改变了产业间的划分。
# - 价格示意使用全国价格指数；这里没有辽宁自身的分产业平减指数。
