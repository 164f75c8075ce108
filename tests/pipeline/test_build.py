"""The report pipeline (reporting) on a small fixture notebook set in a scratch git repo.

Integration tests share one built project (module fixture, ~30 s on 2 cores) and run in file
order; tests that change the project undo their change.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

import reporting as b
import reporting.browser as browser
import reporting.quickcheck as quickcheck
import reporting.render as render

FIXTURES = Path(__file__).parent.parent / "fixtures" / "pipeline"
LABELS = ["en", "zh"]
NOTEBOOKS = ["01_tables", "02_figure"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        check=True, capture_output=True,
    )


def _make_project(where: Path, notebooks: Path = FIXTURES / "ok") -> Path:
    """A scratch git repo with fixture notebooks (a folder, or one notebook file) and one data
    file, committed."""
    proj = where / "proj"
    if notebooks.is_dir():
        shutil.copytree(notebooks, proj / "notebooks")
    else:
        (proj / "notebooks").mkdir(parents=True)
        shutil.copyfile(notebooks, proj / "notebooks" / notebooks.name)
    (proj / "data").mkdir()
    (proj / "data" / "table.csv").write_text("year,exports\n2015,507.1\n", encoding="utf-8")
    (proj / ".gitignore").write_text("reports/\n", encoding="utf-8")
    _git(proj, "init", "-q")
    _git(proj, "add", ".")
    _git(proj, "commit", "-qm", "fixture")
    return proj


PYCACHE = Path(__file__).parents[2] / "build" / "test-pycache"  # bytecode shared by runs


class Run:
    """A build of a project with its log lines captured."""

    def __init__(self, proj: Path, reports: Path | None = None, **kw) -> None:
        self.lines: list[str] = []
        self.builder = b.Builder(
            proj / "notebooks", reports or proj / "reports", root=proj,
            labels=kw.pop("labels", LABELS), log=self.lines.append, pycache=PYCACHE, **kw,
        )

    def __call__(self) -> b.BuildResult:
        return self.builder.run()


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _built(where: Path) -> tuple[Path, b.BuildResult, Run]:
    """The fixture project built (en + zh), with a stub claims writer."""
    proj = _make_project(where)
    run = Run(proj)
    result = run()
    return proj, result, run


# Each built once a session. The tests of each share one xdist group (SHARED_FIXTURES in
# conftest.py): under pytest-xdist they run on one worker, in file order, on their one project.
# Two builds, not one: the tests that break or edit the project and build again wait for kernels
# to hang, time out or be killed, and in one group with the rest they made the longest chain of
# the suite; as two groups they run beside each other (one more build: about 7 s of CPU).
@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The fixture project built once, for the tests that read its reports or build it again
    elsewhere (and, last, the markdown-only edit)."""
    return _built(tmp_path_factory.mktemp("first"))


@pytest.fixture(scope="session")
def breakable(tmp_path_factory):
    """The fixture project built once, for the tests that break or edit it (a notebook, the
    cache, the data) and build again, each undoing its change."""
    return _built(tmp_path_factory.mktemp("breakable"))


# ----------------------------------------------------------------------------- layout


def test_every_report_exists_with_executed_notebook_manifest_index_and_latest(built):
    proj, result, _ = built
    reports = proj / "reports"
    version = result.version
    assert re.fullmatch(r"[0-9a-f]{10}", version), version  # clean tree: short sha only
    assert sorted(result.executed) == sorted(f"{n} ({x})" for n in NOTEBOOKS for x in LABELS)
    for lang in LABELS:
        for name in NOTEBOOKS:
            assert (reports / version / lang / f"{name}.html").stat().st_size > 1000
            assert (reports / version / lang / f"{name}.ipynb").exists()
    assert (reports / "latest").resolve() == (reports / version).resolve()
    assert (reports / version / "claims.csv").read_text().startswith("id,status")
    manifest = json.loads((reports / version / "manifest.json").read_text())
    assert manifest["dirty"] is False and manifest["revision"].startswith(version)
    assert [f["path"] for f in manifest["data_files"]] == ["data/table.csv"]
    assert set(manifest["notebooks"]) == {f"{n}.py" for n in NOTEBOOKS}
    assert {r["parameters"]["label_language"] for r in manifest["reports"]} == set(LABELS)
    assert "pandas" in manifest["packages"] and "built_at" in manifest
    index = (reports / "index.html").read_text()
    assert version in index and f'{version}/zh/02_figure.html' in index
    assert manifest["data_fingerprint"] in index
    assert not list(reports.glob(".build-*")), "temporary build folder left behind"


