"""Kernels forked from the build's zygote behave as ordinary kernels, and fall back to them."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import process_gone, running_kernel
from jupyter_client.manager import KernelManager

import reporting as b
import reporting.zygote as zygote
from reporting.kernels import jupyter_path

pytestmark = pytest.mark.skipif(not zygote.available(),
                                reason="kernels are forked on Linux only")

# A module no kernel imports by itself marks a zygote-forked kernel; small, so start-up is quick.
MARKER = "tomllib"
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", MARKER)


@pytest.fixture(scope="module")
def zygote_env(tmp_path_factory) -> Iterator[dict[str, str]]:
    """Kernel spec env reaching a zygote that runs for this module's tests."""
    where = tmp_path_factory.mktemp("zygote")
    with zygote.running(b.kernel_env(where / "pycache"), where, PRELOAD) as env:
        yield env


@contextmanager
def kernel(tmp_path: Path, env: dict[str, str], headless: bool = False
           ) -> Iterator[tuple[KernelManager, object]]:
    """A running kernel from the forked report kernel spec (the build's: `headless`), with its
    client."""
    spec_dir = tmp_path / "jupyter"
    b.write_kernelspec(spec_dir, {**env, "FIXTURE_VAR": "from-spec"}, forked=True,
                       headless=headless)

    def start() -> KernelManager:
        with jupyter_path(spec_dir):
            km = KernelManager(kernel_name=b.KERNEL_NAME)
            km.start_kernel(cwd=str(tmp_path))
        return km

    with running_kernel(start, timeout=60) as (km, kc):
        yield km, kc


def run(kc, code: str, timeout: float = 30) -> str:
    """Execute code; its stdout text (fails the test on an error reply)."""
    out: list[str] = []

    def hook(msg) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    reply = kc.execute_interactive(code, output_hook=hook, timeout=timeout)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out)


def test_kernel_is_forked_with_the_preloaded_modules_cwd_and_env(zygote_env, tmp_path):
    with kernel(tmp_path, zygote_env) as (km, kc):
        stand_in = km.provisioner.process.pid
        out = run(kc, f"import os, sys; print({MARKER!r} in sys.modules, os.getpid(), "
                      "os.getcwd(), os.environ.get('FIXTURE_VAR'), os.environ.get('MPLBACKEND'))")
        preloaded, pid, cwd, var, backend = out.split()
        assert preloaded == "True"
        assert int(pid) != stand_in  # the kernel is the zygote's child, not the stand-in
        assert cwd == str(tmp_path) and var == "from-spec"
        assert backend == b.KERNEL_ENV["MPLBACKEND"]
        assert run(kc, "x = 6 * 7\nprint(x)") == "42\n"
        # the zygote froze what it imported: a collection in the kernel passes over it
        frozen, enabled = run(kc, "import gc; print(gc.get_freeze_count(), gc.isenabled())").split()
        assert int(frozen) > 10_000 and enabled == "True"


def test_the_builds_kernels_keep_no_history_and_peoples_kernels_do(zygote_env, tmp_path):
    code = "print(get_ipython().history_manager.enabled)"
    with kernel(tmp_path / "build", zygote_env, headless=True) as (_km, kc):
        assert run(kc, code) == "False\n"
    with kernel(tmp_path / "lab", zygote_env) as (_km, kc):
        assert run(kc, code) == "True\n"


@pytest.mark.parametrize("socket_path", [None, "missing"])
def test_without_a_reachable_zygote_the_stand_in_becomes_an_ordinary_kernel(
        tmp_path, socket_path):
    env = b.kernel_env(tmp_path / "pycache")
    if socket_path:
        env[zygote.SOCKET_ENV] = str(tmp_path / socket_path)
    with kernel(tmp_path, env) as (km, kc):
        out = run(kc, f"import os, sys; print({MARKER!r} in sys.modules, os.getpid())")
        preloaded, pid = out.split()
        assert preloaded == "False" and int(pid) == km.provisioner.process.pid


def test_figures_still_show_inline_in_a_forked_kernel(zygote_env, tmp_path):
    with kernel(tmp_path, zygote_env) as (_km, kc):
        mimes: list[str] = []

        def hook(msg) -> None:
            if msg["msg_type"] == "display_data":
                mimes.extend(msg["content"]["data"])

        kc.execute_interactive("import matplotlib.pyplot as plt\nplt.plot([1, 2])",
                               output_hook=hook, timeout=60)
        assert "image/png" in mimes


