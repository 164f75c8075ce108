"""Precise rebuilds (issue 14): each report is keyed on the data files its kernel read.

A scratch git repo with three notebooks: one reads data/a.csv, one data/b.csv, one nothing
(through analysis.provenance.DATA_DIR, which the build points at the data/ of its --root).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import nbformat
import pytest

import reporting as b
from analysis import data, datareads
from analysis.provenance import DATAPACKAGE
from reporting.common import BuildError
from reporting.reads import check_read

PYCACHE = Path(__file__).parents[2] / "build" / "test-pycache"

READS = """# %% [markdown]
# # Reads {name}

# %% tags=["parameters"]
label_language = "en"

# %%
import analysis.datareads
from analysis.provenance import DATA_DIR

text = analysis.datareads.read_bytes(DATA_DIR / "{name}").decode()
print(text.splitlines()[-1])
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@example.org", "-c",
                    "user.name=t", *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def proj(tmp_path_factory) -> Path:
    proj = tmp_path_factory.mktemp("reads") / "proj"
    (proj / "notebooks").mkdir(parents=True)
    (proj / "data").mkdir()
    (proj / "data" / "datapackage.json").write_text('{"resources": []}\n', encoding="utf-8")
    (proj / "data" / "a.csv").write_text("year,x\n2015,1.0\n", encoding="utf-8")
    (proj / "data" / "b.csv").write_text("year,y\n2015,2.0\n", encoding="utf-8")
    (proj / "notebooks" / "01_a.py").write_text(READS.format(name="a.csv"), encoding="utf-8")
    (proj / "notebooks" / "02_b.py").write_text(READS.format(name="b.csv"), encoding="utf-8")
    (proj / "notebooks" / "03_none.py").write_text(
        '# %% tags=["parameters"]\nlabel_language = "en"\n\n# %%\nprint(1 + 1)\n',
        encoding="utf-8")
    (proj / ".gitignore").write_text("reports/\n", encoding="utf-8")
    _git(proj, "init", "-q")
    _git(proj, "add", ".")
    _git(proj, "commit", "-qm", "fixture")
    _build(proj)
    return proj


def _build(proj: Path) -> b.BuildResult:
    return b.Builder(proj / "notebooks", proj / "reports", root=proj, labels=["en"],
                     log=lambda _line: None, pycache=PYCACHE).run()


def test_recorded_files_appear_in_the_executed_notebook_not_in_the_report(proj):
    latest = proj / "reports" / "latest" / "en"
    nb = nbformat.read(latest / "01_a.ipynb", as_version=4)
    digest = hashlib.sha256((proj / "data" / "a.csv").read_bytes()).hexdigest()
    assert nb.metadata[datareads.METADATA_KEY] == {"data/a.csv": digest}
    assert nbformat.read(latest / "03_none.ipynb", as_version=4).metadata[
        datareads.METADATA_KEY] == {}
    assert all(datareads.SHOW_SOURCE not in c.source for c in nb.cells)
    html = (latest / "01_a.html").read_text(encoding="utf-8")
    assert datareads.MIME not in html and "analysis.datareads.show" not in html


def test_a_one_file_data_edit_reruns_only_the_notebooks_that_read_it(proj):
    table = proj / "data" / "a.csv"
    original = table.read_bytes()
    try:
        table.write_text("year,x\n2015,1.5\n", encoding="utf-8")
        edited = _build(proj)
    finally:
        table.write_bytes(original)
    assert edited.executed == ["01_a (en)"]
    assert sorted(edited.reused) == ["02_b (en)", "03_none (en)"]
    back = _build(proj)  # the original bytes: every report from the cache
    assert back.executed == []


def test_a_notebook_that_starts_reading_a_file_is_rerun_and_then_keyed_on_it(proj):
    source = proj / "notebooks" / "03_none.py"
    original = source.read_bytes()
    table = proj / "data" / "b.csv"
    data_before = table.read_bytes()
    try:
        source.write_text(READS.format(name="b.csv"), encoding="utf-8")
        assert _build(proj).executed == ["03_none (en)"]
        table.write_text("year,y\n2015,2.5\n", encoding="utf-8")
        assert sorted(_build(proj).executed) == ["02_b (en)", "03_none (en)"]
    finally:
        source.write_bytes(original)
        table.write_bytes(data_before)
    reads = json.loads((proj / "reports" / ".cache" / "reads" / "03_none.en.json").read_text())
    assert reads == ["data/b.csv"]


def test_a_kernel_that_read_other_bytes_than_were_hashed_is_refused():
    read = {("01_a", "en"): {"data/a.csv": "1" * 64}}
    check_read(read, {"data/a.csv": "1" * 64})  # the same bytes: accepted
    with pytest.raises(BuildError, match=r"01_a \(en\) read data/a.csv with other contents"):
        check_read(read, {"data/a.csv": "2" * 64})


def test_the_loader_records_the_descriptor_and_the_file_it_read():
    name = data.names()[0]
    data.load(name)
    data.load(name)  # from the loader's cache: still recorded
    got = datareads.reads()
    path = data._default_package().file_of(name).resolve()
    assert got[path.as_posix()] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert got[DATAPACKAGE.resolve().as_posix()] == hashlib.sha256(
        DATAPACKAGE.read_bytes()).hexdigest()
    rel = datareads.relative(got, DATAPACKAGE.parents[1])
    assert "data/datapackage.json" in rel and all(k.startswith("data/") for k in rel)


def test_the_claims_register_read_is_recorded():
    from analysis.claims import REGISTER, load_register

    load_register()
    assert datareads.reads()[REGISTER.resolve().as_posix()] == hashlib.sha256(
        REGISTER.read_bytes()).hexdigest()
