"""article.pdf: the article printed by headless Chromium, with page numbers and an outline.

Chromium is driven by Playwright, started as in reporting.browser (Debian's /usr/bin/chromium,
no `playwright install`, every non-local request blocked), through Playwright's asyncio API on a
thread of its own (`Printer`): the build hands each article over as soon as it is written and
goes on with the other pages while one Chromium prints every article at once. Collapsed blocks
(<details>) print open. The pages carry "page N / M" in the footer; the article's contents list
gets each entry's page number from a first printing, where Chromium names the page of every
link target (`destination_pages`), then the article is printed again with them. The first
printing hides everything in the page (visibility: every box stays where it is, and Chromium
still names each link target) and is not tagged (no structure tree, no outline): it draws no
text and no image, 0.09-0.12 s an article against 0.3-0.39 s with the text drawn. Chromium joins
a heading that wraps into an outline title without the space at the break ("chapter
IIIre-derived"): each such title is given back its heading's text (`fix_outline`). Chromium
stamps the PDF with the clock; the creation and modification dates are rewritten to the commit's
time. These edits are made in the PDF's bytes (reporting.pdfedit: milliseconds, where pypdf's
rewrite took a second). A PDF is cached by the article's bytes and the revision, so a rebuild
whose article did not change does not start Chromium (when a notebook runs, the build starts
Chromium with its kernels, `build_printer`, so that it is up when the first article is
written). Where Chromium is missing the build says so in one line and goes on without a PDF;
under CI (env CI set) that is a build error.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reporting.pdfedit import fix_outline, relative_links, set_dates
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


def build_printer(root: Path, revision: str, cache_dir: Path, log: Callable[[str], None],
                  start: bool) -> Printer | None:
    """The build's Printer, None where Chromium is missing (`available`). The build asks for it
    as its kernels start; `start` (a notebook will run, so its article is new) starts Chromium
    at once, and it is up when the first article is written. Else it starts at the first
    article not in the cache."""
    if not available(log):
        return None
    made = Printer(revision, commit_time(root, revision), cache_dir, log)
    if start:
        made.start()
    return made


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
    """Prints articles to PDF as the build hands them over (`add`), while the build goes on
    writing the other pages: one Chromium, started on the first article not in the cache, on a
    thread of its own (Playwright's asyncio API), each article printed in a page of its own, all
    at once: printing an article is one core's work (Chromium lays it out and draws it while the
    build waits), and a second Chromium would cost a second start. A PDF is cached by the
    article's bytes and the revision. `wait` returns when every PDF is written and raises the
    first printing's error; leaving the `with` block (an error, Ctrl-C) stops the printings and
    Chromium."""

    STOP_SECONDS = 15  # how long closing Chromium may take before it is left to die with us

    def __init__(self, revision: str, when: dt.datetime, cache_dir: Path,
                 log: Callable[[str], None]) -> None:
        """`when`: the revision's commit time (`commit_time`), the date every PDF carries."""
        self.revision, self.when, self.cache_dir, self.log = revision, when, cache_dir, log
        self._loop: asyncio.AbstractEventLoop | None = None
        self._chromium: Any = None  # the task starting Chromium (on the loop's thread)
        self._printing: list[Any] = []

    def add(self, html_path: Path, pdf_path: Path) -> None:
        """Print html_path (an article.html, written) to pdf_path: from the cache at once, else
        on Chromium's thread."""
        cached = self.cache_dir / "pdf" / (hashlib.sha256(
            html_path.read_bytes() + self.revision.encode()).hexdigest()[:24] + ".pdf")
        if cached.exists():
            shutil.copyfile(cached, pdf_path)
            return
        self._printing.append(asyncio.run_coroutine_threadsafe(
            self._print(html_path, cached, pdf_path), self._thread()))

    def start(self) -> None:
        """Start Chromium now, ahead of the first article (when one is sure to be printed)."""
        asyncio.run_coroutine_threadsafe(self._started(), self._thread())

    def _thread(self) -> asyncio.AbstractEventLoop:
        """The event loop of Chromium's thread (started on first use)."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            threading.Thread(target=self._loop.run_forever, name="pdf", daemon=True).start()
        return self._loop

    async def _started(self) -> tuple[Any, Any, Path]:
        """Playwright, Chromium's context, its folder: started once, by whoever asks first."""
        if self._chromium is None:
            self._chromium = asyncio.ensure_future(self._start())
        return await self._chromium

    async def _start(self) -> tuple[Any, Any, Path]:
        """Playwright, Chromium's context and its folder (reporting.browser's options; the
        profile and Chromium's temporary files in the folder, `chromium_folder`)."""
        from playwright.async_api import async_playwright

        import reporting.browser as browser

        pw = await async_playwright().start()
        folder = browser.chromium_folder()
        try:
            context = await pw.chromium.launch_persistent_context(
                folder / "profile", **browser.chromium_options(folder))
            await context.route(browser.is_remote, _refuse)
        except BaseException:
            await pw.stop()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return pw, context, folder

    async def _print(self, html_path: Path, cached: Path, pdf_path: Path) -> None:
        with step("pdf: Chromium started (while the pages are written)"):
            _, context, _ = await self._started()
        data = await _printed(context, html_path)
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        here = html_path.parent.resolve()  # <reports>/<version>/<lang>
        bases = [(here.as_uri() + "/", ""), (here.parent.parent.as_uri() + "/", "../../")]
        tmp.write_bytes(relative_links(set_dates(data, self.when), bases))
        os.replace(tmp, cached)
        shutil.copyfile(cached, pdf_path)
        self.log(f"[done]  {html_path.parent.name}/article.pdf printed by Chromium")

    def wait(self) -> None:
        """Wait for every printing; raise the first one's error."""
        try:
            for printing in self._printing:
                printing.result()
        finally:
            self.close()

    def close(self) -> None:
        """Stop what still prints, close Chromium, end its thread (nothing is left behind)."""
        loop, self._loop = self._loop, None
        if loop is None:
            return
        for printing in self._printing:
            printing.cancel()
        try:
            asyncio.run_coroutine_threadsafe(self._stop(), loop).result(self.STOP_SECONDS)
        except Exception:  # noqa: BLE001 - Chromium gone already (Ctrl-C reached it too)
            pass
        finally:
            loop.call_soon_threadsafe(loop.stop)

    async def _stop(self) -> None:
        if self._chromium is None:
            return
        pw = context = folder = None
        try:
            pw, context, folder = await self._chromium
            await context.close()
        finally:
            if pw is not None:
                await pw.stop()
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


