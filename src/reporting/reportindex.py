"""The reports index page: every version, its reports in each label language, what changed.

`render_index` turns the published manifests (newest first) into reports/index.html: a summary
table, then one section per version (anchor `v-<version>`) listing each notebook's reports with,
for each, the same report in the previous version (anchor `r-<version>-<lang>-<notebook>`, which
every report links to; reports never name another version themselves, so a report's HTML does not
depend on build history and stays byte-identical between builds of one commit) and the changes
since the previous version (reporting.changes). No script: plain HTML that works offline.

Each version lists its article (and PDF) first, then the annotated report text, then the
notebook reports by their titles (both languages, from the manifest's `pages` entry that
reporting.pages writes). The same "what changed" block is also written, one small page per
version, to reports/changes/<version>.html, which the article embeds: like the index, those pages
depend on build history and so live outside the version folders.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reporting.changes import VersionChanges, compare_versions

STYLE = """body { font-family: sans-serif; margin: 2em; max-width: 75em; }
table { border-collapse: collapse; margin: 0.5em 0; }
td, th { border-bottom: 1px solid #ddd; padding: 0.3em 0.8em; text-align: left;
  vertical-align: top; }
td a { margin-right: 0.6em; } .moved { color: #a40000; font-weight: bold; }
section.version { border-top: 2px solid #888; margin-top: 2em; }
td.old { color: #777; } code { font-size: 0.9em; }
p.lead { font-size: 1.15em; background: #eef4ff; padding: 0.6em 1em; border: 1px solid #bcd; }"""

LANG_NAMES = {"en": "English labels", "zh": "Chinese labels (中文标签)"}


def anchor(version: str, lang: str | None = None, notebook: str | None = None) -> str:
    """Index anchor of a version (`v-...`) or of one report in it (`r-<v>-<lang>-<nb>`)."""
    return f"v-{version}" if lang is None else f"r-{version}-{lang}-{notebook}"


def _changes(reports_dir: Path, old: dict[str, Any], new: dict[str, Any]) -> VersionChanges:
    """Changes from one manifest's version to another's; unreadable folders are reported."""
    try:
        return compare_versions(reports_dir / old["version"], reports_dir / new["version"])
    except (OSError, ValueError, KeyError) as e:
        ch = VersionChanges(old["version"], new["version"])
        ch.missing.append(f"could not compare: {type(e).__name__}: {e}")
        return ch


def _changes_html(ch: VersionChanges) -> str:
    """The 'changes since the previous version' block of one version."""
    e = html.escape
    cls = ' class="moved"' if ch.moved_numbers else ""
    out = [f"<h3>Changes since {e(ch.old)}</h3>", f"<p{cls}>{e(ch.summary())}</p>"]
    for title, files in (("Data files", ch.data_files), ("Notebook sources", ch.notebooks)):
        if files:
            out.append(f"<p>{title}: " + ", ".join(
                f"<code>{e(f.path)}</code> ({e(f.status)})" for f in files) + "</p>")
    for title, rows in (("Claims (claims.csv)", ch.claims), ("Key figures", ch.key_figures)):
        if rows:
            out.append(f"<table><caption>{title}</caption><tr><th>item</th><th>field</th>"
                       "<th>old</th><th>new</th></tr>")
            out += [f'<tr><td>{e(r.item)}</td><td>{e(r.field)}</td><td class="old">'
                    f"{e(r.old) or '&ndash;'}</td><td>{e(r.new) or '&ndash;'}</td></tr>"
                    for r in rows]
            out.append("</table>")
    out += [f"<p>Not compared: {e(m)}</p>" for m in ch.missing]
    return "\n".join(out)


def _pages_rows(r: dict[str, Any], labels: Sequence[str]) -> list[str]:
    """Rows for the article (with its PDF) and the annotated report text of one version."""
    e = html.escape
    v = r["version"]
    pages = r.get("pages") or {}
    rows = []
    if pages.get("article"):
        cells = []
        for lang in labels:
            pdf = (f' <a href="{e(v)}/{e(lang)}/article.pdf">PDF</a>'
                   if lang in pages.get("pdf", []) else "")
            cells.append(f'<td><a href="{e(v)}/{e(lang)}/article.html"><strong>'
                         f"article [{e(lang)}]</strong></a>{pdf}</td>")
        rows.append("<tr><td><strong>Article: chapter III re-derived, with the audit / "
                    f"文章：第三章复核</strong></td>{''.join(cells)}</tr>")
    if pages.get("report_text"):
        cells = [f'<td><a href="{e(v)}/{e(lang)}/report-text.html">report text [{e(lang)}]'
                 "</a></td>" for lang in labels]
        rows.append("<tr><td>The report text, every audited number marked / "
                    f"报告原文（标注核查结果）</td>{''.join(cells)}</tr>")
    return rows


def _version_section(r: dict[str, Any], prev: dict[str, Any] | None,
                     ch: VersionChanges | None, latest: str | None) -> str:
    """One version: its article, report text and reports per notebook and label language,
    with links to the previous ones."""
    e = html.escape
    v = r["version"]
    labels = r.get("labels") or sorted({x["lang"] for x in r.get("reports", [])})
    titles = {x["notebook"]: x["title"] for x in (r.get("pages") or {}).get("sections", [])}
    prev_reports = {(x["notebook"], x["lang"]): x for x in (prev or {}).get("reports", [])}
    notebooks = list(dict.fromkeys(x["notebook"] for x in r.get("reports", [])))
    by_key = {(x["notebook"], x["lang"]): x for x in r.get("reports", [])}
    head = "".join(f"<th>{e(LANG_NAMES.get(lang, lang))}</th>" for lang in labels)
    rows = []
    for nb in notebooks:
        cells = []
        for lang in labels:
            x = by_key.get((nb, lang))
            if x is None:
                cells.append("<td>&ndash;</td>")
                continue
            p = prev_reports.get((nb, lang))
            if prev is None:
                before = "first version: no previous report"
            elif p is None:
                before = f"not in previous version {e(prev['version'])}"
            else:
                before = (f'<a href="{e(prev["version"])}/{e(p["html"])}">same report in '
                          f"previous version {e(prev['version'])}</a>")
            cells.append(
                f'<td id="{e(anchor(v, lang, nb))}"><a href="{e(v)}/{e(x["html"])}">'
                f'{e(nb)} [{e(lang)}]</a><br><small>{before}</small></td>'
            )
        name = (f"{e(titles[nb])}<br><small><code>{e(nb)}</code></small>" if nb in titles
                else e(nb))
        rows.append(f"<tr><td>{name}</td>{''.join(cells)}</tr>")
    tag = " (latest)" if v == latest else ""
    extra = f' <a href="{e(v)}/claims.csv">claims.csv</a>' if r.get("claims") else ""
    return "\n".join([
        f'<section class="version" id="{e(anchor(v))}">',
        f"<h2>{e(v)}{tag}</h2>",
        f"<p>built {e(r.get('built_at', ''))}, revision {e(r.get('revision', '')[:12])}"
        f"{' (dirty)' if r.get('dirty') else ''}, data fingerprint "
        f"{e(r.get('data_fingerprint', ''))}; <a href=\"{e(v)}/manifest.json\">manifest.json</a>"
        f"{extra}</p>",
        f"<table><tr><th>page</th>{head}</tr>", *_pages_rows(r, labels), *rows, "</table>",
        _changes_html(ch) if ch is not None else "<p>First version: nothing to compare.</p>",
        "</section>",
    ])


def change_page(version: str, ch: VersionChanges | None) -> str:
    """The small page reports/changes/<version>.html: what changed since the previous version."""
    body = (_changes_html(ch) if ch is not None
            else "<p>First version: nothing to compare.</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Changes: {html.escape(version)}</title>
<style>{STYLE} body {{ margin: 0.5em; }}</style></head>
<body>{body}</body></html>
"""


def write_change_pages(rows: Sequence[dict[str, Any]], changes: Sequence[VersionChanges | None],
                       reports_dir: Path) -> None:
    """Write reports/changes/<version>.html for every version (only files whose text differs)."""
    folder = reports_dir / "changes"
    folder.mkdir(parents=True, exist_ok=True)
    for r, ch in zip(rows, changes, strict=True):
        out = folder / f"{r['version']}.html"
        text = change_page(r["version"], ch)
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            tmp = out.with_name(f".{out.name}.tmp")
            tmp.write_text(text, encoding="utf-8", newline="")
            tmp.replace(out)


def render_index(rows: Sequence[dict[str, Any]], reports_dir: Path, latest: str | None) -> str:
    """HTML of reports/index.html from the manifests of every version, newest first."""
    e = html.escape
    changes = [
        _changes(reports_dir, rows[i + 1], r) if i + 1 < len(rows) else None
        for i, r in enumerate(rows)
    ]
    summary = []
    for i, r in enumerate(rows):
        v, ch = r["version"], changes[i]
        langs = ", ".join(r.get("labels") or [])
        what = "first version" if ch is None else ch.summary()
        cls = ' class="moved"' if ch is not None and ch.moved_numbers else ""
        article = "".join(
            f' &middot; <a href="{e(v)}/{e(lang)}/article.html">article [{e(lang)}]</a>'
            for lang in (r.get("labels") or []) if (r.get("pages") or {}).get("article"))
        summary.append(
            f'<tr><td><a href="#{e(anchor(v))}">{e(v)}</a>'
            f"{' <strong>(latest)</strong>' if v == latest else ''}{article}</td>"
            f"<td>{e(r.get('built_at', ''))}</td><td>{e(langs)}</td>"
            f"<td>{e(r.get('data_fingerprint', ''))}</td><td{cls}>{e(what)}</td></tr>"
        )
    sections = [_version_section(r, rows[i + 1] if i + 1 < len(rows) else None, changes[i],
                                 latest) for i, r in enumerate(rows)]
    write_change_pages(rows, changes, reports_dir)
    lead = ""
    newest = next((r for r in rows if r["version"] == latest), None)
    if newest is not None and (newest.get("pages") or {}).get("article"):
        links = " &middot; ".join(
            f'<a href="{e(latest or "")}/{e(lang)}/article.html">{e(LANG_NAMES.get(lang, lang))}'
            "</a>" for lang in newest.get("labels") or [])
        lead = (f'<p class="lead"><strong>Start here: the article</strong> (chapter III '
                f"re-derived, the audit up front) of the latest version {e(latest or '')}: "
                f"{links}</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Liaoning RCI re-analysis: reports</title>
<style>{STYLE}</style></head>
<body><h1>Reports</h1>
{lead}
<p>One row per build, newest first: version (git revision, with a hash of the changes when the
tree was dirty), build date (UTC), label languages, fingerprint of data/ and what changed since
the version built before it (data files, notebook sources, claims in claims.csv and key figures;
<span class="moved">red</span> when a number or verdict moved). <a href="latest/">latest</a> is
the newest build. Each report links back here, to its own entry, which links to the same report
in the previous version.</p>
<table><tr><th>version</th><th>built</th><th>labels</th><th>data fingerprint</th>
<th>changes since previous version</th></tr>
{chr(10).join(summary)}
</table>
{chr(10).join(sections)}
</body></html>
"""
