"""Running notebooks: convert them, refuse undeclared parameters, execute each with papermill in
the project kernel (`reporting.execute`) and say precisely where a failing one failed."""

from __future__ import annotations

import itertools
import os
import shutil
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import reporting.profile as profile
from analysis import datareads
from reporting.common import BuildError, Refused, rel, writing
from reporting.execute import NOTEBOOK_TIMEOUT, stop_all
from reporting.kernels import DISPLAY_NAME, KERNEL_NAME
from reporting.plan import Job
from reporting.render import clean

if TYPE_CHECKING:  # a no-op build never starts a pool (nor imports logging with it)
    from concurrent.futures import ThreadPoolExecutor

READS_TAG = "data-reads"  # the cell `prepare` appends to show the data files read
MAX_OUTPUT_BYTES = 50_000_000  # an executed notebook larger than this is refused (a runaway print)


@dataclass(frozen=True)
class RunContext:
    """What one build fixes before its kernels run and every job reads: the work folder, the
    zygote's socket (None: kernels from scratch), the path replacements that keep outputs free
    of this checkout's location, and the provenance shared by every report."""

    work: Path
    socket_path: str | None
    replacements: list[tuple[str, str]]
    provenance: dict[str, Any]
    timeout: float = NOTEBOOK_TIMEOUT
    max_output_bytes: int = MAX_OUTPUT_BYTES
    root: Path = Path(".")  # the checkout: data files read are named relative to it

    def input_path(self, job: Job) -> Path:
        """Where the converted notebook of `job` is written before it runs."""
        return self.work / ".work" / job.lang / f"{job.name}.input.ipynb"

    def output_path(self, job: Job) -> Path:
        """Where papermill writes the executed notebook of `job`."""
        return self.work / ".work" / job.lang / f"{job.name}.ipynb"


def declared_parameters(ipynb: Path) -> dict[str, dict[str, Any]]:
    """Parameters declared in the notebook's `parameters` cell, by name, each with its
    default and inferred type (papermill's own inspection)."""
    import papermill

    return dict(papermill.inspect_notebook(str(ipynb)))


_TYPES: dict[str, tuple[type, ...]] = {"int": (int,), "float": (int, float), "str": (str,),
                                       "bool": (bool,)}


def _wrong_type(value: Any, declared: dict[str, Any]) -> str | None:
    """The type of the parameter's default (a literal) that the value lacks; None if it fits
    or the default is not a simple literal."""
    import ast

    kind = declared.get("inferred_type_name", "None")
    if kind == "None":  # no annotation: the type of the default value
        try:
            kind = type(ast.literal_eval(str(declared.get("default", "")))).__name__
        except (ValueError, SyntaxError):
            return None
    ok = _TYPES.get(kind)
    if ok is None or (isinstance(value, ok) and not (kind != "bool" and isinstance(value, bool))):
        return None
    return kind


