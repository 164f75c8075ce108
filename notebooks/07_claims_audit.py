# %% [markdown]
# # 07 Claims audit / 报告数据核查
#
# Every quantitative statement of the report (text and tables), re-derived from `data/` and
# judged. The register is `data/claims.csv`: one row per statement, with the
# named rule in `analysis.claims` that recomputes it and the data it reads (never the expected
# value). Verdicts:
#
# - **consistent**: the printed inputs, carried through the rule as intervals (value ± half a
#   unit of the last printed digit), can give the printed claim (itself an interval, widened
#   by its hedge word);
# - **mismatch**: they cannot, even allowing for rounding;
# - **implausible**: the magnitude is impossible for a province of Liaoning's size, whatever
#   the arithmetic;
# - **unverifiable**: nothing in the report or in `data/external` can check it (reason given).
#
# External values (exchange rates, NBS series, the population bound) are marked "external" in
# the notes. Few data points stand behind most claims: a verdict is a statement about
# arithmetic, not about the world.

# %% tags=["parameters"]
label_language = "en"

# %%
import pandas as pd

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
# ## Findings first
# Every mismatch and implausible claim, in report order: the quote, what the report says, what
# its own inputs give, and the likely cause (typo, unit, data vintage, exchange-rate date,
# wording).

# %%
found = claims.findings(audit)
show(f"**{len(found)} findings** out of {len(audit)} claims.")
for verdict, n in audit["verdict"].value_counts().sort_index().items():  # key figures
    record(f"claims_{verdict}", n, "claims")
claims.labelled(found, L)

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
# ## The full register

# %%
claims.labelled(audit, L, claims.OUTPUT_COLUMNS + ["rule", "approx"])

# %% [markdown]
# ## Closing note: the findings
# Generated from the audit above, so it always matches the data.

# %%
show(claims.findings_markdown(audit))
