"""Notebooks run in a killable child: a hung or dead kernel is a named failure, not a hang.

Each test runs twice: the child and its kernel started from scratch, and both forked from a
zygote with the report kernel spec (what `make reports` does).
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import nbformat
import pytest
from conftest import process_gone

import reporting as b
import reporting.zygote as zygote
from reporting.execute import CellError, ExecutionFailed, run_isolated


@pytest.fixture(scope="module")
def zygote_socket(tmp_path_factory):
    """A zygote with papermill and ipykernel imported, and the forked kernel spec on the path."""
    where = tmp_path_factory.mktemp("execute-zygote")
    preload = ("papermill", "ipykernel.kernelapp", "ipykernel.ipkernel")
    with zygote.running(b.kernel_env(where / "pycache"), where, preload) as env:
        b.write_kernelspec(where / "jupyter", env, forked=True)
        yield str(where / "jupyter"), env[zygote.SOCKET_ENV]


@pytest.fixture(params=["fresh", "forked"])
def mode(request, monkeypatch):
    """(kernel name, zygote socket or None) for run_isolated."""
    if request.param == "fresh":
        return "python3", None
    if not zygote.available():
        pytest.skip("kernels are forked on Linux only")
    jupyter_path, socket_path = request.getfixturevalue("zygote_socket")
    monkeypatch.setenv("JUPYTER_PATH", jupyter_path)
    return b.KERNEL_NAME, socket_path


def _notebook(tmp_path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    return path


def test_runs_a_notebook_with_parameters(tmp_path: Path, mode):
    src = _notebook(tmp_path, "x = 1", "print(x * 7)",
                    "import sys; print('forked' if 'papermill' in sys.modules else 'fresh')")
    src_nb = nbformat.read(src, as_version=4)
    src_nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(src_nb, src)
    out = tmp_path / "out.ipynb"
    run_isolated(src, out, {"x": 6}, mode[0], tmp_path, zygote_socket=mode[1])
    texts = [o.get("text") for c in nbformat.read(out, as_version=4).cells
             for o in c.get("outputs", [])]
    assert "42\n" in texts
    # a kernel forked from the zygote has its modules (papermill) imported already
    assert ("forked\n" if mode[1] else "fresh\n") in texts


def test_cell_error_is_reported_with_its_cell(tmp_path: Path, mode):
    src = _notebook(tmp_path, "a = 1", "1 / 0")
    with pytest.raises(CellError) as info:
        run_isolated(src, tmp_path / "out.ipynb", {}, mode[0], tmp_path, zygote_socket=mode[1])
    assert info.value.ename == "ZeroDivisionError" and info.value.source == "1 / 0"
    assert (tmp_path / "out.ipynb").exists()  # the partly executed notebook is kept


def test_hung_notebook_is_killed_and_named_and_its_kernel_goes_too(tmp_path: Path, mode):
    pid_file = tmp_path / "kernel.pid"
    src = _notebook(tmp_path, f"import os; open({str(pid_file)!r}, 'w').write(str(os.getpid()))",
                    "import time; time.sleep(600)")
    t0 = time.perf_counter()
    with pytest.raises(ExecutionFailed, match="did not finish within 8 s"):
        # the build's one retry stays: it is for a kernel dying as it starts (a port taken by
        # another process of the parallel tests), never for a timeout
        run_isolated(src, tmp_path / "out.ipynb", {}, mode[0], tmp_path, timeout=8,
                     zygote_socket=mode[1])
    assert time.perf_counter() - t0 < 30
    pid = int(pid_file.read_text())
    assert process_gone(pid, within=15), f"the hung notebook's kernel (pid {pid}) still runs"


@pytest.mark.parametrize("how", ["os._exit(1)", "os.kill(os.getpid(), signal.SIGKILL)"])
def test_dead_kernel_is_a_failure_naming_its_cell_not_a_hang(tmp_path: Path, mode, how):
    # issue 23 case 8: a killed kernel (SIGKILL, out of memory) named the notebook, not the cell
    runs = tmp_path / "runs.txt"
    src = _notebook(tmp_path, f"open({str(runs)!r}, 'a').write('ran\\n')",
                    f"import os, signal\n{how}")
    with pytest.raises(ExecutionFailed, match="the kernel died") as info:
        run_isolated(src, tmp_path / "out.ipynb", {}, mode[0], tmp_path, timeout=120,
                     zygote_socket=mode[1])
    assert info.value.running == f"import os, signal\n{how}"
    assert runs.read_text() == "ran\n", "a kernel that died in a cell is not run again"


def test_cell_error_names_the_line_within_the_cell(tmp_path: Path):
    src = _notebook(tmp_path, "a = 1\nb = 2\nc = a / 0\nd = 4")
    with pytest.raises(CellError) as info:
        run_isolated(src, tmp_path / "out.ipynb", {}, "python3", tmp_path)
    assert info.value.line == 3


def test_a_process_left_holding_output_cannot_stall_the_timeout(tmp_path: Path, mode):
    # issue 23 case 2: a process the notebook's kernel started (re-parented, in a session of its
    # own) held the runner's output pipes, and the driver waited for their end of file for ever
    import threading

    pid_file = tmp_path / "sleeper.pid"
    src = _notebook(tmp_path, "import subprocess\n"
                              "p = subprocess.Popen(['sleep', '300'], start_new_session=True)\n"
                              f"open({str(pid_file)!r}, 'w').write(str(p.pid))",
                    "import time; time.sleep(600)")
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            run_isolated(src, tmp_path / "out.ipynb", {}, mode[0], tmp_path, timeout=8,
                         zygote_socket=mode[1])
        except BaseException as e:  # noqa: BLE001 - kept for the assertion
            outcome.append(e)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=120)  # a hang guard, not a speed goal
    sleeper = int(pid_file.read_text())
    try:
        assert not worker.is_alive(), "run_isolated still waits after its timeout"
        assert isinstance(outcome[0], ExecutionFailed) and "within 8 s" in str(outcome[0])
        assert outcome[0].running == "import time; time.sleep(600)"
    finally:
        os.kill(sleeper, signal.SIGKILL)


def test_a_stop_while_a_notebook_child_starts_kills_it_or_it_never_starts(tmp_path, monkeypatch):
    # CI (stop 28): Ctrl-C's stop_all ran while a runner thread was between its "stopping?" check
    # and recording its child; the child was never killed and the build waited for a notebook
    # stuck in a loop. Here stop_all runs in another thread while the child is being started.
    import subprocess
    import threading

    import reporting.execute as execute

    real_popen = subprocess.Popen
    stopper: list[threading.Thread] = []

    def popen_while_stopping(cmd, **kwargs):
        proc = real_popen(["sleep", "60"], **kwargs)  # a notebook that would not end by itself
        stopper.append(threading.Thread(target=execute.stop_all))
        stopper[0].start()
        stopper[0].join(timeout=0.5)  # it either waits for this start, or has stopped already
        return proc

    monkeypatch.setattr(execute.subprocess, "Popen", popen_while_stopping)
    try:
        t0 = time.monotonic()
        with pytest.raises(ExecutionFailed, match="interrupted"):
            run_isolated(tmp_path / "nb.ipynb", tmp_path / "out.ipynb", {}, "python3", tmp_path,
                         timeout=20, retries=0)
        assert time.monotonic() - t0 < 10, "the child was left running until its time limit"
    finally:
        execute.allow_runs()
