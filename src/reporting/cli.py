"""Build the reports: run notebooks/*.py headlessly into versioned, offline, deterministic HTML.

`build()` for callers, `main()` for `python -m reporting` (what `make reports` runs).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from analysis.provenance import PROJECT_ROOT
from reporting.builder import Builder
from reporting.common import BuildError, Log, Refused, rel
from reporting.execute import NOTEBOOK_TIMEOUT
from reporting.kernels import KERNEL_NAME, write_kernelspec
from reporting.plan import DEFAULT_LABELS, BuildResult, default_jobs


def build(
    notebooks_dir: Path = PROJECT_ROOT / "notebooks",
    reports_dir: Path = PROJECT_ROOT / "reports",
    *,
    root: Path = PROJECT_ROOT,
    labels: Iterable[str] = DEFAULT_LABELS,
    params: Iterable[str] = (),
    jobs: int | None = None,
    log: Log | None = None,
    fork_kernels: bool | None = None,
    timeout: float | None = None,
) -> BuildResult:
    """Build the reports of notebooks_dir into reports_dir (see the reporting docstring)."""
    return Builder(
        notebooks_dir, reports_dir, root=root, labels=list(labels), params=list(params),
        jobs=jobs, log=log,
        fork_kernels=fork_kernels, timeout=timeout,
    ).run()


COMMAND_ENV = "REPORTING_COMMAND"  # the Makefile's `reports` target sets it to "make reports"


def command() -> str:
    """How this build was started, for its messages: the command the Makefile names
    (COMMAND_ENV), else `python -m reporting`."""
    return os.environ.get(COMMAND_ENV) or "python -m reporting"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `python -m reporting [--labels en,zh] [--param NAME=VALUE] ...`."""
    ap = argparse.ArgumentParser(prog="python -m reporting", description=__doc__.split(
        "\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notebooks-dir", type=Path, default=PROJECT_ROOT / "notebooks")
    ap.add_argument("--reports-dir", type=Path, default=PROJECT_ROOT / "reports",
                    help="a folder of its own (default: reports/ of this checkout)")
    ap.add_argument("--root", type=Path, default=None,
                    help="project root: git revision and data/ (default: this checkout)")
    ap.add_argument("--labels", default=",".join(DEFAULT_LABELS),
                    help=f"comma-separated label languages: en, zh (default "
                         f"{','.join(DEFAULT_LABELS)})")
    ap.add_argument("--param", "-p", action="append", default=[], metavar="[NB:]NAME=VALUE",
                    help="parameter for every notebook (or only NB); must be declared")
    ap.add_argument("--jobs", "-j", type=int, default=default_jobs(),
                    help=f"notebooks executed in parallel (default: {default_jobs()})")
    ap.add_argument("--fresh-kernels", action="store_true",
                    help="start every kernel from scratch instead of forking it from a process "
                         "with the libraries imported (same reports, slower)")
    ap.add_argument("--timeout", type=float, default=NOTEBOOK_TIMEOUT, metavar="SECONDS",
                    help="time limit of one notebook, kernel start included; a notebook "
                         "over it fails naming the cell it was running "
                         f"(default {NOTEBOOK_TIMEOUT:.0f})")
    ap.add_argument("--verify", action="store_true",
                    help="read every published file against the manifest, also those whose "
                         "size and time are unchanged since they last matched")
    ap.add_argument("--install-kernel", action="store_true",
                    help="install the project kernel spec into this environment and exit")
    ap.add_argument("--report-text", metavar="PATH",
                    help="folder or file of the report text for report-text.html "
                         "(default ../shared/report/; '' for none)")
    a = ap.parse_args(argv)
    if a.report_text is not None:
        from reporting.pages import REPORT_TEXT_ENV

        os.environ[REPORT_TEXT_ENV] = a.report_text
    if a.install_kernel:
        folder = write_kernelspec(Path(sys.prefix) / "share" / "jupyter")
        print(f"kernel {KERNEL_NAME!r} -> {sys.executable} ({folder})")
        return 0
    labels = [x.strip() for x in re.split(r"[,\s]+", a.labels) if x.strip()]
    if a.root is None:
        other = _other_checkout(Path.cwd())
        if other is not None:
            print(f"{command()} refused: this environment's analysis package is "
                  f"{PROJECT_ROOT / 'src' / 'analysis'}, but you are in the checkout {other} "
                  "(a copied .venv?). Recreate it here: rm -rf .venv && make env",
                  file=sys.stderr, flush=True)
            return 1
        a.root = PROJECT_ROOT
    builder = None
    handlers = {s: signal.signal(s, _interrupt) for s in (signal.SIGINT, signal.SIGTERM)}
    _INTERRUPTS.clear()
    try:
        builder = Builder(a.notebooks_dir, a.reports_dir, root=a.root, labels=labels,
                          params=a.param, jobs=a.jobs, timeout=a.timeout,
                          fork_kernels=False if a.fresh_kernels else None, verify=a.verify)
        builder.run()
    except KeyboardInterrupt as e:
        return _interrupted(builder, 143 if isinstance(e, _Terminated) else 130)
    except Refused as e:
        print(f"{command()} refused, nothing was run or written:\n{e}", file=sys.stderr,
              flush=True)
        return 1
    except Exception as e:
        if _INTERRUPTS:  # a library that died of the same signal (Playwright's driver)
            return _interrupted(builder, 143 if signal.SIGTERM in _INTERRUPTS else 130)
        if not isinstance(e, BuildError):
            raise
        print(f"{command()} failed (previous reports left as they were):\n{e}",
              file=sys.stderr, flush=True)
        return 1
    finally:
        for s, handler in handlers.items():
            signal.signal(s, handler)
    return 0


def _interrupted(builder: Builder | None, code: int) -> int:
    """Say whether the interrupted build published its version, and return the exit code.

    Ctrl-C in a terminal also reaches Playwright's driver (the PDF printer), which dies of it;
    asyncio would then report the driver's closed connection while the interpreter exits, so
    its logger is quietened: the interrupt is what happened, and it is said here."""
    import logging

    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    done = builder.published if builder is not None else None
    if done is not None:
        where = rel(builder.reports_dir / done)  # type: ignore[union-attr]
        print(f"{command()} interrupted after publishing {where} (complete; latest -> {done})",
              file=sys.stderr, flush=True)
    else:
        print(f"{command()} interrupted: nothing published, previous reports left as they "
              "were", file=sys.stderr, flush=True)
    return code


def _other_checkout(cwd: Path) -> Path | None:
    """The checkout of this project that contains cwd, when it is not the one whose package
    this interpreter imports (a .venv copied with its editable install); else None."""
    for folder in (cwd, *cwd.parents):
        if (folder / "pyproject.toml").exists() and (folder / "src" / "analysis").is_dir():
            return None if folder.resolve() == PROJECT_ROOT.resolve() else folder
    return None


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: children stopped, work folder removed."""


_INTERRUPTS: set[int] = set()  # the signals this build received


def _interrupt(signum: int, frame: Any) -> None:
    """Ctrl-C or SIGTERM (a CI cancel, `timeout`): stop, remembering that it was asked for.
    Playwright's log is silenced from here on: its driver, hit by the same signal, answers
    commands the interrupt abandoned, and it would log each as an error with a traceback."""
    _INTERRUPTS.add(signum)
    logging = sys.modules.get("logging")  # not imported on the no-op path; Playwright imports it
    if logging is not None:
        logging.getLogger("playwright").disabled = True
    raise _Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()