def has_parameters_cell(nb: Any) -> bool:
    """Whether some cell is tagged `parameters`."""
    return any("parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells)


def check_parameters(job: Job, declared: dict[str, dict[str, Any]] | None) -> None:
    """Refuse parameters the notebook does not declare (papermill would only warn); `declared`:
    its `declared_parameters`, None without a parameters cell."""
    if declared is None:
        raise Refused(
            f"{job.source.name}: no cell tagged parameters "
            '(add `# %% tags=["parameters"]` with label_language = "en")'
        )
    undeclared = sorted(set(job.parameters) - set(declared))
    if undeclared:
        raise Refused(
            f"{job.source.name}: parameter(s) {', '.join(undeclared)} not declared in its "
            f"parameters cell (declared: {', '.join(sorted(declared)) or 'none'})"
        )
    for name, value in job.parameters.items():
        kind = _wrong_type(value, declared[name])
        if kind:
            raise Refused(
                f"{job.source.name}: parameter {name}={value!r} is not {kind} like its default "
                f"{name} = {declared[name].get('default')}"
            )


def prepare(to_run: Sequence[Job], ctx: RunContext) -> None:
    """Convert the notebooks to run and refuse undeclared parameters before running any."""
    import jupytext
    import nbformat

    errors = []
    # Each notebook is converted and inspected once; its other label sets get a copy.
    converted: dict[Path, tuple[Path, dict[str, dict[str, Any]] | None]] = {}
    for job in to_run:
        ipynb = ctx.input_path(job)
        ipynb.parent.mkdir(parents=True, exist_ok=True)
        if job.source in converted:
            first, declared = converted[job.source]
            with writing(ipynb):
                shutil.copyfile(first, ipynb)
        else:
            nb = jupytext.read(job.source)
            if profile.enabled():  # probes around the notebook's own cells (reporting.profile)
                nb.cells.insert(0, nbformat.v4.new_code_cell(
                    profile.SETUP_SOURCE, metadata={"tags": [profile.TAG]}))
                nb.cells.append(nbformat.v4.new_code_cell(
                    profile.SHOW_SOURCE, metadata={"tags": [profile.TAG]}))
            nb.cells.append(nbformat.v4.new_code_cell(  # shows the data files read (datareads)
                datareads.SHOW_SOURCE, metadata={"tags": [READS_TAG]}))
            nb.metadata["kernelspec"] = {
                "name": KERNEL_NAME, "language": "python", "display_name": DISPLAY_NAME,
            }
            with writing(ipynb):
                jupytext.write(nb, ipynb, fmt="ipynb")
            declared = declared_parameters(ipynb) if has_parameters_cell(nb) else None
            converted[job.source] = (ipynb, declared)
        try:
            check_parameters(job, declared)
        except BuildError as e:
            errors.append(str(e))
    if errors:
        raise Refused("\n".join(errors))


def execute(job: Job, ctx: RunContext, cwd: Path, failed_dir: Path) -> Any:
    """Run one notebook with papermill in the project kernel; the cleaned executed notebook.

    A failure keeps the partly executed notebook under failed_dir and raises BuildError naming
    the notebook, the cell and the error.
    """
    import nbformat

    from reporting.execute import CellError, ExecutionFailed, run_isolated

    out = ctx.output_path(job)
    submitted = time.time()
    try:
        run_isolated(ctx.input_path(job), out, job.kernel_parameters, KERNEL_NAME, cwd,
                     timeout=ctx.timeout, zygote_socket=ctx.socket_path)
    except CellError as e:
        raise BuildError(failure_message(job, out, e, failed_dir)) from None
    except ExecutionFailed as e:  # kernel died or hung: still name the notebook (and cell)
        where = ""
        if e.running is not None:
            line = failing_cell_line(job.source.read_text(encoding="utf-8"), e.running)
            first = (e.running.strip().splitlines() or [""])[0][:80]
            at = f" at line {line} of {job.source.name}" if line else ""
            where = f"\n       it was running the cell{at}: {first}"
        raise BuildError(f"[fail] notebook {job.source.name} ({job.lang}): {e}{where}") from None
    returned = time.time()
    nb = nbformat.read(out, as_version=4)
    check_complete(job, nb, out, failed_dir)
    check_size(job, nb, out.stat().st_size, ctx.max_output_bytes)
    take_reads(nb, ctx.root)
    measured = profile.take(nb, submitted, returned)
    nb = clean(nb, ctx.replacements)
    if measured is not None:
        nb.metadata[profile.METADATA_KEY] = measured
    return nb


def take_reads(nb: Any, root: Path) -> None:
    """Move the data files the kernel read (shown by the cell `prepare` appended) into the
    notebook's metadata, by path relative to root, and drop that cell: the report is the
    notebook's own cells only."""
    last = nb.cells[-1] if nb.cells else None
    if last is None or READS_TAG not in last.get("metadata", {}).get("tags", []):
        return
    nb.cells.pop()
    found = datareads.from_outputs(last.get("outputs", [])) or {}
    nb.metadata[datareads.METADATA_KEY] = datareads.relative(found, root)


def check_size(job: Job, nb: Any, size: int, limit: int) -> None:
    """Refuse an executed notebook over the size limit, naming the cell with most output."""
    if size <= limit:
        return
    import json

    biggest = max((c for c in nb.cells if c.cell_type == "code"),
                  key=lambda c: len(json.dumps(c.get("outputs", []))))
    line = failing_cell_line(job.source.read_text(encoding="utf-8"), biggest.source)
    at = f" at line {line} of {job.source.name}" if line else ""
    first = (biggest.source.strip().splitlines() or [""])[0][:80]
    raise BuildError(
        f"[fail] notebook {job.source.name} ({job.lang}): its executed notebook takes "
        f"{size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit; most of it is output of the "
        f"cell{at}: {first}"
    )


def check_complete(job: Job, nb: Any, partial: Path, failed_dir: Path) -> None:
    """Refuse a notebook whose code cells did not all run (a SystemExit, a kernel that left):
    whatever the exit status, a report counts only if it ran to the end."""
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    ran = [c for c in code if c.get("execution_count") is not None]
    if len(ran) == len(code):
        return
    kept = keep_partial(job, partial, failed_dir)
    if ran:
        last = ran[-1]
        line = failing_cell_line(job.source.read_text(encoding="utf-8"), last.source)
        where = f", line {line} of {job.source.name}" if line else ""
        first = last.source.strip().splitlines()[0][:80]
        what = f"last cell that ran: In [{last.execution_count}]{where}: {first}"
    else:
        what = "no cell ran"
    raise BuildError(
        f"[fail] notebook {job.source.name} ({job.lang}) did not run to the end "
        f"({len(code) - len(ran)} of {len(code)} code cells never ran; a SystemExit or a "
        f"kernel that left?)\n       {what}\n       partly executed notebook kept at {rel(kept)}"
    )


def keep_partial(job: Job, partial: Path, failed_dir: Path) -> Path:
    """Copy a failed run's partly executed notebook to failed_dir/<lang>/ for inspection."""
    kept = failed_dir / job.lang / f"{job.name}.ipynb"
    kept.parent.mkdir(parents=True, exist_ok=True)
    if partial.exists():
        shutil.copyfile(partial, kept)
    return kept


def failure_message(job: Job, partial: Path, e: Any, failed_dir: Path) -> str:
    """Keep the partly executed notebook and describe the failing cell."""
    kept = keep_partial(job, partial, failed_dir)
    line = failing_cell_line(job.source.read_text(encoding="utf-8"), e.source or "", e.line)
    where = f", line {line} of {job.source.name}" if line else ""
    lines = (e.source or "").strip("\n").splitlines()
    shown = lines[e.line - 1] if e.line and 0 < e.line <= len(lines) else (lines or [""])[0]
    code = f": {shown.strip()[:80]}" if shown.strip() else ""
    return (
        f"[fail] notebook {job.source.name} ({job.lang}) failed in cell In [{e.exec_count}]"
        f"{where}{code}\n       {e.ename}: {e.evalue}\n"
        f"       partly executed notebook kept at {rel(kept)}"
    )


def failing_cell_line(source_text: str, cell_source: str, line_in_cell: int | None = None
                      ) -> int | None:
    """Line number in the .py file of a cell's line (its first line by default): the cell is
    found by its whole source, so two cells that start alike are told apart (best effort)."""
    body = cell_source.strip()
    if not body:
        return None
    idx = source_text.find(body)
    if idx < 0:
        idx = source_text.find(body.splitlines()[0])
    if idx < 0:
        return None
    start = source_text[:idx].count("\n") + 1
    if line_in_cell is None:
        return start
    leading = len(cell_source) - len(cell_source.lstrip("\n"))  # blank lines stripped above
    return start + max(0, line_in_cell - 1 - cell_source[:leading].count("\n"))


def alive(pid: int) -> bool:
    """Whether a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def notebook_pools(workers: int) -> Iterator[tuple[ThreadPoolExecutor, ThreadPoolExecutor]]:
    """The build's thread pools: `workers` threads that run notebooks, and one that renders.

    On Ctrl-C or SIGTERM the running notebooks are killed and the queued ones dropped, so the
    build stops within seconds instead of waiting for every kernel to finish. Whichever way the
    block ends, every thread of both pools has ended when it is left, the build's work folder
    is theirs no longer. That includes a thread the interrupt caught between being started and
    being recorded by its pool (ThreadPoolExecutor does one, then the other): its pool's
    shutdown would not wait for it, and it wrote a report into the work folder after the build
    had removed it. Such threads are found by name.
    """
    from concurrent.futures import ThreadPoolExecutor

    names = f"liaoning-pool-{next(_POOLS)}"
    run = ThreadPoolExecutor(workers, thread_name_prefix=f"{names}-run")
    render = ThreadPoolExecutor(1, thread_name_prefix=f"{names}-render")
    try:
        yield run, render
    except BaseException:
        stop_all()
        for pool in (run, render):
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        for pool in (run, render):
            pool.shutdown(wait=True)
        for thread in threading.enumerate():
            if thread.name.startswith(f"{names}-"):
                thread.join()


_POOLS = itertools.count()  # numbers the builds' pools within a process (thread names)


def failures_once(failures: Sequence[str]) -> str:
    """Failure messages with an error already shown (same second line: the exception) given
    once, followed by the notebooks that failed the same way."""
    shown: dict[str, list[str]] = {}
    for msg in failures:
        lines = msg.splitlines()
        error = lines[1].strip() if len(lines) > 1 else msg
        shown.setdefault(error, []).append(msg)
    out = []
    for msgs in shown.values():
        out.append(msgs[0])
        if len(msgs) > 1:
            others = [m.splitlines()[0].split(" notebook ", 1)[-1].split(")")[0] + ")"
                      for m in msgs[1:]]
            out.append(f"       the same error in: {', '.join(others)}")
    return "\n".join(out)
