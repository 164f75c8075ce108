# %% [markdown]
# # 01 Economic collapse / 经济结构：辽宁经济指标崩溃

# %% [markdown] tags=["lang-en"]
# Report section III.A, paragraphs 26-30 (pp. 15-18): Table 1 and Figures 1-3. Figures 1-3
# survive in the report only as captions (图 1：历史最低经济增长率, 图 2：政府收入大幅下跌,
# 图 3：固定资产投资大幅下跌); this notebook rebuilds each from the numbers the report prints, says
# exactly what it used, and marks every external (non-report) series.
#
# **Vintages.** *As published*: the figures released at the time (the report's vintage);
# *revised*: the NBS 2021 back-series after the 2018 economic census; *correction*: Liaoning's
# own 2016-17 correction of its inflated 2011-2016 figures (Table 1's 2016 value is after it);
# *series break*: a change of measurement between two adjacent years. Every series knows its
# vintage and its breaks (declared in `data/datapackage.json`): a growth rate across a break or
# a difference of two vintages is refused unless asked for, and then labelled where it is shown.

# %% [markdown] tags=["lang-zh"]
# 报告第三章 A 节，第26-30段（第15-18页）：表 1 与图 1-3。图 1-3 在报告中只剩图题（图 1：历史最低
# 经济增长率，图 2：政府收入大幅下跌，图 3：固定资产投资大幅下跌）；本笔记本用报告所列数字逐一重建，
# 说明所用数据，并标出每一个外部（非报告）序列。
#
# **数据版本。** *当时公布数*：当时发布的数字（报告所用版本）；*修订数*：2018年经济普查后国家统计局
# 2021年的回溯序列；*统计更正*：辽宁2016-2017年对其2011-2016年虚高数据的更正（表 1 的2016年数值在
# 更正之后）；*序列断点*：相邻两年之间统计口径的变化。每个序列都带有其版本与断点（在
# `data/datapackage.json` 中声明）：跨越断点的增长率或两个版本之差，除非明确要求，否则拒绝计算，
# 计算时在展示处注明。

# %% tags=["parameters"]
label_language = "en"
fai_anchor_year = 2014  # the year para 29's first level ("2443亿元") is read as
peer_start, peer_end = 2013, 2017  # window of the peers' average growth (the chosen one)
slowest_from = 2015  # first year of the yearly ranking of the three provinces

# %%
from IPython.display import display

from analysis import data, economic_collapse, peers, plotting, revisions, series, specgrid
from analysis.keyfigures import record
from analysis.labels import caption, t
from analysis.speccurve import spec_curve
from analysis.tables import fact_table, localise, printed_table, show

L = label_language
plotting.use_house_style(L)

# %% [markdown] tags=["article", "lang-en"]
# **The report** (paras 26-30): Liaoning's economic indicators "collapsed": real GDP growth of
# -2.5 % in 2016 and a nominal fall of 23 % (Table 1), revenue down 33.4 % in 2015 and
# fixed-asset investment down 74 % over 2014-2016; para 30 puts the sudden 2016 fall down to
# undoing the inflated growth reported for 2011-2014.

# %% [markdown] tags=["article", "lang-zh"]
# **报告**（第26-30段）：辽宁经济指标"崩溃"：2016年实际GDP增长-2.5%，名义下降23%（表 1），2015年
# 财政收入下降33.4%，2014-2016年固定资产投资下降74%；第30段把2016年的骤降归因于挤出2011-2014年
# 虚报的增长。

# %%
results = economic_collapse.results(peer_start, peer_end, slowest_from)
split_summary = specgrid.summarise(results.split_grid)
peer_summary = specgrid.summarise(results.peer_grid)

# %%
for name, value, unit, label in economic_collapse.key_figures(results):
    record(name, value, unit, label)
specgrid.record("fall_2016_rebasing_share_of_log_fall_pct", split_summary, "percent",
                "Level re-basing's share of Table 1's 2016 log fall",
                "the re-basing is more than half of the fall")
