"""How much of the report the register covers, counted the same way every time.

Why: "every number, date, count, ordinal, frequency, rank and uniqueness claim" needs a count
that does not depend on who reads. A candidate statement is, per numbered paragraph of the
report text: a number that is not a bare year (Arabic digits, or a Chinese count or ordinal
such as 三种, 第三批, 四分之三), a date with a month, or a word of rank, uniqueness or frequency
(唯一, 最…, 首位, 每年, 逐年, 一直, 前所未有, 排名). Not counted: citation years ("（2016）",
"：2017"), footnote markers after "%", list numbering ("1. "), table and figure numbers, and
numbers inside names (中国制造2025, TA9036, 21世纪, 500强). A candidate is covered when it lies
inside the quote of a register row of its paragraph or of a fact or list such a row reads, or is
the printed value of a table cell the register checks (tables sit between paragraphs, so one
paragraph either side).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis import data
from analysis.rounding import printed_value

from .register import references

_CN = "一二三四五六七八九十两"
_TOKEN = re.compile(
    r"\d{4}年\d{1,2}月(?:\d{1,2}(?:至\d{1,2})?日)?"          # a date with a month
    rf"|第[{_CN}\d]+[届次批位大]?"                              # an ordinal
    rf"|[{_CN}]+分之[{_CN}]+"                                   # a fraction in words
    rf"|[{_CN}]{{2,}}(?=[个条种项大家次届批年位倍国部点地领域城座])"  # a count in words
    rf"|[{_CN[1:]}](?=[个条种项大家次届批年位倍国部点地领域城座])"
    r"|\d+(?:[.,]\d+)*"                                         # a number in digits
    r"|唯一|最[多大高低后小]|首位|每年|逐年|一直(?=[在低高保居下上])|前所未有|排名")
# Not statements: numbers inside names, sector names, discourse ordinals, figures of speech.
_NAMES = re.compile(r"中国制造2025|TA\s?9036|9036|21世纪|二十一世纪|500强|G\d+|第[一二三]产业"
                    r"|第[一二三四五六七八九十]+(?=[，、])|几十|五年计划|最大限度|规模最大|十分")
_CITATION = re.compile(r"[（(：:]\s*\d{4}年?\s*[）)]|[：:]\s*\d{4}年?")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s*(\S.*)$")


# Lines that are not a paragraph's prose: headings, captions, source and unit lines, footnotes.
_SKIP_LINE = re.compile(r"^(\d{1,2}\.?\s|[A-G]\.|[IVX]+\.|[a-g]\)|[图表]\s*\d|来源|单位"
                        r"|\d[\u4e00-\u9fff])")


def _join(lines: list[str]) -> str:
    """Lines joined as the text reads: directly, except digit against digit (table rows)."""
    out = ""
    for line in lines:
        out += (" " if out[-1:].isdigit() and line[:1].isdigit() else "") + line
    return out


def paragraphs(text: str) -> dict[int, str]:
    """Numbered paragraphs 2-130 of the report text, lines joined; page numbers, headings,
    captions, source and unit lines and footnotes dropped."""
    out: dict[int, list[str]] = {}
    current, expected = 0, 2
    for line in text.splitlines():
        m = _NUMBERED.match(line)
        if m and int(m.group(1)) in (expected, expected + 1) and len(line.strip()) >= 12:
            current = int(m.group(1))
            expected = current + 1
            out[current] = [m.group(2).strip()]
            continue
        stripped = line.strip()
        if not current or not stripped or stripped.isdigit():
            continue
        if len(stripped) < 40 and _SKIP_LINE.match(stripped):
            continue
        out[current].append(stripped)
    return {n: _join(lines) for n, lines in out.items()}


def _masked(text: str) -> str:
    """The text with what is not a statement blanked out (same length, positions kept)."""
    for pattern in (_NAMES, _CITATION, re.compile(r"(?<=%)\d{1,2}"),
                    re.compile(r"(?:^|(?<=[。：\s]))\d\.\s"), re.compile(r"(?<=[表图])\s?\d+"),
                    re.compile(r"(?<=。)\d(?=[\u4e00-\u9fff])"),
                    re.compile(r"\d{4}\s*-\s*\d{4}\s*年?")):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def candidates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of every candidate statement of one paragraph's text."""
    out = []
    for m in _TOKEN.finditer(_masked(text)):
        tok = m.group(0)
        if re.fullmatch(r"(19|20)\d{2}", tok) or tok in ("1", "0", "一"):
            continue  # a bare year is context, not a statement; a lone 1/0/一 is an article
        out.append((m.start(), m.end(), tok))
    return out


