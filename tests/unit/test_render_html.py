"""The report's HTML exporter skips nbconvert's BeautifulSoup pass and the template's bleach pass
over highlighted code: the pages must still be nbconvert's pages, element for element."""

from __future__ import annotations

import base64

import nbformat
import pytest
from bs4 import BeautifulSoup

from reporting.render import NO_ALT, html_exporter

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")).decode()
HOSTILE_CODE = 'html = "</div><script>alert(1)</script><img src=x onerror=alert(2)>"\nx < 1 & y > 2'


def _notebook() -> nbformat.NotebookNode:
    """A notebook with what the reports hold: markdown, code with HTML-like text, stream and
    HTML outputs, a PNG with alt text, a PNG without, an SVG, an error, a cell tagged for zh."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    nb.cells.append(nbformat.v4.new_markdown_cell("# Title\n\nSome *text* & a [link](#x)."))
    code = nbformat.v4.new_code_cell(HOSTILE_CODE)
    code.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a < b\n"),
        nbformat.v4.new_output("display_data", data={
            "text/html": '<table class="dataframe"><tr><td>1</td></tr></table>',
            "text/plain": "t"}),
        nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "f"},
                               metadata={"image/png": {"alt": "A figure"}}),
        nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "g"}),
        nbformat.v4.new_output("display_data", data={
            "image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>'}),
        nbformat.v4.new_output("error", ename="ValueError", evalue="bad <value>",
                               traceback=["ValueError: bad <value>"]),
    ]
    nb.cells.append(code)
    nb.cells.append(nbformat.v4.new_markdown_cell("中文", metadata={"tags": ["lang-zh"]}))
    return nb


def _render(exporter: object, nb: nbformat.NotebookNode) -> str:
    return exporter.from_notebook_node(  # type: ignore[attr-defined]
        nbformat.from_dict(nb), resources={"metadata": {"name": "t"}})[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_is_nbconverts_page_element_for_element(lang):
    from nbconvert import HTMLExporter

    fast = html_exporter(lang)
    stock = HTMLExporter(  # nbconvert's own exporter, same template and settings
        **{k: getattr(fast, k) for k in ("template_name", "extra_template_basedirs",
                                         "exclude_input_prompt", "exclude_output_prompt",
                                         "embed_images", "language_code")},
        filters={"private_output": fast.filters["private_output"],  # type: ignore[attr-defined]
                 "markdown2html_data": fast.filters["markdown2html_data"]})  # type: ignore[attr-defined]
    nb = _notebook()
    page = _render(fast, nb)
    assert str(BeautifulSoup(page, "html.parser")) == _render(stock, nb)
    soup = BeautifulSoup(page, "html.parser")
    alts = [img.get("alt") for img in soup.select("img")]
    assert "A figure" in alts and NO_ALT.split('"')[1] in alts  # the missing one gets nbconvert's
    focusable = soup.select(".jp-Notebook div.jp-Cell-inputWrapper, "
                            ".jp-Notebook div.jp-OutputArea-output")
    assert focusable and all(div.get("tabindex") == "0" for div in focusable)


def test_code_is_shown_as_text_never_as_markup():
    page = _render(html_exporter("en"), _notebook())
    soup = BeautifulSoup(page, "html.parser")
    assert not [s for s in soup.select("script") if "alert(1)" in s.get_text()]
    assert not soup.select("img[onerror]")
    (editor,) = soup.select(".cm-editor")
    assert editor.get_text().strip() == HOSTILE_CODE  # every character shown, as written


def test_each_code_is_highlighted_once_and_the_notebook_validated_once(monkeypatch):
    """The en and zh pages of a notebook show the same code: Pygments runs once for it; nbconvert
    validates the notebook once, not after each preprocessor. The pages are unchanged."""
    import nbconvert.exporters.exporter as exporter
    import nbconvert.filters.highlight as highlight

    import reporting.render as render

    calls = {"highlight": 0, "validate": 0}
    real_highlight = highlight._pygments_highlight
    real_validate = exporter.Exporter._validate_preprocessor

    def counted_highlight(*args, **kw):
        calls["highlight"] += 1
        return real_highlight(*args, **kw)

    def counted_validate(self, *args, **kw):
        calls["validate"] += 1
        return real_validate(self, *args, **kw)

    monkeypatch.setattr(highlight, "_pygments_highlight", counted_highlight)
    monkeypatch.setattr(exporter.Exporter, "_validate_preprocessor", counted_validate)
    monkeypatch.setattr(render, "_HIGHLIGHTED", {})
    nb = _notebook()
    nb.cells.append(nbformat.v4.new_code_cell("unique_to_this_test = 42"))
    pages = [html_exporter(lang).from_notebook_node(nb)[0] for lang in ("en", "zh", "en")]
    assert calls["highlight"] == 2  # two code cells, three pages
    assert calls["validate"] == 3  # once a page
    assert pages[0] == pages[2] and "unique_to_this_test" in pages[1]
    # what is remembered is bounded: past the bound it starts again, and pages stay the same
    monkeypatch.setattr(render, "HIGHLIGHTED_MAX", 2)
    nb.cells.append(nbformat.v4.new_code_cell("one_more = 43"))
    again = [html_exporter("en").from_notebook_node(nb)[0] for _ in range(2)]
    assert len(render._HIGHLIGHTED) <= 2 and again[0] == again[1] and "one_more" in again[0]
    assert calls["highlight"] > 3  # forgotten and made again, not grown
