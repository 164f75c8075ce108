# %% [markdown]
# # 04 FDI drop / 辽宁外商直接投资下降
#
# Report chapter II section B (B. 国（境）内外商直接投资, paragraphs 10-12), chapter III section
# B.2 "Foreign direct investment in Liaoning" (2. 辽宁省外商直接投资, paragraphs 42-44) and
# section C.4 (paragraph 48); the untitled FDI table and Figure 5.
#
# What this notebook does: it reproduces the FDI table as printed and redraws Figure 5 from it;
# recomputes the growth, the compound annual growth and the FDI dependency the text describes
# and sets each number of the text beside its recomputation; then measures the 2014-2015 values
# against the trend of the fit window with prediction intervals and a break test; and shows the
# composition of FDI by sector (2014 shares, 2015 values) and by source.
#
# Small-sample warning: the table has **ten annual points**; the trend is fitted on eight.
# Intervals assume independent normal deviations from a straight line in logs, which eight
# points cannot check.

# %% tags=["parameters"]
label_language = "en"  # "en" or "zh": language of figure and table labels
trend_start = 2006  # first year of the trend fit window (paragraph 42's "2006年至2013年")
trend_end = 2013  # last year of the trend fit window
break_year = 2014  # year tested for a structural break
placebo_min_pre = 3  # fewest years before a placebo break window
sensitivity_starts = [2008, 2010]  # later fit-window starts for the sensitivity check
figure_dir = ""  # if set, figures are also saved there as PNG

# %%

import pandas as pd
from IPython.display import Markdown, display

from analysis import data, trade, trend
from analysis.growth import cagr_series, growth_rate
from analysis.keyfigures import record
from analysis.labels import caption
from analysis.plotting import PALETTE, bar_chart, figure_source, keep, use_house_style
from analysis.rounding import Interval
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

fdi = data.load("table_fdi")
t3 = data.load("table3_foreign_trade")
f = data.fact
usd = "100 million USD"


# %% [markdown]
# ## 1. The FDI table as printed / 外商直接投资表（原样）
#
# Exactly as printed (the table itself prints no unit; Figure 5 below it gives 亿美元, 100 million
# USD). Its GDP row is Table 3's GDP row; the check below confirms they are the same numbers, and
# that the printed FDI dependency is FDI over GDP within the rounding of its two decimals.

# %%
display(Markdown(f"**{caption('table_fdi', lang)}**"))
display(printed_table(fdi, lang))
print(figure_source(lang, ["table_fdi"]))

# %%
same_gdp = fdi["gdp_usd"].equals(t3.loc[fdi.index, "gdp_usd"])
print(f"GDP row = Table 3 GDP row: {same_gdp}")
display(localise(trade.recompute_ratio(fdi, "fdi", "gdp_usd", "fdi_dependency"), lang))
print(figure_source(lang, ["table_fdi", "table3_foreign_trade"]))

# %% [markdown]
# ## 2. Figure 5 / 图 5：2006 - 2015 年辽宁外商直接投资下降
#
# The report's Figure 5 survives only as a caption; redrawn from the table: FDI as bars (left
# axis), FDI dependency as a line (right axis).

# %% tags=["article"]
fig, ax = bar_chart(
    fdi[["fdi"]],
    lang=lang,
    title=caption("fig5", lang),
    unit=f"{label('fdi', lang)} ({unit_label(usd, lang)})",
    source=figure_source(lang, ["table_fdi"]),
    annotate=2,
)
ax2 = ax.twinx()
ax2.plot(range(len(fdi)), fdi["fdi_dependency"], color=PALETTE[3], marker="o",
         label=label("fdi_dependency", lang))
ax2.set_ylabel(f"{label('fdi_dependency', lang)} ({unit_label('percent', lang)})")
ax2.set_ylim(bottom=0)
ax2.grid(False)
ax2.spines["right"].set_visible(True)
handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
ax.legend(handles, [h.get_label() for h in handles], loc="upper left")
keep(fig, figure_dir, "fig5_fdi", lang)

