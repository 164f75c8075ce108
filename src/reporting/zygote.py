"""Fork report kernels from one process that has already imported the scientific stack.

A fresh kernel spends about 4 s of CPU importing ipykernel, pandas, scipy, statsmodels and
matplotlib before its first cell does any work, and the build runs one kernel per notebook on
two cores. The build therefore starts one *zygote* (`serve`), which imports those libraries once
and forks a kernel on request. The report kernel spec runs `launch`, a small stand-in process
that asks the zygote for a kernel, hands it its stdin/stdout/stderr, working directory and
environment, relays signals to it and exits with its status; if the stand-in is killed, the
zygote kills the kernel. Every kernel is still a fresh process of its own: it shares imported
modules, never notebook state. Without a zygote (socket unset, unreachable, or the zygote gone
before answering) the stand-in becomes an ordinary kernel, so the spec always works.
Any other module's `main(args)` can be forked the same way (`run MODULE ARGS...`); the notebook
runners (`reporting.execute`, papermill) are. The zygote imports no module of the build.

Only light standard-library modules are imported at module level: the stand-in (two per
notebook) must start in milliseconds; the zygote's own needs are imported where used.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import socket
import sys
import time
from collections.abc import Iterator, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (stand-in start-up)
if TYPE_CHECKING:
    from pathlib import Path

SOCKET_ENV = "LIAONING_KERNEL_ZYGOTE"
# A process forked for `run` (a notebook runner) leads a process group of its own; the kernels
# it starts (forked too, on a request that carries this variable) join that group, so ending
# the group ends the runner with everything it started (the zygote does, when the runner's
# stand-in goes).
GROUP_ENV = "LIAONING_ZYGOTE_GROUP"
REPLY_SECONDS = 60  # how long a stand-in waits for the zygote's answer before going without
PARENT_ENV = "LIAONING_ZYGOTE_PARENT"  # the build's pid: the zygote ends when it is gone
FOLDER_PREFIX = "liaoning-zygote-"  # temporary folder of a zygote's socket and log
SOCKET_PATH_MAX = 107  # bytes of a Unix socket's path on Linux (sun_path, less its NUL)
# Imported once in the zygote: what every report kernel would otherwise import for itself.
# Third-party modules only, so nothing of this project is frozen before a notebook runs. Not
# matplotlib_inline.backend_inline: on import it hooks figure display into the running IPython
# shell, which exists only in the kernel (imported here, figures would silently not show).
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "numpy",
    "pandas",
    "scipy.stats",
    "statsmodels.regression.linear_model",
    "matplotlib.pyplot",
    "frictionless",
    "papermill",  # for the notebook runners (`reporting.execute`), also forked from here
    # what a kernel imports while it starts (debugger support, history, process info)
    "ipykernel.debugger",
    "IPython.core.debugger",
    "IPython.core.completerlib",
    "IPython.extensions.storemagic",
    "psutil",
    "sqlite3",
    "tornado.platform.asyncio",
    "tornado.queues",
    # what the notebooks' figures and tables need besides
    "matplotlib.backends.backend_agg",
    "PIL.PngImagePlugin",
    "pandas.io.formats.style",  # the tables' Styler, with jinja2 (about 30 ms a kernel)
)
# One BLAS thread: forking a process whose BLAS pool is running is not safe everywhere, and two
# kernels already fill the two cores. The matrices here are tiny, so results do not change.
THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
PYTHON_FLAGS = ("-Xfrozen_modules=off",)  # as the ordinary kernel spec (debugger support)
_RELAYED = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT",
                                                    "SIGUSR1") if hasattr(signal, name))


def available() -> bool:
    """Whether kernels can be forked here: Linux only. macOS makes fork after some system
    libraries (Accelerate, the Objective-C runtime) unsafe, which is why Python itself stopped
    forking there by default; Windows has no fork."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def kernel_argv(*args: str) -> list[str]:
    """Command line of an ordinary kernel with these ipykernel arguments."""
    return [sys.executable, *PYTHON_FLAGS, "-m", "ipykernel_launcher", *args]


def launcher_argv(*args: str) -> list[str]:
    """Kernel spec argv: the stand-in that asks the zygote for a kernel (with these ipykernel
    arguments besides the connection file)."""
    return [sys.executable, "-m", "reporting.zygote", "launch", "-f", "{connection_file}", *args]


# ---------------------------------------------------------------------------- stand-in side


