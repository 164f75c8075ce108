"""The reviewers' article: chapter III of the report reproduced, from the executed notebooks.

`render_article` lays out `reports/<version>/<lang>/article.html`: up front the audit summary
(claims by verdict from the version's claims.csv, then every finding, each linking to its row in
the audit report and to its place in the annotated report text) and what changed since the
previous version; then a table of contents and chapter III in the report's own order (A-G) and
the audit. A section shows the cells its notebooks tag `article` (`# %% tags=["article"]`), in
notebook order: markdown text, Markdown outputs, tables and figures, each figure with its caption
(the `alt` text `analysis.plotting.keep` stores in the output's metadata) and a link to the cell
it came from in the notebook report. Everything is inline (figures as data: URIs), nothing is
fetched, and nothing varies between builds of one commit.
"""

from __future__ import annotations

import base64
import csv
import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import reporting.nav as nav

ARTICLE_TAG = "article"
SECTION_TAG = "article-"  # `article-C` puts a cell in section C whatever its notebook
# Where section C (managing trade and investment, paras 45-48) starts inside notebook 03: the
# first markdown heading on what Liaoning trades (its composition) or on partners by city.
C_START = re.compile(r"(?i)composition|what liaoning exports|exports and imports|商品构成")


@dataclass(frozen=True)
class Part:
    """Cells of the notebook(s) whose name starts with `prefix`; with `start`, only the cells
    from the first heading matching it on, with `stop`, only those before it."""

    prefix: str
    start: re.Pattern[str] | None = None
    stop: re.Pattern[str] | None = None


@dataclass(frozen=True)
class ChapterSection:
    """One section of the article: key (anchor), titles in both languages, its parts."""

    key: str
    title: dict[str, str]
    parts: tuple[Part, ...]


CHAPTER: tuple[ChapterSection, ...] = (
    ChapterSection("A", {"en": "A. Economic structure", "zh": "A. 经济结构"},
                   (Part("01"), Part("02"))),
    ChapterSection("B", {"en": "B. Attracting trade and investment", "zh": "B. 吸引外贸和投资"},
                   (Part("03", stop=C_START), Part("04"))),
    ChapterSection("C", {"en": "C. Managing trade and investment", "zh": "C. 管理外贸与投资"},
                   (Part("03", start=C_START),)),
    ChapterSection("D", {"en": "D. Duplicate construction and overcapacity",
                         "zh": "D. 重复建设和产能过剩"}, (Part("05"),)),
    ChapterSection("E-G", {"en": "E-G. State-owned enterprises, ports and population",
                           "zh": "E-G. 国有企业管理、港口管理与人口趋势"}, (Part("06"),)),
    ChapterSection("audit", {"en": "The claims audit", "zh": "报告数据核查"}, (Part("07"),)),
)
AUDIT_KEY = "audit"
OTHER = {"en": "Other notebooks", "zh": "其他笔记本"}

