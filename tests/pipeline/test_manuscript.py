"""The reviewers' pages without a browser or a build: paragraphs and claim marks of the report
text, which section a tagged cell goes to, claim-row anchors, the header, the PDF's dates."""

from __future__ import annotations

import datetime as dt

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

import reporting.article as article
import reporting.nav as nav
import reporting.pages as pages
import reporting.pdf as pdf
import reporting.reporttext as reporttext

TEXT = """ 摘要
测试用的摘要。

1. 经济结构
 I. 引言

2. 第二段开始，这一行足够长，2015年出口减至507.1亿美元，比上年下降
13.1%。一个数字接在上一行之后。
 7
 A. 贸易

3. 第三段也足够长，这里说GDP为2,866.9十亿元，另有Table
row 数据。
年份 2014 2015 2016 2017
"""


def test_paragraphs_are_found_by_number_in_sequence_and_a_lost_number_is_kept():
    paras = reporttext.split_paragraphs(TEXT)
    assert [(p.number, p.missing) for p in paras] == [(0, False), (1, True), (2, False),
                                                      (3, False)]
    # "1. 经济结构" is short: a heading, not paragraph 1; page number 7 dropped
    assert paras[2].headings == ["1. 经济结构", "I. 引言"]
    assert paras[3].headings == ["A. 贸易"]
    assert reporttext.joined(paras[2].lines) == (
        "第二段开始，这一行足够长，2015年出口减至507.1亿美元，比上年下降13.1%。一个数字接在上一行"
        "之后。")  # "13.1%。..." is neither a heading nor a paragraph
    # Latin words across a line break get a space; table rows stay rows
    assert reporttext.joined(paras[3].lines).endswith("另有Table row 数据。\n年份 2014 2015 "
                                                      "2016 2017\n")


def test_a_claim_is_marked_on_its_printed_number_inside_its_quote():
    paras = reporttext.split_paragraphs(TEXT)
    claims = [
        {"id": "exports", "paragraph": "2", "quote": "出口减至507.1亿美元", "reported": "507.1"},
        # printed with a thousands comma; quote broken over a line in the text
        {"id": "gdp", "paragraph": "3", "quote": "GDP为2,866.9十亿元", "reported": "2866.9"},
        {"id": "same", "paragraph": "2", "quote": "减至507.1亿", "reported": "507.1"},
        {"id": "table", "paragraph": "3", "quote": "row 2016", "reported": "2016"},
        {"id": "lost", "paragraph": "2", "quote": "不在文中", "reported": "1"},
    ]
    marks, unplaced = reporttext.place_claims(paras, claims, {})
    text2 = reporttext.joined(paras[2].lines)
    (m,) = marks[2]
    assert text2[m.start:m.end] == "507.1" and m.claim["id"] == "exports"
    assert [c["id"] for c in m.extra] == ["same"]  # same number: noted beside the first
    text3 = reporttext.joined(paras[3].lines)
    assert [text3[x.start:x.end] for x in marks[3]] == ["2,866.9", "2016"]
    assert [c["id"] for c in unplaced] == ["lost"]


def _nb(*cells):
    nb = new_notebook(cells=list(cells))
    for i, c in enumerate(nb.cells):
        c.id = f"cell-{i}"
    return nb


def test_tagged_cells_go_to_the_reports_sections_and_03_splits_at_its_composition():
    tag = {"tags": ["article"]}
    trade = _nb(new_markdown_cell("# 03 Trade / 贸易"),
                new_markdown_cell("## Table 3", metadata=tag),
                new_code_cell("x", metadata={"tags": ["article"]}),
                new_markdown_cell("## 7. What Liaoning exports and imports / 出口与进口商品构成"),
                new_code_cell("y", metadata=tag),
                new_code_cell("z", metadata={"tags": ["article-D"]}),
                new_code_cell("not tagged"))
    audit = _nb(new_markdown_cell("# 07 Audit"), new_code_cell("a", metadata=tag))
    extra = _nb(new_markdown_cell("# 99 Extra"), new_code_cell("e", metadata=tag))
    got = article.assign([("03_trade", trade), ("07_audit", audit), ("99_extra", extra)])
    ids = {k: [(b.notebook, [c.id for c in b.cells]) for b in v] for k, v in got.items() if v}
    assert ids == {"B": [("03_trade", ["cell-1", "cell-2"])],
                   "C": [("03_trade", ["cell-4"])],
                   "D": [("03_trade", ["cell-5"])],
                   "audit": [("07_audit", ["cell-1"])],
                   "other": [("99_extra", ["cell-1"])]}
    assert got["B"][0].title == "03 Trade / 贸易"