specgrid.record("peers_liaoning_minus_slower_peer_pp", peer_summary, "points a year",
                "Liaoning's average GDP growth minus the slower Northeast peer's",
                "Liaoning grew slowest of the three Northeast provinces")

# %% [markdown]
# ## What the reproduction finds / 复现结果

# %% tags=["headline", "article"]
show(economic_collapse.headline(results, L))

# %% tags=["article"]
show(economic_collapse.findings(results, L))

# %% [markdown] tags=["lang-en"]
# **Tests.** This notebook runs no statistical test: its comparisons are between official
# figures, which carry no sampling interval. Its two specification grids (the 2016 split and the
# peers comparison, below) count in how many defensible specifications a conclusion holds.

# %% [markdown] tags=["lang-zh"]
# **检验。** 本笔记本不做统计检验：所比较的都是官方数字，没有抽样区间。下面两个设定网格（2016年
# 降幅分解与邻省比较）统计结论在多少个合理设定中成立。

# %% [markdown]
# ## Table 1 as printed / 表 1（原样）

# %% [markdown] tags=["lang-en"]
# Values exactly as the report prints them (billion yuan, Table 1, para 26, p. 15).

# %% [markdown] tags=["lang-zh"]
# 数值与报告所印完全一致（十亿元，表 1，第26段，第15页）。

# %%
show(f"**{caption('table1', L)}**")
display(printed_table(data.load("table1_gdp"), L))

# %% [markdown]
# ## What paragraphs 26-27 say / 第26-27段原文

# %% [markdown] tags=["lang-en"]
# Every number of the two paragraphs, with the verbatim quote, paragraph and page; below it,
# nominal growth recomputed from Table 1 (percent a year; para 26's "名义上经济总量下降了23%"
# is the 2016 row, which runs across the correction).

# %% [markdown] tags=["lang-zh"]
# 两段中的每个数字，附原文、段落与页码；其下为由表 1 重算的名义增长率（每年%；第26段
# "名义上经济总量下降了23%"即2016年一行，它跨越了统计更正）。

# %%
display(fact_table(["real_gdp_growth_2016", "nominal_gdp_decline_2016_pct",
                    "revenue_decline_2015_pct", "expenditure_decline_2015_pct",
                    "growth_gap_2008_2012_pp", "national_gdp_growth_2016",
                    "real_gdp_growth_2017", "growth_gap_2017_pp"], L))
display(localise(results.nominal_growth.round(2).to_frame("nominal_gdp_growth"), L))
show(series.note(results.nominal_growth, L))

# %% [markdown]
# ## Which vintage is Table 1, and how large were the revisions? / 表 1 属于哪个版本，修订幅度多大？

# %% [markdown] tags=["lang-en"]
# Table 1 against Liaoning's two external vintages (100 million yuan): to 2015 it is the
# as-published series (the differences are rounding); its 2016 value is the first release after
# the correction. Below it, the size of the revision (revised over as published, percent) for
# the three Northeast provinces and China: a comparison of two vintages by design.

# %% [markdown] tags=["lang-zh"]
# 表 1 与辽宁两个外部版本对比（亿元）：2015年以前即当时公布数（差异为四舍五入）；2016年数值是更正后
# 首次发布的数。其下为东北三省与全国的修订幅度（修订数相对当时公布数，%）：按设计比较两个版本。

# %%
display(localise(revisions.table1_against_vintages().round(2) + 0.0, L))  # + 0.0: no "-0.00"
display(localise(results.revision.round(1), L))

# %% [markdown] tags=["lang-en"]
# The same GDP is the denominator of both dependency ratios (paras 38, 42). Recomputed on
# as-published GDP they reproduce the printed rows; on revised GDP (a sensitivity, not a
# correction) every ratio is higher, since the revised levels are lower, and the paths are
# alike. FDI has no revised vintage, so FDI over revised GDP mixes two vintages (note below).

