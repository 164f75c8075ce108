"""Which data files a notebook read, and the sha256 of the bytes it read: recorded by the loader
(`analysis.data`, the claims register) in the kernel, shown at the end of a build's run under a
private MIME type, so the build keys each report on the files it actually read (issue 14).

Standard library only (the build imports it)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MIME = "application/vnd.liaoning.data-reads+json"
METADATA_KEY = "data_reads"  # where the build keeps them in the executed notebook's metadata
SHOW_SOURCE = "import analysis.datareads\nanalysis.datareads.show()"  # the cell a build appends

_READS: dict[str, str] = {}


def note(path: Path, data: bytes | None = None) -> str:
    """Record that this process read `path` (its bytes `data`, else read now); their sha256."""
    p = Path(path).resolve()
    digest = hashlib.sha256(p.read_bytes() if data is None else data).hexdigest()
    _READS[p.as_posix()] = digest
    return digest


def read_bytes(path: Path | str) -> bytes:
    """The bytes of a data file, its read recorded (for a reader that is not `analysis.data`)."""
    data = Path(path).read_bytes()
    note(Path(path), data)
    return data


def merge(found: Mapping[str, str]) -> None:
    """Record reads noted earlier (a loader's cache hit reads the bytes it noted then)."""
    _READS.update(found)


def reads() -> dict[str, str]:
    """Every file recorded so far (absolute path -> sha256 of the bytes read)."""
    return dict(sorted(_READS.items()))


def show() -> None:
    """Display the recorded reads under MIME only (nothing rendered; the build collects them)."""
    from IPython.display import display

    display({MIME: reads()}, raw=True)


def from_outputs(outputs: list[Mapping[str, Any]]) -> dict[str, str] | None:
    """The reads displayed in a cell's outputs (None if the cell shows none)."""
    for output in outputs:
        data = output.get("data") or {}
        if MIME in data:
            return dict(data[MIME])
    return None


def relative(found: Mapping[str, str], root: Path) -> dict[str, str]:
    """Reads of files under root, by path relative to root (others left out: not inputs)."""
    base = Path(root).resolve()
    out = {}
    for name, digest in found.items():
        try:
            out[Path(name).relative_to(base).as_posix()] = digest
        except ValueError:
            continue
    return dict(sorted(out.items()))
