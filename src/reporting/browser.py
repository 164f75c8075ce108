"""Open the reports as a reviewer would, offline in headless Chromium, and list what is wrong.

`check_site(reports_dir)` opens reports/index.html and every report it links to via file:// URLs
(Playwright driving Debian's /usr/bin/chromium: no `playwright install`, no network) and records,
per page: every request (anything but file: or data: is blocked and reported), failed requests,
console errors and uncaught exceptions, images that did not load (naturalWidth 0), and in a
Chinese-label report whether its Chinese text is drawn with real glyphs (a canvas pixel test:
distinct characters must give distinct, non-empty bitmaps; missing glyphs all draw the same box).
It also follows each report's link back to the index and to its previous version, and checks
every other link of every page (navigation, figure sources, claim marks): the file exists and
the anchor its fragment names is in it. Screenshots of each page's first screen go to a folder
for a person to look at.

`python -m reporting.browser [reports/] [--screenshots test-output/screenshots]` prints the
problems and exits 1 if there are any. The tests (tests/pipeline/test_browser.py) run it on a
fresh fixture build.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
)
LOCAL_SCHEMES = ("file:", "data:", "about:")
VIEWPORT = {"width": 1280, "height": 900}

# In the page: draw each distinct CJK character of `text` on a canvas in `font`, and a character
# no font has (its .notdef box). Returns per-character ink and bitmap hashes.
GLYPH_PROBE_JS = """([text, font]) => {
  const chars = [...new Set([...text].filter(ch => /[\\u3400-\\u9fff]/.test(ch)))].slice(0, 16);
  const c = document.createElement('canvas'); c.width = 80; c.height = 80;
  const ctx = c.getContext('2d', {willReadFrequently: true});
  const sig = ch => {
    ctx.clearRect(0, 0, 80, 80); ctx.font = font; ctx.fillStyle = '#000';
    ctx.textBaseline = 'top'; ctx.fillText(ch, 8, 8);
    const d = ctx.getImageData(0, 0, 80, 80).data;
    let h = 0, ink = 0;
    for (let i = 3; i < d.length; i += 4) { if (d[i]) ink++; h = (Math.imul(h, 31) + d[i]) >>> 0; }
    return {ch, hash: h, ink};
  };
  return {font, chars: chars.map(sig), missing: sig('\\u{10FFFD}')};
}"""

# In the page: the first element whose own text has CJK characters, its text and canvas font.
FIND_CJK_JS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let text = '', el = null;
  while (walker.nextNode()) {
    const n = walker.currentNode, p = n.parentElement;
    if (!p || ['SCRIPT', 'STYLE'].includes(p.tagName)) continue;
    if (/[\\u3400-\\u9fff]/.test(n.data) && p.offsetParent !== null) {
      el = el || p; text += n.data;
      if (text.length > 400) break;
    }
  }
  if (!el) return null;
  const s = getComputedStyle(el);
  return {text, font: `${s.fontStyle} ${s.fontWeight} 40px ${s.fontFamily}`, tag: el.tagName};
}"""

IMAGES_JS = """() => [...document.images].map(i => ({
  src: i.currentSrc.slice(0, 60), complete: i.complete, width: i.naturalWidth}))"""


class BrowserMissing(RuntimeError):
    """Chromium or Playwright is not available (tests skip, or fail under CI)."""


@dataclass
class PageCheck:
    """What one page did in the browser."""

    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    cjk: dict[str, Any] | None = None
    lang: str = ""
    screenshot: Path | None = None

    def problems(self) -> list[str]:
        """Every problem on this page, one line each, naming the page."""
        where = _short(self.url)
        out = [f"{where}: request leaves the machine: {u}" for u in self.blocked]
        out += [f"{where}: request failed: {u}" for u in self.failed]
        out += [f"{where}: console error: {m}" for m in self.console_errors]
        out += [f"{where}: image not loaded: {i['src']}" for i in self.images
                if not (i["complete"] and i["width"] > 0)]
        if self.lang == "zh":
            if self.cjk is None:
                out.append(f"{where}: Chinese-label report shows no Chinese text")
            elif not cjk_drawn(self.cjk):
                out.append(f"{where}: Chinese text not drawn (missing glyphs, font "
                           f"{self.cjk['font']})")
        return out


@dataclass
class SiteCheck:
    """The index, every report it links to, and the reports' own navigation links."""

    pages: list[PageCheck] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)  # report URLs reached from the index

    def problems(self) -> list[str]:
        """Every problem found, one line each."""
        return [p for page in self.pages for p in page.problems()] + self.broken_links


def cjk_drawn(probe: dict[str, Any]) -> bool:
    """Whether a glyph probe shows real glyphs: ink, distinct bitmaps, none equal to .notdef."""
    chars = probe["chars"]
    hashes = [c["hash"] for c in chars]
    return (
        len(chars) >= 2
        and all(c["ink"] > 0 for c in chars)
        and len(set(hashes)) == len(hashes)
        and probe["missing"]["hash"] not in hashes
    )


def _short(url: str) -> str:
    """The last two path parts of a URL (for messages)."""
    return "/".join(urlparse(url).path.split("/")[-3:])


