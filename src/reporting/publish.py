"""Publishing a finished build: rename it into reports/<version>, repoint reports/latest, and
rewrite reports/index.html. Each step is atomic, so readers see the old version or the new one."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from reporting.common import write_text


def installed_packages() -> dict[str, str]:
    """Every installed distribution and its version (normalised lower-case names)."""
    from importlib import metadata

    out = {}
    for d in metadata.distributions():
        name = d.metadata.get("Name")
        if name:
            out[name.lower().replace("_", "-")] = d.version
    return dict(sorted(out.items()))


def publish(reports_dir: Path, work: Path, version: str) -> None:
    """Move the finished build into reports/<version> by rename; repoint latest and index."""
    final = reports_dir / version
    if final.exists():
        old = reports_dir / f".old-{version}-{os.getpid()}"
        os.rename(final, old)
        os.rename(work, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(work, final)
    point_latest(reports_dir, version)
    write_index(reports_dir)


def point_latest(reports_dir: Path, version: str) -> bool:
    """Atomically point reports/latest at version (a relative symlink); True if it moved."""
    link = reports_dir / "latest"
    if link.is_symlink() and os.readlink(link) == version:
        return False
    tmp = reports_dir / f".latest-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(version, tmp)
    os.replace(tmp, link)
    return True


def write_index(reports_dir: Path) -> Path:
    """Write reports/index.html: every version (newest first), its reports, what changed."""
    rows = []
    latest = os.readlink(reports_dir / "latest") if (reports_dir / "latest").is_symlink() else None
    for m in reports_dir.glob("*/manifest.json"):
        if m.parent.is_symlink() or m.parent.name.startswith("."):
            continue
        try:
            rows.append(json.loads(m.read_text(encoding="utf-8")))
        except ValueError:
            continue
    rows.sort(key=lambda r: r.get("built_at", ""), reverse=True)
    from reporting.reportindex import render_index  # standard library only

    page = render_index(rows, reports_dir, latest)
    out = reports_dir / "index.html"
    write_text(out, page)
    return out
