# %% [markdown]
# # 01 Economic collapse / 经济结构：辽宁经济指标崩溃
#
# Report section III.A, paragraphs 26-30 (pp. 15-18): Table 1 and Figures 1-3.
# Figures 1-3 survive in the report only as captions (图 1：历史最低经济增长率,
# 图 2：政府收入大幅下跌, 图 3：固定资产投资大幅下跌); this notebook rebuilds each from the numbers
# the report prints, says exactly what it used, and marks every external (non-report) series.
#
# **Vintages.** *As published*: the figures released at the time (the report's vintage);
# *revised*: the NBS 2021 back-series after the 2018 economic census; *correction*: Liaoning's
# own 2016-17 correction of its inflated 2011-2016 figures (Table 1's 2016 value is after it);
# *series break*: a change of measurement between two adjacent years. No series mixes vintages.

# %% tags=["parameters"]
label_language = "en"
figure_dir = ""  # if set, figures are also saved there as PNG (<name>_<lang>.png)
fai_anchor_year = 2014  # the year para 29's first level ("2443亿元") is read as
peer_start, peer_end = 2013, 2017  # window of the peers' average growth

# %%
from IPython.display import display

from analysis import data, economic_collapse, peers, plotting, revisions
from analysis.growth import growth_rate
from analysis.keyfigures import record
from analysis.labels import caption, t
from analysis.tables import fact_table, localise, printed_table, show

L = label_language
plotting.use_house_style(L)

# %% [markdown] tags=["article"]
# **The report** (paras 26-30): Liaoning's economic indicators "collapsed": real GDP growth of
# -2.5 % in 2016 and a nominal fall of 23 % (Table 1), revenue down 33.4 % in 2015 and
# fixed-asset investment down 74 % over 2014-2016; para 30 puts the sudden 2016 fall down to
# undoing the inflated growth reported for 2011-2014.

# %%
nominal_growth = growth_rate(data.load("table1_gdp")["gdp"]).dropna()
split = revisions.fall_2016_split()
revision = revisions.revision_table()
summary = peers.summary(peer_start, peer_end)
rev_growth = peers.growth_table("nominal_revised")
real_rev = peers.growth_table("real_revised")
revenue = revisions.revenue_vintages()
deflators = revisions.deflators()
record("nominal_gdp_growth_2016_pct", nominal_growth.loc[2016], "percent")
for region in revisions.PROVINCES:
    record(f"{region}_gdp_revision_2015_pct", revision.at[2015, region], "percent")
    record(f"{region}_real_growth_{peer_start}_{peer_end}_revised_pct",
           summary.at[region, "real_revised"], "percent")
record("fall_2016_real_growth_revised_pct", split.at["real_growth_pct", "revised_basis"], "percent")
record("fall_2016_deflator_revised_pct", split.at["deflator_pct", "revised_basis"], "percent")
record("fall_2016_rebasing_revised_pct", split.at["level_rebasing_pct", "revised_basis"],
       "percent")
record("fall_2016_rebasing_as_published_pct",
       split.at["level_rebasing_pct", "as_published_basis"], "percent")
record("liaoning_nominal_growth_2016_revised_pct", rev_growth.at[2016, "liaoning"], "percent")

# %% tags=["article"]
shares_of_fall = split.loc["rebasing_share_of_log_change_pct",
                           ["as_published_basis", "revised_basis"]]
lowest = (real_rev.loc[2015:peer_end, list(revisions.PROVINCES)].idxmin(axis=1) == "liaoning")
show(
    f"**What the reproduction finds.** Table 1's 2016 fall of "
    f"**{-nominal_growth.loc[2016]:.1f} %** crosses a series break: 2015 is as published before "
    f"the correction, 2016 after it. Split, on the revised basis: real growth "
    f"{split.at['real_growth_pct', 'revised_basis']:+.1f} %, deflator "
    f"{split.at['deflator_pct', 'revised_basis']:+.1f} %, level re-basing "
    f"**{split.at['level_rebasing_pct', 'revised_basis']:.1f} %**; on the as-published basis "
    f"(para 26's real growth, China's deflator) the re-basing is "
    f"**{split.at['level_rebasing_pct', 'as_published_basis']:.1f} %**. Between "
    f"{shares_of_fall.min():.0f} % and {shares_of_fall.max():.0f} % of the (log) fall is thus "
    f"statistical. In the revised vintage, one measurement throughout, Liaoning's nominal GDP "
    f"grew {rev_growth.at[2016, 'liaoning']:.1f} % in 2016 and its real GDP "
    f"{real_rev.at[2016, 'liaoning']:.1f} %: no fall, but the slowest of the three Northeast "
    f"provinces in {int(lowest.sum())} of the {len(lowest)} years "
    f"{lowest.index.min()}-{lowest.index.max()} "
    f"(real growth {peer_start}-{peer_end}: Liaoning {summary.at['liaoning', 'real_revised']:.1f}"
    f" % a year, Jilin {summary.at['jilin', 'real_revised']:.1f} %, Heilongjiang "
    f"{summary.at['heilongjiang', 'real_revised']:.1f} %). The revision (NBS 2021) cut 2015 GDP "
    f"by {-revision.at[2015, 'liaoning']:.1f} % in Liaoning, {-revision.at[2015, 'jilin']:.1f} %"
    f" in Jilin and {-revision.at[2015, 'heilongjiang']:.1f} % in Heilongjiang: a Northeast-wide "
    f"cut of levels, not Liaoning's alone; Liaoning's as-published 2016 level, already after its "
    f"own correction, was cut by only {-revision.at[2016, 'liaoning']:.1f} %. Revenue "
    f"(Figure 2) has the same break a year earlier: its 2015 fall of "
    f"{-revenue.at[2015, 'nbs_growth_pct']:.1f} % (NBS) mixes a fall with the correction, and "
    f"no corrected 2013-2014 revenue exists to split it."
)

