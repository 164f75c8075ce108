"""One label language per page: the `lang-en` / `lang-zh` cell filter, and how much of a text is
English prose.

A markdown cell tagged `lang-en` is followed by its Chinese twin tagged `lang-zh`; untagged cells
show in every language (bilingual headings). A page of label language L shows no cell tagged
`lang-<other>` (`keep_cell`; the notebook template applies the same rule). `english_words`
counts the Latin words of a text that are prose: quotes (「…」, “…”, "…"), code, links' targets,
numbers and the proper names every language keeps (GDP, FDI, NBS, ...) are left out. A zh page
whose narrative still has English prose says so at its top, in Chinese (`ENGLISH_NOTICE`).
Standard library only.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

LANG_TAG = "lang-"
# Latin words a Chinese page keeps: proper names and codes with no Chinese form in use.
PROPER_NAMES = frozenset({
    "GDP", "FDI", "NBS", "ADB", "TA", "PRC", "CAGR", "TEU", "Chow", "DW", "WDI", "IMF", "EIA",
    "MOFCOM", "SAFE", "CPI", "PPI", "USD", "CNY", "PDF", "Word", "HTML", "SVG", "PNG", "Durbin",
    "Watson", "OLS", "Brent", "Q1", "Q2", "Q3", "Q4", "II", "III", "IV", "VI", "VII", "git",
})
_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|‘[^’]*’|\"[^\"\n]*\"|《[^》]*》|（[^）]*[A-Za-z][^）]*）")
_CODE = re.compile(r"`[^`]*`|<code>.*?</code>|<pre>.*?</pre>", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)|(?:href|src)=\"[^\"]*\"")
_TAG = re.compile(r"<[^>]+>")
_FILE = re.compile(r"[\w./-]+\.(?:csv|html|pdf|docx|py|ipynb|png|svg|toml|json)(?:#[\w=-]+)?")
_TOKEN = re.compile(r"[A-Za-z0-9_'’-]+")
# a token that is a word (not a code, not a section key such as E-G, not inf or nan)
_WORD = re.compile(r"(?=[^-]*[A-Za-z]{2})(?!(?:inf|nan|NaN)$)[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ENGLISH_NOTICE = ("说明：本笔记本报告的部分叙述文字尚无中文版本，以英文显示；"
                  "表格、图表标签与数字均为中文标签。")


def cell_language(cell: Any) -> str | None:
    """The label language a cell is written in (`lang-xx` tag), None for a bilingual cell."""
    for tag in cell.get("metadata", {}).get("tags", []):
        if tag.startswith(LANG_TAG):
            return tag[len(LANG_TAG):]
    return None


def keep_cell(cell: Any, lang: str) -> bool:
    """Whether a page in label language `lang` shows the cell (untagged, or tagged `lang`)."""
    own = cell_language(cell)
    return own is None or own == lang


def prose(text: str) -> str:
    """A text without what is not prose of its own: quotes, code, link targets, HTML tags."""
    for pattern in (_CODE, _LINK_TARGET, _TAG, _QUOTED, _FILE):
        text = pattern.sub(" ", text)
    return text


def english_words(text: str) -> list[str]:
    """The Latin words of a text's prose (see the module docstring), proper names left out."""
    words = [w for w in _TOKEN.findall(prose(text)) if _WORD.fullmatch(w)]
    return [w for w in words if w not in PROPER_NAMES and w.upper() not in PROPER_NAMES]


def chinese_characters(text: str) -> int:
    """How many Chinese characters a text's prose has."""
    return len(_CJK.findall(prose(text)))


def without_english_halves(text: str) -> str:
    """A text whose bilingual lines ("Trade collapse / 对外贸易下滑") keep only their Chinese
    halves: such a line is a heading in both languages, not English prose."""
    lines = []
    for line in text.splitlines():
        halves = line.split(" / ")
        if len(halves) > 1 and any(_CJK.search(h) for h in halves):
            line = " / ".join(h for h in halves if _CJK.search(h))
        lines.append(line)
    return "\n".join(lines)


def is_english_prose(text: str, min_words: int = 4) -> bool:
    """Whether a text is (mostly) English: at least `min_words` English words, and more words
    than a third of its Chinese characters; bilingual lines count by their Chinese halves."""
    text = without_english_halves(text)
    words = len(english_words(text))
    return words >= min_words and words * 3 > chinese_characters(text)


def narrative_is_english(nb: Any, lang: str) -> bool:
    """Whether a notebook shown in `lang` has a markdown cell of English prose."""
    return any(c.cell_type == "markdown" and keep_cell(c, lang) and is_english_prose(c.source)
               for c in nb.cells)


class _Text(HTMLParser):
    """Visible text of a page, leaving out styles, scripts, the site header and (optionally)
    what is marked translate="no" (identifiers, hashes, package names)."""

    SKIP = ("style", "script", "title")
    VOID = ("br", "img", "hr", "meta", "link", "input", "col", "wbr", "source")
    INLINE = ("a", "strong", "em", "b", "i", "span", "code", "sup", "sub", "small", "abbr",
              "mark", "q", "s", "u")

    def __init__(self, skip_untranslated: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_untranslated = skip_untranslated
        self.stack: list[bool] = []  # per open element: whether its text is skipped
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            self.parts.append(" ")
            return
        a = dict(attrs)
        skip = (tag in self.SKIP or (tag == "nav" and "site" in (a.get("class") or ""))
                or (self.skip_untranslated and (a.get("translate") == "no" or tag == "code")))
        self.stack.append(skip or bool(self.stack and self.stack[-1]))
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def page_text(page: str, skip_untranslated: bool = False) -> str:
    """The text a reader sees on a page (see _Text), whitespace collapsed."""
    parser = _Text(skip_untranslated)
    parser.feed(page)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()
