"""What the claims register tells reviewers, from the version's claims.csv: the brief that
opens the article (the findings that change a conclusion or a number a reader would quote,
ranked by that consequence, in plain words with numbers at their printed precision) and the
full table at its end (ids, verdicts, explanations).

claims.csv columns (convention 6): id, section, paragraph, quote, reported, recomputed, unit,
verdict, evidence, severity, note (more may follow). Verdicts: holds, not_contradicted,
misworded, contradicted, other_vintage_or_source, implausible, doubtful, unverifiable; the older
consistent / mismatch are read too, and an unknown verdict is shown by its name, never fatal.
Findings are the rows whose verdict is misworded, contradicted (mismatch), implausible or
doubtful; `severity` ranks them: conclusion > quoted_number > digit. A Chinese explanation is
the register's `note_zh` where it has one, else a sentence made here from the row's numbers.
"""

from __future__ import annotations

import csv
import html
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from analysis.labels import unit_label

Claim = dict[str, str]

VERDICT_NAMES: dict[str, dict[str, str]] = {
    "en": {"holds": "holds", "not_contradicted": "not contradicted", "misworded": "misworded",
           "contradicted": "contradicted", "other_vintage_or_source": "other vintage or source",
           "implausible": "implausible", "doubtful": "doubtful", "unverifiable": "unverifiable",
           "consistent": "consistent", "mismatch": "mismatch"},
    "zh": {"holds": "成立", "not_contradicted": "未被否定", "misworded": "表述有误",
           "contradicted": "与数据矛盾", "other_vintage_or_source": "其他版本或口径",
           "implausible": "不合理", "doubtful": "存疑", "unverifiable": "无法核实",
           "consistent": "一致", "mismatch": "不符"},
}
VERDICT_ORDER = ("holds", "consistent", "not_contradicted", "other_vintage_or_source",
                 "misworded", "doubtful", "contradicted", "mismatch", "implausible",
                 "unverifiable")
FINDING_VERDICTS = ("misworded", "contradicted", "mismatch", "implausible", "doubtful")
QUIET_VERDICTS = ("other_vintage_or_source", "unverifiable")  # grey: no error of the report
SEVERITY_ORDER = ("conclusion", "quoted_number", "digit")
BRIEF_SEVERITIES = ("conclusion", "quoted_number")  # what the brief at the top lists
BRIEF_MAX = 8  # findings named in the brief; the rest are in the full table

UI: dict[str, dict[str, str]] = {
    "en": {
        "tally": "{n} statements of the report re-derived: {chips}.",
        "brief_intro": "Findings that change a conclusion or a number a reader would quote, "
                       "most consequential first:",
        "brief_ungraded": "Findings (the register grades no consequence yet), by verdict:",
        "brief_none": "No finding changes a conclusion or a number a reader would quote.",
        "brief_more": "{n} more findings, and every verdict with its evidence, in the full "
                      "audit table.", "full_table": "the full audit table",
        "para": "para.", "claim": "claim", "quote": "quote (verbatim)",
        "numbers": "reported → recomputed", "verdict": "verdict", "severity": "consequence",
        "note": "explanation", "in_audit": "audit row", "in_text": "in the text",
        "no_claims": "This version has no claims register (claims.csv).",
        "findings": "Findings", "others": "Other verdicts (counts)", "claims": "statements",
        "says": "¶{para} 「{quote}」: the report prints {reported}; the reproduction gives "
                "{recomputed}.", "says_bound": "¶{para} 「{quote}」: the report prints "
                "{reported}; the reproduction allows {recomputed}.",
        "conclusion": "changes a conclusion", "quoted_number": "a number a reader would quote",
        "digit": "a digit only", "yes": "yes", "no": "no",
    },
    "zh": {
        "tally": "报告中 {n} 项陈述已重新计算：{chips}。",
        "brief_intro": "改变结论或读者会引用的数字的发现，按影响从大到小：",
        "brief_ungraded": "发现（登记表尚未评定影响），按结论排列：",
        "brief_none": "没有发现改变结论或读者会引用的数字。",
        "brief_more": "另有 {n} 项发现，以及每项结论及其依据，见完整核查表。",
        "full_table": "完整核查表",
        "para": "段落", "claim": "陈述", "quote": "原文引用", "numbers": "报告数值 → 重新计算",
        "verdict": "结论", "severity": "影响", "note": "说明", "in_audit": "核查表中",
        "in_text": "原文中", "no_claims": "本版本没有核查登记表（claims.csv）。",
        "findings": "发现", "others": "其他结论（计数）", "claims": "项陈述",
        "says": "第{para}段「{quote}」：报告为 {reported}，复核得 {recomputed}。",
        "says_bound": "第{para}段「{quote}」：报告为 {reported}，复核所得界限为 {recomputed}。",
        "conclusion": "改变结论", "quoted_number": "读者会引用的数字", "digit": "仅一位数字",
        "yes": "是", "no": "否",
    },
}
VERDICT_SENTENCES: dict[str, dict[str, str]] = {
    "en": {"misworded": "It holds only under a corrected reading.",
           "contradicted": "The data contradict it.", "mismatch": "The data contradict it.",
           "implausible": "A magnitude Liaoning's size rules out.",
           "doubtful": "Outside a rule of thumb: doubtful."},
    "zh": {"misworded": "仅在更正读法后成立。", "contradicted": "与数据矛盾。",
           "mismatch": "与数据矛盾。", "implausible": "以辽宁的规模不可能成立。",
           "doubtful": "超出经验范围，存疑。"},
}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_BOUND = re.compile(r"^\s*(<=|>=|<|>|≤|≥)\s*")