# %% [markdown]
# ## Table 1 as printed
# Values exactly as the report prints them (billion yuan, Table 1, para 26, p. 15).

# %%
show(f"**{caption('table1', L)}**")
printed_table(data.load("table1_gdp"), L)

# %% [markdown]
# ## What paragraphs 26-27 say
# Every number of the two paragraphs, with the verbatim quote, paragraph and page; below it,
# nominal growth recomputed from Table 1 (percent a year; para 26's "名义上经济总量下降了23%"
# is the 2016 row).

# %%
display(fact_table(["real_gdp_growth_2016", "nominal_gdp_decline_2016_pct",
                    "revenue_decline_2015_pct", "expenditure_decline_2015_pct",
                    "growth_gap_2008_2012_pp", "national_gdp_growth_2016",
                    "real_gdp_growth_2017", "growth_gap_2017_pp"], L))
localise(nominal_growth.round(2).to_frame("nominal_gdp_growth"), L)

# %% [markdown]
# ## Which vintage is Table 1, and how large were the revisions?
# Table 1 against Liaoning's two external vintages (100 million yuan): to 2015 it is the
# as-published series (the differences are rounding); its 2016 value is the first release after
# the correction. Below it, the size of the revision (revised over as published, percent) for
# the three Northeast provinces and China.

# %%
display(localise(revisions.table1_against_vintages().round(2) + 0.0, L))  # + 0.0: no "-0.00"
localise(revision.round(1), L)

# %% [markdown]
# The same GDP is the denominator of both dependency ratios (paras 38, 42). Recomputed on
# as-published GDP they reproduce the printed rows; on revised GDP (a sensitivity, not a
# correction) every ratio is higher, since the revised levels are lower, and the paths are alike.

# %%
localise(revisions.dependency_on_revised_gdp().round(2), L)

# %% [markdown] tags=["article"]
# ## The 2016 fall split: real growth, prices, level re-basing
# (1 + nominal change) = (1 + real growth)(1 + deflator)(1 + re-basing). The nominal change is
# Table 1's; the "from" columns name each term's vintage. No as-published provincial deflator
# exists, so the as-published basis borrows China's: that assumes Liaoning's prices moved as
# the nation's (the revised vintage says they rose less, table further below). The two bases
# bracket the answer.

# %% tags=["article"]
localise(split.round(2), L)

# %% [markdown] tags=["article"]
# ## Figure 1: record-low growth
# Rebuilt from: nominal growth of Table 1 and of the revised series (top); Liaoning's real
# growth as published (NBS yearbook 2010-2014, external; the text for 2016-2017) and revised,
# and China's (external, bottom). Nominal and real growth are in separate panels; Table 1's
# 2016 value is drawn as the level re-basing it is. No as-published real growth for 2015 was
# found, so that line has a gap.

# %% tags=["article"]
fig = economic_collapse.figure1(L)
_ = plotting.keep(fig, figure_dir, "fig1_growth", L, caption=t("alt_fig1", L))

# %% [markdown] tags=["article"]
# ## Liaoning beside its Northeast peers
# Growth of Liaoning, Jilin, Heilongjiang and China, one panel per measure and vintage (all
# external). Real growth exists in one vintage for all three provinces only in the revised
# series; China's real growth here is its early-2018 vintage (the external README: later
# revisions move it by up to 0.1 point). Below: average annual growth over the peer window,
# and Liaoning minus each peer (real, revised) with its rank among the three provinces.

# %% tags=["article"]
fig = peers.figure(L)
_ = plotting.keep(fig, figure_dir, "peers_growth", L, caption=t("alt_peers", L))
localise(summary.round(2), L)

# %%
localise(peers.liaoning_gap("real_revised").loc[2010:].round(2), L)

