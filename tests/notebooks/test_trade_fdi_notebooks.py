"""The trade (03) and FDI (04) notebooks run to completion in both label languages.

Every notebook runs once per language for the whole session (tests/conftest.py); each run is
then checked for errors, missing-glyph warnings, figures, and what the findings say.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import notebook_text

NOTEBOOKS = {
    "03_trade_collapse": ["fig4_trade_dependency", "trade_contributions", "trade_trend",
                          "trade_share_of_china", "trade_nominal_real", "trade_residuals",
                          "trade_composition"],
    "04_fdi_drop": ["fig5_fdi", "fdi_share_of_china", "fdi_trend", "fdi_residuals",
                    "fdi_by_sector"],
}
LANGS = ["en", "zh"]
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_runs_and_renders(executed_notebooks, name, lang):
    nb, figures = executed_notebooks[(name, lang)]
    text = notebook_text(nb)
    assert "missing from font" not in text, "a glyph was missing: CJK font not used"
    for fig in NOTEBOOKS[name]:
        png = figures / f"{fig}.png"
        assert png.exists() and png.stat().st_size > 10_000, png
    images = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert images >= len(NOTEBOOKS[name])
    assert not re.search(r"\d\.\d+e[-+]\d\d", text), "e-notation in a displayed table"


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_is_thin_and_tagged(name):
    src = (ROOT / "notebooks" / f"{name}.py").read_text(encoding="utf-8")
    assert len(src.splitlines()) < 250
    assert not re.search(r"^\s*def ", src, re.M)
    assert "print(figure_source" not in src
    assert '# %% [markdown] tags=["article"]\n# **The report** (paras' in src
    assert src.count('tags=["article"]') >= 4


def test_trade_notebook_benchmarks_against_china(executed_notebooks):
    text = notebook_text(executed_notebooks[("03_trade_collapse", "en")][0])
    assert "1142.8" in text and "20.8" in text  # Table 3 printed values
    assert "export_decline_2009_pct" in text and "partner_exports_2016" in text
    flat = text.replace("\n  ", " ")
    assert "China's -27.8 % against its own" in flat
    assert "the best attainable is 0.20" in flat
    assert "export-led in 2009 and shared in 2015" not in text


def test_fdi_notebook_treats_2015_as_a_series_break(executed_notebooks):
    text = notebook_text(executed_notebooks[("04_fdi_drop", "en")][0]).replace("\n  ", " ")
    assert "Series break, not a collapse" in text
    assert "-34.4 %: the like-for-like fall" in text
    assert "below every earlier year but the first" not in text
    assert "one-year statistical event" not in text
    zh = notebook_text(executed_notebooks[("04_fdi_drop", "zh")][0])
    assert "207.50" in zh and "1.12" in zh and "制造业" in zh