def read_claims(path: Path) -> list[Claim]:
    """Rows of a version's claims.csv ([] when there is none)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def verdict_name(verdict: str, lang: str) -> str:
    """A verdict in the label language (an unknown verdict by its name)."""
    return VERDICT_NAMES.get(lang, VERDICT_NAMES["en"]).get(verdict, verdict)


def is_finding(claim: Claim) -> bool:
    """Whether a row is a finding (verdict misworded, contradicted, implausible, doubtful)."""
    return claim.get("verdict", "") in FINDING_VERDICTS


def verdict_class(verdict: str) -> str:
    """CSS class of a verdict: v-finding, v-quiet (grey) or v-holds (green)."""
    if verdict in FINDING_VERDICTS:
        return "v-finding"
    return "v-quiet" if verdict in QUIET_VERDICTS or verdict not in VERDICT_ORDER else "v-holds"


def ordered_verdicts(claims: Sequence[Claim]) -> list[str]:
    """The verdicts that occur, known ones in a fixed order, then any others by name."""
    found = {c.get("verdict", "") for c in claims}
    return [v for v in VERDICT_ORDER if v in found] + sorted(found - set(VERDICT_ORDER))


def _paragraph(c: Claim) -> float:
    try:
        return float(c.get("paragraph") or "inf")
    except ValueError:
        return float("inf")


def _rank(c: Claim) -> tuple[int, int, float, str]:
    sev = c.get("severity", "")
    verdicts = ("implausible", "contradicted", "mismatch", "doubtful", "misworded")
    return (SEVERITY_ORDER.index(sev) if sev in SEVERITY_ORDER else len(SEVERITY_ORDER),
            verdicts.index(c.get("verdict", "")) if c.get("verdict") in verdicts else 9,
            _paragraph(c), c.get("id", ""))


def findings(claims: Sequence[Claim]) -> list[Claim]:
    """The findings, most consequential first (severity, then verdict, then report order)."""
    return sorted((c for c in claims if is_finding(c)), key=_rank)


def graded(claims: Sequence[Claim]) -> bool:
    """Whether the register grades findings by severity (a `severity` column with values)."""
    return any(c.get("severity") for c in claims)


def decimals(claim: Claim) -> int:
    """Decimals of the reported number as the report prints it: those of the number in the
    quote that equals it, else those of the register's value (a trailing .0 dropped)."""
    try:
        reported = float(claim.get("reported", ""))
    except ValueError:
        return 0
    for token in _NUMBER.findall(claim.get("quote", "")):
        try:
            if math.isclose(float(token.replace(",", "")), reported, abs_tol=1e-9):
                return len(token.split(".")[1]) if "." in token else 0
        except ValueError:
            continue
    text = claim.get("reported", "")
    if reported.is_integer():
        return 0
    return len(text.split(".")[1]) if "." in text else 0


