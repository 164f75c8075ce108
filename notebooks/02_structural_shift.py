# %% [markdown]
# # 02 Structural shift / 经济结构：产业结构失衡
#
# Report section III.A, paragraphs 8 and 31-33 (pp. 9, 18-19): Table 2 (表 2：辽宁省工业结构，
# 2011-2015（百分比）), the three sector shares, what drove their 2015 move, the pace of the
# shift towards services and the gap to the national tertiary share. 2006-2010 come from the
# external NBS provincial accounts and are marked as such. Table 1 and Table 2 are as published
# (the vintage later corrected and revised, notebook 01): everything here is on that vintage.

# %% tags=["parameters"]
label_language = "en"
figure_dir = ""  # if set, figures are also saved there as PNG (<name>_<lang>.png)
trend_start = 2011  # fit window of the tertiary-share trend (report years)
trend_end = 2015
long_trend_start = 2006  # comparison window including the external years
scenario_paces = [0.5, 1.0, 2.0]  # stated paces of Liaoning's tertiary share, points a year
price_base_year = 2011  # base of the relative-price illustration

# %%
from IPython.display import display

from analysis import data, plotting, structural_shift
from analysis.keyfigures import record
from analysis.labels import t
from analysis.tables import fact_table, localise, printed_table, show

L = label_language
plotting.use_house_style(L)

# %% [markdown] tags=["article"]
# **The report** (paras 8, 31-33): Liaoning leans on industry: its secondary share is above
# the national one and its services (tertiary) share, 46.2 % of GDP in 2015, below the national
# 50.2 % (para 8); Table 2 shows the secondary share falling from 54.7 % (2011) to 45.5 %
# (2015) and the tertiary share rising from 36.7 % to 46.2 %.

# %%
shares = structural_shift.sector_shares()
contrib = structural_shift.sector_contributions()
windows = [(trend_start, trend_end), (trend_start, trend_end - 1), (long_trend_start, trend_end)]
paces = structural_shift.pace_table(shares, windows)
at_base = structural_shift.shares_at_base_prices(price_base_year)
gap = (data.fact(structural_shift.NATIONAL_TERTIARY_FACT)
       - data.fact(structural_shift.TERTIARY_FACT))
national_pace = structural_shift.national_tertiary_pace()
scenarios = structural_shift.catch_up_scenarios(gap, scenario_paces,
                                                {"fixed": 0.0, "moving": national_pace})
for sector in ("primary", "secondary", "tertiary"):
    record(f"sector_contribution_2015_{sector}_pp", contrib.at[2015, f"{sector}_pp"],
           "percentage points")
record("tertiary_share_2015_at_2011_prices_pct",
       at_base.at[2015, "tertiary_share_base_prices"], "percent")

# %% tags=["article"]
c15 = contrib.loc[2015]
fit_label = f"{trend_start}-{trend_end}"
show(
    f"**What the reproduction finds.** In 2015 nominal GDP (Table 1) grew "
    f"{c15['gdp_growth_pct']:.2f} %: industry (secondary) took **{-c15['secondary_pp']:.2f}** "
    f"points off it (rounding range {-c15['secondary_high']:.2f} to {-c15['secondary_low']:.2f})"
    f" "
    f"and services (tertiary) added **{c15['tertiary_pp']:.2f}** points "
    f"({c15['tertiary_low']:.2f} to {c15['tertiary_high']:.2f}); services' value added grew "
    f"{c15['tertiary_growth_pct']:.1f} %, industry's fell {-c15['secondary_growth_pct']:.1f} %. "
    f"The 2015 jump of the tertiary share is services growing about as much as industry fell. "
    f"Part of it is prices: China's producer prices fell "
    f"{-at_base.at[trend_end, 'industry_price_relative_to_services_pct']:.1f} % against consumer "
    f"prices from {price_base_year} to {trend_end}, and at {price_base_year} relative prices the "
    f"tertiary share would reach {at_base.at[trend_end, 'tertiary_share_base_prices']:.1f} % in "
    f"{trend_end}, not {at_base.at[trend_end, 'tertiary_share_nominal']:.1f} % (an "
    f"illustration with national indices). The fitted pace {fit_label} "
    f"({paces.at[fit_label, 'pace_pp_per_year']:.2f} points a year, 95 % CI "
    f"{paces.at[fit_label, 'ci_low']:.2f} to {paces.at[fit_label, 'ci_high']:.2f}) includes that "
    f"jump; "
    f"without {trend_end} it is {paces.iloc[1]['pace_pp_per_year']:.2f}, and over "
    f"{long_trend_start}-{trend_end} {paces.iloc[2]['pace_pp_per_year']:.2f}. So no "
    f"catch-up date is estimated: the gap of {gap:.1f} points closes in "
    f"{scenarios['years'].min():.0f} to "
    f"{scenarios['years'].replace(float('inf'), float('nan')).max():.0f} years at the stated "
    f"paces, or never if Liaoning's share does not outpace the national one."
)