def under_ci() -> bool:
    """Whether we run under CI (env CI set to anything but empty/0/false/no): there a missing
    browser is a failure, not a skip."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def find_chromium() -> str:
    """Path of the Chromium executable and check Playwright imports; BrowserMissing if not."""
    exe = os.environ.get("CHROMIUM") or (CHROMIUM if Path(CHROMIUM).exists()
                                         else shutil.which("chromium"))
    if not exe or not Path(exe).exists():
        raise BrowserMissing(
            "Chromium not found (/usr/bin/chromium; install Debian's chromium package, e.g. "
            "`apt-get install chromium`, or set CHROMIUM=/path/to/chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as e:
        raise BrowserMissing(f"Playwright for Python is not installed ({e}); "
                             "it is in the project's dev dependencies: `uv sync`") from None
    return exe


def _local_file(url: str) -> Path | None:
    """The file a file:// URL points to (fragment dropped)."""
    u = urlparse(urldefrag(url)[0])
    return Path(unquote(u.path)) if u.scheme == "file" else None


def launch_options(executable: str | None = None) -> dict[str, Any]:
    """How every Chromium of the project starts (Playwright's launch_persistent_context, after
    the profile folder): headless, offline, no service workers, a fixed viewport and locale."""
    return {"executable_path": executable or find_chromium(), "headless": True,
            "args": list(CHROMIUM_ARGS), "viewport": VIEWPORT, "locale": "en-GB",
            "offline": True, "service_workers": "block"}


CHROMIUM_FOLDER = "liaoning-chromium-"  # a Chromium's folder: this, its owner's pid, a dash


def chromium_folder() -> Path:
    """A fresh folder for one Chromium (a build's, or a check's: `Browser`), named by this
    process's id: Chromium's profile (`profile`) and temporary files (its TMPDIR: the socket and
    shared memory it would otherwise leave in the temporary folder if stopped while starting) go
    in it. Its owner removes it; if the owner is killed, the next build does
    (`remove_stale_chromium_folders`)."""
    folder = Path(tempfile.mkdtemp(prefix=f"{CHROMIUM_FOLDER}{os.getpid()}-"))
    (folder / "profile").mkdir()
    return folder


def chromium_options(folder: Path, executable: str | None = None) -> dict[str, Any]:
    """`launch_options` with Chromium's temporary files in its folder (`chromium_folder`)."""
    return {**launch_options(executable), "env": {**os.environ, "TMPDIR": str(folder)}}


def remove_stale_chromium_folders() -> list[Path]:
    """Remove the Chromium folders whose owner was killed (its process is gone); the folders
    removed."""
    from reporting.run import alive

    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"{CHROMIUM_FOLDER}*-*"):
        pid = folder.name[len(CHROMIUM_FOLDER):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def is_remote(url: str) -> bool:
    """Whether a request would leave the machine (anything but file:, data:, about:)."""
    return not url.startswith(LOCAL_SCHEMES)


class Browser:
    """A headless Chromium with a fresh profile; pages are opened with every request watched."""

    def __init__(self, executable: str | None = None) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._folder = chromium_folder()
        try:
            self.context = self._pw.chromium.launch_persistent_context(
                self._folder / "profile", **chromium_options(self._folder, executable))
        except Exception:
            self._pw.stop()
            shutil.rmtree(self._folder, ignore_errors=True)
            raise
        self.context.route(is_remote, self._block)
        self._current: PageCheck | None = None

    def _block(self, route: Any) -> None:
        if self._current is not None:
            self._current.blocked.append(route.request.url)
        route.abort("blockedbyclient")

    def close(self) -> None:
        """Close Chromium and delete its folder (profile and temporary files)."""
        try:
            self.context.close()
        finally:
            self._pw.stop()
            shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self, url: str, screenshot: Path | None = None) -> tuple[PageCheck, Any]:
        """Load url in a new page and record what happened; returns the check and the page."""
        check = PageCheck(url)
        self._current = check
        page = self.context.new_page()
        page.on("request", lambda r: check.requests.append(r.url))
        page.on("requestfailed", lambda r: None if r.url in check.blocked else
                check.failed.append(f"{r.url} ({r.failure})"))
        page.on("console", lambda m: check.console_errors.append(m.text)
                if m.type == "error" else None)
        page.on("pageerror", lambda e: check.console_errors.append(f"uncaught: {e}"))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        check.lang = page.evaluate("document.documentElement.lang") or ""
        check.images = page.evaluate(IMAGES_JS)
        found = page.evaluate(FIND_CJK_JS)
        if found is not None:
            check.cjk = dict(page.evaluate(GLYPH_PROBE_JS, [found["text"], found["font"]]),
                             tag=found["tag"])
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
            check.screenshot = screenshot
        return check, page

    def probe_text(self, text: str, font: str = "40px sans-serif") -> dict[str, Any]:
        """Glyph probe of some text in a blank page (for checking the probe itself)."""
        page = self.context.new_page()
        try:
            page.set_content("<html><body></body></html>")
            return page.evaluate(GLYPH_PROBE_JS, [text, font])
        finally:
            page.close()


