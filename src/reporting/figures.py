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


# --------------------------------------------------------------------------- README table

_KEEP = re.compile(r"""\bkeep\(\s*\w+\s*,\s*["']([^"']+)["']""")
README_START = "<!-- figure-files:start (python -m reporting.figures writes this table) -->"
README_END = "<!-- figure-files:end -->"


def declared(notebooks_dir: Path) -> list[tuple[str, str]]:
    """(figure id, notebook stem) of every `keep(fig, "<id>", ...)` call in the notebooks'
    source, in notebook and line order (the tests check it against the executed notebooks)."""
    out = []
    for path in sorted(Path(notebooks_dir).glob("[0-9]*.py")):
        out += [(fid, path.stem) for fid in _KEEP.findall(path.read_text(encoding="utf-8"))]
    return out


def readme_table(notebooks_dir: Path) -> str:
    """The README's table of figure files (figure id, notebook, files), between its markers."""
    rows = [f"| `{fid}` | `{stem}` | `figures/{fid}.png`, `figures/{fid}.svg` |"
            for fid, stem in declared(notebooks_dir)]
    head = "| figure | notebook | files (in `reports/<version>/<lang>/`) |"
    return "\n".join([README_START, head, "|---|---|---|", *rows, README_END])


def with_readme_table(readme: str, notebooks_dir: Path) -> str:
    """The README's text with its figure table replaced by the current one."""
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    return readme[:start] + readme_table(notebooks_dir) + readme[end:]


def main() -> int:
    """`python -m reporting.figures`: rewrite the README's table of figure files."""
    from analysis.provenance import PROJECT_ROOT

    readme = PROJECT_ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = with_readme_table(text, PROJECT_ROOT / "notebooks")
    if new != text:
        readme.write_text(new, encoding="utf-8")
    print(f"{readme}: {len(declared(PROJECT_ROOT / 'notebooks'))} figures listed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