# %% [markdown] tags=["lang-zh"]
# 两个依存度（第38、42段）的分母是同一个GDP。按当时公布的GDP重算可复现所印数值；按修订后GDP
# （敏感性分析，并非更正）各比率都更高，因为修订后的水平更低，走势相似。外商直接投资没有修订版本，
# 因此以修订后GDP为分母时混合了两个版本（见下注）。

# %%
dependency = revisions.dependency_on_revised_gdp()
display(localise(dependency.round(2), L))
show(series.note(dependency, L))

# %% [markdown]
# ## The 2016 fall split: real growth, prices, level re-basing / 2016年降幅分解

# %% [markdown] tags=["article", "lang-en"]
# (1 + nominal change) = (1 + real growth)(1 + deflator)(1 + re-basing). The nominal change is
# Table 1's, across the correction; the "from" columns name each term's vintage. No
# as-published provincial deflator exists, so the as-published basis borrows China's: that
# assumes Liaoning's prices moved as the nation's. The revised basis uses Liaoning's deflator
# implied by the NBS back-series, whose implied deflators look inconsistent in other years
# (findings above; the table of deflators further below).

# %% [markdown] tags=["article", "lang-zh"]
# （1 + 名义变化）=（1 + 实际增长）（1 + 平减指数）（1 + 水平断点）。名义变化为表 1 跨越统计更正的
# 变化；"来源"列注明每一项的数据版本。没有当时公布的省级平减指数，因此按当时公布数的分解借用全国
# 平减指数：即假定辽宁价格与全国同步。按修订数的分解使用国家统计局回溯序列隐含的辽宁平减指数，而该
# 隐含指数在其他年份看来并不一致（见上文结论及下文平减指数表）。

# %% tags=["article"]
display(localise(results.split.round(2), L))

# %% [markdown] tags=["article", "lang-en"]
# **Specification grid.** A referee would vary the nominal change (Table 1 or the yearbook
# series), Liaoning's 2016 real growth (para 26 as published, or revised) and the deflator
# (China's GDP deflator, China's CPI, Liaoning's implied revised deflator), keeping one vintage
# in each specification (the pairs that would mix vintages are refused). The curve shows the
# re-basing's share of the log fall in each.

# %% [markdown] tags=["article", "lang-zh"]
# **设定网格。** 审稿人会改变名义变化（表 1 或年鉴序列）、辽宁2016年实际增长（第26段当时公布数或
# 修订数）以及平减指数（全国GDP平减指数、全国CPI、辽宁推算的修订平减指数），每个设定只用一个数据版本
# （混合版本的组合被拒绝）。下图为每个设定中水平断点占对数降幅的比重。

# %% tags=["article"]
fig, _ = spec_curve(results.split_grid, lang=L, unit=t("unit_share_of_log_fall", L),
                    title=t("split_curve_title", L, n=split_summary.n),
                    source=plotting.figure_source(L, ["table1_gdp", "liaoning_gdp_as_published",
                                                      "liaoning_gdp_revised",
                                                      "liaoning_real_growth_revised",
                                                      "china_gdp_deflator", "china_cpi"],
                                                  ["real_gdp_growth_2016"]),
                    holds_label=t("split_holds", L), fails_label=t("split_fails", L),
                    reference=revisions.SPLIT_MOSTLY)
_ = plotting.keep(fig, "spec_curve_fall_2016_split", L,
                  caption=t("split_curve_title", L, n=split_summary.n))

# %% [markdown]
# ## Figure 1: record-low growth / 图 1：历史最低经济增长率

# %% [markdown] tags=["article", "lang-en"]
# Rebuilt from: nominal growth of Table 1 and of the revised series (top); Liaoning's real
# growth as published (NBS yearbook 2010-2014, external; the text for 2016-2017) and revised,
# and China's (external, bottom). Nominal and real growth are in separate panels; Table 1's
# 2016 value is drawn as the level re-basing it is. No as-published real growth for 2015 was
# found, so that line has a gap.

