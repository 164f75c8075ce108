"""What changed between two report versions: data files, notebook sources, claims, key figures.

Everything is read from what the build published in each version folder: manifest.json (sha256 of
every data file and notebook source), claims.csv (reported value, recomputed value and verdict of
every claim) and key_figures.json (see analysis.keyfigures). A reviewer sees at a glance whether a
new version moved any number. Standard library only: the index writer runs it on no-op rebuilds.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis import keyfigures

CLAIM_FIELDS = ("reported", "recomputed", "verdict")
NUMERIC_CLAIM_FIELDS = ("reported", "recomputed")


@dataclass(frozen=True)
class FileChange:
    """A data file or notebook source whose contents differ (status changed, added or removed)."""

    path: str
    status: str
    old_sha256: str = ""
    new_sha256: str = ""


@dataclass(frozen=True)
class ValueChange:
    """A claim or key figure field whose value differs: old -> new ('' when absent)."""

    item: str
    field: str
    old: str
    new: str


@dataclass
class VersionChanges:
    """Everything that differs from version `old` to version `new`."""

    old: str
    new: str
    data_files: list[FileChange] = field(default_factory=list)
    notebooks: list[FileChange] = field(default_factory=list)
    claims: list[ValueChange] = field(default_factory=list)
    key_figures: list[ValueChange] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # what could not be compared, and why

    @property
    def moved_numbers(self) -> bool:
        """Whether any claim value, verdict or key figure changed."""
        return bool(self.claims or self.key_figures)

    @property
    def empty(self) -> bool:
        """Whether nothing at all differs (and everything could be compared)."""
        return not (self.data_files or self.notebooks or self.claims or self.key_figures
                    or self.missing)

    def summary(self) -> str:
        """One line for the index: counts of each kind of change."""
        if self.empty:
            return "nothing changed"
        parts = []
        for n, what in ((len(self.data_files), "data file"), (len(self.notebooks), "notebook"),
                        (len({c.item for c in self.claims}), "claim"),
                        (len(self.key_figures), "key figure")):
            if n:
                parts.append(f"{n} {what}{'s' if n != 1 else ''}")
        text = ", ".join(parts) + " changed" if parts else "no file or number changed"
        if parts and not self.moved_numbers:
            text += "; no number moved"
        if self.missing:
            text += f" ({len(self.missing)} not comparable)"
        return text


def compare_files(old: dict[str, str], new: dict[str, str]) -> list[FileChange]:
    """Files ({path: sha256}) added, removed or with different contents, sorted by path."""
    out = []
    for path in sorted(set(old) | set(new)):
        a, b = old.get(path, ""), new.get(path, "")
        if a == b:
            continue
        status = "added" if not a else "removed" if not b else "changed"
        out.append(FileChange(path, status, a, b))
    return out


def _same_number(a: str, b: str) -> bool:
    """Whether two CSV cells hold the same number (or the same text when not numbers)."""
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return (math.isnan(x) and math.isnan(y)) or x == y


def read_claims(path: Path) -> dict[str, dict[str, str]]:
    """claims.csv as {id: row}; a clear error names the file when a column is missing."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        columns = reader.fieldnames or []
        missing = [c for c in ("id", *CLAIM_FIELDS) if c not in columns]
        if missing:
            raise ValueError(f"{path}: column(s) {', '.join(missing)} missing (rule: the claims "
                             "register has id, reported, recomputed, verdict)")
        return {row["id"]: row for row in reader}


def compare_claims(old: dict[str, dict[str, str]],
                   new: dict[str, dict[str, str]]) -> list[ValueChange]:
    """Claims whose reported or recomputed value or verdict changed, or that came or went."""
    out = []
    for cid in sorted(set(old) | set(new)):
        a, b = old.get(cid), new.get(cid)
        if a is None or b is None:
            row = b if a is None else a
            assert row is not None
            shown = f"{row['recomputed']} ({row['verdict']})"
            out.append(ValueChange(cid, "claim", "" if a is None else shown,
                                   "" if b is None else shown))
            continue
        for f in CLAIM_FIELDS:
            same = (_same_number if f in NUMERIC_CLAIM_FIELDS else str.__eq__)(a[f], b[f])
            if not same:
                out.append(ValueChange(cid, f, a[f], b[f]))
    return out


def _format(value: float | None, unit: str) -> str:
    """A key-figure value as shown in the index ('' when absent)."""
    if value is None:
        return ""
    return f"{value:.6g}" + (f" {unit}" if unit else "")


def compare_key_figures(old: dict[str, Any], new: dict[str, Any]) -> list[ValueChange]:
    """Key figures ({notebook: {name: entry}}) whose value changed, or that came or went."""
    out = []
    for nb in sorted(set(old) | set(new)):
        a, b = old.get(nb, {}), new.get(nb, {})
        for name in sorted(set(a) | set(b)):
            x, y = a.get(name), b.get(name)
            if x is not None and y is not None and x["value"] == y["value"]:
                continue
            unit = (y or x or {}).get("unit", "")
            out.append(ValueChange(
                f"{nb}: {name}", "value",
                _format(x["value"] if x else None, unit), _format(y["value"] if y else None, unit),
            ))
    return out


def load_manifest(version_dir: Path) -> dict[str, Any]:
    """manifest.json of a version folder."""
    return json.loads((Path(version_dir) / "manifest.json").read_text(encoding="utf-8"))


def compare_versions(old_dir: Path, new_dir: Path) -> VersionChanges:
    """What changed from the version in old_dir to the one in new_dir (both published folders)."""
    old_dir, new_dir = Path(old_dir), Path(new_dir)
    ma, mb = load_manifest(old_dir), load_manifest(new_dir)
    ch = VersionChanges(ma.get("version", old_dir.name), mb.get("version", new_dir.name))
    ch.data_files = compare_files(
        {f["path"]: f["sha256"] for f in ma.get("data_files", [])},
        {f["path"]: f["sha256"] for f in mb.get("data_files", [])},
    )
    ch.notebooks = compare_files(ma.get("notebooks", {}), mb.get("notebooks", {}))
    ca, cb = old_dir / "claims.csv", new_dir / "claims.csv"
    if ca.exists() and cb.exists():
        ch.claims = compare_claims(read_claims(ca), read_claims(cb))
    elif ca.exists() or cb.exists():
        ch.missing.append("claims: claims.csv is in only one of the two versions")
    ka, kb = keyfigures.load_version(old_dir), keyfigures.load_version(new_dir)
    if ka is not None and kb is not None:
        ch.key_figures = compare_key_figures(ka, kb)
    elif ka is not None or kb is not None:
        ch.missing.append(f"key figures: {keyfigures.FILE_NAME} is in only one of the versions")
    return ch


def main(argv: list[str] | None = None) -> int:
    """Command line: `python -m reporting.changes reports/OLD reports/NEW` prints changes."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m reporting.changes", description=main.__doc__)
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    a = ap.parse_args(argv)
    ch = compare_versions(a.old, a.new)
    print(f"{ch.old} -> {ch.new}: {ch.summary()}")
    for f in ch.data_files + ch.notebooks:
        print(f"  {f.status:8} {f.path}")
    for c in ch.claims + ch.key_figures:
        print(f"  {c.item} [{c.field}]: {c.old or '-'} -> {c.new or '-'}")
    for m in ch.missing:
        print(f"  not compared: {m}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
