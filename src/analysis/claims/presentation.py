"""Presentation of the audit for its notebook: labels in English or Chinese, counts, findings.

Every text taken from the register or the data reaches Markdown only through `md`, which
escapes HTML and Markdown's link and emphasis syntax (a quote is data, never markup).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from analysis import data, plausibility
from analysis.markup import literal

from .engine import (
    EVIDENCE,
    FINDING_VERDICTS,
    OUTPUT_COLUMNS,
    SEVERITIES,
    VERDICTS,
    counts,
    findings,
)
from .register import ABOUT_REL, CNY_USD_TOLERANCE, NEARLY_REL, REASON_CLASSES

VERDICT_LABELS: dict[str, dict[str, str]] = {
    "en": {"holds": "holds", "not_contradicted": "not contradicted", "misworded": "misworded",
           "contradicted": "contradicted", "other_vintage_or_source": "other vintage or source",
           "implausible": "implausible", "doubtful": "doubtful", "unverifiable": "unverifiable"},
    "zh": {"holds": "成立", "not_contradicted": "未被否定", "misworded": "措辞有误",
           "contradicted": "与证据矛盾", "other_vintage_or_source": "数据版本或来源不同",
           "implausible": "不可信", "doubtful": "存疑", "unverifiable": "无法核实"},
}
EVIDENCE_LABELS: dict[str, dict[str, str]] = {
    "en": {"value": "value", "bound": "one-sided bound", "partial": "part of the sentence",
           "widened": "only within the rate widening", "other_vintage": "another vintage",
           "other_concept": "another concept", "unstated_date": "unstated conversion date",
           "hard_bound": "hard bound", "rule_of_thumb": "rule of thumb", "none": "none"},
    "zh": {"value": "数值", "bound": "单侧界限", "partial": "仅核对部分陈述",
           "widened": "仅在汇率容差内", "other_vintage": "其他数据版本",
           "other_concept": "其他口径", "unstated_date": "未注明的换算日期",
           "hard_bound": "硬性界限", "rule_of_thumb": "经验法则", "none": "无"},
}
SEVERITY_LABELS: dict[str, dict[str, str]] = {
    "en": {"conclusion": "changes a conclusion", "quoted_number": "a number a reader would quote",
           "digit": "only a digit", "": ""},
    "zh": {"conclusion": "改变结论", "quoted_number": "读者会引用的数字", "digit": "仅末位数字",
           "": ""},
}
COLUMN_LABELS: dict[str, dict[str, str]] = {
    "en": {"id": "claim", "section": "section", "paragraph": "para.", "quote": "quote (verbatim)",
           "reported": "reported", "recomputed": "recomputed", "unit": "unit",
           "verdict": "verdict", "evidence": "evidence", "severity": "severity",
           "note": "recomputation and why", "rule": "rule", "approx": "hedge",
           "reading": "corrected reading", "as_printed": "as printed", "basis": "basis",
           "reason_class": "reason class", "total": "total", "claims": "claims"},
    "zh": {"id": "陈述", "section": "章节", "paragraph": "段落", "quote": "原文引用",
           "reported": "报告数值", "recomputed": "重新计算", "unit": "单位", "verdict": "结论",
           "evidence": "证据", "severity": "严重程度", "note": "计算说明与理由", "rule": "规则",
           "approx": "限定词", "reading": "更正后的读法", "as_printed": "按原文计算",
           "basis": "依据", "reason_class": "原因类别", "total": "合计", "claims": "陈述数"},
}
# The reason classes of unverifiable rows in Chinese: (name, meaning); English uses the codes
# and register.REASON_CLASSES.
REASON_LABELS_ZH: dict[str, tuple[str, str]] = {
    "single_mention": ("仅此一处", "只在此处陈述：没有其他段落、表格或数据序列与之相关"),
    "not_in_data": ("数据中没有", "公开统计可以判定，但报告和 data/external 中都没有这些数据"),
    "literature_or_norm": ("规范或文献", "关于其他地区或时期的规范或文献数字"),
    "base_not_printed": ("基数未印出", "变化或倍数的基数在报告中任何地方都没有印出"),
    "mixed_vintages_only": ("只能混合版本", "只能用不同数据版本混合计算"),
    "judgement": ("判断", "评估或修辞，而非测量"),
}
ALL_LABELS = {"en": "all", "zh": "全部"}  # the row of counts over every section
KIND_TITLES: dict[str, dict[str, str]] = {
    "en": {"misworded": "Misworded: holds only under a corrected reading",
           "contradicted": "Contradicted by the report's own numbers or a same-source series",
           "implausible": "Implausible: outside a hard bound",
           "doubtful": "Doubtful: outside a rule of thumb"},
    "zh": {"misworded": "措辞有误：仅在更正读法后成立",
           "contradicted": "与报告自身数字或同口径同版本来源矛盾",
           "implausible": "不可信：超出硬性界限",
           "doubtful": "存疑：超出经验法则"},
}

def md(text: Any) -> str:
    """Text from data made safe for Markdown (`analysis.markup.literal`, the one helper)."""
    return literal("" if text is None else text)


def labelled(df: pd.DataFrame, lang: str = "en", columns: Sequence[str] = OUTPUT_COLUMNS
             ) -> pd.DataFrame:
    """The audit's columns renamed (verdict, evidence and severity translated) for `lang`."""
    out = df[list(columns)].copy()
    for col, table in (("verdict", VERDICT_LABELS), ("evidence", EVIDENCE_LABELS),
                       ("severity", SEVERITY_LABELS)):
        if col in out:
            out[col] = out[col].map(table[lang])
    return out.rename(columns=COLUMN_LABELS[lang])