# %% [markdown] tags=["article", "lang-zh"]
# 重建所用数据：表 1 与修订序列的名义增长率（上栏）；辽宁当时公布的实际增长率（国家统计局年鉴
# 2010-2014年，外部数据；2016-2017年取自正文）、修订数及全国（外部数据，下栏）。名义与实际增长分栏
# 绘制；表 1 的2016年数值按其本质绘为水平断点。未找到2015年当时公布的实际增长率，故该线在此中断。

# %% tags=["article"]
fig = economic_collapse.figure1(L)
_ = plotting.keep(fig, "fig1_growth", L, caption=t("alt_fig1", L))

# %% [markdown]
# ## Liaoning beside its Northeast peers / 辽宁与东北其他省份

# %% [markdown] tags=["article", "lang-en"]
# Growth of Liaoning, Jilin, Heilongjiang and China, one panel per measure and vintage (all
# external). Real growth exists in one vintage for all three provinces only in the revised
# series; China's real growth exists here only in its early-2018 vintage, so it is drawn as a
# reference line and never subtracted from the provinces' revised growth. Below: average
# annual growth over the peer window (a cell that would run across Liaoning's correction is
# left empty), Liaoning minus each peer (real, revised) with its rank, and the years in which
# Liaoning grew slowest, by measure.

# %% [markdown] tags=["article", "lang-zh"]
# 辽宁、吉林、黑龙江与全国的增长率，每种指标与版本一栏（均为外部数据）。三省同一版本的实际增长只有
# 修订数；全国实际增长只有2018年初版本，因此只作为参考线绘出，从不与各省修订数相减。其下：比较区间
# 的年均增长率（跨越辽宁统计更正的单元格留空），辽宁减各邻省（实际，修订数）及其排名，以及按指标
# 辽宁增长最慢的年份。

# %% tags=["article"]
fig = peers.figure(L)
_ = plotting.keep(fig, "peers_growth", L, caption=t("alt_peers", L))
display(localise(results.peer_summary.round(2), L))
for measure, region in peers.not_computed(peer_start, peer_end):
    show(t("not_computed_across_break", L, measure=t(measure, L), region=t(region, L),
           years=f"{peer_start}-{peer_end}"))

# %%
display(localise(peers.liaoning_gap("real_revised").loc[2010:].round(2), L))
display(localise(results.slowest, L))

# %% [markdown] tags=["article", "lang-en"]
# **Specification grid.** The conclusion "Liaoning grew slowest of the three" under every
# measure (nominal as published, nominal revised, real revised) and every window of the
# average starting 2011-2014 and ending 2015-2017; windows across Liaoning's correction are not
# computed for the as-published series. The value is Liaoning's average growth minus the
# slower peer's: below zero, Liaoning was slowest.

# %% [markdown] tags=["article", "lang-zh"]
# **设定网格。** "辽宁为三省中增长最慢"这一结论在每种指标（名义当时公布数、名义修订数、实际修订数）
# 与每个平均区间（始于2011-2014年、止于2015-2017年）下是否成立；对当时公布序列，跨越辽宁统计更正的
# 区间不计算。数值为辽宁平均增长率减较慢邻省：低于零即辽宁最慢。

# %% tags=["article"]
fig, _ = spec_curve(results.peer_grid, lang=L, unit=t("unit_pp_per_year", L),
                    title=t("peers_curve_title", L, n=peer_summary.n),
                    source=plotting.figure_source(L, [
                        *[f"{r}_gdp_as_published" for r in revisions.PROVINCES],
                        *[f"{r}_gdp_revised" for r in revisions.PROVINCES],
                        *[f"{r}_real_growth_revised" for r in revisions.PROVINCES]]),
                    holds_label=t("peers_holds", L), fails_label=t("peers_fails", L))
_ = plotting.keep(fig, "spec_curve_peers", L,
                  caption=t("peers_curve_title", L, n=peer_summary.n))

# %% [markdown]
# ## A real view of GDP next to the nominal one / 实际GDP与名义GDP

