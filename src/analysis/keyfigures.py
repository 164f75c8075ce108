"""Key figures: named numbers a notebook records, so the index shows when a version moves them.

A notebook calls `record("exports_drop_2015_pct", value, "percent")`. The figure is displayed as
an output that carries only a private MIME type, so it travels inside the executed notebook (a
report taken from the build cache keeps its key figures; no file or environment variable has to
be passed to the kernel) while the report shows nothing: readers see no debug lines. The build
collects them from the executed notebooks into `reports/<version>/key_figures.json`
(`write_version`); outside a kernel `record` prints the line. Standard library only (the index
writer imports it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

MIME = "application/vnd.liaoning.key-figure+json"
FILE_NAME = "key_figures.json"


def _entry(name: str, value: float, unit: str, label: str) -> dict[str, Any]:
    """Validated key-figure record (a clear error for a bad name or a non-number)."""
    if not name or not name.replace("_", "").isalnum() or not name.isascii():
        raise ValueError(f"key figure name {name!r}: use ASCII letters, digits and _")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"key figure {name!r}: value {value!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"key figure {name!r}: value {value!r} is not finite")
    return {"name": name, "value": number, "unit": unit, "label": label}


def text_line(entry: Mapping[str, Any]) -> str:
    """The line shown in the report for one key figure."""
    label = f" ({entry['label']})" if entry.get("label") else ""
    unit = f" {entry['unit']}" if entry.get("unit") else ""
    return f"key figure {entry['name']}{label} = {entry['value']:.6g}{unit}"


def record(name: str, value: float, unit: str = "", label: str = "") -> None:
    """Record a named key figure of this report (silent in the report; collected by the build)."""
    entry = _entry(name, value, unit, label)
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency of the project
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        display({MIME: entry}, raw=True)  # no text/plain: nothing is rendered
    else:
        print(text_line(entry))


def from_notebook(nb: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Key figures recorded in an executed notebook (a dict as read from .ipynb JSON)."""
    out = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) or []:
            data = output.get("data") or {}
            if MIME in data:
                out.append(dict(data[MIME]))
    names = [e["name"] for e in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"key figure(s) recorded twice in one notebook: {', '.join(dupes)}")
    return out


def from_ipynb(path: Path, held: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Key figures recorded in one executed .ipynb file (`held`: its notebook, already in
    memory, read instead of the file); an error names the file."""
    try:
        nb = held if held is not None else json.loads(Path(path).read_text(encoding="utf-8"))
        return from_notebook(nb)
    except ValueError as e:
        raise ValueError(f"{path}: {e}") from None


def collect(version_dir: Path, notebooks: Iterable[tuple[str, str]],
            loaded: Mapping[tuple[str, str], Mapping[str, Any]] | None = None
            ) -> dict[str, Any]:
    """Key figures of a version: {notebook: {name: entry}} from (notebook, lang) reports,
    each read from `loaded` (executed notebooks the build holds already) or else its .ipynb.

    Values do not depend on the label language, so each notebook is read once, in the first
    language listed (the figures of every language are checked to agree).
    """
    out: dict[str, dict[str, Any]] = {}
    for name, lang in notebooks:
        path = Path(version_dir) / lang / f"{name}.ipynb"
        held = (loaded or {}).get((name, lang))
        if held is None and not path.exists():
            continue
        figures = {e["name"]: e for e in from_ipynb(path, held)}
        if name not in out:
            out[name] = figures
        elif {k: v["value"] for k, v in out[name].items()} != {
            k: v["value"] for k, v in figures.items()
        }:
            raise ValueError(f"{path}: key figures differ between label languages")
    return {k: out[k] for k in sorted(out)}


def write_version(version_dir: Path, reports: Iterable[Mapping[str, Any]],
                  loaded: Mapping[tuple[str, str], Mapping[str, Any]] | None = None) -> Path:
    """Write version_dir/key_figures.json from the manifest's report entries (`loaded`: the
    executed notebooks already in memory, by (notebook, lang); the others are read)."""
    pairs = [(r["notebook"], r["lang"]) for r in reports]
    path = Path(version_dir) / FILE_NAME
    path.write_text(
        json.dumps(collect(version_dir, pairs, loaded), indent=1, sort_keys=True,
                   ensure_ascii=False)
        + "\n", encoding="utf-8",
    )
    return path


def load_version(version_dir: Path) -> dict[str, Any] | None:
    """Key figures of a published version ({notebook: {name: entry}}); None if never collected."""
    path = Path(version_dir) / FILE_NAME
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
