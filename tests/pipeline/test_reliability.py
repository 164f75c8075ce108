"""Reliability, second round (issue 23): one build at a time, paths stay home, a full or
read-only disk fails in one line, interrupts tell the truth, messages name what happened.

Builds a small scratch project (the fixture notebooks of test_build) in temporary folders; the
hostile-text case, which needs the whole project, is tests/pipeline/test_hostile_text.py.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from test_build import Run, _make_project, _tree_digest

import reporting as b
import reporting.publish as publish
from analysis.provenance import PROJECT_ROOT

KILLS_ITS_KERNEL = '''# %% [markdown]
# # Fixture: a kernel killed in a cell (as the out-of-memory killer does)

# %% tags=["parameters"]
label_language = "en"

# %%
import os  # noqa: E402
import signal  # noqa: E402

# %%
os.kill(os.getpid(), signal.SIGKILL)
'''
WRITES_TO_A_FOLDER = '''# %% tags=["parameters"]
label_language = "en"
out_dir = ""

# %%
from pathlib import Path  # noqa: E402

if out_dir:
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    (Path(out_dir) / "made.txt").write_text("figure", encoding="utf-8")
print("wrote to", out_dir)
'''
SLOW = '''# %% tags=["parameters"]
label_language = "en"

# %%
import time  # noqa: E402

time.sleep(4)
print("slept in", label_language)
'''


def _cli(proj: Path, *extra: str, reports: Path | None = None, cwd: Path | None = None,
         env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m reporting` on proj as a user runs it (a hang fails the test at `timeout`)."""
    return subprocess.run(
        [sys.executable, "-m", "reporting", "--root", str(proj), "--notebooks-dir",
         str(proj / "notebooks"), "--reports-dir", str(reports or proj / "reports"),
         "--report-text", "", *extra],
        capture_output=True, text=True, cwd=cwd, timeout=timeout,
        env={**os.environ, **(env or {})})


def _main(proj: Path, *extra: str, reports: Path | None = None) -> int:
    return b.main(["--root", str(proj), "--notebooks-dir", str(proj / "notebooks"),
                   "--reports-dir", str(reports or proj / "reports"), "--report-text", "",
                   *extra])


def _one_notebook(where: Path, text: str, name: str = "01_only.py") -> Path:
    """A scratch git project with one notebook (text) and the fixture's data file."""
    source = where / name
    where.mkdir(parents=True, exist_ok=True)
    source.write_text(text, encoding="utf-8")
    return _make_project(where, source)


# One build a session: its three tests share one xdist group (SHARED_FIXTURES in conftest.py)
# and run in file order (the label-set test adds zh, which the read-only test must not see yet).
@pytest.fixture(scope="session")
def english(tmp_path_factory):
    """The fixture project built once, English label set only (for the tests that read or
    extend its published reports)."""
    proj = _make_project(tmp_path_factory.mktemp("reliability"))
    result = Run(proj, labels=["en"])()
    return proj, result


@pytest.fixture
def project(tmp_path):
    """The fixture project committed, not built: for tests whose builds are refused or go to a
    reports folder of their own (a build of `english` would only be waited for)."""
    return _make_project(tmp_path)


# ----------------------------------------------------------------------- 6. paths stay home


@pytest.mark.parametrize("where", ["/", ".", "..", "data/x", "src", "notebooks/out", "tests/r",
                                   "foreign"])
def test_the_reports_folder_must_be_a_folder_of_its_own(project, where, capsys):
    proj = project
    (proj / "foreign").mkdir(exist_ok=True)
    (proj / "foreign" / "thesis.tex").write_text("mine", encoding="utf-8")
    (proj / "src").mkdir(exist_ok=True)
    before = sorted(p.relative_to(proj).as_posix() for p in proj.rglob("*")
                    if ".git" not in p.parts and "reports" not in p.parts)
    rc = _main(proj, "--labels", "en", reports=Path(where) if where == "/" else proj / where)
    err = capsys.readouterr().err
    assert rc == 1 and "refused" in err and "a folder of its own" in err, err
    after = sorted(p.relative_to(proj).as_posix() for p in proj.rglob("*")
                   if ".git" not in p.parts and "reports" not in p.parts)
    assert after == before, "a refused build wrote something"
    assert not Path("/.lock").exists() and not (proj / "data" / "x").exists()


