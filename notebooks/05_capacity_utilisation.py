# %% [markdown]
# # 05 Capacity utilisation / 重复建设和产能过剩

# %% [markdown] tags=["lang-en"]
# Report section III.D, paragraphs 49-52 (p. 24). The report prints no table or figure here:
# three statements of its text, none with a date, are all there is. China's industrial capacity
# utilisation by period is external (NBS releases, 2016-2017) and marked as such wherever it
# appears.

# %% [markdown] tags=["lang-zh"]
# 报告第三章D节，第49-52段（第24页）。报告在此没有表格或图：只有正文中的三项陈述，均未注明年份。
# 全国分时期的工业产能利用率为外部数据（国家统计局2016-2017年发布），凡出现处均标明。

# %% [markdown] tags=["article", "lang-en"]
# **The report** (paras 49-52): Liaoning's capacity utilisation is "only 70% to 75%", below the
# national average of 78%, while 80% to 85% is called reasonable ("一般而言，产能利用率在80%到85%
# 为合理。然而，辽宁的产能利用率只有70%至75%，低于全国78%的平均水平"); no period is given.

# %% [markdown] tags=["article", "lang-zh"]
# **报告原文**（第49-52段）：“一般而言，产能利用率在80%到85%为合理。然而，辽宁的产能利用率只有
# 70%至75%，低于全国78%的平均水平”；未注明时期。

# %% tags=["parameters"]
label_language = "en"

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
       gaps.loc["national_minus_liaoning", "as_stated_low"], "percentage points",
       "China's capacity utilisation minus Liaoning's 70-75 % (para 50), low end")
record("capacity_gap_national_minus_liaoning_high_pp",
       gaps.loc["national_minus_liaoning", "as_stated_high"], "percentage points",
       "China's capacity utilisation minus Liaoning's 70-75 % (para 50), high end")

# %% tags=["headline"]
show(capacity_utilisation.headline(L))

# %% tags=["article"]
show(capacity_utilisation.findings(L))

# %% [markdown]
# ## What paragraph 50 says / 第50段原文

# %%
show(f"**{t('sec_3d', L)}**")
fact_table([i for pair in capacity_utilisation.FACTS.values() for i in dict.fromkeys(pair)]
           + ["equipment_orders_decline_pct"], L)

# %% [markdown]
# ## Size of the gap / 差距大小（百分点）

# %% [markdown] tags=["lang-en"]
# Liaoning's figure is a range, so every gap is a range. "As stated" takes the printed bounds
# literally; "with rounding" also lets each printed integer stand for ± 0.5.

# %% [markdown] tags=["lang-zh"]
# 辽宁的数字是一个区间，因此每个差距也是区间。“按原文”按字面取印刷的上下限；“含舍入”还允许每个
# 印刷整数代表 ± 0.5 的范围。

# %% tags=["article"]
show(f"**{t('gap_pp', L)}**")
localise(gaps, L)

# %% [markdown]
# ## Against China's published series / 与全国公布序列对比（外部数据）

# %% [markdown] tags=["lang-en"]
# Each period of China's series is drawn as the interval it covers (the first three quarters, a
# quarter, a year), so overlapping periods overlap on the axis. Values marked derived are
# computed from a stated year-on-year change, not published as levels. The report's two
# statements carry no date: they stand to the right, under "undated", and are not drawn across
# the periods. The 80-85 % band is a norm, not a measurement, and spans the axis.

# %% [markdown] tags=["lang-zh"]
# 全国序列的每个时期按其覆盖的区间绘制（前三季度、一个季度或一年），因此相互重叠的时期在横轴上也
# 重叠。标为推算的数值由公布的同比变化算出，并非公布的水平值。报告的两项陈述没有日期：它们单列在
# 右侧“未注明年份”之下，不跨时期绘制。80-85 % 的区间是经验标准而非测量值，横跨整个横轴。

# %%
display(localise(national, L))

# %% tags=["article"]
fig, ax = charts.capacity_chart(L)
plotting.keep(fig, "capacity_utilisation", L)

# %% [markdown]
# ## What the report's data can and cannot say / 报告数据能说明什么、不能说明什么

# %% [markdown] tags=["lang-en"]
# - **Can**: if the three statements refer to the same period, Liaoning's utilisation is a few
#   points below China's and further below the band called reasonable (gap table above).
# - **Cannot**: the period. Against the periods where China's value falls inside Liaoning's
#   range (table above), there is no gap; against the period where it equals 78 %, the gap is
#   the one in the gap table.
# - **Cannot**: a trend, sectors or a definition. There is one range for Liaoning, no series, no
#   breakdown by the industries para 50 names (steel, equipment, petrochemicals) and no source;
#   "80%到85%为合理" is a rule of thumb, not a measured benchmark.

# %% [markdown] tags=["lang-zh"]
# - **能说明**：若三项陈述指同一时期，辽宁的产能利用率比全国低几个百分点，离所称的合理区间更远
#   （见上方差距表）。
# - **不能说明**：时期。对照全国数值落在辽宁区间内的时期（见上表），并无差距；对照全国数值等于
#   78 % 的时期，差距即差距表中的数值。
# - **不能说明**：趋势、行业或定义。辽宁只有一个区间，没有序列，没有第50段所列行业（钢铁、装备、
#   石化）的分项，也没有出处；“80%到85%为合理”是经验法则，不是测量得到的基准。
