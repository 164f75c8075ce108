# %% [markdown]
# # 03 Trade collapse / 辽宁对外贸易下滑
#
# Report III.B.1 and III.C (paras 34-47), Table 3, Figure 4. **Ten annual points** (eight before
# the fall): intervals assume independent normal deviations from a line in logs (optimistic).
# China's series, prices and rates are **external** (NBS, EIA, IMF). Nominal USD unless "deflated".

# %% [markdown] tags=["article"]
# **The report** (paras 34-38, 45): Liaoning's trade fell in 2009 (global crisis) and in 2015
# (exports -13.5 %, imports -18.0 %, total -15.7 %; paragraph 37 names machinery demand, labour
# costs, steel overcapacity and falling oil and commodity prices), and its trade dependency
# fell from 41.5 % to 20.7 %, below the national level.

# %% tags=["parameters"]
label_language = "en"  # "en" or "zh": language of figure and table labels
trend_start = 2006  # first year of the trend fit window
trend_end = 2013  # last year of the trend fit window (before the fall)
break_year = 2014  # year tested for a structural break
fall_years = [2009, 2015]  # the two falls paragraphs 35-37 discuss
city_year = 2014  # year of paragraph 47's city figures
placebo_pre_years = 4  # years fitted before every placebo window (same df for all windows)
sensitivity_starts = [2008, 2010]  # later fit-window starts for the sensitivity check
price_base_year = 2013  # base year of the deflated (constant-price) view
figure_dir = ""  # if set, figures are also saved there as PNG

# %%
from IPython.display import display

from analysis import benchmarks, data, prices, trend
from analysis import trade_collapse as tc
from analysis.keyfigures import record
from analysis.labels import caption, t
from analysis.plotting import figure_source, keep, line_chart, source_note, use_house_style
from analysis.tables import fact_table, label, localise, printed_table, show
from analysis.trendplot import residual_chart

L = label_language
use_house_style(L)
t3, partners = data.load("table3_foreign_trade"), data.load("table_partner_trade")
rate, brent = data.load("cny_usd")["cny_per_usd"], data.load("brent")["value"]
china, nbs = benchmarks.china_trade(), benchmarks.liaoning_trade_nbs()
flows = ["exports", "imports", "total_trade"]
last = int(t3.index.max())

# %%
falls = tc.fall_decomposition(t3)
short = trend.shortfall_table(t3, flows, trend_start, trend_end)
short_cn = trend.shortfall_table(china, flows, trend_start, trend_end)
rel = benchmarks.relative_shortfalls({"liaoning_table3": t3, "nbs": nbs}, china, trend_start,
                                    trend_end)
share = benchmarks.share_of_china(nbs["total_trade"], china["total_trade"])
oil = prices.oil_share_of_import_fall(*t3.loc[[last - 1, last], "imports"],
                                      data.fact(f"import_share_crude_oil_{last}"),
                                      *brent.loc[[last - 1, last]])
real = prices.deflate_usd(t3[flows], rate, data.load("china_ppi")["value"], price_base_year)
short_real = trend.shortfall_table(real, ["total_trade"], trend_start, trend_end)
breaks = trend.chow_table(t3, flows, break_year, pre_years=placebo_pre_years)
fitted = tc.trend_frame(t3, china, real)  # every series with a trend, for the diagnostics
spec = trend.specification_table(fitted, list(fitted.columns), trend_start, trend_end)
r_first, r_last = (tc.fall_reading(falls, y) for y in (fall_years[0], fall_years[-1]))
after = benchmarks.post_break_years(t3, nbs, {last + 1: benchmarks.para41_implied_totals(last + 1)},
                                    last)
post = after["change_on_base_pct"]
rl, rc, rr, bt = (short.loc[("total_trade", last)], short_cn.loc[("total_trade", last)],
                  short_real.loc[("total_trade", last)], breaks.loc["total_trade"])
for name, value, unit in tc.key_figures(last, trend_end, short, rc, rel.loc["liaoning_table3"],
                                        share, oil, rr):
    record(name, value, unit)  # key figures: the reports index shows when they move

