"""Shared fixtures: a scratch copy of data/ that a test may break; the executed notebooks; the
`slow` marker on the integration tests (`make test-fast` leaves them out, `make test` runs all)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from analysis.labels import LANGUAGES
from analysis.provenance import DATA_DIR

TESTS_DIR = Path(__file__).resolve().parent
# Integration tests: every test under these folders is marked slow (new ones too).
SLOW_FOLDERS = ("notebooks", "pipeline")
# A test that asks for these fixtures executes notebooks, wherever it lives.
SLOW_FIXTURES = ("executed_notebooks",)


def is_slow(path: Path, fixturenames: list[str] | tuple[str, ...]) -> bool:
    """Whether a test is an integration test: under tests/notebooks or tests/pipeline, or using
    a fixture that runs notebooks."""
    try:
        folder = Path(path).resolve().relative_to(TESTS_DIR).parts[0]
    except (ValueError, IndexError):
        folder = ""
    return folder in SLOW_FOLDERS or any(f in fixturenames for f in SLOW_FIXTURES)


# Fixtures that take long to make, or whose tests build on each other's steps. Under
# pytest-xdist (`make test` runs `--dist loadgroup`) the tests of one of them run on one worker,
# so it is made once; every other test goes wherever a worker is free. test_build's `built` and
# `breakable` and test_reliability's `english` are builds of a fixture project (a zygote,
# kernels, Chromium for the PDF: about 7 s of CPU each); session-scoped but ungrouped, they were
# made by each of the four workers, on two cores, which are what `make test` is short of.
# Longest first: the order in which their groups are queued (see queue_longest_first), by the
# time each group takes with its tests (a build of the whole project and its browser check; every
# notebook in both languages; the fixture project's builds that wait for kernels to hang, time
# out or be killed; ...).
SHARED_FIXTURES = ("hostile_build", "executed_notebooks", "breakable", "built", "site", "english",
                   "proj", "lab_server", "zygote_socket", "zygote_env")


def shared_fixture(item: pytest.Item) -> str | None:
    """The first expensive shared fixture a test uses (its xdist group), or None."""
    names = getattr(item, "fixturenames", ())
    found = next((f for f in SHARED_FIXTURES if f in names), None)
    return f"{item.path.stem}::{found}" if found and found != "executed_notebooks" else found


def queue_longest_first(items: list[pytest.Item]) -> None:
    """Put the tests of the shared fixtures first, the longest group first (SHARED_FIXTURES
    order; stable, so each group and every other test keep their order). xdist queues a group
    where its first test stands: the long groups then start at once on workers of their own,
    and the short tests fill the workers as they free up, instead of a long group starting
    late and running alone at the end."""
    rank = {f: i for i, f in enumerate(SHARED_FIXTURES)}

    def key(item: pytest.Item) -> int:
        group = shared_fixture(item)
        return rank[group.rpartition("::")[2]] if group else len(rank)

    items.sort(key=key)


def pytest_configure(config: pytest.Config) -> None:
    """Under xdist, queue the groups as queue_longest_first orders them, not by their number of
    tests (xdist's default for --dist loadgroup)."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the integration tests `slow` by where they live (see is_slow), and keep the tests of
    one shared fixture on one xdist worker, the longest group queued first (see SHARED_FIXTURES);
    in one process the order is the files'."""
    for item in items:
        if is_slow(item.path, getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        group = shared_fixture(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
    if hasattr(config, "workerinput"):  # an xdist worker: the order it reports is the queue's
        queue_longest_first(items)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Leave tests/notebooks and tests/pipeline unimported under `-m "not slow"` (`make
    test-fast`): every test there is slow (see is_slow), so importing them only costs time."""
    markexpr = " ".join(str(config.getoption("markexpr", "") or "").split())
    if markexpr == "not slow" and collection_path.parent == TESTS_DIR \
            and collection_path.name in SLOW_FOLDERS:
        return True
    return None


@pytest.fixture(scope="session")
def validated_stamps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of the session's frictionless passes (the build's VALIDATED_ENV record)."""
    return tmp_path_factory.mktemp("validated")


@pytest.fixture
def record_passes(validated_stamps: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Loads record frictionless passes as a build does (analysis.checks: keyed on the file's
    bytes and schema), so a file no test changed is checked once a session and a changed one
    always; a test that sets VALIDATED_ENV itself gets its own record."""
    from analysis.provenance import VALIDATED_ENV

    monkeypatch.setenv(VALIDATED_ENV, str(validated_stamps))
    return validated_stamps


@pytest.fixture
def data_copy(tmp_path: Path, record_passes: Path) -> Path:
    """A copy of data/ in a temp folder; returns the copy's datapackage.json path (loads from
    it record frictionless passes: see record_passes)."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst)
    return dst / "datapackage.json"


@pytest.fixture(scope="session")
def claims_audit() -> Any:
    """The claims audit of the real register (`analysis.claims.audit`), run once a session for
    the modules that read it; each takes a copy (see their `result` fixtures)."""
    from analysis import claims

    return claims.audit()


NOTEBOOK_LANGS = LANGUAGES  # every label language (analysis.labels)


def _execute_notebook(name: str, lang: str, tmp: Path, socket_path: str | None) -> tuple[Any, Path]:
    """Pair notebooks/<name>.py to an .ipynb in tmp and execute it with papermill."""
    import jupytext
    import nbformat

    import reporting.figures as figures
    from analysis.provenance import PROJECT_ROOT
    from reporting import KERNEL_NAME, kernelspec
    from reporting.execute import run_isolated

    work = tmp / f"{name}_{lang}"
    work.mkdir()
    src = work / f"{name}.ipynb"
    nb = jupytext.read(PROJECT_ROOT / "notebooks" / f"{name}.py")
    # the report kernel as the build names it (its own spec, not a copy of its literals)
    spec = kernelspec()
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "language": spec["language"],
                                 "display_name": spec["display_name"]}
    jupytext.write(nb, src)
    params: dict[str, Any] = {"label_language": lang}
    out = work / f"{name}.out.ipynb"
    # a child process per notebook (killable), both it and the kernel forked from the zygote
    run_isolated(src, out, params, KERNEL_NAME, work, zygote_socket=socket_path)
    executed = nbformat.read(out, as_version=4)
    # the figure files as the build writes them: figures/<figure-id>.png and .svg
    figures.write(work, figures.collect([(name, executed)]))
    return executed, work / figures.FIGURES_DIR


@pytest.fixture(scope="session")
def executed_notebooks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    """Every notebook run once per label language, two kernels at a time (the CI has 2 cores),
    in the report kernel: with the report environment and, on Linux, forked from a zygote, as
    `make reports` runs them.

    Maps (notebook name, language) to (executed notebook, folder of its figure files).
    """
    import reporting as build
    import reporting.zygote as zygote
    from analysis.provenance import PROJECT_ROOT

    tmp = tmp_path_factory.mktemp("notebooks")
    jobs = [(p.stem, lang) for p in sorted((PROJECT_ROOT / "notebooks").glob("[0-9]*.py"))
            for lang in NOTEBOOK_LANGS]
    env = build.kernel_env(PROJECT_ROOT / "build" / "test-pycache")
    with build.report_kernel(tmp / "jupyter", env, PROJECT_ROOT / "notebooks",
                             fork=zygote.available()) as socket_path, \
            ThreadPoolExecutor(max_workers=2) as pool:
        futures = {job: pool.submit(_execute_notebook, *job, tmp, socket_path) for job in jobs}
        return {job: f.result() for job, f in futures.items()}


def require_browser() -> str:
    """Path of headless Chromium for real-browser tests: they skip without it on a laptop and
    fail under CI (where .ci/run installs it)."""
    import reporting.browser as browser

    try:
        return browser.find_chromium()
    except browser.BrowserMissing as e:
        if browser.under_ci():
            pytest.fail(f"CI: real-browser tests need Chromium: {e}")
        pytest.skip(f"real-browser tests skipped: {e}")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium's path (see require_browser)."""
    return require_browser()


def process_gone(pid: int, within: float) -> bool:
    """Whether process `pid` has ended (and been reaped) within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@contextmanager
def running_kernel(start: Callable[[], Any], timeout: float) -> Iterator[tuple[Any, Any]]:
    """The kernel `start()` started (it returns its jupyter_client KernelManager) and its ready
    client, shut down afterwards. A kernel that dies before it answers is started once more, as
    the build does: jupyter_client picks free TCP ports and the kernel binds them later, and in
    a parallel test run another process can take one in between ("Address already in use")."""
    for attempt in (1, 2):
        km = start()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=timeout)
            break
        except RuntimeError:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)
            if attempt == 2:
                raise
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)


def notebook_text(nb: Any) -> str:
    """All text an executed notebook's cells wrote: streams, plain text, Markdown, errors."""
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                parts.append(o["text"])
            elif o.get("output_type") == "error":
                parts.append(f"{o['ename']}: {o['evalue']}")
            for kind in ("text/plain", "text/markdown"):
                if kind in o.get("data", {}):
                    parts.append(o["data"][kind])
    return "\n".join(parts)
