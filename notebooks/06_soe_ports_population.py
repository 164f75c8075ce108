# %% [markdown]
# # 06 State-owned enterprises, ports and population / 国有企业管理、港口管理与人口趋势

# %% [markdown] tags=["lang-en"]
# Report sections III.E-G, paragraphs 55-62 (pp. 24-26). The report prints no table here;
# every number below is from the text (verbatim quote, paragraph and page beside it), and
# every derived number is computed from those. One bound is external (Liaoning's resident
# population, NBS) and marked as such.

# %% [markdown] tags=["lang-zh"]
# 报告第三章E-G节，第55-62段（第24-26页）。报告在此没有表格；下面每个数字都出自正文（旁附原文引用、
# 段落和页码），每个推算数字均由这些数字算出。只有一个界限来自外部（辽宁常住人口，国家统计局），
# 并已标明。

# %% [markdown] tags=["article", "lang-en"]
# **The report** (paras 55-62): state-owned enterprises hold much of Liaoning's enterprise assets
# ("占全省企业总资产的47%"), and the firms that went bankrupt in 2008-2014 "涉及职工3.15亿人，平均
# 每家企业42万人" (para 56); Dandong port grew on debt and defaulted on a bond (para 59); the
# population is ageing and shrinking (paras 61-62).

# %% [markdown] tags=["article", "lang-zh"]
# **报告原文**（第55-62段）：国有企业“占全省企业总资产的47%”；2008-2014年破产的企业“涉及职工
# 3.15亿人，平均每家企业42万人”（第56段）；丹东港靠举债扩张，并发生债券违约（第59段）；人口老龄化
# 且在减少（第61-62段）。

# %% tags=["parameters"]
label_language = "en"

# %%
from IPython.display import display

from analysis import charts, plotting
from analysis import soe_ports_population as spp
from analysis.keyfigures import record
from analysis.labels import t
from analysis.tables import fact_table, localise, show

L = label_language
plotting.use_house_style(L)
readings = spp.bankruptcy_readings()
plausibility = spp.bankruptcy_plausibility()
dandong = spp.dandong_cagr()
change = spp.population_change()
levels = spp.dandong_levels()
record("dandong_throughput_cagr_2012_2016_pct", dandong["cagr_pct"], "percent",
       "Dandong port throughput, average growth a year 2012-2016 (para 59's figures)")

# %% tags=["headline"]
show(spp.headline(L))

# %% tags=["article"]
show(spp.findings(L))

# %% [markdown]
# ## E. State-owned enterprises / 国有企业（第55-56段）

# %%
show(f"**{t('sec_3e', L)}**")
display(fact_table(spp.SOE_FACTS, L))
localise(spp.soe_derived().to_frame("value"), L)

# %% [markdown]
# ### "涉及职工3.15亿人，平均每家企业42万人"

# %% [markdown] tags=["lang-en"]
# The two numbers agree with each other (the total over the 746 firms gives the per-firm figure:
# "computed / printed" below), so the error is not in the division but in the units: as
# printed, the bankrupt firms employed several times Liaoning's entire population (external
# bound: NBS resident population). Moving both units one step down (亿 -> 万, 万 -> persons)
# keeps every printed digit and gives a few dozen employees per firm; the text does not say
# which reading is meant.

# %% [markdown] tags=["lang-zh"]
# 这两个数字彼此一致（总数除以746家企业即得每家企业的人数：见下方“计算值/印刷值”），所以错误不在除法
# 而在单位：按原文，破产企业的职工是辽宁全部人口的数倍（外部界限：国家统计局常住人口）。把两个单位
# 各降一级（亿 -> 万，万 -> 人）保留了每个印刷数字，得到每家企业几十名职工；原文没有说明指哪种读法。

# %%
display(localise(readings, L))
display(localise(plausibility, L))

# %% tags=["article"]
fig, ax = plotting.bar_chart(
    plausibility["employees_over_population"],
    lang=L,
    title=t("employees_over_population", L),
    unit=t("unit_times", L),
    xlabel="",
    annotate=4,
    source=plotting.figure_source(L, ["liaoning_population"],
                                  fact_ids=["bankruptcy_employees", "bankruptcies_2008_2014"]),
)
ax.axhline(1.0, color="black", linestyle=":", linewidth=1)
plotting.keep(fig, "bankruptcy_employees", L)

# %% [markdown]
# ## F. Ports / 港口（第58-59段）

# %% [markdown] tags=["lang-en"]
# Dandong's throughput CAGR is computed from "1.2亿吨" (2012) and "2亿吨" (2016). "2亿吨" has one
# significant digit, so the printed rounding alone leaves a wide range for the CAGR.

# %% [markdown] tags=["lang-zh"]
# 丹东港吞吐量的年均复合增长率由“1.2亿吨”（2012年）和“2亿吨”（2016年）算出。“2亿吨”只有一位有效
# 数字，仅印刷舍入就使增长率的可能范围很宽。

# %%
show(f"**{t('sec_3f', L)}**")
display(fact_table(spp.PORT_FACTS, L))
display(localise(spp.port_derived().to_frame("value"), L))
localise(dandong.to_frame("value"), L)

# %% tags=["article"]
fig, ax = charts.dandong_chart(levels, dandong, spp.dandong_rounding_halfwidths(), L)
plotting.keep(fig, "dandong_throughput", L)

# %% [markdown]
# ## G. Population / 人口（第61-62段）

# %% [markdown] tags=["lang-en"]
# The national birth rate is stated beside Liaoning's; the national median age and share aged
# 60 and over are implied by the stated gaps (Liaoning minus the gap). The total fertility rate
# is printed with a percent sign ("总生育率为0.74%"); a total fertility rate is children per
# woman, so the printed number can only be children per woman (very low, but possible), not a
# percentage.

# %% [markdown] tags=["lang-zh"]
# 全国出生率与辽宁的并列给出；全国的中位年龄和60岁及以上人口比重由所述差距推出（辽宁减去差距）。
# 总生育率印有百分号（“总生育率为0.74%”）；总生育率的单位是每名妇女生育的子女数，因此这个印刷数字
# 只能是每名妇女0.74个子女（很低，但可能），不可能是百分比。

# %%
show(f"**{t('sec_3g', L)}**")
display(fact_table(spp.POPULATION_FACTS, L))
population = spp.population_derived()
display(localise(population, L))

# %%
fig, axes = charts.population_chart(population, spp.POPULATION_UNITS, L,
                                    spp.POPULATION_DERIVED_FACTS)
plotting.keep(fig, "population_structure", L)

# %%
fig, ax = plotting.bar_chart(
    change,
    lang=L,
    title=t("population_change", L),
    unit=t("unit_10k_persons", L),
    annotate=1,
    source=plotting.figure_source(
        L, fact_ids=["population_decrease_2015", "population_decrease_2016"]),
)
plotting.keep(fig, "population_change", L)