# %% tags=["article"]
io = {True: "inside", False: "outside"}
show(f"""**What the reproduction finds** (Table 3; China, Brent, PPI external)

- {last}: Liaoning's total trade {rl['gap_pct']:.1f} % against its {trend_start}-{trend_end}
  trend ({rl['actual']:.1f}; 95 % PI {rl['pi_lower']:.0f}-{rl['pi_upper']:.0f}); China's
  {rc['gap_pct']:.1f} % against its own. China's shortfall is
  {100 * rc['gap_pct'] / rl['gap_pct']:.0f} % of Liaoning's: relative to China, Liaoning's gap
  is {rel.loc[('liaoning_table3', last), 'relative_gap_pct']:.1f} %
  ({rel.loc[('liaoning_table3', last), 'difference_pp']:.1f} pp); on NBS data,
  {rel.loc[('nbs', last + 1), 'relative_gap_pct']:.1f} % in {last + 1} and
  {rel.loc[('nbs', last + 2), 'relative_gap_pct']:.1f} % in {last + 2}.
  Liaoning's share of China's trade: {share.loc[trend_end]:.2f} % ({trend_end}),
  {share.loc[last]:.2f} % ({last}), {share.iloc[-1]:.2f} % ({int(share.index.max())}, NBS).
- After the table, total trade on {last}: {last + 1} {post[('nbs', last + 1)]:+.1f} % (NBS),
  {post[('para41_implied', last + 1)]:+.1f} % (paragraph 41's implied total);
  {last + 2} {post[('nbs', last + 2)]:+.1f} % (NBS).
- Of the {fall_years[-1]} fall, imports gave {r_last['imports_share_of_fall_pct']:.0f} % and
  exports {r_last['exports_share_of_fall_pct']:.0f} %; of the {fall_years[0]} fall, exports gave
  {r_first['exports_share_of_fall_pct']:.0f} %.
- Oil: with paragraph 40's crude share read as {last}'s, Brent's fall alone accounts for
  {oil.loc['after', 'share_of_fall_pct']:.0f} % of the import fall ({last - 1}'s:
  {oil.loc['before', 'share_of_fall_pct']:.0f} %; volumes held fixed).
- Deflated by China's PPI ({price_base_year} dollars), {last} trade is {rr['gap_pct']:.1f} %
  against its trend, {io[bool(rr['inside_pi'])]} the 95 % PI.
- Break test at {break_year}: Chow p = {bt['p_value']:.3f}; among {bt['placebo_windows']}
  equal-df placebo windows it ranks {bt['placebo_rank']} (rank p {bt['rank_p']:.2f}; the best
  attainable is {bt['min_rank_p']:.2f}): a check this coarse is weak evidence of a break. Under a
  squared-term trend, {last} is {io[bool(spec.loc[('total_trade', last), 'quadratic_inside_pi'])]}
  the 95 % PI.

These data can say that in nominal dollars {last} lay below Liaoning's pre-{break_year} path,
and further below it than China's trade lay below China's. Not why, nor whether it lasts.""")

# %% tags=["article"]
show(f"**{caption('table3', L)}** — as printed; {source_note(L, ['table3_foreign_trade'])}")
printed_table(t3, L)

# %% [markdown]
# Dependency rows recomputed from Table 3, then from external series (China: customs trade over
# GDP as published, pre-2018-census; Liaoning: NBS trade over GDP as published; IMF rate).

# %%
display(localise(tc.fixed(tc.recompute_ratio(t3, "total_trade", "gdp_usd", "trade_dependency"),
                          2), L))
show(source_note(L, ["china_gdp_as_published", "liaoning_gdp_as_published"]))
localise(tc.fixed(benchmarks.dependency_checks(t3), 2), L)

# %% [markdown]
# ## 2. Figure 4 / 图 4：辽宁对外贸易依存度与全国平均水平对比
# Both lines are Table 3's rows. Paragraph 38's "一直在15%至20%" does not describe Liaoning's
# dependency; read as the gap to the national level (paragraph 45), it holds in the years listed
# below, and the gap is in percentage points.

# %% tags=["article"]
fig, ax = line_chart(t3[["trade_dependency", "trade_dependency_china"]], lang=L,
                     title=caption("fig4", L), unit=f"{label('share_of_gdp', L)} (%)",
                     source=figure_source(L, ["table3_foreign_trade"]))
_ = keep(fig, figure_dir, "fig4_trade_dependency", L)  # caption: the figure's title

# %%
gap = tc.dependency_gap(t3)
lo, hi = data.fact("trade_dependency_gap_low"), data.fact("trade_dependency_gap_high")
show(f"{label('dependency_gap', L)} [{lo:g}, {hi:g}] pp: {tc.gap_years_inside(gap, lo, hi)}")
tc.text_checks({"trade_dependency_2006_text": t3["trade_dependency"].iloc[0],
                "trade_dependency_2015_text": t3["trade_dependency"].iloc[-1],
                "trade_dependency_gap_low": gap.min(), "trade_dependency_gap_high": gap.max()}, L)

# %% [markdown]
# ## 3. The 2009 and 2015 falls / 2009年和2015年的下滑
# Paragraphs 36-37 against Table 3; each year's growth split into export and import
# contributions (pp), stacked so they add up to the diamond, total-trade growth.

# %%
display(tc.text_checks({f"{k}_decline_{y}_pct": -falls.loc[y, f"{c}_growth"]
                        for y in fall_years for k, c in tc.FALL_FACTS}, L))
localise(tc.fixed(falls.loc[fall_years], 1), L)

# %% tags=["article"]
fig, ax = tc.contributions_chart(falls, lang=L, source=figure_source(L, ["table3_foreign_trade"]))
_ = keep(fig, figure_dir, "trade_contributions", L)  # caption: the figure's title

# %% [markdown]
# ## 4. Against trend, Liaoning and China / 与趋势相比：辽宁与全国
# A line fitted to the log of each flow over `trend_start`-`trend_end`, extended with its 95 %
# prediction interval (PI); the same on China's trade (external NBS) is the benchmark.

