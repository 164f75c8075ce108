"""The trade (03) and FDI (04) notebooks run to completion in both label languages.

The four runs execute in parallel (one kernel each) in a temp folder, with figures saved there,
so the suite stays fast; each run is then checked for errors, missing-glyph warnings and figures.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jupytext
import nbformat
import papermill as pm
import pytest

from analysis.provenance import PROJECT_ROOT

NOTEBOOKS = {
    "03_trade_collapse": ["fig4_trade_dependency", "trade_contributions", "trade_trend",
                          "trade_composition"],
    "04_fdi_drop": ["fig5_fdi", "fdi_trend", "fdi_by_sector"],
}
LANGS = ["en", "zh"]


def _run(name: str, lang: str, tmp: Path) -> tuple[nbformat.NotebookNode, Path]:
    """Convert the percent script to .ipynb in ``tmp`` and execute it with papermill."""
    work = tmp / f"{name}_{lang}"
    work.mkdir()
    src = work / f"{name}.ipynb"
    jupytext.write(jupytext.read(PROJECT_ROOT / "notebooks" / f"{name}.py"), src)
    out = work / f"{name}.out.ipynb"
    pm.execute_notebook(
        str(src),
        str(out),
        parameters={"label_language": lang, "figure_dir": str(work / "figures")},
        cwd=str(work),
        progress_bar=False,
        kernel_name="python3",
        language="python",
    )
    return nbformat.read(out, as_version=4), work / "figures"


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[tuple[str, str], tuple[nbformat.NotebookNode, Path]]:
    """Execute every (notebook, language) pair once, in parallel."""
    tmp = tmp_path_factory.mktemp("notebooks_b")
    jobs = [(n, lang) for n in NOTEBOOKS for lang in LANGS]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {job: pool.submit(_run, *job, tmp) for job in jobs}
        return {job: f.result() for job, f in futures.items()}


def _outputs_text(nb: nbformat.NotebookNode) -> str:
    """All text the notebook's cells wrote (streams and plain-text results)."""
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                parts.append(o["text"])
            elif "data" in o and "text/plain" in o["data"]:
                parts.append(o["data"]["text/plain"])
            elif o.get("output_type") == "error":
                parts.append(f"{o['ename']}: {o['evalue']}")
    return "\n".join(parts)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_notebook_runs_and_renders(runs, name, lang):
    nb, figures = runs[(name, lang)]
    text = _outputs_text(nb)
    assert "missing from font" not in text, "a glyph was missing: CJK font not used"
    for fig in NOTEBOOKS[name]:
        png = figures / f"{fig}_{lang}.png"
        assert png.exists() and png.stat().st_size > 10_000, png
    images = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert images >= len(NOTEBOOKS[name])


def test_trade_notebook_shows_table3_and_the_text_comparisons(runs):
    text = _outputs_text(runs[("03_trade_collapse", "en")][0])
    assert "1142.8" in text and "20.8" in text  # Table 3 printed values
    assert "export_decline_2009_pct" in text and "partner_exports_2016" in text
    assert "breakpoint" in text  # the Chow test table


def test_fdi_notebook_shows_the_table_and_sector_shares(runs):
    text = _outputs_text(runs[("04_fdi_drop", "zh")][0])
    assert "207.50" in text and "1.12" in text  # printed with the table's two decimals
    assert "fdi_2013_text" in text and "制造业" in text