def test_figure_caption_comes_from_the_alt_text_and_key_figures_stay_out():
    r = article.Renderer("en")
    fig = nbformat.from_dict({"output_type": "display_data", "data": {"image/png": "iVBO\nRw=="},
                              "metadata": {"image/png": {"alt": "Trade <falls>"}}})
    out = r.output(fig, '<a href="x.html#cell-id=cell-3">from x</a>', "s")
    assert 'src="data:image/png;base64,iVBORw=="' in out and 'alt="Trade &lt;falls&gt;"' in out
    assert '<figcaption>Trade &lt;falls&gt; (<a href="x.html#cell-id=cell-3">' in out
    key = nbformat.from_dict({"output_type": "display_data", "metadata": {}, "data": {
        "application/vnd.liaoning.key-figure+json": {}, "text/plain": "key figure x = 1"}})
    assert r.output(key, "", "s") == ""


def test_claims_are_counted_by_verdict_whatever_the_verdicts_are_called():
    claims = [{"id": "a", "verdict": "consistent", "paragraph": "9"},
              {"id": "b", "verdict": "misworded", "paragraph": "10"},
              {"id": "c", "verdict": "mismatch", "paragraph": "2"},
              {"id": "d", "verdict": "new-kind", "paragraph": "2"},
              {"id": "e", "verdict": "unverifiable", "paragraph": "1"}]
    assert article.ordered_verdicts(claims) == ["consistent", "misworded", "mismatch",
                                                "unverifiable", "new-kind"]
    assert [c["id"] for c in article.findings(claims)] == ["c", "d", "b"]
    assert article.number("81.092514") == "81.0925" and article.number("") == ""


def test_the_audit_register_row_of_each_claim_gets_its_anchor():
    page = ("<table><tr><th>0</th><td>a</td></tr></table>"
            "<table><tr>\n <th>0</th>\n <td>a</td><td>x</td></tr><tr><td>b</td></tr>"
            "<tr><td>zz</td></tr></table>")
    out = pages.anchor_claim_rows(page, {"a", "b"})
    assert out.count('id="claim-a"') == 1 and out.count('id="claim-b"') == 1
    assert out.index('id="claim-a"') > out.index("</table>")  # the last row: the register
    assert "<tr><td>zz</td>" in out


def test_header_names_every_page_and_switches_language_to_the_same_page():
    site = nav.Site(["en", "zh"], [nav.Section("01_a", "01 Trade / 贸易"),
                                   nav.Section("02_b", "02 Notes")], report_text=True,
                    pdf={"en"})
    en = site.header("en", "01_a.html")
    assert '<a href="01_a.html" class="here" aria-current="page">01 Trade</a>' in en
    assert '<a href="../zh/01_a.html" hreflang="zh" lang="zh">中文</a>' in en
    assert 'href="article.pdf"' in en and 'href="report-text.html"' in en
    zh = site.header("zh", "article.html")
    assert ">贸易</a>" in zh and ">02 Notes</a>" in zh and 'href="article.pdf"' not in zh
    assert 'rel="prev"' not in site.prev_next("en", "01_a")
    assert '<a href="01_a.html" rel="prev">' in site.prev_next("en", "02_b")


def test_pdf_dates_are_rewritten_in_place_to_the_commit_time():
    raw = b"<< /CreationDate (D:20261126170912+00'00') /ModDate (D:20261126170913Z) >>"
    when = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    out = pdf.set_dates(raw, when)
    assert out == b"<< /CreationDate (D:20200102030405+00'00') /ModDate (D:20200102030405Z) >>"
    assert len(out) == len(raw)


def _tiny_pdf(uri: bytes) -> bytes:
    """A minimal PDF with a plain xref table and one link (as Chromium writes them)."""
    objs = [b"<</Type /Catalog /Pages 2 0 R>>", b"<</Type /Pages /Kids [] /Count 0>>",
            b"<</Type /Action /S /URI /URI (" + uri + b")>>", b"<</Producer (t)>>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _xref_ok(data: bytes) -> bool:
    import re

    start = int(re.search(rb"startxref\s+(\d+)", data[-60:]).group(1))
    head = re.compile(rb"xref\s+\d+ (\d+)\s*\n").match(data, start)
    entries = [data[head.end() + 20 * i:head.end() + 20 * i + 20]
               for i in range(int(head.group(1)))]
    return all(data[int(e[:10]):].startswith(b"%d 0 obj" % i)
               for i, e in enumerate(entries) if e[17:18] == b"n")


def test_pdf_links_into_the_build_folder_become_relative_and_the_xref_still_holds():
    raw = _tiny_pdf(b"file:///r/.build-v-1/en/07_audit.html#claim-a")
    assert _xref_ok(raw)
    out = pdf.relative_links(raw, [("file:///r/.build-v-1/en/", ""), ("file:///r/", "../../")])
    assert b"/URI (07_audit.html#claim-a)" in out and b"file://" not in out
    assert _xref_ok(out) and len(out) == len(raw) - len("file:///r/.build-v-1/en/")
    up = pdf.relative_links(_tiny_pdf(b"file:///r/index.html#v-x"),
                            [("file:///r/.build-v-1/en/", ""), ("file:///r/", "../../")])
    assert b"/URI (../../index.html#v-x)" in up and _xref_ok(up)
