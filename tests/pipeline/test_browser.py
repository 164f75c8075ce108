"""Reports in a real browser (headless Debian Chromium via Playwright), and what changed between
versions, on a fresh two-version build of the fixture notebooks in tests/fixtures/browser/.

Without Chromium these tests skip with the reason; under CI (env CI set) that is a failure.
Screenshots of every page's first screen go to test-output/screenshots/ (gitignored).
The whole module takes about a minute (two small builds, ~10 pages at ~2 s each).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import build as b
from analysis.build import browser
from analysis.provenance import PROJECT_ROOT

FIXTURES = Path(__file__).parent.parent / "fixtures" / "browser"
NOTEBOOKS = ["01_exports", "02_notes"]
LABELS = ["en", "zh"]
SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"


def under_ci() -> bool:
    """Whether we run under CI (env CI set to anything but empty/0/false)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_browser() -> str:
    """Chromium's path; skip (laptop) or fail (CI) with the reason when it is missing."""
    try:
        return browser.find_chromium()
    except browser.BrowserMissing as e:
        if under_ci():
            pytest.fail(f"CI: real-browser tests need Chromium: {e}")
        pytest.skip(f"real-browser tests skipped: {e}")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@example.org", "-c",
                    "user.name=t", *args], check=True, capture_output=True)


def _claims_writer(proj: Path):
    """A claims register derived from the project's data (so a data change moves a claim)."""
    def write(path: Path) -> None:
        last = (proj / "data" / "table.csv").read_text().strip().splitlines()[-1]
        value = float(last.split(",")[1])
        verdict = "consistent" if abs(value - 507.1) < 0.05 else "mismatch"
        path.write_text("id,section,reported,recomputed,unit,verdict\n"
                        f"exports_2015,III,507.1,{value},100 million USD,{verdict}\n"
                        "exports_2014,III,587.6,587.6,100 million USD,consistent\n",
                        encoding="utf-8")
    return write


