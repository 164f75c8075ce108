"""A no-op build answered by size and time (issue 22), before the build is even imported.

The full up-to-date check (reporting.builder: `plan`, `up_to_date`) hashes every input, asks
git for the version and checks the published files against their manifest; with the imports
it needs, a no-op took about 0.12 s. This module lets `python -m reporting` (reporting.__main__)
answer the same question in a few milliseconds when nothing it depends on has changed since
the full check last found the reports up to date:

- `record`, called by the Builder at the end of a full check that found reports/<version> up
  to date, writes reports/.cache/noop-record.txt: the command (argv, working folder,
  interpreter and its version, the environment variables that can change the answer), the
  version, the line to print, and the stat (type and mode, inode, size, modification and
  change times in ns; a symlink's own, its target text and its target's) of everything the
  check depends on (see `state`).
- `answer`, called first by reporting.__main__, compares: the same command and the same stat
  of every entry, none added or removed, and it prints the up-to-date line and the build is
  not imported. No record, an unreadable one, any difference, `--verify` (which reads every
  file), `--param` or an option it does not know: it says nothing and the full build runs,
  unchanged.
- `begin` (reporting.__main__, when `answer` did not answer) and `forget` (the Builder, under
  the reports folder's lock, before it writes anything) delete the record: a build that
  publishes, fails or is interrupted leaves none behind that could say "up to date" wrongly.

Why size and time suffice: any write to a file or folder sets its change time, which no program
can set back. A record is written only if the stats taken before the full check (`begin`) equal
those taken after it, except for what the check itself may rewrite (latest, index.html, the
index's record and pages, the reports folder's own entry), and if every change time in it is
more than RACY_SECONDS older than the check's start, so that no later write can share a clock
tick with a recorded one (git's "racily clean" files). Standard library only, and only modules
the interpreter has loaded at start-up (no json, no pathlib: the record is a Python literal
compared as text).
"""

from __future__ import annotations

import os
import stat
import sys
import time

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

FORMAT = "reporting.quickcheck 1"  # first line of a record; change it when the record changes
RECORD_NAME = "noop-record.txt"  # in <reports>/.cache/
# Change times younger than this at the start of a full check are not recorded (see above).
RACY_SECONDS = 1.0

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
SOURCE_DIR = os.path.join(PROJECT_ROOT, "src")  # fingerprints.SOURCE_DIR: modules key reports
# plan.INPUT_PATHS (what a build reads of its root, and what makes a version dirty) and
# publish.INDEX_SOURCES (what the index is made from of every version); a test checks both.
INPUT_PATHS = ("data", "notebooks", "src", "pyproject.toml", "uv.lock")
INDEX_SOURCES = ("manifest.json", "claims.csv", "key_figures.json")

# The options of `python -m reporting` a record can answer, spelled in full (argparse accepts
# abbreviations: `--ver` is --verify, so an option not in these lists is never answered).
VALUE_OPTIONS = ("--labels", "--jobs", "-j", "--timeout", "--report-text", "--root",
                 "--notebooks-dir", "--reports-dir")
FLAG_OPTIONS = ("--fresh-kernels",)
# Environment the answer can depend on: git's (PATH finds it, HOME and XDG_CONFIG_HOME its
# configuration), Python's search path, the project's own (LIAONING_*: data folder, report
# text, profile). REPORTING_COMMAND only words messages: left out.
ENV_NAMES = ("PATH", "HOME", "XDG_CONFIG_HOME", "PYTHONPATH", "PYTHONHOME")
ENV_PREFIXES = ("GIT_", "LIAONING_")
# Git variables that move the files git reads away from those stat'ed here: never answered.
GIT_RELOCATING = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR",
                  "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
                  "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_GRAFT_FILE",
                  "GIT_SHALLOW_FILE", "GIT_REPLACE_REF_BASE", "GIT_NAMESPACE")
# Git configuration that names other files (or a process) whose changes a stat would not see.
GIT_CONFIG_UNEXPECTED = ("include", "excludesfile", "attributesfile", "fsmonitor")

Stamp = list  # [mode, inode, size, mtime_ns, ctime_ns] (+ [link text, target's stamp])


def record_path(reports_dir: str | os.PathLike[str]) -> str:
    """Where the record of a reports folder lives."""
    return os.path.join(os.fspath(reports_dir), ".cache", RECORD_NAME)


def forget(reports_dir: str | os.PathLike[str]) -> None:
    """Delete the record of a reports folder (a build is about to run: it may change anything
    the record covers)."""
    try:
        os.unlink(record_path(reports_dir))
    except OSError:
        pass