# %% [markdown] tags=["lang-en"]
# Real GDP (revised) is the revised 2010 level carried by revised real growth: NBS's own
# constant-price measure, i.e. deflated by Liaoning's implied deflator. The as-published series
# deflated by China's GDP deflator assumes Liaoning's prices moved as the nation's; the table
# below compares Liaoning's implied deflator (revised) with China's (only available before the
# 2018-census revision: two vintages, labelled). Deflating does not remove the 2016 break: it is
# a change of level, not of prices.

# %% [markdown] tags=["lang-zh"]
# 实际GDP（修订数）为2010年修订水平按修订后实际增长率推算：即国家统计局自己的不变价口径，以辽宁隐含
# 平减指数折算。以全国GDP平减指数折算当时公布数，则假定辽宁价格与全国同步；下表比较辽宁隐含平减指数
# （修订数）与全国平减指数（只有2018年普查修订前的版本：两个版本，已注明）。平减并不能消除2016年的
# 断点：它是水平的变化，而非价格的变化。

# %%
fig = revisions.gdp_levels_figure(L)
_ = plotting.keep(fig, "gdp_levels", L, caption=t("alt_gdp_levels", L))
display(localise(results.deflators.round(2), L))
show(series.note(results.deflators, L))

# %% [markdown]
# ## Liaoning's real growth against China's, as published / 辽宁与全国实际增长之差（当时公布数）

# %% [markdown] tags=["lang-en"]
# Liaoning's real growth minus China's (points), on the report's own basis (as published, one
# vintage: China had no correction, so its early-2018 figures go with either side of
# Liaoning's): para 27 says "3.3个百分点左右" over 2008-2012, but the as-published Liaoning
# series starts in 2010, so only 2010-2012 can be checked; and "低于全国平均增速2.7个百分点" in
# 2017.

# %% [markdown] tags=["lang-zh"]
# 辽宁实际增长率减全国（百分点），按报告本身的口径（当时公布数，同一版本：全国没有统计更正，其
# 2018年初数据可与辽宁更正前后任一侧对比）：第27段称2008-2012年"3.3个百分点左右"，但辽宁当时公布
# 序列始于2010年，只能核对2010-2012年；以及2017年"低于全国平均增速2.7个百分点"。

# %%
gaps = results.gaps_to_china
show(f"{t('mean_gap_2010_2012', L)}: **{economic_collapse.mean_gap(gaps, 2010, 2012):.2f}** "
     f"{t('unit_pp', L)}")
display(localise(gaps.round(2), L))

# %% [markdown]
# ## Figure 2: government revenue / 图 2：政府收入大幅下跌

# %% [markdown] tags=["article", "lang-en"]
# The four levels of para 28 (100 million yuan; the caption's unit line says 十亿元, but the
# text gives 亿元) beside the NBS series (external), which is corrected from 2015 on and keeps
# the 2010-2014 values as published: they agree within rounding, so the NBS series cannot tell
# how much 2013-2014 were inflated. Compare the recomputed growth with "下降近5个百分点" (2014)
# and "年均下降33.4%" (2015): the latter is a one-year fall, not an annual average, and runs
# across the correction.

# %% [markdown] tags=["article", "lang-zh"]
# 第28段的四个数值（亿元；图题单位写作十亿元，但正文为亿元）与国家统计局序列（外部数据）对比，后者
# 2015年起为更正后数值，2010-2014年保留当时公布数：两者在四舍五入范围内一致，因此国家统计局序列无法
# 说明2013-2014年虚高多少。请将重算的增长率与"下降近5个百分点"（2014年）和"年均下降33.4%"（2015年）
# 对比：后者是一年的降幅而非年均，且跨越了统计更正。

# %% tags=["article"]
fig = economic_collapse.figure2(L)
_ = plotting.keep(fig, "fig2_revenue", L, caption=t("alt_fig2", L))

# %%
display(fact_table([*economic_collapse.REVENUE_FACTS.values(), "revenue_decline_2014_pct",
                    "revenue_avg_decline_pct"], L))
display(localise(results.revenue.round(2), L))
show(series.note(results.revenue, L))

# %% [markdown]
# ## Figure 3: fixed-asset investment, para 29's levels / 图 3：固定资产投资与第29段数值

