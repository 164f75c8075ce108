"""The header every page of a version shares: the section list, the label-language switch,
and prev/next between notebook reports; plus the shell of the pages the build writes itself.

A version's pages are the article, the annotated report text (when built) and one report per
notebook, in each label language. `Site` knows them all once the notebooks are rendered, so the
header is the same on every page: the notebook reports get it where their template left the
comments SITE_NAV_HEADER / SITE_NAV_FOOTER (`add_to_report`); the article and the report text
are laid out by `page`. Links are relative and name no other version, so a page's bytes do not
depend on what was built before it. Standard library only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

HEADER_MARK = "<!-- SITE_NAV_HEADER -->"
FOOTER_MARK = "<!-- SITE_NAV_FOOTER -->"

UI: dict[str, dict[str, str]] = {
    "en": {"article": "Article", "report_text": "Report text (annotated)",
           "index": "All versions", "labels": "Labels", "prev": "previous", "next": "next",
           "sections": "Notebook reports", "provenance": "Provenance", "pdf": "PDF", "docx": "Word",
           "all_versions": "index of all reports and versions",
           "data_sha": "sha256 of every data file", "version": "version",
           "revision": "git revision", "uncommitted": " (uncommitted changes)",
           "fingerprint": "data fingerprint", "files": "files", "notebook": "notebook",
           "packages": "packages", "report_source": "report text"},
    "zh": {"article": "文章", "report_text": "报告原文（标注）", "index": "所有版本",
           "labels": "标签语言", "prev": "上一节", "next": "下一节", "sections": "各节报告",
           "provenance": "来源信息", "pdf": "PDF", "docx": "Word",
           "all_versions": "所有报告与版本的索引", "data_sha": "每个数据文件的 sha256 校验值",
           "version": "版本", "revision": "git 修订号", "uncommitted": "（含未提交的修改）",
           "fingerprint": "数据指纹", "files": "个文件", "notebook": "笔记本",
           "packages": "软件包", "report_source": "报告原文"},
}
LANG_SWITCH = {"en": "English", "zh": "中文"}

STYLE = """nav.site { font-family: sans-serif; font-size: 0.9em; border-bottom: 1px solid #bbb;
  padding: 0.4em 0 0.5em 0; margin: 0 0 1em 0; line-height: 1.7; }