def test_path_parameters_are_confined_to_the_reports_folder(tmp_path):
    proj = _one_notebook(tmp_path / "src-nb", WRITES_TO_A_FOLDER)
    reports = tmp_path / "scratch" / "try"
    for value in ("../../escaped", "/tmp/escaped-figures", "~/figures", "latest/x", ".cache"):
        out = _cli(proj, "--labels", "en", "--param", f"out_dir={value}", reports=reports)
        assert out.returncode == 1 and "refused" in out.stderr, out.stderr
        assert f"parameter out_dir={value!r} refused" in out.stderr
        assert not reports.exists() and not (tmp_path / "scratch").exists()
    assert not (tmp_path / "escaped").exists() and not Path("/tmp/escaped-figures").exists()
    # a folder inside the reports folder: written there, and no absolute path in the report
    out = _cli(proj, "--labels", "en", "--param", "out_dir=exports/figures", reports=reports)
    assert out.returncode == 0, out.stderr
    assert (reports / "exports" / "figures" / "made.txt").read_text() == "figure"
    page = (reports / "latest" / "en" / "01_only.html").read_text(encoding="utf-8")
    assert str(reports) not in page and "&lt;reports&gt;/exports/figures" in page
    assert not list((proj / "notebooks").glob("exports")), "nothing lands beside the notebooks"


# ----------------------------------------------------------------------- 7. the label set wins


def test_a_parameter_cannot_contradict_the_label_set_and_leaves_nothing(project):
    proj = project
    scratch = proj.parent / "scratch" / "try2"
    out = _cli(proj, "--labels", "en", "--param", "label_language=zh", reports=scratch)
    assert out.returncode == 1
    assert out.stderr.startswith("python -m reporting refused"), out.stderr  # not "make ..."
    assert "label_language='zh' contradicts the label set being built (en)" in out.stderr
    assert "--labels zh" in out.stderr
    assert not scratch.exists() and not scratch.parent.exists(), "a refused build left files"
    # under make (whose reports target names itself), the message names make
    out = _cli(proj, "--labels", "en", "--param", "label_language=zh", reports=scratch,
               env={"REPORTING_COMMAND": "make reports"})
    assert out.stderr.startswith("make reports refused")
    # an undeclared parameter, refused once the notebooks are read: nothing left either
    out = _cli(proj, "--labels", "en", "--param", "bogus=1", reports=scratch)
    assert out.returncode == 1 and "bogus not declared" in out.stderr, out.stderr
    assert not scratch.parent.exists(), "no .cache (or any folder) left by a refused build"


# ----------------------------------------------------------------------- 8. messages


def test_the_log_names_the_folder_it_published_to_and_a_clean_build_warns_nothing(project):
    proj = project
    version = b.git_state(proj)["version"]
    outside = proj.parent / "outside"
    out = _cli(proj, "--labels", "en", reports=Path("..") / "outside", cwd=proj)
    assert out.returncode == 0, out.stderr
    assert f"published {outside}/{version} (" in out.stdout, out.stdout
    assert "published reports/" not in out.stdout
    assert "Warning" not in out.stderr and "is not able to be represented" not in out.stderr, \
        out.stderr
    # a folder below the working directory is named relative to it (rendered from the clean
    # build's cache: only the name in the log line is looked at here)
    shutil.copytree(outside / ".cache", proj / "scratch" / "try" / ".cache")
    again = _cli(proj, "--labels", "en", reports=proj / "scratch" / "try", cwd=proj)
    assert f"published scratch/try/{version} (" in again.stdout, again.stdout


def test_a_killed_kernel_names_the_notebook_and_the_cell(tmp_path):
    proj = _one_notebook(tmp_path, KILLS_ITS_KERNEL, "09_killed.py")
    out = _cli(proj, "--labels", "en")
    assert out.returncode == 1
    assert "[fail] notebook 09_killed.py (en): the kernel died" in out.stderr, out.stderr
    assert ("it was running the cell at line 12 of 09_killed.py: "
            "os.kill(os.getpid(), signal.SIGKILL)") in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout.count("[run]   09_killed (en)") == 1, "killed in a cell: not run again"


def _mount_tmpfs(folder: Path, size: str) -> None:
    """Mount a small tmpfs on folder, or skip saying why (root and mount(8) needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("full-disk case skipped: mounting a tmpfs needs root and mount(8) here")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"full-disk case skipped: this machine refuses to mount a tmpfs "
                    f"({done.stderr.strip()})")


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a tmpfs of a few kilobytes (the size is set by each test), unmounted after."""
    folder = tmp_path / "disk"
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


