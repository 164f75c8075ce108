# %% [markdown]
# # 01 Economic collapse / 经济结构：辽宁经济指标崩溃
#
# Report section III.A, paragraphs 26-30 (pp. 15-18): Table 1 and Figures 1-3.
# Figures 1-3 survive in the report only as captions (图 1：历史最低经济增长率,
# 图 2：政府收入大幅下跌, 图 3：固定资产投资大幅下跌); this notebook rebuilds each from the numbers
# the report prints, says exactly what it used, and marks every external (non-report) series.

# %% tags=["parameters"]
label_language = "en"
figure_dir = ""  # if set, figures are also saved there as PNG (<name>_<lang>.png)
fai_anchor_year = 2014  # the year para 29's first level ("2443亿元") is read as

# %%
from IPython.display import display

from analysis import data, economic_collapse, plotting
from analysis.growth import growth_rate
from analysis.keyfigures import record
from analysis.labels import caption, t
from analysis.tables import fact_table, localise, printed_table, show

L = label_language
plotting.use_house_style(L)


# %% [markdown]
# ## Table 1 as printed
# Values exactly as the report prints them (billion yuan, Table 1, para 26, p. 15).

# %%
show(f"**{caption('table1', L)}**")
printed_table(data.load("table1_gdp"), L)

# %% [markdown] tags=["article"]
# ## What paragraphs 26-27 say
# Every number of the two paragraphs, with the verbatim quote, paragraph and page.

# %%
para_26_27 = [
    "real_gdp_growth_2016",
    "nominal_gdp_decline_2016_pct",
    "revenue_decline_2015_pct",
    "expenditure_decline_2015_pct",
    "growth_gap_2008_2012_pp",
    "national_gdp_growth_2016",
    "real_gdp_growth_2017",
    "growth_gap_2017_pp",
]
fact_table(para_26_27, L)

# %% [markdown]
# Nominal growth recomputed from Table 1 (percent a year). Para 26's "名义上经济总量下降了23%"
# is the 2016 row.

# %%
nominal_growth = growth_rate(data.load("table1_gdp")["gdp"]).dropna()
record("nominal_gdp_growth_2016_pct", nominal_growth.loc[2016], "percent")  # index: what moved
nominal_growth.round(2).to_frame(t("nominal_gdp_growth", L))

# %% [markdown]
# ### Which GDP vintage? (para 30)
# Para 30 attributes the 2016 fall to undoing the inflated growth reported for 2011-2014.
# Table 1 against the external NBS series (100 million yuan): for 2011-2015 Table 1 is the
# yearbook vintage (differences are rounding only); its 2016 value is a first estimate, below
# the later revised NBS figure. The 2011-2015 levels here are the ones para 30 calls inflated,
# so the nominal fall of 2016 compares a level after the correction with levels before it:
# part of the fall is statistical, and these data cannot say how much.

# %%
localise(economic_collapse.gdp_vintages().round(3), L)

# %% [markdown]
# ## Figure 1: record-low growth
# Rebuilt from: nominal growth of Table 1; Liaoning's real growth from the text (2016 and
# 2017, paras 26-27) and, marked external, from the NBS yearbook (2010-2014); China's real
# growth, external (NBS). No public copy of Liaoning's 2015 real growth was available, so the
# line has a gap there rather than an invented point.

# %% tags=["article"]
fig1 = economic_collapse.growth_figure()
fig, ax = plotting.line_chart(
    fig1,
    lang=L,
    title=caption("fig1", L),
    unit=f"{t('growth_rate', L)} (%)",
    external=["real_gdp_growth_external", "real_gdp_growth_china"],
    source=plotting.figure_source(
        L,
        ["table1_gdp", "liaoning_real_gdp_growth", "china_real_gdp_growth"],
        ["real_gdp_growth_2016", "real_gdp_growth_2017"],
    ),
)
_ = ax.axhline(0, color="#444444", linewidth=0.8)
_ = plotting.keep(fig, figure_dir, "fig1_growth", L)