nav.site a { color: #0645ad; margin-right: 0.9em; text-decoration: none; white-space: nowrap; }
nav.site a:hover { text-decoration: underline; }
nav.site a.here { color: #000; font-weight: bold; }
nav.site .group { display: inline-block; margin-right: 1.2em; }
nav.site .lang { float: right; }
nav.prevnext { font-family: sans-serif; font-size: 0.9em; margin: 1em 0; }
nav.prevnext a { color: #0645ad; margin-right: 2em; }
@media print { nav.site, nav.prevnext { display: none; } }"""


@dataclass(frozen=True)
class Section:
    """One notebook report: its file stem and its title (from the notebook's first heading)."""

    notebook: str
    title: str

    def short(self, lang: str) -> str:
        """The title in one language: `01 Trade / 贸易` gives `01 Trade` (en) or `贸易` (zh)."""
        parts = [p.strip() for p in self.title.split(" / ") if p.strip()]
        if not parts:
            return self.notebook
        if lang == "zh" and len(parts) > 1:
            return parts[-1]
        return parts[0]


@dataclass
class Site:
    """Every page of one version: label languages, sections, and which extra pages exist."""

    langs: Sequence[str]
    sections: Sequence[Section]
    report_text: bool = False
    pdf: set[str] = field(default_factory=set)
    docx: set[str] = field(default_factory=set)

    def header(self, lang: str, here: str) -> str:
        """The navigation header of page `here` (a file name like article.html) in lang."""
        e = html.escape
        ui = UI.get(lang, UI["en"])

        def link(href: str, text: str) -> str:
            cls = ' class="here" aria-current="page"' if href == here else ""
            return f'<a href="{e(href)}"{cls}>{e(text)}</a>'

        main = [link("article.html", ui["article"])]
        if lang in self.pdf:
            main.append(f'<a href="article.pdf">{e(ui["pdf"])}</a>')
        if lang in self.docx:
            main.append(f'<a href="article.docx">{e(ui["docx"])}</a>')
        if self.report_text:
            main.append(link("report-text.html", ui["report_text"]))
        main.append(f'<a href="../../index.html">{e(ui["index"])}</a>')
        sections = [link(f"{s.notebook}.html", s.short(lang)) for s in self.sections]
        switch = [
            f'<a href="../{e(x)}/{e(here)}" hreflang="{e(x)}" lang="{e(x)}"'
            f'{" class=" + chr(34) + "here" + chr(34) if x == lang else ""}>'
            f"{e(LANG_SWITCH.get(x, x))}</a>"
            for x in self.langs
        ]
        return (
            f'<nav class="site" aria-label="site">\n<style>{STYLE}</style>\n'
            f'<span class="lang">{e(ui["labels"])}: {" ".join(switch)}</span>\n'
            f'<span class="group">{" ".join(main)}</span>\n'
            f'<span class="group">{e(ui["sections"])}: {" ".join(sections)}</span>\n</nav>'
        )

    def prev_next(self, lang: str, notebook: str) -> str:
        """Links to the previous and next notebook report (in build order)."""
        names = [s.notebook for s in self.sections]
        if notebook not in names:
            return ""
        i = names.index(notebook)
        ui = UI.get(lang, UI["en"])
        out = []
        if i > 0:
            s = self.sections[i - 1]
            out.append(f'<a href="{html.escape(s.notebook)}.html" rel="prev">&larr; '
                       f"{html.escape(ui['prev'])}: {html.escape(s.short(lang))}</a>")
        if i + 1 < len(self.sections):
            s = self.sections[i + 1]
            out.append(f'<a href="{html.escape(s.notebook)}.html" rel="next">'
                       f"{html.escape(ui['next'])}: {html.escape(s.short(lang))} &rarr;</a>")
        return f'<nav class="prevnext">{" ".join(out)}</nav>' if out else ""

    def add_to_report(self, page: str, lang: str, notebook: str, notice: str = "") -> str:
        """A rendered notebook report with the header and prev/next filled in, and `notice`
        (text, e.g. that the narrative is English only) under the header."""
        nav = self.prev_next(lang, notebook)
        note = (f'<p class="lang-notice" lang="{html.escape(lang)}" style="font-family: '
                f'sans-serif; background: #fff6d6; border: 1px solid #e0c860; padding: 0.4em '
                f'0.8em;">{html.escape(notice)}</p>') if notice else ""
        page = page.replace(HEADER_MARK, self.header(lang, f"{notebook}.html") + nav + note, 1)
        return page.replace(FOOTER_MARK, nav, 1)


_H1 = re.compile(r"^#\s+(.+?)\s*$", re.M)


def notebook_title(nb: Any, default: str) -> str:
    """A notebook's title: the first level-1 heading of its first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = _H1.search(cell.source)
            if m:
                return m.group(1).strip()
    return default


def page(lang: str, title: str, header: str, body: str, footer: str, style: str = "") -> str:
    """A whole self-contained page (no script, nothing fetched): header, body, footer."""
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="{e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>{BASE_STYLE}
{style}</style>
</head>
<body>
{header}
<main>
{body}
</main>
{footer}
</body>
</html>
"""


BASE_STYLE = """body { font-family: "Noto Serif", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif;
  max-width: 60em; margin: 1em auto; padding: 0 1.5em; line-height: 1.55; color: #111; }
h1, h2, h3, h4, figcaption, table, nav, .meta { font-family: sans-serif; }
h1 { font-size: 1.7em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em;
  margin-top: 2em; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
td, th { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left;
  vertical-align: top; }
img { max-width: 100%; height: auto; }
figure { margin: 1.2em 0; page-break-inside: avoid; }
figcaption { font-size: 0.85em; color: #333; margin-top: 0.3em; }
a { color: #0645ad; }
section.provenance { font-family: sans-serif; font-size: 0.8em; border: 1px solid #ccc;
  background: #f7f7f7; padding: 0.5em 1em; margin: 3em 0 1em 0; }
section.provenance summary { cursor: pointer; font-weight: bold; }
section.provenance td { font-family: monospace; }"""


def provenance(lang: str, rows: Sequence[tuple[str, str]], files: Sequence[dict[str, str]],
               version: str) -> str:
    """The collapsed provenance block at the end of a page the build writes itself."""
    e = html.escape
    ui = UI.get(lang, UI["en"])
    body = "".join(f'<tr><th>{e(k)}</th><td translate="no">{e(v)}</td></tr>' for k, v in rows)
    data = "".join(f'<tr translate="no"><td>{e(f["path"])}</td><td>{e(f["sha256"])}</td></tr>'
                   for f in files)
    return (
        f'<section class="provenance" id="provenance"><details><summary>{e(ui["provenance"])}'
        f'</summary>\n<p><a href="../../index.html#v-{e(version)}">{e(ui["all_versions"])}'
        f"</a></p>\n<table>{body}</table>\n<details><summary>{e(ui['data_sha'])}</summary>"
        f"<table>{data}</table></details></details></section>"
    )
