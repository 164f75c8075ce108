"""report-text.html: the report's paragraphs 1-130 in the original Chinese, every audited number
marked in place.

The text is read from the copy the build is pointed at (it is not redistributed; see
reporting.pages). Paragraphs are found by their printed numbers ("34. ..."), in sequence;
short numbered lines ("1. 辽宁贸易往来", "II. 引言") are headings; table rows stay rows.
Each claim of the version's claims.csv is placed by its verbatim quote (data/claims.csv; for
`fact:` claims also facts.csv's quote and line) inside its paragraph, and the printed number in
the quote is wrapped in a link `<a data-claim="<id>" data-verdict="<verdict>">` to its row in
the audit report, coloured by verdict, with the recomputed value and likely cause on hover and,
for findings, in a side note under the paragraph. A claim whose quote is not found is listed at
the end (with its anchor), never dropped.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import reporting.nav as nav
from reporting.auditbrief import (
    explanation,
    is_finding,
    ordered_verdicts,
    value,
    verdict_class,
    verdict_name,
)

LAST_PARAGRAPH = 130
# "34. ..." starts paragraph 34 and "1. 辽宁贸易往来" is a heading, but "13.1%。..." (a number
# carried over from the line before) is neither.
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.(?!\d)\s*(\S.*)$")
_HEADING = re.compile(r"^\s*(?:[A-G]|[IVX]{1,4}|\d{1,2})\.(?!\d)\s*\S")
_NUMBER_TOKEN = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")
MIN_PARAGRAPH_LINE = 20  # characters: a numbered line this long starts a paragraph

UI = {
    "en": {"title": "The report text, annotated", "lede": "Paragraphs 1-130 of the report in "
           "the original Chinese. Every number the claims register audits is marked and "
           "coloured by its verdict; hover for the recomputed value and the likely cause, "
           "click for its row in the audit.", "legend": "Verdicts", "unplaced": "Claims whose "
           "quote is not found in the text", "missing": "(the text extraction has no paragraph "
           "with this number; what stands here is the text before paragraph {n})",
           "recomputed": "recomputed", "reported": "reported", "placed": "marked in the text",
           "summary": "Summary (摘要)", "para": "para. {n}"},
    "zh": {"title": "报告原文（标注）", "lede": "报告第1-130段原文。核查登记表中的每个数字均已"
           "标出，颜色表示核查结论；鼠标悬停可见重新计算值与可能原因，点击可跳至核查表中的对应行。",
           "legend": "核查结论", "unplaced": "原文中未找到引用的陈述",
           "missing": "（文本提取中没有此编号的段落；此处为第{n}段之前的文字）",
           "recomputed": "重新计算", "reported": "报告数值", "placed": "在原文中标出",
           "summary": "摘要", "para": "第{n}段"},
}

STYLE = """p.para { margin: 0.6em 0; } p.para .num { font-family: sans-serif; font-weight: bold;
  color: #555; margin-right: 0.3em; text-decoration: none; }
.heading { font-family: sans-serif; font-weight: bold; margin-top: 1.4em; }
.trow { display: block; font-family: monospace; font-size: 0.85em; white-space: pre-wrap; }
a.claim { color: #000; text-decoration: none; border-bottom: 2px solid #888;
  padding: 0 0.1em; border-radius: 0.15em; }
a.claim.v-holds { background: #d8f0d8; border-color: #2e7d32; }
a.claim.v-quiet { background: #e6e6e6; border-color: #777; }
a.claim.v-finding { background: #fbd3cf; border-color: #c62828; }
a.claim:hover, a.claim:target { outline: 2px solid #0645ad; }
aside.side { font-family: sans-serif; font-size: 0.8em; border-left: 3px solid #c62828;
  margin: 0.2em 0 0.8em 1em; padding: 0.1em 0.6em; color: #333; }
aside.side p { margin: 0.2em 0; }
.verdict { padding: 0 0.35em; border-radius: 0.2em; font-family: sans-serif;
  font-size: 0.85em; } .v-holds { background: #d8f0d8; }
.v-quiet { background: #e6e6e6; } .v-finding { background: #fbd3cf; }"""


@dataclass
class Paragraph:
    """A numbered paragraph (number 0: the summary before paragraph 1), its lines and the
    headings that precede it."""

    number: int
    first_line: int
    lines: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    missing: bool = False


def split_paragraphs(text: str, last: int = LAST_PARAGRAPH) -> list[Paragraph]:
    """The text's paragraphs 1..last in order; a number the extraction lost gets an empty,
    `missing` paragraph (the text before the next one stays with the previous paragraph)."""
    paras = [Paragraph(0, 1)]
    expected = 1
    pending: list[str] = []
    for i, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        m = _NUMBERED.match(line)
        if m and expected <= last and len(line.strip()) >= MIN_PARAGRAPH_LINE:
            n = int(m.group(1))
            if expected <= n <= expected + 2:
                while expected < n:  # numbers the extraction lost
                    paras.append(Paragraph(expected, i, missing=True))
                    expected += 1
                paras.append(Paragraph(n, i, [m.group(2)], pending))
                pending = []
                expected = n + 1
                continue
        if not line.strip() or line.strip().isdigit():  # blank or page-number line
            continue
        if paras[-1].number == last and _HEADING.match(line) and len(line.strip()) < 30:
            break  # the text after the last paragraph's block (chapter end, notes)
        if _HEADING.match(line) and len(line.strip()) < 30:
            pending.append(line.strip())
        else:
            paras[-1].lines.append(line.strip())
    return paras


def joined(lines: Sequence[str]) -> str:
    """Lines of a paragraph as one text: Chinese lines joined directly, Latin words with a
    space, table rows (several numbers) on lines of their own (marked by \\n)."""
    out = ""
    for ln in lines:
        is_row = len(_NUMBER_TOKEN.findall(ln)) >= 4 and " " in ln.strip()
        if is_row:
            out += "\n" + ln + "\n"
        elif out and out[-1:].isascii() and out[-1:].isalnum() and ln[:1].isascii() \
                and ln[:1].isalnum():
            out += " " + ln
        else:
            out += ln
    return out


@dataclass
class Mark:
    """A claim placed in a paragraph's text: [start, end) and the claim's row."""

    start: int
    end: int
    claim: dict[str, str]
    extra: list[dict[str, str]] = field(default_factory=list)


def _norm(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and each kept character's index in the text."""
    keep = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in keep), [i for i, _ in keep]


def _printed(value: str) -> list[str]:
    """Ways a number may be printed: as given, without trailing zeros, with thousands commas."""
    v = value.strip()
    out = [v]
    try:
        f = float(v)
    except ValueError:
        return out
    whole = f == int(f)
    for s in (f"{f:g}", f"{f:,}", f"{f:,.0f}" if whole else "", f"{int(f)}" if whole else ""):
        if s and s not in out:
            out.append(s)
    return out


def _whole_at(text: str, number: str, start: int, end: int,
              taken: Sequence[tuple[int, int]] = ()) -> int:
    """Where `number` stands in text[start:end] as a whole number (not a digit of a year or of a
    longer number) and outside the `taken` spans, or -1."""
    for found in re.finditer(re.escape(number), text[start:end]):
        a, b = start + found.start(), start + found.end()
        clear = not (re.match(r"[\d.,]", text[a - 1:a] or " ")
                     or re.match(r"[\d.,]\d|\d", text[b:b + 2] or " "))
        if clear and not any(x < b and a < y for x, y in taken):
            return a
    return -1


def load_places(data_dir: Path) -> dict[str, dict[str, str]]:
    """Per claim id, its quote and printed value from data/claims.csv and data/report/facts.csv
    (the `reported` column's `fact:<id>` names the fact)."""
    facts: dict[str, dict[str, str]] = {}
    fpath = data_dir / "report" / "facts.csv"
    if fpath.exists():
        with fpath.open(encoding="utf-8", newline="") as f:
            facts = {r["id"]: r for r in csv.DictReader(f)}
    places: dict[str, dict[str, str]] = {}
    cpath = data_dir / "claims.csv"
    if cpath.exists():
        with cpath.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                rep = r.get("reported", "")
                fact = facts.get(rep.removeprefix("fact:"), {}) if rep.startswith("fact:") else {}
                places[r["id"]] = {"quote": r.get("quote", ""), "fact_quote": fact.get(
                    "quote", ""), "value": fact.get("value", ""), "line": fact.get("line", "")}
    return places


def place_claims(paras: Sequence[Paragraph], claims: Sequence[dict[str, str]],
                 places: dict[str, dict[str, str]]) -> tuple[dict[int, list[Mark]], list[dict]]:
    """Marks per paragraph number, and the claims that could not be placed."""
    texts = {p.number: joined(p.lines) for p in paras}
    norms = {n: _norm(t) for n, t in texts.items()}
    by_line = sorted((p.first_line, p.number) for p in paras if not p.missing)
    marks: dict[int, list[Mark]] = {}
    unplaced = []
    for c in claims:
        info = places.get(c.get("id", ""), {})
        quotes = [q for q in (c.get("quote", ""), info.get("quote", ""),
                              info.get("fact_quote", "")) if q]
        candidates: list[int] = []
        try:
            candidates.append(int(float(c.get("paragraph", "") or "x")))
        except ValueError:
            pass
        if info.get("line", "").isdigit():
            line = int(info["line"])
            before = [n for first, n in by_line if first <= line]
            if before:
                candidates.append(before[-1])
        candidates += [n for n in norms if n not in candidates]  # anywhere, as a last resort
        hit = None
        squeezed = [_norm(q)[0] for q in quotes]  # once a claim, not once a paragraph tried
        for n in candidates:
            if n not in norms:
                continue
            norm, index = norms[n]
            for qn in squeezed:
                at = norm.find(qn) if qn else -1
                if at < 0:
                    continue
                start, end = index[at], index[at + len(qn) - 1] + 1
                for s in _printed(info.get("value") or "") + _printed(c.get("reported", "")):
                    k = _whole_at(texts[n], s, start, end) if s else -1
                    if k >= 0:  # the number itself; else the whole quote (a statement)
                        start, end = k, k + len(s)
                        break
                hit = (n, start, end)
                break
            if hit:
                break
        if hit is None and candidates and candidates[0] in texts:  # table cells: the number
            n = candidates[0]
            taken = [(m.start, m.end) for m in marks.get(n, [])]
            for s in _printed(info.get("value") or "") + _printed(c.get("reported", "")):
                a = _whole_at(texts[n], s, 0, len(texts[n]), taken) if len(s) > 1 else -1
                if a >= 0:
                    hit = (n, a, a + len(s))
                    break
        if hit is None:
            unplaced.append(c)
            continue
        n, start, end = hit
        for m in marks.setdefault(n, []):
            if m.start < end and start < m.end:  # overlaps: noted beside the first mark
                m.extra.append(c)
                break
        else:
            marks[n].append(Mark(start, end, c))
    for ms in marks.values():
        ms.sort(key=lambda m: m.start)
    return marks, unplaced


def _hover(c: dict[str, str], lang: str) -> str:
    ui = UI.get(lang, UI["en"])
    rep, rec = value(c, "reported", lang), value(c, "recomputed", lang)
    sep = ", " if lang == "en" else "，"
    return (f"{c.get('id', '')}: {verdict_name(c.get('verdict', ''), lang)}; {ui['reported']} "
            f"{rep}{sep}{ui['recomputed']} {rec}. {explanation(c, lang)}")


def _claim_link(c: dict[str, str], text: str, lang: str, audit_page: str | None) -> str:
    e = html.escape
    cid, v = c.get("id", ""), c.get("verdict", "")
    href = f"{audit_page}#claim-{cid}" if audit_page else f"#claim-{cid}"
    return (f'<a class="claim {verdict_class(v)}" id="claim-{e(cid)}" data-claim="{e(cid)}" '
            f'data-verdict="{e(v)}" href="{e(href)}" title="{e(_hover(c, lang))}">'
            f"{text}</a>")


def _side_note(c: dict[str, str], lang: str, audit_page: str | None) -> str:
    """A finding beside its paragraph: id (linking to the audit), reported -> recomputed, cause."""
    e = html.escape
    link = _claim_link(c, e(c.get("id", "")), lang, audit_page).replace(" id=", " data-id=", 1)
    return (f"<p>{link}: {e(value(c, 'reported', lang))} &rarr; "
            f"{e(value(c, 'recomputed', lang))}. {e(explanation(c, lang))}</p>")


def _render_text(text: str, marks: Sequence[Mark], lang: str, audit_page: str | None) -> str:
    e = html.escape
    out, pos = [], 0
    for m in marks:
        out.append(e(text[pos:m.start]))
        out.append(_claim_link(m.claim, e(text[m.start:m.end]), lang, audit_page))
        for i, c in enumerate(m.extra, start=1):
            out.append("<sup>" + _claim_link(c, f"[{i}]", lang, audit_page) + "</sup>")
        pos = m.end
    out.append(e(text[pos:]))
    body = "".join(out)
    return re.sub(r"\n([^\n]*)\n", r'<span class="trow">\1</span>', body).replace("\n", " ")


def render(lang: str, text_path: Path, claims: Sequence[dict[str, str]], data_dir: Path,
           site: nav.Site, audit_page: str | None, footer: str) -> str:
    """The whole report-text page of one label language."""
    e = html.escape
    ui = UI.get(lang, UI["en"])
    paras = split_paragraphs(text_path.read_text(encoding="utf-8"))
    marks, unplaced = place_claims(paras, claims, load_places(data_dir))
    placed = sum(1 + len(m.extra) for ms in marks.values() for m in ms)
    legend = " ".join(
        f'<span class="verdict {verdict_class(v)}">{e(verdict_name(v, lang))}</span>'
        for v in ordered_verdicts(claims))
    body = [f"<h1>{e(ui['title'])}</h1>", f"<p>{e(ui['lede'])}</p>",
            f'<p class="meta">{e(ui["legend"])}: {legend} &middot; {placed} / {len(claims)} '
            f"{e(ui['placed'])}</p>"]
    for p in paras:
        body += [f'<p class="heading">{e(h)}</p>' for h in p.headings]
        ms = marks.get(p.number, [])
        text = joined(p.lines)
        if p.number == 0:
            if not text:
                continue
            body.append(f'<p class="heading">{e(ui["summary"])}</p>')
            body.append(f'<p class="para" id="p0">{_render_text(text, ms, lang, audit_page)}</p>')
            continue
        note = f' <em>{e(ui["missing"].format(n=p.number + 1))}</em>' if p.missing else ""
        body.append(f'<p class="para" id="p{p.number}"><a class="num" href="#p{p.number}">'
                    f"{p.number}.</a>{_render_text(text, ms, lang, audit_page)}{note}</p>")
        side = [c for m in ms for c in [m.claim, *m.extra] if is_finding(c)]
        if side:
            body.append('<aside class="side">' + "".join(_side_note(c, lang, audit_page)
                                                         for c in side) + "</aside>")
    if unplaced:
        body.append(f"<h2>{e(ui['unplaced'])} ({len(unplaced)})</h2><ul>")
        body += [f"<li>{_claim_link(c, e(c.get('id', '')), lang, audit_page)} "
                 f"({e(ui['para'].format(n=c.get('paragraph', '')))}): "
                 f"{e(c.get('quote', ''))}</li>"
                 for c in unplaced]
        body.append("</ul>")
    return nav.page(lang, ui["title"], site.header(lang, "report-text.html"), "\n".join(body),
                    footer, STYLE)
