"""Publishing a finished build: rename it into reports/<version>, repoint reports/latest, and
rewrite reports/index.html. Each step is atomic, so readers see the old version or the new one."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

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
    _record_index(reports_dir, version)
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


def _versions(reports_dir: Path) -> list[Path]:
    """The published version folders the index lists (latest, a link, and hidden work left
    out), by their manifests."""
    return [m for m in reports_dir.glob("*/manifest.json")
            if not m.parent.is_symlink() and not m.parent.name.startswith(".")]


def index_page(reports_dir: Path, latest: str | None) -> str:
    """The text of reports/index.html: every version (newest first), its reports, what changed
    (rendering it also writes reports/changes/<version>.html)."""
    rows = []
    for m in _versions(reports_dir):
        try:
            rows.append(json.loads(m.read_text(encoding="utf-8")))
        except ValueError:
            continue
    rows.sort(key=lambda r: r.get("built_at", ""), reverse=True)
    from reporting.reportindex import render_index  # standard library only

    return render_index(rows, reports_dir, latest)


# What the index and the change pages are made from: of every version, its manifest and the two
# files compared between versions (reporting.changes); a version's name is its folder's name.
INDEX_SOURCES = ("manifest.json", "claims.csv", "key_figures.json")


def _stamp(path: Path) -> list[int] | None:
    """Inode, size, modification and change times of a file (None if there is none): any
    write, rename or deletion changes them."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _index_state(reports_dir: Path, latest: str | None) -> dict[str, Any]:
    """Everything reports/index.html and reports/changes/ depend on, and the pages themselves,
    as file stamps: equal to what was recorded when they were last written, they are current."""
    sources = {f"{m.parent.name}/{name}": _stamp(m.parent / name)
               for m in _versions(reports_dir) for name in INDEX_SOURCES}
    pages = [reports_dir / "index.html", *sorted((reports_dir / "changes").glob("*.html"))]
    return {"latest": latest, "sources": sources,
            "pages": {p.relative_to(reports_dir).as_posix(): _stamp(p) for p in pages}}


def write_index(reports_dir: Path) -> Path:
    """Write reports/index.html for the versions there and latest's target, unless it already
    says exactly that (a no-op build repairs an index that misses a version or latest).

    The pages are rendered again only when a version folder's sources, latest or the pages
    themselves differ from the stamps recorded when they were last written
    (reports/.cache/index.json), so a no-op build does not compare every pair of versions."""
    link = reports_dir / "latest"
    latest = os.readlink(link) if link.is_symlink() else None
    out = reports_dir / "index.html"
    try:
        recorded = json.loads(_index_record(reports_dir).read_text(encoding="utf-8"))
        if recorded == _index_state(reports_dir, latest):
            return out
    except (OSError, ValueError):
        pass
    page = index_page(reports_dir, latest)
    try:
        current = out.read_text(encoding="utf-8") == page
    except OSError:
        current = False
    if not current:
        write_text(out, page)
    _record_index(reports_dir, latest)
    return out


def _index_record(reports_dir: Path) -> Path:
    return reports_dir / ".cache" / "index.json"


def _record_index(reports_dir: Path, latest: str | None) -> None:
    """Record what the index and change pages just written were made from (see write_index)."""
    record = _index_record(reports_dir)
    tmp = record.with_name(f"{record.name}.{os.getpid()}.tmp")
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(_index_state(reports_dir, latest)), encoding="utf-8")
        os.replace(tmp, record)
    except OSError:  # read-only or full: the pages stand, the next build renders them again
        tmp.unlink(missing_ok=True)