# %% [markdown]
# ## 3. Growth, CAGR and what paragraph 42 says / 增长率与第42段
#
# Year-on-year growth from the table, then the compound annual growth rate (CAGR) over the fit
# window and the trend growth of a log-linear fit with its 95 % confidence interval. Paragraph 42
# gives an average annual growth ("年均增长…左右") and a multiple ("七年来增长近…倍"); "增长N倍"
# can mean "became N times" or "grew by N times", so both readings are shown.

# %%
display(growth_rate(fdi["fdi"]).to_frame(label("growth_rate", lang) + " (%)").T)
cagr = cagr_series(fdi["fdi"], trend_start, trend_end)
fits = trend.fit_table(fdi, ["fdi"], trend_start, trend_end)
display(localise(fits, lang))
mult = trade.multiple(fdi.loc[trend_start, "fdi"], fdi.loc[trend_end, "fdi"])
display(text_vs_computed({
    "fdi_avg_growth_2006_2013_pct": cagr,
    "fdi_2006_text": fdi.loc[trend_start, "fdi"],
    "fdi_2013_text": fdi.loc[trend_end, "fdi"],
    "fdi_multiple_2006_2013": mult["ratio"],
}, lang))
print(f"CAGR {trend_start}-{trend_end}: {cagr:.1f} %; "
      f"{trend_end}/{trend_start} = {mult['ratio']:.2f} (became {mult['ratio']:.2f} times, "
      f"grew by {mult['increase']:.2f} times)")
print(figure_source(lang, ["table_fdi"], ["fdi_avg_growth_2006_2013_pct"]))

# %% [markdown]
# The text's 2013 level is not the table's, and "about 20 %" understates both the CAGR and the
# trend growth, whose confidence interval (above) is the honest range. The dependency range the
# text gives for the same years, and its 2014-2015 figures:

# %%
window = fdi.loc[trend_start:trend_end, "fdi_dependency"]
last, prev = int(fdi.index.max()), int(fdi.index.max()) - 1
display(text_vs_computed({
    "fdi_dependency_range_low": window.min(),
    "fdi_dependency_range_high": window.max(),
    "fdi_2014_text": fdi.loc[prev, "fdi"],
    "fdi_2015_text_para42": fdi.loc[last, "fdi"],
    "fdi_2015_text": fdi.loc[last, "fdi"],
    "fdi_dependency_2015_text": fdi.loc[last, "fdi_dependency"],
    "fdi_decline_2015_pct": -growth_rate(fdi["fdi"]).loc[last],
}, lang))

# %% [markdown]
# Paragraph 10 gives the 2015 level (the table's, rounded) with a fall whose size is far from the
# table's. The previous-year level that paragraph 10's fall would imply:

# %%
implied_2014 = trade.level_before_change(f("fdi_2015_text"), -f("fdi_decline_2015_pct"))
print(f"{label('fdi', lang)} {prev} implied by para 10: {implied_2014:.1f} {unit_label(usd, lang)}"
      f" ({label('printed', lang)}: {fdi.loc[prev, 'fdi']:.2f})")
print(figure_source(lang, fact_ids=["fdi_2015_text", "fdi_decline_2015_pct"]))

# %% [markdown]
# ## 4. The fall against the trend / 与趋势相比
#
# Log-linear trend fitted on the fit window, extended to the following years with its 95 %
# prediction interval (PI): where a single year would fall if the earlier pattern had continued.

# %%
short = trend.shortfall_table(fdi, ["fdi"], trend_start, trend_end)
display(localise(short, lang))
# key figure: the reports index shows when a new version moves it
last_year = int(short.index.get_level_values("year").max())
record(f"fdi_vs_trend_{last_year}_pct", short.loc[("fdi", last_year), "gap_pct"], "percent")

