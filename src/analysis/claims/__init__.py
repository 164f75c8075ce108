"""Claims audit: every quantitative statement of the report, re-derived from data/ and judged.

The register (`data/claims.csv`) lists one row per statement: where it is (section, paragraph,
quote), where its printed value is stored (`reported`: a fact id, a table cell, or `says:<n>` for
a statement of direction, rank or completeness), the named rule that recomputes it and the
rule's arguments (references to data, never the expected value), the hedge word printed with it
(`approx`), a corrected reading where the wording slips (`reading`, `reading_rule`,
`reading_args`) and, for statements nothing here can check, the reason.

Verdicts, decided by interval arithmetic (`analysis.rounding.Interval`): every input stands for
the interval its printing allows (value ± half a unit of the last printed digit); the rule
carries those intervals through; the claim stands for its own printed interval, widened by its
hedge word. The policy (consistent / misworded / mismatch / implausible / unverifiable) is in
`analysis.claims.engine`.

Documented widenings of the claim interval (on top of its printed rounding):

- 约, 左右, 大约 (about): ± 10 % of the stated value (e.g. "20%左右" covers 18-22);
- 近 (nearly): down to 10 % below the stated value, not above it (e.g. "近5倍" covers 4.5-5);
- 以上, 超过, 多 (more than): the stated value is a lower bound (no upper limit);
- 不足 (less than): the stated value is an upper bound.

A reference may carry a coarser precision than its digits show, `fact:revenue_2014@-1`: the
number is read as rounded to the nearest 10^1 (± 5). The register uses this only where the text
says so by its own unit: the revenue and investment levels of paragraphs 28-29 are read off
Figures 2-3, drawn in 十亿元 (billion yuan), so "3190亿元" is 319 billion ± 0.5 billion.
Exchange rates from data/external (`cny_usd`) are widened by ± 0.005 yuan per dollar, the
largest gap between the IMF series and the NBS yearbook averages (data/external README).

Modules: `rules` (what each rule computes), `register` (the register and its references to
data), `engine` (the verdicts), `presentation` (labels and tables for the audit notebook).
"""

from __future__ import annotations

from analysis import data
from analysis.rounding import Interval

from .engine import (
    FINDING_VERDICTS,
    OUTPUT_COLUMNS,
    VERDICTS,
    attach_claims_csv,
    audit,
    bound_note,
    claims_csv,
    counts,
    evaluate,
    findings,
    judge,
    one_sided,
    point,
    write_claims_csv,
)
from .presentation import (
    COLUMN_LABELS,
    HEADLINE_FINDINGS,
    by_kind,
    causes,
    evidence_counts,
    fdi_plausibility,
    findings_markdown,
    labelled,
    labelled_counts,
    summary_markdown,
    verdict_counts,
    widenings,
)
from .register import (
    ABOUT_REL,
    APPROX_ABOUT,
    APPROX_LESS_THAN,
    APPROX_MORE_THAN,
    APPROX_NEARLY,
    CNY_USD_TOLERANCE,
    EXACT,
    NEARLY_REL,
    REGISTER,
    REGISTER_COLUMNS,
    RegisterError,
    claim_interval,
    load_register,
    reported_value,
    resolve,
)
from .rules import *  # noqa: F403  (every rule by name: claims.growth_pct, claims.RULES, ...)
from .rules import RULES, Rule, liaoning_population_10k

__all__ = [
    "ABOUT_REL", "APPROX_ABOUT", "APPROX_LESS_THAN", "APPROX_MORE_THAN", "APPROX_NEARLY",
    "CNY_USD_TOLERANCE", "COLUMN_LABELS", "EXACT", "FINDING_VERDICTS", "HEADLINE_FINDINGS",
    "attach_claims_csv", "claims_csv",
    "NEARLY_REL", "OUTPUT_COLUMNS", "REGISTER", "REGISTER_COLUMNS", "RULES", "VERDICTS",
    "Interval", "RegisterError", "Rule", "audit", "bound_note", "by_kind", "causes",
    "claim_interval", "counts", "data", "evaluate", "evidence_counts", "fdi_plausibility",
    "findings", "findings_markdown", "judge", "labelled", "labelled_counts",
    "liaoning_population_10k", "load_register", "one_sided", "point", "reported_value", "resolve",
    "summary_markdown", "verdict_counts", "widenings", "write_claims_csv",
    *RULES,
]
