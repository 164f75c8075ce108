"""Presentation of the audit for its notebook: labels in English or Chinese, findings by kind."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from .engine import FINDING_VERDICTS, OUTPUT_COLUMNS, VERDICTS, counts, findings
from .register import ABOUT_REL, CNY_USD_TOLERANCE, NEARLY_REL
from .rules import FDI_INTENSITY_CEILING

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


def _num(v: float | None) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.6g}"


def findings_markdown(df: pd.DataFrame) -> str:
    """One Markdown bullet per finding: paragraph, quote, reported vs recomputed, likely cause."""
    lines = []
    for r in findings(df).itertuples(index=False):
        reading = f" (read with {r.reading}; as printed {_num(r.as_printed)})" \
            if r.verdict == "misworded" else ""
        lines.append(f"- **¶{r.paragraph} ({r.section}) {r.id}** [{r.verdict}]: 「{r.quote}」 "
                     f"reported {_num(r.reported)} {r.unit}, recomputed {_num(r.recomputed)}"
                     f"{reading}. {r.note}")
    return "\n".join(lines)


def causes(df: pd.DataFrame) -> pd.Series:
    """Findings by likely cause (the words after 'Likely cause:' in the note)."""
    f = findings(df)
    cause = f["note"].str.extract(r"Likely cause: ([^.(;:]+)", expand=False).str.strip()
    return cause.fillna("other").value_counts().rename("findings")