UI: dict[str, dict[str, str]] = {
    "en": {
        "title": "Liaoning regional cooperation report, chapter III re-derived",
        "lede": "The baseline assessment (chapter III) of ADB TA 9036 (PRC), reproduced section "
                "by section from the data as printed, with every quantitative claim re-derived. "
                "Every number on this page comes from this build's executed notebooks and "
                "claims register.",
        "contents": "Contents", "audit_summary": "Audit summary: which of the report's "
        "numbers hold", "changes": "What changed since the previous version",
        "changes_note": "Listed in the index of all versions (this page names no other "
                        "version, so rebuilding a commit gives the same bytes):",
        "changes_link": "this version in the index", "verdict": "verdict",
        "claims": "claims", "total": "total", "findings": "Findings",
        "no_findings": "No claim has a verdict other than consistent or unverifiable.",
        "para": "para.", "claim": "claim", "quote": "quote (verbatim)",
        "reported": "reported", "recomputed": "recomputed", "note": "recomputation and "
        "likely cause", "in_audit": "audit row", "in_text": "in the text",
        "no_claims": "This version has no claims register (claims.csv).",
        "from": "from", "cell": "cell", "figure": "Figure", "table": "Table",
        "untagged": "No cell of this section is tagged for the article yet; see the "
                    "notebook report:",
        "notebooks": "Notebook reports", "report_text": "The report text, annotated",
        "pdf": "PDF of this article",
        "claims_line": "quantitative claims of the report re-derived",
        "findings_line": "findings (listed below, in report order)",
        "by_verdict": "claims by verdict (table)",
    },
    "zh": {
        "title": "辽宁区域合作报告第三章复核",
        "lede": "亚洲开发银行 TA 9036 技术报告第三章（基本情况评估）逐节复现：数据与报告原样一致，"
                "每项定量陈述均重新计算。本页所有数字均来自本次构建执行的笔记本和核查登记表。",
        "contents": "目录", "audit_summary": "核查摘要：报告中哪些数字成立",
        "changes": "与上一版本相比的变化",
        "changes_note": "见所有版本索引（本页不提及其他版本，同一提交重建时字节一致）：",
        "changes_link": "索引中的本版本", "verdict": "结论", "claims": "陈述数",
        "total": "合计", "findings": "发现", "no_findings": "所有陈述均为一致或无法核实。",
        "para": "段落", "claim": "陈述", "quote": "原文引用", "reported": "报告数值",
        "recomputed": "重新计算", "note": "计算说明与可能原因", "in_audit": "核查表",
        "in_text": "原文位置", "no_claims": "本版本没有核查登记表（claims.csv）。",
        "from": "来自", "cell": "单元格", "figure": "图", "table": "表",
        "untagged": "本节尚无标记为文章内容的单元格；见笔记本报告：",
        "notebooks": "各节笔记本报告", "report_text": "报告原文（标注）",
        "pdf": "本文 PDF",
        "claims_line": "项定量陈述已重新计算", "findings_line": "项发现（按报告顺序列于下方）",
        "by_verdict": "按结论统计（表）",
    },
}
VERDICT_NAMES = {
    "zh": {"consistent": "一致", "mismatch": "不符", "implausible": "不合理",
           "unverifiable": "无法核实", "misworded": "表述有误"},
}
# Verdicts that are not findings; every other verdict (whatever its name) is one.
NOT_FINDINGS = ("consistent", "unverifiable")
VERDICT_ORDER = ("consistent", "misworded", "mismatch", "implausible", "unverifiable")

STYLE = """.lede { font-size: 1.05em; color: #333; }
nav.toc ol { padding-left: 1.4em; } nav.toc li { margin: 0.15em 0; }
.verdict { padding: 0 0.35em; border-radius: 0.2em; font-family: sans-serif;
  font-size: 0.85em; white-space: nowrap; }
.v-consistent { background: #d8f0d8; } .v-unverifiable { background: #e6e6e6; }
.v-finding { background: #fbd3cf; }
table.findings td:nth-child(3) { min-width: 12em; }
p.tally { font-family: sans-serif; font-size: 1.1em; line-height: 1.9; }
details.counts summary { cursor: pointer; font-family: sans-serif; font-size: 0.85em; }
p.from { font-family: sans-serif; font-size: 0.8em; margin: 0.2em 0 1em 0; }
div.cell { margin: 0.8em 0; } div.table-wrap { overflow-x: auto; }
iframe.changes { width: 100%; height: 12em; border: 1px solid #ccc; }
section.nb > h3 { font-size: 1.05em; color: #444; margin-top: 1.5em; }
pre { white-space: pre-wrap; font-size: 0.85em; background: #f6f6f6; padding: 0.4em; }
@media print { iframe.changes { height: 8em; } h2 { page-break-before: auto; }
  a { color: #000; text-decoration: none; } }"""


def verdict_name(verdict: str, lang: str) -> str:
    """A verdict in the label language (unknown verdicts as they are)."""
    return VERDICT_NAMES.get(lang, {}).get(verdict, verdict)


def verdict_class(verdict: str) -> str:
    """CSS class of a verdict: consistent, unverifiable, or finding (any other verdict)."""
    return f"v-{verdict}" if verdict in NOT_FINDINGS else "v-finding"


def number(text: str) -> str:
    """A claims.csv number for reading: at most six significant digits ('' stays '')."""
    try:
        return f"{float(text):.6g}"
    except ValueError:
        return text


