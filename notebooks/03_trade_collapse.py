# %% [markdown]
# # 03 Trade collapse / 辽宁对外贸易下滑
#
# Report chapter III, section B.1 "Liaoning's trade" (1. 辽宁贸易往来) and section C "Managing
# trade and investment" (C. 管理外贸与投资), paragraphs 34-47, Table 3 and Figure 4.
#
# What this notebook does: it reproduces Table 3 and the Japan/Korea/Russia table exactly as
# printed, redraws Figure 4 from Table 3, checks the growth rates the text gives against the
# table, splits the 2009 and 2015 falls into export and import contributions, and then does what
# the report did not: it fits a trend to the years before the fall, measures how far below that
# trend trade ended up, with prediction intervals, and tests for a break. Every number shown is
# computed from `data/` and cited (table, paragraph, page); external series are marked.
#
# Small-sample warning: Table 3 has **ten annual points** (eight before the break). Every interval
# and test below assumes independent, normally distributed deviations from a straight line in
# logs; eight points cannot check that, so treat the intervals as optimistic.

# %% tags=["parameters"]
label_language = "en"  # "en" or "zh": language of figure and table labels
trend_start = 2006  # first year of the trend fit window
trend_end = 2013  # last year of the trend fit window (before the fall)
break_year = 2014  # year tested for a structural break
fall_years = [2009, 2015]  # the two falls paragraphs 35-37 discuss
city_year = 2014  # year of paragraph 47's city figures
placebo_min_pre = 3  # fewest years before a placebo break window
sensitivity_starts = [2008, 2010]  # later fit-window starts for the sensitivity check
figure_dir = ""  # if set, figures are also saved there as PNG

# %%

import pandas as pd
from IPython.display import Markdown, display

from analysis import data, trade, trend
from analysis.keyfigures import record
from analysis.labels import caption
from analysis.plotting import bar_chart, figure_source, keep, line_chart, use_house_style
from analysis.tables import (
    fact_table,
    label,
    localise,
    printed_table,
    text_vs_computed,
    unit_label,
)
from analysis.trendplot import trend_chart

lang = label_language
use_house_style(lang)
pd.set_option("display.precision", 2)
pd.set_option("display.max_colwidth", 60)

t3 = data.load("table3_foreign_trade")
partners = data.load("table_partner_trade")
cny_usd = data.load("cny_usd")["cny_per_usd"]
flows = ["exports", "imports", "total_trade"]


# %% [markdown]
# ## 1. Table 3 as printed / 表 3（原样）
#
# Values exactly as the report prints them (same decimals). Unit: 100 million USD (亿美元) for
# flows and GDP; percent for the dependency rows. The report's source: 2016辽宁省年鉴.

# %%
display(Markdown(f"**{caption('table3', lang)}**"))
display(printed_table(t3, lang))
print(figure_source(lang, ["table3_foreign_trade"]))

# %% [markdown]
# Do the printed dependency rows follow from the printed flows? Liaoning's trade dependency is
# total trade over GDP (both rows of Table 3); the differences below are within the rounding of
# the printed percentages (half a unit of the last digit).

# %%
display(localise(trade.recompute_ratio(t3, "total_trade", "gdp_usd", "trade_dependency"), lang))
print(figure_source(lang, ["table3_foreign_trade"]))

# %% [markdown]
# ## 2. Figure 4: trade dependency, Liaoning against China
# ## 图 4：辽宁对外贸易依存度与全国平均水平对比
#
# Both lines are Table 3's dependency rows (the report's Figure 4 survives only as a caption and
# source line, "2016辽宁省年鉴, 国家统计局"). Paragraph 38 states Liaoning's dependency in 2006
# and 2015 and a range, paragraph 45 a range for the gap to the national level; the table below
# sets each number of the text beside the value recomputed from Table 3.

# %% tags=["article"]
fig, ax = line_chart(
    t3[["trade_dependency", "trade_dependency_china"]],
    lang=lang,
    title=caption("fig4", lang),
    unit=f"{label('share_of_gdp', lang)} ({unit_label('percent', lang)})",
    source=figure_source(lang, ["table3_foreign_trade"]),
)
keep(fig, figure_dir, "fig4_trade_dependency", lang)