def test_killing_the_stand_in_kills_its_kernel(zygote_env, tmp_path):
    with kernel(tmp_path, zygote_env) as (km, kc):
        pid = int(run(kc, "import os; print(os.getpid())"))
        os.kill(km.provisioner.process.pid, signal.SIGKILL)
        assert process_gone(pid, within=10), "kernel outlived its stand-in"


def test_interrupt_reaches_the_forked_kernel(zygote_env, tmp_path):
    with kernel(tmp_path, zygote_env) as (km, kc):
        msg_id = kc.execute("import time; time.sleep(60)")
        time.sleep(1.0)
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=20)
        assert reply["parent_header"]["msg_id"] == msg_id
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "KeyboardInterrupt"


def test_kernel_exit_status_is_the_stand_ins(zygote_env, tmp_path):
    with kernel(tmp_path, zygote_env) as (km, kc):
        kc.execute("import os; os._exit(3)")
        assert km.provisioner.process.wait(timeout=20) == 3


def test_usage_error_for_an_unknown_command(capsys):
    assert zygote.main(["bogus"]) == 2
    assert "usage" in capsys.readouterr().err


# What a notebook could see of its surroundings, in a form that compares equal across processes.
STATE = """
import importlib, json, sys, warnings
for name in PRELOAD:  # a fresh kernel imports them itself; a forked one has them already
    importlib.import_module(name)
import numpy as np, pandas as pd, matplotlib as mpl, matplotlib.pyplot as plt
options = {k: repr(pd.get_option(k)) for k in
           ("display.max_columns", "display.width", "display.max_rows", "display.precision")}
state = {
    "pandas": options,
    "matplotlib": {k: repr(v) for k, v in sorted(mpl.rcParams.items())},
    "backend": mpl.get_backend(),
    "numpy": repr(np.get_printoptions()),
    "warnings": [(f[0], getattr(f[1], "pattern", f[1]), getattr(f[2], "__name__", str(f[2])),
                  getattr(f[3], "pattern", f[3]), f[4]) for f in warnings.filters],
    "stdout_tty": sys.stdout.isatty(),
    "flags": repr(sys.flags),
    "sys_path": sys.path,  # ipykernel_launcher takes the cwd off it; so must the zygote
    "hash": hash("liaoning"),
}
print(json.dumps(state, sort_keys=True))
"""


def test_a_forked_kernel_sees_what_a_fresh_kernel_sees(tmp_path):
    """The real preload list: pandas options, matplotlib settings, warning filters and the
    rest are as in a kernel that imported everything itself (import-time sensing included)."""
    import json

    env = b.kernel_env(tmp_path / "pycache")
    with kernel(tmp_path / "a", env) as (_km, kc):
        fresh = json.loads(run(kc, f"PRELOAD = {zygote.PRELOAD!r}\n{STATE}", timeout=120))
    with zygote.running(env, tmp_path) as forked_env, \
            kernel(tmp_path / "b", forked_env) as (_km, kc):
        assert run(kc, "import sys; print('statsmodels' in sys.modules)") == "True\n"
        # nbformat's validator compiled once in the zygote, not in every notebook runner
        assert run(kc, "import nbformat.validator as v; print(len(v.validators))") == "1\n"
        forked = json.loads(run(kc, f"PRELOAD = {zygote.PRELOAD!r}\n{STATE}", timeout=120))
    # The kernel's shell adds one filter of its own when it starts (ignore Trio's signal
    # warning): before the libraries' filters in a fresh kernel, after them in a forked one.
    # Filters that match different warnings do not interact, so compare them as a collection.
    for state in (fresh, forked):
        state["warnings"] = sorted(state["warnings"], key=repr)
    for key in fresh:
        assert forked[key] == fresh[key], key