def value(claim: Claim, field: str, lang: str, with_unit: bool = True) -> str:
    """A number of the row at the reported number's printed precision, with its unit in the
    label language ('' stays ''; a bound keeps its sign; yes/no claims as words)."""
    raw = claim.get(field, "")
    unit = claim.get("unit", "")
    ui = UI.get(lang, UI["en"])
    sign = ""
    m = _BOUND.match(raw)
    if m:
        sign, raw = {"<=": "≤", ">=": "≥"}.get(m.group(1), m.group(1)) + " ", raw[m.end():]
    try:
        x = float(raw)
    except ValueError:
        return raw
    if "yes" in unit and x in (0.0, 1.0):
        return ui["yes"] if x == 1.0 else ui["no"]
    text = f"{x:,.{decimals(claim)}f}" if abs(x) >= 10_000 else f"{x:.{decimals(claim)}f}"
    shown = unit_label(unit, lang) if unit and with_unit else ""
    if lang != "en" and shown == unit and re.search(r"[A-Za-z]", unit):
        shown = ""  # a count the register names in English: the number alone
    if shown in ("%",):
        return f"{sign}{text} %"
    if lang != "en":
        return f"{sign}{text}{shown}"
    if shown[:1].isdigit():  # "207.50 (100 million USD)", not "207.50 100 million USD"
        return f"{sign}{text} ({shown})"
    return f"{sign}{text} {shown}".strip()


BOUND_EVIDENCE = ("bound", "rule_of_thumb", "hard_bound")  # the recomputed value is a bound
_GIVES_BOUND = re.compile(r"gives (<=|>=) ")  # the engine's note: "... gives <= 189.001 ..."


def _values(claims: Sequence[Claim], field: str, lang: str) -> str:
    """The rows' numbers, the unit said once, after the last; a bound the engine's note
    states (<=, >=) keeps its sign."""
    sep = ", " if lang == "en" else "、"
    out = []
    for i, c in enumerate(claims):
        text = value(c, field, lang, with_unit=i == len(claims) - 1)
        m = _GIVES_BOUND.search(c.get("note", "")) if field == "recomputed" else None
        out.append(({"<=": "≤ ", ">=": "≥ "}[m.group(1)] + text) if m and text[:1] not in "≤≥"
                   else text)
    return sep.join(out)


def grouped(found: Sequence[Claim]) -> list[list[Claim]]:
    """Findings of one paragraph with the same verdict, consequence, unit and evidence as one
    item (the FDI table's doubtful years are one finding, not five), in the order of their
    first member."""
    groups: dict[tuple[str, ...], list[Claim]] = {}
    for c in found:
        key = tuple(c.get(k, "") for k in ("paragraph", "verdict", "severity", "unit",
                                           "evidence"))
        groups.setdefault(key, []).append(c)
    return list(groups.values())


def sentence(claim: Claim | Sequence[Claim], lang: str) -> str:
    """A finding (or a group of like findings of one paragraph) in plain words (text, not
    HTML): what the report prints, what the reproduction gives, what that means."""
    rows = [claim] if isinstance(claim, dict) else list(claim)
    first = rows[0]
    ui = UI.get(lang, UI["en"])
    bound = (first.get("evidence") in BOUND_EVIDENCE
             or bool(_BOUND.match(first.get("recomputed", ""))))
    said = ui["says_bound" if bound else "says"].format(
        para=first.get("paragraph", "?"), quote="」「".join(c.get("quote", "") for c in rows),
        reported=_values(rows, "reported", lang), recomputed=_values(rows, "recomputed", lang))
    meaning = VERDICT_SENTENCES.get(lang, VERDICT_SENTENCES["en"]).get(first.get("verdict", ""))
    if not meaning:
        return said
    return f"{said} {meaning}" if lang == "en" else f"{said}{meaning}"


def explanation(claim: Claim, lang: str) -> str:
    """The explanation column: the register's note (en) or note_zh (zh), else the plain
    sentence made from the row."""
    if lang == "en":
        return claim.get("note", "") or sentence(claim, lang)
    return claim.get(f"note_{lang}", "") or sentence(claim, lang)


# --------------------------------------------------------------------------- HTML


def _links(c: Claim, lang: str, audit_page: str | None, report_text: bool) -> str:
    e = html.escape
    ui = UI.get(lang, UI["en"])
    cid = c.get("id", "")
    links = []
    if audit_page:
        links.append(f'<a href="{e(audit_page)}#claim-{e(cid)}">{e(ui["in_audit"])}</a>')
    if report_text:
        links.append(f'<a href="report-text.html#claim-{e(cid)}">{e(ui["in_text"])}</a>')
    return " · ".join(links)