# %%
gap = (t3["trade_dependency_china"] - t3["trade_dependency"]).rename("dependency_gap")
gap_header = f"{label('dependency_gap', lang)} ({unit_label('percentage points', lang)})"
display(gap.to_frame(gap_header).T)
display(text_vs_computed({
    "trade_dependency_2006_text": t3.loc[t3.index.min(), "trade_dependency"],
    "trade_dependency_2015_text": t3.loc[t3.index.max(), "trade_dependency"],
    "trade_dependency_range_low": t3["trade_dependency"].min(),
    "trade_dependency_range_high": t3["trade_dependency"].max(),
    "trade_dependency_gap_low": gap.min(),
    "trade_dependency_gap_high": gap.max(),
}, lang))

# %% [markdown]
# Reading: paragraph 38's range ("一直在…至…") does not describe Liaoning's own dependency (the
# "recomputed" rows give its actual range over the table); read as the *gap* to the national
# level (paragraph 45), it holds only in some years (counted below), and the gap is in percentage
# points, not percent.

# %%
lo, hi = data.fact("trade_dependency_gap_low"), data.fact("trade_dependency_gap_high")
inside = gap[(gap >= lo) & (gap <= hi)]
print(f"{label('dependency_gap', lang)}: {len(inside)} / {len(gap)} "
      f"{label('year', lang)} in [{lo:g}, {hi:g}]: {list(inside.index)}")

# %% [markdown]
# ## 3. The 2009 and 2015 falls / 2009年和2015年的下滑
#
# Paragraphs 36-37 give the falls in percent (printed as positive "下降" values); below they are set
# against the growth rates recomputed from Table 3 (negative = fall). Then each fall in total trade
# is split into the contributions of exports and imports, in percentage points:
# contribution = change in the flow / previous year's total trade.

# %%
falls = trade.fall_decomposition(t3)
display(text_vs_computed({
    f"export_decline_{y}_pct": -falls.loc[y, "exports_growth"] for y in fall_years
} | {
    f"import_decline_{y}_pct": -falls.loc[y, "imports_growth"] for y in fall_years
} | {
    f"trade_decline_{y}_pct": -falls.loc[y, "total_trade_growth"] for y in fall_years
}, lang))

# %%
display(localise(falls.loc[fall_years], lang))
print(figure_source(lang, ["table3_foreign_trade"]))

# %% [markdown]
# Both falls were export-led in 2009 and shared in 2015: the contributions below show every year,
# so the two falls can be compared with the normal years. The black marks are total-trade growth;
# the two bars add up to it up to the rounding of the printed rows.

# %%
contrib = falls[["exports_contribution", "imports_contribution"]].rename(
    columns={"exports_contribution": "exports", "imports_contribution": "imports"})
fig, ax = bar_chart(
    contrib,
    lang=lang,
    title=f"{label('contribution', lang)}: {label('total_trade', lang)}",
    unit=unit_label("percentage points", lang),
    source=figure_source(lang, ["table3_foreign_trade"]),
)
ax.plot(range(len(falls)), falls["total_trade_growth"], linestyle="none", marker="_",
        markersize=18, markeredgewidth=3, color="black", label=label("total_trade_growth", lang))
ax.legend(loc="lower left")
keep(fig, figure_dir, "trade_contributions", lang)

# %% [markdown]
# ## 4. How far below trend? / 与趋势相比下降多少？
#
# A straight line is fitted to the logarithm of each flow over the fit window (parameters
# `trend_start`-`trend_end`), giving a constant annual growth rate with its 95 % confidence
# interval. The window includes the 2009 dip, which widens the intervals; that is deliberate (it
# is part of the normal variation of the series). The fitted line is then extended to the years
# after the window: the prediction interval (PI) is where a single year's value would fall 95 % of
# the time if the pre-break pattern had simply continued.

# %%
display(localise(trend.fit_table(t3, flows, trend_start, trend_end), lang))

