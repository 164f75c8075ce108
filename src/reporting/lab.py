"""JupyterLab as the economists use it (`make lab`): a notebook's .py opens as a notebook, in the
project kernel, and edits to src/analysis reach the running kernel without a restart.

`python -m reporting.lab install` (run by `make env` and `make lab`) writes two things into
the environment (`sys.prefix/share/jupyter`, never the user's home):

- the lab kernel spec `kernels/<KERNEL_NAME>/`: the report kernel's interpreter and environment
  variables (`reporting.kernel_env`: fixed hash seed, matplotlibrc, inline backend, ...), plus
  IPython's autoreload, so a changed module under src/analysis is reloaded before the next cell
  runs. Only the lab sees this spec: every report build writes its own spec, without autoreload,
  first on JUPYTER_PATH, so reports stay deterministic;
- `lab/settings/overrides.json`: jupytext's "Jupytext Notebook" as the default viewer of Python
  files, so clicking notebooks/03_trade_collapse.py (or opening its URL) shows cells, not text;
  and no news feed or update check, so the lab asks nothing of the network.
  Which .py files are notebooks is decided by the jupytext.toml files: notebooks/ holds them;
  anywhere else a .py is a module and is refused as a notebook (open it with Open With > Editor),
  so a module is never rewritten in notebook form.

`python -m reporting.lab [--port N] [--token T] [--no-browser]` installs, then starts
JupyterLab on the project with notebooks/ open.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from analysis.provenance import PROJECT_ROOT
from reporting.kernels import KERNEL_NAME, kernel_env, kernelspec

LAB_DISPLAY_NAME = "Python (Liaoning analysis, lab)"
# Run at kernel start: reload changed modules before every cell (IPython's autoreload, mode 2:
# every module imported, except those excluded with %aimport -name).
AUTORELOAD_LINES = ("%load_ext autoreload", "%autoreload 2")
DOCMANAGER = "@jupyterlab/docmanager-extension:plugin"
NOTEBOOK_VIEWER = "Jupytext Notebook"  # the widget factory jupyterlab-jupytext registers
VIEWER_FILE_TYPES = ("python",)  # JupyterLab file types opened with NOTEBOOK_VIEWER
# The lab stays offline and quiet: no news feed, no update check (both would call jupyter.org).
NOTIFICATIONS = "@jupyterlab/apputils-extension:notification"
QUIET = {"fetchNews": "false", "checkForUpdates": False}
LAB_PYCACHE = PROJECT_ROOT / "reports" / ".cache" / "pycache"  # as the build's (kernel_env)


def jupyter_data_dir(prefix: Path | str | None = None) -> Path:
    """The environment's Jupyter data directory (sys.prefix/share/jupyter unless given)."""
    return Path(prefix if prefix is not None else sys.prefix) / "share" / "jupyter"


def overrides_file(prefix: Path | str | None = None) -> Path:
    """JupyterLab's application settings overrides in the environment (LabApp.app_settings_dir)."""
    return jupyter_data_dir(prefix) / "lab" / "settings" / "overrides.json"


def lab_kernelspec(env: dict[str, str] | None = None) -> dict[str, Any]:
    """The report kernel spec (same interpreter, same environment) with autoreload switched on."""
    spec = kernelspec(kernel_env(LAB_PYCACHE) if env is None else env)
    spec["argv"] = [*spec["argv"], *(f"--IPKernelApp.exec_lines={line}"
                                     for line in AUTORELOAD_LINES)]
    spec["display_name"] = LAB_DISPLAY_NAME
    return spec


def write_lab_kernelspec(prefix: Path | str | None = None) -> Path:
    """Write the lab kernel spec into the environment; returns its folder."""
    folder = jupyter_data_dir(prefix) / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    _write_json(folder / "kernel.json", lab_kernelspec())
    return folder


def with_lab_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """`settings` (an overrides.json) with notebooks as the default viewer of Python files and
    no calls to jupyter.org; every other setting is kept."""
    out = dict(settings)
    plugin = dict(out.get(DOCMANAGER, {}))
    plugin["defaultViewers"] = {**plugin.get("defaultViewers", {}),
                                **dict.fromkeys(VIEWER_FILE_TYPES, NOTEBOOK_VIEWER)}
    out[DOCMANAGER] = plugin
    out[NOTIFICATIONS] = {**out.get(NOTIFICATIONS, {}), **QUIET}
    return out


def write_overrides(prefix: Path | str | None = None) -> Path:
    """Merge the lab settings into the environment's overrides.json; returns its path."""
    path = overrides_file(prefix)
    settings: dict[str, Any] = {}
    if path.exists():
        try:
            settings = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise SystemExit(f"{path}: not valid JSON (line {e.lineno}, column {e.colno}: "
                             f"{e.msg}); fix or delete it, then run `make lab` again") from None
        if not isinstance(settings, dict):
            raise SystemExit(f"{path}: expected a JSON object of settings, found "
                             f"{type(settings).__name__}")
    _write_json(path, with_lab_settings(settings))
    return path


def install(prefix: Path | str | None = None) -> list[Path]:
    """Write the lab kernel spec and the default viewers into the environment."""
    return [write_lab_kernelspec(prefix), write_overrides(prefix)]


def lab_argv(port: int | None = None, token: str | None = None, open_browser: bool = True,
             root: Path = PROJECT_ROOT) -> list[str]:
    """The JupyterLab command line: the project as root, notebooks/ open, the project kernel
    as default, settings from the environment (where install() wrote them)."""
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}",
            "--LabApp.default_url=/lab/tree/notebooks",
            f"--MappingKernelManager.default_kernel_name={KERNEL_NAME}",
            # notebooks served with the kernel's language_info: they open unmodified
            "--ServerApp.contents_manager_class=reporting.labcontents.LabContentsManager",
            f"--LabApp.app_settings_dir={overrides_file().parent}"]
    if port is not None:
        argv += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                 "--ServerApp.ip=127.0.0.1"]
    if token is not None:
        argv.append(f"--IdentityProvider.token={token}")
    if not open_browser:
        argv.append("--no-browser")
    if hasattr(os, "getuid") and os.getuid() == 0:
        argv.append("--allow-root")
    return argv


def _write_json(path: Path, data: Any) -> None:
    """Write JSON only when it changes (no churn in the environment's timestamps)."""
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: `install` writes the lab set-up into the environment; without a command,
    install and start JupyterLab."""
    ap = argparse.ArgumentParser(prog="python -m reporting.lab",
                                 description=" ".join(__doc__.split("\n\n")[0].split()))
    ap.add_argument("command", nargs="?", choices=["install", "serve"], default="serve")
    ap.add_argument("--port", type=int, help="port on 127.0.0.1 (default: JupyterLab's own)")
    ap.add_argument("--token", help="access token (default: a random one, printed)")
    ap.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    a = ap.parse_args(argv)
    for path in install():
        print(f"lab set-up: {path}", flush=True)
    if a.command == "install":
        return 0
    cmd = lab_argv(a.port, a.token, open_browser=not a.no_browser)
    os.execv(cmd[0], cmd)  # JupyterLab replaces this process (Ctrl-C reaches it directly)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
