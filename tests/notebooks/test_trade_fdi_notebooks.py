"""The trade (03) and FDI (04) notebooks run to completion in both label languages.

Every notebook runs once per language for the whole session (tests/conftest.py); each run is
then checked for errors, missing-glyph warnings and figures.
"""

from __future__ import annotations

import pytest
from conftest import notebook_text

NOTEBOOKS = {
    "03_trade_collapse": ["fig4_trade_dependency", "trade_contributions", "trade_trend",
                          "trade_composition"],
    "04_fdi_drop": ["fig5_fdi", "fdi_trend", "fdi_by_sector"],
}
LANGS = ["en", "zh"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_runs_and_renders(executed_notebooks, name, lang):
    nb, figures = executed_notebooks[(name, lang)]
    text = notebook_text(nb)
    assert "missing from font" not in text, "a glyph was missing: CJK font not used"
    for fig in NOTEBOOKS[name]:
        png = figures / f"{fig}_{lang}.png"
        assert png.exists() and png.stat().st_size > 10_000, png
    images = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert images >= len(NOTEBOOKS[name])


def test_trade_notebook_shows_table3_and_the_text_comparisons(executed_notebooks):
    text = notebook_text(executed_notebooks[("03_trade_collapse", "en")][0])
    assert "1142.8" in text and "20.8" in text  # Table 3 printed values
    assert "export_decline_2009_pct" in text and "partner_exports_2016" in text
    assert "breakpoint" in text  # the Chow test table


def test_fdi_notebook_shows_the_table_and_sector_shares(executed_notebooks):
    text = notebook_text(executed_notebooks[("04_fdi_drop", "zh")][0])
    assert "207.50" in text and "1.12" in text  # printed with the table's two decimals
    assert "fdi_2013_text" in text and "制造业" in text
