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
    """Move the finished build into reports/<version> by rename, then repoint latest and
    rewrite the index. Everything that needs disk space (the index, the new link) is written
    before anything is replaced, so a full or refusing file system leaves the previous state:
    the old version folder, latest and index as they were. Call it inside
    common.deferred_interrupts: a signal then waits until all of it is done."""
    final = reports_dir / version
    old = reports_dir / f".old-{version}-{os.getpid()}" if final.exists() else None
    link = reports_dir / f".latest-{os.getpid()}"
    index = reports_dir / f".index-{os.getpid()}.html"
    change_pages = set((reports_dir / "changes").glob("*.html"))
    if old is not None:
        os.rename(final, old)
    try:
        os.rename(work, final)
    except BaseException:
        if old is not None:
            os.rename(old, final)
        raise
    try:
        link.unlink(missing_ok=True)
        os.symlink(version, link)
        write_text(index, index_page(reports_dir, version))
    except BaseException:  # undo: the renames need no space
        os.rename(final, work)
        if old is not None:
            os.rename(old, final)
        for p in (link, index, *(set((reports_dir / "changes").glob("*.html")) - change_pages)):
            p.unlink(missing_ok=True)
        raise
    os.replace(link, reports_dir / "latest")
    os.replace(index, reports_dir / "index.html")
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


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


def index_page(reports_dir: Path, latest: str | None) -> str:
    """The text of reports/index.html: every version (newest first), its reports, what changed
    (rendering it also writes reports/changes/<version>.html)."""
    rows = []
    for m in reports_dir.glob("*/manifest.json"):
        if m.parent.is_symlink() or m.parent.name.startswith("."):
            continue
        try:
            rows.append(json.loads(m.read_text(encoding="utf-8")))
        except ValueError:
            continue
    rows.sort(key=lambda r: r.get("built_at", ""), reverse=True)
    from reporting.reportindex import render_index  # standard library only

    return render_index(rows, reports_dir, latest)


def write_index(reports_dir: Path) -> Path:
    """Write reports/index.html for the versions there and latest's target, unless it already
    says exactly that (a no-op build repairs an index that misses a version or latest)."""
    link = reports_dir / "latest"
    page = index_page(reports_dir, os.readlink(link) if link.is_symlink() else None)
    out = reports_dir / "index.html"
    try:
        if out.read_text(encoding="utf-8") == page:
            return out
    except OSError:
        pass
    write_text(out, page)
    return out