def _build(proj: Path, reports: Path) -> b.BuildResult:
    return b.Builder(proj / "notebooks", reports, root=proj, labels=LABELS,
                     claims_writer=_claims_writer(proj), log=lambda _: None).run()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Two versions (the second changes one data value), then every page opened in Chromium."""
    exe = require_browser()
    proj = tmp_path_factory.mktemp("browser") / "proj"
    shutil.copytree(FIXTURES, proj / "notebooks")
    (proj / "data").mkdir()
    table = proj / "data" / "table.csv"
    table.write_text("year,exports\n2014,587.6\n2015,507.1\n", encoding="utf-8")
    (proj / ".gitignore").write_text("reports/\n", encoding="utf-8")
    _git(proj, "init", "-q")
    _git(proj, "add", ".")
    _git(proj, "commit", "-qm", "v1")
    first = _build(proj, proj / "reports")
    table.write_text("year,exports\n2014,587.6\n2015,430.7\n", encoding="utf-8")
    _git(proj, "commit", "-qam", "v2: 2015 exports changed")
    second = _build(proj, proj / "reports")
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    checked = browser.check_site(proj / "reports", SCREENSHOTS, executable=exe)
    return proj, first.version, second.version, checked


# ----------------------------------------------------------------------------- the browser


def test_missing_browser_skips_on_a_laptop_and_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(browser.BrowserMissing, match="Chromium not found"):
        browser.find_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI: real-browser tests need Chromium"):
        require_browser()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="skipped: Chromium not found"):
        require_browser()


def test_every_report_of_both_label_sets_is_opened_from_the_index(site):
    proj, v1, v2, checked = site
    expected = {(proj / "reports" / v / lang / f"{nb}.html").resolve().as_uri()
                for v in (v1, v2) for lang in LABELS for nb in NOTEBOOKS}
    assert set(checked.reports) == expected
    assert len(checked.pages) == 1 + len(expected)
    assert checked.broken_links == []  # every index link reaches a file; nav anchors exist


def test_no_request_leaves_the_machine_and_none_fails(site):
    *_, checked = site
    for page in checked.pages:
        assert page.requests, f"{page.url}: no request recorded (the check is not listening)"
        assert all(u.startswith(("file:", "data:")) for u in page.requests), page.requests
        assert page.blocked == [] and page.failed == []


def test_every_image_loaded_and_no_console_error(site):
    *_, checked = site
    images = [i for p in checked.pages for i in p.images]
    assert len(images) >= 4  # one PNG figure per 01_exports report
    assert all(i["complete"] and i["width"] > 0 for i in images), images
    assert [p.console_errors for p in checked.pages if p.console_errors] == []
    assert checked.problems() == []


def test_chinese_text_is_drawn_with_real_glyphs_in_zh_reports(site):
    *_, checked = site
    zh = [p for p in checked.pages if p.lang == "zh"]
    assert len(zh) == 4
    for page in zh:
        assert page.cjk is not None, f"{page.url}: no Chinese text found"
        assert len(page.cjk["chars"]) >= 4 and browser.cjk_drawn(page.cjk), page.cjk


def test_glyph_probe_tells_boxes_from_glyphs():
    """The pixel test can fail: characters no font has (private use) all draw the same box."""
    exe = require_browser()
    with browser.Browser(exe) as br:
        assert browser.cjk_drawn(br.probe_text("辽宁出口总额"))
        boxes = br.probe_text("\ue000\ue001\ue002\ue003", "40px sans-serif")
        assert boxes["chars"] == []  # not CJK: nothing to draw
        boxes["chars"] = [dict(boxes["missing"], ch=c) for c in "辽宁"]  # as tofu would look
        assert not browser.cjk_drawn(boxes)


def test_checker_reports_external_requests_broken_images_console_errors_and_bad_links(tmp_path):
    """The site check can fail: a page with each fault gets each one reported."""
    exe = require_browser()
    (tmp_path / "v" / "zh").mkdir(parents=True)
    (tmp_path / "index.html").write_text(
        '<html lang="en"><body><a href="v/zh/bad.html">r</a> <a href="v/zh/gone.html">g</a>'
        '</body></html>', encoding="utf-8")
    (tmp_path / "v" / "zh" / "bad.html").write_text(
        '<html lang="zh"><head><link rel="stylesheet" href="https://cdn.example.org/a.css">'
        '</head><body><p>\ue000\ue001</p><img src="nothere.png">'
        '<script>console.error("boom")</script><a href="../../index.html#r-none">p</a>'
        "</body></html>", encoding="utf-8")
    problems = "\n".join(browser.check_site(tmp_path, executable=exe).problems())
    assert "request leaves the machine: https://cdn.example.org/a.css" in problems
    assert "image not loaded" in problems and "console error: boom" in problems
    assert "link to a missing file" in problems and "has no such entry" in problems
    assert "Chinese-label report shows no Chinese text" in problems


def test_screenshots_of_every_page_are_saved(site):
    *_, checked = site
    for page in checked.pages:
        assert page.screenshot is not None and page.screenshot.parent == SCREENSHOTS
        assert page.screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert page.screenshot.stat().st_size > 5000  # a drawn page, not a blank one


def test_zh_figures_have_no_missing_glyph_warnings(site):
    proj, _, v2, _ = site
    for nb in NOTEBOOKS:
        page = (proj / "reports" / v2 / "zh" / f"{nb}.html").read_text(encoding="utf-8")
        assert "辽宁出口总额" in page or "服务业占比" in page
        assert "missing from font" not in page and "Glyph" not in page


# ----------------------------------------------------------------------------- what changed


def test_index_shows_what_changed_with_old_and_new_values(site):
    proj, v1, v2, _ = site
    index = (proj / "reports" / "index.html").read_text(encoding="utf-8")
    assert f"Changes since {v1}" in index
    assert "<code>data/table.csv</code> (changed)" in index
    assert "Notebook sources" not in index  # no notebook changed
    # the claim's recomputed value and verdict, old and new
    assert '<td class="old">507.1</td><td>430.7</td>' in index
    assert '<td class="old">consistent</td><td>mismatch</td>' in index
    # the key figure recorded by 01_exports: 100 * (507.1 / 587.6 - 1) -> 100 * (430.7/587.6 - 1)
    assert '<td>01_exports: exports_change_pct</td><td>value</td>' in index
    assert '<td class="old">-13.7 percent</td><td>-26.7 percent</td>' in index
    figures = json.loads((proj / "reports" / v2 / "key_figures.json").read_text())
    assert figures == {"01_exports": {"exports_change_pct": {
        "name": "exports_change_pct", "value": -26.7, "unit": "percent",
        "label": "exports, first to last year"}}, "02_notes": {}}
    summary = re.search(rf'href="#v-{v2}">.*?</tr>', index, re.S).group(0)
    assert "1 data file, 1 claim, 1 key figure changed" in summary and 'class="moved"' in summary


def test_reports_link_to_the_index_and_through_it_to_the_previous_version(site):
    proj, v1, v2, _ = site
    reports = proj / "reports"
    index = (reports / "index.html").read_text(encoding="utf-8")
    for lang in LABELS:
        for nb in NOTEBOOKS:
            page = (reports / v2 / lang / f"{nb}.html").read_text(encoding="utf-8")
            assert f'href="../../index.html#v-{v2}"' in page
            assert f'href="../../index.html#r-{v2}-{lang}-{nb}"' in page
            entry = index.split(f'id="r-{v2}-{lang}-{nb}"')[1].split("</td>")[0]
            assert f'href="{v1}/{lang}/{nb}.html"' in entry
            assert (reports / v1 / lang / f"{nb}.html").exists()


def test_report_html_does_not_depend_on_build_history(site):
    """The same commit built into an empty reports folder gives byte-identical report pages."""
    proj, _, v2, _ = site
    fresh = proj.parent / "fresh-reports"
    shutil.copytree(proj / "reports" / ".cache", fresh / ".cache")  # render from cache: fast
    assert _build(proj, fresh).version == v2
    for lang in LABELS:
        for nb in NOTEBOOKS:
            a, c = (r / v2 / lang / f"{nb}.html" for r in (proj / "reports", fresh))
            assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(
                c.read_bytes()).digest(), f"{lang}/{nb}.html differs"
    assert "Changes since" not in (fresh / "index.html").read_text(encoding="utf-8")
