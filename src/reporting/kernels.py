"""The report kernel: its spec (the driver's own interpreter), its fixed environment, and the
context that puts the spec on JUPYTER_PATH with kernels optionally forked from a zygote."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import reporting.zygote as zygote
from reporting.common import write_text
from reporting.fingerprints import TEMPLATE_DIR

KERNEL_NAME = "liaoning-analysis"
MATPLOTLIBRC = TEMPLATE_DIR / "matplotlibrc"
# Environment of every report kernel: fixed dates (SVG metadata) and hash seed (set order).
KERNEL_ENV = {
    "SOURCE_DATE_EPOCH": "0",
    "PYTHONHASHSEED": "0",
    "MATPLOTLIBRC": str(MATPLOTLIBRC),
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
DISPLAY_NAME = "Python (Liaoning analysis)"
KERNEL_ARGS = ("--IPKernelApp.log_level=ERROR",)
# A build's kernels keep no IPython history: nobody reads a headless run's history, and each
# kernel would otherwise open the user's ~/.ipython history database and write every cell to it
# on a thread of its own (several kernels at a time, 14 sessions a build). Kernels for people (the
# installed spec, JupyterLab's) keep theirs.
HEADLESS_ARGS = ("--HistoryManager.enabled=False",)


def environment_has_bytecode() -> bool:
    """Whether the environment's libraries ship compiled bytecode (uv sync --compile-bytecode).

    Looks for pandas' cached bytecode without importing pandas (the no-op build stays light).
    """
    import importlib.util

    spec = importlib.util.find_spec("pandas")
    if spec is None or spec.origin is None:
        return False
    return Path(importlib.util.cache_from_source(spec.origin)).exists()


def kernel_env(pycache: Path, use_prefix: bool | None = None) -> dict[str, str]:
    """KERNEL_ENV, plus a private bytecode cache where the environment has no bytecode.

    Where PYTHONDONTWRITEBYTECODE is set and the libraries were installed without bytecode,
    every kernel would compile pandas, matplotlib, scipy and statsmodels again, about 8 s of
    CPU each; the cache then lives in reports/.cache/pycache. Where the environment is compiled
    (the Makefile's `uv sync --compile-bytecode`), a prefix would hide that bytecode and force
    the very recompilation it is meant to avoid, so none is set.
    """
    if use_prefix is None:
        use_prefix = not environment_has_bytecode()
    if not use_prefix:
        return dict(KERNEL_ENV)
    return {**KERNEL_ENV, "PYTHONPYCACHEPREFIX": str(pycache), "PYTHONDONTWRITEBYTECODE": ""}


def kernelspec(env: dict[str, str] | None = None, forked: bool = False,
               headless: bool = False) -> dict[str, Any]:
    """Kernel spec running the driver's own interpreter (the project environment); `forked`
    starts the kernel from the build's zygote (`reporting.zygote`) instead of from scratch;
    `headless` for the build's kernels (HEADLESS_ARGS)."""
    args = (*KERNEL_ARGS, *(HEADLESS_ARGS if headless else ()))
    argv = (zygote.launcher_argv(*args) if forked
            else zygote.kernel_argv("-f", "{connection_file}", *args))
    return {
        "argv": argv,
        "display_name": DISPLAY_NAME,
        "language": "python",
        "env": dict(env or {}),
        "metadata": {"debugger": True, "supported_encryption": ["curve"]},
    }


def write_kernelspec(data_dir: Path, env: dict[str, str] | None = None,
                     forked: bool = False, headless: bool = False) -> Path:
    """Write the project kernel spec under data_dir/kernels/ (a Jupyter data directory)."""
    folder = data_dir / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    write_text(folder / "kernel.json",
               json.dumps(kernelspec(env, forked, headless), indent=1) + "\n")
    return folder


@contextmanager
def report_kernel(data_dir: Path, env: dict[str, str], cwd: Path, fork: bool
                  ) -> Iterator[str | None]:
    """The project kernel spec written under data_dir and first on JUPYTER_PATH for a block;
    with `fork`, kernels come from a zygote started in `cwd` (see reporting.zygote). Yields the
    zygote's socket (for reporting.execute.run_isolated), or None for kernels from scratch."""
    with ExitStack() as stack:
        socket_path = None
        if fork:
            env = stack.enter_context(zygote.running(env, cwd))
            socket_path = env[zygote.SOCKET_ENV]
        write_kernelspec(data_dir, env, forked=socket_path is not None, headless=True)
        stack.enter_context(jupyter_path(data_dir))
        yield socket_path


@contextmanager
def jupyter_path(data_dir: Path) -> Iterator[None]:
    """Put data_dir first on JUPYTER_PATH while the build runs (so our kernel spec wins)."""
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(data_dir), old]))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = old