# Sizes at which a build of the fixture project fails at different steps: its work folder,
# the executed notebook the runner writes, the cache entry, the rendered HTML.
@pytest.mark.parametrize("size", ["4k", "40k", "120k", "300k"])
def test_a_full_disk_ends_in_one_line_naming_the_path_with_nothing_left(project, small_disk,
                                                                       tmp_path, size):
    proj = project
    _mount_tmpfs(small_disk, size)
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    out = _cli(proj, "--labels", "en", "--timeout", "60", reports=small_disk / "reports",
               env={"TMPDIR": str(private_tmp)}, timeout=240)  # a hang fails here
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr, out.stderr
    last = out.stderr.strip().splitlines()[-1]
    assert re.fullmatch(rf"\[fail\] no space left on device: {re.escape(str(small_disk))}\S* "
                        r"\(nothing published\)", last), out.stderr
    reports = small_disk / "reports"
    assert not (reports / "latest").exists() and not list(reports.glob("*/manifest.json"))
    assert not list(reports.glob(".build-*")) and not list(reports.glob(".old-*"))
    assert list(private_tmp.iterdir()) == [], "left in the temporary folder (zygote's?)"


def test_a_read_only_file_system_and_a_refused_rename_end_in_one_line(english, small_disk,
                                                                     monkeypatch, capsys):
    proj, result = english
    _mount_tmpfs(small_disk, "1m")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    out = _cli(proj, "--labels", "en", reports=small_disk / "reports")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines()[-1] == (
        f"[fail] read-only file system: {small_disk / 'reports'} (nothing published)")
    # publication's rename refused (EPERM): one line, and the reports as they were
    reports = proj / "reports"
    before = _tree_digest(reports / result.version)
    latest_before = os.readlink(reports / "latest")
    real_rename = os.rename

    def refused(src, dst):  # the new version may not take its name
        if Path(src).name.startswith(".build-"):
            raise PermissionError(errno.EPERM, "Operation not permitted", str(src), None,
                                  str(dst))
        return real_rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", refused)
    assert _main(proj, "--labels", "en,zh") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(r"\[fail\] operation not permitted: \S+/\.build-\S+ -> "
                     rf"{re.escape(str(reports / result.version))} \(nothing published\)", err)
    assert _tree_digest(reports / result.version) == before
    assert os.readlink(reports / "latest") == latest_before
    assert json.loads((reports / result.version / "manifest.json").read_text())["labels"] == [
        "en"]
    assert not list(reports.glob(".build-*")) and not list(reports.glob(".old-*"))


# ----------------------------------------------------------------------- 3. one build at a time