# %% [markdown]
# ## A real view of GDP next to the nominal one
# Real GDP (revised) is the revised 2010 level carried by revised real growth: NBS's own
# constant-price measure, i.e. deflated by Liaoning's implied deflator. The as-published series
# deflated by China's GDP deflator assumes Liaoning's prices moved as the nation's; the table
# below shows that in the revised vintage they did not (implied deflator minus China's, points).
# Deflating does not remove the 2016 break: it is a change of level, not of prices.

# %%
fig = revisions.gdp_levels_figure(L)
_ = plotting.keep(fig, figure_dir, "gdp_levels", L, caption=t("alt_gdp_levels", L))
display(localise(deflators.round(2), L))
below = deflators["difference_pp"] < 0
show(f"Liaoning's implied deflator (revised) was below China's in **{int(below.sum())}** of "
     f"{len(below)} years {deflators.index.min()}-{deflators.index.max()} (median difference "
     f"**{deflators['difference_pp'].median():.1f}** points): deflating Liaoning by China's "
     f"deflator understates its real growth in those years.")

# %% [markdown]
# Liaoning's real growth minus China's (points), on the report's own basis (as published):
# para 27 says "3.3个百分点左右" over 2008-2012, but the as-published Liaoning series starts in
# 2010, so only 2010-2012 can be checked; and "低于全国平均增速2.7个百分点" in 2017.

# %%
gaps = economic_collapse.growth_gap_to_china(economic_collapse.growth_figure())
show(f"Mean gap 2010-2012 (as published, external): "
     f"**{gaps.loc[2010:2012, 'gap_pp'].mean():.2f}** pp")
localise(gaps.round(2), L)

# %% [markdown] tags=["article"]
# ## Figure 2: government revenue
# The four levels of para 28 (100 million yuan; the caption's unit line says 十亿元, but the
# text gives 亿元) beside the NBS series (external), which is corrected from 2015 on and keeps
# the 2010-2014 values as published: they agree within rounding, so the NBS series cannot tell
# how much 2013-2014 were inflated. Compare the recomputed growth with "下降近5个百分点" (2014)
# and "年均下降33.4%" (2015): the latter is a one-year fall, not an annual average.

# %% tags=["article"]
fig = economic_collapse.figure2(L)
_ = plotting.keep(fig, figure_dir, "fig2_revenue", L, caption=t("alt_fig2", L))

# %%
display(fact_table([*economic_collapse.REVENUE_FACTS.values(), "revenue_decline_2014_pct",
                    "revenue_avg_decline_pct"], L))
localise(revenue.round(2), L)

# %% [markdown]
# ## Figure 3: fixed-asset investment, and para 29's inconsistent levels
# Para 29 gives three growth rates (2014-2016), two levels "从2443亿元下降到6440亿元" and a
# fall of "74%". The two levels as printed are a *rise*, so one of them has a misplaced digit.
# The growth rates alone imply the same fall whatever the level; two readings are rebuilt with
# `level_from_growth`, anchored in `fai_anchor_year`:
# - **Reading A**: "2443" lost a trailing digit; it then reproduces the printed 2016 "6440".
# - **Reading B**: "6440" gained a trailing digit. It would put investment under a tenth of
#   Table 1's GDP (table below), not what an investment-led provincial economy shows: it is
#   drawn as the ruled-out reading.

# %%
fai = economic_collapse.fai_readings(anchor_year=fai_anchor_year)
fig = economic_collapse.figure3(fai, fai_anchor_year, L)
_ = plotting.keep(fig, figure_dir, "fig3_fixed_asset_investment", L, caption=t("alt_fig3", L))
display(fact_table([*economic_collapse.FAI_GROWTH_FACTS.values(), economic_collapse.FAI_LEVEL_FROM,
                    economic_collapse.FAI_LEVEL_TO, economic_collapse.FAI_DECLINE], L))
localise(economic_collapse.fai_consistency(fai).round(2), L)

# %% [markdown] tags=["article"]
# ## What this section can and cannot show
# - Table 1's 2016 value is the first release after the correction; its 2011-2015 values are
#   as published, before it. On either basis of the split the 2016 nominal fall is (almost)
#   entirely level re-basing; it is not evidence of a collapse of output.
# - What is left once the break is taken out is a slowdown: in the revised vintage Liaoning's
#   real growth fell below both peers' and stayed there to the end of the series (years in the
#   findings above). That comparison is between official figures of one vintage; it carries no
#   sampling interval, and the revised real series is a later re-estimate, not a measurement
#   made at the time.
# - The revenue series has no corrected 2011-2014 values: the size of their inflation, and so
#   the real part of the 2015 revenue fall, cannot be measured with these data.
# - Only a few annual points exist per series; nothing here is a tested break.
# - Figure 3 depends on which digit of para 29 is wrong; reading B is shown as ruled out.
