"""article.pdf: the article printed by headless Chromium, with page numbers and an outline.

Chromium is driven by Playwright as in reporting.browser (Debian's /usr/bin/chromium, no
`playwright install`, every non-local request blocked). Collapsed blocks (<details>) print open.
The pages carry "page N / M" in the footer; the article's contents list gets each entry's page
number from a first printing's outline (bookmarks from the headings), then the article is
printed again with them (`toc_pages`). Chromium joins a heading that wraps into an outline title
without the space at the break ("chapter IIIre-derived"): each such title is given back its
heading's text (`fix_outline`). Chromium stamps the PDF with the clock; the creation and
modification dates are rewritten to the commit's time (same length, so the cross-reference
table stays valid). A PDF is cached by the article's bytes and the revision, so a rebuild whose
article did not change does not start Chromium. Where Chromium is missing the build says so in
one line and goes on without a PDF; under CI (env CI set) that is a build error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

FOOTER = ('<div style="font-size:8px; width:100%; text-align:center; color:#555;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:([0-9]{4,14})([^)]*)\)")


def available(log: Callable[[str], None]) -> bool:
    """Whether Chromium and Playwright are there; one line when not; BuildError under CI."""
    import reporting.browser as browser

    try:
        browser.find_chromium()
    except browser.BrowserMissing as e:
        if browser.under_ci():
            from reporting.common import BuildError

            raise BuildError(f"[fail] article.pdf under CI: {e}") from None
        log(f"[skip]  article.pdf: {e}")
        return False
    return True


def commit_time(root: Path, revision: str) -> dt.datetime:
    """The commit's time (UTC); SOURCE_DATE_EPOCH or the epoch where git does not know it."""
    try:
        out = subprocess.run(["git", "-C", str(root), "show", "-s", "--format=%ct", revision],
                             capture_output=True, check=True, text=True).stdout.strip()
        seconds = int(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        seconds = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def set_dates(pdf: bytes, when: dt.datetime) -> bytes:
    """The PDF with its CreationDate and ModDate set to `when` (UTC), each of unchanged length
    (Chromium writes D:YYYYMMDDHHMMSS+hh'mm'; an unusual form is padded with spaces)."""
    stamp = when.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S").encode()

    def fix(m: re.Match[bytes]) -> bytes:
        digits, tail = m.group(2), m.group(3)
        utc = b"+00'00'" if len(tail) == 7 else (b"Z" if tail else b"")
        value = stamp[:len(digits)] + utc
        value += b" " * (len(digits) + len(tail) - len(value))
        return m.group(0)[:m.start(2) - m.start(0)] + value + b")" \
            if len(value) == len(digits) + len(tail) else m.group(0)
    return _DATE.sub(fix, pdf)


def relative_links(pdf: bytes, bases: Sequence[tuple[str, str]]) -> bytes:
    """The PDF with link targets under each base (a folder's file:// URI ending in /) made
    relative (the base replaced by its relative path, e.g. "" or "../../"), and its
    cross-reference table moved to match.

    Chromium writes every link as an absolute URI, here into the temporary build folder, which
    is gone once the version is published (and names the machine's paths); relative, they point
    at the pages beside the PDF, wherever the version folder is. Chromium's PDFs have a plain
    xref table (no object streams); each offset moves by what was cut before it.
    """
    edits: list[tuple[int, int]] = []  # (position in the original, change in length)
    pattern = re.compile(b"|".join(re.escape(b"(" + b.encode()) for b, _ in bases))
    relative = {b"(" + b.encode(): b"(" + r.encode() for b, r in bases}

    def swap(m: re.Match[bytes]) -> bytes:
        new = relative[m.group(0)]
        edits.append((m.start(), len(new) - len(m.group(0))))
        return new
    out = pattern.sub(swap, pdf)
    if not edits:
        return pdf

    def moved(offset: int) -> int:
        return offset + sum(d for at, d in edits if at < offset)

    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", out)
    if m is None:
        raise ValueError("PDF without a final startxref")
    xref = moved(int(m.group(1)))
    head = re.compile(rb"xref\s+\d+ (\d+)\s*\n").match(out, xref)
    if head is None:
        raise ValueError(f"PDF: no xref table at offset {xref}")
    count = int(head.group(1))
    entries = bytearray(out[head.end():head.end() + 20 * count])
    for i in range(count):
        if entries[20 * i + 17:20 * i + 18] == b"n":
            entries[20 * i:20 * i + 10] = b"%010d" % moved(int(entries[20 * i:20 * i + 10]))
    return (out[:head.end()] + bytes(entries) + out[head.end() + 20 * count:m.start()]
            + b"startxref\n%d\n%%%%EOF\n" % xref)


def print_articles(pairs: Sequence[tuple[Path, Path]], revision: str, root: Path,
                   cache_dir: Path, log: Callable[[str], None]) -> None:
    """Print each (article.html, article.pdf) pair; one Chromium for all that are not cached
    (a PDF is cached by the article's bytes and the revision)."""
    when = commit_time(root, revision)
    cached = {html_path: cache_dir / "pdf" / (hashlib.sha256(
        html_path.read_bytes() + revision.encode()).hexdigest()[:24] + ".pdf")
        for html_path, _ in pairs}
    todo = [h for h, _ in pairs if not cached[h].exists()]
    if todo:
        import reporting.browser as browser

        (cache_dir / "pdf").mkdir(parents=True, exist_ok=True)
        with browser.Browser() as br:
            for html_path in todo:
                data = _print(br, html_path)
                tmp = cached[html_path].with_suffix(".tmp")
                here = html_path.parent.resolve()  # <reports>/<version>/<lang>
                bases = [(here.as_uri() + "/", ""), (here.parent.parent.as_uri() + "/", "../../")]
                tmp.write_bytes(relative_links(set_dates(data, when), bases))
                os.replace(tmp, cached[html_path])
                log(f"[done]  {html_path.parent.name}/article.pdf printed by Chromium")
    for html_path, pdf_path in pairs:
        shutil.copyfile(cached[html_path], pdf_path)


# Run in the page before printing: every <details> open; the contents list's page numbers.
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
FILL_TOC = """pages => document.querySelectorAll('nav.toc a[href^="#"]').forEach(a => {
  const n = pages[a.getAttribute('href').slice(1)];
  if (n === undefined) return;
  const s = document.createElement('span'); s.className = 'page'; s.textContent = String(n);
  a.parentNode.appendChild(s); })"""
HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.offsetParent !== null).map(h => h.textContent.trim())"""
TOC_TARGETS = """() => [...document.querySelectorAll('nav.toc a[href^="#"]')].map(a => [
  a.getAttribute('href').slice(1),
  (document.getElementById(a.getAttribute('href').slice(1))?.querySelector('h2, h1, h3')
   ?.textContent || a.textContent).trim()])"""


def _quiet_pypdf() -> None:
    """pypdf warns about Chromium's trailer size, which it repairs: no warning in the log."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def outline_pages(data: bytes) -> list[tuple[str, int]]:
    """(title, 1-based page) of every outline entry of a PDF, in order."""
    import io

    from pypdf import PdfReader

    _quiet_pypdf()
    reader = PdfReader(io.BytesIO(data))
    out: list[tuple[str, int]] = []

    def walk(items: Any) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((str(item.title), reader.get_destination_page_number(item) + 1))
    walk(reader.outline)
    return out