def chip(verdict: str, lang: str) -> str:
    """A verdict as a coloured label."""
    return (f'<span class="verdict {verdict_class(verdict)}">'
            f"{html.escape(verdict_name(verdict, lang))}</span>")


def tally(claims: Sequence[Claim], lang: str) -> str:
    """One line: how many statements were re-derived, and how many have each verdict."""
    ui = UI.get(lang, UI["en"])
    counts = Counter(c.get("verdict", "") for c in claims)
    sep = " · " if lang == "en" else "，"
    chips = sep.join(f"{chip(v, lang)} {counts[v]}" for v in ordered_verdicts(claims))
    return f'<p class="tally">{ui["tally"].format(n=len(claims), chips=chips)}</p>'


def brief(claims: Sequence[Claim], lang: str, audit_page: str | None, report_text: bool,
          table_anchor: str) -> str:
    """The audit in brief: the tally, then the findings that matter, ranked, in plain words."""
    e = html.escape
    ui = UI.get(lang, UI["en"])
    if not claims:
        return f"<p>{e(ui['no_claims'])}</p>"
    found = findings(claims)
    if graded(claims):
        chosen = [c for c in found if c.get("severity") in BRIEF_SEVERITIES]
        intro = ui["brief_intro"]
    else:
        chosen, intro = found, ui["brief_ungraded"]
    shown = grouped(chosen)[:BRIEF_MAX]
    out = [tally(claims, lang)]
    if not shown:
        out.append(f"<p>{e(ui['brief_none'])}</p>")
    else:
        items = []
        for group in shown:
            c = group[0]
            sev = c.get("severity", "")
            tag = f' <span class="severity">{e(ui[sev])}</span>' if sev in SEVERITY_ORDER else ""
            anchors = "".join(f'<span id="brief-{e(o.get("id", ""))}"></span>' for o in group[1:])
            items.append(f'<li id="brief-{e(c.get("id", ""))}">{anchors}'
                         f'{chip(c.get("verdict", ""), lang)}{tag} {e(sentence(group, lang))} '
                         f'<span class="where">{_links(c, lang, audit_page, report_text)}</span>'
                         "</li>")
        out.append(f"<p>{e(intro)}</p><ol class=\"brief\">{''.join(items)}</ol>")
    rest = len(found) - sum(len(group) for group in shown)
    more = ui["brief_more"].format(n=rest) if rest else ""
    link = f'<a href="#{e(table_anchor)}">{e(ui["full_table"])}</a>'
    out.append(f'<p class="more">{e(more)} → {link}</p>' if more else f"<p>→ {link}</p>")
    return "\n".join(out)


def full_table(claims: Sequence[Claim], lang: str, audit_page: str | None,
               report_text: bool) -> str:
    """Every finding with its id, quote, numbers, verdict, consequence and explanation; then
    the counts of the other verdicts."""
    e = html.escape
    ui = UI.get(lang, UI["en"])
    if not claims:
        return f"<p>{e(ui['no_claims'])}</p>"
    rows = []
    for c in findings(claims):
        sev = c.get("severity", "")
        rows.append(
            f'<tr id="finding-{e(c.get("id", ""))}"><td>{e(c.get("paragraph", ""))}</td>'
            f'<td><code>{e(c.get("id", ""))}</code><br>{_links(c, lang, audit_page, report_text)}'
            f"</td><td>{e(c.get('quote', ''))}</td>"
            f"<td>{e(value(c, 'reported', lang))} → {e(value(c, 'recomputed', lang))}</td>"
            f"<td>{chip(c.get('verdict', ''), lang)}</td>"
            f"<td>{e(ui[sev]) if sev in SEVERITY_ORDER else ''}</td>"
            f"<td>{e(explanation(c, lang))}</td></tr>")
    head = "".join(f"<th>{e(ui[k])}</th>" for k in ("para", "claim", "quote", "numbers",
                                                      "verdict", "severity", "note"))
    counts = Counter(c.get("verdict", "") for c in claims)
    others = "".join(f"<tr><td>{chip(v, lang)}</td><td>{counts[v]}</td></tr>"
                     for v in ordered_verdicts(claims))
    return (f"{tally(claims, lang)}<h3>{e(ui['findings'])} ({len(rows)})</h3>"
            f'<table class="findings"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
            f"</tbody></table><h3>{e(ui['others'])}</h3>"
            f'<table class="counts"><tr><th>{e(ui["verdict"])}</th><th>{e(ui["claims"])}</th>'
            f"</tr>{others}</table>")
