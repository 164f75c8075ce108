"""The no-op (issue 22): the full check's reading of published files (files unchanged since
they last matched are not read again; any write is seen; `--verify`, verified=None, reads every
file), and the record that answers the next no-op by size and time (reporting.quickcheck): made
after an up-to-date check, it answers the same command and nothing else, and any change to what
the check depends on falls through to the full check."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reporting.quickcheck as quickcheck
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


# ---- the record of the last full check (reporting.quickcheck): a no-op by size and time


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project as a no-op sees it, with no git run: inputs, a git folder of files (HEAD, the
    branch, tags, index, config), a published version `aaa` (latest, index.html, the record of
    what its report read) and another version `old`; the working folder is the project."""
    proj = tmp_path.resolve() / "proj"
    for path, text in {
        "data/report/table1.csv": "year,gdp\n2015,2866.9\n",
        "data/datapackage.json": "{}\n",
        "notebooks/01_a.py": "# %%\nx = 1\n",
        "src/pkg/__init__.py": "",
        "pyproject.toml": "[project]\nname = 'x'\n",
        "uv.lock": "version = 1\n",
        ".gitignore": "reports/\n",
        ".git/HEAD": "ref: refs/heads/main\n",
        ".git/refs/heads/main": "a" * 40 + "\n",
        ".git/config": "[core]\n\tbare = false\n",
        ".git/index": "DIRC",
        ".git/refs/tags/v0": "c" * 40 + "\n",
        "reports/index.html": "<p>aaa</p>",
        "reports/.cache/reads/01_a.en.json": '["data/report/table1.csv"]\n',
    }.items():
        (proj / path).parent.mkdir(parents=True, exist_ok=True)
        (proj / path).write_text(text, encoding="utf-8")
    reports = proj / "reports"
    _version(reports, "old", "2026-01-01T00:00:00+00:00", "c1,I,6.4,6.4,percent,consistent\n")
    _version(reports, "aaa", "2026-01-02T00:00:00+00:00", "c1,I,6.4,6.4,percent,consistent\n")
    (reports / "aaa" / "en").mkdir()
    (reports / "aaa" / "en" / "01_a.html").write_text("<p>one</p>", encoding="utf-8")
    _point_latest(reports, "aaa")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no user's git configuration
    for name in ("XDG_CONFIG_HOME", *quickcheck.GIT_RELOCATING):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(proj)
    monkeypatch.setattr(quickcheck, "RACY_SECONDS", RACY)
    _age()
    return proj


RACY = 0.02  # quickcheck.RACY_SECONDS in these tests (more than a clock tick; 1 s in use)


def _age():
    """Wait until every change made so far is older than RACY when the next check starts."""
    time.sleep(RACY * 1.5)


def _argv(proj, *extra):
    return ["--root", str(proj), "--notebooks-dir", str(proj / "notebooks"),
            "--reports-dir", str(proj / "reports"), "--labels", "en", *extra]


LINE = "[build] reports/aaa is up to date (1 reports, nothing to run)"


def _full_check(proj, argv=None, version="aaa"):
    """What `python -m reporting` does around a full check that finds the reports up to date:
    quickcheck.begin before it, quickcheck.record after it (the Builder's call)."""
    quickcheck.begin(_argv(proj) if argv is None else argv)
    return quickcheck.record(proj / "reports", proj, proj / "notebooks", version, LINE)


