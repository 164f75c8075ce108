# %% [markdown]
# # 04 FDI drop / 辽宁外商直接投资下降
#
# Report chapter II.B (paragraphs 10-12), chapter III.B.2 (paragraphs 42-44) and III.C.4
# (paragraph 48); the untitled FDI table and Figure 5. The table has **ten annual points**; the
# trend is fitted on eight. China's FDI (MOFCOM "actually utilised", the report's concept) and
# GDP are **external** and marked so; the balance-of-payments FDI concept is not used.
#
# The table's last year is a **series break**: paragraph 10 gives nearly the same level with a
# fall that implies a previous year far below the table's (section 3). The earlier years read as
# the series inflated before Liaoning's 2016-17 correction (their size is checked below). A
# change of measurement shifts the level for good; it is not growth, so the last year is kept out
# of the trend fit and of the break test.

# %% [markdown] tags=["article"]
# **The report** (paras 10, 42): FDI grew about 20 % a year from 2006 to 2013, then fell
# sharply; in 2015 it dropped from 274亿美元 to 52亿美元 (paragraph 10: to 51.9亿美元, down
# 34.4 %), "even below the level of ten years before", and FDI dependency fell to 1.12 %.

# %% tags=["parameters"]
label_language = "en"  # "en" or "zh": language of figure and table labels
trend_start = 2006  # first year of the trend fit window (paragraph 42's "2006年至2013年")
trend_end = 2013  # last year of the trend fit window
break_year = 2014  # year tested for a structural break
placebo_pre_years = 4  # years fitted before every placebo window (same df for all windows)
sensitivity_starts = [2008, 2010]  # later fit-window starts for the sensitivity check
figure_dir = ""  # if set, figures are also saved there as PNG

# %%
from analysis import benchmarks, data, trend
from analysis import fdi_drop as fd
from analysis.growth import cagr_series, growth_rate
from analysis.keyfigures import record
from analysis.labels import caption, t
from analysis.plotting import figure_source, keep, source_note, use_house_style
from analysis.rounding import Interval
from analysis.tables import fact_table, label, localise, printed_table, show
from analysis.trade_collapse import fixed, recompute_ratio, text_checks
from analysis.trendplot import residual_chart

L = label_language
use_house_style(L)
fdi, t3, f = data.load("table_fdi"), data.load("table3_foreign_trade"), data.fact
last = int(fdi.index.max())
before_break = last - 1  # last year measured like the fit window

# %% [markdown]
# ## What the numbers show

# %%
lfl = fd.like_for_like(fdi["fdi"], f("fdi_2015_text"), -f("fdi_decline_2015_pct"),
                       data.load("china_fdi")["value"])
share = benchmarks.fdi_share_of_china(fdi["fdi"])
fit = trend.fit_log_linear_trend(fdi["fdi"], trend_start, trend_end)
spec = trend.specification_table(fdi, ["fdi"], trend_start, trend_end,
                                 years=list(range(trend_end + 1, before_break + 1)))
sb = spec.loc[("fdi", before_break)]
breaks = trend.chow_table(fdi, ["fdi"], break_year, end=before_break, pre_years=placebo_pre_years)
bt = breaks.loc["fdi"]
record(f"fdi_like_for_like_change_{last}_pct", lfl.loc["para10", "change_pct"], "percent")
record(f"fdi_table_change_{last}_pct", lfl.loc["table", "change_pct"], "percent")
record(f"fdi_vs_trend_{before_break}_pct", sb["linear_gap_pct"], "percent")
record(f"fdi_vs_quadratic_trend_{before_break}_pct", sb["quadratic_gap_pct"], "percent")
for y in share.index:  # by year: the index shows any that move
    record(f"liaoning_share_of_china_fdi_{y}_pct", share.loc[y, "share_pct"], "percent")

# %% tags=["article"]
io = {True: "inside", False: "outside"}
placebo = trend.placebo_breaks(fdi["fdi"], end=before_break, n_post=int(bt["n_post"]),
                               pre_years=placebo_pre_years)
