"""Execute one notebook with papermill in a child process, with a hard time limit.

Several papermill clients in the threads of one process can hang for ever when a kernel dies
while starting (a blocked `kernel_info` send; papermill issues #239 and #711); seen here under
load. A child process can be killed, so a hung or dead kernel becomes a named failure instead
of a build that never returns: a kernel that dies before its first cell is retried once
(start-up races are transient), one that dies in a cell (killed, out of memory) or a notebook
over its time limit never (both name the cell it was running). `stop_all` kills every running
child at once (Ctrl-C, SIGTERM), and a child whose parent is gone stops by itself.

Every wait here has a deadline, the wait for the child's pipes to close included: the child's
own output goes to the build, but what it starts (the kernel and its stand-in) writes to a log
beside the executed notebook, so no process outlives the child holding the build's pipes. A
file system that refuses a write (full, read-only) comes back as that OSError, naming the path.
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
FILE_SYSTEM_EXIT = 4  # ... when the file system refused a write (errno and path on stdout, JSON)
KERNEL_DIED_EXIT = 5  # ... when the kernel died while running (nbclient's DeadKernelError)
DRAIN_SECONDS = 10  # after a kill: how long the child's pipes may take to close
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
    with _LIVE_LOCK:  # a child is started under this lock: it is in _LIVE, or never starts
        _STOPPING.set()
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


def kernel_log(out: Path) -> Path:
    """Where the kernel (and its stand-in) started for `out` write their output."""
    return Path(out).with_name(Path(out).name + ".kernel.log")


def run_isolated(src: Path, out: Path, parameters: dict[str, Any], kernel_name: str,
                 cwd: Path, timeout: float = NOTEBOOK_TIMEOUT, retries: int = 1,
                 zygote_socket: str | None = None) -> None:
    """Execute src into out in a child process; CellError if a cell raised, OSError if the
    file system refused a write, else ExecutionFailed.

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
        with _LIVE_LOCK:  # checked and started in one step: stop_all kills it or it never starts
            if _STOPPING.is_set():
                raise ExecutionFailed("not started: the build was interrupted")
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, start_new_session=True,
                                    env=env)
            _LIVE.add(proc)
        try:
            stdout, stderr = proc.communicate(payload, timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)  # the child, and (through the zygote) every process it started
            _, stderr = _drain(proc)
            raise ExecutionFailed(  # not retried: a notebook that hangs would hang again
                f"did not finish within {timeout:.0f} s (make reports TIMEOUT=<seconds>); "
                "killed", running=_running_cell(stderr)) from None
        except BaseException:
            _kill(proc)
            _drain(proc)
            raise
        finally:
            with _LIVE_LOCK:
                _LIVE.discard(proc)
        if proc.returncode == 0:
            return
        result = _last_json(stdout)
        if proc.returncode == CELL_ERROR_EXIT and result:
            raise CellError(**result)
        if proc.returncode == FILE_SYSTEM_EXIT and result:
            raise OSError(result["errno"], result["strerror"], result["filename"])
        if _STOPPING.is_set():
            raise ExecutionFailed("stopped: the build was interrupted")
        running = _running_cell(stderr)
        if proc.returncode == KERNEL_DIED_EXIT:
            raise ExecutionFailed(
                "the kernel died (it exited, or was killed: out of memory? SIGKILL?)",
                running=running)
        lines = [x for x in (stderr or stdout).strip().splitlines() if not x.startswith(PROGRESS)]
        last = f"exit code {proc.returncode}: {' / '.join(lines[-3:])}{_kernel_said(out)}"
        if running is not None:  # it died inside a cell: running it again would do the same
            raise ExecutionFailed(last, running=running)
    raise ExecutionFailed(last)


