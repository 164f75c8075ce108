"""The one home for hashing in the build: file and tree hashes, data hashes, cache keys, and the
scanner that finds which modules (of the analysis package, and of this machinery) shape a report.

Standard library only: a no-op build computes every key here and must stay well under a second.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

BUILD_FORMAT = "2"  # bump to invalidate every cached execution
MACHINERY_DIR = Path(__file__).resolve().parent  # src/reporting
SOURCE_DIR = MACHINERY_DIR.parent  # src/
PACKAGE_DIR = SOURCE_DIR / "analysis"  # the economics the notebooks import
TEMPLATE_DIR = MACHINERY_DIR / "templates"  # nbconvert template, kernels' matplotlibrc
# Where the machinery makes a notebook report's content: the kernel's environment (kernels),
# the notebook prepared and run (run, execute) and the HTML (render). These and every machinery
# module they import (`shaping_modules`, found by the import scanner below, so a new import
# cannot be forgotten) shape every report: an edit to one re-executes everything.
SHAPING_ROOTS = ("kernels", "run", "execute", "render")
# The rest never changes an executed notebook: the driver and its cache, publication and the
# index, the reviewers' pages (rebuilt in every new version anyway), the tools around builds.
# tests/unit/test_fingerprints.py checks that every module is in exactly one of the two sets.
NOT_SHAPING = ("__main__", "builder", "cli", "cache", "reads", "reportsdir", "publish",
               "reportindex", "quickcheck",
               "changes", "pages", "nav", "article", "reporttext", "pdf", "browser", "bench",
               "lab", "labcontents", "outline", "auditbrief", "bilingual", "figures", "docx",
               "pdfedit")


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


_DIGESTS: dict[tuple[str, int, int, int, int], str] = {}  # see sha256_file


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes. Remembered in this process for as long as the file's inode,
    size, modification and change times stay the same (a build hashes its inputs three times:
    for the keys, the snapshot before and the snapshot after; any write changes the times)."""
    st = os.stat(path)
    stamp = (os.fspath(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    digest = _DIGESTS.get(stamp)
    if digest is None:
        digest = _DIGESTS[stamp] = sha256_bytes(Path(path).read_bytes())
    return digest


_TREES: dict[str, tuple[list[tuple[str, tuple[int, int, int]]], list[Path]]] = {}


def _folder_stamp(path: str) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns, st.st_ctime_ns


def tree_files(folder: Path) -> list[Path]:
    """Every regular file under folder (sorted; caches, hidden and compiled files left out).

    Remembered in this process for as long as none of the folders walked changes its inode or
    times (adding, removing or renaming an entry changes them; each folder's stamp is taken
    before it is listed): a plan lists data/ once per report."""
    top = os.fspath(folder)
    known = _TREES.get(top)
    if known is not None:
        try:
            if all(_folder_stamp(d) == stamp for d, stamp in known[0]):
                return list(known[1])
        except OSError:
            pass
    if not folder.is_dir():
        return []
    folders: list[tuple[str, tuple[int, int, int]]] = []
    out: list[Path] = []

    def walk(d: str) -> None:
        try:
            folders.append((d, _folder_stamp(d)))
            with os.scandir(d) as it:
                entries = sorted((e.name, e.is_dir()) for e in it)
        except OSError:  # unreadable: nothing in it, as os.walk
            return
        for name, is_dir in entries:
            if not is_dir and not name.startswith(".") and not name.endswith((".pyc", ".pyo")):
                out.append(Path(d, name))
        for name, is_dir in entries:
            sub = os.path.join(d, name)
            if is_dir and not name.startswith(".") and name != "__pycache__" \
                    and not os.path.islink(sub):
                walk(sub)

    walk(top)
    _TREES[top] = (folders, out)
    return list(out)


def _relative(path: Path, base: Path) -> str:
    """path relative to base, as posix text (ValueError if it is not below base)."""
    text, prefix = os.fspath(path), os.fspath(base) + os.sep
    if text.startswith(prefix):
        return text[len(prefix):].replace(os.sep, "/")
    return path.relative_to(base).as_posix()


def files_hash(files: Iterable[Path], base: Path) -> str:
    """One sha256 over the paths (relative to base) and bytes of some files."""
    h = hashlib.sha256()
    for p in files:
        h.update(_relative(p, base).encode() + b"\0")
        h.update(bytes.fromhex(sha256_file(p)))
    return h.hexdigest()


def tree_hash(folder: Path) -> str:
    """One sha256 over the relative paths and bytes of every file under folder."""
    return files_hash(tree_files(folder), folder)


def reads_hash(root: Path, names: Iterable[str] | None, whole: str) -> str:
    """Data hash of one report keyed on the files it read (names relative to root) plus
    data/datapackage.json, which describes them all, and the names of the files in data/ (a
    file added or removed changes what the loader accepts); `whole` (the hash of data/) when the
    files read are unknown or one of them is gone."""
    if names is None:
        return whole
    files = {root / n for n in names} | {root / "data" / "datapackage.json"}
    if not all(f.is_file() for f in files):
        return whole
    listing = "\0".join(_relative(p, root) for p in tree_files(root / "data"))
    return sha256_bytes(f"reads\0{listing}\0{files_hash(sorted(files), root)}".encode())


def data_file_hashes(root: Path) -> list[dict[str, str]]:
    """sha256 of every file in root/data (path relative to root), for provenance and manifest."""
    return [
        {"path": p.relative_to(root).as_posix(), "sha256": sha256_file(p)}
        for p in tree_files(root / "data")
    ]


def data_fingerprint(files: Sequence[dict[str, str]]) -> str:
    """Short hash naming the whole data set (shown in the index and provenance block)."""
    text = "".join(f"{f['path']}\0{f['sha256']}\n" for f in files)
    return sha256_bytes(text.encode())[:12]


def environment_hash(root: Path) -> str:
    """Hash of what the kernel runs on and that can change a result: the interpreter's version
    and build, and the lock file, if any. Not where the interpreter lives: a checkout copied or
    cloned to another path (its .venv made again there) keeps every report current."""
    lock = root / "uv.lock"
    lock_hash = sha256_file(lock) if lock.exists() else "no-lock"
    return sha256_bytes(f"{sys.version}\0{sys.implementation.cache_tag}\0{lock_hash}".encode())


# Import statements, found by pattern rather than by parsing (a no-op build must stay fast):
# `from X import a, b`, `from X import (a,\n b)`, `import X, Y as Z`. A match inside a string
# only adds a dependency, never loses one.
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)"
    r"|import[ \t]+([^\n#;]*))",
    re.M,
)