show(f"""**What the reproduction finds** (FDI table; China's FDI and GDP external)

- **Series break, not a collapse.** The table's {before_break}-{last} change,
  {lfl.loc['table', 'change_pct']:.1f} %, compares two measurements. Paragraph 10's figures are
  one: {lfl.loc['para10', 'previous']:.1f} → {lfl.loc['para10', 'level']:.1f} 亿美元,
  {lfl.loc['para10', 'change_pct']:.1f} %: the like-for-like fall. China's FDI changed
  {lfl.loc['china_mofcom', 'change_pct']:+.1f} % that year.
- **Implausible levels.** Before the break the table's FDI reaches
  {share.loc[:before_break, 'share_pct'].max():.1f} % of China's
  ({share.loc[:before_break, 'ratio'].max():.1f} times Liaoning's share of China's GDP); in
  {last} it is {share.loc[last, 'share_pct']:.1f} %, against a GDP share of
  {share.loc[last, 'gdp_share_pct']:.1f} %. Verdicts: {benchmarks.verdict_years(share)}.
- **Trend, {before_break} only.** Against the {trend_start}-{trend_end} log-linear trend,
  {before_break} is {sb['linear_gap_pct']:.1f} % ({io[bool(sb['linear_inside_pi'])]} the 95 %
  PI); but that fit's residuals run in blocks (Durbin-Watson {sb['durbin_watson']:.2f}) and a
  squared term is significant (p = {sb['t2_p_value']:.4f}). Under the squared-term fit
  {before_break} is {sb['quadratic_gap_pct']:.1f} % ({io[bool(sb['quadratic_inside_pi'])]} the PI).
- **Break test at {break_year}** ({trend_start}-{before_break}): p = {bt['p_value']:.3f}, but
  rank {bt['placebo_rank']} of {bt['placebo_windows']} equal-df placebo windows (rank p
  {bt['rank_p']:.2f}; best attainable {bt['min_rank_p']:.2f}; rank 1:
  {int(placebo.loc[placebo['rank'] == 1, 'break_year'].iloc[0])}): {break_year} departs from
  the earlier path no more than an earlier year did.

These data can say that FDI growth was slowing before {break_year} (the squared-term fit) and
that the levels reported before the break are not believable as shares of China's FDI. They
cannot measure the {last} fall from the table; paragraph 10's like-for-like figure is the only
one.""")

# %% [markdown]
# ## 1. The table as printed / 外商直接投资表（原样）
# Exactly as printed (亿美元, per Figure 5's unit line). Its GDP row is Table 3's; the printed
# FDI dependency is FDI over GDP within the rounding of its two decimals.

# %% tags=["article"]
show(f"**{caption('table_fdi', L)}** — {source_note(L, ['table_fdi'])}")
printed_table(fdi, L)

# %%
show(f"GDP row = Table 3 GDP row: {fdi['gdp_usd'].equals(t3.loc[fdi.index, 'gdp_usd'])}")
localise(fixed(recompute_ratio(fdi, "fdi", "gdp_usd", "fdi_dependency"), 3), L)

# %% [markdown]
# ## 2. Figure 5 / 图 5：2006 - 2015 年辽宁外商直接投资下降
# Redrawn from the table: FDI as bars (left axis), FDI dependency as a line (right axis). The
# dotted line marks the series break: the last bar is a different measurement.

# %% tags=["article"]
fig, ax = fd.fig5_chart(fdi, lang=L)
_ = keep(fig, figure_dir, "fig5_fdi", L)  # caption: the figure's title

# %% [markdown]
# ## 3. The series break / 统计口径断点
# The table's last change beside paragraph 10's (one measurement) and China's (external).
# Paragraph 42's "甚至低于十年前的水平": the table's last value is below every earlier year.

# %%
localise(fixed(lfl, 1), L)

# %%
text_checks({"fdi_2014_text": fdi.loc[before_break, "fdi"],
            "fdi_2015_text_para42": fdi.loc[last, "fdi"],
            "fdi_2015_text": fdi.loc[last, "fdi"],
            "fdi_dependency_2015_text": fdi.loc[last, "fdi_dependency"],
            "fdi_decline_2015_pct": -growth_rate(fdi["fdi"]).loc[last]}, L)

# %% [markdown]
# Liaoning's share of China's FDI, against its share of China's GDP (as published). A share
# more than twice the GDP share is called doubtful, more than four times implausible (a stated
# rule of thumb: provincial FDI figures are known to add up to more than the national total).

# %% tags=["article"]
fig, ax = fd.share_of_china_chart(share, before_break, lang=L)
_ = keep(fig, figure_dir, "fdi_share_of_china", L)  # caption: the figure's title

# %%
localise(fixed(share, 2), L)

# %% [markdown]
# ## 4. Growth and paragraph 42 / 增长率与第42段
# Year-on-year growth, the CAGR over the fit window and the log-linear trend growth with its 95 %
# confidence interval. "增长N倍" can mean "became N times" or "grew by N times": both shown.

# %%
localise(fixed(growth_rate(fdi["fdi"]).to_frame(label("growth_rate", L) + " (%)").T, 1), L)

# %%
mult = fd.growth_multiple(fdi.loc[trend_start, "fdi"], fdi.loc[trend_end, "fdi"])
show(f"CAGR {trend_start}-{trend_end}: {cagr_series(fdi['fdi'], trend_start, trend_end):.1f} %;"
     f" {trend_end}/{trend_start} = {mult['ratio']:.2f} (became {mult['ratio']:.2f} times, grew"
     f" by {mult['increase']:.2f} times)")
