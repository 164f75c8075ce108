# %% [markdown]
# # 06 State-owned enterprises, ports and population / 国有企业管理、港口管理与人口趋势
#
# Report sections III.E-G, paragraphs 55-62 (pp. 24-26). The report prints no table here;
# every number below is from the text (verbatim quote, paragraph and page beside it), and
# every derived number is computed from those. One bound is external (Liaoning's resident
# population, NBS) and marked as such.

# %% [markdown] tags=["article"]
# **The report** (paras 55-62): state-owned enterprises hold much of Liaoning's enterprise assets
# ("占全省企业总资产的47%"), and the firms that went bankrupt in 2008-2014 "涉及职工3.15亿人，平均
# 每家企业42万人" (para 56); Dandong port grew on debt and defaulted on a bond (para 59); the
# population is ageing and shrinking (paras 61-62).

# %% tags=["parameters"]
label_language = "en"
figure_dir = ""  # if set, figures are also saved there as PNG (<name>_<lang>.png)

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
plaus = spp.bankruptcy_plausibility()
dandong = spp.dandong_cagr()
change = spp.population_change()
levels = spp.dandong_levels()
record("dandong_throughput_cagr_2012_2016_pct", dandong["cagr_pct"], "percent")

# %% tags=["article"]
show(f"**What the reproduction finds.** As printed, the employees of the bankrupt firms are "
     f"{plaus.loc['as_printed', 'employees_over_population']:.1f} times Liaoning's whole "
     f"resident population (external bound, end {spp.POPULATION_YEAR}), so the units cannot "
     f"be right; read one unit step down (亿 as 万, 万 as persons) they are "
     f"{plaus.loc['units_one_step_down', 'employees_over_population'] * 100:.2f} % of it, "
     f"{readings.loc['units_one_step_down', 'employees_per_firm']:.0f} per firm, and the two "
     f"printed numbers agree with each other either way (computed over printed: "
     f"{readings.loc['as_printed', 'computed_over_printed']:.2f}). Dandong's throughput grew "
     f"{dandong['cagr_pct']:.1f} % a year in {levels.index[0]}-{levels.index[-1]}, but the "
     f"printed rounding of its two levels allows anything from {dandong['cagr_low_pct']:.1f} % to "
     f"{dandong['cagr_high_pct']:.1f} %. The population figures are single statements: "
     f"a fall stated for {len(change)} years (para 62) and no series, so no trend can be tested.")

# %% [markdown]
# ## E. State-owned enterprises (paras 55-56)

# %%
show(f"**{t('sec_3e', L)}**")
display(fact_table(spp.SOE_FACTS, L))
localise(spp.soe_derived().to_frame("value"), L)

# %% [markdown]
# ### "涉及职工3.15亿人，平均每家企业42万人" cannot be right
# The two numbers agree with each other (the total over the 746 firms gives the per-firm figure:
# "computed / printed" below), so the error is not in the division but in the units: as
# printed, the bankrupt firms employed several times Liaoning's entire population (external
# bound: NBS resident population). Moving both units one step down (亿 -> 万, 万 -> persons)
# keeps every printed digit and gives a few dozen employees per firm; the text does not say
# which reading is meant.

# %%
display(localise(readings, L))
display(localise(plaus, L))

# %% tags=["article"]
fig, ax = plotting.bar_chart(
    plaus["employees_over_population"],
    lang=L,
    title=t("employees_over_population", L),
    unit=t("unit_times", L),
    xlabel="",
    annotate=4,
    source=plotting.figure_source(L, ["liaoning_population"],
                                  fact_ids=["bankruptcy_employees", "bankruptcies_2008_2014"]),
)
_ = ax.axhline(1.0, color="black", linestyle=":", linewidth=1)
_ = plotting.keep(fig, figure_dir, "bankruptcy_employees", L)

# %% [markdown]
# ## F. Ports (paras 58-59)
# Dandong's throughput CAGR is computed from "1.2亿吨" (2012) and "2亿吨" (2016). "2亿吨" has one
# significant digit, so the printed rounding alone leaves a wide range for the CAGR.

# %%
show(f"**{t('sec_3f', L)}**")
display(fact_table(spp.PORT_FACTS, L))
display(localise(spp.port_derived().to_frame("value"), L))
localise(dandong.to_frame("value"), L)

# %% tags=["article"]
fig, ax = plotting.bar_chart(
    levels,
    lang=L,
    title=f"{t('dandong_throughput', L)}: {t('cagr', L)} {dandong['cagr_pct']:.1f} % "
    f"({t('rounding_range', L)} {dandong['cagr_low_pct']:.1f}-{dandong['cagr_high_pct']:.1f})",
    unit=t("unit_100m_tonnes", L),
    source=plotting.figure_source(
        L, fact_ids=["dandong_throughput_2012", "dandong_throughput_2016"]),
)
ax.bar_label(ax.containers[0], fmt="%g", label_type="center", color="white")  # as printed
_ = ax.errorbar(range(len(levels)), levels, yerr=spp.dandong_rounding_halfwidths(),
                fmt="none", color="black", capsize=6)
_ = plotting.keep(fig, figure_dir, "dandong_throughput", L)

# %% [markdown]
# ## G. Population (paras 61-62)
# The national birth rate is stated beside Liaoning's; the national median age and share aged
# 60 and over are implied by the stated gaps (Liaoning minus the gap). The total fertility rate
# is printed with a percent sign ("总生育率为0.74%"); a total fertility rate is children per
# woman, so the printed number can only be children per woman (very low, but possible), not a
# percentage.

# %%
show(f"**{t('sec_3g', L)}**")
display(fact_table(spp.POPULATION_FACTS, L))
pop = spp.population_derived()
display(localise(pop, L))

# %%
fig, axes = charts.population_chart(pop, spp.POPULATION_UNITS, L, spp.POPULATION_DERIVED_FACTS)
_ = plotting.keep(fig, figure_dir, "population_structure", L)

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
_ = plotting.keep(fig, figure_dir, "population_change", L)
