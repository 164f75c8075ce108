"""The trade (03) and FDI (04) notebooks run to completion in both label languages, read as
prose with short calls (issue 21), and say what their specification grids show (issue 18).

Every notebook runs once per language for the whole session (tests/conftest.py); each run is
then checked for errors, missing-glyph warnings, figures, and what the findings say.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import pytest
from conftest import notebook_text

NOTEBOOKS = {
    "03_trade_collapse": ["fig4_trade_dependency", "trade_contributions", "trade_trend",
                          "trade_shortfall_specifications", "trade_share_of_china",
                          "trade_relative_specifications", "trade_nominal_real",
                          "trade_residuals", "trade_composition"],
    "04_fdi_drop": ["fig5_fdi", "fdi_share_of_china", "fdi_trend", "fdi_trend_specifications",
                    "fdi_residuals", "fdi_by_sector"],
}
LANGS = ["en", "zh"]
ROOT = Path(__file__).resolve().parents[2]
# the one output style: prose by show, tables by display; a table left as a cell's last value
# would be shown in another style
RETURNS_A_TABLE = {"localise", "printed_table", "fact_table", "text_checks", "readable"}


def _source(name: str):
    return jupytext.read(ROOT / "notebooks" / f"{name}.py")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_runs_and_renders(executed_notebooks, name, lang):
    nb, figures = executed_notebooks[(name, lang)]
    text = notebook_text(nb)
    assert "missing from font" not in text, "a glyph was missing: CJK font not used"
    for fig in NOTEBOOKS[name]:  # saved by keep (<id>_<lang>.png) or as the build writes them
        png = next((p for p in (figures / f"{fig}_{lang}.png", figures / f"{fig}.png")
                    if p.exists()), figures / f"{fig}_{lang}.png")
        assert png.exists() and png.stat().st_size > 10_000, png
    images = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert images == len(NOTEBOOKS[name])
    assert not re.search(r"\d\.\d+e[-+]\d\d", text), "e-notation in a displayed table"
    assert "PosixPath" not in text  # a saved figure's path is not echoed


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_reads_as_prose_with_short_calls(name):
    nb = _source(name)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        tree = ast.parse(cell.source)
        assert not any(isinstance(n, ast.FunctionDef | ast.Lambda) for n in ast.walk(tree))
        for node in ast.walk(tree):  # values with full names: no `rl, rc, rr, bt = (...)`
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple):
                names = {e.id for e in node.targets[0].elts} - {"fig", "ax"}
                assert all(len(n) > 3 for n in names), cell.source
            if isinstance(node, ast.Name):
                assert node.id != "io", "a dict named io shadows the module"
            if isinstance(node, ast.JoinedStr):  # no f-string carrying the findings
                assert sum(isinstance(v, ast.FormattedValue) for v in node.values) <= 5
        last = tree.body[-1] if tree.body else None
        if isinstance(last, ast.Expr):
            value = last.value
            assert isinstance(value, ast.Call), f"a bare value is shown: {cell.source}"
            called = getattr(value.func, "id", getattr(value.func, "attr", ""))
            assert called not in RETURNS_A_TABLE, f"a table shown without display: {cell.source}"
    assert "print(" not in "".join(c.source for c in code)
    assert sum("headline" in c.metadata.get("tags", []) for c in code) == 1


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_every_english_narrative_cell_has_its_chinese_twin(name):
    cells = _source(name).cells
    for i, cell in enumerate(cells):
        tags = cell.metadata.get("tags", [])
        if "lang-en" in tags:
            twin = cells[i + 1]
            assert "lang-zh" in twin.metadata.get("tags", []), cell.source[:80]
            assert set(tags) - {"lang-en"} == set(twin.metadata["tags"]) - {"lang-zh"}
            assert re.search(r"[\u4e00-\u9fff]", twin.source)


def test_section_c_cells_are_tagged_for_the_article():
    tagged = [c for c in _source("03_trade_collapse").cells
              if "article-C" in c.metadata.get("tags", [])]
    sources = "\n".join(c.source for c in tagged)
    assert "partner_shares" in sources and "composition_chart" in sources
    assert "city_rows" in sources


def test_trade_notebook_follows_its_grids(executed_notebooks):
    text = notebook_text(executed_notebooks[("03_trade_collapse", "en")][0])
    flat = text.replace("\n  ", " ")
    assert "1142.8" in text and "20.8" in text  # Table 3 printed values
    assert "export_decline_2009_pct" in text and "partner_exports_2016" in text
    assert "China's trade (NBS, external) was -27.8 % against its own trend" in flat
    assert "holds only in 90 of 216 specifications" in flat
    assert "gaps from -16.6 % to -1.4 %" in flat  # the relative gap's interval
    assert "2016 -9.8 %; 2017 +3.8 %" in flat  # NBS over NBS
    assert "This notebook runs 15 tests" in flat
    assert "the best attainable" not in flat  # placebos are descriptive, not a test
    zh = notebook_text(executed_notebooks[("03_trade_collapse", "zh")][0])
    assert "在 216 个设定中的 90 个" in zh


def test_fdi_notebook_keeps_the_break_apart_and_its_trend_conditional(executed_notebooks):
    text = notebook_text(executed_notebooks[("04_fdi_drop", "en")][0]).replace("\n  ", " ")
    assert "Series break, not a collapse" not in text
    assert "FDI growth was slowing before 2014 (the squared-term fit)" not in text
    assert "it does not show that there was no fall" in text
    assert "USD 7.91 billion (= USD 5.19 billion / 0.656), is not printed" in text
    assert "departs from the earlier path no more than an earlier year did" not in text
    assert "one-year statistical event" not in text
    zh = notebook_text(executed_notebooks[("04_fdi_drop", "zh")][0])
    assert "207.50" in zh and "1.12" in zh and "制造业" in zh
    assert "假定" in zh