# %% [markdown] tags=["lang-en"]
# Para 29 gives three growth rates (2014-2016), two levels "从2443亿元下降到6440亿元" and a
# fall of "74%". The two levels as printed are a *rise*, so one of them has a misplaced digit.
# The growth rates alone imply the same fall whatever the level; two readings are rebuilt from
# them, anchored in `fai_anchor_year`:
# - **Reading A**: "2443" lost a trailing digit; it then reproduces the printed 2016 "6440".
# - **Reading B**: "6440" gained a trailing digit. It would put investment under a tenth of
#   Table 1's GDP (table below), not what an investment-led provincial economy shows: it is
#   drawn as the ruled-out reading.

# %% [markdown] tags=["lang-zh"]
# 第29段给出三个增长率（2014-2016年）、两个数值"从2443亿元下降到6440亿元"及"74%"的降幅。所印两个
# 数值实为*上升*，因此其中一个错了一位。仅凭增长率，无论水平如何降幅都相同；以 `fai_anchor_year`
# 为锚重建两种解读：
# - **解读 A**："2443"漏了末位数字；此时可复现所印2016年的"6440"。
# - **解读 B**："6440"多了末位数字。投资将不足表 1 GDP的十分之一（见下表），与以投资为主的省份
#   经济不符：绘为已排除的解读。

# %%
fai = economic_collapse.fai_readings(anchor_year=fai_anchor_year)
fig = economic_collapse.figure3(fai, fai_anchor_year, L)
_ = plotting.keep(fig, "fig3_fixed_asset_investment", L, caption=t("alt_fig3", L))
display(fact_table([*economic_collapse.FAI_GROWTH_FACTS.values(), economic_collapse.FAI_LEVEL_FROM,
                    economic_collapse.FAI_LEVEL_TO, economic_collapse.FAI_DECLINE], L))
display(localise(economic_collapse.fai_consistency(fai).round(2), L))

# %% [markdown] tags=["article", "lang-en"]
# ## What this section can and cannot show
# - Table 1's 2016 value is the first release after the correction; its 2011-2015 values are
#   as published, before it. On every basis of the split the 2016 nominal fall is (almost)
#   entirely level re-basing; it is not evidence of a collapse of output.
# - What is left once the break is taken out is a slowdown: in the revised vintage Liaoning's
#   real growth fell below both peers' and stayed there to the end of the series. That holds
#   in real growth only, and real growth rests on the deflators implied by the revised
#   back-series, which look implausible in places (2010). The comparison is between official
#   figures of one vintage; it carries no sampling interval, and the revised real series is a
#   later re-estimate, not a measurement made at the time.
# - The revenue series has no corrected 2011-2014 values: the size of their inflation, and so
#   the real part of the 2015 revenue fall, cannot be measured with these data.
# - Only a few annual points exist per series; nothing here is a tested break.
# - Figure 3 depends on which digit of para 29 is wrong; reading B is shown as ruled out.

# %% [markdown] tags=["article", "lang-zh"]
# ## 本节能说明什么、不能说明什么
# - 表 1 的2016年数值是更正后首次发布的数；2011-2015年为更正前的当时公布数。按分解的每一种口径，
#   2016年名义降幅（几乎）全部是水平断点，并非产出崩溃的证据。
# - 去掉断点后剩下的是增长放缓：按修订版本，辽宁实际增长率低于两个邻省并持续到序列末年。这一点仅对
#   实际增长成立，而实际增长依赖修订回溯序列隐含的平减指数，该指数在某些年份（2010年）看来不可信。
#   这一比较是同一版本官方数字之间的比较，没有抽样区间；修订后的实际序列是事后重估，而非当时的测量。
# - 财政收入序列没有2011-2014年更正后的数值：其虚高程度以及2015年财政收入降幅中真实的部分，无法用
#   这些数据衡量。
# - 每个序列只有少数年度数据点；这里没有任何经过检验的断点。
# - 图 3 取决于第29段错的是哪一位数字；解读 B 作为已排除的解读绘出。
