"""Where a build's time goes (`python -m reporting.bench --profile`, issue 22).

Two halves. In the driver, `step(name)` times a step of the build (hashing, planning, the
reviewers' pages one by one, publication): always on, two clock reads a step. In the kernels,
only when a build runs with PROFILE_ENV set, `prepare` (reporting.run) puts a cell before a
notebook's first cell that installs probes (`install`) and one after its last that shows what
they measured (`show`); both cells are taken out again before the notebook is cached or
rendered (`take`), so what they measure is the notebook's own work. A probe times a function by
category: the time in a function counts for its category less the time of the probes called
inside it (a data load inside the audit counts as data, the rest of the audit as audit).
Probes are put on modules as they are imported, so their import time stays the notebook's.

`table` prints the profile a build wrote (PROFILE_ENV names the JSON file).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PROFILE_ENV = "LIAONING_PROFILE"  # a JSON file: set, the build profiles itself into it
MIME = "application/vnd.liaoning.profile+json"  # the probes' figures, shown by the last cell
TAG = "profile-probes"  # the two cells a profiling build adds
METADATA_KEY = "profile"  # where `execute` leaves the figures for the builder (taken out there)
SETUP_SOURCE = "import reporting.profile\nreporting.profile.install()"
SHOW_SOURCE = "import reporting.profile\nreporting.profile.show()"
# What the probes time: category -> functions ("module:attribute" or "module:Class.method").
PROBES: dict[str, tuple[str, ...]] = {
    "data": ("analysis.data:load", "analysis.data:DataPackage.load",
             "analysis.data:DataPackage.__init__"),
    "audit": ("analysis.claims.engine:audit",),
    "grids": ("analysis.specgrid:evaluate",),
    "grid charts": ("analysis.speccurve:spec_curve", "analysis.trade_charts:specification_chart",
                    "analysis.fdi_drop:specification_chart"),
    "figure: draw": ("analysis.figureoutput:drawn",),
    "figure: png": ("analysis.figureoutput:cropped_png",),
    "figure: png drawn again": ("IPython.core.pylabtools:print_figure",),
    "figure: svg": ("analysis.figureoutput:figure_svg",),
    "figure: facts": ("analysis.figureoutput:figure_facts",),
    "figure: other": ("analysis.figureoutput:image_output",),
}
GRID_FIGURES = ("spec_curve_", "_specifications")  # figure ids of the grids' charts

# ---------------------------------------------------------------------------- driver side

_STEPS: dict[str, float] = {}
_LOCK = threading.Lock()


@contextmanager
def step(name: str) -> Iterator[None]:
    """Time a step of the build (added up when a step runs more than once)."""
    t0 = time.perf_counter()
    try:
        yield
    finally:
        with _LOCK:
            _STEPS[name] = _STEPS.get(name, 0.0) + time.perf_counter() - t0


def steps() -> dict[str, float]:
    """Seconds of every step timed so far in this process, in the order first timed."""
    with _LOCK:
        return dict(_STEPS)


def enabled() -> bool:
    """Whether this build profiles its kernels (PROFILE_ENV set)."""
    return bool(os.environ.get(PROFILE_ENV))


def take(nb: Any, submitted: float = 0.0, returned: float = 0.0) -> dict[str, Any] | None:
    """Remove the probes' two cells from an executed notebook; what they measured, with the
    runner's start (`submitted`: when the build started it, epoch seconds), the kernel's start
    (papermill's start to the first cell), the seconds of the notebook's own cells, the kernel's
    shutdown and the runner's exit (`returned`: when the build saw it end); None if the notebook
    has no probe cells."""
    tagged = [i for i, c in enumerate(nb.cells) if TAG in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 2:
        return None
    setup, shown = (nb.cells[i] for i in tagged)
    found: dict[str, Any] = {}
    for output in shown.get("outputs", []):
        found = dict((output.get("data") or {}).get(MIME, found))
    del nb.cells[tagged[1]]
    del nb.cells[tagged[0]]
    own = [c for c in nb.cells if c.cell_type == "code"]
    seconds = sum(float(c.metadata.get("papermill", {}).get("duration") or 0) for c in own)
    meta = nb.metadata.get("papermill", {})
    start, end = _iso(meta.get("start_time")), _iso(meta.get("end_time"))
    first = _iso(setup.metadata.get("papermill", {}).get("start_time"))
    last = _iso(shown.metadata.get("papermill", {}).get("end_time"))
    if None in (start, end, first, last):
        return {**found, "cells": seconds}
    return {**found, "cells": seconds, "runner start": start - submitted,
            "kernel start": first - start, "kernel stop": end - last,
            "runner exit": returned - end}


def _iso(text: Any) -> float | None:
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(str(text)).timestamp()
    except ValueError:
        return None


# ---------------------------------------------------------------------------- kernel side

_SECONDS: dict[str, float] = {}
_COUNTS = {"figures": 0, "draws": 0, "grid figures": 0}
_GRID_SECONDS = [0.0]
_STACK: list[float] = []  # time spent in probes called inside each running probe


def _timed(category: str, func: Any) -> Any:
    import functools

    @functools.wraps(func)
    def probe(*args: Any, **kwargs: Any) -> Any:
        _STACK.append(0.0)
        t0 = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            spent = time.perf_counter() - t0
            inner = _STACK.pop()
            _SECONDS[category] = _SECONDS.get(category, 0.0) + spent - inner
            if _STACK:
                _STACK[-1] += spent
            if category == "figure: other":
                _COUNTS["figures"] += 1
                name = str(args[1]) if len(args) > 1 else ""
                if any(part in name for part in GRID_FIGURES):
                    _COUNTS["grid figures"] += 1
                    _GRID_SECONDS[0] += spent
            elif category in ("grids", "grid charts") and len(_STACK) == 0:
                _GRID_SECONDS[0] += spent
    probe.__wrapped_by_profile__ = True  # type: ignore[attr-defined]
    return probe


def _patch(module: Any, attribute: str, category: str) -> None:
    owner = module
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part, None)
        if owner is None:
            return
    func = getattr(owner, name, None)
    if func is None or getattr(func, "__wrapped_by_profile__", False):
        return
    setattr(owner, name, _timed(category, func))


def _targets() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for category, names in PROBES.items():
        for spec in names:
            module, attribute = spec.split(":")
            out.setdefault(module, []).append((attribute, category))
    return out


def install() -> None:
    """In a kernel: put the probes on their modules, now for those already imported and at
    import for the others; count figure draws; time outermost imports."""
    import builtins
    import importlib.abc
    import importlib.machinery
    import sys

    targets = _targets()

    def patch_module(name: str) -> None:
        for attribute, category in targets.get(name, []):
            _patch(sys.modules[name], attribute, category)

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
            if name not in targets:
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is None or spec.loader is None:
                return spec
            run = spec.loader.exec_module

            def exec_module(module: Any) -> None:
                run(module)
                patch_module(name)
            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    for name in targets:
        if name in sys.modules:
            patch_module(name)
    sys.meta_path.insert(0, Finder())
    from matplotlib.figure import Figure

    draw = Figure.draw

    def counted(self: Any, renderer: Any) -> Any:
        _COUNTS["draws"] += 1
        return draw(self, renderer)
    Figure.draw = counted  # type: ignore[method-assign]
    builtins.__import__ = _timed("imports", builtins.__import__)


def show() -> None:
    """In a kernel: display what the probes measured (private MIME; `take` collects it)."""
    from IPython.display import display

    display({MIME: {**{k: round(v, 4) for k, v in _SECONDS.items()}, **_COUNTS,
                    "grid total": round(_GRID_SECONDS[0], 4)}}, raw=True)


# ---------------------------------------------------------------------------- the table

FIGURE_PARTS = ("figure: draw", "figure: png", "figure: png drawn again", "figure: svg",
                "figure: facts", "figure: other")
# Columns of the kernel table: (heading, categories added up).
COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("runner + kernel start", ("runner start", "kernel start")),
    ("imports", ("imports",)),
    ("data load + checks", ("data",)),
    ("audit", ("audit",)),
    ("grids", ("grids", "grid charts")),
    ("arithmetic, tables, charts", ("rest",)),
    ("figures drawn", FIGURE_PARTS),
    ("kernel stop + runner exit", ("kernel stop", "runner exit")),
)


def kernel_rows(reports: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per (notebook, label set), seconds by category: the probes', the rest of the
    cells' time ("rest"), the runner's and kernel's start and stop; figures and draws, the
    execution as the build timed it and the HTML rendering."""
    probed = ("imports", "data", "audit", "grids", "grid charts", *FIGURE_PARTS)
    rows = []
    for key, r in reports.items():
        row: dict[str, Any] = {"report": key}
        for c in (*probed, "runner start", "kernel start", "kernel stop", "runner exit",
                  "grid total", "execute", "render", "cells"):
            row[c] = float(r.get(c, 0.0))
        row["rest"] = max(0.0, row["cells"] - sum(row[c] for c in probed))
        row["figures"], row["draws"] = int(r.get("figures", 0)), int(r.get("draws", 0))
        rows.append(row)
    return rows


def table(profile: Mapping[str, Any]) -> str:
    """The profile as Markdown: seconds in each notebook's kernel by category, the sums, the
    figures' part by step, the grids' share, and the driver's steps (wall seconds)."""
    rows = kernel_rows(profile.get("reports", {}))
    head = ["report", *(h for h, _ in COLUMNS), "figures (draws)", "executed", "HTML"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    sums = {h: 0.0 for h, _ in COLUMNS} | {"execute": 0.0, "render": 0.0, "grid total": 0.0}
    parts = dict.fromkeys(FIGURE_PARTS, 0.0)
    figures = draws = 0
    for r in rows:
        cells = {h: sum(r[c] for c in cats) for h, cats in COLUMNS}
        for h, v in cells.items():
            sums[h] += v
        for c in ("execute", "render", "grid total"):
            sums[c] += r[c]
        for c in parts:
            parts[c] += r[c]
        figures, draws = figures + r["figures"], draws + r["draws"]
        lines.append("| " + " | ".join([r["report"], *(f"{v:.2f}" for v in cells.values()),
                                        f"{r['figures']} ({r['draws']})",
                                        f"{r['execute']:.2f}", f"{r['render']:.2f}"]) + " |")
    lines.append("| **sum** | " + " | ".join([*(f"{sums[h]:.1f}" for h, _ in COLUMNS),
                                              f"{figures} ({draws})", f"{sums['execute']:.1f}",
                                              f"{sums['render']:.1f}"]) + " |")
    figure_line = ", ".join(f"{c.split(': ')[1]} {v:.1f} s" for c, v in parts.items())
    from reporting.plan import default_jobs

    out = [f"Kernels (seconds in each notebook's runner and kernel; {default_jobs()} run at a "
           "time on this machine's cores, so each one's seconds include waiting for a core; "
           "\"executed\" is the build's clock, HTML is rendered on a thread of the driver):", "",
           *lines, "",
           f"Figures: {figures} drawn {draws} times; by step: {figure_line}.",
           f"Specification grids (arithmetic, charts and their figures): "
           f"{sums['grid total']:.2f} s of kernel time; by notebook pair and label set: "
           f"{_grid_line(profile.get('reports', {}))}.", "",
           "Driver (wall seconds of each step; the kernels' steps overlap):", "",
           "| step | seconds |", "|---|---|"]
    out += [f"| {name} | {seconds:.2f} |" for name, seconds in profile.get("steps", {}).items()]
    return "\n".join(out)


def _grid_line(reports: Mapping[str, Mapping[str, Any]]) -> str:
    """Grid seconds by notebook pair and label set ("01-02 en 0.9 s, ...")."""
    pairs: dict[str, float] = {}
    for key, r in reports.items():
        name, _, lang = key.partition(" ")
        pair = "01-02" if name[:2] in ("01", "02") else "03-04" if name[:2] in ("03", "04") \
            else None
        if pair:
            label = f"{pair} {lang.strip('()')}"
            pairs[label] = pairs.get(label, 0.0) + float(r.get("grid total", 0.0))
    return ", ".join(f"{k}: {v:.2f} s" for k, v in sorted(pairs.items()))


def write(path: Path, reports: Mapping[str, Mapping[str, Any]]) -> None:
    """Write the profile of this build (kernels' reports and the driver's steps) to path."""
    path.write_text(json.dumps({"reports": dict(reports), "steps": steps()}, indent=1),
                    encoding="utf-8")