def test_reports_carry_a_provenance_block_and_fold_code_away(built):
    proj, result, _ = built
    page = (proj / "reports" / result.version / "zh" / "01_tables.html").read_text()
    assert '<section class="provenance"' in page
    assert result.version in page and "data/table.csv" in page
    sha = hashlib.sha256((proj / "data" / "table.csv").read_bytes()).hexdigest()
    assert sha in page
    assert "label_language = &#x27;zh&#x27;" in page or "label_language = 'zh'" in page
    assert re.search(r"pandas \d", page)
    assert '<details class="code-toggle">' in page  # code folded, no script needed
    assert '<html lang="zh">' in page


# ----------------------------------------------------------------------------- offline


class _ExternalRefs(HTMLParser):
    """Collect every reference a browser would fetch that is not inline (data:) or local (#)."""

    FETCHED = {
        "script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src"],
        "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"],
        "input": ["src"], "track": ["src"], "image": ["href", "xlink:href"],
        "use": ["href", "xlink:href"],
    }

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.scripts = 0
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        names = list(self.FETCHED.get(tag, []))
        if tag == "link":  # stylesheet, font preload, icon, ... all fetched
            names.append("href")
        for n in names:
            if a.get(n) and not a[n].startswith(("data:", "#")):
                self.refs.append(f"<{tag} {n}={a[n]!r}>")
        if tag == "script":
            self.scripts += 1
        if a.get("style"):
            self._css(a["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self._css(data)

    def _css(self, css: str) -> None:
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
            if not url.startswith(("data:", "#")):
                self.refs.append(f"css url({url})")
        self.refs += [f"css {m}" for m in re.findall(r"@import[^;]+", css)]


def test_no_report_fetches_anything_from_outside_the_file(built):
    proj, result, _ = built
    pages = sorted(p for p in (proj / "reports" / result.version).rglob("*.html")
                   if p.stem in NOTEBOOKS)  # the article embeds ../../changes/ (test_browser)
    assert len(pages) == len(NOTEBOOKS) * len(LABELS)
    for page in pages:
        parser = _ExternalRefs()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.refs == [], f"{page.name}: {parser.refs[:5]}"
        assert parser.scripts == 0, f"{page.name}: has <script> elements"
    figure = (proj / "reports" / result.version / "en" / "02_figure.html").read_text()
    assert "data:image/png;base64," in figure and "data:image/svg+xml;base64," in figure


def test_the_external_refs_check_can_fail():
    parser = _ExternalRefs()
    parser.feed(
        '<script src="https://cdn.example/require.js"></script>'
        '<link rel="stylesheet" href="style.css"><img src="data:image/png;base64,AA">'
        '<style>@import url("https://fonts.example/x.css"); a {background: url(b.png)}</style>'
    )
    assert len(parser.refs) == 5 and parser.scripts == 1


# ----------------------------------------------------------------------------- determinism


def test_two_clean_builds_in_different_folders_are_byte_identical(built, tmp_path):
    proj, result, _ = built
    clone = tmp_path / "elsewhere" / "clone"
    subprocess.run(["git", "clone", "-q", str(proj), str(clone)], check=True)
    second = Run(clone)()
    assert second.version == result.version
    first_dir, second_dir = proj / "reports" / result.version, clone / "reports" / result.version
    for lang in LABELS:
        for name in NOTEBOOKS:
            for ext in ("html", "ipynb"):
                a = (first_dir / lang / f"{name}.{ext}").read_bytes()
                assert a == (second_dir / lang / f"{name}.{ext}").read_bytes(), f"{lang}/{name}"
                assert str(proj).encode() not in a and str(clone).encode() not in a


def test_kernels_from_scratch_give_the_same_reports_as_forked_kernels(built, tmp_path):
    proj, result, run = built
    import reporting.zygote as zygote

    if not zygote.available():
        pytest.skip("kernels are not forked on this platform (Linux only)")
    assert run.builder.fork_kernels  # the default where forking is safe, as in `make reports`
    fresh = Run(proj, tmp_path / "fresh-reports",
                fork_kernels=False)()
    assert fresh.version == result.version and len(fresh.executed) == len(NOTEBOOKS) * 2
    for lang in LABELS:
        for name in NOTEBOOKS:
            for ext in ("html", "ipynb"):
                a = (proj / "reports" / result.version / lang / f"{name}.{ext}").read_bytes()
                fresh_file = tmp_path / "fresh-reports" / result.version / lang / f"{name}.{ext}"
                assert a == fresh_file.read_bytes(), f"{lang}/{name}.{ext}"


def test_longest_notebooks_run_first(tmp_path):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    for name, size in (("a", 10), ("b", 300), ("c", 100)):
        (nbs / f"{name}.py").write_text("#" * size, encoding="utf-8")
    builder = b.Builder(nbs, tmp_path / "reports", labels=["en"])
    jobs = [b.Job(name=n, source=nbs / f"{n}.py", lang="en", parameters={}, key=n)
            for n in "abc"]
    assert [j.name for j in builder._longest_first(jobs)] == ["b", "c", "a"]  # by size
    builder.cache_dir.mkdir(parents=True)
    builder._record_seconds({("a", "en"): {"executed": True, "execute_seconds": 9.0},
                             ("c", "en"): {"executed": False, "execute_seconds": 0.0}})
    assert [j.name for j in builder._longest_first(jobs)] == ["a", "b", "c"]  # then measured


def test_volatile_output_is_normalised():
    nb = json.loads("""{"cells": [{"cell_type": "code", "id": "x9f", "metadata": {},
      "execution_count": 1, "source": "", "outputs": [
        {"output_type": "stream", "name": "stderr",
         "text": "/home/u/proj/src/analysis/a.py:3: W\\n/tmp/ipykernel_123/45.py:2: W"},
        {"output_type": "execute_result", "execution_count": 1, "metadata": {},
         "data": {"text/plain": "<Styler at 0x7f572011a8d0>",
          "text/html": "<style>#T_ab12c_row0 {}</style><table id=\\"T_ab12c\\">"}}]}],
      "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""")
    import nbformat

    nb = nbformat.from_dict(nb)
    repl = render.path_replacements(Path("/home/u/proj"), Path("/home/u/proj/notebooks"),
                                    Path("/x"))
    for pre in render.make_preprocessors(repl):
        nb, _ = pre.preprocess(nb, {})
    cell = nb.cells[0]
    assert cell.id == "cell-0"
    assert cell.outputs[0].text == "./src/analysis/a.py:3: W\nipykernel/45.py:2: W"
    assert cell.outputs[1].data["text/plain"] == "<Styler at 0x...>"
    assert cell.outputs[1].data["text/html"] == (
        '<style>#T_styler1_row0 {}</style><table id="T_styler1">'
    )


# ----------------------------------------------------------------------------- incremental


def test_noop_rebuild_runs_nothing(built):
    # its speed (goal < 1 s) is measured by `make bench`, not asserted: timings flake under load
    proj, result, _ = built
    run = Run(proj)
    again = run()
    assert again.up_to_date and again.executed == [] and again.version == result.version
    assert not any(line.startswith("[run]") for line in run.lines)


def test_noop_rebuild_from_the_command_line_imports_nothing_heavy(built):
    proj, _, _ = built
    code = (
        "import sys; import reporting as build; "
        f"rc = build.main(['--root', {str(proj)!r}, '--notebooks-dir', "
        f"{str(proj / 'notebooks')!r}, '--reports-dir', {str(proj / 'reports')!r}, "
        "'--labels', 'en,zh']); "
        "heavy = [m for m in ('pandas', 'nbconvert', 'papermill', 'jupytext', 'matplotlib') "
        "if m in sys.modules]; print('HEAVY', heavy); sys.exit(rc)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "up to date" in out.stdout and "HEAVY []" in out.stdout


def test_a_noop_command_is_answered_by_size_and_time_after_a_full_check_found_it_current(built):
    # issue 22: the full check's record answers the same command next time, without importing
    # the build; --verify checks in full, and any build deletes the record before it writes
    proj, result, _ = built
    record = proj / "reports" / ".cache" / quickcheck.RECORD_NAME
    command = [sys.executable, "-X", "importtime", "-m", "reporting", "--root", str(proj),
               "--notebooks-dir", str(proj / "notebooks"), "--reports-dir",
               str(proj / "reports"), "--labels", "en,zh"]

    def run(*extra: str) -> tuple[str, bool]:
        """The command's output, and whether it imported the build (reporting.cli)."""
        out = subprocess.run([*command, *extra], cwd=proj, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        imported = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines()}
        return out.stdout, "reporting.cli" in imported

    subprocess.run(["git", "-C", str(proj), "status"], capture_output=True, check=True)
    time.sleep(quickcheck.RACY_SECONDS)  # git's index refreshed, every change old enough
    out, full = run()
    assert full and "up to date" in out and "size and time" not in out and record.is_file()
    out, full = run()
    assert not full and out.startswith(f"[build] reports/{result.version} is up to date (4 "
                                       "reports, nothing to run) in ")
    assert "unchanged by size and time" in out and "--verify" in out
    out, full = run("--verify")
    assert full and "size and time" not in out and not record.exists()
    out, full = run()
    assert full and record.is_file()
    assert Run(proj)().up_to_date and not record.exists()  # a Builder deletes it, records none


def test_edit_to_one_notebook_reruns_only_that_notebook(breakable):
    proj, result, _ = breakable
    nb = proj / "notebooks" / "02_figure.py"
    original = nb.read_text(encoding="utf-8")
    try:
        nb.write_text(original + '\n# %%\nprint("edited")\n', encoding="utf-8")
        run = Run(proj)
        edited = run()
        assert edited.version.startswith(result.version + "-dirty-")
        assert sorted(edited.executed) == ["02_figure (en)", "02_figure (zh)"]
        assert sorted(edited.reused) == ["01_tables (en)", "01_tables (zh)"]
        assert (proj / "reports" / result.version).is_dir(), "earlier version must stay"
        assert (proj / "reports" / "latest").resolve().name == edited.version
        # a different dirty state gets a different folder
        nb.write_text(original + '\n# %%\nprint("edited again")\n', encoding="utf-8")
        assert b.git_state(proj)["version"] != edited.version
    finally:
        nb.write_text(original, encoding="utf-8")
    assert b.git_state(proj)["version"] == result.version


def test_dependencies_follow_imports_of_the_analysis_package(tmp_path):
    pkg, machinery = tmp_path / "analysis", tmp_path / "reporting"
    pkg.mkdir()
    machinery.mkdir()
    (pkg / "__init__.py").write_text("")
    (machinery / "__init__.py").write_text("")
    (machinery / "render.py").write_text("")
    (pkg / "growth.py").write_text("from analysis.labels import t\n")
    (pkg / "labels.py").write_text("")
    (pkg / "trend.py").write_text("")
    deps = b.package_dependencies("from analysis import growth\nimport pandas\n", pkg, machinery)
    names = {p.name for p in deps if p.parent == pkg}
    assert names == {"__init__.py", "growth.py", "labels.py"}
    assert machinery / "render.py" in deps  # the machinery that shapes every report
    every = b.package_dependencies("import importlib\nimportlib.import_module('analysis.x')", pkg,
                                   machinery)
    assert {"trend.py", "labels.py"} <= {p.name for p in every}


# ----------------------------------------------------------------------------- failures


def test_failing_notebook_fails_the_build_and_leaves_previous_reports(breakable, capsys):
    proj, result, _ = breakable
    reports = proj / "reports"
    before = _tree_digest(reports / result.version)
    index_before = (reports / "index.html").read_bytes()
    raiser = proj / "notebooks" / "03_raises.py"
    shutil.copyfile(FIXTURES / "failing" / "03_raises.py", raiser)
    try:
        rc = b.main([
            "--root", str(proj), "--notebooks-dir", str(proj / "notebooks"),
            "--reports-dir", str(reports), "--labels", "en",
        ])
        state = b.git_state(proj)
    finally:
        raiser.unlink()
    err = capsys.readouterr().err
    assert rc == 1
    assert "03_raises.py" in err and "ZeroDivisionError" in err
    assert "line 11 of 03_raises.py" in err and "share = ratio / 0" in err
    kept = reports / ".failed" / "en" / "03_raises.ipynb"
    assert kept.exists() and str(kept) in err
    assert "ZeroDivisionError" in kept.read_text()
    assert not (reports / state["version"]).exists(), "failed build must not be published"
    assert _tree_digest(reports / result.version) == before
    assert (reports / "index.html").read_bytes() == index_before
    assert not list(reports.glob(".build-*")) and not list(reports.glob(".old-*"))


def test_undeclared_parameter_is_refused_before_anything_runs(built):
    proj, _, _ = built
    run = Run(proj, params=["exports_scale=2"])
    with pytest.raises(b.BuildError, match=r"exports_scale not declared") as exc:
        run()
    assert "01_tables.py" in str(exc.value) and "02_figure.py" in str(exc.value)
    assert not any(line.startswith("[run]") for line in run.lines)


def test_parameter_for_one_notebook_must_be_declared_there(built):
    proj, _, _ = built
    with pytest.raises(b.BuildError, match=r"02_figure.py: parameter\(s\) scale not declared"):
        Run(proj, params=["scale=2"], labels=["en"])()
    with pytest.raises(b.BuildError, match="not built"):
        Run(proj, params=["99_missing:scale=2"], labels=["en"])()


def test_parse_param_reads_json_values_and_optional_notebook():
    assert b.parse_param("scale=2") == (None, "scale", 2)
    assert b.parse_param("01_tables:label_language=zh") == ("01_tables", "label_language", "zh")
    assert b.parse_param('years=[2014, 2015]') == (None, "years", [2014, 2015])
    with pytest.raises(b.BuildError, match="NAME=VALUE"):
        b.parse_param("scale")
    with pytest.raises(b.BuildError, match="not a Python name"):
        b.parse_param("2x=1")


def test_unknown_label_language_is_refused(tmp_path):
    with pytest.raises(b.BuildError, match="label languages"):
        b.Builder(tmp_path, tmp_path / "reports", labels=["fr"])


def test_kernel_runs_the_drivers_own_interpreter_with_fixed_seeds(tmp_path):
    spec = b.kernelspec(b.kernel_env(tmp_path, use_prefix=True))
    assert spec["argv"][0] == sys.executable
    assert b.kernelspec(forked=True)["argv"][:4] == [sys.executable, "-m", "reporting.zygote",
                                                     "launch"]
    assert spec["env"]["PYTHONPYCACHEPREFIX"] == str(tmp_path)
    assert "PYTHONPYCACHEPREFIX" not in b.kernel_env(tmp_path, use_prefix=False)
    assert spec["env"]["SOURCE_DATE_EPOCH"] == "0" and spec["env"]["PYTHONHASHSEED"] == "0"
    assert Path(spec["env"]["MATPLOTLIBRC"]).read_text().count("svg.hashsalt") == 1


def test_data_fingerprint_covers_every_file_the_data_package_describes():
    from analysis import data
    from analysis.provenance import PROJECT_ROOT

    hashed = {f["path"] for f in b.data_file_hashes(PROJECT_ROOT)}
    described = {p.resolve().relative_to(PROJECT_ROOT).as_posix() for p in data.data_files()}
    assert described <= hashed


def test_stream_outputs_split_by_flush_timing_are_merged():
    import nbformat

    nb = nbformat.v4.new_notebook()
    split = nbformat.v4.new_code_cell("x")
    split.outputs = [nbformat.v4.new_output("stream", name="stderr", text="a\n"),
                     nbformat.v4.new_output("stream", name="stderr", text="b\n")]
    whole = nbformat.v4.new_code_cell("x")
    whole.outputs = [nbformat.v4.new_output("stream", name="stderr", text="a\nb\n")]
    nb.cells = [split, whole]
    for pre in render.make_preprocessors([]):
        nb, _ = pre.preprocess(nb, {})
    assert nb.cells[0].outputs == nb.cells[1].outputs


# ----------------------------------------------------------------------------- integrity (issue 14)


def _main(proj: Path, *extra: str, reports: Path | None = None) -> int:
    return b.main(["--root", str(proj), "--notebooks-dir", str(proj / "notebooks"),
                   "--reports-dir", str(reports or proj / "reports"), *extra])


def test_a_notebook_that_exits_midway_fails_the_build_naming_its_last_cell(breakable, capsys):
    # case 2: sys.exit(0) in a cell used to publish a truncated report, exit 0, and cache it
    proj, result, _ = breakable
    reports = proj / "reports"
    quitter = proj / "notebooks" / "04_exits.py"
    shutil.copyfile(FIXTURES / "failing" / "04_exits.py", quitter)
    try:
        rc = _main(proj, "--labels", "en")
        state = b.git_state(proj)
    finally:
        quitter.unlink()
    err = capsys.readouterr().err
    assert rc == 1, err
    assert "04_exits.py (en)" in err and "did not run to the end" in err
    assert "last cell that ran: In [" in err and "sys.exit(0)" in err
    assert "line 13 of 04_exits.py" in err
    assert not (reports / state["version"]).exists(), "a truncated report was published"
    assert not list((reports / ".cache" / "executed").glob("04_exits.*")), "and cached"


def test_failing_line_is_found_when_cells_start_alike():
    # smaller item: "cell In [3], line 31" pointed at the first cell starting like the failing one
    from reporting.run import failing_cell_line

    py = "# %%\nx = 1\ny = 2\n\n# %%\nx = 1\ny = 3\nz = 1 / 0\n"
    assert failing_cell_line(py, "x = 1\ny = 3\nz = 1 / 0") == 6
    assert failing_cell_line(py, "x = 1\ny = 3\nz = 1 / 0", line_in_cell=3) == 8
    assert failing_cell_line(py, "print('absent')") is None


def test_data_changed_during_the_build_is_refused_and_not_cached(breakable, capsys):
    # case 1: keys were computed at the start, kernels read the files later; a change in between
    # was published and cached under the old key (and republished after the revert)
    proj, result, _ = breakable
    reports = proj / "reports"
    table = proj / "data" / "table.csv"
    original = table.read_bytes()
    editor = proj / "notebooks" / "05_edits_data.py"
    shutil.copyfile(FIXTURES / "failing" / "05_edits_data.py", editor)
    try:
        rc = _main(proj, "--labels", "en")
        err = capsys.readouterr().err
        state = b.git_state(proj)
        table.write_bytes(original)
        cached = list((reports / ".cache" / "executed").glob("05_edits_data.*"))
    finally:
        editor.unlink()
        table.write_bytes(original)
    assert rc == 1
    assert "data/table.csv changed during the build; nothing published" in err
    assert not (reports / state["version"]).exists()
    assert cached == [], "an execution that read changed inputs was cached"
    assert b.git_state(proj)["version"] == result.version


def test_damaged_cache_and_published_files_are_detected_and_rebuilt(breakable):
    # case 4: a number changed inside a cached notebook was published; a truncated entry killed
    # every later build; a truncated published page counted as up to date
    proj, result, _ = breakable
    folder = proj / "reports" / result.version
    page = folder / "en" / "01_tables.html"
    good_page, good_claims = page.read_bytes(), (folder / "claims.csv").read_bytes()
    executed = proj / "reports" / ".cache" / "executed"
    keys = {(r["notebook"], r["lang"]): r["key"]
            for r in json.loads((folder / "manifest.json").read_text())["reports"]}
    tampered = executed / f"01_tables.en.{keys[('01_tables', 'en')]}.ipynb"
    tampered.write_text(tampered.read_text().replace("507.1", "999.9"))
    truncated = executed / f"02_figure.zh.{keys[('02_figure', 'zh')]}.ipynb"
    truncated.write_bytes(truncated.read_bytes()[:100])
    page.write_bytes(good_page[:1000])
    run = Run(proj)
    again = run()
    log = "\n".join(run.lines)
    assert f"{result.version}/en/01_tables.html does not match its manifest: rebuilt" in log
    assert f"{tampered.name} does not match its recorded hash: discarded, made again" in log
    assert f"{truncated.name} does not match its recorded hash: discarded, made again" in log
    assert sorted(again.executed) == ["01_tables (en)", "02_figure (zh)"]
    assert page.read_bytes() == good_page and b"999.9" not in page.read_bytes()
    assert (folder / "claims.csv").read_bytes() == good_claims
    assert Run(proj)().up_to_date


def test_one_name_one_content_labels_kept_parameters_named_kernel_specs_private(tmp_path):
    # case 6: `make reports LABELS=zh` after an English build removed the English reports from
    # latest; non-default parameters were published under the plain version name; two builds in
    # one clone shared one kernel-spec folder
    proj = _make_project(tmp_path, FIXTURES / "failing" / "06_where.py")
    english = Run(proj, labels=["en"])()
    chinese_run = Run(proj, labels=["zh"])
    chinese = chinese_run()
    assert chinese.version == english.version and chinese.executed == ["06_where (zh)"]
    latest = proj / "reports" / "latest"
    assert (latest / "en" / "06_where.html").exists() and (latest / "zh" / "06_where.html").exists()
    manifest = json.loads((latest / "manifest.json").read_text())
    assert manifest["labels"] == ["zh", "en"]
    assert {(r["notebook"], r["lang"]) for r in manifest["reports"]} == {
        ("06_where", "en"), ("06_where", "zh")}
    assert Run(proj, labels=["en", "zh"])().up_to_date
    page = (latest / "zh" / "06_where.html").read_text()
    assert "kernel specs from &lt;build&gt;/.work/jupyter" in page
    assert not (proj / "reports" / ".cache" / "jupyter").exists()
    # a parameter that is not the default gives a version of its own; the plain one stays
    plain = (proj / "reports" / english.version / "manifest.json").read_bytes()
    scaled = Run(proj, labels=["en"], params=["label_language=en"])()
    assert scaled.version.startswith(f"{english.version}-params-") and scaled.executed == []
    assert (proj / "reports" / english.version / "manifest.json").read_bytes() == plain


def test_a_hung_notebook_fails_at_the_timeout_naming_its_cell_and_stale_folders_go(breakable,
                                                                                   capsys):
    # case 5: a notebook in a loop held the build 900 s, then was retried silently; work folders
    # of killed builds stayed for ever
    proj, _, _ = breakable
    reports = proj / "reports"
    stale = reports / ".build-0123456789-dirty-00000000-999999999"  # no such process
    (stale / "en").mkdir(parents=True)
    hung = proj / "notebooks" / "07_hangs.py"
    shutil.copyfile(FIXTURES / "failing" / "07_hangs.py", hung)
    try:
        rc = _main(proj, "--labels", "en", "--timeout", "20")
    finally:
        hung.unlink()
    captured = capsys.readouterr()
    assert rc == 1
    assert "07_hangs.py (en): did not finish within 20 s" in captured.err
    assert "it was running the cell at line 11 of 07_hangs.py: while True:" in captured.err
    assert captured.out.count("[run]   07_hangs (en)") == 1, "a timeout must not be retried"
    assert not stale.exists() and "left by an interrupted build" in captured.out
    assert not list(reports.glob(".build-*"))


@pytest.mark.parametrize("how", ["SIGINT", "SIGKILL"])
def test_an_interrupted_build_stops_at_once_and_leaves_no_process(breakable, how):
    # case 5: the first Ctrl-C was ignored until every kernel finished; a killed driver left its
    # zygote (215 MB) running for good, with its socket folder in /tmp
    import signal
    import time

    import psutil
    from conftest import process_gone

    proj, _, _ = breakable
    hung = proj / "notebooks" / "07_hangs.py"
    shutil.copyfile(FIXTURES / "failing" / "07_hangs.py", hung)
    try:
        driver = subprocess.Popen(
            [sys.executable, "-m", "reporting", "--root", str(proj), "--notebooks-dir",
             str(proj / "notebooks"), "--reports-dir", str(proj / "reports"), "--labels", "en"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            # Ctrl-C as in a terminal (a shell's background jobs start with SIGINT ignored)
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        for line in driver.stdout:
            if line.startswith("[run]   07_hangs"):
                break
        time.sleep(3)  # the kernel is in its loop
        family = psutil.Process(driver.pid).children(recursive=True)
        assert family, "the build runs its notebook in child processes"
        zygote_dirs = {a for p in family for a in p.cmdline() if "liaoning-zygote-" in a}
        profiles = {a for p in family for a in p.cmdline() if a.startswith("--user-data-dir=")}
        t0 = time.monotonic()
        driver.send_signal(getattr(signal, how))
        rc = driver.wait(timeout=60)
        stopped = time.monotonic() - t0
    finally:
        hung.unlink()
    assert rc == (130 if how == "SIGINT" else -9)
    if how == "SIGINT":
        assert stopped < 20, f"Ctrl-C took {stopped:.0f} s"
        assert "interrupted: nothing published" in driver.stderr.read()
        assert not list((proj / "reports").glob(".build-*"))
    left = [p.pid for p in family if not process_gone(p.pid, within=20)]
    assert not left, f"processes left behind: {left}"
    assert not [d for d in zygote_dirs if Path(d).parent.exists()], "zygote folder left in /tmp"
    # Chromium, started with the kernels, lives in a folder named by the build, which the next
    # build removes once that build is gone (the work folder too)
    profile = f"{tempfile.gettempdir()}/{browser.CHROMIUM_FOLDER}{driver.pid}-"
    assert [a for a in profiles if a.startswith(f"--user-data-dir={profile}")], \
        f"Chromium did not start with the kernels: {profiles}"
    from reporting.reportsdir import remove_stale

    remove_stale(proj / "reports", lambda _line: None)  # what the next build does first
    assert not list((proj / "reports").glob(".build-*"))
    assert not list(Path(tempfile.gettempdir()).glob(f"{Path(profile).name}*"))


def test_only_the_builds_inputs_make_a_version_dirty(built):
    # smaller item: any untracked file (a scratch file at the root) marked the version dirty
    proj, result, _ = built
    scratch, data_note = proj / "scratch.txt", proj / "data" / "note.csv"
    try:
        scratch.write_text("my notes\n", encoding="utf-8")
        assert b.git_state(proj) == {"version": result.version, "dirty": False,
                                     "revision": b.git_state(proj)["revision"]}
        data_note.write_text("a,b\n", encoding="utf-8")
        assert b.git_state(proj)["version"].startswith(f"{result.version}-dirty-")
    finally:
        scratch.unlink()
        data_note.unlink(missing_ok=True)


def test_a_copied_environment_refuses_to_build_another_checkout(tmp_path):
    # smaller item: a .venv copied with its checkout built the checkout it was made in
    other = tmp_path / "copy"
    (other / "src" / "analysis").mkdir(parents=True)
    (other / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "reporting", "--labels", "en"], cwd=other,
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert f"you are in the checkout {other}" in out.stderr and "make env" in out.stderr


def test_a_parameter_of_the_wrong_type_is_refused_before_anything_runs(built):
    # smaller item: break_year="abc" reached the notebook and died there in a raw TypeError
    proj, _, _ = built
    run = Run(proj, params=["01_tables:scale=abc"], labels=["en"])
    with pytest.raises(b.BuildError, match=r"01_tables.py: parameter scale='abc' is not int "
                                           r"like its default scale = 1"):
        run()
    assert not any(line.startswith("[run]") for line in run.lines)
    with pytest.raises(b.BuildError, match="label_language=2 is not str"):
        Run(proj, params=["label_language=2"], labels=["en"])()


def test_output_over_the_size_limit_is_refused_naming_the_cell(breakable):
    # smaller item: a notebook printing 100 MB gave a 100 MB report with no guard
    proj, _, _ = breakable
    big = proj / "notebooks" / "08_prints.py"
    shutil.copyfile(FIXTURES / "failing" / "08_prints.py", big)
    try:
        with pytest.raises(b.BuildError) as info:
            Run(proj, labels=["en"], max_output_bytes=200_000)()
    finally:
        big.unlink()
    assert "08_prints.py (en): its executed notebook takes 0.4 MB, over the 0.2 MB limit" in str(
        info.value)
    assert 'cell at line 8 of 08_prints.py: print("x" * 400_000)' in str(info.value)


def test_the_same_error_in_several_notebooks_is_printed_once(breakable, capsys):
    # smaller item: one data error was printed once per notebook
    proj, _, _ = breakable
    raiser = proj / "notebooks" / "03_raises.py"
    shutil.copyfile(FIXTURES / "failing" / "03_raises.py", raiser)
    try:
        rc = _main(proj, "--labels", "en,zh")
    finally:
        raiser.unlink()
    err = capsys.readouterr().err
    assert rc == 1 and err.count("ZeroDivisionError") == 1
    assert re.search(r"the same error in: 03_raises.py \((en|zh)\)", err)


def test_a_markdown_only_edit_re_renders_from_the_cache_as_a_fresh_run_would(built, tmp_path):
    # precise rebuilds: a markdown-only edit re-executed the notebook
    proj, result, _ = built
    nb = proj / "notebooks" / "02_figure.py"
    original = nb.read_text(encoding="utf-8")
    try:
        nb.write_text(original.replace("# %%", "# %% [markdown]\n# A new paragraph, "
                                       "**edited**.\n\n# %%", 1), encoding="utf-8")
        edited = Run(proj)()
        assert edited.version.startswith(result.version + "-dirty-")
        assert edited.executed == [], "a markdown-only edit must not re-execute"
        fresh = Run(proj, tmp_path / "fresh")()
        assert sorted(fresh.executed) == sorted(f"{n} ({x})" for n in NOTEBOOKS for x in LABELS)
    finally:
        nb.write_text(original, encoding="utf-8")
    for lang in LABELS:
        page = proj / "reports" / edited.version / lang / "02_figure.html"
        assert "<strong>edited</strong>" in page.read_text()
        for ext in ("html", "ipynb"):
            name = f"{lang}/02_figure.{ext}"
            assert (proj / "reports" / edited.version / name).read_bytes() == (
                tmp_path / "fresh" / edited.version / name).read_bytes(), name
