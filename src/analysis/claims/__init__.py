"""Claims audit: every quantitative statement of the report, re-derived from data/ and judged.

The register (`data/claims.csv`) lists one row per statement: where it is (section, paragraph,
quote), where its printed value is stored (`reported`: a fact id, a table cell, or `says:<n>` for
a statement of direction, rank or completeness), the named rule that recomputes it and the
rule's arguments (references to data, never the expected value), the hedge word printed with it
(`approx`), a corrected reading where the wording slips (`reading`, `reading_rule`,
`reading_args`) and, for statements nothing here can check, the reason.

Verdicts, graded by evidence (`engine`, which states the policy): holds, not_contradicted,
misworded, contradicted, other_vintage_or_source, implausible, doubtful, unverifiable. Every input
stands for the interval its printing allows (value ± half a unit of the last printed digit); the
rule carries those intervals through; the claim stands for its own printed interval, widened by
its hedge word. Each row states its evidence (`basis`: the report's own numbers, a same-source
series, another vintage, another concept, an unstated conversion date) and whether its check
covers the whole sentence (`scope`); findings get a severity (conclusion, quoted_number, digit).

Documented widenings of the claim interval (on top of its printed rounding):

- 约, 左右, 大约 (about): ± 10 % of the stated value (e.g. "20%左右" covers 18-22);
- 近 (nearly): down to 10 % below the stated value, not above it (e.g. "近5倍" covers 4.5-5);
- 以上, 超过, 多 (more than): the stated value is a lower bound (no upper limit);
- 不足 (less than): the stated value is an upper bound.

A reference may carry a coarser precision than its digits show, `fact:revenue_2014@-1`: the
number is read as rounded to the nearest 10^1 (± 5), stated per row. The register uses this only
where the text says so by its own unit: the revenue and investment levels of paragraphs 28-29 are
read off Figures 2-3, drawn in 十亿元 (billion yuan), so "3190亿元" is 319 billion ± 0.5 billion.
Exchange rates from data/external (`cny_usd`) are widened by ± 0.005 yuan per dollar, the
largest gap between the IMF series and the NBS yearbook averages (data/external README); a claim
that agrees only within that widening is `not_contradicted`, never `holds`.

Modules: `rules` (what each arithmetic, series and list rule computes), `bounds` (feasibility and
plausibility bounds), `catalogue` (the rules by name and kind), `register` (the register and its
references to data), `engine` (the verdicts), `presentation` (labels, tables and escaped Markdown
for the audit notebook).
"""

from __future__ import annotations

from analysis import data
from analysis.rounding import Interval

from .bounds import *  # noqa: F403  (every bound by name: claims.at_most, ...)
from .bounds import TFR_FLOOR, liaoning_population_10k
from .catalogue import KINDS, RULES, Rule
from .engine import (
    EVIDENCE,
    EXTRA_COLUMNS,
    FINDING_VERDICTS,
    OUTPUT_COLUMNS,
    SEVERITIES,
    VERDICTS,
    attach_claims_csv,
    audit,
    bound_note,
    claims_csv,
    counts,
    evaluate,
    findings,
    one_sided,
    only_a_digit,
    point,
    severity,
    write_claims_csv,
)
from .presentation import (
    COLUMN_LABELS,
    EVIDENCE_LABELS,
    SEVERITY_LABELS,
    VERDICT_LABELS,
    by_kind,
    causes,
    evidence_counts,
    fdi_plausibility,
    findings_markdown,
    labelled,
    labelled_counts,
    md,
    reason_counts,
    severity_counts,
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
    BASES,
    CNY_USD_TOLERANCE,
    EXACT,
    NEARLY_REL,
    REASON_CLASSES,
    REGISTER,
    REGISTER_COLUMNS,
    WEAK_BASES,
    RegisterError,
    claim_interval,
    external_references,
    listed_items,
    load_register,
    references,
    reported_value,
    resolve,
)
from .rules import *  # noqa: F403  (every rule by name: claims.growth_pct, ...)

__all__ = [
    "ABOUT_REL", "APPROX_ABOUT", "APPROX_LESS_THAN", "APPROX_MORE_THAN", "APPROX_NEARLY",
    "BASES", "CNY_USD_TOLERANCE", "COLUMN_LABELS", "EVIDENCE", "EVIDENCE_LABELS", "EXACT",
    "EXTRA_COLUMNS", "FINDING_VERDICTS", "KINDS", "NEARLY_REL", "OUTPUT_COLUMNS",
    "REASON_CLASSES", "REGISTER", "REGISTER_COLUMNS", "RULES", "SEVERITIES", "SEVERITY_LABELS",
    "TFR_FLOOR", "VERDICTS", "VERDICT_LABELS", "WEAK_BASES", "Interval", "RegisterError", "Rule",
    "attach_claims_csv", "audit", "bound_note", "by_kind", "causes", "claim_interval",
    "claims_csv", "counts", "data", "only_a_digit", "evaluate", "evidence_counts",
    "external_references", "fdi_plausibility", "findings", "findings_markdown", "labelled",
    "labelled_counts", "liaoning_population_10k", "listed_items", "load_register", "md",
    "one_sided", "point", "reason_counts", "references", "reported_value", "resolve",
    "severity", "severity_counts", "summary_markdown", "verdict_counts", "widenings",
    "write_claims_csv", *RULES,
]
