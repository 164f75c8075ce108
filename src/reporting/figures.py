"""Figures as files: every figure a notebook showed with `analysis.plotting.keep` is written as
`reports/<version>/<lang>/figures/<figure-id>.png` and `.svg`, from the executed notebook (the
PNG output and the SVG beside it), so the kernel writes nothing outside the reports folder and a
report rendered from the cache gets the same files. The id is keep's name argument, stable
across versions; two figures of one label set with one id are a build error.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.reportfiles import FIGURE_META, FIGURE_SVG_MIME
from reporting.common import BuildError

FIGURES_DIR = "figures"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class FigureFile:
    """One kept figure: its id, notebook (file stem), title, and the bytes of its two files."""

    id: str
    notebook: str
    title: str
    png: bytes
    svg: bytes | None


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def figure_id(output: Any) -> str | None:
    """The figure id of an image output `keep` showed (None for any other output)."""
    meta = (output.get("metadata") or {}).get(FIGURE_META) or {}
    name = meta.get("name") if isinstance(meta, dict) else None
    return str(name) if name else None


def kept(stem: str, nb: Any) -> Iterator[FigureFile]:
    """The figures `keep` showed in one executed notebook, in cell order."""
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            fid = figure_id(out)
            data = out.get("data") or {}
            if fid is None or "image/png" not in data:
                continue
            if not _ID.match(fid):
                raise BuildError(f"[fail] {stem}: figure id {fid!r} is not a file name (letters, "
                                 "digits, _ . - only)")
            svg = data.get(FIGURE_SVG_MIME)
            yield FigureFile(fid, stem, str(out["metadata"][FIGURE_META].get("title", "")),
                             base64.b64decode(re.sub(r"\s+", "", _text(data["image/png"]))),
                             _text(svg).encode("utf-8") if svg is not None else None)


def collect(notebooks: Sequence[tuple[str, Any]]) -> list[FigureFile]:
    """Every kept figure of one label set ((stem, executed notebook) pairs); ids unique."""
    seen: dict[str, str] = {}
    out = []
    for stem, nb in notebooks:
        for f in kept(stem, nb):
            if f.id in seen:
                raise BuildError(f"[fail] figure id {f.id!r} is used twice ({seen[f.id]} and "
                                 f"{stem}): each figure needs an id of its own (keep's name)")
            seen[f.id] = stem
            out.append(f)
    return out


def write(folder: Path, figures: Sequence[FigureFile]) -> list[Path]:
    """Write each figure's PNG and SVG into folder/figures/; the paths written."""
    target = folder / FIGURES_DIR
    written = []
    for f in figures:
        target.mkdir(parents=True, exist_ok=True)
        for suffix, data in ((".png", f.png), (".svg", f.svg)):
            if data is not None:
                path = target / f"{f.id}{suffix}"
                path.write_bytes(data)
                written.append(path)
    return written


def relative(fid: str, suffix: str) -> str:
    """A figure file's link from a page in the label set's folder."""
    return f"{FIGURES_DIR}/{fid}{suffix}"
