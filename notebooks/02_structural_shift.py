# %% [markdown]
# # 02 Structural shift / 经济结构：产业结构失衡
#
# Report section III.A, paragraphs 8 and 31-33 (pp. 9, 18-19): Table 2 (表 2：辽宁省工业结构，
# 2011-2015（百分比）), the three sector shares 2006-2015, the pace of the shift towards
# services, the gap to the national tertiary share and how long closing it would take.
# 2006-2010 come from the external NBS provincial accounts and are marked as such.

# %% tags=["parameters"]
label_language = "en"
figure_dir = ""  # if set, figures are also saved there as PNG (<name>_<lang>.png)
trend_start = 2011  # fit window of the tertiary-share trend (report years)
trend_end = 2015
long_trend_start = 2006  # comparison window including the external years
seed = 0  # simulation seed for the catch-up interval

# %%
from IPython.display import display

from analysis import data, plotting, structural_shift
from analysis.keyfigures import record
from analysis.labels import caption, t
from analysis.tables import fact_table, localise, printed_table, show
from analysis.trend import linear_trend, predict_with_intervals

L = label_language
plotting.use_house_style(L)


# %% [markdown]
# ## Table 2 as printed

# %%
show(f"**{caption('table2', L)}**")
printed_table(data.load("table2_industry_structure"), L)

# %% [markdown]
# ## The three shares, 2006-2015
# 2006-2010: shares of value added in GDP computed from the external NBS provincial accounts
# (pre-2017-revision vintage). Where both sources cover a year (2011) they agree to rounding:

# %%
localise(structural_shift.overlap_check().round(3), L)

# %%
shares = structural_shift.sector_shares()
fig, ax = plotting.line_chart(
    shares[structural_shift.SHARES],
    lang=L,
    title=t("share_of_gdp", L) + " / " + caption("table2", L),
    unit=t("unit_percent", L),
    source=plotting.figure_source(L, ["table2_industry_structure", "liaoning_gdp_by_sector"]),
)
plotting.mark_external_span(ax, int(shares.index.min()),
                            int(shares.index[shares["source"] == "external"].max()), lang=L)
_ = plotting.keep(fig, figure_dir, "sector_shares", L)

# %% [markdown]
# ## Pace of the shift
# OLS trend of the tertiary share (points a year) with a 95 % confidence interval. The report
# window has five points, the long window ten, and the two disagree: the tertiary share fell
# in 2006-2011 and rose in 2011-2015, with the 2015 jump driven by the fall of industry
# (secondary share) rather than by services growing. Neither interval is a forecast.

# %%
windows = [(trend_start, trend_end), (long_trend_start, trend_end)]
localise(structural_shift.pace_table(shares, windows).round(3), L)

# %% [markdown]
# ## Gap to the national tertiary share
# Para 8 compares Liaoning's tertiary share in 2015 with the national one (quotes below); the
# national series for 2015-2017 is external (NBS, revised vintage).

# %% tags=["article"]
display(fact_table([structural_shift.TERTIARY_FACT, structural_shift.NATIONAL_TERTIARY_FACT], L))
national = structural_shift.national_tertiary_share()
gap = data.fact(structural_shift.NATIONAL_TERTIARY_FACT) - data.fact(structural_shift.TERTIARY_FACT)
national_pace = structural_shift.national_tertiary_pace()
show(f"Gap in 2015 (para 8): **{gap:.1f}** pp; national pace 2015-2017 (external): "
     f"**{national_pace:.2f}** pp a year")
display(localise(national, L))

# %%
fit = linear_trend(shares["tertiary_share"], trend_start, trend_end)
years = range(long_trend_start, int(national.index.max()) + 1)
band = predict_with_intervals(fit, years)
fig, ax = plotting.line_chart(
    shares[["tertiary_share"]],
    lang=L,
    title=t("tertiary_share", L) + ": " + t("gap_to_national", L),
    unit=t("unit_percent", L),
    source=plotting.figure_source(
        L, ["table2_industry_structure", "liaoning_gdp_by_sector", "china_gdp_structure"],
        [structural_shift.NATIONAL_TERTIARY_FACT],
    ),
)
ax.plot(band.index, band["predicted"], color="black", linewidth=1,
        label=f"{t('fitted_trend', L)} {trend_start}-{trend_end}")
ax.fill_between(band.index, band["ci_lower"], band["ci_upper"], color="black", alpha=0.1,
                label=t("confidence_interval", L))
plotting.mark_external(ax, national.index, national["external"], label=t("china", L), lang=L)
ax.scatter([2015], [national.loc[2015, "report"]], marker="s", color="black", zorder=5,
           label=f"{t('china', L)} ({t('para', L, n=8)})")
plotting.mark_external_span(ax, int(shares.index.min()),
                            int(shares.index[shares["source"] == "external"].max()), lang=L)
_ = ax.legend(loc="lower right", fontsize=8)
_ = plotting.keep(fig, figure_dir, "tertiary_gap", L)

# %% [markdown]
# ## How long, at the fitted pace, to reach the national share?
# Years = gap / (Liaoning's pace - national pace), for two assumptions about the national share
# (fixed at its 2015 level, or moving at its external 2015-2017 pace). Uncertainty: slopes
# drawn from the fitted slope's t distribution; `share_never_pct` is the share of draws in
# which Liaoning does not gain on the national share at all (then the upper bound is infinite).

# %%
catch_up = structural_shift.catch_up_table(
    shares, windows, gap, {"fixed": 0.0, "moving": national_pace}, seed=seed
)
for (window, national_share), years in catch_up["years_median"].items():
    if years < float("inf"):  # key figures: the reports index shows when a version moves them
        record(f"catch_up_years_{window.replace('-', '_')}_{national_share}", years, "years")
localise(catch_up.round(2), L)

# %% [markdown]
# **Caveat.** Five report points (ten with external years) cannot separate a steady shift from
# a one-off: the 2015 jump of the tertiary share coincides with the collapse of industry
# (notebook 01), and the long window says the shift may not be happening at all. The report's
# Table 2 also predates the 2017 revision of Liaoning's accounts.
