"""Files a notebook adds to its report version (claims.csv), carried inside the executed notebook.

A notebook calls `attach("claims.csv", text)`; the text travels as one output with a private MIME
type (nothing is shown in the report), so a report taken from the build cache still carries it
and the work that made it is done once, in the kernel. The build writes each attached file into
`reports/<version>/` (`from_notebook`). Outside a kernel `attach` does nothing. Standard library
only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MIME = "application/vnd.liaoning.report-file+json"
# Figures reach the version folder the same way: `analysis.plotting.keep` shows the PNG with its
# facts under FIGURE_META (the figure id as "name") and the SVG under FIGURE_SVG_MIME, and the
# build writes figures/<id>.png and .svg from them (reporting.figures).
FIGURE_META = "analysis"  # key of the figure facts in an image output's metadata
FIGURE_SVG_MIME = "application/vnd.liaoning.figure-svg+xml"
ALLOWED = ("claims.csv",)  # names a notebook may attach (nothing else lands beside the reports)


def attach(name: str, text: str) -> None:
    """Attach a text file `name` (one of ALLOWED) to this notebook's report version."""
    if name not in ALLOWED:
        raise ValueError(f"report file {name!r}: only {', '.join(ALLOWED)} may be attached")
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency of the project
        return
    if get_ipython() is not None:
        display({MIME: {"name": name, "text": text}}, raw=True)


def from_notebook(nb: Mapping[str, Any]) -> dict[str, str]:
    """Files attached in an executed notebook: {name: text} (a dict as read from .ipynb JSON)."""
    out: dict[str, str] = {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) or []:
            entry = (output.get("data") or {}).get(MIME)
            if entry and entry.get("name") in ALLOWED:
                out[entry["name"]] = entry["text"]
    return out
