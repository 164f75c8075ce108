"""The Builder: one build from plan to publication (see reporting for the whole picture)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import reporting.cache as cache
import reporting.profile as profile
import reporting.quickcheck as quickcheck
import reporting.reads as reads
import reporting.reportsdir as reportsdir
import reporting.zygote as zygote
from analysis import datareads
from analysis.provenance import DATA_DIR_ENV, PROJECT_ROOT, VALIDATED_ENV
from reporting.common import (
    BuildError,
    Log,
    Refused,
    deferred_interrupts,
    file_system_error,
    print_line,
    rel,
    write_text,
    writing,
)
from reporting.execute import NOTEBOOK_TIMEOUT, allow_runs
from reporting.fingerprints import (
    cache_key,
    changed_files,
    data_file_hashes,
    data_fingerprint,
    environment_hash,
    input_snapshot,
    reads_hash,
    sha256_bytes,
    sha256_file,
    tree_hash,
)
from reporting.kernels import kernel_env, report_kernel
from reporting.plan import (
    DEFAULT_LABELS,
    KNOWN_LABELS,
    BuildResult,
    Job,
    default_jobs,
    find_notebooks,
    git_state,
    plan_jobs,
)
from reporting.publish import installed_packages, point_latest, publish, write_index
from reporting.render import (
    PROVENANCE_PACKAGES,
    Renderer,
    path_replacements,
    with_current_markdown,
)
from reporting.run import (
    MAX_OUTPUT_BYTES,
    RunContext,
    execute,
    failures_once,
    notebook_pools,
    prepare,
)

Timings = dict[tuple[str, str], dict[str, Any]]


class Builder:
    """One build: plans jobs, executes what the cache lacks, renders HTML, publishes."""

    def __init__(
        self,
        notebooks_dir: Path,
        reports_dir: Path,
        root: Path = PROJECT_ROOT,
        labels: Sequence[str] = DEFAULT_LABELS,
        params: Sequence[str] = (),
        jobs: int | None = None,
        log: Log | None = None,
        pycache: Path | None = None,
        fork_kernels: bool | None = None,
        timeout: float | None = None,
        max_output_bytes: int = MAX_OUTPUT_BYTES,
        verify: bool = False,
    ) -> None:
        self.notebooks_dir = Path(notebooks_dir).resolve()
        self.reports_dir = Path(reports_dir).resolve()
        self.root = Path(root).resolve()
        bad = [x for x in labels if x not in KNOWN_LABELS]
        if bad or not labels:
            raise Refused(f"label languages must be among {KNOWN_LABELS}, got {list(labels)}")
        self.labels = list(dict.fromkeys(labels))
        self.params = list(params)
        self.workers = max(1, default_jobs() if jobs is None else jobs)
        self.log = log or print_line
        self.cache_dir = self.reports_dir / ".cache"
        self.pycache = Path(pycache) if pycache else self.cache_dir / "pycache"
        self.renderer = Renderer()
        self.timeout = NOTEBOOK_TIMEOUT if timeout is None else float(timeout)
        self.max_output_bytes = max_output_bytes
        self.verify = verify  # read every published file on a no-op, not only changed ones
        if self.timeout <= 0:
            raise Refused(f"timeout must be a positive number of seconds, got {timeout}")
        # Kernels forked from a zygote that has the libraries imported (Linux; see zygote).
        self.fork_kernels = zygote.available() if fork_kernels is None else fork_kernels
        self._read: dict[tuple[str, str], dict[str, str]] = {}  # data files each kernel read
        # each report's notebook as rendered (and written), for the pages and key figures
        self._rendered: dict[tuple[str, str], Any] = {}
        self._profiled: dict[str, dict[str, Any]] = {}  # what each kernel's probes measured
        self.published: str | None = None  # the version this build published, once it has
        self.work: Path | None = None  # the folder the new version is being written in

    # ---- planning (standard library only)
    def plan(self) -> tuple[dict[str, Any], list[Job]]:
        """Git state and jobs with cache keys, for the label sets asked for and those the
        version folder already holds (a version is extended, never narrowed). Non-default
        parameters name a version of their own (`<revision>-params-<hash>`): one name, one
        content; a path parameter is confined to the reports folder."""
        state = git_state(self.root)
        if self.params:
            tag = sha256_bytes(json.dumps(sorted(self.params)).encode())[:8]
            state = {**state, "version": f"{state['version']}-params-{tag}"}
        data_hash = tree_hash(self.root / "data")
        env_hash = environment_hash(self.root)
        kept = reportsdir.published_labels(self.reports_dir / state["version"], self.labels,
                                           self.log)
        jobs = plan_jobs(find_notebooks(self.notebooks_dir), self.labels + kept, self.params,
                         self._data_hash(data_hash), env_hash)
        for job in jobs:
            job.paths = reportsdir.confine_paths(job.parameters, self.reports_dir,
                                                 job.source.name)
        return state, jobs

    def _data_hash(self, whole: str) -> Callable[[str, str], str]:
        """Data hash of each report: of the files it read when last executed (its side
        record, reports/.cache/reads/<notebook>.<lang>.json), else of the whole data tree."""
        def of(name: str, lang: str) -> str:
            return reads_hash(self.root, reads.recorded(self.cache_dir, name, lang), whole)
        return of

    def up_to_date(self, version: str, jobs: Sequence[Job]) -> bool:
        """Whether reports/<version> already holds every requested report with the same keys."""
        verified = None if self.verify else self.cache_dir / f"verified-{version}.json"
        return reportsdir.up_to_date(self.reports_dir / version, jobs, self.log, verified)

    def run(self) -> BuildResult:
        """Build the reports of the current tree (or find them up to date); raise BuildError.

        One build at a time writes a reports folder (reportsdir.locked). A refused build leaves
        nothing behind; a full, read-only or refusing file system ends in one line naming the
        path (common.file_system_error)."""
        reportsdir.check_reports_dir(self.reports_dir, self.root, self.notebooks_dir)
        created = reportsdir.missing_parents(self.reports_dir)
        try:
            with reportsdir.locked(self.reports_dir, self.log):
                return self._run_locked()
        except Refused:
            reportsdir.remove_created(created)
            raise
        except OSError as e:  # named by the file, else the folder being written
            error = file_system_error(e, self.work or self.reports_dir)
            if error is None:
                raise
            raise error from None

    def _run_locked(self) -> BuildResult:
        t0 = time.perf_counter()
        quickcheck.forget(self.reports_dir)  # before anything is written: no stale answer
        with profile.step("inputs hashed (snapshot before the build)"):
            inputs = self._snapshot()  # before the keys: any later change shows at the end
        with profile.step("plan: git state, cache keys"):
            state, jobs = self.plan()
        version = state["version"]
        result = BuildResult(version=version, path=self.reports_dir / version)
        where = rel(self.reports_dir / version)
        with profile.step("up to date? (published files against the manifest)"):
            current = self.up_to_date(version, jobs)
        if current:
            with deferred_interrupts():  # latest and the index move together
                point_latest(self.reports_dir, version)
                write_index(self.reports_dir)  # repairs an index that misses a version
            result.up_to_date = True
            result.reused = [f"{j.name} ({j.lang})" for j in jobs]
            result.seconds = time.perf_counter() - t0
            line = f"[build] {where} is up to date ({len(jobs)} reports, nothing to run)"
            self.log(f"{line} in {result.seconds:.2f} s")
            if not self.verify:  # the next no-op with this command: by size and time
                quickcheck.record(self.reports_dir, self.root, self.notebooks_dir, version,
                                  line)
            return result
        self._build(state, jobs, result, inputs)
        result.seconds = time.perf_counter() - t0
        self.log(f"[build] published {where} ({len(result.executed)} executed, "
                 f"{len(result.reused)} from cache) in {result.seconds:.1f} s; "
                 f"latest -> {version}")
        return result

    # ---- the real work (heavy imports from here on)
    def _snapshot(self) -> dict[str, str]:
        return input_snapshot(self.root, self.notebooks_dir)

    def _check_inputs_unchanged(self, before: dict[str, str], written: Sequence[Path]) -> None:
        """Refuse to publish when an input changed while the kernels ran (they may have read
        either version); what this build cached is discarded too."""
        changed = changed_files(before, self._snapshot())
        if not changed:
            return
        for path in written:
            cache.discard(path)
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5
                                          else "")
        raise BuildError(f"[fail] {shown} changed during the build; nothing published "
                         "(run it again)")

    def _build(self, state: dict[str, Any], jobs: list[Job], result: BuildResult,
               inputs: dict[str, str]) -> None:
        version = state["version"]
        reportsdir.remove_stale(self.reports_dir, self.log)
        work = self.work = self.reports_dir / f".build-{version}-{os.getpid()}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        printer = None
        try:
            jobs, carried = reportsdir.keep_published(self.reports_dir / version, jobs,
                                                      self.labels, work, self.log)
            to_run = self._longest_first([j for j in jobs if self._from_cache(j) is None])
            self.log(f"[build] version {version}: {len(jobs) + len(carried)} reports, "
                     f"{len(to_run)} to run, {len(jobs) - len(to_run)} cached"
                     f"{f', {len(carried)} kept' if carried else ''}; "
                     f"{self.workers} parallel kernels")
            with ExitStack() as kernels:  # the zygote imports while this process prepares
                socket_path = self._kernels(kernels, to_run, work)
                import reporting.pdf as pdf  # Chromium starts too, when a notebook runs

                printer = pdf.build_printer(self.root, state["revision"], self.cache_dir,
                                            self.log, start=bool(to_run))
                with profile.step("data files hashed, packages listed"):
                    data_files = data_file_hashes(self.root)
                    packages = installed_packages()
                ctx = RunContext(
                    work=work, socket_path=socket_path, timeout=self.timeout,
                    max_output_bytes=self.max_output_bytes, root=self.root,
                    replacements=path_replacements(self.root, self.notebooks_dir, work,
                                                   self.reports_dir),
                    provenance={
                        "version": version, "revision": state["revision"],
                        "dirty": state["dirty"], "data_files": data_files,
                        "data_fingerprint": data_fingerprint(data_files),
                        "packages": {k: packages[k] for k in PROVENANCE_PACKAGES
                                     if k in packages},
                    })
                with profile.step("notebooks converted (jupytext), parameters checked"):
                    import jupytext  # noqa: F401  (import once, before the threads start)
                    import nbconvert  # noqa: F401
                    import papermill  # noqa: F401

                    prepare(to_run, ctx)  # refuses undeclared parameters before anything runs
                with profile.step("notebooks executed and rendered (kernels in parallel, wall)"):
                    timings, attached = self._execute_all(jobs, to_run, ctx, result)
            self._record_seconds(timings)
            reads.check_read(self._read, inputs, [self._cached(j) for j in to_run])
            claims_file = self._attached(work, attached)
            import datetime as dt  # here, not on the no-op path

            manifest = {
                "version": version, "revision": state["revision"], "dirty": state["dirty"],
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "labels": list(dict.fromkeys(
                    [j.lang for j in jobs] + [r["lang"] for r in carried])),
                "python": sys.version.split()[0],
                "data_fingerprint": ctx.provenance["data_fingerprint"],
                "data_files": data_files,
                "notebooks": {p.name: sha256_file(p) for p in sorted({j.source for j in jobs})},
                "packages": packages,
                "claims": claims_file,
                "reports": [
                    {"notebook": j.name, "lang": j.lang, "key": j.key,
                     "parameters": j.parameters, "html": f"{j.lang}/{j.name}.html",
                     "ipynb": f"{j.lang}/{j.name}.ipynb", **timings[(j.name, j.lang)]}
                    for j in jobs
                ] + carried,
            }
            shutil.rmtree(work / ".work", ignore_errors=True)
            from analysis.keyfigures import write_version as write_key_figures
            from reporting.pages import executed_notebooks, write_pages

            notebooks = executed_notebooks(work, manifest, self._rendered)
            try:  # for the index's "what changed since the previous version"
                write_key_figures(work, manifest["reports"], notebooks)
            except ValueError as err:
                raise BuildError(f"[fail] key figures: {err}") from None
            with profile.step("reviewers' pages (article, report text, PDF, Word, figures)"):
                manifest["pages"] = write_pages(work, manifest, self.root, self.cache_dir,
                                                self.log, self.notebooks_dir, printer,
                                                notebooks)
            with profile.step("version's files hashed (manifest)"):
                manifest["files"] = cache.file_hashes(work)
                write_text(work / "manifest.json",
                           json.dumps(manifest, indent=2, sort_keys=True))
            with profile.step("inputs hashed again (unchanged during the build?)"):
                self._check_inputs_unchanged(inputs, [self._cached(j) for j in to_run])
            with deferred_interrupts(), profile.step("published (rename, latest, index)"):
                publish(self.reports_dir, work, version)
                self.published = version
            if profile.enabled():
                profile.write(Path(os.environ[profile.PROFILE_ENV]), self._profiled)
        finally:
            if printer is not None:
                printer.close()  # Chromium, if the build ends before its pages
            shutil.rmtree(work, ignore_errors=True)

    def _longest_first(self, to_run: list[Job]) -> list[Job]:
        """Jobs ordered by expected run time, longest first, so that the kernels finish
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

    def _record_seconds(self, timings: Timings) -> None:
        """Remember how long each executed notebook took (for `_longest_first`)."""
        seconds = self._seconds()
        seconds.update({f"{name}.{lang}": t["execute_seconds"]
                        for (name, lang), t in timings.items() if t["executed"]})
        write_text(self.cache_dir / "seconds.json",
                   json.dumps(seconds, indent=1, sort_keys=True) + "\n")

    def _cached(self, job: Job) -> Path:
        return self.cache_dir / "executed" / f"{job.name}.{job.lang}.{job.key}.ipynb"

    def _from_cache(self, job: Job) -> Any:
        """The executed notebook of job from the cache, if its entry is sound (else None)."""
        import nbformat

        data = cache.load(self._cached(job), self.log, {"key": job.key})
        if data is None:
            return None
        try:
            return nbformat.reads(data.decode("utf-8"), as_version=4)
        except Exception as e:  # noqa: BLE001 - any unreadable entry is made again
            cache.discard(self._cached(job))
            self.log(f"[cache] {rel(self._cached(job))} is unreadable ({type(e).__name__}): "
                     "discarded, made again")
            return None

    def _kernels(self, stack: ExitStack, to_run: Sequence[Job], work: Path) -> str | None:
        """The report kernel (and zygote) for the duration of `stack`; see report_kernel. The
        kernel spec lives in this build's own work folder: two builds at once in one clone
        never start kernels from each other's zygote."""
        env = {**kernel_env(self.pycache), VALIDATED_ENV: str(self.cache_dir / "validated"),
               DATA_DIR_ENV: str(self.root / "data")}  # the data this build hashes
        return stack.enter_context(report_kernel(
            work / ".work" / "jupyter", env, self.notebooks_dir,
            fork=self.fork_kernels and bool(to_run)))

    def _execute_all(self, jobs: Sequence[Job], to_run: Sequence[Job], ctx: RunContext,
                     result: BuildResult) -> tuple[Timings, dict[str, str]]:
        """Run the missing notebooks in parallel kernels and render every report; the timings
        and the files the notebooks attached (analysis.reportfiles).

        Rendering has a thread of its own, so a kernel starts on the next notebook while the
        previous one's HTML is being written.
        """
        running = {id(j) for j in to_run}
        timings: Timings = {}
        files: dict[tuple[str, str], dict[str, str]] = {}
        failures: list[str] = []
        allow_runs()
        from concurrent.futures import as_completed  # not on the no-op path

        with notebook_pools(self.workers) as (pool, render_pool):
            executing = {pool.submit(self._execute_timed, j, ctx): j for j in to_run}
            rendering = {render_pool.submit(self._render_one, j, None, 0.0, ctx): j
                         for j in jobs if id(j) not in running}
            for fut in as_completed(executing):
                job = executing[fut]
                try:
                    nb, seconds = fut.result()
                except BuildError as e:
                    self.log(f"[fail]  {job.name} ({job.lang})")
                    failures.append(str(e))
                    continue
                rendering[render_pool.submit(self._render_one, job, nb, seconds, ctx)] = job
            for fut in as_completed(rendering):
                job = rendering[fut]
                timings[(job.name, job.lang)], files[(job.name, job.lang)] = fut.result()
                (result.executed if id(job) in running else result.reused).append(
                    f"{job.name} ({job.lang})")
        if failures:
            raise BuildError(failures_once(failures))
        attached: dict[str, str] = {}
        for job in jobs:  # in job order, so the same notebook always provides a file
            for name, text in files[(job.name, job.lang)].items():
                if attached.setdefault(name, text) != text:
                    raise BuildError(f"[fail] {job.source.name} ({job.lang}) attached a {name} "
                                     "that differs from the one attached before it")
        return timings, attached

    def _key_on_reads(self, job: Job, nb: Any) -> None:
        """Key the executed report on the data files it read (as the next plan will, from the
        side record written here) and keep what it read for the check before publishing."""
        read = nb.metadata.get(datareads.METADATA_KEY)
        if not isinstance(read, dict):
            return
        self._read[(job.name, job.lang)] = dict(read)
        names = sorted(read)
        job.key = cache_key(job.source, job.lang, job.parameters,
                            reads_hash(self.root, names, tree_hash(self.root / "data")),
                            environment_hash(self.root))
        reads.remember(self.cache_dir, job.name, job.lang, names)

    def _execute_timed(self, job: Job, ctx: RunContext) -> tuple[Any, float]:
        """Execute one notebook with progress lines, and cache it; the notebook and seconds."""
        import nbformat

        label = f"{job.name} ({job.lang})"
        self.log(f"[run]   {label}")
        t0 = time.perf_counter()
        nb = execute(job, ctx, self.notebooks_dir, self.reports_dir / ".failed")
        measured = nb.metadata.pop(profile.METADATA_KEY, None)
        self._key_on_reads(job, nb)
        cache.store(self._cached(job), nbformat.writes(nb).encode("utf-8"), {"key": job.key})
        seconds = time.perf_counter() - t0
        if measured is not None:
            self._profiled[label] = {**measured, "execute": seconds}
        self.log(f"[done]  {label} executed in {seconds:.1f} s")
        return nb, seconds

    def _render_one(self, job: Job, nb: Any, t_exec: float, ctx: RunContext
                    ) -> tuple[dict[str, Any], dict[str, str]]:
        """Render one report (from the cache when nb is None); its timings and attached files."""
        import nbformat

        from analysis.reportfiles import from_notebook

        executed = nb is not None
        t1 = time.perf_counter()
        if nb is None:
            cached = self._from_cache(job)
            nb = None if cached is None else with_current_markdown(cached, job.source)
            if nb is None:
                raise BuildError(f"[fail] cache entry of {job.name} ({job.lang}) vanished "
                                 "or no longer fits its notebook during the build; run it again")
        html_text = self.renderer.render(job, nb, ctx.provenance)
        out = ctx.work / job.lang / f"{job.name}.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        write_text(out, html_text)
        with writing(out.with_suffix(".ipynb")):
            nbformat.write(nb, out.with_suffix(".ipynb"))
        self._rendered[(job.name, job.lang)] = nb
        t_html = time.perf_counter() - t1
        if f"{job.name} ({job.lang})" in self._profiled:
            self._profiled[f"{job.name} ({job.lang})"]["render"] = t_html
        if not executed:
            self.log(f"[cache] {job.name} ({job.lang}) rendered from cache in {t_html:.1f} s")
        return ({"executed": executed, "execute_seconds": round(t_exec, 2),
                 "render_seconds": round(t_html, 2)}, from_notebook(nb))

    def _attached(self, work: Path, attached: dict[str, str]) -> str | None:
        """Step: the files notebooks attached (analysis.reportfiles: claims.csv, which the audit
        notebook computes once) written beside the reports; the claims file's name, if any."""
        for name, text in sorted(attached.items()):
            write_text(work / name, text)
        return "claims.csv" if "claims.csv" in attached else None
