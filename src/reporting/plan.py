"""Planning a build: the version name from git, the notebooks, their parameters and the jobs.

Standard library only (a no-op build plans, finds everything up to date and stops).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.labels import LANGUAGES
from reporting.common import Refused
from reporting.fingerprints import cache_key

DEFAULT_LABELS = ("en", "zh")  # what `make reports` builds: both label sets (the one home)
KNOWN_LABELS = LANGUAGES  # the one list of label languages lives in analysis.labels


def default_jobs() -> int:
    """Parallel kernels when none are asked for: one per core, and one more. A kernel spends
    part of its life waiting (its start, its runner's messages, its stop), and the extra kernel
    keeps the cores busy then (clean bilingual build on 2 cores, six interleaved builds each:
    median 16.65 s with 2 kernels, 15.85 s with 3, 15.75 s with 4; ten more pairs of 3 and 4:
    16.0 and 16.05 s, 4 using 0.6 s more CPU)."""
    import os

    return (os.cpu_count() or 1) + 1


@dataclass(eq=False)
class Job:
    """One report to produce: a notebook rendered with one label language. Its key is the one
    planned, replaced after execution by the key of the data files the kernel read."""

    name: str
    source: Path
    lang: str
    parameters: dict[str, Any]
    key: str
    paths: dict[str, str] = field(default_factory=dict)  # path parameters, as the kernel gets them

    @property
    def kernel_parameters(self) -> dict[str, Any]:
        """The parameters the kernel runs with: as given, path parameters made absolute inside
        the reports folder (reportsdir.confine_paths); the key and provenance keep them as given."""
        return {**self.parameters, **self.paths}


@dataclass
class BuildResult:
    """What a build did (for callers and tests): version, jobs executed and reused, timings."""

    version: str
    path: Path
    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    up_to_date: bool = False
    seconds: float = 0.0


def _git(root: Path, *args: str) -> str:
    """Output of a git command in root ('' when git or the repository is missing)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""
    return out.decode("utf-8", "replace").strip()


# What a build reads from the checkout (see fingerprints.input_snapshot): only changes here make
# a version "dirty"; a scratch file elsewhere in the clone is no input of the reports.
INPUT_PATHS = ("data", "notebooks", "src", "pyproject.toml", "uv.lock")


def git_state(root: Path, paths: Sequence[str] = INPUT_PATHS) -> dict[str, Any]:
    """Version name, full revision and dirty flag of root's working tree.

    The version is `git describe --always` with, when the build's inputs (`paths`) differ from
    HEAD, `-dirty-` and a short hash of their diff and untracked files, so two different dirty
    states never share a folder.
    """
    revision = _git(root, "rev-parse", "HEAD")
    if not revision:
        return {"version": "no-git", "revision": "unknown", "dirty": True}
    describe = _git(root, "describe", "--always", "--abbrev=10")
    changed = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *paths)
    if not changed:
        return {"version": describe, "revision": revision, "dirty": False}
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", *paths)
    h = hashlib.sha256()
    h.update(subprocess.run(["git", "-C", str(root), "diff", "HEAD", "--binary", "--", *paths],
                            capture_output=True).stdout)
    for name in sorted(filter(None, untracked.split("\0"))):
        p = root / name
        h.update(name.encode() + b"\0")
        if p.is_file():
            h.update(p.read_bytes())
    return {"version": f"{describe}-dirty-{h.hexdigest()[:8]}", "revision": revision,
            "dirty": True}


def parse_param(text: str) -> tuple[str | None, str, Any]:
    """Parse `[NOTEBOOK:]NAME=VALUE` (VALUE as JSON when it parses, else the string)."""
    if "=" not in text:
        raise Refused(f"parameter {text!r}: expected [NOTEBOOK:]NAME=VALUE")
    lhs, raw = text.split("=", 1)
    notebook, _, name = lhs.rpartition(":")
    if not name.isidentifier():
        raise Refused(f"parameter {text!r}: {name!r} is not a Python name")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return notebook or None, name, value


def find_notebooks(notebooks_dir: Path) -> list[Path]:
    """The percent-format notebooks to build: notebooks_dir/*.py, sorted by name."""
    found = sorted(p for p in notebooks_dir.glob("*.py") if not p.name.startswith(("_", ".")))
    if not found:
        raise Refused(f"no notebooks (*.py) in {notebooks_dir}")
    return found


LANGUAGE_PARAMETER = "label_language"  # set by the label set a report belongs to


def plan_jobs(
    notebooks: Sequence[Path], labels: Sequence[str], params: Sequence[str],
    data_hash: str | Callable[[str, str], str], env_hash: str,
) -> list[Job]:
    """One Job per (notebook, label language), with its parameters and cache key; data_hash
    is the hash of data/ or a function of (notebook, language) giving that report's own."""
    parsed = [parse_param(p) for p in params]
    names = {nb.stem for nb in notebooks}
    for target, name, value in parsed:
        if target is not None and target not in names:
            raise Refused(f"parameter {name!r} is for notebook {target!r}, which is not built")
        if name == LANGUAGE_PARAMETER and isinstance(value, str) and set(labels) - {value}:
            raise Refused(
                f"parameter {name}={value!r} contradicts the label set being built "
                f"({', '.join(labels)}): a report under <version>/<lang>/ is in that language. "
                f"Choose the label set instead: --labels {value} (make reports LABELS={value})")
    jobs = []
    for nb in notebooks:
        for lang in labels:
            values: dict[str, Any] = {LANGUAGE_PARAMETER: lang}
            values.update({n: v for t, n, v in parsed if t in (None, nb.stem)})
            data = data_hash(nb.stem, lang) if callable(data_hash) else data_hash
            key = cache_key(nb, lang, values, data, env_hash)
            jobs.append(Job(nb.stem, nb, lang, values, key))
    return jobs
