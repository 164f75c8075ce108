"""Build the reports: run notebooks/*.py headlessly into versioned, offline, deterministic HTML.

`python -m reporting` (what `make reports` runs) executes every jupytext percent notebook
with papermill in the project's own kernel, as many at a time as the machine has cores and one
more, and renders each into one self-contained HTML page (figures inline, nothing fetched from
the network, code folded away) with the executed .ipynb beside it:

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
strings them together) and `cli` (`build()`, `main()`); `quickcheck` answers a no-op by size
and time, from the record of the last full check, before any of them is imported; `changes`,
`reportindex`, `bench`, `profile` and `browser` serve the index page, `make bench`,
`make profile` and `make browser-check`.

The names below are imported when first used (PEP 562): `python -m reporting.zygote`, which
starts twice for every notebook a build runs, then imports only the zygote, not the builder.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a stand-in's start-up)
if TYPE_CHECKING:
    from typing import Any

# Public name -> the module that defines it.
_EXPORTS = {
    "Builder": "builder", "build": "cli", "main": "cli",
    "BuildError": "common", "Log": "common", "Refused": "common",
    **dict.fromkeys(("BUILD_FORMAT", "PACKAGE_DIR", "TEMPLATE_DIR", "cache_key",
                     "data_file_hashes", "data_fingerprint", "environment_hash", "files_hash",
                     "package_dependencies", "sha256_bytes", "sha256_file", "tree_files",
                     "tree_hash"), "fingerprints"),
    **dict.fromkeys(("KERNEL_ENV", "KERNEL_NAME", "MATPLOTLIBRC", "environment_has_bytecode",
                     "kernel_env", "kernelspec", "report_kernel", "write_kernelspec"),
                    "kernels"),
    **dict.fromkeys(("DEFAULT_LABELS", "KNOWN_LABELS", "BuildResult", "Job", "find_notebooks",
                     "git_state", "parse_param", "plan_jobs"), "plan"),
    "installed_packages": "publish", "write_index": "publish",
    "PROVENANCE_PACKAGES": "render", "TEMPLATE_NAME": "render",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use; or a submodule."""
    module = _EXPORTS.get(name)
    if module is None:
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
