"""Notebooks 01, 02, 05 and 06 run to completion in both label languages.

Every notebook runs once per language for the whole session (tests/conftest.py); each run is
then checked for errors, missing-glyph warnings, its figures and the numbers it must
show (the report's tables as printed, the para 29 readings, the gap tables).
"""

from __future__ import annotations

import pytest
from conftest import notebook_text

NOTEBOOKS = {
    "01_economic_collapse": ["fig1_growth", "fig2_revenue", "fig3_fixed_asset_investment",
                             "peers_growth", "gdp_levels", "spec_curve_fall_2016_split",
                             "spec_curve_peers"],
    "02_structural_shift": ["sector_shares", "sector_contributions", "tertiary_gap",
                            "spec_curve_tertiary_pace"],
    "05_capacity_utilisation": ["capacity_utilisation"],
    "06_soe_ports_population": [
        "bankruptcy_employees",
        "dandong_throughput",
        "population_structure",
        "population_change",
    ],
}
LANGS = ["en", "zh"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_runs_with_figures_and_no_missing_glyphs(executed_notebooks, name, lang):
    nb, figures = executed_notebooks[(name, lang)]
    text = notebook_text(nb)
    assert "missing from font" not in text, "a glyph was missing: CJK font not used"
    assert "findfont" not in text
    for fig in NOTEBOOKS[name]:
        png = figures / f"{fig}.png"
        assert png.exists() and png.stat().st_size > 10_000, png


def test_collapse_notebook_shows_table1_both_fai_readings_and_the_2016_split(executed_notebooks):
    text = notebook_text(executed_notebooks[("01_economic_collapse", "en")][0])
    assert "2222.7" in text and "2203.7" in text  # Table 1 as printed
    assert "-23.13" in text  # para 26's nominal fall, recomputed
    assert "Reading A" in text and "Reading B" in text
    assert "163.61" in text  # the printed levels imply a rise
    assert "6438.04" in text and "643.80" in text  # rebuilt 2016 levels
    assert "Level re-basing" in text and "-23.82" in text and "-22.05" in text  # the split
    assert "-29.5" in text and "-28.8" in text  # 2015 revisions: Liaoning, Jilin
    nb = executed_notebooks[("01_economic_collapse", "en")][0]
    source = "\n".join(c.source for c in nb.cells)
    assert "these data cannot say how much" not in source and "(pre-revision)" not in source
    # issue 18: no growth across the correction, no revised minus early-2018 vintage
    assert "-3.69" not in text and "liaoning_minus_china_early2018" not in source
    assert "Measured across the series break 2015-2016" in text  # Table 1's 2016, labelled
    assert "Combines two data vintages" in text  # revisions, deflators, FDI on revised GDP
    assert "real growth only" in text and "inconsistent" in text  # point 9
    assert "8 of 8" in text and "13 of 28" in text  # the grids' counts
    assert "runs no statistical test" in source


def test_collapse_notebook_zh_tables_are_chinese(executed_notebooks):
    text = notebook_text(executed_notebooks[("01_economic_collapse", "zh")][0])
    assert "水平断点（序列断点）" in text and "吉林" in text
    assert "黑龙江" in text and "当时公布数" in text


def test_structure_notebook_shows_table2_contributions_and_scenarios(executed_notebooks):
    text = notebook_text(executed_notebooks[("02_structural_shift", "zh")][0])
    assert "46.2" in text and "54.7" in text  # Table 2 as printed
    assert "第三产业" in text
    assert "年均变化（百分点）" in text and "年数" in text  # localised derived tables
    assert "2.27" in text  # 2011-2015 pace, points a year
    assert "-4.63" in text and "4.47" in text  # 2015 contributions: industry, services
    assert "年数（中位数）" not in text  # the simulated catch-up years are gone
    nb = executed_notebooks[("02_structural_shift", "zh")][0]
    source = "\n".join(c.source for c in nb.cells)
    assert "driven by the fall of industry" not in source
    assert "Holm" in text and "78" in text and "并非稳健估计" in text  # tests counted, grid
    assert "混合了数据版本" in text  # the moving national pace is another vintage


@pytest.mark.parametrize("name", ["01_economic_collapse", "02_structural_shift"])
@pytest.mark.parametrize("lang", LANGS)
def test_headline_cell_in_the_label_language(executed_notebooks, name, lang):
    nb = executed_notebooks[(name, lang)][0]
    cells = [c for c in nb.cells if "headline" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    shown = "".join(o.get("data", {}).get("text/markdown", "") for o in cells[0].outputs)
    assert shown.startswith("- ") and shown.count("\n- ") == 1  # two bullet points
    assert ("的" in shown) == (lang == "zh")


@pytest.mark.parametrize("name", ["01_economic_collapse", "02_structural_shift"])
def test_every_english_narrative_cell_has_its_chinese_twin(executed_notebooks, name):
    nb = executed_notebooks[(name, "en")][0]
    tags = [c.metadata.get("tags", []) for c in nb.cells if c.cell_type == "markdown"]
    for i, cell_tags in enumerate(tags):
        if "lang-en" in cell_tags:
            assert "lang-zh" in tags[i + 1], f"cell {i} has no Chinese twin"
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "def " not in source and "lambda" not in source  # no functions in notebooks


def test_capacity_notebook_shows_gaps_and_periods(executed_notebooks):
    text = notebook_text(executed_notebooks[("05_capacity_utilisation", "en")][0])
    assert "China minus Liaoning" in text and "2017Q4" in text


def test_soe_notebook_shows_readings_and_cagr(executed_notebooks):
    text = notebook_text(executed_notebooks[("06_soe_ports_population", "en")][0])
    assert "Units one step down" in text and "soe_count_2016" in text
    assert "13.62" in text  # Dandong CAGR 2012-2016
    assert "16.10" in text or "16.1" in text  # national share over 60 implied by the gap