def toc_pages(data: bytes, targets: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Page of each contents entry (anchor id -> page): the first outline entry after the
    previous one whose title is the target's heading (spaces aside)."""
    entries = outline_pages(data)
    pages: dict[str, int] = {}
    start = 0
    for anchor, heading in targets:
        for i in range(start, len(entries)):
            if _squeeze(entries[i][0]) == _squeeze(heading):
                pages[anchor] = entries[i][1]
                start = i + 1
                break
    return pages


def fix_outline(data: bytes, headings: Sequence[str]) -> bytes:
    """The PDF with each outline title that is a heading less its spaces set to the heading's
    text (Chromium drops the space where a heading wraps)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    _quiet_pypdf()
    whole = {_squeeze(h): h for h in headings}
    writer = PdfWriter(clone_from=io.BytesIO(data))
    changed = False
    stack = [writer._root_object.get("/Outlines")]
    while stack:
        node = stack.pop()
        node = node.get_object() if node is not None else None
        if node is None:
            continue
        title = node.get("/Title")
        if title is not None:
            text = str(title)
            better = whole.get(_squeeze(text))
            if better is not None and better != text:
                node[NameObject("/Title")] = TextStringObject(better)
                changed = True
        stack += [node.get("/First"), node.get("/Next")]
    if not changed:
        return data
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _print(br: Any, html_path: Path) -> bytes:
    """The PDF bytes of one page: A4, backgrounds, page numbers, <details> open, the contents
    with page numbers (a first printing finds them), outline titles as the headings read."""
    page = br.context.new_page()
    try:
        page.emulate_media(media="print")
        page.goto(html_path.resolve().as_uri(), wait_until="load")
        page.evaluate(OPEN_DETAILS)

        def printed() -> bytes:
            return page.pdf(format="A4", print_background=True, display_header_footer=True,
                            header_template="<span></span>", footer_template=FOOTER,
                            margin={"top": "16mm", "bottom": "18mm", "left": "14mm",
                                    "right": "14mm"}, outline=True, tagged=True)
        first = printed()
        pages = toc_pages(first, page.evaluate(TOC_TARGETS))
        if pages:
            page.evaluate(FILL_TOC, pages)
            first = printed()
        return fix_outline(first, page.evaluate(HEADINGS))
    finally:
        page.close()
