# %% [markdown]
# # 05 Capacity utilisation / 重复建设和产能过剩
#
# Report section III.D, paragraphs 49-52 (p. 24): "一般而言，产能利用率在80%到85%为合理。然而，
# 辽宁的产能利用率只有70%至75%，低于全国78%的平均水平。" The report prints no table or figure here;
# China's series is external (NBS releases, 2016-2017) and marked as such.

# %% tags=["parameters"]
label_language = "en"
figure_dir = ""  # if set, figures are also saved there as PNG (<name>_<lang>.png)

# %%
from IPython.display import display

from analysis import capacity_utilisation, plotting
from analysis.keyfigures import record
from analysis.labels import t
from analysis.tables import fact_table, localise, show

L = label_language
plotting.use_house_style(L)


# %% [markdown]
# ## What paragraph 50 says

# %%
show(f"**{t('sec_3d', L)}**")
fact_table([i for pair in capacity_utilisation.FACTS.values() for i in dict.fromkeys(pair)]
           + ["equipment_orders_decline_pct"], L)

# %% [markdown]
# ## Size of the gap (percentage points)
# Liaoning's figure is a range, so every gap is a range. "as stated" takes the printed bounds
# literally; "with rounding" also lets each printed integer stand for ± 0.5.

# %% tags=["article"]
gaps = capacity_utilisation.gap_table()
record("capacity_gap_national_minus_liaoning_low_pp",  # key figures for the reports index
       gaps.loc["national_minus_liaoning", "as_stated_low"], "percentage points")
record("capacity_gap_national_minus_liaoning_high_pp",
       gaps.loc["national_minus_liaoning", "as_stated_high"], "percentage points")
localise(gaps, L)

# %% [markdown]
# ## Against China's published series (external)
# The report gives no year for either figure. China's industrial capacity utilisation moved
# by several points over 2016-2017; the report's 78 % equals the 2017 Q4 value, not the 2017
# annual value. Rows marked `derived` are computed from a stated year-on-year change.

# %%
display(localise(capacity_utilisation.national_by_period(), L))
fig, ax = capacity_utilisation.capacity_chart(L)
_ = plotting.keep(fig, figure_dir, "capacity_utilisation", L)

# %% [markdown]
# ## What the report's data can and cannot say
# - **Can**: if the three statements refer to the same period, Liaoning's utilisation is a few
#   points below China's and further below the band called reasonable (table above).
# - **Cannot**: the period. Against China's 2016 values (external), Liaoning's range would
#   *contain* the national figure, i.e. no gap at all; against 2017 Q4 it is the gap above.
# - **Cannot**: trend, sectors or definition. There is one range for Liaoning, no series, no
#   breakdown by the industries para 50 names (steel, equipment, petrochemicals) and no source;
#   "80%到85%为合理" is a rule of thumb, not a measured benchmark.
