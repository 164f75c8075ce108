"""Execute one notebook with papermill in a child process, with a hard time limit.

Several papermill clients in the threads of one process can hang for ever when a kernel dies
while starting (a blocked `kernel_info` send; papermill issues #239 and #711); seen here under
load. A child process can be killed, so a hung or dead kernel becomes a named failure instead
of a build that never returns: a dead kernel is retried once (start-up races are transient), a
notebook over its time limit never (it names the cell it was running). `stop_all` kills every
running child at once (Ctrl-C, SIGTERM), and a child whose parent is gone stops by itself.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import reporting.zygote as zygote

NOTEBOOK_TIMEOUT = 900.0  # seconds for one notebook, kernel start included
START_TIMEOUT = 120  # seconds for the kernel to answer its first request
CELL_ERROR_EXIT = 3  # child's exit code when a cell raised (details on stdout, JSON)
RUNNER = "reporting.execute"  # this module, as run by `python -m` or the zygote


@dataclass
class CellError(Exception):
    """A cell of the notebook raised: where and what (from papermill's execution error)."""

    exec_count: int | None
    source: str
    ename: str
    evalue: str
    line: int | None = None  # line of the cell being run when it raised (from the traceback)


class ExecutionFailed(RuntimeError):
    """The notebook could not be run to the end for a reason other than a cell's error;
    `running` is the source of the cell that was running when it timed out, if known."""

    def __init__(self, message: str, running: str | None = None) -> None:
        super().__init__(message)
        self.running = running


_LIVE: set[subprocess.Popen] = set()  # children running now (for stop_all)
_LIVE_LOCK = threading.Lock()
_STOPPING = threading.Event()
PROGRESS = "@@liaoning-cell "  # child's stderr line before each cell: PROGRESS + JSON source


def stop_all() -> None:
    """Kill every running notebook child (and its kernel) and refuse to start new ones."""
    _STOPPING.set()
    with _LIVE_LOCK:
        live = list(_LIVE)
    for proc in live:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def allow_runs() -> None:
    """Undo stop_all (a new build in the same process)."""
    _STOPPING.clear()


def _running_cell(stderr: str) -> str | None:
    """Source of the last cell the child said it started (None if it started none)."""
    for line in reversed((stderr or "").splitlines()):
        if line.startswith(PROGRESS):
            try:
                return json.loads(line[len(PROGRESS):])
            except ValueError:
                return None
    return None


def run_isolated(src: Path, out: Path, parameters: dict[str, Any], kernel_name: str,
                 cwd: Path, timeout: float = NOTEBOOK_TIMEOUT, retries: int = 1,
                 zygote_socket: str | None = None) -> None:
    """Execute src into out in a child process; CellError if a cell raised, else ExecutionFailed.

    With `zygote_socket` (see `reporting.zygote`) the child is forked from the build's zygote,
    which has papermill imported already, instead of started from scratch.
    """
    args = [str(src), str(out), kernel_name, str(cwd)]
    env = None
    if zygote_socket:
        cmd = zygote.runner_argv(RUNNER, *args)
        env = {**os.environ, zygote.SOCKET_ENV: zygote_socket}
    else:
        cmd = [sys.executable, "-m", RUNNER, *args]
    payload = json.dumps(parameters)
    last = ""
    for _attempt in range(retries + 1):
        if _STOPPING.is_set():
            raise ExecutionFailed("not started: the build was interrupted")
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True,
                                env=env)
        with _LIVE_LOCK:
            _LIVE.add(proc)
        try:
            stdout, stderr = proc.communicate(payload, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the child and the kernel it started
            _, stderr = proc.communicate()
            raise ExecutionFailed(  # not retried: a notebook that hangs would hang again
                f"did not finish within {timeout:.0f} s (make reports TIMEOUT=<seconds>); "
                "killed", running=_running_cell(stderr)) from None
        finally:
            with _LIVE_LOCK:
                _LIVE.discard(proc)
        if proc.returncode == 0:
            return
        if proc.returncode == CELL_ERROR_EXIT:
            raise CellError(**json.loads(stdout.strip().splitlines()[-1]))
        if _STOPPING.is_set():
            raise ExecutionFailed("stopped: the build was interrupted")
        lines = [x for x in (stderr or stdout).strip().splitlines() if not x.startswith(PROGRESS)]
        last = f"exit code {proc.returncode}: {' / '.join(lines[-3:])}"
    raise ExecutionFailed(last)


def cell_line(traceback: list[str]) -> int | None:
    """The line of the failing cell in IPython's traceback ("Cell In[3], line 31"): the
    outermost frame, which is the cell that was run."""
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(traceback))
    found = re.search(r"Cell In\s*\[\s*\d*\s*\],\s*line (\d+)", text)
    return int(found.group(1)) if found else None


def main(argv: list[str] | None = None) -> int:
    """Child side: parameters as JSON on stdin; exit 0, or CELL_ERROR_EXIT with JSON on stdout."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    src, out, kernel_name, cwd = (argv if argv is not None else sys.argv[1:])[:4]
    parameters = json.loads(sys.stdin.read() or "{}")
    _watch_parent()

    def progress(cell: Any, cell_index: int, **_: Any) -> None:
        sys.stderr.write(PROGRESS + json.dumps(cell.source) + "\n")
        sys.stderr.flush()

    try:
        papermill.execute_notebook(
            src, out, parameters=parameters, kernel_name=kernel_name, language="python",
            cwd=cwd, progress_bar=False, log_output=False, start_timeout=START_TIMEOUT,
            request_save_on_cell_execute=False,  # papermill still saves a failed notebook
            on_cell_start=progress,
        )
    except PapermillExecutionError as e:
        print(json.dumps({"exec_count": e.exec_count, "source": e.source or "",
                          "ename": e.ename, "evalue": e.evalue,
                          "line": cell_line(e.traceback or [])}))
        return CELL_ERROR_EXIT
    return 0


def _watch_parent(every: float = 0.5) -> None:
    """Stop this runner if the build that started it is gone (killed, SIGKILL): interrupt
    papermill, which shuts its kernel down, then leave for good a few seconds later."""
    import _thread
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        _thread.interrupt_main()
        time.sleep(5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
