"""Notebooks run in a killable child: a hung or dead kernel is a named failure, not a hang."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest

from analysis.execute import CellError, ExecutionFailed, run_isolated


def _notebook(tmp_path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    return path


def test_runs_a_notebook_with_parameters(tmp_path: Path):
    src = _notebook(tmp_path, "x = 1", "print(x * 7)")
    src_nb = nbformat.read(src, as_version=4)
    src_nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(src_nb, src)
    out = tmp_path / "out.ipynb"
    run_isolated(src, out, {"x": 6}, "python3", tmp_path)
    outputs = [o for c in nbformat.read(out, as_version=4).cells for o in c.get("outputs", [])]
    assert any(o.get("text") == "42\n" for o in outputs)


def test_cell_error_is_reported_with_its_cell(tmp_path: Path):
    src = _notebook(tmp_path, "a = 1", "1 / 0")
    with pytest.raises(CellError) as info:
        run_isolated(src, tmp_path / "out.ipynb", {}, "python3", tmp_path)
    assert info.value.ename == "ZeroDivisionError" and info.value.source == "1 / 0"
    assert (tmp_path / "out.ipynb").exists()  # the partly executed notebook is kept


def test_hung_notebook_is_killed_and_named(tmp_path: Path):
    src = _notebook(tmp_path, "import time; time.sleep(600)")
    t0 = time.perf_counter()
    with pytest.raises(ExecutionFailed, match="did not finish within 8 s"):
        run_isolated(src, tmp_path / "out.ipynb", {}, "python3", tmp_path, timeout=8, retries=0)
    assert time.perf_counter() - t0 < 30


def test_dead_kernel_is_a_failure_not_a_hang(tmp_path: Path):
    src = _notebook(tmp_path, "import os; os._exit(1)")
    with pytest.raises(ExecutionFailed, match="exit code"):
        run_isolated(src, tmp_path / "out.ipynb", {}, "python3", tmp_path, timeout=120,
                     retries=0)