def _import_lines(source: str) -> str:
    """The lines of source that contain "import" (a parenthesised name list to its closing
    parenthesis), all that _IMPORT can match: scanning them, not the whole text, is faster."""
    out = []
    i = source.find("import")
    while i != -1:
        start = source.rfind("\n", 0, i) + 1
        end = source.find("\n", i)
        end = len(source) if end == -1 else end
        opening = source.find("(", i, end)
        if opening != -1:
            closing = source.find(")", opening)
            end = max(end, closing + 1) if closing != -1 else end
        out.append(source[start:end])
        i = source.find("import", end)
    return "\n".join(out)


@functools.lru_cache(maxsize=256)
def _imported_modules(source: str, package: str = "analysis") -> frozenset[str]:
    """Modules of the top-level package of `package` that some Python source imports (top level
    or nested), as paths below it ("growth", "claims/rules"); `package` resolves relative ones."""
    top = package.split(".")[0]
    found = set()
    for dots, module, what, plain in _IMPORT.findall(_import_lines(source)):
        if plain:
            names = [n.split(" as ")[0].strip() for n in plain.split(",")]
        else:
            if dots:
                base = package.split(".")[: max(1, len(package.split(".")) - len(dots) + 1)]
                mod = ".".join(base + ([module] if module else []))
            else:
                mod = module
            items = what.strip("() \t\n").replace("\n", " ").split(",")
            names = [mod] + [f"{mod}.{n.split(' as ')[0].strip()}" for n in items if n.strip()]
        for name in names:
            parts = [p for p in name.split(".") if p]
            if parts[:1] == [top]:
                for i in range(2, len(parts) + 1):  # analysis.claims.rules: claims, claims/rules
                    found.add("/".join(parts[1:i]))
    return frozenset(found)


_IMPORTS: dict[tuple[str, str, int, int, int, int], frozenset[str]] = {}  # see _module_imports