# %%
short = trend.shortfall_table(t3, flows, trend_start, trend_end)
display(localise(short, lang))
print(figure_source(lang, ["table3_foreign_trade"]))
# key figures: the reports index shows when a new version moves them
last_year = int(short.index.get_level_values("year").max())
for flow in flows:
    record(f"{flow}_vs_trend_{last_year}_pct", short.loc[(flow, last_year), "gap_pct"], "percent")

# %%
fit_total = trend.fit_log_linear_trend(t3["total_trade"], trend_start, trend_end)
fig, ax = trend_chart(
    t3["total_trade"],
    fit_total,
    lang=lang,
    title=f"{label('total_trade', lang)}: {label('actual', lang)} / {label('trend', lang)}",
    unit=unit_label("100 million USD", lang),
    source=figure_source(lang, ["table3_foreign_trade"]),
)
keep(fig, figure_dir, "trade_trend", lang)

# %% [markdown]
# Sensitivity to the fit window: trade growth slowed after 2010, and a straight line in logs
# assumes constant growth. The same shortfall for total trade with later window starts
# (parameter `sensitivity_starts`), fewer points and so wider intervals:

# %%
sens = trend.window_sensitivity(t3["total_trade"], [trend_start, *sensitivity_starts], trend_end)
display(localise(sens, lang))
print(figure_source(lang, ["table3_foreign_trade"]))

# %% [markdown]
# ## 5. A structural break at `break_year`? / 结构性断点检验
#
# Chow test (statsmodels OLS with an intercept and a slope dummy from `break_year` on, F test that
# both are zero; with only two post-break years this equals Chow's predictive test). Then a
# small-sample check that does not lean on the F distribution alone: the same test is run on
# every window of as many consecutive years earlier in the series (placebo breaks), and the real
# break is ranked among them by p-value (rank 1 = most extreme).
#
# What ten annual points can support: the test has 6 residual degrees of freedom; the break year
# was chosen after looking at the data, which makes the nominal p-value too small; and errors in
# annual trade are rarely independent. A small p-value says 2014-2015 lie far off the 2006-2013
# path. It cannot say why (the report's own reasons in paragraph 37 are one candidate, the 2009
# crisis shows that large one-off dips happen), nor that the change is permanent; two post-break
# years cannot separate a lower level from a lower growth rate.

# %%
breaks = trend.chow_table(t3, flows, break_year, min_pre=placebo_min_pre)
display(localise(breaks, lang))

# %%
placebo = trend.placebo_breaks(t3["total_trade"], n_post=int(breaks.loc["total_trade", "n_post"]),
                               min_pre=placebo_min_pre)
display(localise(placebo, lang))
print(figure_source(lang, ["table3_foreign_trade"]))

# %% [markdown]
# ## 6. Trade with Japan, Korea and Russia / 辽宁省与日本，韩国，俄罗斯进出口额
#
# The untitled table after paragraph 41, as printed (100 million yuan, 亿元; source 大连海关).

# %%
display(Markdown(f"**{caption('table_partner_trade', lang)}**"))
display(printed_table(partners, lang))
print(figure_source(lang, ["table_partner_trade"]))

# %% [markdown]
# Shares: exports and imports in each partner's total, and each partner's weight among the three.

# %%
display(localise(trade.partner_shares(partners), lang))
print(figure_source(lang, ["table_partner_trade"]))

# %% [markdown]
# Share of Liaoning's trade. The partner table is in yuan, Table 3 in dollars; partner values are
# converted with the annual-average CNY/USD rate, an **external series** (IMF representative
# rate; not in the report). Only the years present in both tables can be compared.

# %%
display(localise(trade.partner_share_of_liaoning(partners, t3, cny_usd), lang))
print(figure_source(lang, ["table_partner_trade", "table3_foreign_trade", "cny_usd"]))

# %% [markdown]
# Paragraph 41 gives the three partners' 2016 exports and imports and their shares of Liaoning's
# totals. The sums recomputed from the partner table:

