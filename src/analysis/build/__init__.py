"""Build the reports: run notebooks/*.py headlessly into versioned, offline, deterministic HTML.

`python -m analysis.build` (what `make reports` runs) executes every jupytext percent notebook
with papermill in the project's own kernel, two at a time, and renders each into one
self-contained HTML page (figures inline, nothing fetched from the network, code folded away)
with the executed .ipynb beside it:

    reports/<version>/<lang>/<notebook>.html + .ipynb, claims.csv, manifest.json
    reports/latest -> <version>;  reports/index.html lists every version

The version names the git revision (`git describe --always --dirty` plus a hash of the diff
when the tree is dirty). Everything that varies between runs (build time, timings) lives in
manifest.json, never in the HTML. Builds are incremental (a cache key per notebook and label
language from the notebook source, src/analysis, data/ and the parameters) and atomic (built in
reports/.build-*, published by rename; a failing notebook leaves earlier versions untouched and
its partly executed notebook in reports/.failed/). Only the standard library is imported until
something must actually run, so a no-op rebuild returns in well under a second.

Speed, where there is work: kernels are forked from one process that has imported the
scientific stack once (`analysis.build.zygote`; `--fresh-kernels` starts each from scratch, with the
same reports), longest notebooks go first, HTML is rendered on its own thread while kernels
run, and a data file's frictionless check is done once per build, not once per notebook.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.build import zygote
from analysis.provenance import PROJECT_ROOT, VALIDATED_ENV

BUILD_FORMAT = "1"  # bump to invalidate every cached execution
KERNEL_NAME = "liaoning-analysis"
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/analysis
TEMPLATE_DIR = PACKAGE_DIR / "templates"
TEMPLATE_NAME = "offline"
MATPLOTLIBRC = TEMPLATE_DIR / "matplotlibrc"
DEFAULT_LABELS = ("en",)
KNOWN_LABELS = ("en", "zh")
# Environment of every report kernel: fixed dates (SVG metadata) and hash seed (set order).
KERNEL_ENV = {
    "SOURCE_DATE_EPOCH": "0",
    "PYTHONHASHSEED": "0",
    "MATPLOTLIBRC": str(MATPLOTLIBRC),
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
# Packages named in each report's provenance block (the manifest lists every installed one).
PROVENANCE_PACKAGES = (
    "liaoning-rci-analysis", "pandas", "numpy", "scipy", "statsmodels", "matplotlib",
    "frictionless", "papermill", "nbconvert", "nbclient", "jupytext", "ipykernel",
)

ClaimsWriter = Callable[[Path], Any]
Log = Callable[[str], None]


def _print_line(msg: str) -> None:
    """Progress line, written whole (print() from two threads can interleave msg and newline)."""
    sys.stdout.write(msg + "\n")
    sys.stdout.flush()


class BuildError(RuntimeError):
    """A build that must not be published: the message says which notebook, cell and why."""


@dataclass(frozen=True)
class Job:
    """One report to produce: a notebook rendered with one label language."""

    name: str
    source: Path
    lang: str
    parameters: dict[str, Any]
    key: str


@dataclass
class BuildResult:
    """What a build did (for callers and tests): version, jobs executed and reused, timings."""

    version: str
    path: Path
    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    up_to_date: bool = False
    seconds: float = 0.0


# --------------------------------------------------------------------------- fingerprints


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def tree_files(folder: Path) -> list[Path]:
    """Every regular file under folder (sorted; caches, hidden and compiled files left out)."""
    if not folder.is_dir():
        return []
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for f in sorted(filenames):
            if not f.startswith(".") and not f.endswith((".pyc", ".pyo")):
                out.append(Path(dirpath) / f)
    return out


def tree_hash(folder: Path) -> str:
    """One sha256 over the relative paths and bytes of every file under folder."""
    h = hashlib.sha256()
    for p in tree_files(folder):
        h.update(p.relative_to(folder).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def data_file_hashes(root: Path) -> list[dict[str, str]]:
    """sha256 of every file in root/data (path relative to root), for provenance and manifest."""
    return [
        {"path": p.relative_to(root).as_posix(), "sha256": sha256_bytes(p.read_bytes())}
        for p in tree_files(root / "data")
    ]


def data_fingerprint(files: Sequence[dict[str, str]]) -> str:
    """Short hash naming the whole data set (shown in the index and provenance block)."""
    text = "".join(f"{f['path']}\0{f['sha256']}\n" for f in files)
    return sha256_bytes(text.encode())[:12]


def environment_hash(root: Path) -> str:
    """Hash of what the kernel runs on: interpreter version and the lock file, if any."""
    lock = root / "uv.lock"
    lock_hash = sha256_bytes(lock.read_bytes()) if lock.exists() else "no-lock"
    return sha256_bytes(f"{sys.version}\0{sys.executable}\0{lock_hash}".encode())


# Import statements, found by pattern rather than by parsing (a no-op build must stay fast):
# `from X import a, b`, `from X import (a,\n b)`, `import X, Y as Z`. A match inside a string
# only adds a dependency, never loses one.
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)"
    r"|import[ \t]+([^\n#;]*))",
    re.M,
)


@functools.lru_cache(maxsize=256)
def _imported_modules(source: str) -> frozenset[str]:
    """Modules of the analysis package that some Python source imports (top level or nested)."""
    found = set()
    for dots, module, what, plain in _IMPORT.findall(source):
        if plain:
            names = [n.split(" as ")[0].strip() for n in plain.split(",")]
        else:
            mod = f"analysis.{module}".rstrip(".") if dots else module
            items = what.strip("() \t\n").replace("\n", " ").split(",")
            names = [mod] + [f"{mod}.{n.split(' as ')[0].strip()}" for n in items if n.strip()]
        for name in names:
            parts = name.split(".")
            if parts[0] == "analysis" and len(parts) > 1 and parts[1]:
                found.add(parts[1])
    return frozenset(found)


def package_dependencies(source_text: str, package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Files of src/analysis a notebook depends on: what it imports, transitively.

    build/__init__.py, __init__.py and the templates always count (they shape every report).
    A notebook that imports the package dynamically (importlib) depends on every module.
    """
    always = [package_dir / "__init__.py", package_dir / "build" / "__init__.py",
              *tree_files(TEMPLATE_DIR)]
    seen: set[str] = set()
    todo = set(_imported_modules(source_text)) | _imported_modules(
        (package_dir / "__init__.py").read_text(encoding="utf-8")
        if (package_dir / "__init__.py").exists() else ""
    )
    if "importlib" in source_text or "__import__" in source_text:
        todo.add("*")
    files: list[Path] = []
    while todo:
        mod = todo.pop()
        if mod == "*":
            return sorted(set(always) | {p for p in tree_files(package_dir)})
        if mod in seen:
            continue
        seen.add(mod)
        for candidate in (package_dir / f"{mod}.py", package_dir / mod / "__init__.py"):
            if candidate.exists():
                files.append(candidate)
                if candidate.name == "__init__.py":  # a subpackage: take all of it
                    return sorted(set(always) | {p for p in tree_files(package_dir)})
                todo |= _imported_modules(candidate.read_text(encoding="utf-8"))
    return sorted({p for p in always + files if p.exists()})