def test_a_stand_in_waits_briefly_for_a_zygote_still_starting(tmp_path):
    import socket
    import threading

    path = str(tmp_path / "socket")

    def late_listener() -> None:
        time.sleep(0.3)
        server.bind(path)
        server.listen(1)

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    threading.Thread(target=late_listener).start()
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    zygote._connect(client, path)  # raises if it gave up at once
    client.close()
    server.close()
    with pytest.raises(FileNotFoundError):
        zygote._connect(socket.socket(socket.AF_UNIX), str(tmp_path / "never"), patience=0.2)


def test_a_stand_in_gone_before_its_answer_leaves_no_process_and_the_zygote_serves_on(tmp_path):
    # CI (stop 28): Ctrl-C killed a runner's stand-in while the zygote was still importing; the
    # zygote then forked the runner, failed to answer the gone stand-in and died of it, and the
    # orphaned runner went on writing into the build's work folder after the build had removed it.
    import json
    import socket
    import subprocess
    import sys

    (tmp_path / "slow_preload.py").write_text("import time\ntime.sleep(1.5)\n")
    (tmp_path / "writes_late.py").write_text(
        "import sys, time\n\ndef main(args):\n    time.sleep(1.0)\n"
        "    open(args[0], 'w').write('ran')\n    return 0\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    orphan, served = tmp_path / "orphan.txt", tmp_path / "served.txt"
    with zygote.running({"PYTHONPATH": env["PYTHONPATH"]}, tmp_path, ("slow_preload",)) as zenv:
        stand_in = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # what `launch` sends
        stand_in.connect(zenv[zygote.SOCKET_ENV])
        request = {"kind": "run", "args": ["writes_late", str(orphan)], "cwd": str(tmp_path),
                   "env": env}
        with open(os.devnull, "r+b") as null:
            socket.send_fds(stand_in, [json.dumps(request).encode() + b"\n"], [null.fileno()] * 3)
        stand_in.close()  # killed before the zygote, still importing, answers
        time.sleep(3.5)  # the imports end, the runner is forked; it would write after 1 s
        assert not orphan.exists(), "the zygote's child for a gone stand-in went on running"
        done = subprocess.run(zygote.runner_argv("writes_late", str(served)),
                              env={**env, zygote.SOCKET_ENV: zenv[zygote.SOCKET_ENV]},
                              timeout=60, capture_output=True)
        # main() ran, so the zygote forked it (`python -m writes_late`, the stand-in's way
        # without a zygote, would not call main)
        assert done.returncode == 0 and served.read_text() == "ran", "the zygote stopped serving"


@pytest.mark.parametrize("parent_waits", [True, False])
def test_a_stand_in_left_without_answer_starts_its_process_only_for_a_parent(tmp_path,
                                                                               parent_waits):
    # A build being stopped stops its zygote while stand-ins wait for an answer; one whose
    # runner is already gone started an ordinary kernel for nobody, which recreated its folder
    # in the removed work folder. With its parent alive it still starts one (no zygote: as usual).
    import socket
    import subprocess
    import sys
    import threading

    (tmp_path / "marks.py").write_text("import sys\nopen(sys.argv[1], 'w').write('ran')\n")
    path, mark = str(tmp_path / "socket"), tmp_path / "mark.txt"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)

    connected = threading.Event()

    def answer_nothing() -> None:  # a zygote stopped before it answered
        conn, _ = server.accept()
        connected.set()
        time.sleep(1.0)  # (the parent that does not wait has left by now)
        conn.close()

    threading.Thread(target=answer_nothing, daemon=True).start()
    env = {**os.environ, zygote.SOCKET_ENV: path,
           "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    parent = subprocess.Popen(  # starts the stand-in, says its pid, waits for a line of input
        [sys.executable, "-c", "import subprocess, sys; p = subprocess.Popen(sys.argv[1:]); "
         "print(p.pid, flush=True); sys.stdin.readline(); "
         + ("p.wait()" if parent_waits else "pass"),
         *zygote.runner_argv("marks", str(mark))],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    stand_in = int(parent.stdout.readline())
    assert connected.wait(timeout=60), "the stand-in never asked"
    parent.stdin.write("go\n")  # the stand-in waits for its answer: its parent leaves or waits
    parent.stdin.flush()
    parent.wait(timeout=60)
    assert process_gone(stand_in, within=60)  # it ended, or ran `marks` (which writes) and ended
    server.close()
    assert mark.exists() == parent_waits
