"""The reports folder as a place of its own: which folders may be one, the lock that lets one
build at a time write there, where path parameters may point, and what a published version
already holds (its label sets, which of its reports a new build can keep).

Standard library only (a no-op build takes the lock and reads the version's manifest).
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import reporting.cache as cache
from reporting.common import Log, Refused, rel

LOCK_NAME = ".lock"
# Folders of the checkout a build reads: reports written there would become its own inputs.
INPUT_FOLDERS = ("data", "src", "notebooks", "tests")
# What may sit in a folder before it is first used as a reports folder (the repository's
# reports/ holds a README), and what marks one that builds have used.
HARMLESS = frozenset({"README.md", ".gitignore", ".gitkeep", ".DS_Store"})
MARKERS = frozenset({"index.html", "latest", ".cache", LOCK_NAME})
# First parts of a path parameter's value that would write into what builds publish.
RESERVED = frozenset({"latest", "index.html", "changes"})
PATH_SUFFIXES = ("_dir", "_path", "_file")


def check_reports_dir(reports_dir: Path, root: Path, notebooks_dir: Path) -> None:
    """Refuse a reports folder that is not a folder of its own: the file-system root, the
    checkout or a folder containing it, a folder the build reads (data/, src/, notebooks/,
    tests/), or an existing folder of other files."""
    folder, root = Path(reports_dir).resolve(), Path(root).resolve()
    hint = "choose a folder of its own, e.g. --reports-dir scratch/try"
    if folder == Path(folder.anchor):
        raise Refused(f"--reports-dir {folder}: the file-system root is no reports folder; {hint}")
    if root == folder or root.is_relative_to(folder):
        raise Refused(f"--reports-dir {rel(folder)}: it contains the checkout {root}, whose "
                      f"files a build would mix with its reports; {hint}")
    inputs = [(root / name, f"{name}/") for name in INPUT_FOLDERS]
    inputs.append((Path(notebooks_dir).resolve(), "the notebooks folder"))
    for inside, what in inputs:
        if folder.is_relative_to(inside):
            raise Refused(f"--reports-dir {rel(folder)}: it is inside {what}, which the build "
                          f"reads as its input; {hint}")
    if folder.exists() and not folder.is_dir():
        raise Refused(f"--reports-dir {rel(folder)}: it is a file, not a folder; {hint}")
    if folder.is_dir():
        entries = {p.name for p in folder.iterdir()}
        built = entries & MARKERS or any((folder / n / "manifest.json").is_file()
                                         for n in entries)
        if not built and entries - HARMLESS:
            shown = ", ".join(sorted(entries - HARMLESS)[:3])
            raise Refused(f"--reports-dir {rel(folder)}: it already holds other files "
                          f"({shown}) and no reports; {hint}")


def missing_parents(folder: Path) -> list[Path]:
    """folder and those of its parents that do not exist yet, deepest first (what a build that
    creates folder creates, and a refused build removes again)."""
    out = []
    for p in (Path(folder).resolve(), *Path(folder).resolve().parents):
        if p.exists():
            break
        out.append(p)
    return out


def remove_created(created: Sequence[Path]) -> None:
    """Remove folders this build created (deepest first) if they hold nothing but its lock."""
    for folder in created:
        (folder / LOCK_NAME).unlink(missing_ok=True)
        try:
            folder.rmdir()
        except OSError:
            return


@contextmanager
def locked(reports_dir: Path, log: Log) -> Iterator[None]:
    """Hold the reports folder's lock (fcntl, on reports/.lock) for a block: one build at a time
    writes a reports folder. A second build waits, saying so, and then starts from what the
    first published."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / LOCK_NAME
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            log(f"[wait]  another build (process {holder}) is writing {rel(reports_dir)}: "
                "waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:  # the lock is on this file only if it is still the one at `path`
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def looks_like_path(name: str, value: Any) -> bool:
    """Whether a parameter names a path: its name ends in _dir, _path or _file, or its value
    is text with a folder separator or starting with ~ or . ('' means no path)."""
    if not isinstance(value, str) or not value:
        return False
    return name.endswith(PATH_SUFFIXES) or "/" in value or "\\" in value \
        or value.startswith(("~", "."))


def confine_paths(parameters: Mapping[str, Any], reports_dir: Path, notebook: str
                  ) -> dict[str, str]:
    """The path parameters as the kernel gets them: each a folder inside the reports folder,
    given relative to it, made absolute. Anything else (absolute, ~, .., a symlink out, or a
    name the build publishes) is refused before anything runs."""
    out = {}
    base = Path(reports_dir).resolve()
    for name, value in parameters.items():
        if not looks_like_path(name, value):
            continue
        given = PurePosixPath(value.replace("\\", "/"))
        why = None
        if given.is_absolute() or value.startswith("~") or ".." in given.parts:
            why = "it leaves the reports folder"
        elif given.parts and (given.parts[0].startswith(".") or given.parts[0] in RESERVED
                              or (base / given.parts[0] / "manifest.json").exists()):
            why = f"{given.parts[0]} is a name the build publishes under"
        else:
            target = (base / given).resolve()
            if not target.is_relative_to(base):
                why = "it leads out of the reports folder"
        if why:
            raise Refused(f"{notebook}: parameter {name}={value!r} refused: {why}. A path "
                          "parameter names a folder inside the reports folder, relative to "
                          f"it (e.g. {name}=exports/figures)")
        out[name] = str(base / given)
    return out


def published(folder: Path) -> dict[str, Any]:
    """The manifest of a published version folder ({} if there is none or it is unreadable)."""
    try:
        done = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return done if isinstance(done, dict) else {}


def published_labels(folder: Path, asked: Sequence[str], log: Log) -> list[str]:
    """Label sets a published version folder holds beyond those asked for: the build keeps
    them (reports intact and current are copied, others made again); one that is no label
    language of this checkout is named, with why, and left out."""
    from reporting.plan import KNOWN_LABELS

    found = list(dict.fromkeys(r.get("lang") for r in published(folder).get("reports", [])
                               if isinstance(r, dict)))
    for lang in found:
        if lang not in KNOWN_LABELS and lang not in asked:
            log(f"[drop]  label set {lang!r} of {rel(folder)}: not a label language of this "
                f"checkout ({', '.join(KNOWN_LABELS)}); left out")
    return [x for x in found if x in KNOWN_LABELS and x not in asked]


def up_to_date(folder: Path, jobs: Sequence[Any], log: Log, verified: Path | None = None
               ) -> bool:
    """Whether a version folder already holds every job's report, with the same keys, and its
    files still match the manifest (a damaged file is named, and the version rebuilt); with
    `verified`, files unchanged since they last matched are not read (cache.mismatched)."""
    done = published(folder)
    if not done:
        return False
    keys = {(r["notebook"], r["lang"]): r["key"] for r in done.get("reports", [])}
    if not all(keys.get((j.name, j.lang)) == j.key for j in jobs):
        return False
    files = done.get("files")
    if not isinstance(files, dict) or not all(
            f"{j.lang}/{j.name}.html" in files for j in jobs):
        return False
    bad = cache.mismatched(folder, files, verified)
    if bad:
        log(f"[check] {rel(folder / bad)} does not match its manifest: rebuilt")
        return False
    return True


def remove_stale(reports_dir: Path, log: Log) -> None:
    """Remove the work folders of builds that were killed (their process is gone), and the
    Chromium folders of killed builds and checks
    (reporting.browser.remove_stale_chromium_folders)."""
    import shutil

    from reporting.browser import remove_stale_chromium_folders
    from reporting.run import alive

    for folder in reports_dir.glob(".build-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or int(pid) == os.getpid() or alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        log(f"[clean] removed {rel(folder)}, left by an interrupted build")
    for folder in remove_stale_chromium_folders():
        log(f"[clean] removed {folder}, Chromium's folder left by a process that was stopped")


def keep_published(folder: Path, jobs: Sequence[Any], asked: Sequence[str], work: Path,
                   log: Log) -> tuple[list[Any], list[dict[str, Any]]]:
    """Reports of label sets not asked for that the version folder already holds: copied into
    the new folder `work` when intact and current (their manifest entries are returned), else
    left among the jobs, made again with a line saying why. A build never removes a label set."""
    import shutil

    done = published(folder)
    files = done.get("files") if isinstance(done.get("files"), dict) else {}
    entries = {(r.get("notebook"), r.get("lang")): r for r in done.get("reports", [])
               if isinstance(r, dict)}
    remaining, carried = [], []
    for job in jobs:
        entry = entries.get((job.name, job.lang))
        if job.lang in asked or entry is None:
            remaining.append(job)
            continue
        names = [entry.get("html"), entry.get("ipynb")]
        if entry.get("key") != job.key:
            why = "made with other inputs (environment, machinery or parameters)"
        elif not all(n in files for n in names) or cache.mismatched(
                folder, {n: files[n] for n in names}):
            why = "its files no longer match the manifest"
        else:
            for n in names:
                (work / n).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(folder / n, work / n)
            carried.append(entry)
            log(f"[keep]  {job.name} ({job.lang}) kept from {rel(folder)}")
            continue
        remaining.append(job)
        log(f"[keep]  {job.name} ({job.lang}) of {rel(folder)} is out of date ({why}): made "
            f"again, so that the version keeps its {job.lang} label set")
    return remaining, carried
