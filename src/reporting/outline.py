"""The article's outline: a project file beside the notebooks (`notebooks/article.toml`), like
Jupyter Book's _toc.yml or Quarto's _quarto.yml, says which sections the article has, their
titles in each label language and which notebooks feed each. The machinery knows no section by
name: `read` gives the outline (or, without the file, one section per notebook) and `assign`
sorts the tagged cells of the executed notebooks into it.

Tags a notebook cell may carry: `article` (into the section that lists its notebook),
`article-<key>` (into section <key>, whatever its notebook), `headline` (the opening list of
findings, linked to the cell's section). Standard library only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OUTLINE_FILE = "article.toml"
ARTICLE_TAG = "article"
SECTION_TAG = "article-"  # `article-C` puts a cell in section C whatever its notebook
HEADLINE_TAG = "headline"
OTHER_KEY = "other"
OTHER_TITLE = {"en": "Other notebooks", "zh": "其他笔记本"}


class OutlineError(ValueError):
    """The outline file is malformed (its path and what is wrong)."""


@dataclass(frozen=True)
class Section:
    """One section of the article: its key (anchor, `article-<key>` tag), titles by label
    language, and the notebooks (file stems) whose `article` cells it shows."""

    key: str
    title: dict[str, str]
    notebooks: tuple[str, ...] = ()

    def title_in(self, lang: str) -> str:
        """The title in `lang` (English where the outline gives none)."""
        return self.title.get(lang) or self.title.get("en") or self.key


@dataclass(frozen=True)
class Outline:
    """The article's title and lede by language, and its sections in order."""

    sections: tuple[Section, ...]
    title: dict[str, str] = field(default_factory=dict)
    lede: dict[str, str] = field(default_factory=dict)

    def section_of(self, notebook: str) -> str | None:
        """Key of the first section that lists `notebook` (None if none does)."""
        return next((s.key for s in self.sections if notebook in s.notebooks), None)


def _texts(value: Any, where: str, path: Path) -> dict[str, str]:
    """A {lang: text} table of the outline, checked."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise OutlineError(f"{path}: {where} must be a table of texts by label language, "
                           f'e.g. {{ en = "...", zh = "..." }}')
    return dict(value)


def parse(text: str, path: Path = Path(OUTLINE_FILE)) -> Outline:
    """An outline from the text of an article.toml (errors name the file and the section)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise OutlineError(f"{path}: not valid TOML ({e})") from None
    head = raw.get("article", {})
    sections, seen = [], set()
    for i, s in enumerate(raw.get("section", []), start=1):
        key = s.get("key")
        if not isinstance(key, str) or not key or key == OTHER_KEY or key in seen:
            raise OutlineError(f"{path}: section {i} needs a key of its own (a short text, "
                               f"not {OTHER_KEY!r}), got {key!r}")
        seen.add(key)
        notebooks = s.get("notebooks", [])
        if not isinstance(notebooks, list) or not all(isinstance(n, str) for n in notebooks):
            raise OutlineError(f"{path}: section {key!r}: notebooks must be a list of file "
                               "stems such as \"03_trade_collapse\"")
        title = _texts(s.get("title"), f"section {key!r} title", path)
        if not title:
            raise OutlineError(f"{path}: section {key!r} has no title")
        sections.append(Section(key, title, tuple(notebooks)))
    return Outline(tuple(sections), _texts(head.get("title"), "article title", path),
                   _texts(head.get("lede"), "article lede", path))


def read(notebooks_dir: Path, notebooks: Sequence[tuple[str, str]] = ()) -> Outline:
    """The outline in notebooks_dir/article.toml; without that file, one section per notebook
    ((stem, title) pairs) in build order."""
    path = Path(notebooks_dir) / OUTLINE_FILE
    if path.is_file():
        return parse(path.read_text(encoding="utf-8"), path)
    return Outline(tuple(Section(stem, {"en": title}, (stem,)) for stem, title in notebooks))


# --------------------------------------------------------------------------- cells


@dataclass
class Block:
    """A notebook's contribution to one section: its file stem, title and tagged cells."""

    notebook: str
    title: str
    cells: list[Any] = field(default_factory=list)


def tags(cell: Any) -> list[str]:
    """A cell's tags."""
    return list(cell.get("metadata", {}).get("tags", []))


def section_tag(cell: Any) -> str | None:
    """The section key of an `article-<key>` tag (None without one)."""
    return next((t[len(SECTION_TAG):] for t in tags(cell) if t.startswith(SECTION_TAG)), None)


def assign(outline: Outline, notebooks: Sequence[tuple[str, str, Any]]
           ) -> dict[str, list[Block]]:
    """The article cells of each notebook by section key, in outline order (then OTHER_KEY for
    notebooks the outline does not list). `notebooks`: (stem, title, executed notebook) in
    build order. A section lists each notebook that feeds it, even one with no tagged cell."""
    keys = [s.key for s in outline.sections]
    out: dict[str, list[Block]] = {k: [] for k in keys}
    out[OTHER_KEY] = []
    for stem, title, nb in notebooks:
        home = outline.section_of(stem) or OTHER_KEY
        chosen: dict[str, list[Any]] = {}
        for cell in nb.cells:
            key = section_tag(cell)
            if key is None and ARTICLE_TAG not in tags(cell):
                continue
            chosen.setdefault(key if key in out else home, []).append(cell)
        listed = [s.key for s in outline.sections if stem in s.notebooks] or [OTHER_KEY]
        for key in [k for k in (*keys, OTHER_KEY) if k in listed or k in chosen]:
            out[key].append(Block(stem, title, chosen.get(key, [])))
    return out


def headlines(outline: Outline, notebooks: Sequence[tuple[str, str, Any]]
              ) -> list[tuple[str, str, Any]]:
    """(section key, notebook stem, cell) of every `headline` cell, in outline order (sections,
    then the notebooks' build order, then cell order)."""
    order = {s.key: i for i, s in enumerate(outline.sections)}
    found = []
    for n, (stem, _, nb) in enumerate(notebooks):
        home = outline.section_of(stem) or OTHER_KEY
        for i, cell in enumerate(nb.cells):
            if HEADLINE_TAG in tags(cell):
                key = section_tag(cell) or home
                found.append((order.get(key, len(order)), n, i, key, stem, cell))
    return [(key, stem, cell) for *_, key, stem, cell in sorted(found, key=lambda x: x[:3])]
