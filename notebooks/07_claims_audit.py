# %% [markdown]
# # 07 Claims audit / 报告数据核查

# %% [markdown] tags=["article"]
# **The report** (paras 1-130): every number the report prints in its text and tables, and the
# statements of direction, rank and completeness it makes without a number in paragraphs 1-63
# ("一直在下降", "唯一一个", "排名最后", "最多的行业是…其次是…"), each re-derived from the
# report's own numbers and from the external series in `data/external`, and judged under one
# policy.
#
# The register is `data/claims.csv`: one row per statement, with the named rule in
# `analysis.claims` that recomputes it and the data it reads (never the expected value).
# Verdicts:
#
# - **consistent**: holds as printed: the printed inputs, carried through the rule as intervals
#   (value ± half a unit of the last printed digit), can give the printed claim (itself an
#   interval, widened by its hedge word);
# - **misworded**: fails as printed but holds under a corrected reading that the register names
#   ("个百分点 read as %", "亿元 read as 十亿元"); the as-printed result is shown beside it;
# - **mismatch**: fails as printed and under any reading offered, even allowing for rounding;
# - **implausible**: a magnitude Liaoning's size rules out, whatever the arithmetic;
# - **unverifiable**: nothing in the report or in `data/external` can bound it (reason given).
#
# A check is a *value* when it bounds the claim from both sides and a *bound* when it is
# one-sided (at most / at least): a bound that holds is weak evidence, and its note says how far
# the claim sits from failing it. External values (exchange rates, NBS series, the population
# bound, China's FDI) are marked "external" in the notes. Few data points stand behind most
# claims: a verdict is a statement about arithmetic, not about the world.

# %% tags=["parameters"]
label_language = "en"

# %%
import pandas as pd
from IPython.display import display

from analysis import claims
from analysis.keyfigures import record
from analysis.tables import show

L = label_language
pd.set_option("display.max_colwidth", None)
pd.set_option("display.max_rows", None)

audit = claims.audit()
claims.attach_claims_csv(audit)  # published as claims.csv beside the reports

# %% [markdown]
# ## Tolerances
# What each hedge word, and each kind of input, adds to the interval a claim may fall in.

# %%
claims.widenings()

# %% [markdown]
# ## What the audit finds

# %% tags=["article"]
show(claims.summary_markdown(audit))
for verdict, n in claims.verdict_counts(audit).items():  # key figures: counts by verdict
    record(f"claims_{verdict}", int(n), "claims")
record("claims_consistent_bound_only",
       int(((audit["verdict"] == "consistent") & (audit["evidence"] == "bound")).sum()), "claims")

# %% [markdown]
# Claims by verdict and by the strength of the check (a value bounded from both sides, a
# one-sided bound, or none):

# %% tags=["article"]
claims.evidence_counts(audit).rename(index=claims.COLUMN_LABELS[L])

# %% [markdown]
# ## Findings by kind
# Every claim that fails as printed, in report order, grouped by kind: misworded (holds under the
# corrected reading named beside it), mismatch, implausible. Each note gives the recomputation
# and the likely cause (typo, unit, wording, data vintage, exchange-rate date).

# %% tags=["article"]
for title, table in claims.by_kind(audit, L).items():
    show(f"**{title}** ({len(table)})")
    display(table)

# %% [markdown]
# ## The FDI table against China's FDI (external)
# Liaoning's FDI as a share of China's FDI actually utilised (MOFCOM concept; the
# balance-of-payments series is a different concept and is not used), beside its share of
# China's GDP (both GDPs as published). A ratio of 1 means as FDI-intensive as China as a whole;
# the audit calls a year implausible above the ceiling in the tolerances table.

# %% tags=["article"]
claims.fdi_plausibility(audit)

# %% [markdown]
# Findings by likely cause:

# %%
claims.causes(audit).to_frame()

# %% [markdown]
# ## Counts by verdict and section

# %%
claims.labelled_counts(audit, L)

# %% [markdown]
# ## Consistent only thanks to the rounding of printed numbers
# Claims that a naive check (printed inputs taken as exact) would flag, but which the printed
# precision allows.

# %%
naive = audit[audit["note"].str.contains("a naive check would flag it", regex=False)]
claims.labelled(naive, L)

# %% [markdown]
# ## Unverifiable: why nothing bounds them

# %%
claims.labelled(audit[audit["verdict"] == "unverifiable"], L,
                ["id", "paragraph", "quote", "note"])

# %% [markdown]
# ## The full register

# %%
claims.labelled(audit, L, claims.OUTPUT_COLUMNS + ["rule", "approx"])

# %% [markdown]
# ## Closing note: the findings
# Generated from the audit above, so it always matches the data.

# %%
show(claims.findings_markdown(audit))