def _links(page: Any) -> list[str]:
    """Absolute URLs of every <a href> on a page."""
    return page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")


def _shot_name(reports_dir: Path, url: str) -> str:
    """Screenshot file name of a report: <version>_<lang>_<notebook>.png."""
    path = _local_file(url)
    rel = path.relative_to(reports_dir) if path else Path(_short(url))
    return "_".join(rel.with_suffix("").parts) + ".png"


def check_site(reports_dir: Path, screenshots: Path | None = None,
               executable: str | None = None, versions: int | None = None) -> SiteCheck:
    """Open index.html and every report it links to (newest `versions` only, if given); check."""
    reports_dir = Path(reports_dir).resolve()
    index = reports_dir / "index.html"
    if not index.exists():
        raise FileNotFoundError(f"{index}: no index (run `make reports` first)")
    site = SiteCheck()
    with Browser(executable) as br:
        check, page = br.open(index.as_uri(), screenshots / "index.png" if screenshots else None)
        site.pages.append(check)
        index_links = _links(page)
        anchors = set(page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)"))
        page.close()
        report_urls = []
        for href in index_links:
            target = _local_file(href)
            if target is None:
                site.broken_links.append(f"index.html: link leaves the machine: {href}")
            elif not target.exists():
                site.broken_links.append(f"index.html: link to a missing file: {href}")
            elif target.suffix == ".html" and target != index and href not in report_urls:
                report_urls.append(href)
        if versions is not None:
            keep = [v.name for v in _versions_in_index_order(reports_dir, report_urls)][:versions]
            report_urls = [u for u in report_urls if _local_file(u).relative_to(  # type: ignore
                reports_dir).parts[0] in keep]
        ids: dict[Path, set[str]] = {}
        for url in report_urls:
            shot = screenshots / _shot_name(reports_dir, url) if screenshots else None
            check, page = br.open(url, shot)
            site.pages.append(check)
            site.reports.append(url)
            links = _links(page)
            page.close()
            nav = [h for h in links if urldefrag(h)[0] == index.as_uri()]
            if not nav:
                site.broken_links.append(f"{_short(url)}: no link back to the index")
            for h in nav:
                frag = urldefrag(h)[1]
                if frag and frag not in anchors:
                    site.broken_links.append(
                        f"{_short(url)}: link to index.html#{frag}, which has no such entry")
            site.broken_links += _check_links(url, [h for h in links if h not in nav], ids)
    return site


def _ids(path: Path) -> set[str]:
    """Every id="..." in an HTML file (the anchors a link's fragment may name)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    found = {html.unescape(m) for m in re.findall(r'\sid="([^"]*)"', text)}
    return found | {unquote(i) for i in found}  # a browser matches either form


def _check_links(url: str, links: list[str], ids: dict[Path, set[str]]) -> list[str]:
    """Problems with a page's links: leaving the machine, missing files, missing anchors."""
    out = []
    for href in dict.fromkeys(links):
        if href.startswith(("data:", "about:", "javascript:")):
            continue
        target = _local_file(href)
        if target is None:
            out.append(f"{_short(url)}: link leaves the machine: {href}")
            continue
        if not target.exists():
            out.append(f"{_short(url)}: link to a missing file: {href}")
            continue
        frag = unquote(urldefrag(href)[1])
        if frag and target.suffix == ".html":
            if target not in ids:
                ids[target] = _ids(target)
            if frag not in ids[target]:
                out.append(f"{_short(url)}: link to {target.name}#{frag}, which has no "
                           "such anchor")
    return out


def _versions_in_index_order(reports_dir: Path, urls: list[str]) -> list[Path]:
    """Version folders in the order the index first links to them (newest first)."""
    seen: dict[str, None] = {}
    for u in urls:
        path = _local_file(u)
        if path is not None:
            seen.setdefault(path.relative_to(reports_dir).parts[0], None)
    return [reports_dir / v for v in seen]


def main(argv: list[str] | None = None) -> int:
    """Command line: check the reports in a real browser; exit 1 when a problem is found."""
    ap = argparse.ArgumentParser(prog="python -m reporting.browser", description=__doc__.split(
        "\n")[0])
    ap.add_argument("reports_dir", nargs="?", type=Path, default=Path("reports"))
    ap.add_argument("--screenshots", type=Path, default=Path("test-output/screenshots"))
    ap.add_argument("--versions", type=int, default=1,
                    help="check the reports of the newest N versions (default 1; 0 = all)")
    a = ap.parse_args(argv)
    try:
        site = check_site(a.reports_dir, a.screenshots, versions=a.versions or None)
    except (BrowserMissing, FileNotFoundError) as e:
        print(f"browser check not run: {e}", file=sys.stderr)
        return 2
    problems = site.problems()
    print(f"{len(site.pages)} pages opened ({len(site.reports)} reports), "
          f"{sum(len(p.requests) for p in site.pages)} requests, all local: "
          f"{not any(p.blocked for p in site.pages)}; screenshots in {a.screenshots}")
    for p in problems:
        print(f"  {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

