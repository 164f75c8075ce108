"""Time the report build (`make bench`): clean build vs the naive CLI chain, and a no-op rebuild.

The naive way is what one would type by hand for each notebook in each label set
(DEFAULT_LABELS, as the clean build), one after another:
`jupytext --to ipynb`, `papermill` (same kernel and parameters) and `jupyter nbconvert --to html`
(same offline template), each kernel started from scratch. The driver's clean build runs
`python -m reporting` into an empty reports folder (no cache), three times (the median
counts: timings on a shared machine wander by a second or two), each after a third of the naive
chain's reports (`in_turns`: the two are timed over the same minutes, so a machine that slows
down slows both, and their ratio holds), once more with
`--fresh-kernels` (to show what forking kernels from the zygote buys), then again with nothing
changed (the no-op rebuild), then after a markdown-only edit to one notebook and after a
one-value edit to one data file (each committed, so each is a new version built with the cache
of the previous ones). Every figure is printed with the load average when it was taken.
`--profile` instead profiles one clean build (reporting.profile).
Everything goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from analysis.provenance import PROJECT_ROOT
from reporting.fingerprints import TEMPLATE_DIR
from reporting.kernels import KERNEL_NAME, kernel_env, write_kernelspec
from reporting.plan import DEFAULT_LABELS, default_jobs
from reporting.render import TEMPLATE_NAME

T = TypeVar("T")
BIN = Path(sys.executable).parent
# the template's filters, as the build registers them (reporting.render.html_exporter)
FILTER_ARGS = ("--HTMLExporter.filters={\"private_output\": \"reporting.render.private_output\", "
               "\"markdown2html_data\": \"reporting.render.markdown_output_html\"}",)


def _timed(cmd: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one command (raises with its output if it fails)."""
    t0 = time.perf_counter()
    out = subprocess.run(list(cmd), capture_output=True, text=True, env=env)
    if out.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
    return time.perf_counter() - t0


def _load() -> str:
    """The 1/5/15-minute load averages (context for the timings), or 'n/a'."""
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


class NaiveChain:
    """The naive way for one notebook in one label set: jupytext + papermill + nbconvert CLIs,
    each kernel started from scratch (with the kernel and parameters of the clean build)."""

    def __init__(self, work: Path) -> None:
        kernels = work / "jupyter"
        write_kernelspec(kernels, kernel_env(work / "naive-pycache"))  # as the driver's kernels
        self.env = dict(os.environ, JUPYTER_PATH=str(kernels))
        self.out = work / "naive"
        self.out.mkdir(parents=True)

    def run(self, nb: Path, lang: str) -> float:
        """Seconds for the three commands, one after another."""
        ipynb = self.out / f"{nb.stem}_{lang}.ipynb"
        executed = self.out / f"{nb.stem}_{lang}.out.ipynb"
        t = _timed([str(BIN / "jupytext"), "--to", "ipynb", "-o", str(ipynb), str(nb)], self.env)
        t += _timed([str(BIN / "papermill"), str(ipynb), str(executed), "-k", KERNEL_NAME,
                     "--language", "python", "-p", "label_language", lang, "--cwd", str(nb.parent),
                     "--no-progress-bar"], self.env)
        t += _timed([str(BIN / "jupyter"), "nbconvert", "--to", "html",
                     f"--TemplateExporter.extra_template_basedirs={TEMPLATE_DIR}",
                     f"--template={TEMPLATE_NAME}", *FILTER_ARGS, str(executed)], self.env)
        print(f"  naive {nb.stem} ({lang}): {t:.1f} s", flush=True)
        return t


def in_turns(items: Sequence[T], turns: int) -> list[list[T]]:
    """`items` cut, in order, into `turns` runs of consecutive items as even as they go (the
    naive chain's reports, one run before each clean build: the two are timed over the same
    minutes, so the machine's wandering speed moves both)."""
    size, extra = divmod(len(items), max(turns, 1))
    out, start = [], 0
    for i in range(max(turns, 1)):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return out


def _report_text() -> dict[str, str]:
    """This environment with the report text the checkout's builds use (the snapshot has no
    ../shared/report/ beside it), so the bench builds write report-text.html as they do."""
    from reporting.pages import REPORT_TEXT_ENV, report_text_source

    found = report_text_source(PROJECT_ROOT)
    return {**os.environ, REPORT_TEXT_ENV: str(found) if found else ""}


