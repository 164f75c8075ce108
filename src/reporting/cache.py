"""A verified build cache: every entry is stored with the hash of its own bytes and what it was
made from, and is used only if it still matches; a damaged entry is discarded, with a one-line
notice, and made again. The same check guards the files of a published version (manifest)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from reporting.common import Log, rel, writing
from reporting.fingerprints import sha256_bytes


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256.json")


def store(path: Path, data: bytes, made_from: dict[str, Any]) -> None:
    """Write a cache entry and its record (hash of the bytes, and what they were made from);
    the entry appears last, so a reader never sees an entry without its record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    record = {"sha256": sha256_bytes(data), **made_from}
    side_tmp = tmp.with_name(tmp.name + ".json")
    with writing(path):
        tmp.write_bytes(data)
        side_tmp.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
    os.replace(side_tmp, _sidecar(path))
    os.replace(tmp, path)


def record(path: Path) -> dict[str, Any] | None:
    """The record stored with an entry (None if it has none or it is unreadable)."""
    try:
        out = json.loads(_sidecar(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return out if isinstance(out, dict) else None


def load(path: Path, log: Log, made_from: dict[str, Any] | None = None) -> bytes | None:
    """The bytes of a cache entry if it matches its record (and `made_from`, if given); else
    None, the entry discarded with a one-line notice (None quietly if there is no entry)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    rec = record(path)
    if rec is None:
        why = "has no readable hash record"
    elif rec.get("sha256") != sha256_bytes(data):
        why = "does not match its recorded hash"
    elif made_from and any(rec.get(k) != v for k, v in made_from.items()):
        why = "was made from other inputs than its name says"
    else:
        return data
    discard(path)
    log(f"[cache] {rel(path)} {why}: discarded, made again")
    return None


def discard(path: Path) -> None:
    """Remove a cache entry and its record."""
    path.unlink(missing_ok=True)
    _sidecar(path).unlink(missing_ok=True)


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file of a version folder but its manifest (for the manifest)."""
    return {
        p.relative_to(folder).as_posix(): sha256_bytes(p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "manifest.json" and ".work" not in p.parts
    }


def mismatched(folder: Path, files: dict[str, str], verified: Path | None = None
               ) -> str | None:
    """The first published file that is missing or differs from its manifest hash, or None.

    With `verified` (a JSON record beside the cache), a file whose inode, size and modification
    time are those recorded when it last matched is not read again: any write changes them, so
    only a change that restores all three (or a damaged disk) needs a full check, which is what
    `verified=None` does. The record is rewritten with what this check found to match."""
    record: dict[str, list[int]] = {}
    if verified is not None:
        try:
            record = json.loads(verified.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = {}
    checked: dict[str, list[int]] = {}
    for name, digest in sorted(files.items()):
        path = folder / name
        try:
            st = path.stat()
            stamp = [st.st_ino, st.st_size, st.st_mtime_ns]
            if record.get(name) != stamp and sha256_bytes(path.read_bytes()) != digest:
                return name
        except OSError:
            return name
        checked[name] = stamp
    if verified is not None and checked != record:
        tmp = verified.with_name(f"{verified.name}.{os.getpid()}.tmp")
        try:
            verified.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(checked), encoding="utf-8")
            os.replace(tmp, verified)
        except OSError:  # read-only or full: the check stands, the next one reads every file
            tmp.unlink(missing_ok=True)
    return None
