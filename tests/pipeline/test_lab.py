"""JupyterLab as `make lab` starts it (reporting.lab): a notebook's .py URL opens as a
notebook in the project's lab kernel, in headless Chromium (skips without it on a laptop, fails
under CI); and the lab kernel reloads edited modules while the report kernel does not.

The server runs on a free port of 127.0.0.1 with a token, its config, runtime, settings and
workspace folders in a temp folder (nothing from or into the home folder), and is always
stopped. Every wait is bounded. A screenshot goes to test-output/screenshots/.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import process_gone, running_kernel

from analysis.provenance import PROJECT_ROOT
from reporting import KERNEL_NAME, browser, kernel_env, lab, write_kernelspec

NOTEBOOK = "notebooks/03_trade_collapse.py"
SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"
SERVER_START_S = 120  # a cold JupyterLab on a busy 2-core machine
UI_WAIT_MS = 120_000  # JupyterLab's scripts in Chromium on a busy 2-core machine
KERNEL_WAIT_S = 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, token: str, path: str, method: str = "GET") -> Any:
    """JSON from the server's REST API (None for an empty answer)."""
    req = urllib.request.Request(f"{base}/api/{path}", method=method,
                                 headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
    return json.loads(body) if body else None


def _isolated_env(home: Path) -> dict[str, str]:
    """This process's environment with every per-user Jupyter/IPython folder in `home`."""
    env = {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"}
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("IPYTHONDIR", "ipython")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    return env


def _log_tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """`python -m reporting.lab` (what `make lab` runs) on a free port; (base URL, token)."""
    home = tmp_path_factory.mktemp("lab-home")
    port, token = _free_port(), "lab-test-token"
    base = f"http://127.0.0.1:{port}"
    log = home / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reporting.lab", "--port", str(port), "--token", token,
             "--no-browser"], cwd=PROJECT_ROOT, env=_isolated_env(home), stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{_log_tail(log)}")
            try:
                _api(base, token, "status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab not up within {SERVER_START_S} s:\n{_log_tail(log)}")
                time.sleep(0.5)
        yield base, token
    finally:
        try:  # shut the kernels down through the server, then the server itself
            for k in _api(base, token, "kernels") or []:
                _api(base, token, f"kernels/{k['id']}", method="DELETE")
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        assert process_gone(proc.pid, within=5)


def _first_heading(path: Path) -> str:
    """The text of the notebook's first Markdown heading (its title)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# #"):
            return line.lstrip("# ").strip()
    raise AssertionError(f"{path}: no Markdown heading")


def test_notebook_py_url_opens_as_notebook_in_the_project_kernel(chromium, lab_server):
    from playwright.sync_api import sync_playwright

    base, token = lab_server
    blocked: list[str] = []
    with sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path=chromium, headless=True,
                                    args=list(browser.CHROMIUM_ARGS))
        try:
            context = chrome.new_context(viewport=browser.VIEWPORT)
            # nothing but this server: the lab must work offline
            context.route(lambda url: not url.startswith(base + "/"),
                          lambda route: (blocked.append(route.request.url),
                                         route.abort("blockedbyclient")))
            page = context.new_page()
            page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=UI_WAIT_MS)
            page.wait_for_function(
                "name => [...document.querySelectorAll('.jp-NotebookPanel "
                ".jp-Toolbar-kernelName')].some(e => e.textContent.trim() === name)",
                arg=lab.LAB_DISPLAY_NAME, timeout=UI_WAIT_MS)
            title = page.locator(".jp-NotebookPanel .jp-MarkdownOutput h1").first.inner_text()
            cells = page.locator(".jp-NotebookPanel .jp-Cell").count()
            code_cells = page.locator(".jp-NotebookPanel .jp-CodeCell").count()
            editors = page.locator(".jp-FileEditor").count()
            tab = page.locator(".jp-mod-current .lm-TabBar-tabLabel").first.inner_text()
            # once the kernel is up (the lab then writes its language_info into the notebook),
            # the notebook is still unmodified: no dirty marker on its tab
            deadline = time.monotonic() + KERNEL_WAIT_S
            while time.monotonic() < deadline and not any(
                    s["path"] == NOTEBOOK and s["kernel"]["execution_state"] == "idle"
                    for s in _api(base, token, "sessions")):
                # wait inside Playwright: the page's requests pass through the route above,
                # which is served only while Playwright runs (time.sleep held the kernel's
                # requests for the whole wait)
                page.wait_for_timeout(500)
            page.wait_for_timeout(2000)
            dirty = page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").count()
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "lab_03_trade_collapse.png"))
        finally:
            chrome.close()
    assert tab == Path(NOTEBOOK).name
    assert dirty == 0, "the notebook is marked modified (●) the moment it opens"
    assert editors == 0, "the .py opened in a text editor, not as a notebook"
    assert cells >= 2 and code_cells >= 1, (cells, code_cells)
    assert _first_heading(PROJECT_ROOT / NOTEBOOK) in title.replace("\u00b6", "").strip()
    assert blocked == [], f"the lab asked for something outside the machine: {blocked}"

    # the server side: a session on that file, in the project kernel, which started and is idle
    deadline = time.monotonic() + KERNEL_WAIT_S
    while True:
        sessions = [s for s in _api(base, token, "sessions") if s["path"] == NOTEBOOK]
        state = sessions[0]["kernel"]["execution_state"] if sessions else None
        if state == "idle" or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert [s["kernel"]["name"] for s in sessions] == [KERNEL_NAME], sessions
    assert state == "idle", f"lab kernel not idle within {KERNEL_WAIT_S} s: {sessions}"


def test_notebooks_are_served_with_the_kernels_language_info_which_the_py_never_keeps():
    """What keeps a freshly opened notebook unmodified (reporting.labcontents): the model
    carries the language_info the kernel will report, and jupytext filters it out on save."""
    import jupytext

    from reporting import labcontents

    assert f"--ServerApp.contents_manager_class={labcontents.CLASS_NAME}" in lab.lab_argv()
    model = {"type": "notebook", "content": {"metadata": {}, "cells": []}}
    info = labcontents.with_language_info(model)["content"]["metadata"]["language_info"]
    assert info["name"] == "python" and info["version"] == sys.version.split()[0]
    text = (PROJECT_ROOT / NOTEBOOK).read_text(encoding="utf-8")
    nb = jupytext.reads(text, fmt="py:percent")
    nb.metadata["language_info"] = info
    config = jupytext.config.load_jupytext_configuration_file(
        str(PROJECT_ROOT / "notebooks" / "jupytext.toml"))
    assert jupytext.writes(nb, fmt="py:percent", config=config) == text  # saved unchanged


# ---------------------------------------------------------------- the lab kernel itself


def _run(kc: Any, code: str) -> str:
    """Execute code in a kernel; its stdout (errors raise)."""
    out: list[str] = []

    def hook(msg: dict[str, Any]) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            raise AssertionError("\n".join(msg["content"]["traceback"]))

    reply = kc.execute_interactive(code, output_hook=hook, timeout=KERNEL_WAIT_S)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out)


def _edits_seen(kernels_dir: Path, work: Path) -> tuple[str, dict[str, str | None]]:
    """Start the project kernel from kernels_dir in `work`, import a module there, edit it;
    the value the kernel then sees, and its environment's values of KERNEL_ENV's names."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    module = work / "edited_module.py"
    module.write_text("VALUE = 'before'\n", encoding="utf-8")

    def start() -> KernelManager:
        km = KernelManager(kernel_name=KERNEL_NAME,
                           kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels_dir)]))
        km.start_kernel(cwd=str(work))
        return km

    with running_kernel(start, timeout=KERNEL_WAIT_S) as (_km, kc):
        names = sorted(kernel_env(work / "pycache"))
        env = json.loads(_run(kc, f"import json, os, edited_module\n"
                                  f"print(json.dumps({{k: os.environ.get(k) for k in "
                                  f"{names!r}}}))"))
        module.write_text("VALUE = 'after'\n", encoding="utf-8")
        later = time.time() + 10  # a newer mtime even on a coarse clock
        os.utime(module, (later, later))
        return _run(kc, "print(edited_module.VALUE)").strip(), env


def test_lab_kernel_reloads_edited_modules_and_the_report_kernel_does_not(tmp_path, monkeypatch):
    for var in ("IPYTHONDIR", "JUPYTER_RUNTIME_DIR"):
        (tmp_path / var).mkdir()
        monkeypatch.setenv(var, str(tmp_path / var))
    lab_kernels = lab.write_lab_kernelspec(tmp_path / "lab").parent
    report_env = kernel_env(tmp_path / "pycache")
    report_kernels = write_kernelspec(tmp_path / "report", report_env).parent
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    lab_value, lab_env = _edits_seen(lab_kernels, tmp_path / "a")
    report_value, _ = _edits_seen(report_kernels, tmp_path / "b")
    assert lab_value == "after"
    assert report_value == "before"
    # the lab kernel runs with the report kernel's environment variables
    assert {k: v for k, v in lab_env.items() if v is not None} == \
        kernel_env(lab.LAB_PYCACHE)