# %%
fit = trend.fit_log_linear_trend(fdi["fdi"], trend_start, trend_end)
fig, ax = trend_chart(
    fdi["fdi"],
    fit,
    lang=lang,
    title=f"{label('fdi', lang)}: {label('actual', lang)} / {label('trend', lang)}",
    unit=unit_label(usd, lang),
    source=figure_source(lang, ["table_fdi"]),
)
keep(fig, figure_dir, "fdi_trend", lang)

# %% [markdown]
# Sensitivity to the fit window. FDI growth was slowing inside the window (see the growth rates in
# section 3), and a straight line in logs assumes it was constant, so the early years pull the
# trend up. Fitting from later starts (parameter `sensitivity_starts`) shows which part of the
# shortfall survives: compare the "inside 95 % PI" column across starts.

# %%
sens = trend.window_sensitivity(fdi["fdi"], [trend_start, *sensitivity_starts], trend_end)
display(localise(sens, lang))
print(figure_source(lang, ["table_fdi"]))

# %% [markdown]
# Break test at `break_year` (Chow; statsmodels OLS with intercept and slope dummies, F test) and
# its rank among placebo windows of the same length earlier in the series. What ten points can
# support: six residual degrees of freedom, a break year chosen after seeing the data, and no way
# to check independence; the test can say the last years are far off the earlier line, not why.
# The 2015 value is so far below the path (and below every earlier year but the first) that the
# conclusion does not hinge on the test's assumptions; whether it is a lasting change or a
# one-year statistical event (the report's own text gives conflicting figures, above) it cannot say.

# %%
breaks = trend.chow_table(fdi, ["fdi"], break_year, min_pre=placebo_min_pre)
display(localise(breaks, lang))
display(localise(trend.placebo_breaks(fdi["fdi"], n_post=int(breaks.loc["fdi", "n_post"]),
                             min_pre=placebo_min_pre), lang))
print(figure_source(lang, ["table_fdi"]))

# %% [markdown]
# ## 5. FDI by sector / 外商直接投资行业分布
#
# Paragraph 43 gives 2014 shares; paragraphs 10-11 give 2015 amounts (some in 万美元, converted
# to 100 million USD here). The 2015 shares are computed from those amounts, over the three sectors'
# sum. Paragraph 43 gives no 2014 primary share; the remainder of the two it gives is shown, to be
# compared with the share paragraph 48 states for agriculture ("农业、林业、畜牧业投资比重最小").

# %%
sector_2015 = {"primary_share": "fdi_primary_2015", "secondary_share": "fdi_secondary_2015",
               "tertiary_share": "fdi_tertiary_2015"}
industry_2015 = {"manufacturing": "fdi_manufacturing_2015", "real_estate": "fdi_real_estate_2015",
                 "transport": "fdi_transport_2015", "it_software": "fdi_it_2015",
                 "leasing_business": "fdi_leasing_2015"}
sector_2014 = {"secondary_share": "fdi_share_secondary_2014",
               "tertiary_share": "fdi_share_tertiary_2014"}
industry_2014 = {"manufacturing": "fdi_share_manufacturing_2014",
                 "real_estate": "fdi_share_real_estate_2014",
                 "transport": "fdi_share_transport_2014", "it_software": "fdi_share_it_2014",
                 "leasing_business": "fdi_share_leasing_2014"}
all_ids = [*sector_2015.values(), *industry_2015.values(), *sector_2014.values(),
           *industry_2014.values(), "fdi_share_agriculture", "fdi_share_manufacturing_real_estate"]
display(fact_table(all_ids, lang))

# %%
facts = data.facts()
amount_2015 = pd.Series({k: trade.to_unit(f(v), facts.at[v, "unit"], usd)
                         for k, v in {**sector_2015, **industry_2015}.items()})
sector_total_2015 = amount_2015[list(sector_2015)].sum()
share_2015 = trade.shares_of(amount_2015, total=sector_total_2015)
share_2014 = trade.with_other(pd.Series({k: f(v) for k, v in sector_2014.items()}),
                              name="primary_share")
