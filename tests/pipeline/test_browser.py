"""Reports in a real browser (headless Debian Chromium via Playwright), and what changed between
versions, on a fresh two-version build of the fixture notebooks in tests/fixtures/browser/, with
the reviewers' pages: the article, the annotated report text (from the made-up report text in
tests/fixtures/article/) and the article's PDF.

Without Chromium these tests skip with the reason; under CI (env CI set) that is a failure.
Screenshots of every page's first screen go to test-output/screenshots/ (gitignored).
The whole module takes about a minute and a half (two small builds with their PDFs, ~20 pages).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import require_browser

import reporting as b
import reporting.browser as browser
import reporting.pages as pages
import reporting.pdf as pdf
from analysis.provenance import PROJECT_ROOT
from reporting import bilingual

FIXTURES = Path(__file__).parent.parent / "fixtures" / "browser"
REPORT_TEXT = Path(__file__).parent.parent / "fixtures" / "article" / "report.txt"
NOTEBOOKS = ["01_exports", "02_notes", "07_audit"]
PAGES = ["article", "report-text"]
LABELS = ["en", "zh"]
SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@example.org", "-c",
                    "user.name=t", *args], check=True, capture_output=True)


def _build(proj: Path, reports: Path, report_text: Path | str = REPORT_TEXT,
           log=lambda _: None) -> b.BuildResult:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(pages.REPORT_TEXT_ENV, str(report_text))
        return b.Builder(proj / "notebooks", reports, root=proj, labels=LABELS,
                         log=log).run()


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
    folder = proj / "reports" / second.version
    with browser.Browser(exe) as br:  # the reviewer's views, for a person to look at
        for url, name in ((folder / "en" / "article.html", "article_first_screen_en"),
                          (folder / "zh" / "article.html", "article_first_screen_zh"),
                          (folder / "en" / "article.html#section-A", "article_section"),
                          (folder / "zh" / "report-text.html#p2", "report_text")):
            path, _, frag = str(url).partition("#")
            _, page = br.open(Path(path).as_uri() + (f"#{frag}" if frag else ""),
                              SCREENSHOTS / f"{name}.png")
            page.close()
        for lang in LABELS:  # the Word file as pandoc renders it back to HTML
            import pypandoc

            html_path = proj / f"docx_{lang}.html"
            html_path.write_text(pypandoc.convert_file(
                str(folder / lang / "article.docx"), "html", format="docx",
                extra_args=["--embed-resources", "--standalone", "--metadata=title:docx"]),
                encoding="utf-8")
            _, page = br.open(html_path.as_uri(), SCREENSHOTS / f"word_{lang}.png")
            page.close()
    pdftoppm = shutil.which("pdftoppm")
    for lang in LABELS if pdftoppm else ():  # the PDF's first two pages
        subprocess.run([pdftoppm, "-r", "70", "-f", "1", "-l", "2", "-png",
                        str(folder / lang / "article.pdf"), str(SCREENSHOTS / f"pdf_{lang}")],
                       check=True)
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
                for v in (v1, v2) for lang in LABELS for nb in NOTEBOOKS + PAGES}
    assert set(checked.reports) == expected
    assert len(checked.pages) == 1 + len(expected)
    # every link of every page reaches a file and the anchor it names: navigation, figure
    # sources (cell anchors), findings and marked numbers (claim rows), the PDF
    assert checked.broken_links == []


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
    assert len(zh) == 2 * len(NOTEBOOKS + PAGES)
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
    for nb in NOTEBOOKS[:2]:
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
    assert '<td class="old">holds</td><td>contradicted</td>' in index
    # the key figure recorded by 01_exports: 100 * (507.1 / 587.6 - 1) -> 100 * (430.7/587.6 - 1)
    assert '<td>01_exports: exports_change_pct</td><td>value</td>' in index
    assert '<td class="old">-13.7 percent</td><td>-26.7 percent</td>' in index
    figures = json.loads((proj / "reports" / v2 / "key_figures.json").read_text())
    assert figures == {"01_exports": {"exports_change_pct": {
        "name": "exports_change_pct", "value": -26.7, "unit": "percent",
        "label": "exports, first to last year"}}, "02_notes": {}, "07_audit": {}}
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
        for nb in NOTEBOOKS + PAGES:
            a, c = (r / v2 / lang / f"{nb}.html" for r in (proj / "reports", fresh))
            assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(
                c.read_bytes()).digest(), f"{lang}/{nb}.html differs"
    assert "Changes since" not in (fresh / "index.html").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- reviewers' pages


def _page(proj: Path, version: str, lang: str, name: str) -> str:
    return (proj / "reports" / version / lang / f"{name}.html").read_text(encoding="utf-8")


def test_every_version_folder_has_the_article_its_pdf_and_the_report_text(site):
    proj, v1, v2, _ = site
    for v in (v1, v2):
        for lang in LABELS:
            folder = proj / "reports" / v / lang
            assert (folder / "article.pdf").read_bytes()[:5] == b"%PDF-"
            assert _page(proj, v, lang, "article").startswith("<!DOCTYPE html>")
            assert f'<html lang="{lang}">' in _page(proj, v, lang, "report-text")
        manifest = json.loads((proj / "reports" / v / "manifest.json").read_text())
        assert manifest["pages"]["report_text"] and manifest["pages"]["pdf"] == LABELS
        assert [s["notebook"] for s in manifest["pages"]["sections"]] == NOTEBOOKS


def test_article_opens_with_findings_then_the_audit_in_brief_then_the_outline(site):
    proj, _, v2, _ = site
    page = _page(proj, v2, "en", "article")
    order = [page.index(x) for x in ('id="finds"', 'id="brief"', 'id="contents"',
                                     'id="section-A"', 'id="section-B"', 'id="section-audit"',
                                     'id="audit-table"', 'id="changes"')]
    assert order == sorted(order)
    # the headline cell, linked to its section (titles from the fixtures' article.toml)
    finds = page.split('id="finds"')[1].split("</section>")[0]
    assert "exports changed by <strong>-26.7 %</strong>" in finds
    assert '<a href="#section-A">A. Exports</a>' in finds
    # the audit in brief: verdict counts, then the finding that changes a quoted number, in
    # plain words at the printed precision; the digit-only finding is left to the full table
    brief = page.split('id="brief"')[1].split("</section>")[0]
    counts = re.findall(r'<span class="verdict [^"]+">([\w ]+)</span> (\d+)', brief)
    assert counts == [("holds", "1"), ("misworded", "1"), ("contradicted", "1")]
    assert re.findall(r'<li id="brief-(\w+)">', brief) == ["exports_2015"]
    assert ("the report prints 507.1 (100 million USD); the reproduction gives 430.7 "
            "(100 million USD). The data contradict it.") in brief
    assert 'href="07_audit.html#claim-exports_2015"' in brief
    # the full table at the end: every finding, each linking to its two places
    table = page.split('id="audit-table"')[1].split('<table class="counts">')[0]
    assert table.count('<tr id="finding-') == 2
    assert 'href="report-text.html#claim-exports_peak_year"' in table
    # what changed: the index's block for this version, embedded, naming no other version
    assert f'src="../../changes/{v2}.html"' in page
    assert "Changes since" in (proj / "reports" / "changes" / f"{v2}.html").read_text()
    zh = _page(proj, v2, "zh", "article")
    assert "报告为 507.1亿美元，复核得 430.7亿美元。与数据矛盾。" in zh


def test_article_embeds_the_tagged_cells_of_its_language_with_numbered_figures(site):
    proj, _, v2, _ = site
    for lang in LABELS:
        page = _page(proj, v2, lang, "article")
        section = page.split('id="section-A"')[1].split('id="section-B"')[0]
        text = bilingual.page_text(section)
        if lang == "en":
            assert "The report (paras 1-2)" in text and "报告（第1-2段）" not in text
            assert "Exports changed by -26.7 %" in text
        else:
            assert "报告（第1-2段）" in text and "The report" not in text
            assert "出口从首年到末年变化 -26.7 %" in text
        assert section.count("<figure") == 1 and 'id="fig-exports_line"' in section
        label = "图 R1" if lang == "zh" else "Figure R1"
        assert f"<strong>{label}</strong>" in section
        assert 'href="figures/exports_line.png"' in section
        assert (proj / "reports" / v2 / lang / "figures" / "exports_line.png").read_bytes()[:4] \
            == b"\x89PNG"
        assert (proj / "reports" / v2 / lang / "figures" / "exports_line.svg").read_text(
            ).lstrip().startswith("<?xml")
        other = page.split('id="section-B"')[1].split('id="section-audit"')[0]
        assert "image/svg+xml" in other and "41.5" in other  # 02's figure, 01's article-B table
        assert ("表 R1" if lang == "zh" else "Table R1") in other
        caption = "服务业占比，2011年与2015年" if lang == "zh" else "Tertiary share, 2011 and 2015"
        assert f'alt="{caption}"' in other
        cells = re.findall(r'href="(0\d_\w+)\.html#cell-id=(cell-\d+)"', section + other)
        assert {nb for nb, _ in cells} == {"01_exports", "02_notes"}
        for nb, cell in cells:  # the exact cell exists in the notebook report
            assert f'id="cell-id={cell}"' in _page(proj, v2, lang, nb)
        assert "key figure" not in section  # key-figure outputs stay out
        audit = page.split('id="section-audit"')[1]
        assert "exports_peak_year" in audit and 'class="table-wrap"' in audit


def test_zh_pages_are_chinese_and_each_notebook_shows_its_own_twin(site):
    proj, _, v2, _ = site
    page = _page(proj, v2, "zh", "article")
    text = bilingual.page_text(page, skip_untranslated=True)
    words, chars = bilingual.english_words(text), bilingual.chinese_characters(text)
    assert chars > 300 and len(words) <= chars // 50, (len(words), chars, words[:30])
    for block in re.findall(r"<(p|li|td|th|h\d|figcaption)\b[^>]*>(.*?)</\1>", page, re.S):
        assert not bilingual.is_english_prose(bilingual.page_text(block[1], True)), block
    report = bilingual.page_text(_page(proj, v2, "zh", "01_exports"))
    assert "报告（第1-2段）" in report and "The report (paras 1-2)" not in report
    assert bilingual.ENGLISH_NOTICE not in report  # its narrative has Chinese twins
    english = bilingual.page_text(_page(proj, v2, "en", "01_exports"))
    assert "The report (paras 1-2)" in english and "报告（第1-2段）" not in english
    notes = _page(proj, v2, "zh", "02_notes")  # an English-only narrative cell: said, in Chinese
    assert bilingual.ENGLISH_NOTICE in notes


def test_the_pdf_loses_nothing_of_the_article(site):
    """Every word of the HTML article's prose and tables is in the PDF's text (both languages):
    no table cut at the margin, no collapsed block; a contents list with page numbers."""
    from pypdf import PdfReader

    proj, _, v2, _ = site
    for lang in LABELS:
        folder = proj / "reports" / v2 / lang
        reader = PdfReader(folder / "article.pdf")
        printed = re.sub(r"\s+", "", unicodedata.normalize(  # ligatures (ﬁ) as letters
            "NFKC", "".join(p.extract_text() for p in reader.pages)))
        shown = bilingual.page_text((folder / "article.html").read_text(encoding="utf-8"))
        missing = [w for w in unicodedata.normalize("NFKC", shown).split() if w not in printed]
        assert missing == [], (lang, missing[:20])
        contents = reader.pages[0].extract_text()
        assert re.search(r"A\. (Exports|出口)\s*\d+", contents), contents  # with its page
        # each entry's number is the page its target lies on in this, the final, printing
        anchors = re.findall(r'<a href="#([^"]+)">', (folder / "article.html").read_text(
            encoding="utf-8").split('<nav class="toc"')[1].split("</nav>")[0])
        lies_on = pdf.destination_pages((folder / "article.pdf").read_bytes(), anchors)
        assert sorted(lies_on) == sorted(anchors) and _contents_numbers(reader) == lies_on
        titles = [o.title for o in reader.outline if not isinstance(o, list)]
        assert titles[0] == ("Fixture article, re-derived" if lang == "en" else "测试文章复核")


def _contents_numbers(reader) -> dict[str, int]:
    """The page number printed beside each link of the PDF's first page that has one: a whole
    number on the link's line, right of it (the contents list's numbers float right)."""
    first = reader.pages[0]
    numbers: list[tuple[int, float, float]] = []

    def visit(text, cm, tm, _font, _size) -> None:
        if text.strip().isdigit():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            numbers.append((int(text.strip()), x, y))
    first.extract_text(visitor_text=visit)
    found: dict[str, int] = {}
    for link in (a.get_object() for a in first.get("/Annots", [])):
        if link.get("/Subtype") != "/Link" or link.get("/Dest") is None:
            continue
        x0, y0, x1, y1 = (float(v) for v in link["/Rect"])
        beside = [n for n, x, y in numbers if y0 <= y <= y1 and x > x1]
        if beside:
            found[str(link["/Dest"]).lstrip("/")] = beside[0]
    return found


def _docx_blocks(path: Path) -> dict[str, int]:
    """Headings, figures and tables of a Word file, read back with pandoc."""
    import pypandoc

    doc = json.loads(pypandoc.convert_file(str(path), "json", format="docx"))
    counts = {"Header": 0, "Figure": 0, "Table": 0, "Image": 0}

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") in counts:
                counts[node["t"]] += 1
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(doc["blocks"])
    return counts


def test_word_file_has_the_articles_headings_figures_and_tables(site):
    proj, _, v2, _ = site
    for lang in LABELS:
        folder = proj / "reports" / v2 / lang
        page = (folder / "article.html").read_text(encoding="utf-8")
        main = page.split("<main>")[1].split("</main>")[0]
        got = _docx_blocks(folder / "article.docx")
        assert got["Header"] == len(re.findall(r"<h[1-6]\b", main))
        assert got["Image"] == main.count("<figure") == 2
        assert got["Table"] == len(re.findall(r"<table\b", main))
        assert 'href="article.docx"' in page
        import zipfile

        with zipfile.ZipFile(folder / "article.docx") as z:
            rels = z.read("word/_rels/document.xml.rels").decode()
        assert 'Target="01_exports.html#cell-id=cell-' in rels  # links to the notebook reports


def test_report_text_marks_every_claim_in_place_coloured_by_verdict(site):
    proj, _, v2, _ = site
    page = _page(proj, v2, "zh", "report-text")
    assert all(f'id="p{n}"' in page for n in (1, 2, 3))
    marked = re.findall(r'<a class="claim ([\w-]+)" id="claim-(\w+)" data-claim="\2" '
                        r'data-verdict="(\w+)" href="07_audit\.html#claim-\2" title="([^"]*)">'
                        r"([^<]+)</a>", page)
    got = {cid: (cls, verdict, text) for cls, cid, verdict, _, text in marked}
    assert got == {"exports_2014": ("v-holds", "holds", "587.6"),
                   "exports_2015": ("v-finding", "contradicted", "507.1"),
                   "exports_peak_year": ("v-finding", "misworded", "2014")}  # the number
    p2 = page.split('id="p2"')[1].split('id="p3"')[0]
    assert "507.1" in p2 and "430.7" in p2  # the side note: reported -> recomputed
    assert '<span class="trow">出口 587.6 507.1 480.2 470.3</span>' in p2  # table rows kept
    hover = next(t for _, cid, _, t, _ in marked if cid == "exports_2015")
    assert "430.7" in hover and "与数据矛盾" in hover  # the explanation in Chinese
    audit = _page(proj, v2, "zh", "07_audit")
    for cid in got:  # each mark's link lands on the claim's own row
        row = audit.split(f'<tr id="claim-{cid}">')[1].split("</tr>")[0]
        assert f"<td>{cid}</td>" in row


def test_every_page_has_the_same_header_and_the_provenance_at_its_end(site):
    proj, _, v2, _ = site
    for lang in LABELS:
        headers = set()
        for name in NOTEBOOKS + PAGES:
            page = _page(proj, v2, lang, name)
            nav = page.split('<nav class="site"')[1].split("</nav>")[0]
            assert f'href="../{LABELS[-1]}/{name}.html"' in nav  # the same page, other labels
            nav = re.sub(r'href="\.\./(\w+)/[^"]+"', r'href="../\1/PAGE"', nav)
            headers.add(re.sub(r' class="here" aria-current="page"', "", nav))
            assert 'class="here" aria-current="page"' in nav  # the page knows where it is
            assert page.index('id="provenance"') > page.rindex('<nav class="site"')
            prov = page.split('id="provenance"')[1]
            assert prov.lstrip(">\n").startswith("<details>")  # collapsed
            assert ("每个数据文件的 sha256 校验值" if lang == "zh" else
                    "sha256 of every data file") in prov
            assert v2 in prov and "data/table.csv" in prov
        assert len(headers) == 1, headers  # one header on every page (but the current one)
        nav = headers.pop()
        assert all(f'href="{n}.html"' in nav for n in NOTEBOOKS + PAGES)
        assert 'href="../en/' in nav and 'href="../zh/' in nav and 'href="article.pdf"' in nav
    first, middle, last = (_page(proj, v2, "en", n) for n in NOTEBOOKS)
    assert 'rel="prev"' not in first and 'href="02_notes.html" rel="next"' in first
    assert 'href="01_exports.html" rel="prev"' in middle and 'rel="next"' in middle
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_index_lists_the_article_first_and_sections_by_title(site):
    proj, _, v2, _ = site
    index = (proj / "reports" / "index.html").read_text(encoding="utf-8")
    section = index.split(f'id="v-{v2}"')[1].split("</section>")[0]
    rows = re.findall(r"<tr><td>(.*?)</td>", section)
    assert rows[0].startswith("<strong>Article") and rows[1].startswith("The report text")
    assert rows[2].startswith("Fixture: exports (real-browser tests)")
    assert rows[4].startswith("07 Audit fixture / 核查")
    assert f'href="{v2}/zh/article.pdf"' in section


def test_pdf_is_dated_by_the_commit_and_has_an_outline(site):
    proj, _, v2, _ = site
    when = subprocess.run(["git", "-C", str(proj), "show", "-s", "--format=%cd",
                           "--date=format-local:%Y%m%d%H%M%S", "HEAD"], capture_output=True,
                          text=True, check=True, env={**os.environ, "TZ": "UTC"}).stdout.strip()
    pdf = (proj / "reports" / v2 / "en" / "article.pdf").read_bytes()
    dates = re.findall(rb"/(?:CreationDate|ModDate) ?\(D:(\d{14})", pdf)
    assert dates and all(d.decode() == when for d in dates)
    assert b"/Outlines" in pdf and b"/Count" in pdf
    # links point at the pages beside the PDF, not into the (deleted) build folder
    assert b"file://" not in pdf and b".build-" not in pdf
    assert re.search(rb"/URI \(0\d_\w+\.html#cell-id=cell-\d+\)", pdf)


def test_without_a_report_text_the_build_says_so_once_and_goes_on(site, tmp_path):
    proj, _, v2, _ = site
    fresh = tmp_path / "reports"
    shutil.copytree(proj / "reports" / ".cache", fresh / ".cache")
    lines: list[str] = []
    assert _build(proj, fresh, report_text=tmp_path / "nothing", log=lines.append).version == v2
    said = [x for x in lines if "report-text.html" in x]
    assert len(said) == 1 and said[0].startswith("[skip]")
    folder = fresh / v2 / "en"
    assert not (folder / "report-text.html").exists() and (folder / "article.html").exists()
    assert 'href="report-text.html' not in (folder / "article.html").read_text()
