"""article.pdf: the article printed by headless Chromium, with page numbers and an outline.

Chromium is driven by Playwright as in reporting.browser (Debian's /usr/bin/chromium, no
`playwright install`, every non-local request blocked). Collapsed blocks (<details>) print open.
The pages carry "page N / M" in the footer; the article's contents list gets each entry's page
number from a first printing's outline (bookmarks from the headings), then the article is
printed again with them (`toc_pages`; the first printing hides the images, which keeps every
box where it is and saves Chromium about a third of the work). Chromium joins a heading that
wraps into an outline title without the space at the break ("chapter IIIre-derived"): each such
title is given back its heading's text (`fix_outline`). Chromium stamps the PDF with the clock;
the creation and modification dates are rewritten to the commit's time. These edits are made in
the PDF's bytes (reporting.pdfedit: milliseconds, where pypdf's rewrite took a second). A PDF
is cached by the article's bytes and the revision, so a rebuild whose article did not change
does not start Chromium. Where Chromium is missing the build says so in one line and goes on
without a PDF; under CI (env CI set) that is a build error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reporting.pdfedit import fix_outline, relative_links, set_dates, squeeze
from reporting.profile import step

FOOTER = ('<div style="font-size:8px; width:100%; text-align:center; color:#555;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


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


class Printer:
    """Prints articles to PDF as the build hands them over (`add`), each on a thread with a
    Chromium of its own, while the build goes on writing the other pages: printing one article
    is one core's work (Chromium lays it out and draws it, the build waits), so two print at
    once, and each Chromium starts while the build still writes. A PDF is cached by the
    article's bytes and the revision: a cached one starts no Chromium. `wait` returns when every
    PDF is written and raises the first printing's error. Playwright's objects belong to the
    thread that made them: each printing starts, uses and closes its own."""

    def __init__(self, revision: str, root: Path, cache_dir: Path,
                 log: Callable[[str], None]) -> None:
        self.revision, self.cache_dir, self.log = revision, cache_dir, log
        self.when = commit_time(root, revision)
        self._pool: Any = None
        self._printing: list[Any] = []

    def add(self, html_path: Path, pdf_path: Path) -> None:
        """Print html_path (an article.html, written) to pdf_path: from the cache at once, else
        on a thread of its own."""
        cached = self.cache_dir / "pdf" / (hashlib.sha256(
            html_path.read_bytes() + self.revision.encode()).hexdigest()[:24] + ".pdf")
        if cached.exists():
            shutil.copyfile(cached, pdf_path)
            return
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(2, thread_name_prefix="pdf")
        self._printing.append(self._pool.submit(self._print, html_path, cached, pdf_path))

    def _print(self, html_path: Path, cached: Path, pdf_path: Path) -> None:
        import reporting.browser as browser

        with step("pdf: Chromium started (on the printing's thread)"):
            br = browser.Browser()
        try:
            data = _print(br, html_path)
        finally:
            br.close()
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{threading.get_ident()}.tmp")
        here = html_path.parent.resolve()  # <reports>/<version>/<lang>
        bases = [(here.as_uri() + "/", ""), (here.parent.parent.as_uri() + "/", "../../")]
        tmp.write_bytes(relative_links(set_dates(data, self.when), bases))
        os.replace(tmp, cached)
        shutil.copyfile(cached, pdf_path)
        self.log(f"[done]  {html_path.parent.name}/article.pdf printed by Chromium")

    def wait(self) -> None:
        """Wait for every printing; raise the first one's error (the others still finish)."""
        try:
            for printing in self._printing:
                printing.result()
        finally:
            self.close()

    def close(self) -> None:
        """Drop the printings not started yet and wait for those running (an interrupted build
        leaves no thread and no Chromium behind)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Run in the page before printing: every <details> open; the contents list's page numbers.
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
FILL_TOC = """pages => document.querySelectorAll('nav.toc a[href^="#"]').forEach(a => {
  const n = pages[a.getAttribute('href').slice(1)];
  if (n === undefined) return;
  const s = document.createElement('span'); s.className = 'page'; s.textContent = String(n);
  a.parentNode.appendChild(s); })"""
# Images hidden by a constructed style sheet: no element is added to the page (an element
# would take a node id, and the tagged PDF names its structure by node ids).
HIDE_IMAGES = """() => { const s = new CSSStyleSheet();
  s.replaceSync('img { visibility: hidden !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }"""
SHOW_IMAGES = "() => { document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1); }"
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
            if squeeze(entries[i][0]) == squeeze(heading):
                pages[anchor] = entries[i][1]
                start = i + 1
                break
    return pages


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
        targets = page.evaluate(TOC_TARGETS)
        if targets:
            page.evaluate(HIDE_IMAGES)
            with step("pdf: printed for the page numbers (images hidden)"):
                pages = toc_pages(printed(), targets)
            page.evaluate(SHOW_IMAGES)
            if pages:
                page.evaluate(FILL_TOC, pages)
        with step("pdf: printed"):
            data = printed()
        with step("pdf: outline titles fixed (in the PDF's bytes)"):
            return fix_outline(data, page.evaluate(HEADINGS))
    finally:
        page.close()