def _module_imports(package_dir: str, mod: str) -> tuple[str, frozenset[str]] | None:
    """The file of module `mod` ("a/b") under package_dir (a.py or a/__init__.py) and what it
    imports of the package; None if there is no such file. What a file imports is remembered in
    this process for as long as its inode, size, modification and change times stay the same:
    every notebook's closure visits most of the package, which is read once, not per notebook."""
    top = os.path.basename(package_dir)
    for candidate in (f"{package_dir}/{mod}.py", f"{package_dir}/{mod}/__init__.py"):
        try:
            st = os.stat(candidate)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        dotted = f"{top}." + mod.replace("/", ".")
        package = dotted if candidate.endswith("/__init__.py") else dotted.rpartition(".")[0]
        key = (candidate, package, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        found = _IMPORTS.get(key)
        if found is None:
            with open(candidate, encoding="utf-8") as f:
                found = _IMPORTS[key] = _imported_modules(f.read(), package)
        return candidate, found
    return None


def _closure(sources: Iterable[str], package_dir: Path) -> list[str]:
    """Files of the package at package_dir that some sources import, transitively (a subpackage's
    module brings the subpackage's __init__.py, which Python runs first)."""
    base = os.fspath(package_dir)
    todo = {m for text in sources for m in _imported_modules(text, package_dir.name)}
    seen: set[str] = set()
    files: list[str] = []
    while todo:
        mod = todo.pop()
        if mod in seen:
            continue
        seen.add(mod)
        found = _module_imports(base, mod)
        if found is not None:
            files.append(found[0])
            todo |= found[1]
        if "/" in mod:
            todo.add(mod.rpartition("/")[0])
    return files


def _existing_sorted(files: Iterable[str]) -> list[Path]:
    """The files that exist, as paths in path order (by their parts), each once."""
    return [Path(f) for f in sorted(set(files), key=lambda f: f.split(os.sep))
            if os.path.exists(f)]


@functools.lru_cache(maxsize=4)
def shaping_modules(machinery_dir: Path = MACHINERY_DIR) -> tuple[Path, ...]:
    """The machinery's files that shape every report: SHAPING_ROOTS, what they import of the
    machinery (transitively), the package face (Python runs it before any submodule) and the
    templates."""
    roots = [machinery_dir / f"{m}.py" for m in SHAPING_ROOTS]
    sources = [f"import {machinery_dir.name}.{m}" for m in SHAPING_ROOTS]
    fixed = [*roots, machinery_dir / "__init__.py", *tree_files(machinery_dir / "templates")]
    return tuple(_existing_sorted([*map(os.fspath, fixed), *_closure(sources, machinery_dir)]))


_DEPENDENCIES: dict[tuple[str, Path, Path], tuple[list[Path], list[int]]] = {}


def package_dependencies(source_text: str, package_dir: Path = PACKAGE_DIR,
                         machinery_dir: Path = MACHINERY_DIR) -> list[Path]:
    """package_dependencies_of (below), remembered in this process while none of the files it
    found has been modified (only an edit to one of them can change what they import): a
    bilingual build asks twice for every notebook."""
    key = (source_text, package_dir, machinery_dir)
    known = _DEPENDENCIES.get(key)
    if known is not None and [_mtime(p) for p in known[0]] == known[1]:
        return list(known[0])
    files = package_dependencies_of(source_text, package_dir, machinery_dir)
    _DEPENDENCIES[key] = (files, [_mtime(p) for p in files])
    return list(files)


def _mtime(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def package_dependencies_of(source_text: str, package_dir: Path = PACKAGE_DIR,
                            machinery_dir: Path = MACHINERY_DIR) -> list[Path]:
    """Files a notebook's report depends on: what it imports of the analysis package,
    transitively, plus the package's __init__.py and the machinery that shapes every report
    (shaping_modules). A notebook that imports the package dynamically (importlib) depends on
    every module."""
    always = [package_dir / "__init__.py", *shaping_modules(machinery_dir)]
    if "importlib" in source_text or "__import__" in source_text:
        return sorted({p for p in always if p.exists()} | set(tree_files(package_dir)))
    init = package_dir / "__init__.py"
    sources = [source_text] + ([init.read_text(encoding="utf-8")] if init.exists() else [])
    return _existing_sorted([*map(os.fspath, always), *_closure(sources, package_dir)])


def input_snapshot(root: Path, notebooks_dir: Path, source_dir: Path = SOURCE_DIR
                   ) -> dict[str, str]:
    """sha256 of every file a build reads (data/, the notebooks, the analysis package and the
    machinery, the lock file), by a readable name; taken before planning and again before
    publishing."""
    def name(p: Path) -> str:
        try:
            return p.relative_to(root).as_posix()
        except ValueError:
            return p.as_posix()

    files = [*tree_files(root / "data"), *sorted(notebooks_dir.glob("*.py")),
             *tree_files(source_dir), *[p for p in (root / "uv.lock",) if p.exists()]]
    return {name(p): sha256_file(p) for p in files if p.is_file()}


def changed_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Names whose hash differs between two snapshots (added, removed or edited)."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


_CELL_START = re.compile(r"(?m)^(?=# %%)")
_MARKDOWN_HEADER = re.compile(r"# %%.*\[(markdown|md)\]")


def code_signature(text: str) -> str:
    """Hash of what executing a percent-format notebook depends on: everything but its
    markdown cells (code, cell headers with their tags, the file header). A markdown-only
    edit keeps it, so the executed notebook is reused and only re-rendered."""
    kept = [part for part in _CELL_START.split(text) if not _MARKDOWN_HEADER.match(part)]
    return sha256_bytes("\0".join(kept).encode())


def cache_key(
    source: Path, lang: str, parameters: dict[str, Any], data_hash: str, env_hash: str
) -> str:
    """Cache key of one (notebook, language): its code cells (markdown cells are re-rendered
    from the source, never executed), the analysis modules it imports (transitively), data/,
    its parameters and the environment."""
    text = source.read_bytes().decode("utf-8", "replace")
    deps = package_dependencies(text)
    parts = [
        BUILD_FORMAT, lang, json.dumps(parameters, sort_keys=True, default=str),
        code_signature(text), files_hash(deps, SOURCE_DIR), data_hash, env_hash,
    ]
    return sha256_bytes("\0".join(parts).encode())[:24]