def files_hash(files: Iterable[Path], base: Path) -> str:
    """One sha256 over the paths (relative to base) and bytes of some files."""
    h = hashlib.sha256()
    for p in files:
        h.update(p.relative_to(base).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def cache_key(
    source: Path, lang: str, parameters: dict[str, Any], data_hash: str, env_hash: str
) -> str:
    """Cache key of one (notebook, language): its source, the analysis modules it imports
    (transitively), data/, its parameters and the environment."""
    text = source.read_bytes()
    deps = package_dependencies(text.decode("utf-8", "replace"))
    parts = [
        BUILD_FORMAT, lang, json.dumps(parameters, sort_keys=True, default=str),
        sha256_bytes(text), files_hash(deps, PACKAGE_DIR), data_hash, env_hash,
    ]
    return sha256_bytes("\0".join(parts).encode())[:24]


# --------------------------------------------------------------------------- git version


def _git(root: Path, *args: str) -> str:
    """Output of a git command in root ('' when git or the repository is missing)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""
    return out.decode("utf-8", "replace").strip()


def git_state(root: Path) -> dict[str, Any]:
    """Version name, full revision and dirty flag of root's working tree.

    The version is `git describe --always --dirty` with, when dirty, a short hash of the diff
    against HEAD and of untracked files, so two different dirty states never share a folder.
    """
    revision = _git(root, "rev-parse", "HEAD")
    if not revision:
        return {"version": "no-git", "revision": "unknown", "dirty": True}
    describe = _git(root, "describe", "--always", "--abbrev=10", "--dirty")
    dirty = describe.endswith("-dirty")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    if untracked:
        dirty = True
    version = describe
    if dirty:
        h = hashlib.sha256()
        h.update(
            subprocess.run(
                ["git", "-C", str(root), "diff", "HEAD", "--binary"], capture_output=True
            ).stdout
        )
        for rel in sorted(filter(None, untracked.split("\0"))):
            p = root / rel
            h.update(rel.encode() + b"\0")
            if p.is_file():
                h.update(p.read_bytes())
        base = describe.removesuffix("-dirty")
        version = f"{base}-dirty-{h.hexdigest()[:8]}"
    return {"version": version, "revision": revision, "dirty": dirty}


# --------------------------------------------------------------------------- planning


def parse_param(text: str) -> tuple[str | None, str, Any]:
    """Parse `[NOTEBOOK:]NAME=VALUE` (VALUE as JSON when it parses, else the string)."""
    if "=" not in text:
        raise BuildError(f"parameter {text!r}: expected [NOTEBOOK:]NAME=VALUE")
    lhs, raw = text.split("=", 1)
    notebook, _, name = lhs.rpartition(":")
    if not name.isidentifier():
        raise BuildError(f"parameter {text!r}: {name!r} is not a Python name")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return notebook or None, name, value


def find_notebooks(notebooks_dir: Path) -> list[Path]:
    """The percent-format notebooks to build: notebooks_dir/*.py, sorted by name."""
    found = sorted(p for p in notebooks_dir.glob("*.py") if not p.name.startswith(("_", ".")))
    if not found:
        raise BuildError(f"no notebooks (*.py) in {notebooks_dir}")
    return found


def plan_jobs(
    notebooks: Sequence[Path], labels: Sequence[str], params: Sequence[str],
    data_hash: str, env_hash: str,
) -> list[Job]:
    """One Job per (notebook, label language), with its parameters and cache key."""
    parsed = [parse_param(p) for p in params]
    names = {nb.stem for nb in notebooks}
    for target, name, _ in parsed:
        if target is not None and target not in names:
            raise BuildError(f"parameter {name!r} is for notebook {target!r}, which is not built")
    jobs = []
    for nb in notebooks:
        for lang in labels:
            values: dict[str, Any] = {"label_language": lang}
            values.update({n: v for t, n, v in parsed if t in (None, nb.stem)})
            key = cache_key(nb, lang, values, data_hash, env_hash)
            jobs.append(Job(nb.stem, nb, lang, values, key))
    return jobs


# --------------------------------------------------------------------------- kernel


def environment_has_bytecode() -> bool:
    """Whether the environment's libraries ship compiled bytecode (uv sync --compile-bytecode).

    Looks for pandas' cached bytecode without importing pandas (the no-op build stays light).
    """
    import importlib.util

    spec = importlib.util.find_spec("pandas")
    if spec is None or spec.origin is None:
        return False
    return Path(importlib.util.cache_from_source(spec.origin)).exists()


def kernel_env(pycache: Path, use_prefix: bool | None = None) -> dict[str, str]:
    """KERNEL_ENV, plus a private bytecode cache where the environment has no bytecode.

    Where PYTHONDONTWRITEBYTECODE is set and the libraries were installed without bytecode,
    every kernel would compile pandas, matplotlib, scipy and statsmodels again, about 8 s of
    CPU each; the cache then lives in reports/.cache/pycache. Where the environment is compiled
    (the Makefile's `uv sync --compile-bytecode`), a prefix would hide that bytecode and force
    the very recompilation it is meant to avoid, so none is set.
    """
    if use_prefix is None:
        use_prefix = not environment_has_bytecode()
    if not use_prefix:
        return dict(KERNEL_ENV)
    return {**KERNEL_ENV, "PYTHONPYCACHEPREFIX": str(pycache), "PYTHONDONTWRITEBYTECODE": ""}


def kernelspec(env: dict[str, str] | None = None, forked: bool = False) -> dict[str, Any]:
    """Kernel spec running the driver's own interpreter (the project environment); `forked`
    starts the kernel from the build's zygote (`analysis.build.zygote`) instead of from scratch."""
    argv = (zygote.launcher_argv() if forked
            else zygote.kernel_argv("-f", "{connection_file}", "--IPKernelApp.log_level=ERROR"))
    return {
        "argv": argv,
        "display_name": "Python (Liaoning analysis)",
        "language": "python",
        "env": dict(env or {}),
        "metadata": {"debugger": True, "supported_encryption": ["curve"]},
    }


def write_kernelspec(data_dir: Path, env: dict[str, str] | None = None,
                     forked: bool = False) -> Path:
    """Write the project kernel spec under data_dir/kernels/ (a Jupyter data directory)."""
    folder = data_dir / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    _write_text(folder / "kernel.json", json.dumps(kernelspec(env, forked), indent=1) + "\n")
    return folder


@contextmanager
def report_kernel(data_dir: Path, env: dict[str, str], cwd: Path, fork: bool
                  ) -> Iterator[str | None]:
    """The project kernel spec written under data_dir and first on JUPYTER_PATH for a block;
    with `fork`, kernels come from a zygote started in `cwd` (see analysis.build.zygote). Yields the
    zygote's socket (for analysis.build.execute.run_isolated), or None for kernels from scratch."""
    with ExitStack() as stack:
        socket_path = None
        if fork:
            env = stack.enter_context(zygote.running(env, cwd))
            socket_path = env[zygote.SOCKET_ENV]
        write_kernelspec(data_dir, env, forked=socket_path is not None)
        stack.enter_context(_jupyter_path(data_dir))
        yield socket_path


@contextmanager
def _jupyter_path(data_dir: Path) -> Iterator[None]:
    """Put data_dir first on JUPYTER_PATH while the build runs (so our kernel spec wins)."""
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(data_dir), old]))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = old


# --------------------------------------------------------------------------- notebooks


def declared_parameters(ipynb: Path) -> set[str]:
    """Names declared in the notebook's `parameters` cell (papermill's own inspection)."""
    import papermill

    return set(papermill.inspect_notebook(str(ipynb)))


def has_parameters_cell(nb: Any) -> bool:
    """Whether some cell is tagged `parameters`."""
    return any("parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells)


def check_parameters(job: Job, ipynb: Path, nb: Any) -> None:
    """Refuse parameters the notebook does not declare (papermill would only warn)."""
    if not has_parameters_cell(nb):
        raise BuildError(
            f"{job.source.name}: no cell tagged parameters "
            '(add `# %% tags=["parameters"]` with label_language = "en")'
        )
    declared = declared_parameters(ipynb)
    undeclared = sorted(set(job.parameters) - declared)
    if undeclared:
        raise BuildError(
            f"{job.source.name}: parameter(s) {', '.join(undeclared)} not declared in its "
            f"parameters cell (declared: {', '.join(sorted(declared)) or 'none'})"
        )


def _strip_run_metadata(nb: Any) -> None:
    """Drop timings, absolute paths and other per-run metadata papermill/nbclient record."""
    pm = nb.metadata.get("papermill", {})
    for k in ("start_time", "end_time", "duration", "input_path", "output_path",
              "environment_variables"):
        pm.pop(k, None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cpm = cell.metadata.get("papermill")
        if cpm is not None:
            for k in ("start_time", "end_time", "duration"):
                cpm.pop(k, None)


_STYLER_TABLE = re.compile(r'<table id="T_([0-9a-f]+)"')
# Run-specific text in outputs: object addresses in reprs, ipykernel's per-process cell files.
_VOLATILE = (
    (re.compile(r" at 0x[0-9a-fA-F]{6,16}>"), " at 0x...>"),
    (re.compile(r"[^\s\"'(]*ipykernel_\d+[/\\]"), "ipykernel/"),
)


def _make_preprocessors(replacements: Sequence[tuple[str, str]]) -> list[Any]:
    """The determinism preprocessors: merged streams, renumbered cell ids, sanitised outputs."""
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor, Preprocessor

    class RenumberCellIds(Preprocessor):
        """Replace the random cell ids of jupytext/papermill by cell-0, cell-1, ..."""

        def preprocess(self, nb, resources):
            for i, cell in enumerate(nb.cells):
                cell.id = f"cell-{i}"
            return nb, resources

    class SanitiseOutputs(Preprocessor):
        """Remove absolute paths and pandas Styler random uuids from cell outputs."""

        def preprocess(self, nb, resources):
            self._styler = 0
            return super().preprocess(nb, resources)

        def _fix(self, text: str) -> str:
            for old, new in replacements:
                text = text.replace(old, new)
            for pattern, new in _VOLATILE:
                text = pattern.sub(new, text)
            for uuid in dict.fromkeys(_STYLER_TABLE.findall(text)):
                self._styler += 1
                text = text.replace(f"T_{uuid}", f"T_styler{self._styler}")
            return text

        def preprocess_cell(self, cell, resources, index):
            for out in cell.get("outputs", []):
                if "text" in out:
                    out.text = self._fix(out.text)
                if "traceback" in out:
                    out.traceback = [self._fix(t) for t in out.traceback]
                    out.evalue = self._fix(out.evalue)
                for mime, value in out.get("data", {}).items():
                    if mime.startswith("text/") or mime == "image/svg+xml":
                        if isinstance(value, str):
                            out.data[mime] = self._fix(value)
                        elif isinstance(value, list):
                            out.data[mime] = [self._fix(v) for v in value]
            return cell, resources

    # The kernel splits a burst of stderr/stdout into stream outputs as its flush timer falls,
    # so two runs can differ in how many there are: merging consecutive ones removes that.
    return [CoalesceStreamsPreprocessor(), RenumberCellIds(), SanitiseOutputs()]


def _path_replacements(root: Path, notebooks_dir: Path, work: Path) -> list[tuple[str, str]]:
    """Absolute paths that may leak into outputs, longest first, with what replaces them."""
    pairs = {
        str(work.resolve()): "<build>",
        str(notebooks_dir.resolve()): "notebooks",
        str(root.resolve()): ".",
        str(Path(sys.prefix).resolve()): "<python-env>",
        str(Path.home()): "~",
    }
    return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


def _failing_cell_line(source_text: str, cell_source: str) -> int | None:
    """Line number in the .py file where the failing cell's code starts (best effort)."""
    first = cell_source.strip().splitlines()[0] if cell_source.strip() else ""
    idx = source_text.find(first) if first else -1
    return source_text[:idx].count("\n") + 1 if idx >= 0 else None


# --------------------------------------------------------------------------- builder


class Builder:
    """One build: plans jobs, executes what the cache lacks, renders HTML, publishes."""

    def __init__(
        self,
        notebooks_dir: Path,
        reports_dir: Path,
        root: Path = PROJECT_ROOT,
        labels: Sequence[str] = DEFAULT_LABELS,
        params: Sequence[str] = (),
        jobs: int = 2,
        claims_writer: ClaimsWriter | None = None,
        log: Log | None = None,
        pycache: Path | None = None,
        fork_kernels: bool | None = None,
    ) -> None:
        self.notebooks_dir = Path(notebooks_dir).resolve()
        self.reports_dir = Path(reports_dir).resolve()
        self.root = Path(root).resolve()
        bad = [x for x in labels if x not in KNOWN_LABELS]
        if bad or not labels:
            raise BuildError(f"label languages must be among {KNOWN_LABELS}, got {list(labels)}")
        self.labels = list(dict.fromkeys(labels))
        self.params = list(params)
        self.workers = max(1, jobs)
        self.claims_writer = claims_writer
        self.log = log or _print_line
        self.cache_dir = self.reports_dir / ".cache"
        self.pycache = Path(pycache) if pycache else self.cache_dir / "pycache"
        self._local = threading.local()
        # Kernels forked from a zygote that has the libraries imported (Linux; see zygote).
        self.fork_kernels = zygote.available() if fork_kernels is None else fork_kernels

    # ---- planning (standard library only)
    def plan(self) -> tuple[dict[str, Any], list[Job], str]:
        """Git state, jobs with cache keys, and the claims cache key."""
        state = git_state(self.root)
        # The claims step depends on the modules its writer imports (declared by the writer).
        writer_imports = getattr(self.claims_writer, "imports", "")
        claims_deps = files_hash(package_dependencies(writer_imports), PACKAGE_DIR)
        data_hash = tree_hash(self.root / "data")
        env_hash = environment_hash(self.root)
        jobs = plan_jobs(
            find_notebooks(self.notebooks_dir), self.labels, self.params, data_hash, env_hash
        )
        claims_key = sha256_bytes(f"{claims_deps}{data_hash}{env_hash}".encode())[:24]
        return state, jobs, claims_key

    def up_to_date(self, version: str, jobs: Sequence[Job], claims_key: str) -> bool:
        """Whether reports/<version> already holds every requested report with the same keys."""
        manifest = self.reports_dir / version / "manifest.json"
        try:
            done = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        keys = {(r["notebook"], r["lang"]): r["key"] for r in done.get("reports", [])}
        if self.claims_writer is not None and done.get("claims_key") != claims_key:
            return False
        folder = self.reports_dir / version
        return all(
            keys.get((j.name, j.lang)) == j.key and (folder / j.lang / f"{j.name}.html").exists()
            for j in jobs
        )

    def run(self) -> BuildResult:
        """Build the reports of the current tree (or find them up to date); raise BuildError."""
        t0 = time.perf_counter()
        state, jobs, claims_key = self.plan()
        version = state["version"]
        result = BuildResult(version=version, path=self.reports_dir / version)
        if self.up_to_date(version, jobs, claims_key):
            if self._point_latest(version) or not (self.reports_dir / "index.html").exists():
                write_index(self.reports_dir)
            result.up_to_date = True
            result.reused = [f"{j.name} ({j.lang})" for j in jobs]
            result.seconds = time.perf_counter() - t0
            self.log(f"[build] reports/{version} is up to date ({len(jobs)} reports, nothing to "
                     f"run) in {result.seconds:.2f} s")
            return result
        self._build(state, jobs, claims_key, result)
        result.seconds = time.perf_counter() - t0
        self.log(f"[build] published reports/{version} ({len(result.executed)} executed, "
                 f"{len(result.reused)} from cache) in {result.seconds:.1f} s; "
                 f"latest -> {version}")
        return result

    # ---- the real work (heavy imports from here on)
    def _build(self, state: dict[str, Any], jobs: list[Job], claims_key: str,
               result: BuildResult) -> None:
        version = state["version"]
        self.reports_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / "executed").mkdir(parents=True, exist_ok=True)
        work = self.reports_dir / f".build-{version}-{os.getpid()}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        try:
            to_run = self._longest_first([j for j in jobs if not self._cached(j).exists()])
            self.log(f"[build] version {version}: {len(jobs)} reports, {len(to_run)} to run, "
                     f"{len(jobs) - len(to_run)} cached; {self.workers} parallel kernels")
            with ExitStack() as kernels:  # the zygote imports while this process prepares
                socket_path = self._kernels(kernels, to_run)
                data_files = data_file_hashes(self.root)
                packages = installed_packages()
                self._provenance_base = {
                    "version": version, "revision": state["revision"], "dirty": state["dirty"],
                    "data_files": data_files, "data_fingerprint": data_fingerprint(data_files),
                    "packages": {k: packages[k] for k in PROVENANCE_PACKAGES if k in packages},
                }
                self._replacements = _path_replacements(self.root, self.notebooks_dir, work)
                import jupytext  # noqa: F401  (import once, before the threads start)
                import nbconvert  # noqa: F401
                import papermill  # noqa: F401

                self._prepare(to_run, work)
                timings = self._execute_all(jobs, to_run, work, result, socket_path)
            self._record_seconds(timings)
            claims_file = self._claims(work, claims_key)
            manifest = {
                "version": version, "revision": state["revision"], "dirty": state["dirty"],
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "labels": self.labels, "python": sys.version.split()[0],
                "data_fingerprint": self._provenance_base["data_fingerprint"],
                "data_files": data_files,
                "notebooks": {
                    p.name: sha256_bytes(p.read_bytes())
                    for p in sorted({j.source for j in jobs})
                },
                "packages": packages,
                "claims": claims_file, "claims_key": claims_key if claims_file else None,
                "reports": [
                    {"notebook": j.name, "lang": j.lang, "key": j.key,
                     "parameters": j.parameters, "html": f"{j.lang}/{j.name}.html",
                     "ipynb": f"{j.lang}/{j.name}.ipynb", **timings[(j.name, j.lang)]}
                    for j in jobs
                ],
            }
            shutil.rmtree(work / ".work", ignore_errors=True)
            from analysis.keyfigures import write_version as write_key_figures

            try:  # for the index's "what changed since the previous version"
                write_key_figures(work, manifest["reports"])
            except ValueError as err:
                raise BuildError(f"[fail] key figures: {err}") from None
            from analysis.build.pages import write_pages  # article, report text, nav, PDF

            manifest["pages"] = write_pages(work, manifest, self.root, self.cache_dir, self.log)
            _write_text(work / "manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
            self._publish(work, version)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _longest_first(self, to_run: list[Job]) -> list[Job]:
        """Jobs ordered by expected run time, longest first, so that the two kernels finish
        together: the last build's seconds where known (reports/.cache/seconds.json), else
        the notebook's size, which ranks this project's notebooks about as well."""
        seconds = self._seconds()

        def expected(job: Job) -> tuple[float, float]:
            known = seconds.get(f"{job.name}.{job.lang}")
            size = job.source.stat().st_size
            return (float(known) if isinstance(known, int | float) else -1.0, size)

        return sorted(to_run, key=expected, reverse=True)

    def _seconds(self) -> dict[str, Any]:
        """Seconds each notebook took when last executed, by "name.lang" ({} if unknown)."""
        try:
            seconds = json.loads((self.cache_dir / "seconds.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return seconds if isinstance(seconds, dict) else {}

    def _record_seconds(self, timings: dict[tuple[str, str], dict[str, Any]]) -> None:
        """Remember how long each executed notebook took (for `_longest_first`)."""
        seconds = self._seconds()
        seconds.update({f"{name}.{lang}": t["execute_seconds"]
                        for (name, lang), t in timings.items() if t["executed"]})
        _write_text(self.cache_dir / "seconds.json",
                    json.dumps(seconds, indent=1, sort_keys=True) + "\n")

    def _cached(self, job: Job) -> Path:
        return self.cache_dir / "executed" / f"{job.name}.{job.lang}.{job.key}.ipynb"

    def _prepare(self, to_run: Sequence[Job], work: Path) -> None:
        """Convert the notebooks to run and refuse undeclared parameters before running any."""
        import jupytext

        errors = []
        for job in to_run:
            nb = jupytext.read(job.source)
            nb.metadata["kernelspec"] = {
                "name": KERNEL_NAME, "language": "python",
                "display_name": kernelspec()["display_name"],
            }
            ipynb = work / ".work" / job.lang / f"{job.name}.input.ipynb"
            ipynb.parent.mkdir(parents=True, exist_ok=True)
            jupytext.write(nb, ipynb, fmt="ipynb")
            try:
                check_parameters(job, ipynb, nb)
            except BuildError as e:
                errors.append(str(e))
        if errors:
            raise BuildError("refused, nothing was run:\n  " + "\n  ".join(errors))

    def _kernels(self, stack: ExitStack, to_run: Sequence[Job]) -> str | None:
        """The report kernel (and zygote) for the duration of `stack`; see report_kernel."""
        env = {**kernel_env(self.pycache), VALIDATED_ENV: str(self.cache_dir / "validated")}
        return stack.enter_context(report_kernel(
            self.cache_dir / "jupyter", env, self.notebooks_dir,
            fork=self.fork_kernels and bool(to_run)))

    def _execute_all(self, jobs: Sequence[Job], to_run: Sequence[Job], work: Path,
                     result: BuildResult, socket_path: str | None
                     ) -> dict[tuple[str, str], dict[str, Any]]:
        """Run the missing notebooks in parallel kernels and render every report.

        Rendering has a thread of its own, so a kernel starts on the next notebook while the
        previous one's HTML is being written.
        """
        running = {id(j) for j in to_run}
        timings: dict[tuple[str, str], dict[str, Any]] = {}
        failures: list[str] = []
        with ThreadPoolExecutor(1) as render_pool, ThreadPoolExecutor(self.workers) as pool:
            executing = {pool.submit(self._execute_timed, j, work, socket_path): j
                         for j in to_run}
            rendering = {render_pool.submit(self._render_one, j, None, 0.0, work): j
                         for j in jobs if id(j) not in running}
            for fut in as_completed(executing):
                job = executing[fut]
                try:
                    nb, seconds = fut.result()
                except BuildError as e:
                    self.log(f"[fail]  {job.name} ({job.lang})")
                    failures.append(str(e))
                    continue
                rendering[render_pool.submit(self._render_one, job, nb, seconds, work)] = job
            for fut in as_completed(rendering):
                job = rendering[fut]
                timings[(job.name, job.lang)] = fut.result()
                (result.executed if id(job) in running else result.reused).append(
                    f"{job.name} ({job.lang})")
        if failures:
            raise BuildError("\n".join(failures))
        return timings

    def _execute_timed(self, job: Job, work: Path, socket_path: str | None) -> tuple[Any, float]:
        """Execute one notebook with progress lines; the executed notebook and its seconds."""
        label = f"{job.name} ({job.lang})"
        self.log(f"[run]   {label}")
        t0 = time.perf_counter()
        nb = self._execute(job, work, socket_path)
        seconds = time.perf_counter() - t0
        self.log(f"[done]  {label} executed in {seconds:.1f} s")
        return nb, seconds

    def _render_one(self, job: Job, nb: Any, t_exec: float, work: Path) -> dict[str, Any]:
        """Render one report (from the cache when nb is None); return its timings."""
        import nbformat

        executed = nb is not None
        t1 = time.perf_counter()
        if nb is None:
            nb = nbformat.read(self._cached(job), as_version=4)
        html_text = self._render(job, nb)
        out = work / job.lang / f"{job.name}.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        _write_text(out, html_text)
        nbformat.write(nb, out.with_suffix(".ipynb"))
        t_html = time.perf_counter() - t1
        if not executed:
            self.log(f"[cache] {job.name} ({job.lang}) rendered from cache in {t_html:.1f} s")
        return {"executed": executed, "execute_seconds": round(t_exec, 2),
                "render_seconds": round(t_html, 2)}

    def _execute(self, job: Job, work: Path, socket_path: str | None = None) -> Any:
        """Run one notebook with papermill in the project kernel; cache the cleaned result."""
        import nbformat

        from analysis.build.execute import CellError, ExecutionFailed, run_isolated

        src = work / ".work" / job.lang / f"{job.name}.input.ipynb"
        out = work / ".work" / job.lang / f"{job.name}.ipynb"
        try:
            run_isolated(src, out, job.parameters, KERNEL_NAME, self.notebooks_dir,
                         zygote_socket=socket_path)
        except CellError as e:
            raise BuildError(self._failure(job, out, e)) from None
        except ExecutionFailed as e:  # kernel died or hung: still name the notebook
            raise BuildError(f"[fail] notebook {job.source.name} ({job.lang}): {e}") from None
        nb = nbformat.read(out, as_version=4)
        _strip_run_metadata(nb)
        for pre in _make_preprocessors(self._replacements):
            nb, _ = pre.preprocess(nb, {})
        cached = self._cached(job)
        tmp = cached.with_suffix(f".tmp{threading.get_ident()}")
        nbformat.write(nb, tmp)
        os.replace(tmp, cached)
        return nb

    def _failure(self, job: Job, partial: Path, e: Any) -> str:
        """Keep the partly executed notebook and describe the failing cell."""
        kept = self.reports_dir / ".failed" / job.lang / f"{job.name}.ipynb"
        kept.parent.mkdir(parents=True, exist_ok=True)
        if partial.exists():
            shutil.copyfile(partial, kept)
        line = _failing_cell_line(job.source.read_text(encoding="utf-8"), e.source or "")
        where = f", line {line} of {job.source.name}" if line else ""
        first = (e.source or "").strip().splitlines()[:1]
        code = f": {first[0][:80]}" if first else ""
        return (
            f"[fail] notebook {job.source.name} ({job.lang}) failed in cell In [{e.exec_count}]"
            f"{where}{code}\n       {e.ename}: {e.evalue}\n"
            f"       partly executed notebook kept at {_rel(kept)}"
        )

    def _render(self, job: Job, nb: Any) -> str:
        """HTML of one executed notebook with the offline template and provenance block."""
        exporters = self._local.__dict__.setdefault("exporters", {})
        if job.lang not in exporters:
            from nbconvert import HTMLExporter

            exporters[job.lang] = HTMLExporter(
                template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATE_DIR)],
                exclude_input_prompt=True, exclude_output_prompt=True, embed_images=True,
                language_code=job.lang,
            )
        provenance = dict(
            self._provenance_base, notebook=job.source.name,
            parameters={k: repr(v) for k, v in job.parameters.items()},
            notebook_sha256=sha256_bytes(job.source.read_bytes()),
        )
        nb.metadata["provenance"] = {
            k: v for k, v in provenance.items() if k not in ("data_files",)
        }
        resources = {"metadata": {"name": job.name}, "provenance": provenance}
        body, _ = exporters[job.lang].from_notebook_node(nb, resources=resources)
        return body

    def _claims(self, work: Path, claims_key: str) -> str | None:
        """Step: write claims.csv with analysis.claims.write_claims_csv (cached by key)."""
        if self.claims_writer is None:
            return None
        cached = self.cache_dir / f"claims.{claims_key}.csv"
        if not cached.exists():
            t0 = time.perf_counter()
            self.log("[run]   claims.csv")
            tmp = cached.with_suffix(".tmp")
            try:
                self.claims_writer(tmp)
            except Exception as e:
                raise BuildError(
                    f"[fail] claims step (analysis.claims.write_claims_csv): "
                    f"{type(e).__name__}: {e}"
                ) from e
            os.replace(tmp, cached)
            self.log(f"[done]  claims.csv in {time.perf_counter() - t0:.1f} s")
        shutil.copyfile(cached, work / "claims.csv")
        return "claims.csv"

    def _publish(self, work: Path, version: str) -> None:
        """Move the finished build into reports/<version> by rename; repoint latest and index."""
        final = self.reports_dir / version
        if final.exists():
            old = self.reports_dir / f".old-{version}-{os.getpid()}"
            os.rename(final, old)
            os.rename(work, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(work, final)
        self._point_latest(version)
        write_index(self.reports_dir)

    def _point_latest(self, version: str) -> bool:
        """Atomically point reports/latest at version (a relative symlink); True if it moved."""
        link = self.reports_dir / "latest"
        if link.is_symlink() and os.readlink(link) == version:
            return False
        tmp = self.reports_dir / f".latest-{os.getpid()}"
        tmp.unlink(missing_ok=True)
        os.symlink(version, tmp)
        os.replace(tmp, link)
        return True


# --------------------------------------------------------------------------- index, helpers


def installed_packages() -> dict[str, str]:
    """Every installed distribution and its version (normalised lower-case names)."""
    from importlib import metadata

    out = {}
    for d in metadata.distributions():
        name = d.metadata.get("Name")
        if name:
            out[name.lower().replace("_", "-")] = d.version
    return dict(sorted(out.items()))


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
    from analysis.build.reportindex import render_index  # standard library only

    page = render_index(rows, reports_dir, latest)
    out = reports_dir / "index.html"
    _write_text(out, page)
    return out


def _write_text(path: Path, text: str) -> None:
    """Write text atomically (temp file + rename), UTF-8, no platform newline translation."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)


def _rel(path: Path) -> str:
    """Path relative to the working directory when it is below it (for messages)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def default_claims_writer() -> ClaimsWriter:
    """analysis.claims.write_claims_csv, imported only when claims must be written."""

    def write(path: Path) -> Any:
        from analysis.claims import write_claims_csv

        return write_claims_csv(path)

    write.imports = "import analysis.claims"  # type: ignore[attr-defined]  # for its cache key
    return write


def build(
    notebooks_dir: Path = PROJECT_ROOT / "notebooks",
    reports_dir: Path = PROJECT_ROOT / "reports",
    *,
    root: Path = PROJECT_ROOT,
    labels: Iterable[str] = DEFAULT_LABELS,
    params: Iterable[str] = (),
    jobs: int = 2,
    claims: bool = True,
    log: Log | None = None,
    fork_kernels: bool | None = None,
) -> BuildResult:
    """Build the reports of notebooks_dir into reports_dir (see the module docstring)."""
    return Builder(
        notebooks_dir, reports_dir, root=root, labels=list(labels), params=list(params),
        jobs=jobs, claims_writer=default_claims_writer() if claims else None, log=log,
        fork_kernels=fork_kernels,
    ).run()


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `python -m analysis.build [--labels en,zh] [--param NAME=VALUE] ...`."""
    ap = argparse.ArgumentParser(prog="python -m analysis.build", description=__doc__.split(
        "\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notebooks-dir", type=Path, default=PROJECT_ROOT / "notebooks")
    ap.add_argument("--reports-dir", type=Path, default=PROJECT_ROOT / "reports")
    ap.add_argument("--root", type=Path, default=PROJECT_ROOT,
                    help="project root: git revision and data/ (default: this checkout)")
    ap.add_argument("--labels", default="en",
                    help="comma-separated label languages: en, zh (default en)")
    ap.add_argument("--param", "-p", action="append", default=[], metavar="[NB:]NAME=VALUE",
                    help="parameter for every notebook (or only NB); must be declared")
    ap.add_argument("--jobs", "-j", type=int, default=min(2, os.cpu_count() or 1),
                    help="notebooks executed in parallel (default: 2)")
    ap.add_argument("--no-claims", action="store_true", help="skip writing claims.csv")
    ap.add_argument("--fresh-kernels", action="store_true",
                    help="start every kernel from scratch instead of forking it from a process "
                         "with the libraries imported (same reports, slower)")
    ap.add_argument("--install-kernel", action="store_true",
                    help="install the project kernel spec into this environment and exit")
    ap.add_argument("--report-text", metavar="PATH",
                    help="folder or file of the report text for report-text.html "
                         "(default ../shared/report/; '' for none)")
    a = ap.parse_args(argv)
    if a.report_text is not None:
        from analysis.build.pages import REPORT_TEXT_ENV

        os.environ[REPORT_TEXT_ENV] = a.report_text
    if a.install_kernel:
        folder = write_kernelspec(Path(sys.prefix) / "share" / "jupyter")
        print(f"kernel {KERNEL_NAME!r} -> {sys.executable} ({folder})")
        return 0
    labels = [x.strip() for x in re.split(r"[,\s]+", a.labels) if x.strip()]
    try:
        build(a.notebooks_dir, a.reports_dir, root=a.root, labels=labels, params=a.param,
              jobs=a.jobs, claims=not a.no_claims,
              fork_kernels=False if a.fresh_kernels else None)
    except BuildError as e:
        print(f"make reports failed (previous reports left as they were):\n{e}",
              file=sys.stderr, flush=True)
        return 1
    return 0
