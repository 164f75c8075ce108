"""The no-op's check of published files (issue 22): files unchanged since they last matched are
not read again; any write is seen; `--verify` (verified=None) reads every file."""

from __future__ import annotations

import json
import os

from reporting import cache
from reporting.fingerprints import sha256_bytes, sha256_file


def _published(tmp_path):
    folder = tmp_path / "v1"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "a.html").write_text("<p>one</p>", encoding="utf-8")
    (folder / "en" / "b.png").write_bytes(b"\x89PNG two")
    files = {n: sha256_bytes((folder / n).read_bytes()) for n in ("en/a.html", "en/b.png")}
    return folder, files


def test_a_matching_folder_is_recorded_and_a_write_is_still_seen(tmp_path):
    folder, files = _published(tmp_path)
    record = tmp_path / ".cache" / "verified-v1.json"
    assert cache.mismatched(folder, files, record) is None
    assert sorted(json.loads(record.read_text(encoding="utf-8"))) == ["en/a.html", "en/b.png"]
    (folder / "en" / "a.html").write_text("<p>0ne</p>", encoding="utf-8")  # same size
    assert cache.mismatched(folder, files, record) == "en/a.html"
    (folder / "en" / "b.png").unlink()
    assert cache.mismatched(folder, files, None) == "en/a.html"


def test_a_change_that_restores_size_and_time_needs_the_full_check(tmp_path):
    folder, files = _published(tmp_path)
    record = tmp_path / ".cache" / "verified-v1.json"
    assert cache.mismatched(folder, files, record) is None
    page = folder / "en" / "a.html"
    st = page.stat()
    with page.open("r+b") as f:  # in place: same inode and size
        f.write(b"<p>two</p>")
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the old time
    assert cache.mismatched(folder, files, record) is None  # trusted: nothing says it changed
    assert cache.mismatched(folder, files, None) == "en/a.html"  # --verify reads it


def test_a_file_hash_is_remembered_only_while_the_file_is_unchanged(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("year,value\n2015,1\n", encoding="utf-8")
    first = sha256_file(path)
    path.write_text("year,value\n2015,2\n", encoding="utf-8")
    assert sha256_file(path) != first
    assert sha256_file(path) == sha256_bytes(path.read_bytes())


def _version(reports, name, built, claims):
    """A published version folder: a manifest with one report, and its claims.csv."""
    folder = reports / name
    folder.mkdir(parents=True)
    manifest = {"version": name, "built_at": built, "labels": ["en"], "claims": "claims.csv",
                "reports": [{"notebook": "01_a", "lang": "en", "html": "en/01_a.html"}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "claims.csv").write_text("id,section,reported,recomputed,unit,verdict\n" + claims,
                                       encoding="utf-8")


def _point_latest(reports, version):
    (reports / "latest").unlink(missing_ok=True)
    os.symlink(version, reports / "latest")


def test_the_index_is_rendered_again_exactly_when_what_it_shows_changed(tmp_path, monkeypatch):
    from reporting import publish

    reports = tmp_path / "reports"
    _version(reports, "aaa", "2026-01-01T00:00:00+00:00", "c1,I,6.4,6.4,percent,consistent\n")
    _point_latest(reports, "aaa")
    assert "aaa" in publish.write_index(reports).read_text(encoding="utf-8")
    renders = []
    render = publish.index_page
    monkeypatch.setattr(publish, "index_page", lambda *a: renders.append(a[1]) or render(*a))
    publish.write_index(reports)
    assert renders == []  # nothing it shows changed: a no-op does not render it
    _version(reports, "bbb", "2026-01-02T00:00:00+00:00", "c1,I,6.4,6.4,percent,consistent\n")
    publish.write_index(reports)
    assert renders == ["aaa"]  # a version folder added (latest not moved yet)
    _point_latest(reports, "bbb")
    assert "bbb (latest)" in publish.write_index(reports).read_text(encoding="utf-8")
    assert renders == ["aaa", "bbb"]
    (reports / "bbb" / "claims.csv").write_text(
        "id,section,reported,recomputed,unit,verdict\nc1,I,6.4,6.9,percent,mismatch\n",
        encoding="utf-8")
    publish.write_index(reports)
    assert "6.9" in (reports / "changes" / "bbb.html").read_text(encoding="utf-8")
    for page in (reports / "index.html", reports / "changes" / "aaa.html"):
        page.unlink()  # a page removed is written again
        publish.write_index(reports)
        assert page.is_file()
    assert len(renders) == 5
    publish.write_index(reports)
    assert len(renders) == 5