def read_claims(path: Path) -> list[dict[str, str]]:
    """Rows of a version's claims.csv ([] when there is none)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def ordered_verdicts(claims: Sequence[dict[str, str]]) -> list[str]:
    """The verdicts that occur, known ones in a fixed order, then any others by name."""
    found = {c.get("verdict", "") for c in claims}
    return [v for v in VERDICT_ORDER if v in found] + sorted(found - set(VERDICT_ORDER))


def findings(claims: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """Claims whose verdict is a finding, in report order (paragraph, then id)."""
    def para(c: dict[str, str]) -> float:
        try:
            return float(c.get("paragraph") or "inf")
        except ValueError:
            return float("inf")
    return sorted((c for c in claims if c.get("verdict", "") not in NOT_FINDINGS),
                  key=lambda c: (para(c), c.get("id", "")))


# --------------------------------------------------------------------------- cells


@dataclass
class Block:
    """A notebook's contribution to one section: its title, report file and tagged cells."""

    notebook: str
    title: str
    cells: list[Any] = field(default_factory=list)


def _headings(cell: Any) -> str:
    """The heading lines of a markdown cell (for the section rules)."""
    if cell.cell_type != "markdown":
        return ""
    return "\n".join(ln for ln in cell.source.splitlines() if ln.lstrip().startswith("#"))


def _section_tag(cell: Any) -> str | None:
    for t in cell.get("metadata", {}).get("tags", []):
        if t.startswith(SECTION_TAG):
            return t[len(SECTION_TAG):]
    return None


def assign(notebooks: Sequence[tuple[str, Any]]) -> dict[str, list[Block]]:
    """The article cells of each notebook, by section key (CHAPTER order; unmatched notebooks
    under "other"). `notebooks`: (file stem, executed notebook) in build order."""
    out: dict[str, list[Block]] = {s.key: [] for s in CHAPTER}
    out["other"] = []
    for stem, nb in notebooks:
        title = nav.notebook_title(nb, stem)
        matched = [(s, p) for s in CHAPTER for p in s.parts if stem.startswith(p.prefix)]
        tagged_section: dict[int, str] = {}
        in_part: dict[int, list[str]] = {}
        # Which part each cell belongs to, by the heading rules.
        for s, p in matched:
            started = p.start is None
            stopped = False
            for i, cell in enumerate(nb.cells):
                heads = _headings(cell)
                if p.start is not None and not started and heads and p.start.search(heads):
                    started = True
                if p.stop is not None and not stopped and heads and p.stop.search(heads):
                    stopped = True
                if started and not stopped:
                    in_part.setdefault(i, []).append(s.key)
        for i, cell in enumerate(nb.cells):
            if ARTICLE_TAG not in cell.get("metadata", {}).get("tags", []) and \
                    _section_tag(cell) is None:
                continue
            key = _section_tag(cell)
            if key is None or key not in out:
                key = (in_part.get(i) or ["other"])[0]
            tagged_section[i] = key
        keys = list(dict.fromkeys([s.key for s, _ in matched] or ["other"]))
        for key in keys:
            block = Block(stem, title, [nb.cells[i] for i in sorted(tagged_section)
                                        if tagged_section[i] == key])
            out[key].append(block)
        for key in sorted(set(tagged_section.values()) - set(keys)):
            out[key].append(Block(stem, title, [nb.cells[i] for i in sorted(tagged_section)
                                                if tagged_section[i] == key]))
    return out


_ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="[^"]*">[^<]*</a>')
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def markdown_html(text: str, shift: int = 2, from_data: bool = False) -> str:
    """Markdown as HTML (nbconvert's renderer), headings moved down `shift` levels; text a
    notebook computed (`from_data`: a Markdown output) with raw HTML shown as text and no
    javascript: links (reporting.render.markdown_output_html)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from reporting.render import markdown_output_html

    render = markdown_output_html if from_data else markdown2html_mistune
    out = _ANCHOR_LINK.sub("", render(text))
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", out)


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


IMAGE_MIMES = ("image/png", "image/jpeg", "image/svg+xml")


class Renderer:
    """Renders tagged cells of one label language, numbering figures and tables in order."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.ui = UI.get(lang, UI["en"])
        self.figures = 0
        self.tables = 0

    def source_link(self, notebook: str, title: str, cell: Any) -> str:
        """Link to the cell in the notebook report (its `cell-id=` anchor)."""
        e = html.escape
        return (f'<a href="{e(notebook)}.html#cell-id={e(cell.get("id", ""))}">'
                f'{e(self.ui["from"])} {e(title)}, {e(self.ui["cell"])} '
                f'{e(str(cell.get("id", "")).removeprefix("cell-"))}</a>')

    def output(self, out: Any, link: str, salt: str) -> str:
        """One output: a figure with caption, a table, Markdown, or plain text."""
        e = html.escape
        if out.get("output_type") == "stream":
            return "" if out.get("name") != "stdout" else f"<pre>{e(_text(out.text))}</pre>"
        if out.get("output_type") not in ("display_data", "execute_result"):
            return ""
        data = out.get("data", {})
        if any(m.startswith("application/vnd.") for m in data):  # e.g. key figures: silent
            return ""
        meta = out.get("metadata", {})
        for mime in IMAGE_MIMES:
            if mime in data:
                raw = _text(data[mime])
                b64 = (base64.b64encode(raw.encode("utf-8")).decode("ascii")
                       if mime == "image/svg+xml" else re.sub(r"\s+", "", raw))
                alt = str((meta.get(mime) or {}).get("alt", "")).strip()
                self.figures += 1
                label = f"{self.ui['figure']} {self.figures}"
                caption = f"{e(alt)} " if alt else ""
                return (f'<figure id="figure-{self.figures}"><img src="data:{mime};base64,{b64}" '
                        f'alt="{e(alt or label)}"><figcaption>{caption}'
                        f"({link})</figcaption></figure>")
        if "text/html" in data:
            self.tables += 1
            body = _text(data["text/html"]).replace("T_styler", f"T_{salt}_styler")
            return (f'<div class="table-wrap" id="table-{self.tables}">{body}</div>'
                    f'<p class="from">{e(self.ui["table"])} {self.tables} ({link})</p>')
        if "text/markdown" in data:
            return markdown_html(_text(data["text/markdown"]), shift=2, from_data=True)
        if "text/plain" in data:
            return f"<pre>{e(_text(data['text/plain']))}</pre>"
        return ""

    def cell(self, notebook: str, title: str, cell: Any, salt: str) -> str:
        """A tagged cell: markdown source, or the outputs of a code cell, with its source."""
        link = self.source_link(notebook, title, cell)
        if cell.cell_type == "markdown":
            body = markdown_html(cell.source, shift=2)
            return f'<div class="cell">{body}<p class="from">{link}</p></div>'
        if cell.cell_type != "code":
            return ""
        parts = [self.output(o, link, salt) for o in cell.get("outputs", [])]
        parts = [p for p in parts if p]
        if not parts:
            return ""
        has_own_link = any(p.startswith(("<figure", '<div class="table-wrap"')) for p in parts)
        tail = "" if has_own_link else f'<p class="from">{link}</p>'
        return f'<div class="cell">{"".join(parts)}{tail}</div>'


# --------------------------------------------------------------------------- the page


def audit_summary(claims: Sequence[dict[str, str]], lang: str, audit_page: str | None,
                  report_text: bool) -> str:
    """Claims by verdict, then each finding linking to its place (audit row, report text)."""
    e = html.escape
    ui = UI.get(lang, UI["en"])
    if not claims:
        return f"<p>{e(ui['no_claims'])}</p>"
    counts = Counter(c.get("verdict", "") for c in claims)
    rows = "".join(
        f'<tr><td><span class="verdict {verdict_class(v)}">{e(verdict_name(v, lang))}</span>'
        f"</td><td>{counts[v]}</td></tr>" for v in ordered_verdicts(claims))
    table = (f"<table><tr><th>{e(ui['verdict'])}</th><th>{e(ui['claims'])}</th></tr>{rows}"
             f"<tr><th>{e(ui['total'])}</th><th>{len(claims)}</th></tr></table>")
    found = findings(claims)
    chips = " &middot; ".join(
        f'<span class="verdict {verdict_class(v)}">{e(verdict_name(v, lang))}</span> {counts[v]}'
        for v in ordered_verdicts(claims))
    table = (f'<p class="tally"><strong>{len(claims)}</strong> {e(ui["claims_line"])}: {chips}'
             f" &middot; <strong>{len(found)}</strong> {e(ui['findings_line'])}</p>"
             f'<details class="counts"><summary>{e(ui["by_verdict"])}</summary>{table}</details>')
    if not found:
        return table + f"<p>{e(ui['no_findings'])}</p>"
    items = []
    for c in found:
        cid = c.get("id", "")
        links = []
        if audit_page:
            links.append(f'<a href="{e(audit_page)}#claim-{e(cid)}">{e(ui["in_audit"])}</a>')
        if report_text:
            links.append(f'<a href="report-text.html#claim-{e(cid)}">{e(ui["in_text"])}</a>')
        unit = c.get("unit", "")
        items.append(
            f'<tr id="finding-{e(cid)}"><td>{e(c.get("paragraph", ""))}</td>'
            f"<td><code>{e(cid)}</code><br>{' &middot; '.join(links)}</td>"
            f"<td>{e(c.get('quote', ''))}</td>"
            f"<td>{e(number(c.get('reported', '')))} &rarr; {e(number(c.get('recomputed', '')))}"
            f" {e(unit)}</td>"
            f'<td><span class="verdict {verdict_class(c.get("verdict", ""))}">'
            f"{e(verdict_name(c.get('verdict', ''), lang))}</span></td>"
            f"<td>{e(c.get('note', ''))}</td></tr>")
    head = "".join(f"<th>{e(ui[k])}</th>" for k in ("para", "claim", "quote", "reported"))
    return (table + f"<h3>{e(ui['findings'])} ({len(found)})</h3>"
            f'<div class="table-wrap"><table class="findings"><tr>{head}'
            f"<th>{e(ui['verdict'])}</th><th>{e(ui['note'])}</th></tr>"
            + "".join(items) + "</table></div>")


