"""Execute one notebook with papermill in a child process, with a hard time limit.

Several papermill clients in the threads of one process can hang for ever when a kernel dies
while starting (a blocked `kernel_info` send; papermill issues #239 and #711); seen here under
load. A child process can be killed, so a hung or dead kernel becomes a named failure (retried
once, since start-up races are transient) instead of a build that never returns.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.build import zygote

NOTEBOOK_TIMEOUT = 900.0  # seconds for one notebook, kernel start included
START_TIMEOUT = 120  # seconds for the kernel to answer its first request
CELL_ERROR_EXIT = 3  # child's exit code when a cell raised (details on stdout, JSON)
RUNNER = "analysis.build.execute"  # this module, as run by `python -m` or the zygote


@dataclass
class CellError(Exception):
    """A cell of the notebook raised: where and what (from papermill's execution error)."""

    exec_count: int | None
    source: str
    ename: str
    evalue: str
    line: int | None = None  # line of the cell being run when it raised (from the traceback)


class ExecutionFailed(RuntimeError):
    """The notebook could not be run to the end for a reason other than a cell's error."""


def run_isolated(src: Path, out: Path, parameters: dict[str, Any], kernel_name: str,
                 cwd: Path, timeout: float = NOTEBOOK_TIMEOUT, retries: int = 1,
                 zygote_socket: str | None = None) -> None:
    """Execute src into out in a child process; CellError if a cell raised, else ExecutionFailed.

    With `zygote_socket` (see `analysis.build.zygote`) the child is forked from the build's zygote,
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
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True,
                                env=env)
        try:
            stdout, stderr = proc.communicate(payload, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the child and the kernel it started
            proc.communicate()
            last = f"did not finish within {timeout:.0f} s (kernel hung or died)"
            continue
        if proc.returncode == 0:
            return
        if proc.returncode == CELL_ERROR_EXIT:
            raise CellError(**json.loads(stdout.strip().splitlines()[-1]))
        tail = (stderr or stdout).strip().splitlines()[-3:]
        last = f"exit code {proc.returncode}: {' / '.join(tail)}"
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
    try:
        papermill.execute_notebook(
            src, out, parameters=parameters, kernel_name=kernel_name, language="python",
            cwd=cwd, progress_bar=False, log_output=False, start_timeout=START_TIMEOUT,
            request_save_on_cell_execute=False,  # papermill still saves a failed notebook
        )
    except PapermillExecutionError as e:
        print(json.dumps({"exec_count": e.exec_count, "source": e.source or "",
                          "ename": e.ename, "evalue": e.evalue,
                          "line": cell_line(e.traceback or [])}))
        return CELL_ERROR_EXIT
    return 0


if __name__ == "__main__":
    sys.exit(main())
