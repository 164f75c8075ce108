"""Time the report build (`make bench`): clean build vs the naive CLI chain, and a no-op rebuild.

The naive way is what one would type by hand for each notebook, one after another:
`jupytext --to ipynb`, `papermill` (same kernel and parameters) and `jupyter nbconvert --to html`
(same offline template). The driver's clean build runs `python -m analysis.build` into a fresh
reports folder (no cache), then again with nothing changed (the no-op rebuild). Claims are not
written in either, so both do the same work. Everything goes to a temporary folder.
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

from analysis.build import KERNEL_ENV, KERNEL_NAME, TEMPLATE_DIR, TEMPLATE_NAME, write_kernelspec
from analysis.provenance import PROJECT_ROOT

BIN = Path(sys.executable).parent


def _timed(cmd: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one command (raises with its output if it fails)."""
    t0 = time.perf_counter()
    out = subprocess.run(list(cmd), capture_output=True, text=True, env=env)
    if out.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
    return time.perf_counter() - t0


def naive_build(notebooks: Sequence[Path], work: Path, lang: str = "en") -> dict[str, float]:
    """Seconds per notebook for jupytext + papermill + nbconvert CLIs, one notebook at a time."""
    kernels = work / "jupyter"
    write_kernelspec(kernels, KERNEL_ENV)
    env = dict(os.environ, JUPYTER_PATH=str(kernels))
    out = work / "naive"
    out.mkdir(parents=True)
    times = {}
    for nb in notebooks:
        ipynb, executed = out / f"{nb.stem}.ipynb", out / f"{nb.stem}.out.ipynb"
        t = _timed([str(BIN / "jupytext"), "--to", "ipynb", "-o", str(ipynb), str(nb)], env)
        t += _timed([str(BIN / "papermill"), str(ipynb), str(executed), "-k", KERNEL_NAME,
                     "-p", "label_language", lang, "--cwd", str(nb.parent),
                     "--no-progress-bar"], env)
        t += _timed([str(BIN / "jupyter"), "nbconvert", "--to", "html",
                     f"--TemplateExporter.extra_template_basedirs={TEMPLATE_DIR}",
                     f"--template={TEMPLATE_NAME}", str(executed)], env)
        times[nb.stem] = t
        print(f"  naive {nb.stem}: {t:.1f} s", flush=True)
    return times


def driver_build(notebooks_dir: Path, reports: Path) -> float:
    """Wall time of `python -m analysis.build` (a whole process, as `make reports` runs it)."""
    return _timed([sys.executable, "-m", "analysis.build", "--notebooks-dir", str(notebooks_dir),
                   "--reports-dir", str(reports), "--labels", "en", "--no-claims"])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures (optionally also as JSON)."""
    ap = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__)
    ap.add_argument("--notebooks-dir", type=Path, default=PROJECT_ROOT / "notebooks")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--noop-runs", type=int, default=5)
    a = ap.parse_args(argv)
    notebooks = sorted(p for p in a.notebooks_dir.glob("*.py") if not p.name.startswith("_"))
    work = Path(tempfile.mkdtemp(prefix="liaoning-bench-"))
    try:
        print(f"benchmark: {len(notebooks)} notebooks, {os.cpu_count()} cores, "
              f"work folder {work}", flush=True)
        clean = driver_build(a.notebooks_dir, work / "reports")
        print(f"  driver clean build: {clean:.1f} s", flush=True)
        noop = [driver_build(a.notebooks_dir, work / "reports") for _ in range(a.noop_runs)]
        naive = naive_build(notebooks, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = sum(naive.values())
    figures = {
        "notebooks": len(notebooks), "cores": os.cpu_count(),
        "clean_build_s": round(clean, 2), "naive_build_s": round(total, 2),
        "naive_per_notebook_s": {k: round(v, 2) for k, v in naive.items()},
        "ratio_clean_over_naive": round(clean / total, 3),
        "noop_rebuild_s_median": round(statistics.median(noop), 3),
        "noop_rebuild_s_all": [round(x, 3) for x in noop],
    }
    print()
    print(f"clean build (driver, 2 kernels) : {clean:7.1f} s")
    print(f"naive CLI chain, sequential     : {total:7.1f} s "
          f"({total / max(len(notebooks), 1):.1f} s a notebook)")
    print(f"ratio clean / naive             : {clean / total:7.2f}  (goal <= 0.25)")
    print(f"no-op rebuild (median of {len(noop)})    : {statistics.median(noop):7.2f} s "
          f"(goal < 1 s; whole process incl. interpreter start)")
    if a.json:
        a.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