def driver_build(snapshot: Path, reports: Path, *extra: str,
                 env: dict[str, str] | None = None) -> tuple[float, bool]:
    """Wall time of `python -m reporting` (a whole process, as `make reports` runs it),
    and whether it found everything up to date."""
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "reporting", "--root", str(snapshot), "--notebooks-dir",
         str(snapshot / "notebooks"), "--reports-dir", str(reports), "--labels", "en,zh",
         *extra], capture_output=True, text=True, env={**_report_text(), **(env or {})},
    )
    seconds = time.perf_counter() - t0
    if out.returncode:
        raise RuntimeError(f"reporting failed:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
    return seconds, "is up to date" in out.stdout


MARKDOWN_EDIT = "01_economic_collapse.py"  # a markdown paragraph appended to it
DATA_EDIT = "data/external/cny_usd_annual_average.csv"  # the last digit of one value changed


def _commit(snap: Path, message: str) -> None:
    git = ["git", "-C", str(snap), "-c", "user.email=bench@localhost", "-c", "user.name=bench"]
    subprocess.run(git + ["commit", "-qam", message], check=True, capture_output=True)


def incremental(snap: Path, reports: Path) -> dict[str, tuple[float, int]]:
    """Seconds and notebooks executed for a markdown-only edit and a one-value data edit."""
    import re

    out = {}
    nb = snap / "notebooks" / MARKDOWN_EDIT
    nb.write_text(nb.read_text(encoding="utf-8") + "\n# %% [markdown]\n# Bench: an added "
                  "paragraph.\n", encoding="utf-8")
    _commit(snap, "bench: markdown edit")
    out["markdown_edit"] = _executed(snap, reports)
    data = snap / DATA_EDIT
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = re.sub(r"(\d)(\D*)$", lambda m: str((int(m[1]) + 1) % 10) + m[2], lines[1],
                      count=1)
    data.write_text("".join(lines), encoding="utf-8")
    _commit(snap, "bench: data edit")
    out["data_edit"] = _executed(snap, reports)
    return out


def _executed(snap: Path, reports: Path) -> tuple[float, int]:
    """Wall time of a build and how many notebooks it executed (from its last line)."""
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "reporting", "--root", str(snap), "--notebooks-dir",
         str(snap / "notebooks"), "--reports-dir", str(reports), "--labels", "en,zh"],
        capture_output=True, text=True, env=_report_text())
    seconds = time.perf_counter() - t0
    if out.returncode:
        raise RuntimeError(f"reporting failed:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
    ran = [line for line in out.stdout.splitlines() if line.startswith("[run]")]
    return seconds, len(ran)


def snapshot(notebooks_dir: Path, work: Path) -> Path:
    """A committed copy of the notebooks folder (the notebooks, the article's outline and
    jupytext's settings: what `make reports` builds from) and data/, so edits elsewhere in the
    working tree (other people at work) do not turn the no-op rebuild into a real one."""
    snap = work / "snapshot"
    (snap / "notebooks").mkdir(parents=True)
    for path in sorted([*notebooks_dir.glob("*.py"), *notebooks_dir.glob("*.toml")]):
        shutil.copy2(path, snap / "notebooks" / path.name)
    shutil.copytree(PROJECT_ROOT / "data", snap / "data")
    (snap / ".gitignore").write_text("reports/\n", encoding="utf-8")
    git = ["git", "-C", str(snap), "-c", "user.email=bench@localhost", "-c", "user.name=bench"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "bench snapshot"]):
        subprocess.run(git + args, check=True, capture_output=True)
    return snap