# ---- the command


def _options(argv: list[str]) -> tuple[dict[str, str], bool]:
    """The options of argv (the last of each), and whether every argument is one a record can
    answer (VALUE_OPTIONS with their value, FLAG_OPTIONS)."""
    given: dict[str, str] = {}
    answerable = True
    i = 0
    while i < len(argv):
        name, eq, value = argv[i].partition("=")
        i += 1
        if name in FLAG_OPTIONS and not eq:
            continue
        if name not in VALUE_OPTIONS:
            answerable = False
            continue
        if not eq:
            if i >= len(argv):
                return given, False
            value = argv[i]
            i += 1
        if value.startswith("-"):  # argparse would read it as an option
            answerable = False
        given[name] = value
    return given, answerable


def _reports_dir(given: dict[str, str], cwd: str) -> str:
    return os.path.realpath(os.path.join(
        cwd, given.get("--reports-dir", os.path.join(PROJECT_ROOT, "reports"))))


def context(argv: list[str], cwd: str | None = None) -> dict[str, Any] | None:
    """What the answer depends on besides files: the command (argv, working folder, interpreter,
    environment) and the folders it names, resolved as the build resolves them. None when the
    command is not one a record answers: `--verify`, `--param` or any option not in
    VALUE_OPTIONS/FLAG_OPTIONS, no `--root` and a working folder other than this checkout (the
    build then checks which checkout it is in), or git's files moved by the environment."""
    cwd = os.getcwd() if cwd is None else cwd
    given, answerable = _options(argv)
    if not answerable:
        return None
    if "--root" in given:
        root = os.path.realpath(os.path.join(cwd, given["--root"]))
    elif os.path.realpath(cwd) == PROJECT_ROOT:
        root = PROJECT_ROOT
    else:
        return None
    env = {k: v for k, v in sorted(os.environ.items())
           if k in ENV_NAMES or k.startswith(ENV_PREFIXES)}
    if any(k in env for k in GIT_RELOCATING):
        return None
    notebooks = given.get("--notebooks-dir", os.path.join(PROJECT_ROOT, "notebooks"))
    return {
        "argv": list(argv), "cwd": cwd, "executable": sys.executable, "python": sys.version,
        "cache_tag": sys.implementation.cache_tag, "env": env, "root": root,
        "notebooks": os.path.realpath(os.path.join(cwd, notebooks)),
        "reports": _reports_dir(given, cwd), "source": SOURCE_DIR,
    }


# ---- the files


