"""The reviewers' pages without a browser or a build: paragraphs and claim marks of the report
text, which section a tagged cell goes to, claim-row anchors, the header, the PDF's dates."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

import reporting.article as article
import reporting.auditbrief as auditbrief
import reporting.docx as docx
import reporting.nav as nav
import reporting.outline as outline
import reporting.pages as pages
import reporting.reporttext as reporttext
from reporting import bilingual

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


OUTLINE = """
[article]
title = { en = "Re-derived", zh = "复核" }

[[section]]
key = "B"
title = { en = "B. Trade", zh = "B. 贸易" }
notebooks = ["03_trade"]

[[section]]
key = "C"
title = { en = "C. Managing trade", zh = "C. 管理贸易" }
notebooks = []

[[section]]
key = "D"
title = { en = "D. Capacity" }
notebooks = ["05_capacity"]

[[section]]
key = "audit"
title = { en = "The audit", zh = "核查" }
notebooks = ["07_audit"]
"""


def test_tagged_cells_go_to_the_outlines_sections_and_article_c_to_section_c():
    tag = {"tags": ["article"]}
    trade = _nb(new_markdown_cell("# 03 Trade / 贸易"),
                new_markdown_cell("## Table 3", metadata=tag),
                new_code_cell("x", metadata={"tags": ["article"]}),
                new_markdown_cell("## 7. What Liaoning exports and imports / 出口与进口商品构成"),
                new_code_cell("y", metadata={"tags": ["article-C"]}),
                new_code_cell("z", metadata={"tags": ["article-D"]}),
                new_code_cell("not tagged"))
    audit = _nb(new_markdown_cell("# 07 Audit"), new_code_cell("a", metadata=tag))
    extra = _nb(new_markdown_cell("# 99 Extra"), new_code_cell("e", metadata=tag))
    plan = outline.parse(OUTLINE)
    got = outline.assign(plan, [("03_trade", "03 Trade / 贸易", trade),
                                ("07_audit", "07 Audit", audit), ("99_extra", "99", extra)])
    ids = {k: [(b.notebook, [c.id for c in b.cells]) for b in v] for k, v in got.items() if v}
    assert ids == {"B": [("03_trade", ["cell-1", "cell-2"])],
                   "C": [("03_trade", ["cell-4"])],  # by its tag: no heading rule
                   "D": [("03_trade", ["cell-5"])],
                   "audit": [("07_audit", ["cell-1"])],
                   "other": [("99_extra", ["cell-1"])]}
    assert [s.title_in("zh") for s in plan.sections] == ["B. 贸易", "C. 管理贸易", "D. Capacity",
                                                        "核查"]


def test_the_machinery_knows_no_section_by_name():
    """Section keys and titles live in the outline file beside the notebooks, not in code."""
    from analysis.provenance import PROJECT_ROOT

    plan = outline.read(PROJECT_ROOT / "notebooks")
    assert [s.key for s in plan.sections] == ["A", "B", "C", "D", "E-G", "audit"]
    code = "".join(p.read_text(encoding="utf-8")
                   for p in (PROJECT_ROOT / "src" / "reporting").glob("*.py"))
    for s in plan.sections:
        for title in s.title.values():
            assert title not in code, f"the machinery names the section {title!r}"
    assert "C_START" not in code and "composition" not in code  # no heading rules either


def test_without_an_outline_each_notebook_is_a_section_and_a_bad_outline_is_named(tmp_path):
    plan = outline.read(tmp_path, [("01_a", "01 A"), ("02_b", "02 B")])
    assert [(s.key, s.notebooks) for s in plan.sections] == [("01_a", ("01_a",)),
                                                             ("02_b", ("02_b",))]
    (tmp_path / "article.toml").write_text("[[section]]\nkey = 'A'\n", encoding="utf-8")
    with pytest.raises(outline.OutlineError, match=r"article.toml: section 'A' has no title"):
        outline.read(tmp_path)
    (tmp_path / "article.toml").write_text("[[section]\n", encoding="utf-8")
    with pytest.raises(outline.OutlineError, match="not valid TOML"):
        outline.read(tmp_path)


def _said(text, tags=("headline",)):
    cell = new_code_cell("show(...)", metadata={"tags": list(tags)})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": text})]
    return cell


def test_headlines_open_the_article_in_outline_order_each_linked_to_its_section():
    capacity = _nb(new_markdown_cell("# 05 Capacity"), _said("- Capacity: 3-8 points below."))
    trade = _nb(new_markdown_cell("# 03 Trade"), _said("- Trade fell 15.7 %."),
                _said("- Partners shifted.", ("headline", "article-C")))
    plan = outline.parse(OUTLINE)
    found = outline.headlines(plan, [("05_capacity", "05", capacity), ("03_trade", "03", trade)])
    assert [(k, stem) for k, stem, _ in found] == [("B", "03_trade"), ("C", "03_trade"),
                                                   ("D", "05_capacity")]
    site = nav.Site(["en"], [nav.Section("03_trade", "03 Trade"),
                             nav.Section("05_capacity", "05 Capacity")])
    page = article.render_article("en", "v1", [("05_capacity", capacity), ("03_trade", trade)],
                                  CLAIMS, site, "", plan, "07_audit")
    finds = page.split('id="finds"')[1].split("</section>")[0]
    assert finds.index("Trade fell 15.7 %") < finds.index("Capacity: 3-8 points")
    assert '<a href="#section-B">B. Trade</a>' in finds and 'href="#section-D"' in finds
    order = [page.index(x) for x in ('id="finds"', 'id="brief"', 'id="contents"',
                                     'id="section-B"', 'id="section-D"', 'id="audit-table"',
                                     'id="changes"')]
    assert order == sorted(order)


def test_a_page_shows_only_its_label_languages_twin():
    en = new_markdown_cell("**The report** says exports fell.",
                           metadata={"tags": ["article", "lang-en"]})
    zh = new_markdown_cell("**报告**称出口下降。", metadata={"tags": ["article", "lang-zh"]})
    both = new_markdown_cell("## 2. Figure 4 / 图 4", metadata={"tags": ["article"]})
    english_only = new_markdown_cell("This paragraph has no Chinese twin yet, sadly.",
                                     metadata={"tags": ["article"]})
    nb = _nb(new_markdown_cell("# 03 Trade / 贸易"), en, zh, both, english_only)
    plan = outline.parse(OUTLINE)
    site = nav.Site(["en", "zh"], [nav.Section("03_trade", "03 Trade / 贸易")])
    pages = {lang: bilingual.page_text(article.render_article(
        lang, "v", [("03_trade", nb)], [], site, "", plan)) for lang in ("en", "zh")}
    assert "exports fell" in pages["en"] and "出口下降" not in pages["en"]
    assert "出口下降" in pages["zh"] and "exports fell" not in pages["zh"]
    assert "Figure 4 / 图 4" in pages["en"] and "Figure 4 / 图 4" in pages["zh"]
    assert "no Chinese twin" in pages["en"] and "no Chinese twin" not in pages["zh"]
    assert "此段说明暂无中文版本，见笔记本报告" in pages["zh"]  # and a link to it instead
    assert bilingual.narrative_is_english(nb, "zh") and not bilingual.narrative_is_english(
        _nb(en, zh, both), "zh")


def test_english_prose_is_told_from_quotes_names_codes_and_bilingual_headings():
    assert bilingual.english_words("GDP 与 FDI 的「exports fell」见 `fdi_2015` 和 claims.csv") == []
    assert not bilingual.is_english_prose("# 05 Capacity utilisation / 重复建设和产能过剩")
    assert bilingual.is_english_prose("The data contradict the report here.")
    text = bilingual.page_text('<nav class="site">Article</nav><p>说明 <code>an_id</code> '
                               '<td translate="no">nbconvert 7</td></p>', skip_untranslated=True)
    assert text == "说明"


CLAIMS = [
    {"id": "a", "paragraph": "9", "quote": "增长46.2%", "reported": "46.2", "recomputed": "46.2",
     "unit": "percent", "verdict": "holds", "evidence": "value", "severity": "", "note": ""},
    {"id": "fdi_decline", "paragraph": "10", "quote": "下降34.4%", "reported": "34.4",
     "recomputed": "81.092514", "unit": "percent", "verdict": "contradicted",
     "evidence": "value", "severity": "conclusion", "note": "Likely cause: data vintage."},
    {"id": "gdp_2014", "paragraph": "26", "quote": "GDP为2862.6十亿元", "reported": "2862.6",
     "recomputed": "2862.658", "unit": "billion yuan", "verdict": "misworded",
     "evidence": "value", "severity": "digit", "note": "A rounding slip."},
    {"id": "fdi_2013", "paragraph": "42", "quote": "290.40", "reported": "290.4",
     "recomputed": "<= 215.030578", "unit": "100 million USD", "verdict": "implausible",
     "evidence": "bound", "severity": "quoted_number", "note": "Above the FDI ceiling.",
     "note_zh": "超过外商直接投资上限。"},
    {"id": "odd", "paragraph": "2", "quote": "x", "reported": "1", "recomputed": "1",
     "unit": "rises", "verdict": "a-new-verdict", "severity": "", "note": ""},
    {"id": "vintage", "paragraph": "3", "quote": "y", "reported": "5", "recomputed": "6",
     "unit": "percent", "verdict": "other_vintage_or_source", "severity": "", "note": ""},
]


def test_findings_are_ranked_by_consequence_and_any_verdict_is_counted():
    assert [c["id"] for c in auditbrief.findings(CLAIMS)] == ["fdi_decline", "fdi_2013",
                                                              "gdp_2014"]
    assert auditbrief.ordered_verdicts(CLAIMS) == [
        "holds", "other_vintage_or_source", "misworded", "contradicted", "implausible",
        "a-new-verdict"]  # an unknown verdict by its name, last, never fatal
    old = [{"id": "x", "verdict": "consistent"}, {"id": "y", "verdict": "mismatch"}]
    assert [c["id"] for c in auditbrief.findings(old)] == ["y"]
    assert auditbrief.verdict_name("a-new-verdict", "zh") == "a-new-verdict"


def test_numbers_are_shown_at_the_printed_precision_with_units_in_the_label_language():
    fdi, gdp, bound = CLAIMS[1], CLAIMS[2], CLAIMS[3]
    assert auditbrief.value(fdi, "recomputed", "en") == "81.1 %"
    assert auditbrief.value(gdp, "recomputed", "zh") == "2862.7十亿元"
    assert auditbrief.value(bound, "reported", "zh") == "290.40亿美元"  # as the quote prints it
    assert auditbrief.value(bound, "recomputed", "en") == "≤ 215.03 (100 million USD)"
    assert auditbrief.value(CLAIMS[4], "reported", "zh") == "1"  # an English count unit: dropped
    assert auditbrief.sentence(fdi, "en") == (
        "¶10 「下降34.4%」: the report prints 34.4 %; the reproduction gives 81.1 %. "
        "The data contradict it.")
    assert auditbrief.sentence(fdi, "zh") == (
        "第10段「下降34.4%」：报告为 34.4 %，复核得 81.1 %。与数据矛盾。")
    assert auditbrief.explanation(bound, "zh") == "超过外商直接投资上限。"
    assert auditbrief.explanation(fdi, "zh") == auditbrief.sentence(fdi, "zh")


def test_the_audit_brief_names_what_changes_a_conclusion_or_a_quoted_number_first():
    brief = auditbrief.brief(CLAIMS, "zh", "07_audit.html", True, "audit-table")
    items = re.findall(r'<li id="brief-([\w-]+)">', brief)
    assert items == ["fdi_decline", "fdi_2013"]  # not the digit-only finding
    assert "改变结论" in brief and "读者会引用的数字" in brief
    assert 'href="07_audit.html#claim-fdi_decline">核查表中</a>' in brief
    assert "另有 1 项发现" in brief and 'href="#audit-table"' in brief
    table = auditbrief.full_table(CLAIMS, "zh", "07_audit.html", False)
    assert table.count('<tr id="finding-') == 3 and "超过外商直接投资上限。" in table
    assert "percent" not in table and "Likely cause" not in table  # Chinese explanations
    ungraded = [{k: v for k, v in c.items() if k != "severity"} for c in CLAIMS]
    assert "尚未评定影响" in auditbrief.brief(ungraded, "zh", None, False, "t")


def test_figures_and_tables_are_numbered_in_the_articles_own_scheme():
    r = article.Renderer("zh")
    fig = nbformat.from_dict({"output_type": "display_data",
                              "data": {"image/png": "iVBO\nRw=="},
                              "metadata": {"image/png": {"alt": "图 4：依存度 / Figure 4: "
                                                                "Trade dependency"},
                                           "analysis": {"name": "fig4_trade_dependency"}}})
    out = r.output(fig, '<a href="x.html#cell-id=cell-3">出处</a>', "s")
    assert 'src="data:image/png;base64,iVBORw=="' in out
    assert 'id="fig-fig4_trade_dependency"' in out
    assert "<strong>图 R1</strong> 图 4：依存度（" in out and "Figure 4" not in out
    assert 'href="figures/fig4_trade_dependency.png"' in out
    table = nbformat.from_dict({"output_type": "display_data", "metadata": {},
                                "data": {"text/html": "<table><tr><td>辽宁 1</td></tr></table>"}})
    assert "<strong>表 R1</strong>" in r.output(table, "", "s")
    key = nbformat.from_dict({"output_type": "display_data", "metadata": {}, "data": {
        "application/vnd.liaoning.key-figure+json": {}, "text/plain": "key figure x = 1"}})
    assert r.output(key, "", "s") == ""


def test_a_bilingual_table_caption_keeps_only_its_own_half_in_the_chinese_article():
    """A table's caption is a bold pair ("表 3：… / Table 3: …"): the zh article keeps the
    Chinese half, as it does for a figure's; the en article keeps the pair (the Chinese half is
    the report's own caption)."""
    pair = "**表 3：辽宁省对外贸易 / Table 3: Liaoning foreign trade** — 来源：报告"
    caption = nbformat.from_dict({"output_type": "display_data", "metadata": {},
                                  "data": {"text/markdown": pair}})
    zh = article.Renderer("zh").output(caption, "", "s")
    assert "<strong>表 3：辽宁省对外贸易</strong> — 来源：报告" in zh and "Table 3" not in zh
    assert "Table 3: Liaoning foreign trade" in article.Renderer("en").output(caption, "", "s")
    bold = nbformat.from_dict({"output_type": "display_data", "metadata": {}, "data": {
        "text/markdown": "**复核结果。** 全国 / 辽宁 的比值为 2.1。"}})
    assert "<strong>复核结果。</strong> 全国 / 辽宁" in article.Renderer("zh").output(bold, "", "s")
    headline = nbformat.from_dict({"cell_type": "code", "metadata": {}, "source": "",
                                   "outputs": [caption]})
    assert "Table 3" not in article.Renderer("zh").headline(headline)  # the opening list too


