"""article.pdf: the article printed by headless Chromium, with page numbers and an outline.

Chromium is driven by Playwright as in analysis.build.browser (Debian's /usr/bin/chromium, no
`playwright install`, every non-local request blocked). The pages carry "page N / M" in the
footer; the article's own table of contents and the PDF outline (bookmarks from the headings)
are the contents list. Chromium stamps the PDF with the clock; the creation and modification
dates are rewritten to the commit's time (same length, so the cross-reference table stays
valid). A PDF is cached by the article's bytes and the revision, so a rebuild whose article did
not change does not start Chromium. Where Chromium is missing the build says so in one line and
goes on without a PDF; under CI (env CI set) that is a build error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

FOOTER = ('<div style="font-size:8px; width:100%; text-align:center; color:#555;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:([0-9]{4,14})([^)]*)\)")


def under_ci() -> bool:
    """Whether the build runs under CI (env CI set to anything but empty/0/false/no)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def available(log: Callable[[str], None]) -> bool:
    """Whether Chromium and Playwright are there; one line when not; BuildError under CI."""
    from analysis.build import browser

    try:
        browser.find_chromium()
    except browser.BrowserMissing as e:
        if under_ci():
            from analysis.build import BuildError

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
    """The PDF with its CreationDate and ModDate set to `when`, each of unchanged length."""
    stamp = when.strftime("%Y%m%d%H%M%S").encode()

    def fix(m: re.Match[bytes]) -> bytes:
        old = m.group(0)
        new = b"/" + m.group(1) + old[len(m.group(1)) + 1:old.index(b"(")] + b"(D:" + \
            stamp[:len(m.group(2))] + (b"Z" if m.group(3) else b"")
        return new + b" " * (len(old) - len(new) - 1) + b")" if len(new) < len(old) else old
    return _DATE.sub(fix, pdf)


def print_article(html_path: Path, pdf_path: Path, revision: str, root: Path,
                  cache_dir: Path, log: Callable[[str], None]) -> None:
    """Print html_path to pdf_path (from the cache when the article did not change)."""
    when = commit_time(root, revision)
    key = hashlib.sha256(html_path.read_bytes() + revision.encode()).hexdigest()[:24]
    cached = cache_dir / "pdf" / f"{key}.pdf"
    if not cached.exists():
        from analysis.build import browser

        cached.parent.mkdir(parents=True, exist_ok=True)
        with browser.Browser() as br:
            page = br.context.new_page()
            try:
                page.emulate_media(media="print")
                page.goto(html_path.resolve().as_uri(), wait_until="load")
                data = page.pdf(format="A4", print_background=True, display_header_footer=True,
                                header_template="<span></span>", footer_template=FOOTER,
                                margin={"top": "16mm", "bottom": "18mm", "left": "14mm",
                                        "right": "14mm"}, outline=True, tagged=True)
            finally:
                page.close()
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(set_dates(data, when))
        os.replace(tmp, cached)
        log(f"[done]  {pdf_path.parent.name}/article.pdf printed by Chromium")
    shutil.copyfile(cached, pdf_path)