def _stamp(path: str) -> Stamp | None:
    """The stat of path, not following a symlink (for a symlink, its text and its target's
    stat are added); None if there is nothing there."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    out = [st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
    if stat.S_ISLNK(st.st_mode):
        try:
            out.append(os.readlink(path))
            t = os.stat(path)
            out.append([t.st_mode, t.st_ino, t.st_size, t.st_mtime_ns, t.st_ctime_ns])
        except OSError:
            out.append(None)
    return out


def _walk(top: str, found: dict[str, Stamp | None], follow: bool = True) -> None:
    """Stamp top and everything under it, in sorted order (__pycache__ folders left out; a
    symlink to a folder is followed at the top only, as fingerprints.tree_files does)."""
    if top in found:
        return
    st = found[top] = _stamp(top)
    if st is None:
        return
    target = st[6] if follow and len(st) == 7 else None
    if not stat.S_ISDIR(st[0]) and not (target is not None and stat.S_ISDIR(target[0])):
        return
    try:
        with os.scandir(top) as it:
            names = sorted(e.name for e in it)
    except OSError:
        return
    for name in names:
        if name != "__pycache__":
            _walk(os.path.join(top, name), found, follow=False)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _git(root: str, env: dict[str, str], found: dict[str, Stamp | None]) -> bool:
    """Stamp what `git rev-parse HEAD`, `git describe --always` and `git status -- <inputs>`
    read besides the inputs (plan.git_state), following a worktree's `.git` file and its
    `commondir`; False if anything is not as expected (no fast path then)."""
    dotgit = os.path.join(root, ".git")
    st = found[dotgit] = _stamp(dotgit)
    if st is None:
        return False
    if stat.S_ISDIR(st[0]):
        found[dotgit] = [st[0]]  # its times move whenever git takes a lock (status does)
        gitdir = common = dotgit
    elif stat.S_ISREG(st[0]):
        text = _read(dotgit)
        if not text.startswith("gitdir: ") or "\n" in text.strip():
            return False
        gitdir = os.path.normpath(os.path.join(root, text[len("gitdir: "):].strip()))
        commondir = os.path.join(gitdir, "commondir")
        found[commondir] = _stamp(commondir)
        common = gitdir if found[commondir] is None else os.path.normpath(
            os.path.join(gitdir, _read(commondir).strip()))
    else:
        return False
    if os.path.lexists(os.path.join(common, "reftable")):
        return False
    head_file = os.path.join(gitdir, "HEAD")
    found[head_file] = _stamp(head_file)
    head = _read(head_file).strip()
    files = [os.path.join(gitdir, n) for n in ("index", "config.worktree", "shallow",
                                                "info/sparse-checkout")]
    if head.startswith("ref: refs/heads/") and ".." not in head:
        files.append(os.path.join(common, head[len("ref: "):]))
    elif len(head) not in (40, 64) or head.strip("0123456789abcdef"):
        return False
    files += [os.path.join(common, n) for n in (
        "config", "packed-refs", "shallow", "info/exclude", "info/attributes", "info/grafts",
        "objects/info/alternates")]
    files += [os.path.join(root, ".gitignore"), os.path.join(root, ".gitattributes")]
    configs = [os.path.join(common, "config"), os.path.join(gitdir, "config.worktree"),
               "/etc/gitconfig"]
    home = env.get("HOME")
    if home:
        xdg = env.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
        configs += [os.path.join(home, ".gitconfig"), os.path.join(xdg, "git", "config")]
        files += [os.path.join(xdg, "git", "ignore"), os.path.join(xdg, "git", "attributes")]
    for path in [*files, *configs]:
        found[path] = _stamp(path)
    for path in configs:
        if found[path] is not None:
            text = _read(path).lower()
            if any(word in text for word in GIT_CONFIG_UNEXPECTED):
                return False
    _walk(os.path.join(common, "refs", "tags"), found)
    _walk(os.path.join(common, "refs", "replace"), found)
    for folder in env.get("PATH", "").split(os.pathsep):  # the git program the build runs
        path = os.path.join(folder or ".", "git")
        st = found[path] = _stamp(path)
        if st is not None and not stat.S_ISDIR(st[0]):
            break
    return True


def _published(reports: str, version: str | None, found: dict[str, Stamp | None]) -> None:
    """Stamp the published side: the reports folder and its entries (its lock and cache left
    out), every file and folder of reports/<version>/ and reports/changes/, what the index is
    made from of every other version (publish.INDEX_SOURCES), and the record of the data files
    each report read (reports/.cache/reads/, which keys the reports) and of the index."""
    found[reports] = _stamp(reports)
    try:
        names = sorted(os.listdir(reports))
    except OSError:
        names = []
    for name in names:
        path = os.path.join(reports, name)
        if name in (".lock", ".cache"):
            continue
        if name in (version, "changes"):
            _walk(path, found)
            continue
        st = found[path] = _stamp(path)
        if st is not None and stat.S_ISDIR(st[0]) and not name.startswith("."):
            for source in INDEX_SOURCES:
                found[os.path.join(path, source)] = _stamp(os.path.join(path, source))
    if version is not None:
        _walk(os.path.join(reports, version), found)
    cache = os.path.join(reports, ".cache")
    _walk(os.path.join(cache, "reads"), found)
    found[os.path.join(cache, "index.json")] = _stamp(os.path.join(cache, "index.json"))


def state(ctx: dict[str, Any], version: str | None) -> dict[str, Stamp | None] | None:
    """Path -> stamp of everything the full check depends on (see the module's docstring), in
    a fixed order; version names the published folder (None: none). None when something is
    not as expected (git, a version name that is no folder name)."""
    if version is not None and (os.sep in version or version in ("", ".", "..")):
        return None
    found: dict[str, Stamp | None] = {}
    for name in INPUT_PATHS:
        _walk(os.path.join(ctx["root"], name), found)
    _walk(ctx["notebooks"], found)
    _walk(ctx["source"], found)
    if not _git(ctx["root"], ctx["env"], found):
        return None
    _published(ctx["reports"], version, found)
    return found


def _body(ctx: dict[str, Any], found: dict[str, Stamp | None]) -> str:
    """The record's comparable part: a Python literal, one line, compared as text."""
    return repr({"context": ctx, "stats": found})


# ---- the three steps: answer, begin, record

_SESSION: dict[str, Any] = {}  # what `begin` saw, for `record`
_LAST: dict[str, Any] = {}  # the state `answer` took, which `begin` may reuse


def answer(argv: list[str]) -> bool:
    """Print the up-to-date line and return True if the record answers argv (the same command,
    every stamp the same); else False, having printed nothing. Never raises: anything
    unexpected is left to the full check."""
    t0 = time.perf_counter()
    _LAST.clear()
    try:
        ctx = context(argv)
        if ctx is None:
            return False
        with open(record_path(ctx["reports"]), encoding="utf-8", newline="") as f:
            parts = f.read().split("\n", 3)
        if len(parts) != 4 or parts[0] != FORMAT:
            return False
        _, version, line, body = parts
        started = time.time_ns()
        found = state(ctx, version)
        _LAST.update(context=ctx, version=version, found=found, started=started)
        if found is None or _body(ctx, found) != body:
            return False
    except Exception:  # noqa: BLE001 - an unreadable record, a vanished file: the full check
        return False
    sys.stdout.write(f"{line} in {time.perf_counter() - t0:.2f} s: unchanged by size and time "
                     "since the last full check (--verify checks in full)\n")
    sys.stdout.flush()
    return True


def begin(argv: list[str]) -> None:
    """The start of a run `answer` did not answer: delete the record of the reports folder argv
    names (the build may change anything it covers) and, if argv is a command a record can
    answer, take the stats before the full check (for `record`). Never raises."""
    _SESSION.clear()
    try:
        cwd = os.getcwd()
        forget(_reports_dir(_options(argv)[0], cwd))
        ctx = context(argv, cwd)
        if ctx is None:
            return
        try:
            latest: str | None = os.readlink(os.path.join(ctx["reports"], "latest"))
        except OSError:
            latest = None
        if _LAST.get("context") == ctx and _LAST.get("version") == latest:
            found, started = _LAST["found"], _LAST["started"]  # answer's, a moment ago
        else:
            started = time.time_ns()
            found = state(ctx, latest)
        if found is not None:
            _SESSION.update(context=ctx, before=found, started=started)
    except Exception:  # noqa: BLE001 - no record then; the build runs as it always did
        _SESSION.clear()


def _rewritable(reports: str) -> tuple[set[str], str]:
    """What the full check itself may rewrite (publish.point_latest, publish.write_index):
    exact paths, and the folder whose contents it may rewrite."""
    cache = os.path.join(reports, ".cache")
    exact = {reports, os.path.join(reports, "latest"), os.path.join(reports, "index.html"),
             os.path.join(cache, "index.json"), os.path.join(reports, "changes")}
    return exact, os.path.join(reports, "changes") + os.sep


def _youngest(found: dict[str, Stamp | None]) -> int:
    """The latest change time (ns) among the stamps (a symlink's target's included)."""
    times = [0]
    for st in found.values():
        if st is not None and len(st) > 4:
            times.append(st[4])
            if len(st) == 7 and st[6] is not None:
                times.append(st[6][4])
    return max(times)


def record(reports_dir: str | os.PathLike[str], root: str | os.PathLike[str],
           notebooks_dir: str | os.PathLike[str], version: str, line: str) -> bool:
    """Write the record after a full check found reports/<version> up to date (the Builder
    calls it under the reports folder's lock): only if this run began with `begin` for the
    same folders, nothing the check depends on changed while it ran (but what it may rewrite
    itself), and no recorded change is younger than RACY_SECONDS before it started. True if
    written. Never raises."""
    session = dict(_SESSION)
    _SESSION.clear()
    try:
        ctx = session.get("context")
        if ctx is None or [ctx["reports"], ctx["root"], ctx["notebooks"]] != [
                os.fspath(reports_dir), os.fspath(root), os.fspath(notebooks_dir)]:
            return False
        if any(c in version + line for c in "\n\r"):
            return False
        after = state(ctx, version)
        if after is None:
            return False
        exact, inside = _rewritable(ctx["reports"])

        def kept(found: dict[str, Stamp | None]) -> dict[str, Stamp | None]:
            return {k: v for k, v in found.items() if k not in exact and not k.startswith(inside)}

        if kept(session["before"]) != kept(after):
            return False
        if _youngest(after) >= session["started"] - int(RACY_SECONDS * 1e9):
            return False
        path = record_path(ctx["reports"])
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write("\n".join([FORMAT, version, line, _body(ctx, after)]))
            os.replace(tmp, path)
        except (OSError, ValueError):  # read-only, full, or unwritable text: no record
            try:
                os.unlink(tmp)
            except OSError:
                pass
            return False
        return True
    except Exception:  # noqa: BLE001 - no record: the next no-op checks in full
        return False
