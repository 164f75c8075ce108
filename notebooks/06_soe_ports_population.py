# %% [markdown]
# # 06 State-owned enterprises, ports and population / 国有企业管理、港口管理与人口趋势
#
# Report sections III.E-G, paragraphs 55-62 (pp. 24-26). The report prints no table here;
# every number below is from the text (verbatim quote, paragraph and page beside it), and
# every derived number is computed from those. One bound is external and marked as such.

# %% tags=["parameters"]
label_language = "en"
figure_dir = ""  # if set, figures are also saved there as PNG (<name>_<lang>.png)

# %%
from IPython.display import display

from analysis import plotting
from analysis import soe_ports_population as spp
from analysis.keyfigures import record
from analysis.labels import t
from analysis.tables import fact_table, localise, show

L = label_language
plotting.use_house_style(L)


# %% [markdown]
# ## E. State-owned enterprises (paras 55-56)

# %%
show(f"**{t('sec_3e', L)}**")
display(fact_table(spp.SOE_FACTS, L))
localise(spp.soe_derived().round(2).to_frame(t("value", L)), L)

# %% [markdown]
# ### "涉及职工3.15亿人，平均每家企业42万人" cannot be right
# The two numbers agree with each other (the total over the 746 firms gives the per-firm figure,
# `computed_over_printed` below), so the error is not in the division but in the units: as
# printed, the bankrupt firms employed several times Liaoning's
# entire population (external bound: NBS resident population, end 2015). Moving both units one
# step down (亿 -> 万, 万 -> persons) keeps every printed digit and gives a few dozen employees
# per firm; the text does not say which reading is meant.

# %%
display(localise(spp.bankruptcy_readings(), L))
plaus = spp.bankruptcy_plausibility()
display(localise(plaus, L))

# %% tags=["article"]
fig, ax = plotting.bar_chart(
    plaus["employees_over_population"],
    lang=L,
    title=f"{t('sec_3e', L)}: {t('employees_over_population', L)}",
    unit=t("unit_times", L),
    xlabel="",
    annotate=4,
    source=plotting.figure_source(L, fact_ids=["bankruptcy_employees", "bankruptcies_2008_2014"])
    + f"; {t('liaoning_population', L)}: {t('external', L)} (NBS)",
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
display(localise(spp.port_derived().round(2).to_frame(t("value", L)), L))
dandong = spp.dandong_cagr()
record("dandong_throughput_cagr_2012_2016_pct", dandong["cagr_pct"], "percent")  # key figure
localise(dandong.round(2).to_frame(t("value", L)), L)

# %%
levels = spp.dandong_levels()
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
# National values are implied by the text (Liaoning minus the stated gap). The "total fertility
# rate 0.74%" is printed with a percent sign; a total fertility rate is children per woman, so
# the figure can only mean 0.74 children per woman (very low, but possible), not 0.74 %.

# %%
show(f"**{t('sec_3g', L)}**")
display(fact_table(spp.POPULATION_FACTS, L))
pop = spp.population_derived()
display(localise(pop, L))

# %%
fig, axes = plotting.new_figure(t("sec_3g", L), ncols=3, figsize=(11, 4))
for ax, (key, row) in zip(axes, pop.iterrows(), strict=True):
    ax.bar([t("liaoning", L), t("china", L)], [row["liaoning"], row["national"]],
           color=[plotting.PALETTE[0], plotting.PALETTE[1]])
    ax.bar_label(ax.containers[0], fmt="%.2f", fontsize=8.5)
    ax.grid(axis="x", visible=False)
    ax.set_title(t(spp.POPULATION_LABELS[key], L), loc="left", fontsize=11)
    ax.set_ylabel(t(spp.POPULATION_UNITS[key], L))
plotting.add_source(fig, plotting.figure_source(L, fact_ids=spp.POPULATION_FACTS))
_ = plotting.keep(fig, figure_dir, "population_structure", L)

# %%
change = spp.population_change()
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
