"""The data files each report read (issue 14, precise rebuilds): the side record kept per
(notebook, language) in reports/.cache/reads/, which the next plan keys the report on, and the
check that the kernels read the bytes the build hashed. Standard library only."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import reporting.cache as cache
from reporting.common import BuildError, write_text


def record_path(cache_dir: Path, name: str, lang: str) -> Path:
    """Where the files read by one report are recorded."""
    return cache_dir / "reads" / f"{name}.{lang}.json"


def recorded(cache_dir: Path, name: str, lang: str) -> list[str] | None:
    """The files (relative to the checkout) the report read when last executed; None if
    unknown, so the plan keys it on the whole data tree."""
    try:
        found = json.loads(record_path(cache_dir, name, lang).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(found, list) and all(isinstance(n, str) for n in found)
    return found if ok else None


def remember(cache_dir: Path, name: str, lang: str, names: list[str]) -> None:
    """Record the files one report read (for the next plan)."""
    path = record_path(cache_dir, name, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(sorted(names), indent=1) + "\n")


def check_read(read: Mapping[tuple[str, str], Mapping[str, str]],
               inputs: Mapping[str, str], written: Sequence[Path] = ()) -> None:
    """Refuse (BuildError naming report and file) when a kernel read a data file whose bytes
    differ from those in the input snapshot taken before planning; what this build cached
    (`written`) is discarded then."""
    for (name, lang), files in sorted(read.items()):
        for path, digest in sorted(files.items()):
            if path in inputs and inputs[path] != digest:
                for entry in written:
                    cache.discard(entry)
                raise BuildError(f"[fail] {name} ({lang}) read {path} with other contents "
                                 "than the build hashed before running; nothing published "
                                 "(run it again)")