# %%
display(localise(tc.fixed(trend.fit_table(t3, flows, trend_start, trend_end), 1), L))
display(localise(tc.fixed(short, 1), L))
localise(tc.fixed(rel, 1), L)

# %% tags=["article"]
fig, ax = tc.benchmark_trend_chart(t3["total_trade"], china["total_trade"], trend_start, trend_end,
                                   lang=L)
_ = keep(fig, figure_dir, "trade_trend", L)  # caption: the figure's title

# %%
fig, ax = tc.share_chart(share, last, lang=L)  # NBS for both (close to Table 3 where both exist)
_ = keep(fig, figure_dir, "trade_share_of_china", L)  # caption: the figure's title
show("**After the table**: the third and fourth years after the break, from NBS and from para 41")
display(localise(tc.fixed(after, 1), L))

# %%
show("Sensitivity to the fit window (later starts: fewer points, wider intervals):")
localise(tc.fixed(trend.window_sensitivity(t3["total_trade"], [trend_start, *sensitivity_starts],
                                           trend_end), 1), L)

# %% [markdown]
# ## 5. Prices / 价格
# **Oil.** Paragraph 40 gives crude's import share without its year: both readings; crude's value
# moved with Brent (EIA, external), volumes fixed. **Deflated.** USD to yuan (IMF rate), deflated
# by China's PPI (Liaoning trades mostly manufactured and raw industrial goods, whose prices PPI
# tracks better than CPI or the GDP deflator), back to `price_base_year` USD: a rough volume view.

# %%
display(localise(tc.fixed(oil, 1), L))
localise(tc.fixed(short_real, 1), L)

# %%
fig, ax = tc.nominal_real_chart(t3["total_trade"], real["total_trade"], price_base_year, lang=L)
_ = keep(fig, figure_dir, "trade_nominal_real", L)  # caption: the figure's title

# %% [markdown]
# ## 6. Specification and break test / 模型设定与断点检验
# Residuals of every trend fitted here (Durbin-Watson: 2 = no first-order autocorrelation; eight
# points make it uncertain) and the alternative with a squared term, results under both.

# %%
dw = spec.groupby(level="series")["durbin_watson"].first().to_dict()
fig, ax = residual_chart(trend.residual_frame(fitted, list(fitted.columns), trend_start,
                                              trend_end), dw, lang=L,
                         title=t("residuals_trade_title", L, start=trend_start, end=trend_end),
                         source=figure_source(L, ["table3_foreign_trade", "china_trade_total",
                                                  "china_ppi"]))
_ = keep(fig, figure_dir, "trade_residuals", L)  # caption: the figure's title
localise(tc.fixed(spec, {"durbin_watson": 2, "t2_p_value": 3}), L)

# %% [markdown]
# Chow test at `break_year`, then placebos: the predictive test on every window of as many years,
# each fitted on the `placebo_pre_years` years before it (equal degrees of freedom). With n
# windows the best rank p is 1/n; the break year was chosen after seeing the data.

# %%
display(localise(tc.fixed(breaks, {"f_stat": 2, "p_value": 3, "rank_p": 2, "min_rank_p": 2}), L))
localise(tc.fixed(trend.placebo_breaks(t3["total_trade"], n_post=int(bt["n_post"]),
                                       pre_years=placebo_pre_years), {"p_value": 3}), L)

# %% [markdown]
# ## 7. Partners, products, cities / 贸易伙伴、商品与城市
# The partner table (亿元; 大连海关), shares, share of Liaoning's trade (external IMF rate).

# %%
show(f"**{caption('table_partner_trade', L)}** — {source_note(L, ['table_partner_trade'])}")
display(printed_table(partners, L))
display(localise(tc.fixed(tc.partner_shares(partners), 1), L))
localise(tc.fixed(tc.partner_share_of_liaoning(partners, t3, rate), 1), L)

# %%
tc.text_checks(tc.partner_text_checks(partners), L)

# %% [markdown]
# Paragraphs 39-40: four product groups each, 2015 (a missing bar = "not stated"). The groups
# overlap in customs classifications (high-tech products are largely machinery and electrical
# products), so they are not parts of a whole: no "other" remainder, and they do not add up.

# %%
display(fact_table([i for ids in tc.COMPOSITION.values() for i in ids.values()], L))
fig, ax = tc.composition_chart(tc.composition(), lang=L)
_ = keep(fig, figure_dir, "trade_composition", L)  # caption: the figure's title

# %% [markdown]
# Paragraph 47 for `city_year`: its ratio recomputed, the two large cities' weight in Table 3's
# trade, and the Dalian FDI the Fuxin-and-Chaoyang sentence implies (no figure to check it with).

# %%
ids = tc.city_fact_ids(city_year)
display(fact_table(list(ids.values()), L))
display(tc.text_checks(tc.city_text_checks(city_year), L))
localise(tc.fixed(tc.city_rows(t3, city_year).to_frame(label("recomputed", L)), 1), L)
