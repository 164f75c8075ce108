"""Where things are: project paths, the report text, and the page a report line is printed on."""

from __future__ import annotations

import bisect
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# A report build sets this in its kernels' environment to the data/ of the checkout it builds
# (--root), so the kernels read the data the build hashed; unset elsewhere.
DATA_DIR_ENV = "LIAONING_DATA_DIR"
DATA_DIR = Path(os.environ.get(DATA_DIR_ENV) or PROJECT_ROOT / "data")
DATAPACKAGE = DATA_DIR / "datapackage.json"
REPORT_FILE = "000_8c520c6ff51f6532.txt"
# Folder where a report build records data files that passed the frictionless check (see
# analysis.data); set in the report kernels' environment, unset in interactive sessions.
VALIDATED_ENV = "LIAONING_VALIDATED_CACHE"

# First line of each printed page in the report text (../shared/report). The PDF extraction keeps
# three page numbers (7 on line 69, 35 on line 1168, 37 on line 1268) and starts every other page
# with one space of indentation; the 27 indented lines between the markers 7 and 35 are exactly
# pages 9-35, which confirms the rule. Page 8 and 36 start right after a page-number line.
PAGE_STARTS: dict[int, int] = {
    1: 7, 71: 8, 82: 9, 141: 10, 150: 11, 191: 12, 245: 13, 296: 14, 301: 15, 331: 16,
    346: 17, 361: 18, 389: 19, 441: 20, 486: 21, 534: 22, 559: 23, 603: 24, 656: 25,
    703: 26, 732: 27, 782: 28, 833: 29, 875: 30, 922: 31, 974: 32, 1018: 33, 1074: 34,
    1116: 35, 1170: 36, 1214: 37, 1270: 38,
}
_STARTS = sorted(PAGE_STARTS)


def page_of_line(line: int) -> int:
    """Printed page number of a line of the report text (1-based line numbers)."""
    if line < 1:
        raise ValueError(f"line numbers start at 1, got {line}")
    return PAGE_STARTS[_STARTS[bisect.bisect_right(_STARTS, line) - 1]]


def report_path() -> Path | None:
    """Path of the report text in ../shared/report, or None where it is not checked out."""
    for base in (PROJECT_ROOT.parent / "shared", PROJECT_ROOT / "shared"):
        p = base / "report" / REPORT_FILE
        if p.exists():
            return p
    return None

