"""The reviewers' article: the report's chapter re-derived, from the executed notebooks.

`render_article` lays out `reports/<version>/<lang>/article.html` in one label language:
- first what the reproduction finds (the cells tagged `headline`, in the outline's order, each
  linked to its section), then the audit in brief (reporting.auditbrief: the findings that
  change a conclusion or a number a reader would quote, ranked, in plain words);
- the contents, then the sections of the outline (reporting.outline, notebooks/article.toml):
  each shows the cells its notebooks tag `article` (or `article-<key>`), in notebook order,
  without the cells of the other label language (reporting.bilingual);
- the full audit table, and what changed since the previous version.
Figures and tables are numbered by the article in a scheme of its own ("Figure R1", "表 R1"),
never to be mistaken for the report's Table 1-3 and 图1-5; a figure carries its stable id
(`id="fig-<figure-id>"`, links to figures/<figure-id>.png and .svg). Everything is inline
(figures as data: URIs), nothing is fetched, and nothing varies between builds of one commit.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from typing import Any

import reporting.auditbrief as audit
import reporting.nav as nav
from reporting import bilingual
from reporting.figures import figure_id, relative
from reporting.outline import OTHER_KEY, OTHER_TITLE, Outline, assign, headlines

UI: dict[str, dict[str, str]] = {
    "en": {
        "title": "The report re-derived", "contents": "Contents",
        "finds": "What the reproduction finds", "brief": "The audit in brief",
        "audit_table": "The audit in full", "changes": "What changed since the previous version",
        "changes_note": "Listed in the index of all versions (this page names no other "
                        "version, so rebuilding a commit gives the same bytes):",
        "changes_link": "this version in the index",
        "source": "source: {title}, cell {n}", "figure": "Figure R{n}", "table": "Table R{n}",
        "files": "files:", "to_section": "section", "untagged": "No cell of this notebook is "
        "tagged for the article yet; see the notebook report:",
        "lp": " (", "rp": ")", "english_only": "", "english_table": "",
        "pdf": "PDF of this article",
        "docx": "Word file of this article",
        "report_text": "The report text, annotated", "notebook": "notebook report",
    },
    "zh": {
        "title": "报告复核", "contents": "目录", "finds": "复核结果",
        "brief": "核查摘要", "audit_table": "核查全表", "changes": "与上一版本相比的变化",
        "changes_note": "见所有版本索引（本页不提及其他版本，同一提交重建时字节一致）：",
        "changes_link": "索引中的本版本", "source": "出处：{title}，第 {n} 单元",
        "figure": "图 R{n}", "table": "表 R{n}", "files": "文件：", "to_section": "见",
        "untagged": "本笔记本尚无标记为文章内容的单元；见笔记本报告：",
        "lp": "（", "rp": "）", "english_only": "此段说明暂无中文版本，见笔记本报告：",
        "english_table": "此表的文字暂无中文版本，见笔记本报告：", "pdf": "本文 PDF",
        "docx": "本文 Word 文件", "report_text": "报告原文（标注）", "notebook": "笔记本报告",
    },
}
AUDIT_TABLE_ID = "audit-table"
IMAGE_MIMES = ("image/png", "image/jpeg", "image/svg+xml")

STYLE = """.lede { font-size: 1.0em; color: #333; margin: 0.3em 0; }
#finds ul, #finds ol { margin: 0.2em 0; } div.headline { margin: 0.1em 0; }
div.headline p.to { margin: 0 0 0.3em 1.6em; font-family: sans-serif; font-size: 0.8em; }
nav.toc ol { padding-left: 1.4em; } nav.toc li { margin: 0.15em 0; }
nav.toc .page { float: right; font-family: sans-serif; color: #555; }
.verdict { padding: 0 0.35em; border-radius: 0.2em; font-family: sans-serif;
  font-size: 0.85em; white-space: nowrap; }
.v-holds { background: #d8f0d8; } .v-quiet { background: #e6e6e6; }
.v-finding { background: #fbd3cf; }
.severity { font-family: sans-serif; font-size: 0.75em; color: #8a1c1c; }
ol.brief li { margin: 0.25em 0; } .where { font-family: sans-serif; font-size: 0.8em; }
p.tally { font-family: sans-serif; line-height: 1.8; }
table.findings { width: 100%; table-layout: fixed; }
table.findings th:nth-child(1) { width: 5%; } table.findings th:nth-child(2) { width: 15%; }
table.findings th:nth-child(3) { width: 19%; } table.findings th:nth-child(4) { width: 13%; }
table.findings th:nth-child(5) { width: 9%; } table.findings th:nth-child(6) { width: 9%; }
table.findings td { overflow-wrap: anywhere; }
p.from { font-family: sans-serif; font-size: 0.8em; margin: 0.2em 0 1em 0; }
div.cell { margin: 0.8em 0; } div.table-wrap { overflow-x: auto; }
iframe.changes { width: 100%; height: 12em; border: 1px solid #ccc; }
section.nb > h3 { font-size: 1.05em; color: #444; margin-top: 1.5em; }
pre { white-space: pre-wrap; font-size: 0.85em; background: #f6f6f6; padding: 0.4em; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2 { break-before: auto; } h2, h3, h4 { break-after: avoid; }
  a { color: #000; text-decoration: none; }
  div.table-wrap { overflow: visible; }
  table { width: 100%; font-size: 7.5pt; }
  td, th { overflow-wrap: anywhere; padding: 0.1em 0.3em; }
  table.findings { font-size: 7pt; } tr { break-inside: avoid; }
  iframe.changes { height: 8em; } section.provenance td { overflow-wrap: anywhere; }
}"""


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


_ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="[^"]*">[^<]*</a>')
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_BOLD = re.compile(r"\*\*(.+?)\*\*")  # a bold lead in Markdown: where a table's caption stands


def markdown_html(text: str, shift: int = 2, from_data: bool = False) -> str:
    """Markdown as HTML (nbconvert's renderer), headings moved down `shift` levels; text a
    notebook computed (`from_data`: a Markdown output) with raw HTML shown as text and no
    javascript: links (reporting.render.markdown_output_html)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from reporting.render import markdown_output_html

    render = markdown_output_html if from_data else markdown2html_mistune
    out = _ANCHOR_LINK.sub("", render(text))
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", out)


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
        cid = str(cell.get("id", ""))
        text = self.ui["source"].format(title=title, n=cid.removeprefix("cell-"))
        return f'<a href="{e(notebook)}.html#cell-id={e(cid)}">{e(text)}</a>'

    def figure(self, out: Any, mime: str, link: str) -> str:
        """An image output as a numbered figure with its caption, id and file links."""
        e = html.escape
        raw = _text(out["data"][mime])
        b64 = (base64.b64encode(raw.encode("utf-8")).decode("ascii")
               if mime == "image/svg+xml" else re.sub(r"\s+", "", raw))
        alt = self.caption(str((out.get("metadata", {}).get(mime) or {}).get("alt", "")))
        self.figures += 1
        label = self.ui["figure"].format(n=self.figures)
        fid = figure_id(out)
        anchor = f"fig-{fid}" if fid else f"figure-{self.figures}"
        files = ""
        if fid:
            files = (f' · {e(self.ui["files"])} <a href="{e(relative(fid, ".png"))}">PNG</a> '
                     f'<a href="{e(relative(fid, ".svg"))}">SVG</a>')
        caption = f"<strong>{e(label)}</strong> {e(alt)}" if alt else f"<strong>{e(label)}</strong>"
        lp, rp = self.ui["lp"], self.ui["rp"]
        return (f'<figure id="{e(anchor)}"><img src="data:{mime};base64,{b64}" '
                f'alt="{e(alt or label)}"><figcaption>{caption}{lp}{link}{files}{rp}'
                "</figcaption></figure>")

    def caption(self, text: str) -> str:
        """A caption in this label language: of a bilingual pair ("图 4：… / Figure 4: …") a
        page in another language than English keeps the halves that are not English."""
        text = text.strip()
        if self.lang == "en" or " / " not in text:
            return text
        kept = [p for p in text.split(" / ") if not bilingual.is_english_prose(p, min_words=2)]
        return " / ".join(kept) if kept else text

    def output(self, out: Any, link: str, salt: str) -> str:
        """One output: a figure with caption, a table, Markdown, or plain text."""
        e = html.escape
        if out.get("output_type") == "stream":
            return "" if out.get("name") != "stdout" else f"<pre>{e(_text(out.text))}</pre>"
        if out.get("output_type") not in ("display_data", "execute_result"):
            return ""
        data = out.get("data", {})
        mime = next((m for m in IMAGE_MIMES if m in data), None)
        if mime is not None:
            return self.figure(out, mime, link)
        if any(m.startswith("application/vnd.") for m in data):  # key figures, files: silent
            return ""
        if "text/html" in data:
            body = _text(data["text/html"]).replace("T_styler", f"T_{salt}_styler")
            if self.lang != "en" and bilingual.is_english_prose(bilingual.page_text(body)):
                return f'<p class="from">{e(self.ui["english_table"])} {link}</p>'
            self.tables += 1
            label = self.ui["table"].format(n=self.tables)
            return (f'<div class="table-wrap" id="table-{self.tables}">{body}</div>'
                    f'<p class="from"><strong>{e(label)}</strong>{self.ui["lp"]}{link}'
                    f'{self.ui["rp"]}</p>')
        if "text/markdown" in data:
            return self.prose(_text(data["text/markdown"]), link, from_data=True)
        if "text/plain" in data:
            return f"<pre>{e(_text(data['text/plain']))}</pre>"
        return ""

    def prose(self, text: str, link: str, from_data: bool = False) -> str:
        """Markdown narrative (a notebook's output: `from_data`), or in another label set a
        pointer where it is English only."""
        if self.lang != "en" and bilingual.is_english_prose(text):
            return f'<p class="from">{html.escape(self.ui["english_only"])} {link}</p>'
        return markdown_html(self.own_captions(text), shift=2, from_data=from_data)

    def own_captions(self, text: str) -> str:
        """Markdown whose bold bilingual captions ("**表 3：… / Table 3: …**", as a table's)
        keep this label language's half, as a figure's caption does (`caption`)."""
        if self.lang == "en":
            return text
        return _BOLD.sub(lambda m: f"**{self.caption(m.group(1))}**", text)

    def cell(self, notebook: str, title: str, cell: Any, salt: str) -> str:
        """A tagged cell: markdown source, or the outputs of a code cell, with its source."""
        if not bilingual.keep_cell(cell, self.lang):
            return ""
        link = self.source_link(notebook, title, cell)
        if cell.cell_type == "markdown":
            body = self.prose(cell.source, link)
            if body.startswith('<p class="from">'):
                return f'<div class="cell">{body}</div>'
            return f'<div class="cell">{body}<p class="from">{link}</p></div>'
        if cell.cell_type != "code":
            return ""
        parts = [p for p in (self.output(o, link, salt) for o in cell.get("outputs", [])) if p]
        if not parts:
            return ""
        own = any(p.startswith(("<figure", '<div class="table-wrap"', '<p class="from">'))
                  for p in parts)
        tail = "" if own else f'<p class="from">{link}</p>'
        return f'<div class="cell">{"".join(parts)}{tail}</div>'

    def headline(self, cell: Any) -> str:
        """A headline cell's Markdown outputs (or its markdown source), without links."""
        if not bilingual.keep_cell(cell, self.lang):
            return ""
        if cell.cell_type == "markdown":
            texts = [cell.source]
        else:
            texts = [_text(o["data"]["text/markdown"]) for o in cell.get("outputs", [])
                     if "text/markdown" in o.get("data", {})]
        return "".join(markdown_html(self.own_captions(t), shift=2) for t in texts
                       if self.lang == "en" or not bilingual.is_english_prose(t))


# --------------------------------------------------------------------------- the page


def _finds(r: Renderer, outline: Outline, named: Sequence[tuple[str, str, Any]],
           titles: dict[str, str]) -> str:
    """What the reproduction finds: every headline cell, each linked to its section."""
    e = html.escape
    items = []
    for key, _, cell in headlines(outline, named):
        body = r.headline(cell)
        if body:
            items.append(f'<div class="headline">{body}<p class="to">→ '
                         f'<a href="#section-{e(key)}">{e(titles.get(key, key))}</a></p></div>')
    if not items:
        return ""
    return f'<section id="finds"><h2>{e(r.ui["finds"])}</h2>{"".join(items)}</section>'


def render_article(lang: str, version: str, notebooks: Sequence[tuple[str, Any]],
                   claims: Sequence[dict[str, str]], site: nav.Site, footer: str,
                   outline: Outline, audit_notebook: str | None = None) -> str:
    """The whole article page of one label language (see the module docstring)."""
    e = html.escape
    ui = UI.get(lang, UI["en"])
    named = [(stem, nav.notebook_title(nb, stem), nb) for stem, nb in notebooks]
    blocks = assign(outline, named)
    titles = {s.key: s.title_in(lang) for s in outline.sections}
    titles[OTHER_KEY] = OTHER_TITLE.get(lang, OTHER_TITLE["en"])
    r = Renderer(lang)
    audit_page = f"{audit_notebook}.html" if audit_notebook else None
    title = outline.title.get(lang) or outline.title.get("en") or ui["title"]
    head = [f"<h1>{e(title)}</h1>"]
    lede = outline.lede.get(lang) or outline.lede.get("en")
    if lede:
        head.append(f'<p class="lede">{e(lede)}</p>')
    extra = []
    if lang in site.pdf:
        extra.append(f'<a href="article.pdf">{e(ui["pdf"])}</a>')
    if lang in site.docx:
        extra.append(f'<a href="article.docx">{e(ui["docx"])}</a>')
    if site.report_text:
        extra.append(f'<a href="report-text.html">{e(ui["report_text"])}</a>')
    if extra:
        head.append(f'<p class="meta">{" · ".join(extra)}</p>')
    head.append(_finds(r, outline, named, titles))
    head.append(f'<section id="brief"><h2>{e(ui["brief"])}</h2>'
                + audit.brief(claims, lang, audit_page, site.report_text, AUDIT_TABLE_ID)
                + "</section>")
    toc, body = [], []
    for n, key in enumerate([*titles]):
        if not blocks.get(key):
            continue
        toc.append((f"section-{key}", titles[key]))
        parts = [f'<section class="chapter" id="section-{e(key)}"><h2>{e(titles[key])}</h2>']
        for b in blocks[key]:
            short = nav.Section(b.notebook, b.title).short(lang)
            parts.append(f'<section class="nb"><h3><a href="{e(b.notebook)}.html">'
                         f"{e(short)}</a></h3>")
            cells = [c for c in (r.cell(b.notebook, short, c, f"{n}{b.notebook[:2]}")
                                 for c in b.cells) if c]
            parts += cells or [f'<p class="from">{e(ui["untagged"])} '
                               f'<a href="{e(b.notebook)}.html">{e(short)}</a></p>']
            parts.append("</section>")
        parts.append("</section>")
        body.append("\n".join(parts))
    toc += [(AUDIT_TABLE_ID, ui["audit_table"]), ("changes", ui["changes"])]
    body.append(f'<section id="{AUDIT_TABLE_ID}"><h2>{e(ui["audit_table"])}</h2>'
                + audit.full_table(claims, lang, audit_page, site.report_text) + "</section>")
    body.append(
        f'<section id="changes"><h2>{e(ui["changes"])}</h2>'
        f'<p>{e(ui["changes_note"])} <a href="../../index.html#v-{e(version)}">'
        f'{e(ui["changes_link"])}</a></p><iframe class="changes" '
        f'src="../../changes/{e(version)}.html" title="{e(ui["changes"])}"></iframe></section>')
    contents = "".join(f'<li><a href="#{e(a)}">{e(t)}</a></li>' for a, t in toc)
    head.append(f'<nav class="toc" id="contents"><h2>{e(ui["contents"])}</h2><ol>{contents}'
                "</ol></nav>")
    return nav.page(lang, title, site.header(lang, "article.html"),
                    "\n".join(h for h in head + body if h), footer, STYLE)
