"""What changed between versions (reporting.changes), key figures and the index page, on
hand-built version folders whose differences are known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reporting.changes as changes
from analysis import keyfigures
from reporting.reportindex import anchor, render_index

CLAIMS_HEAD = "id,section,reported,recomputed,unit,verdict\n"


def _version(reports: Path, name: str, built: str, *, data: dict[str, str],
             notebooks: dict[str, str], claims: str | None, figures: dict | None,
             notebook_names=("01_a", "02_b"), labels=("en", "zh")) -> dict:
    """A published version folder with manifest, claims.csv and key_figures.json."""
    folder = reports / name
    folder.mkdir(parents=True)
    manifest = {
        "version": name, "built_at": built, "revision": name * 3, "dirty": False,
        "labels": list(labels), "data_fingerprint": f"fp-{name}",
        "data_files": [{"path": p, "sha256": s} for p, s in data.items()],
        "notebooks": notebooks, "claims": "claims.csv" if claims else None,
        "reports": [{"notebook": nb, "lang": lang, "html": f"{lang}/{nb}.html"}
                    for nb in notebook_names for lang in labels],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    if claims is not None:
        (folder / "claims.csv").write_text(CLAIMS_HEAD + claims, encoding="utf-8")
    if figures is not None:
        (folder / keyfigures.FILE_NAME).write_text(json.dumps(figures), encoding="utf-8")
    return manifest


def _fig(name: str, value: float, unit: str = "percent") -> dict:
    return {name: {"name": name, "value": value, "unit": unit, "label": ""}}


@pytest.fixture
def two_versions(tmp_path):
    old = _version(
        tmp_path, "aaa", "2026-01-01T00:00:00+00:00",
        data={"data/t1.csv": "11", "data/t2.csv": "22", "data/gone.csv": "33"},
        notebooks={"01_a.py": "n1", "02_b.py": "n2"},
        claims="c1,I,6.4,6.4,percent,consistent\nc2,I,-2.5,-2.45,percent,consistent\n"
               "c3,II,3340,3340.0,yuan,consistent\nc4,II,1,1,x,unverifiable\n",
        figures={"01_a": _fig("gdp_drop", -2.5), "02_b": _fig("share", 46.2)},
    )
    new = _version(
        tmp_path, "bbb", "2026-01-02T00:00:00+00:00",
        data={"data/t1.csv": "11", "data/t2.csv": "2X", "data/new.csv": "44"},
        notebooks={"01_a.py": "n1", "02_b.py": "n2-edited"},
        # c1 unchanged, c2 recomputed moved and verdict flipped, c3 printed differently but equal
        # as a number, c4 gone, c5 new
        claims="c1,I,6.4,6.4,percent,consistent\nc2,I,-2.5,-2.61,percent,mismatch\n"
               "c3,II,3340.0,3340,yuan,consistent\nc5,III,7,7,x,consistent\n",
        figures={"01_a": _fig("gdp_drop", -2.5), "02_b": _fig("share", 46.25)},
    )
    return tmp_path, old, new


def test_compare_versions_finds_exactly_the_planted_changes(two_versions):
    reports, _, _ = two_versions
    ch = changes.compare_versions(reports / "aaa", reports / "bbb")
    assert [(f.path, f.status) for f in ch.data_files] == [
        ("data/gone.csv", "removed"), ("data/new.csv", "added"), ("data/t2.csv", "changed")]
    assert [(f.path, f.status, f.old_sha256, f.new_sha256) for f in ch.notebooks] == [
        ("02_b.py", "changed", "n2", "n2-edited")]
    assert [(c.item, c.field, c.old, c.new) for c in ch.claims] == [
        ("c2", "recomputed", "-2.45", "-2.61"),
        ("c2", "verdict", "consistent", "mismatch"),
        ("c4", "claim", "1 (unverifiable)", ""),
        ("c5", "claim", "", "7 (consistent)"),
    ]
    assert [(c.item, c.old, c.new) for c in ch.key_figures] == [
        ("02_b: share", "46.2 percent", "46.25 percent")]
    assert ch.moved_numbers and not ch.empty and not ch.missing
    assert ch.summary() == "3 data files, 1 notebook, 3 claims, 1 key figure changed"


def test_identical_versions_show_nothing_changed(tmp_path):
    kw = dict(data={"data/t.csv": "1"}, notebooks={"01_a.py": "n"},
              claims="c1,I,1,1,x,consistent\n", figures={"01_a": _fig("g", 1.0)})
    _version(tmp_path, "v1", "2026-01-01", **kw)
    _version(tmp_path, "v2", "2026-01-02", **kw)
    ch = changes.compare_versions(tmp_path / "v1", tmp_path / "v2")
    assert ch.empty and not ch.moved_numbers and ch.summary() == "nothing changed"


def test_source_change_without_moved_number_says_so(tmp_path):
    kw = dict(data={"data/t.csv": "1"}, claims="c1,I,1,1,x,consistent\n", figures={})
    _version(tmp_path, "v1", "2026-01-01", notebooks={"01_a.py": "n"}, **kw)
    _version(tmp_path, "v2", "2026-01-02", notebooks={"01_a.py": "m"}, **kw)
    ch = changes.compare_versions(tmp_path / "v1", tmp_path / "v2")
    assert ch.summary() == "1 notebook changed; no number moved"


def test_missing_claims_or_key_figures_on_one_side_is_reported_not_hidden(tmp_path):
    _version(tmp_path, "v1", "2026-01-01", data={}, notebooks={}, claims=None, figures=None)
    _version(tmp_path, "v2", "2026-01-02", data={}, notebooks={},
             claims="c1,I,1,1,x,consistent\n", figures={})
    ch = changes.compare_versions(tmp_path / "v1", tmp_path / "v2")
    assert len(ch.missing) == 2 and not ch.empty
    assert "not comparable" in ch.summary()


def test_claims_file_without_a_needed_column_is_a_clear_error(tmp_path):
    bad = tmp_path / "claims.csv"
    bad.write_text("id,reported,verdict\nc1,1,consistent\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"claims.csv: column\(s\) recomputed missing"):
        changes.read_claims(bad)


def test_command_line_prints_the_changes(two_versions, capsys):
    reports, _, _ = two_versions
    assert changes.main([str(reports / "aaa"), str(reports / "bbb")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("aaa -> bbb: 3 data files")
    assert "c2 [verdict]: consistent -> mismatch" in out and "removed  data/gone.csv" in out


# ----------------------------------------------------------------------------- key figures


def test_record_outside_a_kernel_prints_and_validates(capsys):
    assert keyfigures.record("exports_drop_2015", -13.7, "percent", "exports 2015") is None
    assert capsys.readouterr().out.strip() == (
        "key figure exports_drop_2015 (exports 2015) = -13.7 percent")
    with pytest.raises(ValueError, match="not a number"):
        keyfigures.record("x", "abc")
    with pytest.raises(ValueError, match="not finite"):
        keyfigures.record("x", float("nan"))
    with pytest.raises(ValueError, match="ASCII letters"):
        keyfigures.record("has space", 1)


def _ipynb(path: Path, entries: list[dict]) -> None:
    outputs = [{"output_type": "display_data", "metadata": {},
                "data": {keyfigures.MIME: e, "text/plain": keyfigures.text_line(e)}}
               for e in entries]
    nb = {"cells": [{"cell_type": "code", "outputs": outputs},
                    {"cell_type": "markdown", "source": "x"}]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_collect_reads_key_figures_from_executed_notebooks(tmp_path):
    a = {"name": "a", "value": 1.5, "unit": "percent", "label": ""}
    _ipynb(tmp_path / "en" / "01_a.ipynb", [a])
    _ipynb(tmp_path / "zh" / "01_a.ipynb", [a])
    _ipynb(tmp_path / "en" / "02_b.ipynb", [])
    path = keyfigures.write_version(tmp_path, [
        {"notebook": "01_a", "lang": "en"}, {"notebook": "01_a", "lang": "zh"},
        {"notebook": "02_b", "lang": "en"}])
    assert keyfigures.load_version(tmp_path) == {"01_a": {"a": a}, "02_b": {}}
    assert path.name == "key_figures.json"


def test_collect_refuses_languages_that_disagree_and_duplicate_names(tmp_path):
    a = {"name": "a", "value": 1.5, "unit": "", "label": ""}
    _ipynb(tmp_path / "en" / "01_a.ipynb", [a])
    _ipynb(tmp_path / "zh" / "01_a.ipynb", [dict(a, value=1.6)])
    with pytest.raises(ValueError, match="differ between label languages"):
        keyfigures.collect(tmp_path, [("01_a", "en"), ("01_a", "zh")])
    _ipynb(tmp_path / "en" / "02_b.ipynb", [a, a])
    with pytest.raises(ValueError, match="02_b.ipynb: key figure.*recorded twice.*: a"):
        keyfigures.collect(tmp_path, [("02_b", "en")])


# ----------------------------------------------------------------------------- index page


def test_index_lists_both_label_sets_changes_and_previous_report_links(two_versions):
    reports, old, new = two_versions
    page = render_index([new, old], reports, latest="bbb")
    # both label languages of every notebook, with the anchors the reports link to
    for v in ("aaa", "bbb"):
        assert f'id="{anchor(v)}"' in page
        for lang in ("en", "zh"):
            for nb in ("01_a", "02_b"):
                assert f'id="{anchor(v, lang, nb)}"' in page
                assert f'href="{v}/{lang}/{nb}.html"' in page
    # the newer version's entry for a report links to the same report in the previous version
    entry = page.split(f'id="{anchor("bbb", "zh", "02_b")}"')[1].split("</td>")[0]
    assert 'href="aaa/zh/02_b.html"' in entry
    first = page.split(f'id="{anchor("aaa", "en", "01_a")}"')[1].split("</td>")[0]
    assert "first version" in first
    # the change summary: old and new values side by side, flagged as moved
    assert "Changes since aaa" in page and '<td class="old">-2.45</td><td>-2.61</td>' in page
    assert "46.2 percent" in page and "46.25 percent" in page
    assert "<code>data/t2.csv</code> (changed)" in page and 'class="moved"' in page
    assert "Chinese labels" in page and "English labels" in page
    assert "<script" not in page


def test_index_survives_a_version_folder_it_cannot_read(two_versions):
    reports, old, new = two_versions
    (reports / "aaa" / "manifest.json").unlink()
    page = render_index([new, old], reports, latest="bbb")
    assert "could not compare" in page