def _readline(sock: socket.socket) -> bytes:
    """One newline-terminated message from the zygote (b'' if it closed first)."""
    buf = b""
    while not buf.endswith(b"\n"):
        chunk = sock.recv(1)
        if not chunk:
            return b""
        buf += chunk
    return buf


def runner_argv(module: str, *args: str) -> list[str]:
    """Command line of a stand-in that runs `module.main(args)` forked from the zygote."""
    return [sys.executable, "-m", "reporting.zygote", "run", module, *args]


def _fallback_argv(kind: str, args: Sequence[str]) -> list[str]:
    """What the stand-in becomes when there is no zygote: the ordinary process for `kind`
    ("kernel", or "run" with the module first in args)."""
    if kind == "kernel":
        return kernel_argv(*args)
    return [sys.executable, "-m", *args]


def _connect(sock: socket.socket, path: str, patience: float = 2.0) -> None:
    """Connect to the zygote, waiting briefly if it is between binding and listening."""
    deadline = time.monotonic() + patience
    while True:
        try:
            sock.connect(path)
            return
        except (FileNotFoundError, ConnectionRefusedError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def launch(kind: str, args: Sequence[str]) -> int:
    """Stand-in: get a forked `kind` process from the zygote and live as long as it does.

    It relays signals to that process and, like ipykernel's parent poller, kills it if its own
    parent goes away (the zygote also kills it if this stand-in is killed).
    """
    path = os.environ.get(SOCKET_ENV)
    parent = os.getppid()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    reply = b""
    if path:
        try:
            _connect(sock, path)
            sock.settimeout(REPLY_SECONDS)
            request = {"kind": kind, "args": list(args), "cwd": os.getcwd(),
                       "env": dict(os.environ)}
            socket.send_fds(sock, [json.dumps(request).encode() + b"\n"], [0, 1, 2])
            reply = _readline(sock)
        except OSError:
            reply = b""
    if not reply:  # no zygote, or it went before forking: be the ordinary process instead,
        sock.close()  # unless whoever started us is gone (a build being stopped stopped it)
        if os.getppid() != parent:
            return 1
        argv = _fallback_argv(kind, args)
        os.execv(argv[0], argv)
    pid = int(json.loads(reply)["pid"])

    def relay(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    for sig in _RELAYED:
        signal.signal(sig, relay)
    sel = selectors.DefaultSelector()
    sel.register(sock, selectors.EVENT_READ)
    while not sel.select(timeout=1.0):
        if os.getppid() != parent:  # orphaned: whoever started us is gone
            relay(signal.SIGKILL, None)
            return 1
    status = _readline(sock)
    if not status:
        return 1  # zygote died: it took the process with it
    return int(json.loads(status)["returncode"])


# ---------------------------------------------------------------------------- zygote side


def _exit_code(status: int) -> int:
    """Shell-style return code of a waitpid status (128 + signal for a killed kernel)."""
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def _run_child(request: dict, fds: Sequence[int], listener: socket.socket,
               conns: Sequence[socket.socket], wakeup: Sequence[int]) -> None:
    """In the forked child: take over the stand-in's stdio, cwd and env, then do the work."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, signal.SIGTERM, *_RELAYED):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        listener.close()
        for c in conns:
            c.close()
        for fd in wakeup:
            os.close(fd)
        for target, fd in enumerate(fds[:3]):
            os.dup2(fd, target)
        for fd in fds:
            os.close(fd)
        os.chdir(request["cwd"])
        env = {k: v for k, v in request["env"].items() if k not in (SOCKET_ENV, GROUP_ENV)}
        os.environ.clear()
        os.environ.update(env)
        _join_group(request)
        if request.get("kind") == "run":  # MODULE ARGS...: module.main(ARGS)
            import importlib

            os.environ[GROUP_ENV] = str(os.getpid())  # its kernels join its group

            module, *args = request["args"]
            runner = importlib.import_module(module)
            sys.argv = [runner.__file__ or module, *args]
            code = runner.main(args)
            return
        from ipykernel.kernelapp import IPKernelApp

        # The parent to watch is the zygote: if it goes, so does this kernel.
        args = [*request["args"], f"--IPKernelApp.parent_handle={os.getppid()}"]
        import importlib.util

        spec = importlib.util.find_spec("ipykernel_launcher")
        sys.argv = [spec.origin if spec and spec.origin else "ipykernel_launcher", *args]
        IPKernelApp.launch_instance(argv=args)
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:  # noqa: BLE001 - report anything, then leave without cleanup
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _join_group(request: dict, pid: int = 0) -> None:
    """Put a forked child (`pid`; 0: this process) in its group: a runner leads a new one, a
    kernel joins that of the runner whose kernel it is (its request carries GROUP_ENV). Both
    the child and the zygote do it, so the group exists whichever runs first; best effort."""
    with contextlib.suppress(OSError, ValueError):
        if request.get("kind") == "run":
            os.setpgid(pid, 0)
        elif request["env"].get(GROUP_ENV):
            os.setpgid(pid, int(request["env"][GROUP_ENV]))


def _end(pid: int, leaders: set[int]) -> None:
    """Kill a forked process; a runner with its whole group (the kernels it started)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if pid in leaders:
            os.killpg(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGKILL)


class _KernelShell:
    """What `get_ipython()` answers in a kernel, as far as a library asks while being imported."""

    kernel = True


def import_as_in_a_kernel(names: Sequence[str]) -> None:
    """Import `names` as the first cell of a kernel would.

    Some libraries look at their surroundings once, when imported: pandas sets its column
    limit for printed frames by asking IPython whether it runs in a kernel (20 columns) or a
    terminal (the terminal's width). Imported here, outside any kernel, pandas would choose
    the terminal's; so `get_ipython` answers as a kernel's shell while the imports run.
    """
    import builtins
    import importlib

    had = hasattr(builtins, "get_ipython")
    saved = getattr(builtins, "get_ipython", None)
    builtins.get_ipython = _KernelShell  # type: ignore[attr-defined]
    try:
        for name in names:
            importlib.import_module(name)
    finally:
        if had:
            builtins.get_ipython = saved  # type: ignore[attr-defined]
        else:
            del builtins.get_ipython  # type: ignore[attr-defined]


def _compile_notebook_validator() -> None:
    """Compile nbformat's notebook validator (fastjsonschema generates and compiles Python for
    the schema, about 50 ms of CPU), which every notebook runner would otherwise compile for
    itself when papermill reads the notebook; nothing where nbformat is not preloaded."""
    if "nbformat" in sys.modules:
        with contextlib.suppress(Exception):  # a library's cache, best effort
            sys.modules["nbformat"].validator.get_validator()  # the current format's


def serve(path: str, preload: Sequence[str] = PRELOAD) -> None:
    """Zygote: import `preload`, then fork one kernel per stand-in that connects to `path`."""
    # The build that started it (named by PARENT_ENV, as the build may be gone before the
    # imports below are done): if it goes, even by SIGKILL, so does the zygote.
    parent = int(os.environ.pop(PARENT_ENV, "") or os.getppid())
    if sys.path and (sys.path[0] == "" or os.path.abspath(sys.path[0]) == os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher does: no module is imported from the cwd
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)  # stand-ins may queue while the imports below run
    import_as_in_a_kernel(preload)
    _compile_notebook_validator()
    # What the imports made lives as long as every kernel: frozen, the kernels' collections
    # no longer walk it (about 200,000 objects), and a kernel does not write to the pages it
    # shares with the zygote when it collects (notebook 03's collections: 0.08-0.12 s -> 0.03 s).
    import gc

    gc.collect()
    gc.freeze()
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    signal.set_wakeup_fd(write_fd)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ, "accept")
    sel.register(read_fd, selectors.EVENT_READ, "signal")
    kernels: dict[int, socket.socket] = {}  # kernel pid -> its stand-in's connection
    leaders: set[int] = set()  # forked runners: each leads a process group
    try:
        while not stopping:
            for key, _ in sel.select(timeout=1.0):
                if key.data == "accept":
                    _answer(listener, kernels, leaders, sel, (read_fd, write_fd))
                elif key.data == "signal":
                    with contextlib.suppress(BlockingIOError):
                        os.read(read_fd, 512)
                else:  # a stand-in closed its end: it was killed, so kill its kernel
                    pid = key.data
                    with contextlib.suppress(OSError):
                        if key.fileobj.recv(1):  # not an end of file: nothing to do
                            continue
                    if pid in kernels:
                        _end(pid, leaders)
                    sel.unregister(key.fileobj)
            _reap(kernels, sel, leaders)
            if os.getppid() != parent:
                stopping = True
                folder = os.path.dirname(path)
                if os.path.basename(folder).startswith(FOLDER_PREFIX):  # nobody else will
                    import shutil

                    shutil.rmtree(folder, ignore_errors=True)
    finally:  # stopped, or failed: what it forked goes with it
        for pid in list(kernels):
            _end(pid, leaders)
        for pid in list(kernels):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        listener.close()


def _answer(listener: socket.socket, kernels: dict[int, socket.socket], leaders: set[int],
            sel: selectors.BaseSelector, wakeup: Sequence[int]) -> None:
    """Take one stand-in's request, fork what it asks for (a kernel, or a runner leading a
    process group) and send it the pid; the connection then tells when the stand-in goes. A
    stand-in gone before its answer (killed while the zygote still imported) gets nothing, and
    what was forked for it is ended at once."""
    conn, _addr = listener.accept()
    try:
        msg, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
        while not msg.endswith(b"\n"):
            more = conn.recv(1 << 20)
            if not more:
                raise OSError("stand-in closed mid-request")
            msg += more
        request = json.loads(msg)
    except (OSError, ValueError):
        conn.close()
        return
    pid = os.fork()
    if pid == 0:
        _run_child(request, fds, listener, [conn, *kernels.values()], wakeup)
    _join_group(request, pid)
    for fd in fds:
        os.close(fd)
    kernels[pid] = conn
    if request.get("kind") == "run":
        leaders.add(pid)
    try:
        conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    except OSError:  # its stand-in was killed while it waited: nobody wants it
        _end(pid, leaders)
        return  # reaped with the others
    sel.register(conn, selectors.EVENT_READ, pid)


def _reap(kernels: dict[int, socket.socket], sel: selectors.BaseSelector,
          leaders: set[int]) -> None:
    """Tell each stand-in whose kernel has exited its return code, and forget it; a runner
    that has exited takes what is left of its group (a kernel it could not shut down)."""
    while kernels:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = kernels.pop(pid, None)
        if pid in leaders:
            leaders.discard(pid)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        if conn is None:
            continue
        with contextlib.suppress(OSError):
            conn.sendall(json.dumps({"returncode": _exit_code(status)}).encode() + b"\n")
        with contextlib.suppress(KeyError, ValueError):
            sel.unregister(conn)
        conn.close()


@contextlib.contextmanager
def running(env: dict[str, str], cwd: Path, preload: Sequence[str] = PRELOAD
            ) -> Iterator[dict[str, str]]:
    """Start a zygote for the duration of a build; yield the kernel spec env that reaches it.

    The zygote runs with `env` (the report kernels' environment) on top of this process's, in
    `cwd` (where the kernels run), and in a session of its own so a Ctrl-C reaches the build,
    which then stops it here. Its output goes to a file, not to the terminal (libraries that
    look at their terminal when imported must not see one a kernel would not have); if it
    failed, its output is printed here (the kernels will have started from scratch).
    """
    import shutil
    import subprocess
    import tempfile

    folder = tempfile.mkdtemp(prefix=FOLDER_PREFIX)
    if len(os.fsencode(os.path.join(folder, "socket"))) > SOCKET_PATH_MAX:  # a deep TMPDIR
        os.rmdir(folder)
        folder = tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir="/tmp")
    path = os.path.join(folder, "socket")
    log_path = os.path.join(folder, "zygote.log")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, *PYTHON_FLAGS, "-m", "reporting.zygote", "serve", path, *preload],
            env={**os.environ, **env, **THREAD_ENV, PARENT_ENV: str(os.getpid())}, cwd=cwd,
            start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 10
    while not os.path.exists(path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # the socket appears within a few hundredths of a second
    try:
        yield {**env, **THREAD_ENV, SOCKET_ENV: path}
    finally:
        failed = proc.poll() not in (None, 0)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if failed:
            with open(log_path, encoding="utf-8", errors="replace") as f:
                print(f"[zygote] failed (exit {proc.returncode}); kernels started from scratch:"
                      f"\n{f.read()[-3000:]}", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    """`serve SOCKET [MODULE ...]` (the zygote), or a stand-in: `launch KERNEL-ARGS...` for a
    kernel, `run MODULE ARGS...` for `MODULE.main(ARGS)` (the notebook runners)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["serve"] and len(args) >= 2:
        serve(args[1], args[2:] or PRELOAD)
        sys.stdout.flush()
        os._exit(0)  # tearing down the imported stack takes a second the build would wait for
    if args[:1] == ["launch"]:
        return launch("kernel", args[1:])
    if args[:1] == ["run"] and len(args) >= 2:
        return launch("run", args[1:])
    print("usage: python -m reporting.zygote serve SOCKET [MODULE ...] "
          "| launch KERNEL-ARGS... | run MODULE ARGS...", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
