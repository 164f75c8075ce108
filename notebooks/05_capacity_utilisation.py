# %% [markdown]
# # 05 Capacity utilisation / 重复建设和产能过剩
#
# Report section III.D, paragraphs 49-52 (p. 24). The report prints no table or figure here:
# three statements of its text, none with a date, are all there is. China's industrial capacity
# utilisation by period is external (NBS releases, 2016-2017) and marked as such wherever it
# appears.

# %% [markdown] tags=["article"]
# **The report** (paras 49-52): Liaoning's capacity utilisation is "only 70% to 75%", below the
# national average of 78%, while 80% to 85% is called reasonable ("一般而言，产能利用率在80%到85%
# 为合理。然而，辽宁的产能利用率只有70%至75%，低于全国78%的平均水平"); no period is given.

# %% tags=["parameters"]
label_language = "en"
figure_dir = ""  # if set, figures are also saved there as PNG (<name>_<lang>.png)

# %%
from IPython.display import display

from analysis import capacity_utilisation, charts, plotting
from analysis.keyfigures import record
from analysis.labels import t
from analysis.tables import fact_table, localise, show

L = label_language
plotting.use_house_style(L)
gaps = capacity_utilisation.gap_table()
national = capacity_utilisation.national_by_period()
record("capacity_gap_national_minus_liaoning_low_pp",
       gaps.loc["national_minus_liaoning", "as_stated_low"], "percentage points")
record("capacity_gap_national_minus_liaoning_high_pp",
       gaps.loc["national_minus_liaoning", "as_stated_high"], "percentage points")

# %% tags=["article"]
g = gaps.loc["national_minus_liaoning"]
stated = capacity_utilisation.stated()
years = sorted({str(p)[:4] for p in national.index})
inside = list(national.index[national["inside_liaoning_range"]])
equal = list(national.index[national["matches_report_national"]])
show(f"**What the reproduction finds.** Taken as stated, China's {stated['national'].lo:.0f} % "
     f"lies {g['as_stated_low']:.0f}-{g['as_stated_high']:.0f} percentage points above "
     f"Liaoning's range ({g['with_rounding_low']:.0f}-{g['with_rounding_high']:.0f} if each "
     f"printed integer stands for ± 0.5). The gap depends on a period the report does not "
     f"name: China's series (external; some values derived) runs from "
     f"{national['china_external'].min():.1f} % to {national['china_external'].max():.1f} % "
     f"over its {len(national)} periods in {years[0]}-{years[-1]}, equals "
     f"the report's national figure only in {', '.join(equal)}, and lies inside Liaoning's "
     f"range in {', '.join(inside)}, where there would be no gap at all. One undated range "
     f"for Liaoning supports no trend.")

# %% [markdown]
# ## What paragraph 50 says

# %%
show(f"**{t('sec_3d', L)}**")
fact_table([i for pair in capacity_utilisation.FACTS.values() for i in dict.fromkeys(pair)]
           + ["equipment_orders_decline_pct"], L)

# %% [markdown]
# ## Size of the gap (percentage points)
# Liaoning's figure is a range, so every gap is a range. "As stated" takes the printed bounds
# literally; "with rounding" also lets each printed integer stand for ± 0.5.

# %% tags=["article"]
show(f"**{t('gap_pp', L)}**")
localise(gaps, L)

# %% [markdown]
# ## Against China's published series (external)
# Each period of China's series is drawn as the interval it covers (the first three quarters, a
# quarter, a year), so overlapping periods overlap on the axis. Values marked derived are
# computed from a stated year-on-year change, not published as levels. The report's two
# statements carry no date: they stand to the right, under "undated", and are not drawn across
# the periods. The 80-85 % band is a norm, not a measurement, and spans the axis.

# %%
display(localise(national, L))

# %% tags=["article"]
fig, ax = charts.capacity_chart(L)
_ = plotting.keep(fig, figure_dir, "capacity_utilisation", L)

# %% [markdown]
# ## What the report's data can and cannot say
# - **Can**: if the three statements refer to the same period, Liaoning's utilisation is a few
#   points below China's and further below the band called reasonable (gap table above).
# - **Cannot**: the period. Against the periods where China's value falls inside Liaoning's
#   range (table above), there is no gap; against the period where it equals 78 %, the gap is
#   the one in the gap table.
# - **Cannot**: a trend, sectors or a definition. There is one range for Liaoning, no series, no
#   breakdown by the industries para 50 names (steel, equipment, petrochemicals) and no source;
#   "80%到85%为合理" is a rule of thumb, not a measured benchmark.