def test_word_input_drops_browser_parts_and_points_figures_at_their_files():
    page = ('<nav class="site"><a>Article</a></nav><style>p{}</style><h1>T</h1>'
            '<figure id="fig-gdp"><img src="data:image/png;base64,AAAA" alt="a">'
            "<figcaption>c</figcaption></figure><details><summary>S</summary>x</details>"
            '<iframe class="changes" src="x"></iframe>')
    out = docx.for_word(page)
    assert "nav" not in out and "<style>" not in out and "iframe" not in out
    assert '<img src="figures/gdp.png"' in out and "<details>" not in out


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


def test_the_chinese_article_of_the_projects_notebooks_is_chinese(executed_notebooks):
    """The zh article built from every executed notebook: no paragraph, list item, table cell,
    heading or caption is English prose, and Latin words (quotes, identifiers and proper names
    such as GDP, FDI, NBS aside) are few beside the Chinese characters."""
    import csv
    import io

    from analysis.provenance import PROJECT_ROOT
    from analysis.reportfiles import from_notebook

    names = sorted({name for name, _ in executed_notebooks})
    notebooks = [(name, executed_notebooks[(name, "zh")][0]) for name in names]
    attached = next(f["claims.csv"] for _, nb in notebooks if "claims.csv" in (
        f := from_notebook(nb)))
    claims = list(csv.DictReader(io.StringIO(attached)))
    site = nav.Site(["en", "zh"], [nav.Section(n, nav.notebook_title(nb, n))
                                   for n, nb in notebooks], report_text=True, pdf={"zh"})
    page = article.render_article("zh", "v", notebooks, claims, site, "",
                                  outline.read(PROJECT_ROOT / "notebooks"), "07_claims_audit")
    english = [text for _, body in re.findall(
        r"<(p|li|td|th|h\d|figcaption)\b[^>]*>(.*?)</\1>", page, re.S)
        if bilingual.is_english_prose(text := bilingual.page_text(body, True))]
    assert english == [], english[:5]
    halves = [half for bold in re.findall(r"<strong>(.*?)</strong>", page, re.S)
              for half in bilingual.page_text(bold, True).split(" / ")
              if bilingual.is_english_prose(half, min_words=2)]
    assert halves == [], halves[:5]  # no caption keeps its English half
    text = bilingual.page_text(page, skip_untranslated=True)
    words, chars = bilingual.english_words(text), bilingual.chinese_characters(text)
    assert chars > 2000 and len(words) * 100 <= chars, (len(words), chars, words[:40])