# %% [markdown]
# Liaoning's real growth minus China's (percentage points), with where Liaoning's value comes
# from. Para 27 says the gap was "3.3个百分点左右" over 2008-2012: the external series starts
# in 2010, so only 2010-2012 can be checked (their mean is shown); and "低于全国平均增速2.7个百分点"
# in 2017.

# %%
gaps = economic_collapse.growth_gap_to_china(fig1)
show(f"Mean gap 2010-2012 (external only): **{gaps.loc[2010:2012, 'gap_pp'].mean():.2f}** pp")
localise(gaps.round(2), L)

# %% [markdown]
# ## Figure 2: government revenue
# Rebuilt from the four levels of para 28 (100 million yuan; the caption's unit line says
# 十亿元, but the text gives 亿元). Growth is recomputed; compare with "下降近5个百分点" (2014) and
# "年均下降33.4%" (2015): the latter is a one-year fall, not an annual average.

# %%
rev = economic_collapse.revenue()
fig, ax = plotting.bar_chart(
    rev["government_revenue"],
    lang=L,
    title=caption("fig2", L),
    unit=t("unit_100m_yuan", L),
    annotate=0,
    source=plotting.figure_source(L, fact_ids=list(economic_collapse.REVENUE_FACTS.values())),
)
display(fact_table([*economic_collapse.REVENUE_FACTS.values(), "revenue_decline_2014_pct",
                    "revenue_avg_decline_pct"], L))
display(localise(rev.round(2), L))
_ = plotting.keep(fig, figure_dir, "fig2_revenue", L)

# %% [markdown]
# ## Figure 3: fixed-asset investment, and para 29's inconsistent levels
# Para 29 gives three growth rates (2014-2016), two levels "从2443亿元下降到6440亿元" and a
# fall of "74%" (table below). The two levels as printed are a *rise*, so
# one of them has a misplaced digit. The growth rates alone imply the same fall whatever the
# level, so they cannot say which; two readings are rebuilt with `level_from_growth`, anchored
# in `fai_anchor_year`:
# - **Reading A**: "2443" lost a trailing digit (ten times larger); it then reproduces the
#   printed 2016 level "6440".
# - **Reading B**: "2443" is right and "6440" gained a trailing digit (ten times smaller).
#
# The ratio to Table 1's GDP tells them apart: reading B would put investment under a tenth
# of GDP, reading A at most of it, as expected of an investment-led provincial economy.

# %%
fai = economic_collapse.fai_readings(anchor_year=fai_anchor_year)
fig, ax = plotting.line_chart(
    fai[["fai_reading_a", "fai_reading_b"]],
    lang=L,
    title=caption("fig3", L),
    unit=t("unit_100m_yuan", L) + " (log)",
    source=plotting.figure_source(
        L, ["table1_gdp"],
        [*economic_collapse.FAI_GROWTH_FACTS.values(), economic_collapse.FAI_LEVEL_FROM],
    ),
)
ax.set_yscale("log")
printed = [data.fact(economic_collapse.FAI_LEVEL_FROM), data.fact(economic_collapse.FAI_LEVEL_TO)]
ax.scatter([fai_anchor_year, int(fai.index.max())], printed, marker="x", s=80, color="black",
           zorder=5, label=t("printed_levels", L))
_ = ax.legend(loc="lower left")
display(fact_table([*economic_collapse.FAI_GROWTH_FACTS.values(), economic_collapse.FAI_LEVEL_FROM,
                    economic_collapse.FAI_LEVEL_TO, economic_collapse.FAI_DECLINE], L))
display(localise(economic_collapse.fai_consistency(fai).round(2), L))
_ = plotting.keep(fig, figure_dir, "fig3_fixed_asset_investment", L)

# %% [markdown]
# ## What this section can and cannot show
# - Table 1 reproduces the nominal fall of 2016 that para 26 cites; the 2016 level is the
#   report's (pre-revision) figure, which differs from the later revised NBS vintage.
# - Only seven annual points of real growth exist here (five external, two from the text), and
#   2015 is missing: the figure shows a path, not a tested break.
# - Figure 3 depends on which digit of para 29 is wrong; both readings are shown.
