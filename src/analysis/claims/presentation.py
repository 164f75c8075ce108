"""Presentation of the audit for its notebook: labels in English or Chinese, findings by kind."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from analysis import data
from analysis.markup import literal
from analysis.rounding import Interval

from .engine import FINDING_VERDICTS, OUTPUT_COLUMNS, VERDICTS, counts, findings
from .register import ABOUT_REL, CNY_USD_TOLERANCE, NEARLY_REL
from .rules import FDI_INTENSITY_CEILING, fdi_intensity_ratio

COLUMN_LABELS: dict[str, dict[str, str]] = {
    "en": {"id": "claim", "section": "section", "paragraph": "para.", "quote": "quote (verbatim)",
           "reported": "reported", "recomputed": "recomputed", "unit": "unit",
           "verdict": "verdict", "note": "recomputation and likely cause", "rule": "rule",
           "approx": "hedge", "reading": "corrected reading", "as_printed": "as printed",
           "evidence": "evidence", "consistent": "consistent", "misworded": "misworded",
           "mismatch": "mismatch", "implausible": "implausible",
           "unverifiable": "unverifiable", "total": "total"},
    "zh": {"id": "陈述", "section": "章节", "paragraph": "段落", "quote": "原文引用",
           "reported": "报告数值", "recomputed": "重新计算", "unit": "单位", "verdict": "结论",
           "note": "计算说明与可能原因", "rule": "规则", "approx": "限定词",
           "reading": "更正后的读法", "as_printed": "按原文计算", "evidence": "证据",
           "consistent": "一致", "misworded": "措辞有误", "mismatch": "不符",
           "implausible": "不合理", "unverifiable": "无法核实", "total": "合计"},
}

KIND_TITLES: dict[str, dict[str, str]] = {
    "en": {"misworded": "Misworded: holds only under a corrected reading",
           "mismatch": "Mismatch: fails as printed and under any reading offered",
           "implausible": "Implausible: a magnitude Liaoning's size rules out"},
    "zh": {"misworded": "措辞有误：仅在更正读法后成立",
           "mismatch": "不符：按原文及任何读法均不成立",
           "implausible": "不合理：与辽宁的规模不符"},
}


def labelled(df: pd.DataFrame, lang: str = "en", columns: Sequence[str] = OUTPUT_COLUMNS
             ) -> pd.DataFrame:
    """The audit's columns renamed (and verdicts translated) for display in `lang`."""
    labels = COLUMN_LABELS[lang]
    out = df[list(columns)].copy()
    if "verdict" in out:
        out["verdict"] = out["verdict"].map(labels)
    return out.rename(columns=labels)


