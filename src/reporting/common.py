"""What every part of the build shares: the error it raises, progress lines, atomic writes."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

Log = Callable[[str], None]


class BuildError(RuntimeError):
    """A build that must not be published: the message says which notebook, cell and why."""


def print_line(msg: str) -> None:
    """Progress line, written whole (print() from two threads can interleave msg and newline)."""
    sys.stdout.write(msg + "\n")
    sys.stdout.flush()


def write_text(path: Path, text: str) -> None:
    """Write text atomically (temp file + rename), UTF-8, no platform newline translation."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)


def rel(path: Path) -> str:
    """Path relative to the working directory when it is below it (for messages)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