def profile_build(notebooks_dir: Path) -> int:
    """One clean bilingual build of a snapshot, its kernels probed; print the profile."""
    from reporting.profile import PROFILE_ENV, table

    work = Path(tempfile.mkdtemp(prefix="liaoning-profile-"))
    try:
        snap = snapshot(notebooks_dir, work)
        out = work / "profile.json"
        print(f"profile: one clean build (en, zh), {os.cpu_count()} cores, load average "
              f"{_load()}", flush=True)
        seconds, _ = driver_build(snap, work / "reports", env={PROFILE_ENV: str(out)})
        print(f"clean build with probes: {seconds:.1f} s (load average at the end {_load()})\n")
        print(table(json.loads(out.read_text(encoding="utf-8"))))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures (optionally also as JSON)."""
    ap = argparse.ArgumentParser(prog="python -m reporting.bench", description=__doc__)
    ap.add_argument("--notebooks-dir", type=Path, default=PROJECT_ROOT / "notebooks")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--noop-runs", type=int, default=5)
    ap.add_argument("--clean-runs", type=int, default=3,
                    help="clean builds to time (the median is compared; the machine is noisy)")
    ap.add_argument("--profile", action="store_true",
                    help="only profile one clean build (both label sets) and print where its "
                         "time goes (reporting.profile)")
    a = ap.parse_args(argv)
    if a.profile:
        return profile_build(a.notebooks_dir)
    notebooks = sorted(a.notebooks_dir.glob("*.py"))
    langs = ", ".join(DEFAULT_LABELS)
    work = Path(tempfile.mkdtemp(prefix="liaoning-bench-"))
    loads: dict[str, str] = {}  # the load average when each figure was taken
    try:
        print(f"benchmark: {len(notebooks)} notebooks in {langs}, {os.cpu_count()} cores, "
              f"load average {_load()}, work folder {work}", flush=True)
        snap = snapshot(a.notebooks_dir, work)
        chain = NaiveChain(work)
        reports = [(nb, lang) for lang in DEFAULT_LABELS
                   for nb in sorted((snap / "notebooks").glob("*.py"))]
        cleans, naive = [], {}
        # The naive chain's reports in turns with the clean builds, each into an empty reports
        # folder (no cache at all): both are timed over the same minutes.
        for i, turn in enumerate(in_turns(reports, a.clean_runs)):
            for nb, lang in turn:
                naive[f"{nb.stem} ({lang})"] = chain.run(nb, lang)
            seconds, _ = driver_build(snap, work / f"reports-{i}")
            cleans.append(seconds)
            print(f"  driver clean build: {seconds:.1f} s (load {_load()})", flush=True)
        clean = statistics.median(cleans)
        loads["clean"] = loads["naive"] = _load()
        fresh, _ = driver_build(snap, work / "reports-fresh", "--fresh-kernels")
        print(f"  driver clean build, kernels from scratch (--fresh-kernels): {fresh:.1f} s",
              flush=True)
        noop: list[float] = []
        for _ in range(3 * a.noop_runs):  # a change to src/analysis meanwhile means a rebuild
            seconds, was_noop = driver_build(snap, work / "reports-0")
            if was_noop:
                noop.append(seconds)
            else:
                print(f"  (not a no-op: src/analysis changed meanwhile; {seconds:.1f} s)")
            if len(noop) == a.noop_runs:
                break
        loads["noop"] = _load()
        print(f"  no-op rebuilds: {', '.join(f'{x:.2f}' for x in noop)} s", flush=True)
        edits = incremental(snap, work / "reports-0")
        for what, (seconds, ran) in edits.items():
            loads[what] = _load()
            print(f"  {what.replace('_', ' ')}: {seconds:.1f} s, {ran} notebook(s) executed",
                  flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = sum(naive.values())
    runs = len(naive)
    figures = {
        "notebooks": len(notebooks), "label_sets": list(DEFAULT_LABELS), "cores": os.cpu_count(),
        "kernels": default_jobs(),
        "clean_build_s": round(clean, 2), "clean_build_s_all": [round(x, 2) for x in cleans],
        "clean_build_fresh_kernels_s": round(fresh, 2), "naive_build_s": round(total, 2),
        "naive_per_report_s": {k: round(v, 2) for k, v in naive.items()},
        "ratio_clean_over_naive": round(clean / total, 3),
        "noop_rebuild_s_median": round(statistics.median(noop), 3) if noop else None,
        "noop_rebuild_s_all": [round(x, 3) for x in noop],
        "markdown_edit_s": round(edits["markdown_edit"][0], 2),
        "markdown_edit_executed": edits["markdown_edit"][1],
        "data_edit_s": round(edits["data_edit"][0], 2),
        "data_edit_executed": edits["data_edit"][1],
        "load_average": loads,
    }
    print()
    print(f"each figure with the load average (1, 5, 15 min) when it was taken; "
          f"{os.cpu_count()} cores; label sets {langs}")
    print(f"clean build (driver, {default_jobs()} kernels) : {clean:7.1f} s  "
          f"load {loads['clean']}  "
          f"(median of {len(cleans)}; {fresh:.1f} s with --fresh-kernels)")
    print(f"naive CLI chain, sequential     : {total:7.1f} s  load {loads['naive']}  "
          f"({runs} reports, {total / max(runs, 1):.1f} s a report; in {len(cleans)} turns "
          "with the clean builds)")
    # three decimals: at two, 0.205 would print as 0.20 and read as the goal met
    print(f"ratio clean / naive             : {clean / total:7.3f}  (goal <= 0.20)")
    print(f"no-op rebuild (median of {len(noop)})    : "
          f"{statistics.median(noop) if noop else float('nan'):7.2f} s  load {loads['noop']}  "
          "(goal < 0.1 s; whole process incl. interpreter start)")
    for what, (seconds, ran) in edits.items():
        print(f"{what.replace('_', ' '):<32}: {seconds:7.1f} s  load {loads[what]}  "
              f"({ran} of {len(notebooks) * len(DEFAULT_LABELS)} reports executed)")
    if a.json:
        a.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
