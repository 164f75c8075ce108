"""What every part of the build shares: the errors it raises (and the one-line message for a
full, read-only or refusing file system), progress lines, atomic writes, and the window in which
an interrupt waits for publication to finish."""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Log = Callable[[str], None]


class BuildError(RuntimeError):
    """A build that must not be published: the message says which notebook, cell and why."""


class Refused(BuildError):
    """A build refused before any notebook ran (an option, parameter or folder that cannot be
    built): nothing was run, and nothing is left behind in the reports folder."""


# File-system refusals that end a build with one line naming the path, never a traceback.
FILE_SYSTEM_ERRORS = {
    errno.ENOSPC: "no space left on device", errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system", errno.EPERM: "operation not permitted",
    errno.EACCES: "permission denied",
}


def file_system_error(e: BaseException, where: Path) -> BuildError | None:
    """The BuildError for a full, read-only or refusing file system (`where`: the folder being
    written, named when the error does not carry a path); None for any other error."""
    if not isinstance(e, OSError) or e.errno not in FILE_SYSTEM_ERRORS:
        return None
    path = e.filename if e.filename else where
    also = f" -> {rel(Path(e.filename2))}" if e.filename2 else ""
    return BuildError(f"[fail] {FILE_SYSTEM_ERRORS[e.errno]}: {rel(Path(path))}{also} "
                      "(nothing published)")


@contextmanager
def deferred_interrupts() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block is done (publication: the version, latest and
    the index change together or not at all), then act on them as they would have acted.
    Outside the main thread signals cannot be handled here, and the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    kinds = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, _frame: held.append(signum)) for s in kinds}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    for s in dict.fromkeys(held):
        _act_on(previous[s], s)


def _act_on(handler: Any, signum: int) -> None:
    """Do what a signal's handler (as signal.signal returned it) would have done."""
    if callable(handler):
        handler(signum, None)
    elif handler == signal.SIG_DFL:
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        signal.raise_signal(signum)


def print_line(msg: str) -> None:
    """Progress line, written whole (print() from two threads can interleave msg and newline)."""
    sys.stdout.write(msg + "\n")
    sys.stdout.flush()


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Name `path` in an OSError raised in the block without a file name (a write that runs
    out of space names no file), so the build's message can say where it failed."""
    try:
        yield
    except OSError as e:
        if e.filename is not None or e.errno is None:
            raise
        raise OSError(e.errno, e.strerror, str(path)) from e


def write_text(path: Path, text: str) -> None:
    """Write text atomically (temp file + rename), UTF-8, no platform newline translation."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with writing(path):
        tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)


def rel(path: Path) -> str:
    """Path relative to the working directory when it is below it (for messages)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