def _kill(proc: subprocess.Popen) -> None:
    """Kill the child's process group (the zygote then kills what it forked for the child)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _drain(proc: subprocess.Popen) -> tuple[str, str]:
    """What a killed child still wrote, waiting at most DRAIN_SECONDS for its pipes to close;
    after that the pipes are abandoned (whatever still holds them gets no reader)."""
    try:
        return proc.communicate(timeout=DRAIN_SECONDS)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:
                pass
        proc.wait(timeout=DRAIN_SECONDS)
        return "", ""


def _kernel_said(out: Path) -> str:
    """The last line the kernel of `out` wrote (its log), for a failure message ('' if none)."""
    try:
        lines = kernel_log(out).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    said = [x.strip() for x in lines if x.strip()]
    return f"; the kernel said: {said[-1][:300]}" if said else ""


def _last_json(stdout: str | None) -> dict[str, Any] | None:
    """The JSON object on the child's last line of output (None if there is none)."""
    lines = (stdout or "").strip().splitlines()
    try:
        found = json.loads(lines[-1]) if lines else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def cell_line(traceback: list[str]) -> int | None:
    """The line of the failing cell in IPython's traceback ("Cell In[3], line 31"): the
    outermost frame, which is the cell that was run."""
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(traceback))
    found = re.search(r"Cell In\s*\[\s*\d*\s*\],\s*line (\d+)", text)
    return int(found.group(1)) if found else None


def main(argv: list[str] | None = None) -> int:
    """Child side: parameters as JSON on stdin; exit 0, or CELL_ERROR_EXIT, FILE_SYSTEM_EXIT or
    KERNEL_DIED_EXIT with JSON on stdout."""
    import errno

    import papermill
    from papermill.exceptions import PapermillExecutionError

    src, out, kernel_name, cwd = (argv if argv is not None else sys.argv[1:])[:4]
    parameters = json.loads(sys.stdin.read() or "{}")
    _own_output(kernel_log(Path(out)))
    _watch_parent()

    def progress(cell: Any, cell_index: int, **_: Any) -> None:
        sys.stderr.write(PROGRESS + json.dumps(cell.source) + "\n")
        sys.stderr.flush()

    from reporting.kernelclient import ReadyKernelManager

    try:
        _private_temp(Path(out))
        papermill.execute_notebook(
            src, out, parameters=parameters, kernel_name=kernel_name, language="python",
            cwd=cwd, progress_bar=False, log_output=False, start_timeout=START_TIMEOUT,
            request_save_on_cell_execute=False,  # papermill still saves a failed notebook
            on_cell_start=progress,
            kernel_manager_class=ReadyKernelManager,  # ready on the kernel's word, no wait
        )
    except PapermillExecutionError as e:
        print(json.dumps({"exec_count": e.exec_count, "source": e.source or "",
                          "ename": e.ename, "evalue": e.evalue,
                          "line": cell_line(e.traceback or [])}), flush=True)
        return CELL_ERROR_EXIT
    except OSError as e:
        if e.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EPERM, errno.EACCES):
            raise
        print(json.dumps({"errno": e.errno, "strerror": e.strerror,
                          "filename": e.filename or out}), flush=True)
        return FILE_SYSTEM_EXIT
    except Exception as e:
        if type(e).__name__ != "DeadKernelError":
            raise
        return KERNEL_DIED_EXIT
    return 0


def _private_temp(out: Path) -> None:
    """Temporary files of this runner (jupyter_client's connection file) in a folder beside
    `out`, inside the build's work folder, which the build removes whatever happens: a runner
    that fails or is killed leaves nothing in the system's temporary folder."""
    import tempfile

    folder = out.with_name(out.name + ".tmp")
    folder.mkdir(exist_ok=True)
    tempfile.tempdir = str(folder)


def _own_output(log: Path) -> None:
    """Keep this runner's stdout and stderr (the build's pipes) to itself: its own writes go
    to private copies of them, and what it starts (the kernel) inherits `log` instead (or
    /dev/null where the log cannot be opened: a full disk)."""
    for fd, name in ((1, "stdout"), (2, "stderr")):
        sys.stdout.flush() if fd == 1 else sys.stderr.flush()
        own = os.dup(fd)  # not inheritable: children never get it
        setattr(sys, name, open(own, "w", buffering=1, encoding="utf-8",  # noqa: SIM115
                                errors="replace"))
    try:
        target = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except OSError:
        target = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(target, fd)
    os.close(target)


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