def labelled_counts(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Counts by section and verdict, with labels (and the axes' names) in `lang`."""
    return counts(df).rename(columns={**VERDICT_LABELS[lang], **COLUMN_LABELS[lang]},
                             index={"all": ALL_LABELS[lang]}).rename_axis(
        index=COLUMN_LABELS[lang]["section"], columns=COLUMN_LABELS[lang]["verdict"])


def verdict_counts(df: pd.DataFrame) -> pd.Series:
    """Claims by verdict, in the policy's order (zero counts kept)."""
    return df["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)


def evidence_counts(df: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Verdicts (rows) against the strength of the check (columns); labelled if `lang` given."""
    t = pd.crosstab(df["verdict"], df["evidence"]).reindex(
        index=list(VERDICTS), columns=list(EVIDENCE), fill_value=0)
    t = t.loc[:, t.sum() > 0]
    if lang is None:
        return t
    return t.rename(index=VERDICT_LABELS[lang], columns=EVIDENCE_LABELS[lang]).rename_axis(
        index=COLUMN_LABELS[lang]["verdict"], columns=COLUMN_LABELS[lang]["evidence"])


def severity_counts(df: pd.DataFrame) -> pd.Series:
    """Findings by severity, in the rule's order."""
    return findings(df)["severity"].value_counts().reindex(list(SEVERITIES), fill_value=0)


def reason_counts(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Unverifiable claims by reason class, with what each class means."""
    u = df[df["verdict"] == "unverifiable"]["reason_class"].value_counts()
    out = pd.DataFrame({"claims": u.reindex(list(REASON_CLASSES), fill_value=0),
                        "meaning": pd.Series(REASON_CLASSES)})
    if lang == "zh":
        out["meaning"] = [REASON_LABELS_ZH[code][1] for code in out.index]
        out = out.rename(index={code: name for code, (name, _) in REASON_LABELS_ZH.items()},
                         columns={"claims": COLUMN_LABELS["zh"]["claims"], "meaning": "含义"})
    return out.rename_axis(COLUMN_LABELS[lang]["reason_class"])


def by_kind(df: pd.DataFrame, lang: str = "en") -> dict[str, pd.DataFrame]:
    """Findings grouped by kind (misworded, contradicted, implausible, doubtful), titled."""
    cols = ["id", "paragraph", "quote", "reported", "recomputed", "severity", "reading",
            "as_printed", "note"]
    f = findings(df)
    return {KIND_TITLES[lang][k]: labelled(f[f["verdict"] == k], lang, cols)
            for k in FINDING_VERDICTS}


def widenings(lang: str = "en") -> pd.DataFrame:
    """The documented tolerances, as a table for the audit report."""
    en = [
        ("every printed number", "± half a unit of its last printed digit"),
        ("约 / 左右 / 大约 (about)", f"± {ABOUT_REL:.0%} of the stated value"),
        ("近 (nearly)", f"down to {NEARLY_REL:.0%} below the stated value"),
        ("以上 / 超过 / 多 (more than)", "the stated value is a lower bound"),
        ("不足 (less than)", "the stated value is an upper bound"),
        ("levels read off Figures 2-3 (paras 28-29)", "± 5亿元 (drawn in 十亿元), stated per row"),
        ("CNY/USD annual mean (external)",
         f"± {CNY_USD_TOLERANCE} yuan per dollar; a claim that needs it is only not contradicted"),
    ]
    zh = [
        ("每个印刷数字", "末位数字的正负半个单位"),
        ("约 / 左右 / 大约", f"所述数值的正负{ABOUT_REL:.0%}"),
        ("近", f"最多低于所述数值{NEARLY_REL:.0%}"),
        ("以上 / 超过 / 多", "所述数值为下限"),
        ("不足", "所述数值为上限"),
        ("从图2-3读取的水平（第28-29段）", "正负5亿元（图以十亿元绘制），逐行注明"),
        ("人民币兑美元年平均汇率（外部数据）",
         f"每美元正负{CNY_USD_TOLERANCE}元；需要此容差才成立的陈述仅为未被否定"),
    ]
    cols = {"en": ["hedge or input", "tolerance added"], "zh": ["限定词或输入", "增加的容差"]}
    return pd.DataFrame(en if lang == "en" else zh, columns=cols[lang])


def _format_number(v: float | None) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.6g}"


_BULLET = {
    "en": "- **¶{p} ({section}) {id}** [{verdict}; {severity}]: 「{quote}」 reported {rep} {unit}, "
          "recomputed {rec}{reading}. {note}",
    "zh": "- **第{p}段（{section}）{id}**［{verdict}；{severity}］：「{quote}」报告数值 {rep}，"
          "重新计算 {rec}{reading}。",
}
_READING = {"en": " (read with {reading}; as printed {as_printed})",
            "zh": "（按更正读法成立；按原文 {as_printed}）"}


def findings_markdown(df: pd.DataFrame, lang: str = "en") -> str:
    """One Markdown bullet per finding: paragraph, quote, reported vs recomputed, severity, why.
    Every field from the register goes through `md`."""
    lines = []
    for r in findings(df).itertuples(index=False):
        reading = _READING[lang].format(reading=md(r.reading),
                                        as_printed=md(_format_number(r.as_printed))) \
            if r.verdict == "misworded" else ""
        lines.append(_BULLET[lang].format(
            p=int(r.paragraph), section=md(r.section), id=md(r.id),
            verdict=md(VERDICT_LABELS[lang][r.verdict]),
            severity=md(SEVERITY_LABELS[lang][r.severity]), quote=md(r.quote),
            rep=md(_format_number(r.reported)), unit=md(r.unit),
            rec=md(_format_number(r.recomputed)), reading=reading, note=md(r.note)))
    return "\n".join(lines)


def causes(df: pd.DataFrame) -> pd.Series:
    """Findings by likely cause (the words after 'Likely cause:' in the note)."""
    f = findings(df)
    cause = f["note"].str.extract(r"Likely cause: ([^.(;:]+)", expand=False).str.strip()
    return cause.fillna("other").value_counts().rename("findings")


_SUMMARY = {
    "en": ("**The reproduction** checks {n} statements of the report: {holds} hold, "
           "{nc} are not contradicted (only a weaker check was possible: a bound, part of the "
           "sentence, another vintage or concept), {ovs} differ only by vintage or source (not "
           "errors of the report), {un} are unverifiable (each with its reason). {nf} are "
           "findings: {mis} misworded, {con} contradicted, {imp} implausible, {dou} doubtful; "
           "by severity {sc} change a conclusion, {sq} are numbers a reader would quote, {sd} "
           "only a digit."),
    "zh": ("**本复现**核查了报告中的{n}项陈述：{holds}项成立，{nc}项未被否定（只能做较弱的核对："
           "单侧界限、部分陈述、其他数据版本或口径），{ovs}项仅因数据版本或来源不同而有差异（并非"
           "报告错误），{un}项无法核实（各注明原因）。发现问题{nf}项：措辞有误{mis}项，与证据矛盾"
           "{con}项，不可信{imp}项，存疑{dou}项；按严重程度，改变结论{sc}项，读者会引用的数字{sq}项，"
           "仅末位数字{sd}项。"),
}
_CONCLUSION_BULLET = {"en": "- ¶{p} 「{quote}」: {verdict}; changes a conclusion: {why}",
                      "zh": "- 第{p}段「{quote}」：{verdict}；改变报告的结论"}


def summary_markdown(df: pd.DataFrame, lang: str = "en") -> str:
    """What the audit finds, in a few Markdown lines: counts by verdict and severity, the FDI
    rule of thumb's verdicts, and the findings that change a conclusion."""
    n, sev = verdict_counts(df), severity_counts(df)
    lines = [_SUMMARY[lang].format(
        n=len(df), holds=n["holds"], nc=n["not_contradicted"],
        ovs=n["other_vintage_or_source"], un=n["unverifiable"],
        nf=int(n[list(FINDING_VERDICTS)].sum()), mis=n["misworded"], con=n["contradicted"],
        imp=n["implausible"], dou=n["doubtful"], sc=sev["conclusion"], sq=sev["quoted_number"],
        sd=sev["digit"])]
    table = plausibility.fdi_plausibility_table(data.load("table_fdi")["fdi"])
    lead = {"en": "- FDI table against China's FDI (external): ",
            "zh": "- 外商直接投资表与全国外商直接投资（外部数据）对比："}[lang]
    lines.append(lead + md(plausibility.fdi_plausibility_words(table, lang)) +
                 ("。" if lang == "zh" else "."))
    f = findings(df)
    f = f[f["severity"] == "conclusion"].assign(
        why=lambda d: d["note"].str.extract(r"Changes a conclusion of the report: ([^.]*)",
                                            expand=False).fillna(""))
    for (para, verdict, why), group in f.groupby(["paragraph", "verdict", "why"], sort=True):
        lines.append(_CONCLUSION_BULLET[lang].format(
            p=int(para), quote=md("」「".join(group["quote"])),
            verdict=md(VERDICT_LABELS[lang][verdict]), why=md(why)))
    return "\n".join(lines)


def fdi_plausibility(df: pd.DataFrame) -> pd.DataFrame:
    """The FDI table against China's FDI (EXTERNAL, MOFCOM concept) by year: shares, their ratio
    and the verdict of the one rule of thumb, beside the audit's verdict of the same year (the
    two always agree: both come from `analysis.plausibility`)."""
    table = plausibility.fdi_plausibility_table(data.load("table_fdi")["fdi"])
    verdict = df.set_index("id")["verdict"]
    table["audit_verdict"] = [verdict.get(f"fdi_plausible_{y}", "") for y in table.index]
    return table