def _spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for q in quotes:
        q = q.strip()
        start = text.find(q) if q else -1
        while start >= 0:
            spans.append((start, start + len(q)))
            start = text.find(q, start + 1)
    return spans


_REPORT_TABLES = ("table1_gdp", "table2_industry_structure", "table3_foreign_trade",
                  "table_partner_trade", "table_fdi")


def _table_values(register: pd.DataFrame) -> dict[int, set[str]]:
    """Printed strings of the report's table cells each paragraph's rows check, as the claim or
    as an input of an identity (a total, a share that adds up)."""
    out: dict[int, set[str]] = {}
    for r in register.itertuples(index=False):
        refs = [r.reported] + references(r.args)
        for ref in (x.split("@")[0] for x in refs):
            parts = ref.split(":")
            if len(parts) != 3 or parts[0] not in _REPORT_TABLES:
                continue
            df = data.load(parts[0])
            keys = [k for k in df.index if str(k) == parts[2] or
                    (isinstance(k, tuple) and f"{k[0]}/{k[1]}" == parts[2]) or
                    (len(parts[2]) == 9 and str(k).isdigit() and
                     int(parts[2][:4]) <= int(k) <= int(parts[2][5:]))]
            for k in keys:
                value, dec = printed_value(df, parts[1], k)
                out.setdefault(int(r.paragraph), set()).add(f"{value:.{max(dec, 0)}f}")
    return out


def coverage(register: pd.DataFrame, text: str) -> pd.DataFrame:
    """Per paragraph: candidate statements, how many the register covers, and which are not."""
    facts, lists = data.facts(), data.load("report_lists")
    cells = _table_values(register)
    used = {ref.split(":", 1)[1].split("@")[0]
            for r in register.itertuples(index=False)
            for ref in [r.reported] + references(r.args)
            if ref.startswith(("fact:", "list:"))}
    rows = []
    for n, body in paragraphs(text).items():
        quotes = list(register.loc[register["paragraph"] == n, "quote"])
        quotes += list(facts.loc[facts.index.isin(used) & (facts["paragraph"] == n), "quote"])
        quotes += list(lists.loc[lists.index.isin(used) & (lists["paragraph"] == n), "quote"])
        spans = _spans(body, quotes)
        near = set().union(*(cells.get(k, set()) for k in (n - 1, n, n + 1)))
        found = candidates(body)
        missed = [tok for a, b, tok in found
                  if not any(s <= a and b <= e for s, e in spans)
                  and tok.replace(",", "").rstrip("%") not in near]
        rows.append({"paragraph": n, "candidates": len(found),
                     "covered": len(found) - len(missed), "missed": " ".join(missed)})
    return pd.DataFrame(rows).set_index("paragraph")


def coverage_by_range(table: pd.DataFrame, ranges: Iterable[tuple[int, int]]) -> pd.DataFrame:
    """Candidates, covered and the share covered over ranges of paragraphs (e.g. 1-63)."""
    out = {}
    for lo, hi in ranges:
        part = table.loc[(table.index >= lo) & (table.index <= hi)]
        c, k = int(part["candidates"].sum()), int(part["covered"].sum())
        out[f"{lo}-{hi}"] = {"candidates": c, "covered": k, "share_pct": 100 * k / c if c else 0}
    return pd.DataFrame(out).T


def report_coverage(text_path: Path) -> pd.DataFrame:
    """`coverage` of the register over the report text at `text_path`."""
    from .register import load_register

    return coverage(load_register(), Path(text_path).read_text(encoding="utf-8"))