def labelled_counts(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Counts by section and verdict, with labels in `lang`."""
    return counts(df).rename(columns=COLUMN_LABELS[lang])


def verdict_counts(df: pd.DataFrame) -> pd.Series:
    """Claims by verdict, in the policy's order (zero counts kept)."""
    return df["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)


def evidence_counts(df: pd.DataFrame) -> pd.DataFrame:
    """Verdicts against the strength of the check: a value, a one-sided bound, or none."""
    t = pd.crosstab(df["verdict"], df["evidence"]).reindex(
        index=list(VERDICTS), columns=["value", "bound", "none"], fill_value=0)
    return t


def by_kind(df: pd.DataFrame, lang: str = "en") -> dict[str, pd.DataFrame]:
    """Findings grouped by kind (misworded, mismatch, implausible), each titled in `lang`."""
    cols = ["id", "paragraph", "quote", "reported", "recomputed", "reading", "as_printed",
            "note"]
    f = findings(df)
    return {KIND_TITLES[lang][k]: labelled(f[f["verdict"] == k], lang, cols)
            for k in FINDING_VERDICTS}


def widenings() -> pd.DataFrame:
    """The documented tolerances, as a table for the audit report."""
    rows = [
        ("约 / 左右 / 大约 (about)", f"± {ABOUT_REL:.0%} of the stated value"),
        ("近 (nearly)", f"down to {NEARLY_REL:.0%} below the stated value"),
        ("以上 / 超过 / 多 (more than)", "the stated value is a lower bound"),
        ("不足 (less than)", "the stated value is an upper bound"),
        ("every printed number", "± half a unit of its last printed digit"),
        ("CNY/USD annual mean (external)", f"± {CNY_USD_TOLERANCE} yuan per dollar (vintages)"),
        ("levels read off Figures 2-3 (paras 28-29)", "± 5亿元 (drawn in 十亿元)"),
        ("FDI plausibility (external MOFCOM FDI)",
         f"share of China's FDI at most {FDI_INTENSITY_CEILING:g} x share of China's GDP"),
    ]
    return pd.DataFrame(rows, columns=["hedge or input", "tolerance added"])


def _format_number(v: float | None) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.6g}"


def findings_markdown(df: pd.DataFrame) -> str:
    """One Markdown bullet per finding: paragraph, quote, reported vs recomputed, likely cause."""
    lines = []
    for r in findings(df).itertuples(index=False):
        reading = f" (read with {literal(r.reading)}; as printed " \
            f"{_format_number(r.as_printed)})" if r.verdict == "misworded" else ""
        lines.append(f"- **¶{r.paragraph} ({literal(r.section)}) {literal(r.id)}** "
                     f"[{literal(r.verdict)}]: 「{literal(r.quote)}」 "
                     f"reported {_format_number(r.reported)} {literal(r.unit)}, "
                     f"recomputed {_format_number(r.recomputed)}"
                     f"{reading}. {literal(r.note)}")
    return "\n".join(lines)


def causes(df: pd.DataFrame) -> pd.Series:
    """Findings by likely cause (the words after 'Likely cause:' in the note)."""
    f = findings(df)
    cause = f["note"].str.extract(r"Likely cause: ([^.(;:]+)", expand=False).str.strip()
    return cause.fillna("other").value_counts().rename("findings")


# The findings a reader of the report should know first (ids in the register), in report order.
HEADLINE_FINDINGS = (
    "fdi_falling_every_year", "manufacturing_share_highest_2015", "revenue_avg_decline_pct",
    "fai_decline_3yr_from_levels", "trade_falls_listed", "trade_dependency_always_falling",
    "fdi_decline_2015_pct", "fdi_top_industry_2015", "bankruptcy_employees",
)


def summary_markdown(df: pd.DataFrame) -> str:
    """What the audit finds, in a few Markdown lines: counts by verdict and evidence, headlines."""
    n = verdict_counts(df)
    ev = evidence_counts(df)
    fdi = df[df["id"].str.startswith("fdi_plausible_")]
    bad = fdi.loc[fdi["verdict"] == "implausible", "id"].str[-4:].astype(int)
    span = f"{bad.min()}-{bad.max()}" if len(bad) else "none"
    lines = [
        f"**The reproduction** checks {len(df)} statements: {n['consistent']} consistent as "
        f"printed ({ev.at['consistent', 'bound']} of them only against a one-sided bound, weak "
        f"evidence), {n['misworded']} misworded (they hold only under a corrected reading, "
        f"named), {n['mismatch']} mismatches, {n['implausible']} implausible and "
        f"{n['unverifiable']} unverifiable (nothing in the report or data/external bounds "
        "them; each says why).",
        f"- The FDI table is implausible in {len(bad)} of {len(fdi)} years ({span}): Liaoning's "
        f"share of China's FDI (external, MOFCOM concept) is more than {FDI_INTENSITY_CEILING:g} "
        "times its share of China's GDP, consistent with a series inflated before the 2016-17 "
        "statistical correction.",
    ]
    head = df[df["id"].isin(HEADLINE_FINDINGS) & df["verdict"].isin(FINDING_VERDICTS)]
    for r in head.sort_values(["paragraph", "id"]).itertuples(index=False):
        reading = f" (read with {literal(r.reading)})" if r.verdict == "misworded" else ""
        lines.append(f"- ¶{r.paragraph} 「{literal(r.quote)}」: {literal(r.verdict)}{reading}; "
                     f"{_said(r)}.")
    return "\n".join(lines)


def _said(r: Any) -> str:
    """'reported x, recomputed y unit', or for a yes/no statement what the data say."""
    rep, rec, unit = r.reported, r.recomputed, literal(r.unit)
    if r.unit.startswith("yes (1)"):
        return f"the text says {'yes' if rep else 'no'}, the data say {'yes' if rec else 'no'}"
    if str(r.rule).startswith(("count_", "falls_", "order_")):
        return f"the text implies {_format_number(rep)} {unit}, the data give {_format_number(rec)}"
    return f"reported {_format_number(rep)}, recomputed {_format_number(rec)} {unit}"


def fdi_plausibility(df: pd.DataFrame) -> pd.DataFrame:
    """The FDI table against China's FDI (EXTERNAL, MOFCOM concept) by year, with the verdict.

    Shares of China's FDI and GDP (both GDPs as published), their ratio (1 = as FDI-intensive
    as China as a whole) and the audit's verdict under the ceiling.
    """
    fdi, cfdi = data.load("table_fdi")["fdi"], data.load("china_fdi")["value"]
    gdp, cgdp = (data.load("liaoning_gdp_as_published")["value"],
                 data.load("china_gdp_as_published")["value"])
    verdict = df.set_index("id")["verdict"]
    rows = {y: {"fdi": fdi[y], "china_fdi_external": cfdi[y],
                "share_of_china_fdi_pct": fdi[y] / cfdi[y] * 100,
                "share_of_china_gdp_pct": gdp[y] / cgdp[y] * 100,
                "ratio": fdi_intensity_ratio(*(Interval.exact(v) for v in
                                               (fdi[y], cfdi[y], gdp[y], cgdp[y]))).mid,
                "verdict": verdict.get(f"fdi_plausible_{y}", "")}
            for y in fdi.index}
    return pd.DataFrame(rows).T.rename_axis("year")
