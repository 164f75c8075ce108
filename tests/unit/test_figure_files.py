"""The README's table of figure files is the one the notebooks declare (python -m
reporting.figures writes it); the executed notebooks' figures are checked against the same list
in tests/notebooks/test_figure_rules.py."""

from __future__ import annotations

import pytest

import reporting.figures as figures
from analysis.provenance import PROJECT_ROOT


def test_readme_lists_every_figure_file_the_notebooks_declare():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert figures.with_readme_table(readme, PROJECT_ROOT / "notebooks") == readme, (
        "README's table of figure files is out of date: run python -m reporting.figures")
    declared = figures.declared(PROJECT_ROOT / "notebooks")
    ids = [fid for fid, _ in declared]
    assert len(ids) == len(set(ids)) and len(ids) >= 20  # one id, one figure
    assert ("capacity_utilisation", "05_capacity_utilisation") in declared


def test_keep_calls_are_found_and_an_id_clash_is_refused(tmp_path):
    (tmp_path / "01_a.py").write_text('keep(fig, "a_one", L)\n'
                                      '_ = plotting.keep(fig, "a_two", L, caption="x")\n')
    (tmp_path / "02_b.py").write_text("plotting.keep(fig, 'b_one', L)\n")
    assert figures.declared(tmp_path) == [("a_one", "01_a"), ("a_two", "01_a"),
                                          ("b_one", "02_b")]
    import nbformat

    def nb(fid):
        cell = nbformat.v4.new_code_cell("keep(...)")
        cell.outputs = [nbformat.v4.new_output(
            "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "x"},
            metadata={"analysis": {"name": fid, "title": "T"}})]
        return nbformat.v4.new_notebook(cells=[cell])
    kept = figures.collect([("01_a", nb("same")), ("02_b", nb("other"))])
    assert [(f.id, f.notebook) for f in kept] == [("same", "01_a"), ("other", "02_b")]
    written = figures.write(tmp_path / "en", kept)
    assert [p.name for p in written] == ["same.png", "other.png"]  # no SVG in the output: none
    from reporting.common import BuildError

    with pytest.raises(BuildError, match="figure id 'same' is used twice"):
        figures.collect([("01_a", nb("same")), ("02_b", nb("same"))])
    with pytest.raises(BuildError, match="is not a file name"):
        figures.collect([("01_a", nb("../escape"))])