def render_article(lang: str, version: str, notebooks: Sequence[tuple[str, Any]],
                   claims: Sequence[dict[str, str]], site: nav.Site, footer: str) -> str:
    """The whole article page of one label language (see the module docstring)."""
    e = html.escape
    ui = UI.get(lang, UI["en"])
    blocks = assign(notebooks)
    audit_nb = next((b.notebook for b in blocks.get(AUDIT_KEY, [])), None)
    r = Renderer(lang)
    toc = [f'<li><a href="#audit-summary">{e(ui["audit_summary"])}</a></li>',
           f'<li><a href="#changes">{e(ui["changes"])}</a></li>']
    body = []
    sections = [(s.key, s.title.get(lang, s.title["en"])) for s in CHAPTER]
    if blocks.get("other"):
        sections.append(("other", OTHER.get(lang, OTHER["en"])))
    for n, (key, title) in enumerate(sections):
        bl = blocks.get(key, [])
        if not bl:
            continue
        toc.append(f'<li><a href="#section-{e(key)}">{e(title)}</a></li>')
        parts = [f'<section class="chapter" id="section-{e(key)}"><h2>{e(title)}</h2>']
        for b in bl:
            short = nav.Section(b.notebook, b.title).short(lang)
            parts.append(f'<section class="nb"><h3><a href="{e(b.notebook)}.html">'
                         f"{e(b.title)}</a></h3>")
            cells = [r.cell(b.notebook, short, c, f"{n}{b.notebook[:2]}") for c in b.cells]
            cells = [c for c in cells if c]
            if not cells:
                cells = [f'<p class="from">{e(ui["untagged"])} <a href="{e(b.notebook)}.html">'
                         f"{e(b.title)}</a></p>"]
            parts += cells
            parts.append("</section>")
        parts.append("</section>")
        body.append("\n".join(parts))
    extra = []
    if lang in site.pdf:
        extra.append(f'<a href="article.pdf">{e(ui["pdf"])}</a>')
    if site.report_text:
        extra.append(f'<a href="report-text.html">{e(ui["report_text"])}</a>')
    head = [
        f"<h1>{e(ui['title'])}</h1>",
        f'<p class="lede">{e(ui["lede"])}</p>',
        f'<p class="meta">{" &middot; ".join(extra)}</p>' if extra else "",
        f'<section id="audit-summary"><h2>{e(ui["audit_summary"])}</h2>',
        audit_summary(claims, lang, f"{audit_nb}.html" if audit_nb else None,
                      site.report_text),
        "</section>",
        f'<section id="changes"><h2>{e(ui["changes"])}</h2>',
        f'<p>{e(ui["changes_note"])} <a href="../../index.html#v-{e(version)}">'
        f'{e(ui["changes_link"])}</a></p>',
        f'<iframe class="changes" src="../../changes/{e(version)}.html" '
        f'title="{e(ui["changes"])}"></iframe></section>',
        f'<nav class="toc" id="contents"><h2>{e(ui["contents"])}</h2><ol>{"".join(toc)}</ol>'
        "</nav>",
    ]
    return nav.page(lang, ui["title"], site.header(lang, "article.html"),
                    "\n".join(head + body), footer, STYLE)