def test_an_up_to_date_check_is_recorded_and_answers_the_same_command(project, capsys):
    assert quickcheck.answer(_argv(project)) is False  # no record yet
    assert _full_check(project)
    assert quickcheck.answer(_argv(project))
    out = capsys.readouterr().out
    assert out.startswith(f"{LINE} in ") and "by size and time" in out and "--verify" in out
    # what it holds: the command, and a stat of everything the full check depends on
    text = (project / "reports" / ".cache" / quickcheck.RECORD_NAME).read_text(encoding="utf-8")
    form, version, line, body = text.split("\n", 3)
    assert (form, version, line) == (quickcheck.FORMAT, "aaa", LINE)
    held = ast.literal_eval(body)
    assert held["context"]["argv"] == _argv(project)
    assert held["context"]["cwd"] == str(project) and held["context"]["executable"]
    stats = {Path(k) for k in held["stats"]}
    expected = [
        "data", "data/report", "data/report/table1.csv", "notebooks/01_a.py", "src/pkg",
        "src/pkg/__init__.py", "pyproject.toml", "uv.lock", ".gitignore", ".git/HEAD",
        ".git/index", ".git/refs/heads/main", ".git/refs/tags", ".git/refs/tags/v0",
        ".git/config", ".git/packed-refs", "reports", "reports/latest", "reports/index.html",
        "reports/aaa", "reports/aaa/manifest.json", "reports/aaa/en/01_a.html",
        "reports/old/manifest.json", "reports/old/claims.csv",
        "reports/.cache/reads/01_a.en.json", "reports/.cache/index.json",
    ]
    assert [p for p in expected if project / p not in stats] == []
    assert Path(quickcheck.__file__).resolve() in stats  # the machinery keys the reports
    assert held["stats"][str(project / "reports" / "latest")][5] == "aaa"


def test_the_answer_does_not_import_the_build(project):
    assert _full_check(project)
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "reporting",
                          *_argv(project)], cwd=project, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"{LINE} in ") and "by size and time" in out.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines()}
    assert "reporting.quickcheck" in imported
    assert not {"reporting.cli", "reporting.builder", "json", "pathlib"} & imported


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _touch(path):  # contents and modification time as they were: only the change time moves
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


