"""Build the reports: run notebooks/*.py headlessly into versioned, offline, deterministic HTML.

`python -m reporting` (what `make reports` runs) executes every jupytext percent notebook
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
scientific stack once (`reporting.zygote`; `--fresh-kernels` starts each from scratch, with the
same reports), longest notebooks go first, HTML is rendered on its own thread while kernels
run, and a data file's frictionless check is done once per build, not once per notebook.

The modules, in the order a build uses them: `plan` (jobs, parameters, git version),
`fingerprints` (every hash and cache key), `reportsdir` (the reports folder: its lock, which
folders may be one, path parameters, what a published version holds), `kernels` (kernel spec
and environment), `zygote`
(forked kernels), `run` and `execute` (papermill in a child process), `render` (determinism
clean-up, HTML), `publish` (atomic publication, latest, index), `builder` (the Builder that
strings them together) and `cli` (`build()`, `main()`); `changes`, `reportindex`, `bench`
and `browser` serve the index page, `make bench` and `make browser-check`.
"""

from __future__ import annotations

from reporting.builder import Builder
from reporting.cli import build, main
from reporting.common import BuildError, Log, Refused
from reporting.fingerprints import (
    BUILD_FORMAT,
    PACKAGE_DIR,
    TEMPLATE_DIR,
    cache_key,
    data_file_hashes,
    data_fingerprint,
    environment_hash,
    files_hash,
    package_dependencies,
    sha256_bytes,
    sha256_file,
    tree_files,
    tree_hash,
)
from reporting.kernels import (
    KERNEL_ENV,
    KERNEL_NAME,
    MATPLOTLIBRC,
    environment_has_bytecode,
    kernel_env,
    kernelspec,
    report_kernel,
    write_kernelspec,
)
from reporting.plan import (
    DEFAULT_LABELS,
    KNOWN_LABELS,
    BuildResult,
    Job,
    find_notebooks,
    git_state,
    parse_param,
    plan_jobs,
)
from reporting.publish import installed_packages, write_index
from reporting.render import PROVENANCE_PACKAGES, TEMPLATE_NAME

__all__ = [
    "BUILD_FORMAT", "DEFAULT_LABELS", "KERNEL_ENV", "KERNEL_NAME", "KNOWN_LABELS", "MATPLOTLIBRC",
    "PACKAGE_DIR", "PROVENANCE_PACKAGES", "TEMPLATE_DIR", "TEMPLATE_NAME", "BuildError",
    "BuildResult", "Builder", "Job", "Log", "Refused", "build", "cache_key",
    "data_file_hashes", "data_fingerprint", "environment_has_bytecode",
    "environment_hash", "files_hash", "find_notebooks", "git_state", "installed_packages",
    "kernel_env", "kernelspec", "main", "package_dependencies", "parse_param", "plan_jobs",
    "report_kernel", "sha256_bytes", "sha256_file", "tree_files", "tree_hash", "write_index",
    "write_kernelspec",
]