# %%
last = int(partners.index.get_level_values("year").max())
three = partners.xs(last, level="year")[["exports", "imports"]].sum()
display(text_vs_computed({
    f"partner_exports_{last}": three["exports"],
    f"partner_imports_{last}": three["imports"],
}, lang))
display(fact_table([f"partner_export_share_{last}", f"partner_import_share_{last}"], lang))

# %% [markdown]
# ## 7. What Liaoning exports and imports / 出口与进口商品构成
#
# Paragraphs 39-40 give the shares of four product groups each in 2015 (not the same four: steel is
# given only for exports, crude oil only for imports; a missing bar means "not stated", not zero);
# "other" is the remainder of the whole.

# %% tags=["article"]
export_ids = {"mechanical_electrical": "export_share_machinery_electrical_2015",
              "steel": "export_share_steel_2015",
              "agricultural": "export_share_agricultural_2015",
              "high_tech": "export_share_high_tech_2015"}
import_ids = {"mechanical_electrical": "import_share_machinery_electrical_2015",
              "crude_oil": "import_share_crude_oil_2015",
              "agricultural": "import_share_agricultural_2015",
              "high_tech": "import_share_high_tech_2015"}
display(fact_table(list(export_ids.values()) + list(import_ids.values()), lang))

# %%
exp_shares = trade.with_other(pd.Series({k: data.fact(v) for k, v in export_ids.items()}))
imp_shares = trade.with_other(pd.Series({k: data.fact(v) for k, v in import_ids.items()}))
products = list(dict.fromkeys([*export_ids, *import_ids, "other"]))
composition = pd.DataFrame({"share_of_exports": exp_shares, "share_of_imports": imp_shares})
composition = composition.loc[products]
fig, ax = bar_chart(
    composition,
    lang=lang,
    title=f"{label('export_composition', lang)}; {label('import_composition', lang)}",
    unit=unit_label("percent", lang),
    source=figure_source(lang, fact_ids=list(export_ids.values()) + list(import_ids.values())),
    xlabel="",
    annotate=1,
)
ax.set_xticks(range(len(composition)), [label(k, lang) for k in composition.index],
              rotation=15, ha="right")
keep(fig, figure_dir, "trade_composition", lang)

# %% [markdown]
# ## 8. Imbalance between cities / 城市间贸易额不平衡
#
# Paragraph 47's figures for Dalian, Shenyang and Fuxin (`city_year`), the ratios the text states
# recomputed from its own numbers, and the two large cities' weight in Liaoning's total trade
# (Table 3, same year and unit).

# %%
city_ids = ["dalian_trade_2014", "shenyang_trade_2014", "fuxin_trade_2014",
            "dalian_shenyang_fdi_share_2014", "fuxin_chaoyang_fdi_2014"]
display(fact_table(city_ids, lang))

# %%
f = data.fact
display(text_vs_computed({
    "fuxin_trade_share_of_dalian": trade.pct_of(f("fuxin_trade_2014"), f("dalian_trade_2014")),
}, lang))
liaoning_total = t3.loc[city_year, "total_trade"]
city_rows = pd.Series({
    "dalian_share_of_liaoning_trade_pct": trade.pct_of(f("dalian_trade_2014"), liaoning_total),
    "dalian_shenyang_share_of_liaoning_trade_pct": trade.pct_of(
        f("dalian_trade_2014") + f("shenyang_trade_2014"), liaoning_total),
    "dalian_fdi_implied_by_fuxin_chaoyang_share_100m_usd": trade.whole_from_share(
        f("fuxin_chaoyang_fdi_2014"), f("fuxin_chaoyang_fdi_share_of_dalian")),
})
display(localise(city_rows.to_frame(label("recomputed", lang)), lang))
print(figure_source(lang, ["table3_foreign_trade"], city_ids))

# %% [markdown]
# Reading: Dalian and Shenyang together account for most of Liaoning's trade in Table 3's terms,
# and Fuxin's trade is a fraction of a percent of Dalian's, as the text says. The last row is the
# Dalian FDI that paragraph 47's Fuxin-and-Chaoyang sentence implies (their FDI divided by their
# stated share of Dalian's); paragraph 47 gives no Dalian FDI figure to check it against.