def test_two_builds_at_once_wait_for_each_other_and_keep_both_label_sets(tmp_path):
    proj = _one_notebook(tmp_path, SLOW)
    first = subprocess.Popen(
        [sys.executable, "-m", "reporting", "--root", str(proj), "--notebooks-dir",
         str(proj / "notebooks"), "--reports-dir", str(proj / "reports"), "--labels", "en",
         "--report-text", ""], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in first.stdout:
        if line.startswith("[run]"):
            break
    second = _cli(proj, "--labels", "zh")
    rest, err = first.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, (err, second.stderr)
    assert "[wait]  another build (process" in second.stdout
    assert f"(process {first.pid}) is writing" in second.stdout
    assert "published" in rest and "published" in second.stdout
    latest = proj / "reports" / "latest"
    assert (latest / "en" / "01_only.html").exists() and (latest / "zh" / "01_only.html").exists()
    assert json.loads((latest / "manifest.json").read_text())["labels"] == ["zh", "en"]


# ----------------------------------------------------------------------- 4. labels never vanish


def test_the_environment_hash_does_not_depend_on_where_the_interpreter_lives(monkeypatch):
    here = b.environment_hash(PROJECT_ROOT)
    monkeypatch.setattr(sys, "executable", "/elsewhere/copy/.venv/bin/python")
    assert b.environment_hash(PROJECT_ROOT) == here


def test_a_label_set_out_of_date_is_made_again_not_dropped(english, monkeypatch):
    proj, result = english
    both = Run(proj, labels=["en", "zh"])()
    assert both.version == result.version and not both.up_to_date
    import reporting.builder as builder

    # as a checkout moved to another interpreter would: every key changes, English is asked for
    monkeypatch.setattr(builder, "environment_hash", lambda root: "another-environment")
    run = Run(proj, labels=["en"])
    again = run()
    log = "\n".join(run.lines)
    assert re.search(r"\[keep\]  01_tables \(zh\) of \S+ is out of date \(made with other "
                     r"inputs.*made again, so that the version keeps its zh label set", log), log
    assert sorted(again.executed) == sorted(f"{n} ({x})" for n in ("01_tables", "02_figure")
                                            for x in ("en", "zh"))
    latest = proj / "reports" / "latest"
    manifest = json.loads((latest / "manifest.json").read_text())
    assert manifest["labels"] == ["en", "zh"]
    assert (latest / "zh" / "01_tables.html").exists()


# ----------------------------------------------------------------------- 5. interrupts


def test_sigterm_at_publication_says_it_was_published_and_the_index_lists_it(english,
                                                                            monkeypatch, capsys):
    proj, result = english
    nb = proj / "notebooks" / "01_tables.py"
    original = nb.read_text(encoding="utf-8")
    real_publish = publish.publish
    import reporting.builder as builder

    def terminated_meanwhile(*args):
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while the version is being published
        return real_publish(*args)

    monkeypatch.setattr(builder, "publish", terminated_meanwhile)
    try:
        nb.write_text(original.replace("Fixture: tables", "Fixture: tables, edited"))
        rc = _main(proj, "--labels", "en")
        version = b.git_state(proj)["version"]
    finally:
        nb.write_text(original, encoding="utf-8")
    err = capsys.readouterr().err
    assert rc == 143
    assert f"interrupted after publishing {proj / 'reports' / version} (complete; latest -> " \
           f"{version})" in err, err
    reports = proj / "reports"
    assert os.readlink(reports / "latest") == version
    assert f'id="v-{version}"' in (reports / "index.html").read_text(encoding="utf-8")
    # an index that misses the latest version is repaired by the next no-op build
    monkeypatch.setattr(builder, "publish", real_publish)
    Run(proj, labels=["en"])()  # back to the committed version
    index = reports / "index.html"
    index.write_text(index.read_text().replace(f'id="v-{result.version}"', 'id="v-gone"'))
    assert Run(proj, labels=["en"])().up_to_date
    assert f'id="v-{result.version}"' in index.read_text(encoding="utf-8")


def test_sigint_while_the_pdf_prints_ends_in_the_interrupted_message(tmp_path):
    from conftest import require_browser

    require_browser()
    proj = _make_project(tmp_path)
    driver = subprocess.Popen(
        [sys.executable, "-m", "reporting", "--root", str(proj), "--notebooks-dir",
         str(proj / "notebooks"), "--reports-dir", str(proj / "reports"), "--labels", "en,zh",
         "--report-text", ""], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)  # Ctrl-C reaches the whole group, as in a terminal
    for line in driver.stdout:
        if "article.pdf printed by Chromium" in line:  # the other language's is printing
            break
    os.killpg(driver.pid, signal.SIGINT)
    _, err = driver.communicate(timeout=120)
    assert driver.returncode == 130, err
    assert "Traceback" not in err and "exception" not in err.lower(), err
    assert re.search(r"python -m reporting interrupted(: nothing published| after publishing)",
                     err), err


# ----------------------------------------------------------------------- one home per default


def _make(*args: str) -> str:
    return subprocess.run(["make", "-s", "-C", str(PROJECT_ROOT), *args], capture_output=True,
                          text=True, check=True).stdout


def test_each_default_has_one_home_and_the_makefile_passes_only_what_is_given():
    from reporting.execute import NOTEBOOK_TIMEOUT
    from reporting.plan import DEFAULT_LABELS, default_jobs

    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert not re.search(r"^(LABELS|TIMEOUT)\s*\??=", makefile, re.M), "a default in the Makefile"
    assert re.search(r'^REPORTING_COMMAND="make reports" \S+ -m reporting$', _make("-n", "reports"),
                     re.M)  # nothing passed: the defaults are the machinery's
    assert '--labels "en zh" --timeout "30"' in _make("-n", "reports", "LABELS=en zh",
                                                      "TIMEOUT=30")
    helptext = subprocess.run([sys.executable, "-m", "reporting", "--help"], capture_output=True,
                              text=True, check=True).stdout
    flat = " ".join(helptext.split())
    assert f"(default {','.join(DEFAULT_LABELS)})" in flat
    assert f"(default {NOTEBOOK_TIMEOUT:.0f})" in flat and f"(default: {default_jobs()})" in flat
    for module in ("builder", "cli", "plan", "execute", "run"):  # no second literal
        text = (PROJECT_ROOT / "src" / "reporting" / f"{module}.py").read_text(encoding="utf-8")
        assert not re.search(r"jobs: int = 2|default=min\(2|\b900\b|labels.*default=\"en\"",
                             text.replace("NOTEBOOK_TIMEOUT = 900.0", "")), module


def test_help_texts_are_whole_and_aligned():
    lab = subprocess.run([sys.executable, "-m", "reporting.lab", "--help"], capture_output=True,
                         text=True, check=True).stdout
    flat = " ".join(lab.split())
    assert "a notebook's .py opens as a notebook, in the project kernel, and edits to " \
           "src/analysis reach the running kernel without a restart." in flat
    lines = [ln for ln in _make("help").splitlines() if ln.startswith("  ")]
    assert len(lines) >= 10
    starts = {len(ln) - len(ln[2:].split(None, 1)[1]) for ln in lines if ln[2:].split(None, 1)}
    names = {ln.split()[0] for ln in lines}
    assert {"browser-check", "clean-reports"} <= names
    assert len(starts) == 1, "descriptions of make help do not start in one column"
