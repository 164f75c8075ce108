"""Every key figure a notebook records names itself for a reader: a label and a unit (the
reports index and key_figures.json show them; an empty label was the rule before issue 18)."""

from __future__ import annotations

import pytest
from conftest import NOTEBOOK_LANGS

from analysis import keyfigures
from analysis.provenance import PROJECT_ROOT

NOTEBOOKS = sorted(p.stem for p in (PROJECT_ROOT / "notebooks").glob("[0-9]*.py"))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_key_figure_has_a_label_and_a_unit(executed_notebooks, name):
    nb, _ = executed_notebooks[(name, NOTEBOOK_LANGS[0])]
    figures = keyfigures.from_notebook(nb)
    unnamed = [f["name"] for f in figures if not f["label"].strip() or not f["unit"].strip()]
    assert not unnamed, f"{name}: key figures without a label or unit: {unnamed}"