def test_like_findings_of_one_paragraph_are_one_item_with_their_bounds_signed():
    def row(year: int, reported: str, bound: str) -> dict[str, str]:
        return {"id": f"fdi_plausible_{year}", "section": "III.B", "paragraph": "42",
                "quote": f"FDI {year}: {reported}", "reported": reported, "recomputed": bound,
                "unit": "100 million USD", "verdict": "doubtful", "evidence": "rule_of_thumb",
                "severity": "conclusion",
                "note": f"As printed, plausible_fdi_share gives <= {bound} (printed inputs ...)"}

    rows = [row(2010, "207.50", "189.001092"), row(2011, "242.67", "210.794076")]
    brief = auditbrief.brief(rows, "en", "07_audit.html", False, "t")
    assert re.findall(r'<li id="brief-([\w-]+)">', brief) == ["fdi_plausible_2010"]
    assert 'id="brief-fdi_plausible_2011"' in brief  # each row keeps its anchor
    text = auditbrief.sentence(rows, "en")
    assert "「FDI 2010: 207.50」「FDI 2011: 242.67」" in text
    assert "prints 207.50, 242.67 (100 million USD)" in text
    assert "allows ≤ 189.00, ≤ 210.79 (100 million USD)" in text
    assert "No finding" not in brief and "more findings" not in brief