# %% [markdown]
# ## Table 2 as printed

# %%
show(f"**{structural_shift.table2_caption(L)}**")
printed_table(data.load("table2_industry_structure"), L)

# %% [markdown]
# ## The three shares
# 2006-2010: shares of value added in GDP from the external NBS provincial accounts (as
# published, before the correction). Where both sources cover a year (2011) they agree to
# rounding:

# %%
display(localise(structural_shift.overlap_check().round(3), L))
fig = structural_shift.shares_figure(shares, L)
_ = plotting.keep(fig, figure_dir, "sector_shares", L, caption=t("alt_sector_shares", L))

# %% [markdown] tags=["article"]
# ## What moved the shares: contributions to nominal growth (Table 1 x Table 2)
# Value added of each sector = its Table 2 share x Table 1 GDP; its contribution to growth is
# its change over the previous year's GDP, so the three add up to GDP growth (points). Low and
# high: the range the shares' one-decimal rounding allows.

# %% tags=["article"]
fig = structural_shift.contributions_figure(contrib, L)
_ = plotting.keep(fig, figure_dir, "sector_contributions", L, caption=t("alt_contributions", L))

# %%
localise(contrib.T.round(2), L).rename_axis(columns=t("year", L))

# %% [markdown]
# ## Nominal shares when prices move apart
# Table 2's shares are nominal. Over Table 2's years China's producer prices fell while
# consumer prices rose (table below), so industry's nominal share falls even at constant
# volumes. Below, the shares re-weighted at `price_base_year` relative prices (secondary
# deflated by China's PPI, primary and tertiary by its CPI; external NBS). The PPI is a
# gross-output price and national, the CPI not a services deflator: read the gap between the
# columns as the direction and rough size of the price effect, not as Liaoning's real shares.

# %%
localise(at_base.round(2), L)

# %% [markdown]
# ## Pace of the shift
# OLS trend of the tertiary share (points a year) with a 95 % confidence interval, over the
# report's five years, the same without its last year, and the ten years with the external
# ones. Leaving out the last year flattens the report-window pace; the long window says the
# share fell over the external years before it rose. Neither is a forecast.

# %%
localise(paces.round(3), L)

# %% [markdown] tags=["article"]
# ## Gap to the national tertiary share
# Para 8 compares Liaoning's tertiary share in 2015 with the national one; the national series
# is external (NBS quarterly accounts; its 2015 value matches para 8). The figure draws the
# report-window trend over its fit window only, and ahead of it a 95 % *prediction* interval
# (for a single year's share, not the line): the report has no Liaoning share after 2015.

# %%
display(fact_table([structural_shift.TERTIARY_FACT, structural_shift.NATIONAL_TERTIARY_FACT], L))
show(f"Gap in 2015 (para 8): **{gap:.1f}** pp; national pace 2015-2017 (external): "
     f"**{national_pace:.2f}** pp a year")

# %% tags=["article"]
fig = structural_shift.tertiary_gap_figure(shares, trend_start, trend_end, L)
_ = plotting.keep(fig, figure_dir, "tertiary_gap", L, caption=t("alt_tertiary_gap", L))

# %% [markdown] tags=["article"]
# ## Catch-up: scenarios, not an estimate
# The earlier key figure "years to reach the national share" extrapolated the report-window
# slope, steepened by the 2015 jump, and its interval drew only that slope's sampling error. It
# is dropped.
# Instead: years = gap / (stated pace - national pace), for stated paces of Liaoning's share and
# the national share fixed at 2015 or moving at its external 2015-2017 pace. Arithmetic on
# assumptions: no interval belongs to it.

# %% tags=["article"]
localise(scenarios.round(2), L)

# %% [markdown] tags=["article"]
# ## What this section can and cannot show
# - Five report years (ten with the external ones) cannot separate a steady shift from a
#   one-off; the contributions say what moved in 2015, not why.
# - The shares and contributions are nominal and on the as-published vintage that Liaoning
#   later corrected; no corrected or revised sector accounts are used here, so how the
#   correction changed the split between sectors cannot be said.
# - The price illustration uses national indices; Liaoning's own sector deflators are not
#   available here.