CHANGES = {  # name: what changes (returning the command run next, if it is not the same)
    "a data file edited, same size": lambda p, mp: _write(
        p / "data/report/table1.csv", "year,gdp\n2015,2866.8\n"),
    "a data file touched": lambda p, mp: _touch(p / "data/report/table1.csv"),
    "a folder touched": lambda p, mp: _touch(p / "data/report"),
    "a notebook added": lambda p, mp: _write(p / "notebooks/02_b.py", "# %%\n"),
    "a file added in a data subfolder": lambda p, mp: _write(p / "data/report/t2.csv", "a\n"),
    "a hidden file added": lambda p, mp: _write(p / "data/.note", "scratch\n"),
    "a module added": lambda p, mp: _write(p / "src/pkg/new.py", ""),
    "the lock file touched": lambda p, mp: _touch(p / "uv.lock"),
    "a new commit": lambda p, mp: _write(p / ".git/refs/heads/main", "b" * 40 + "\n"),
    "HEAD on another branch": lambda p, mp: _write(p / ".git/HEAD", "ref: refs/heads/oth\n"),
    "HEAD detached": lambda p, mp: _write(p / ".git/HEAD", "a" * 40 + "\n"),
    "a new tag": lambda p, mp: _write(p / ".git/refs/tags/v1", "d" * 40 + "\n"),
    "refs packed": lambda p, mp: _write(p / ".git/packed-refs", "# pack-refs\n"),
    "the index written": lambda p, mp: _write(p / ".git/index", "DIRC"),
    "git ignores more": lambda p, mp: _write(p / ".git/info/exclude", "*.csv\n"),
    "the user's git configuration": lambda p, mp: _write(
        Path(os.environ["HOME"]) / ".gitconfig", "[core]\n"),
    "another label set": lambda p, mp: _argv(p)[:-1] + ["en,zh"],
    "--verify": lambda p, mp: _argv(p, "--verify"),
    "--verify abbreviated": lambda p, mp: _argv(p, "--ver"),
    "a parameter": lambda p, mp: _argv(p, "--param", "x=1"),
    "another working folder": lambda p, mp: mp.chdir(p / "data"),
    "the report text's variable": lambda p, mp: mp.setenv("LIAONING_REPORT_TEXT", "/x.txt"),
    "the data folder's variable": lambda p, mp: mp.setenv("LIAONING_DATA_DIR", str(p)),
    "a published file deleted": lambda p, mp: (p / "reports/aaa/en/01_a.html").unlink(),
    "a published file edited, same size": lambda p, mp: _write(
        p / "reports/aaa/en/01_a.html", "<p>0ne</p>"),
    "a published file touched": lambda p, mp: _touch(p / "reports/aaa/en/01_a.html"),
    "a file added to the version": lambda p, mp: _write(p / "reports/aaa/en/x.html", ""),
    "the manifest edited": lambda p, mp: _write(p / "reports/aaa/manifest.json", "{}"),
    "latest moved": lambda p, mp: _point_latest(p / "reports", "old"),
    "the index deleted": lambda p, mp: (p / "reports/index.html").unlink(),
    "another version's claims": lambda p, mp: _write(p / "reports/old/claims.csv", "id\n"),
    "a build's work folder": lambda p, mp: (p / "reports/.build-aaa-1").mkdir(),
    "what a report read": lambda p, mp: _write(p / "reports/.cache/reads/01_a.en.json", "[]"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_falls_through_to_the_full_check(project, monkeypatch, capsys, change):
    assert _full_check(project)
    assert quickcheck.answer(_argv(project))
    capsys.readouterr()
    argv = CHANGES[change](project, monkeypatch)
    assert quickcheck.answer(argv if isinstance(argv, list) else _argv(project)) is False
    assert capsys.readouterr().out == ""


def test_a_corrupt_record_falls_through_without_a_word(project, capsys):
    assert _full_check(project)
    path = project / "reports" / ".cache" / quickcheck.RECORD_NAME
    good = path.read_bytes()
    first, rest = good.split(b"\n", 1)
    for bad in (b"", b"\xff\xfe\x00garbage", good[: len(good) // 2], b"x" + good,
                good.replace(b"'en'", b"'zh'"), first + b"\r\n" + rest,
                good.replace(b"aaa", b"../../etc", 1)):
        path.write_bytes(bad)
        assert quickcheck.answer(_argv(project)) is False
    path.unlink()
    path.mkdir()  # not even a file
    assert quickcheck.answer(_argv(project)) is False
    assert capsys.readouterr().out == ""


def test_nothing_is_recorded_when_the_check_saw_a_change_or_a_change_too_recent(
        project, monkeypatch):
    record = project / "reports" / ".cache" / quickcheck.RECORD_NAME
    quickcheck.begin(_argv(project))
    _write(project / "data/report/table1.csv", "year,gdp\n2015,2866.8\n")  # during the check
    assert not quickcheck.record(project / "reports", project, project / "notebooks", "aaa",
                                 LINE)
    monkeypatch.setattr(quickcheck, "RACY_SECONDS", 3600.0)  # every change "too recent"
    assert not _full_check(project)
    assert not record.exists()
    monkeypatch.setattr(quickcheck, "RACY_SECONDS", RACY)
    _age()
    assert _full_check(project)
    # what the check itself may rewrite (latest repointed, the index repaired) is no change
    # between before and after; but it is younger than the check's start, so the record waits
    # for the next no-op, whose check rewrites nothing
    for racy, recorded in ((0.0, False), (-1.0, True)):  # -1: the racy rule set aside
        quickcheck.begin(_argv(project))
        _point_latest(project / "reports", "aaa")
        _write(project / "reports/index.html", "<p>aaa, repaired</p>")
        monkeypatch.setattr(quickcheck, "RACY_SECONDS", racy)
        assert quickcheck.record(project / "reports", project, project / "notebooks", "aaa",
                                 LINE) is recorded


def test_the_lock_git_status_takes_during_the_check_is_no_change(project):
    quickcheck.begin(_argv(project))
    (project / ".git" / "index.lock").write_bytes(b"")  # `git status` takes it, finds the
    (project / ".git" / "index.lock").unlink()  # index current and lets it go
    assert quickcheck.record(project / "reports", project, project / "notebooks", "aaa", LINE)


def test_a_run_not_answered_deletes_the_record_and_records_only_an_answerable_command(project):
    record = project / "reports" / ".cache" / quickcheck.RECORD_NAME
    assert _full_check(project)
    quickcheck.begin(_argv(project, "--verify"))  # `python -m reporting --verify`
    assert not record.exists()
    assert not quickcheck.record(project / "reports", project, project / "notebooks", "aaa",
                                 LINE)  # --verify: nothing to record
    assert not _full_check(project, _argv(project, "--param", "x=1"))
    assert _full_check(project)
    quickcheck.forget(project / "reports")  # the Builder, under the lock, before it writes
    assert not record.exists()
    assert not quickcheck.record(project / "reports", project, project / "notebooks", "aaa",
                                 LINE)  # no begin: a Builder called from Python records nothing


UNEXPECTED = {
    "no git": lambda p, mp: shutil.rmtree(p / ".git"),
    "a .git file that names no folder": lambda p, mp: (
        shutil.rmtree(p / ".git"), _write(p / ".git", "nothing\n")),
    "reftable": lambda p, mp: (p / ".git/reftable").mkdir(),
    "HEAD unreadable as a ref": lambda p, mp: _write(p / ".git/HEAD", "ref: refs/x/../y\n"),
    "a configuration that includes another": lambda p, mp: _write(
        p / ".git/config", "[include]\n\tpath = other\n"),
    "GIT_DIR set": lambda p, mp: mp.setenv("GIT_DIR", str(p / ".git")),
}


@pytest.mark.parametrize("case", UNEXPECTED)
def test_anything_unexpected_in_git_gives_no_record(project, monkeypatch, case):
    UNEXPECTED[case](project, monkeypatch)
    _age()
    assert not _full_check(project)
    assert not (project / "reports" / ".cache" / quickcheck.RECORD_NAME).exists()


def test_a_worktree_is_followed_to_its_common_git_folder(project, capsys):
    main = project.parent / "main" / ".git"
    shutil.move(project / ".git", main)
    _write(main / "worktrees/wt/HEAD", "ref: refs/heads/wt\n")
    _write(main / "worktrees/wt/commondir", "../..\n")
    _write(main / "worktrees/wt/index", "DIRC")
    _write(main / "refs/heads/wt", "e" * 40 + "\n")
    _write(project / ".git", f"gitdir: {main / 'worktrees/wt'}\n")
    _age()
    assert _full_check(project)
    stats = ast.literal_eval((project / "reports/.cache" / quickcheck.RECORD_NAME).read_text(
        encoding="utf-8").split("\n", 3)[3])["stats"]
    for held in ("worktrees/wt/HEAD", "worktrees/wt/index", "refs/heads/wt", "config",
                 "refs/tags/v0"):
        assert str(main / held) in stats
    assert quickcheck.answer(_argv(project))
    _write(main / "refs/heads/wt", "f" * 40 + "\n")  # a commit on the worktree's branch
    assert not quickcheck.answer(_argv(project))
    _write(main / "refs/heads/wt", "e" * 40 + "\n")  # as it was, but written since
    _age()
    assert not quickcheck.answer(_argv(project))  # as `python -m reporting` does: answer, ...
    assert _full_check(project)  # ... then begin, the full check, record
    _write(main / "refs/tags/v2", "f" * 40 + "\n")  # a tag, made from any checkout
    assert not quickcheck.answer(_argv(project))


def test_only_commands_a_record_can_answer_have_a_context(tmp_path, monkeypatch):
    root = quickcheck.PROJECT_ROOT
    monkeypatch.chdir(root)
    assert quickcheck.context([])["reports"] == os.path.join(root, "reports")
    ctx = quickcheck.context(["--labels=en", "-j", "2", "--fresh-kernels", "--timeout", "60",
                              "--reports-dir", "scratch/r"])
    assert ctx["reports"] == os.path.join(root, "scratch", "r") and ctx["root"] == root
    for argv in (["--verify"], ["--ver"], ["--param", "a=1"], ["-p", "a=1"], ["--labels"],
                 ["--labels", "--verify"], ["--install-kernel"], ["-h"], ["extra"],
                 ["--reports", "r"]):
        assert quickcheck.context(argv) is None, argv
    monkeypatch.chdir(tmp_path)  # outside the checkout: the build checks where it is
    assert quickcheck.context([]) is None
    assert quickcheck.context(["--root", str(root)])["root"] == root


def test_the_records_copies_of_the_builds_names_are_the_builds():
    from analysis.provenance import PROJECT_ROOT
    from reporting import fingerprints, plan, publish

    assert quickcheck.INPUT_PATHS == plan.INPUT_PATHS
    assert quickcheck.INDEX_SOURCES == publish.INDEX_SOURCES
    assert quickcheck.SOURCE_DIR == str(fingerprints.SOURCE_DIR)
    assert quickcheck.PROJECT_ROOT == str(PROJECT_ROOT.resolve())