async def _refuse(route: Any) -> None:
    """Refuse a request that would leave the machine (an article is printed offline)."""
    await route.abort("blockedbyclient")


# Run in the page before printing: every <details> open; the contents list's page numbers.
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
FILL_TOC = """pages => document.querySelectorAll('nav.toc a[href^="#"]').forEach(a => {
  const n = pages[a.getAttribute('href').slice(1)];
  if (n === undefined) return;
  const s = document.createElement('span'); s.className = 'page'; s.textContent = String(n);
  a.parentNode.appendChild(s); })"""
# Everything hidden for the first printing, by a constructed style sheet: no element is added
# to the page (an element would take a node id, and the tagged PDF names its structure by node
# ids). Hidden boxes keep their place, so every page break and link target stays where it is.
HIDE_CONTENT = """() => { const s = new CSSStyleSheet();
  s.replaceSync('body * { visibility: hidden !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }"""
SHOW_CONTENT = "() => { document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1); }"
HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.offsetParent !== null).map(h => h.textContent.trim())"""
TOC_ANCHORS = """() => [...document.querySelectorAll('nav.toc a[href^="#"]')]
  .map(a => a.getAttribute('href').slice(1))"""


def _quiet_pypdf() -> None:
    """pypdf warns about Chromium's trailer size, which it repairs: no warning in the log."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)


def destination_pages(data: bytes, anchors: Sequence[str]) -> dict[str, int]:
    """1-based page of each anchor (an element id) among a PDF's named destinations: Chromium
    names the target of every link within the page by its id, tagged PDF or not."""
    import io

    from pypdf import PdfReader

    _quiet_pypdf()
    reader = PdfReader(io.BytesIO(data))
    named = {str(k).lstrip("/"): v for k, v in reader.named_destinations.items()}
    return {a: reader.get_destination_page_number(named[a]) + 1 for a in anchors if a in named}


async def _printed(context: Any, html_path: Path) -> bytes:
    """The PDF bytes of one article, printed in a page of its own: A4, backgrounds, page
    numbers, <details> open, the contents with page numbers (a first printing finds them),
    outline titles as the headings read."""
    page = await context.new_page()
    try:
        await page.emulate_media(media="print")
        await page.goto(html_path.resolve().as_uri(), wait_until="load")
        await page.evaluate(OPEN_DETAILS)

        async def printed(tagged: bool = True) -> bytes:
            return await page.pdf(
                format="A4", print_background=True, display_header_footer=True,
                header_template="<span></span>", footer_template=FOOTER,
                margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
                outline=tagged, tagged=tagged)
        anchors = await page.evaluate(TOC_ANCHORS)
        if anchors:
            await page.evaluate(HIDE_CONTENT)
            with step("pdf: printed for the page numbers (content hidden, untagged)"):
                pages = destination_pages(await printed(tagged=False), anchors)
            await page.evaluate(SHOW_CONTENT)
            if pages:
                await page.evaluate(FILL_TOC, pages)
        with step("pdf: printed"):
            data = await printed()
        with step("pdf: outline titles fixed (in the PDF's bytes)"):
            return fix_outline(data, await page.evaluate(HEADINGS))
    finally:
        await page.close()