share_2014 = pd.concat([share_2014, pd.Series({k: f(v) for k, v in industry_2014.items()})])
by_sector = pd.DataFrame({
    f"{label('share_of_fdi', lang)} 2014 (%)": share_2014,
    f"{label('fdi', lang)} 2015 ({unit_label(usd, lang)})": amount_2015,
    f"{label('share_of_fdi', lang)} 2015 (%)": share_2015,
}).loc[list(amount_2015.index)]
display(localise(by_sector, lang))
print(f"{label('fdi', lang)} 2015, sum of sectors: {sector_total_2015:.2f}; "
      f"{label('printed', lang)} ({caption('table_fdi', lang)}): {fdi.loc[last, 'fdi']:.2f}")
print(figure_source(lang, ["table_fdi"], all_ids))

# %%
fig, ax = bar_chart(
    by_sector[[c for c in by_sector.columns if c.endswith("(%)")]],
    lang=lang,
    title=label("fdi_by_sector", lang),
    unit=f"{label('share_of_fdi', lang)} ({unit_label('percent', lang)})",
    source=figure_source(lang, fact_ids=all_ids),
    xlabel="",
    annotate=1,
)
ax.set_xticks(range(len(by_sector)), [label(k, lang) for k in by_sector.index],
              rotation=20, ha="right")
keep(fig, figure_dir, "fdi_by_sector", lang)

# %% [markdown]
# Paragraph 48's share of manufacturing and real estate ("制造业和房地产行业占到近…"), recomputed
# for both years:

# %%
display(text_vs_computed({
    "fdi_share_manufacturing_real_estate":
        share_2014[["manufacturing", "real_estate"]].sum(),
    "fdi_share_agriculture": share_2014["primary_share"],
}, lang))
print(f"2015: {share_2015[['manufacturing', 'real_estate']].sum():.1f} %")

# %% [markdown]
# ## 6. FDI by source / 外商直接投资来源
#
# Paragraph 44 gives rounded shares ("左右", a range for Japan and Korea). What is left for all
# other sources follows by interval arithmetic over those statements (taken at face value;
# "左右" would widen it further).

# %%
source_ids = ["fdi_source_hong_kong_share", "fdi_source_japan_korea_share_low",
              "fdi_source_japan_korea_share_high", "fdi_source_us_sg_tw_share"]
display(fact_table(source_ids, lang))
japan_korea = Interval(f("fdi_source_japan_korea_share_low"),
                       f("fdi_source_japan_korea_share_high"))
rest = trade.remainder([f("fdi_source_hong_kong_share"), japan_korea,
                        f("fdi_source_us_sg_tw_share")])
print(f"{label('other', lang)}: {rest.lo:g}-{rest.hi:g} %")
print(figure_source(lang, fact_ids=source_ids))

# %% [markdown]
# ## 7. The two large cities' FDI / 大连和沈阳的外商投资
#
# Paragraph 47 says Dalian and Shenyang took a share of Liaoning's FDI in 2014; applied to the
# table's 2014 FDI, with the Dalian FDI implied by paragraph 47's Fuxin-and-Chaoyang sentence:

# %%
two_cities = trade.amount_from_share(fdi.loc[prev, "fdi"], f("dalian_shenyang_fdi_share_2014"))
dalian = trade.whole_from_share(f("fuxin_chaoyang_fdi_2014"),
                                f("fuxin_chaoyang_fdi_share_of_dalian"))
display(localise(pd.Series({
    "dalian_plus_shenyang_fdi_2014": two_cities,
    "dalian_fdi_implied_2014": dalian,
    "shenyang_fdi_implied_2014": two_cities - dalian,
}).to_frame(f"{label('recomputed', lang)} ({unit_label(usd, lang)})"), lang))
print(figure_source(lang, ["table_fdi"],
                    ["dalian_shenyang_fdi_share_2014", "fuxin_chaoyang_fdi_2014"]))