localise(fixed(trend.fit_table(fdi, ["fdi"], trend_start, trend_end), 1), L)

# %%
window = fdi.loc[trend_start:trend_end]
text_checks({"fdi_avg_growth_2006_2013_pct": cagr_series(fdi["fdi"], trend_start, trend_end),
            "fdi_2006_text": window["fdi"].iloc[0], "fdi_2013_text": window["fdi"].iloc[-1],
            "fdi_multiple_2006_2013": mult["ratio"],
            "fdi_dependency_range_low": window["fdi_dependency"].min(),
            "fdi_dependency_range_high": window["fdi_dependency"].max()}, L)

# %% [markdown]
# ## 5. Against trend, and the specification / 趋势与模型设定
# The trend is fitted on the fit window and extended with its 95 % prediction interval to the
# years measured the same way; the last year is drawn apart (a new measurement, not a point on
# the same path). The residuals and the alternative with a squared term follow.

# %% tags=["article"]
fig, ax = fd.fdi_trend_chart(fdi["fdi"], fit, before_break, lang=L)
_ = keep(fig, figure_dir, "fdi_trend", L)  # caption: the figure's title

# %%
fig, ax = residual_chart(trend.residual_frame(fdi, ["fdi"], trend_start, trend_end),
                         {"fdi": sb["durbin_watson"]}, lang=L, title=t("residuals_fdi_title", L),
                         source=figure_source(L, ["table_fdi"]))
_ = keep(fig, figure_dir, "fdi_residuals", L)  # caption: the figure's title

# %%
localise(fixed(spec, {"durbin_watson": 2, "t2_p_value": 4}), L)

# %% [markdown]
# Sensitivity to the fit window (later starts; years measured the same way only):

# %%
localise(fixed(trend.window_sensitivity(fdi["fdi"].loc[:before_break],
                                        [trend_start, *sensitivity_starts], trend_end), 1), L)

# %% [markdown]
# Break test at `break_year` on the years measured the same way (Chow predictive test; the last
# year excluded), and its rank among placebo windows of the same length, each fitted on the
# `placebo_pre_years` years before it so all have the same degrees of freedom. With n windows
# the best attainable rank p is 1/n.

# %%
localise(fixed(breaks, {"f_stat": 2, "p_value": 3, "rank_p": 2, "min_rank_p": 2}), L)

# %%
localise(fixed(placebo, {"p_value": 3}), L)

# %% [markdown]
# ## 6. FDI by sector and source / 行业与来源
# Paragraph 43 gives 2014 shares; paragraphs 10-11 give 2015 amounts (万美元 converted to
# 亿美元); 2015 shares are over the three sectors' sum. Paragraph 43 gives no 2014 primary share:
# the remainder of the two it gives is shown, beside paragraph 48's "农业…仅占1.5%左右".

# %%
by_sector = fd.sector_shares()
fact_table(fd.sector_fact_ids(), L)

# %%
show(f"{label('fdi', L)} {last}, sum of sectors: {fd.sector_total_2015(by_sector):.2f}; "
     f"{label('printed', L)}: {fdi.loc[last, 'fdi']:.2f}")
localise(fixed(by_sector, 2), L)

# %%
fig, ax = fd.sector_chart(by_sector[["2014", "2015"]], fd.sector_fact_ids(), lang=L)
_ = keep(fig, figure_dir, "fdi_by_sector", L)  # caption: the figure's title

# %%
text_checks({"fdi_share_manufacturing_real_estate":
            by_sector.loc[["manufacturing", "real_estate"], "2014"].sum(),
            "fdi_share_agriculture": by_sector.loc["primary_share", "2014"]}, L)

# %% [markdown]
# Paragraph 44's source shares ("左右", a range for Japan and Korea): what is left for all other
# sources by interval arithmetic, taking the statements at face value.

# %%
src = ["fdi_source_hong_kong_share", "fdi_source_japan_korea_share_low",
       "fdi_source_japan_korea_share_high", "fdi_source_us_sg_tw_share"]
rest = fd.remainder([f(src[0]), Interval(f(src[1]), f(src[2])), f(src[3])])
show(f"{label('other', L)}: {rest.lo:g}-{rest.hi:g} % — {figure_source(L, fact_ids=src)}")
fact_table(src, L)

# %% [markdown]
# Paragraph 47: Dalian and Shenyang's share of Liaoning's FDI in 2014, applied to the table's
# 2014 FDI, and the Dalian FDI implied by the Fuxin-and-Chaoyang sentence.

# %%
localise(fixed(fd.city_fdi(fdi.loc[before_break, "fdi"]).to_frame(label("recomputed", L)), 2), L)
